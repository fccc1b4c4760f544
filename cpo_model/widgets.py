"""`Explorer`: an ipywidgets panel to ask "what if we grow to 300 people?" without code.

>>> from cpo_model.widgets import Explorer
>>> ex = Explorer()
>>> ex.headcount.value = 5000
>>> ex.assessment.company.headcount
5000

The assessment and card update synchronously on every change (the model is cheap); only
the chart in the visible tab is redrawn, the others when their tab is opened.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

import ipywidgets as W

from . import charts
from .assessment import Assessment
from .company import Company
from .errors import InvalidInputError
from .model import assess
from .policy import Policy, load_policy
from .render import DECISION_COLOURS, card_html
from .resources import responsibilities, skills
from .schema import complexity_levels, input_schema
from .types import DECISION_LABELS, OWNER_LABELS, Decision, Owner

DEFAULT_COMPANY = {"headcount": 150, "complexity": 3}
DEBOUNCE_SECONDS = 0.12  # chart redraws wait for this much quiet; the card updates at once
FIGURE_DPI = 80
OPTIONAL_TEXT = ("product_lines", "platforms", "customer_segments", "markets", "product_managers", "engineers", "annual_growth")
SIGNALS = ("tech_company", "product_market_fit", "founder_overloaded", "ceo_leads_product", "regulated")
CHARTS: dict[str, tuple[str, Callable[..., Any]]] = {
    "map": ("Decision map", lambda a, p: charts.decision_map(a, p)),
    "contributions": ("Points", lambda a, p: charts.contributions_chart(a)),
    "sensitivity": ("Sensitivity", lambda a, p: charts.sensitivity_chart(a.company, p, a.standard)),
    "responsibilities": ("Responsibilities", lambda a, p: charts.responsibilities_chart(a.company)),
}


def figure_png(fig) -> bytes:
    """A Figure as PNG bytes (no pyplot)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI)
    return buf.getvalue()


def _label(name: str) -> str:
    return input_schema()[name]["label"]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _yes_no_options(name: str) -> list[tuple[str, str]]:
    """Not stated (with the default it assumes), yes, no."""
    spec = input_schema()[name]
    default = spec.get("default")
    unstated = "not stated" + ("" if default is None else f" (assume {'yes' if default else 'no'})")
    return [(unstated, ""), ("yes", "yes"), ("no", "no")]


class Explorer(W.VBox):
    """The panel. Drive it from Python through its widgets, e.g. ``ex.complexity.value = 4``.

    Attributes: `headcount` (number box, linked to `headcount_slider`), `complexity`,
    `fields` (every input widget by field name), `assessment` (the current `Assessment`),
    `figures` (the current matplotlib Figures by chart key), `message` (errors shown).
    """

    def __init__(
        self,
        company: Company | None = None,
        policy: Policy | None = None,
        standard: str | None = None,
        debounce: float = DEBOUNCE_SECONDS,
    ):
        self.policy = policy or load_policy()
        self.debounce = debounce
        self._pending: asyncio.TimerHandle | None = None
        company = company or Company(**DEFAULT_COMPANY)
        schema = input_schema()
        self._busy = False
        self.figures: dict[str, Any] = {}
        self._stale: set[str] = set(CHARTS)

        self.headcount = W.IntText(value=company.headcount, description="Headcount", layout=W.Layout(width="210px"))
        self.headcount_slider = W.FloatLogSlider(
            value=company.headcount,
            base=10,
            min=0,
            max=7,
            step=0.01,
            readout=False,
            description="",
            tooltip="Headcount on a log scale, 1 to 10 million",
            continuous_update=False,  # a live slider echoes its snapped value and would overwrite a typed headcount
            layout=W.Layout(width="260px"),
        )
        levels = complexity_levels()
        self.complexity = W.IntSlider(value=company.complexity or 3, min=min(levels), max=max(levels), description="Complexity")
        self.complexity_words = W.HTML()
        self.from_factors = W.Checkbox(value=company.complexity is None, description="Derive complexity from the factors", indent=False)
        self.fields: dict[str, W.Widget] = {"headcount": self.headcount, "complexity": self.complexity}
        for name in OPTIONAL_TEXT:
            value = getattr(company, name)
            self.fields[name] = W.Text(
                value="" if value is None else str(value),
                description=_label(name),
                placeholder="estimated" if name in ("product_managers", "engineers") else "not given",
                tooltip=schema[name]["help"],
                style={"description_width": "130px"},
                layout=W.Layout(width="260px"),
            )
        for name in SIGNALS:
            self.fields[name] = W.Dropdown(
                options=_yes_no_options(name),
                value=_yes_no(getattr(company, name)),
                description=schema[name]["label"],
                tooltip=schema[name]["help"],
                style={"description_width": "130px"},
                layout=W.Layout(width="330px"),
            )
        self.fields["name"] = W.Text(value=company.name or "", description="Name", placeholder="optional")
        self.standard = W.Dropdown(
            options=[(s.label, k) for k, s in self.policy.standards.items()],
            value=standard or self.policy.default_standard,
            description="Size bands",
        )
        owner_options = [("not stated", "")] + [(OWNER_LABELS[o], o.value) for o in Owner]
        self.owners = {
            r["id"]: W.Dropdown(
                options=owner_options,
                value=company.owners[r["id"]].value if r["id"] in company.owners else "",
                description=r["name"],
                style={"description_width": "260px"},
                layout=W.Layout(width="430px"),
            )
            for r in responsibilities()
        }

        self.message = W.HTML()
        self.card = W.HTML()
        self.images = {key: W.Image(format="png", layout=W.Layout(max_width="100%", height="auto")) for key in CHARTS}
        self.tabs = W.Tab(children=[self.images[k] for k in CHARTS])
        for i, (title, _) in enumerate(CHARTS.values()):
            self.tabs.set_title(i, title)

        advanced = W.Accordion(
            children=[
                W.VBox(
                    [self.from_factors, *(self.fields[n] for n in ("product_lines", "platforms", "customer_segments", "markets")), self.fields["regulated"]]
                ),  # fmt: skip
                W.VBox([self.fields[n] for n in ("product_managers", "engineers", "annual_growth")]),
                W.VBox([self.fields[n] for n in ("tech_company", "product_market_fit", "founder_overloaded", "ceo_leads_product")] + [self.standard]),
                W.VBox(list(self.owners.values())),
                W.VBox([self.fields["name"]]),
            ]
        )
        for i, title in enumerate(["Complexity factors", "Product team and growth", "Signals and size bands", "Who owns the nine responsibilities", "Name"]):
            advanced.set_title(i, title)
        advanced.selected_index = None

        controls = W.VBox(
            [
                W.HBox([self.headcount, self.headcount_slider], layout=W.Layout(flex_flow="row wrap")),
                W.HBox([self.complexity, self.complexity_words], layout=W.Layout(flex_flow="row wrap")),
                W.HTML("<b>Advanced</b>"),
                advanced,
            ],
            layout=W.Layout(flex="1 1 360px", min_width="300px", max_width="520px"),
        )
        answer = W.VBox([self.message, self.card], layout=W.Layout(flex="1 1 420px", min_width="300px"))
        controls.add_class("cpo-controls")
        answer.add_class("cpo-answer")
        self.tabs.add_class("cpo-charts")
        super().__init__(
            [W.HBox([controls, answer], layout=W.Layout(flex_flow="row wrap", grid_gap="16px")), self.tabs],
            layout=W.Layout(width="100%"),
        )
        self.add_class("cpo-explorer")

        self.headcount_slider.observe(self._slider_moved, "value")
        for w in [*self.fields.values(), self.standard, self.from_factors, *self.owners.values()]:
            w.observe(self._changed, "value")
        self.tabs.observe(self._tab_selected, "selected_index")
        self.assessment: Assessment = assess(company, self.policy, self.standard.value)
        self._show_words()
        self.card.value = card_html(self.assessment) + self._growth_html()
        self._draw_visible()  # the first picture at once, not after the debounce

    # --- events -----------------------------------------------------------------------------

    def _slider_moved(self, change: dict) -> None:
        if not self._busy:
            self.headcount.value = max(1, int(round(change["new"])))

    def _changed(self, change: dict | None = None) -> None:
        if self._busy:
            return
        if change is not None and change.get("owner") is self.headcount:
            self._busy = True
            try:
                self.headcount_slider.value = max(1, change["new"])
            finally:
                self._busy = False
        self._show_words()
        self.update()

    def _tab_selected(self, change: dict) -> None:
        self._draw_visible()

    # --- state ------------------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """The inputs as a record for `Company.from_record`."""
        rec: dict[str, Any] = {name: w.value for name, w in self.fields.items()}
        if self.from_factors.value:
            rec["complexity"] = None
        rec["name"] = rec["name"] or None
        for rid, w in self.owners.items():
            rec[f"owner_{rid}"] = w.value
        return rec

    def update(self) -> None:
        """Re-assess from the widgets; on invalid input show why and keep the last answer."""
        self.complexity.disabled = self.from_factors.value
        try:
            company = Company.from_record(self.record())
        except InvalidInputError as exc:
            self.message.value = (
                "<div class='cpo-error' style='color:#b00020;border-left:4px solid #b00020;padding:4px 8px'>"
                f"<b>Not updated:</b> {escape(str(exc))}. Showing the last valid answer.</div>"
            )
            return
        self.message.value = ""
        self.assessment = assess(company, self.policy, self.standard.value)
        self._render()

    def _show_words(self) -> None:
        words = "derived from the factors" if self.from_factors.value else complexity_levels()[self.complexity.value]
        self.complexity_words.value = f"<i>{escape(words)}</i>"

    def _render(self) -> None:
        self.card.value = card_html(self.assessment) + self._growth_html()
        self._stale = set(CHARTS)
        self._schedule_draw()

    def _schedule_draw(self) -> None:
        """Redraw the visible chart: after `debounce` seconds of quiet inside a running kernel
        (so a burst of changes draws once), at once elsewhere (scripts, tests)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if self.debounce <= 0 or loop is None:
            self._draw_visible()
        else:
            self._pending = loop.call_later(self.debounce, self._draw_visible)

    def _growth_html(self) -> str:
        change = self.assessment.growth_change
        if change is None:
            return ""
        when = change.date_from(date.today())
        return (
            f"<div class='cpo-growth'>At {self.assessment.company.annual_growth:.0%} growth a year, headcount reaches "
            f"{int(change.target):,} (answer '{change.decision.value}') around <b>{when:%B %Y}</b>.</div>"
        )

    def _draw_visible(self) -> None:
        self._pending = None
        key = list(CHARTS)[self.tabs.selected_index or 0]
        if key in self._stale:
            self.draw(key)

    def draw(self, key: str) -> None:
        """Redraw one chart now."""
        fig = CHARTS[key][1](self.assessment, self.policy)
        self.figures[key] = fig
        self.images[key].value = figure_png(fig)
        self._stale.discard(key)


class PortfolioTable(W.VBox):
    """Filter and sort an `assess_frame` result: `answer`, `stage`, `sort_by`, `ascending`."""

    COLUMNS = ("name", "headcount", "stage", "create_cpo", "role", "score", "complexity_level", "product_managers_est", "error")

    def __init__(self, results):
        self.results = results
        answers = ("no", "consider", "yes")
        stages = ("pm_only", "midsize", "large")
        self.answer = W.SelectMultiple(options=answers, value=answers, description="Answer", rows=3)
        self.stage = W.SelectMultiple(options=stages, value=stages, description="Stage", rows=3)
        self.sort_by = W.Dropdown(options=[c for c in self.COLUMNS if c in results.columns], value="score", description="Sort by")
        self.ascending = W.Checkbox(value=False, description="Ascending", indent=False)
        self.show_invalid = W.Checkbox(value=True, description="Show invalid rows", indent=False)
        self.table = W.HTML()
        for w in (self.answer, self.stage, self.sort_by, self.ascending, self.show_invalid):
            w.observe(lambda _: self.refresh(), "value")
        super().__init__(
            [W.HBox([self.answer, self.stage, W.VBox([self.sort_by, self.ascending, self.show_invalid])], layout=W.Layout(flex_flow="row wrap")), self.table]
        )
        self.refresh()

    def visible(self):
        """The rows and order shown now."""
        r = self.results
        valid = r["error"].isna()
        keep = valid & r["create_cpo"].isin(self.answer.value) & r["stage"].isin(self.stage.value)
        if self.show_invalid.value:
            keep |= ~valid
        return r[keep.fillna(False)].sort_values(self.sort_by.value, ascending=self.ascending.value, na_position="last")

    def refresh(self) -> None:
        cols = [c for c in self.COLUMNS if c in self.results.columns]
        self.table.value = self.visible()[cols].to_html(index=False, escape=True, na_rep="", classes="cpo-table")


class ReadinessPanel(W.VBox):
    """Rate an internal candidate on the eight skills; see gaps and a suggestion."""

    def __init__(self, ratings: dict[str, int] | None = None):
        from .readiness import rate_candidate, readiness_policy

        scale = readiness_policy()["scale"]
        start = ratings or {}
        self._rate = rate_candidate
        self.sliders = {
            s["id"]: W.IntSlider(
                value=start.get(s["id"], scale["min"] + (scale["max"] - scale["min"]) // 2),
                min=scale["min"],
                max=scale["max"],
                description=s["name"],
                style={"description_width": "170px"},
                layout=W.Layout(width="420px"),
            )
            for s in skills()
        }
        self.result_html = W.HTML()
        self.image = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))
        for w in self.sliders.values():
            w.observe(lambda _: self.update(), "value")
        super().__init__([W.HBox([W.VBox(list(self.sliders.values())), W.VBox([self.result_html, self.image])], layout=W.Layout(flex_flow="row wrap"))])
        self.update()

    def update(self) -> None:
        self.result = self._rate({k: w.value for k, w in self.sliders.items()})
        self.result_html.value = self.result._repr_html_()
        self.figure = charts.readiness_chart(self.result)
        self.image.value = figure_png(self.figure)


APP_CSS = """
<style>
/* Page-level look, only on the served app (Voila marks its body); the rest is scoped to .cpo-app. */
body[data-voila], body[data-voila] #rendered_cells { background: #f3f4f6; }
.cpo-app { max-width: 1200px; margin: 0 auto; padding: 4px 20px 32px; box-sizing: border-box; color: #1f2328;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.cpo-app .cpo-header h1 { font-size: 1.9em; line-height: 1.2; margin: 14px 0 8px; }
.cpo-app .cpo-intro { color: #3d4450; max-width: 880px; line-height: 1.55; margin: 0 0 6px; }
.cpo-app .cpo-answers { margin: 6px 0 18px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 18px; color: #3d4450; }
.cpo-app .cpo-chip { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; color: #1f2328; white-space: nowrap; }
.cpo-app .cpo-chip i { width: 11px; height: 11px; border-radius: 50%; display: inline-block; }
.cpo-app .widget-html > .widget-html-content { line-height: 1.45; align-self: center; }
.cpo-app .cpo-explorer .widget-html:has(> .widget-html-content:empty) { display: none; }
/* the Explorer: controls and answer side by side on a laptop, stacked below 900px */
.cpo-app .cpo-explorer > .widget-hbox:first-child { align-items: flex-start; }
.cpo-app .cpo-explorer > .widget-hbox:first-child > .widget-vbox:first-child { background: #fff; border: 1px solid #dde1e6;
  border-radius: 10px; padding: 12px 16px 16px; box-sizing: border-box; }
.cpo-app .cpo-explorer > .widget-hbox:first-child > .widget-vbox:first-child::before { content: 'Your company';
  font-weight: 700; font-size: 1.1em; margin: 2px 0 8px; }
.cpo-app .cpo-explorer > .widget-hbox:first-child > .widget-vbox:first-child > .widget-html { margin-top: 10px; }
.cpo-app .cpo-card { background: #fff; border-color: #dde1e6 !important; border-radius: 10px !important; max-width: none !important;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.06); }
.cpo-app .cpo-error { background: #fff; border-radius: 4px; margin-bottom: 8px; }
.cpo-app .jupyter-widget-Collapse-header { background: #f7f8fa; color: #1f2328; font-weight: 600; border-color: #e1e4e8; }
.cpo-app .jupyter-widget-Collapse-contents { background: #fff; border-color: #e1e4e8; }
.cpo-app .cpo-explorer > .widget-tab { margin-top: 20px; }
.cpo-app .widget-tab > .widget-tab-contents { background: #fff; border-color: #dde1e6; border-radius: 0 10px 10px 10px; }
.cpo-app .widget-tab img { display: block; margin: 0 auto; max-width: 100%; height: auto; }
.cpo-app .cpo-footer { color: #5b6470; font-size: 0.9em; line-height: 1.5; margin-top: 18px; max-width: 880px; }
@media (max-width: 900px) {
  .cpo-app { padding: 4px 12px 24px; }
  .cpo-app .cpo-header h1 { font-size: 1.5em; }
  .cpo-app .cpo-explorer > .widget-hbox:first-child > .widget-vbox { max-width: none !important; }
}
</style>
"""


def app_page(company: Company | None = None) -> W.VBox:
    """The web app: a title, a short intro, the Explorer and a note on sources (served by `cpo-model app`)."""
    answers = "".join(f"<span class='cpo-chip'><i style='background:{DECISION_COLOURS[d]}'></i>{escape(DECISION_LABELS[d])}</span>" for d in Decision)
    header = W.HTML(
        APP_CSS + "<header class='cpo-header'><h1>Should we create a Chief Product Officer role?</h1>"
        "<p class='cpo-intro'>Set your company's <b>headcount</b> and <b>product complexity</b> and get an answer you can defend: "
        "the role that fits today, every reason with its source, and the smallest change that would move the answer. "
        "Open <b>Advanced</b> for the product team, signals and who owns each product responsibility today.</p>"
        f"<div class='cpo-answers'><span>Three possible answers:</span>{answers}</div></header>"
    )
    explorer = Explorer(company)
    footer = W.HTML(
        "<footer class='cpo-footer'>Stages follow the source text: small companies have product managers and no CPO, "
        "in midsize companies the position appears, in large technology companies it is essential. Thresholds come from "
        "public benchmarks; where a source gives only the direction, the size of the step is marked as cpo-model's own judgement. "
        f"Policy {escape(explorer.policy.version)}.</footer>"
    )
    page = W.VBox([header, explorer, footer], layout=W.Layout(width="100%"))
    page.add_class("cpo-app")
    return page
