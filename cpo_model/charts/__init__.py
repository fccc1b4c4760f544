"""Charts of the model's answers: matplotlib's object API, no global pyplot state.

Charts only draw what they are given: an `Assessment`, a frame from `assess_frame`, or data
from `cpo_model.analysis`. Every chart takes an optional `ax` and returns the `Figure` it drew
on. Colours are Paul Tol's muted palette (colour-blind safe, `present`); user text is drawn as
plain text.

>>> from cpo_model import Company, assess
>>> from cpo_model.analysis import decision_grid
>>> a = assess(Company(headcount=300, complexity=3, name="Acme"))
>>> fig = decision_map(a, decision_grid(a))
>>> sorted(set(fig.cpo_grid["create_cpo"].dropna()))
['consider', 'no', 'yes']
>>> fig.savefig("acme_map.png")  # doctest: +SKIP

- `maps`: `decision_map`, `precedents_chart` (answers over headcount x complexity)
- `portfolio`: `portfolio_chart` (many companies on those axes)
- `bars`: `contributions_chart`, `sensitivity_chart`, `responsibilities_chart`, `portfolio_bars`,
  `readiness_chart`
- `team`: `team_chart` (where raters disagree, from `TeamAssessment.spread()`)
- `base`: the figure, legend, axes and cut-off helpers they share
"""

from .bars import (
    contributions_chart,
    portfolio_bars,
    readiness_chart,
    responsibilities_chart,
    sensitivity_chart,
)
from .base import plain
from .maps import decision_map, precedents_chart
from .portfolio import portfolio_chart
from .team import team_chart

__all__ = [
    "contributions_chart",
    "decision_map",
    "plain",
    "portfolio_bars",
    "portfolio_chart",
    "precedents_chart",
    "readiness_chart",
    "responsibilities_chart",
    "sensitivity_chart",
    "team_chart",
]
