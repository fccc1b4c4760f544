"""The memo's "Where the team disagrees" section, for a memo made from several raters' views.

The team's answer and the one question to settle next come first (what a facilitator puts on
the screen), then each rater's answer and every disagreement; `team_html` escapes every name.

>>> from cpo_model import Company
>>> from cpo_model.team import assess_team
>>> t = assess_team({"CEO": Company(headcount=300, complexity=2),
...                  "CTO <b>": Company(headcount=300, complexity=5)})
>>> html = team_section(t).html
>>> html.startswith("<h2>Where the team disagrees</h2>"), "CTO &lt;b&gt;" in html
(True, True)
"""

from __future__ import annotations

from ..team import TeamAssessment, settle_line, team_html
from .markup import Html


def team_section(team: TeamAssessment) -> Html:
    """The section as cell output: HTML, and a plain-text summary for nbval."""
    html = "<h2>Where the team disagrees</h2>" + team_html(team)
    n = len(team.raters)
    text = f"Team of {n}: {team.team.create_cpo.value}; {settle_line(team)}".strip()
    return Html(html, text)
