"""Every chart is legible as saved: no text runs off the figure, and the labels written next to
bars or points do not cover the axis labels. Drawn with Agg at the report's resolution."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")  # this test process only

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from cpo_model import Company, assess, charts
from cpo_model.analysis import (
    contributions_data,
    decision_grid,
    responsibilities_data,
    sensitivity_data,
    stage_bands,
)
from cpo_model.report.page import FIGURE_DPI
from cpo_model.team import assess_team
from tests.charts.cases import COMPANIES, CUTOFFS

TOLERANCE = 1.0  # pixels

# the longest labels the inputs allow: every yes/no input flipped to its long words, estimated
# PMs, four owners at risk, a long name (cut to the charts' limit)
LONG = Company(
    headcount=180,
    complexity=3,
    founder_overloaded=True,
    ceo_leads_product=False,
    tech_company=True,
    product_market_fit=True,
    owners={"product_strategy": "ceo", "user_research": "nobody", "growth_marketing": "nobody"},
    name="Ä very long company name that goes on and on, Inc.",
)
# the company of `make report` (six of nine responsibilities with the CEO or nobody)
ATLAS = Company(
    headcount=120,
    complexity=3,
    product_managers=4,
    engineers=40,
    owners={
        "product_strategy": "ceo",
        "product_vision": "ceo",
        "product_design": "product_lead",
        "user_research": "nobody",
        "product_development": "product_lead",
        "growth_marketing": "ceo",
        "analysis_metrics": "nobody",
        "build_organization": "ceo",
        "hire_oversee": "product_lead",
    },
    name="Atlas Freight",
)
CASES = [*COMPANIES, LONG, ATLAS, Company(headcount=3), Company(headcount=2_000_000, complexity=5)]


def _drawn(fig, monkeypatch) -> tuple[object, list[Text]]:
    """Draw `fig` as the report does; the renderer and the texts actually drawn (tick labels
    outside the view are skipped by matplotlib, so they are not in the list)."""
    drawn: list[Text] = []
    draw = Text.draw

    def spy(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return draw(self, renderer)

    monkeypatch.setattr(Text, "draw", spy)
    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(FIGURE_DPI)
    canvas.draw()
    monkeypatch.setattr(Text, "draw", draw)
    return canvas.get_renderer(), drawn


def _outside(fig, monkeypatch) -> list[str]:
    renderer, texts = _drawn(fig, monkeypatch)
    box = fig.bbox
    out = []
    for t in texts:
        e = t.get_window_extent(renderer)
        if (
            e.x0 < box.x0 - TOLERANCE
            or e.x1 > box.x1 + TOLERANCE
            or e.y0 < box.y0 - TOLERANCE
            or e.y1 > box.y1 + TOLERANCE
        ):
            out.append(
                f"{t.get_text()!r} at x {e.x0:.0f}..{e.x1:.0f} y {e.y0:.0f}..{e.y1:.0f}, "
                f"figure {box.x1:.0f}x{box.y1:.0f}"
            )
    return out


def _figures():
    for c in CASES:
        a = assess(c)
        label = c.name or f"h{c.headcount}"
        yield f"map-{label}", lambda a=a: charts.decision_map(a, decision_grid(a))
        yield f"points-{label}", lambda a=a: charts.contributions_chart(contributions_data(a))
        yield f"sensitivity-{label}", lambda c=c: charts.sensitivity_chart(sensitivity_data(c))
        if c.owners:
            yield (
                f"owners-{label}",
                lambda c=c: charts.responsibilities_chart(responsibilities_data(c), c.name),
            )
        # a phone's charts (the app below 600 px)
        yield (
            f"points-phone-{label}",
            lambda a=a: charts.contributions_chart(contributions_data(a), narrow=True),
        )
        yield (
            f"sensitivity-phone-{label}",
            lambda c=c: charts.sensitivity_chart(sensitivity_data(c), narrow=True),
        )
        yield (
            f"owners-phone-{label}",
            lambda c=c: charts.responsibilities_chart(
                responsibilities_data(c, columns=1), c.name, narrow=True
            ),
        )


FIGURES = dict(_figures())


@pytest.mark.parametrize("name", FIGURES)
def test_no_text_runs_off_the_figure(name, monkeypatch):
    assert _outside(FIGURES[name](), monkeypatch) == []


def test_team_and_portfolio_text_stays_on_the_figure(portfolio_frame, monkeypatch):
    team = assess_team(
        {
            "Chief Executive Officer and co-founder": Company(headcount=120, complexity=3),
            "CTO": Company(headcount=120, complexity=5, founder_overloaded=True),
            "CFO": Company(headcount=400, complexity=2, product_market_fit=False),
        }
    )
    assert _outside(charts.team_chart(team.spread()), monkeypatch) == []
    assert _outside(charts.portfolio_bars(portfolio_frame, CUTOFFS), monkeypatch) == []
    for key in ("eu", "gartner"):
        fig = charts.portfolio_chart(portfolio_frame, stage_bands(None, key), key)
        assert _outside(fig, monkeypatch) == [], key


def test_precedents_and_readiness_text_stays_on_the_figure(monkeypatch):
    from cpo_model.calibration import judge
    from cpo_model.readiness import rate_candidate
    from cpo_model.resources import skills

    table = judge()
    tech = table[table["kind"] == "tech"]
    fig = charts.precedents_chart(tech, decision_grid(Company(headcount=1)))
    assert _outside(fig, monkeypatch) == []
    ratings = dict.fromkeys((s["id"] for s in skills()), 4) | {"leadership": 1}
    assert _outside(charts.readiness_chart(rate_candidate(ratings)), monkeypatch) == []


@pytest.mark.parametrize("company", CASES, ids=lambda c: c.name or f"h{c.headcount}")
def test_sensitivity_labels_do_not_cover_the_input_names(company, monkeypatch):
    fig = charts.sensitivity_chart(sensitivity_data(company))
    renderer, _ = _drawn(fig, monkeypatch)
    ax = fig.axes[0]
    names = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    labels = [t for t in ax.texts if t.get_gid() == "sensitivity_label"]
    assert labels
    for t in labels:
        e = t.get_window_extent(renderer)
        assert e.x0 >= ax.bbox.x0 - TOLERANCE, f"{t.get_text()!r} starts left of the axes"
        assert not any(e.overlaps(n) for n in names), t.get_text()
