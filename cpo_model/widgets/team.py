"""`TeamPanel`: a leadership team's views side by side. Add raters, set each one's view of the
judgement inputs, and watch the spread, the team's answer and the question to settle next.

The company's facts (name, headcount, product team) are shared; each rater gives a view of
complexity, product/market fit, the founder's load, the CEO's intent and who owns product
vision. Blank is "no view".

>>> panel = TeamPanel(raters=["CEO", "CTO"])
>>> panel.rows[0].fields["complexity"].value = "2"
>>> panel.rows[1].fields["complexity"].value = "5"
>>> panel.team.disagreements[0].input, panel.team.team_view.complexity
('complexity', 4)
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as W

from .. import charts
from ..charts.live import figure_png
from ..company import Company
from ..errors import InvalidInputError
from ..policy import Policy, resolve
from ..present import OWNER_LABELS
from ..schema import complexity_levels, field
from ..team import TeamAssessment, assess_team, team_html
from ..types import Owner
from .controls import NumberBox, yes_no_options

JUDGEMENT = ("complexity", "product_market_fit", "founder_overloaded", "ceo_leads_product")
OWNER = "owner_product_vision"
FACTS = ("headcount", "product_managers", "engineers", "tech_company")
DEFAULT_RATERS = ("CEO", "CTO", "Board member")
WIDTHS = {"name": "200px", "complexity": "110px", "owner": "140px", "yes_no": "95px"}
COLUMNS = (  # the header over each rater's controls, and their widths
    ("Rater", WIDTHS["name"]),
    ("Complexity", WIDTHS["complexity"]),
    ("Fit reached", WIDTHS["yes_no"]),
    ("Founder overloaded", WIDTHS["yes_no"]),
    ("CEO keeps product", WIDTHS["yes_no"]),
    ("Owns product vision", WIDTHS["owner"]),
)


class RaterRow(W.HBox):
    """One rater: a name and a view of each judgement input ('' = no view)."""

    def __init__(self, name: str, on_change, on_remove) -> None:
        levels = [("no view", "")] + [(f"level {k}", str(k)) for k in complexity_levels()]
        self.name = W.Text(value=name, layout=W.Layout(width=WIDTHS["name"]))
        self.fields: dict[str, W.Widget] = {
            "complexity": W.Dropdown(
                options=levels, value="", layout=W.Layout(width=WIDTHS["complexity"])
            )
        }
        for key in JUDGEMENT[1:]:
            options = [("no view", "")] + yes_no_options(key)[1:]
            self.fields[key] = W.Dropdown(
                options=options, value="", layout=W.Layout(width=WIDTHS["yes_no"])
            )
        owners = [("no view", "")] + [(OWNER_LABELS[o], o.value) for o in Owner]
        self.fields[OWNER] = W.Dropdown(
            options=owners, value="", layout=W.Layout(width=WIDTHS["owner"])
        )
        self.remove = W.Button(description="Remove", layout=W.Layout(width="80px"))
        self.remove.on_click(lambda _: on_remove(self))
        for w in (self.name, *self.fields.values()):
            w.observe(lambda _: on_change(), "value")
        super().__init__([self.name, *self.fields.values(), self.remove])
        self.add_class("cpo-rater")

    def view(self) -> dict[str, Any]:
        return {k: w.value for k, w in self.fields.items()}


class TeamPanel(W.VBox):
    """The team view in widgets. Attributes: `rows` (a `RaterRow` per rater), `team` (the
    current `TeamAssessment`), `summary` (its HTML), `image` (the chart), `message` (errors)."""

    def __init__(
        self,
        company: Company | None = None,
        raters: tuple[str, ...] | list[str] = DEFAULT_RATERS,
        policy: Policy | None = None,
        standard: str | None = None,
    ) -> None:
        self.policy, std = resolve(policy, standard)
        self.standard = std.key
        company = company or Company(headcount=150, complexity=3)
        self.company_name = W.Text(value=company.name or "", description="Company")
        # read as typed by the one parser, like the Explorer's box: "1,200" is 1200
        self.headcount = NumberBox(value=str(company.headcount), description="Headcount")
        self.facts = {k: getattr(company, k) for k in FACTS if k != "headcount"}
        self.add = W.Button(description="Add rater", icon="")
        self.add.on_click(lambda _: self.add_rater())
        self.rows: list[RaterRow] = []
        self.table = W.VBox()
        self.message, self.summary = W.HTML(), W.HTML()
        self.image = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))
        head = W.HBox(
            [
                W.HTML(f"<b>{escape(text)}</b>", layout=W.Layout(width=width))
                for text, width in COLUMNS
            ]
        )
        head.add_class("cpo-team-head")
        self.company_name.observe(lambda _: self.update(), "value")
        self.headcount.observe(lambda _: self.update(), "value")
        top = W.HBox([self.company_name, self.headcount], layout=W.Layout(flex_flow="row wrap"))
        super().__init__([top, head, self.table, self.add, self.message, self.summary, self.image])
        self.add_class("cpo-team-panel")
        self.team: TeamAssessment | None = None
        for name in raters:
            self.add_rater(name, update=False)
        self.update()

    def add_rater(self, name: str | None = None, update: bool = True) -> RaterRow:
        row = RaterRow(name or f"Rater {len(self.rows) + 1}", self.update, self.remove_rater)
        self.rows.append(row)
        self.table.children = tuple(self.rows)
        if update:
            self.update()
        return row

    def remove_rater(self, row: RaterRow) -> None:
        if len(self.rows) > 1:
            self.rows.remove(row)
            self.table.children = tuple(self.rows)
            self.update()

    def update(self) -> None:
        """Re-assess the team; on invalid input show why and keep the last answer."""
        for row in self.rows:
            row.remove.disabled = len(self.rows) == 1
        headcount, problem = field("headcount").parse(self.headcount.value)
        if problem is not None:  # once, not once per rater
            self._refuse(str(problem))
            return
        facts = {k: v for k, v in self.facts.items() if v is not None}
        base = {"name": self.company_name.value or None, "headcount": headcount}
        raters = [(r.name.value, base | facts | r.view()) for r in self.rows]
        try:
            team = assess_team(raters, self.policy, self.standard)
        except InvalidInputError as exc:
            self._refuse(str(exc))
            return
        self.message.value = ""
        self.team = team
        self.summary.value = team_html(team)
        chart = charts.team_chart(team.spread()) if team.disagreements else None
        self.image.value = figure_png(chart) if chart else b""

    def _refuse(self, why: str) -> None:
        self.message.value = (
            "<div class='cpo-error' style='color:#b00020'><b>Not updated:</b> "
            f"{escape(why)}. Showing the last valid answer.</div>"
        )
