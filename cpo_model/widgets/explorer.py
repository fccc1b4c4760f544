"""`Explorer`: an ipywidgets panel to ask "what if we grow to 300 people?" without code.

>>> ex = Explorer()
>>> ex.headcount.value = 5000
>>> ex.assessment.company.headcount
5000

The assessment and card update synchronously on every change (the model is cheap); only
the chart in the visible tab is redrawn, the others when their tab is opened.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as W
import traitlets

from .. import analysis, charts
from ..assessment import Assessment
from ..charts.live import LiveMap, figure_png
from ..company import OWNER_PREFIX, Company
from ..errors import InvalidInputError
from ..model import assess
from ..notes import growth_sentence
from ..policy import Policy, resolve
from ..render import card_html
from ..resources import responsibilities
from ..schema import complexity_levels, field
from .controls import (
    CHOICE_FIELDS,
    NUMBER_FIELDS,
    YES_NO_FIELDS,
    complexity_controls,
    control,
    headcount_controls,
    shown_value,
)

DEFAULT_COMPANY = {"headcount": 150}  # nothing else stated: the model assumes, and says so
DEBOUNCE_SECONDS = 0.12  # chart redraws wait for this much quiet; the card updates at once
FACTOR_FIELDS = ("product_lines", "platforms", "customer_segments", "markets")


def _map(a: Assessment, policy: Policy, live: LiveMap):
    png = live.render(a, analysis.map_key(a), lambda: analysis.decision_grid(a, policy))
    return live.figure, png


def _drawn(fig) -> tuple:
    return fig, figure_png(fig)


# chart key -> (tab title, draw(assessment, policy, live map) -> (Figure, PNG bytes))
CHARTS: dict[str, tuple[str, Callable[[Assessment, Policy, LiveMap], tuple]]] = {
    "map": ("Decision map", _map),
    "contributions": (
        "Points",
        lambda a, p, live: _drawn(
            charts.contributions_chart(analysis.contributions_data(a, p), narrow=live.narrow)
        ),
    ),
    "sensitivity": (
        "Sensitivity",
        lambda a, p, live: _drawn(
            charts.sensitivity_chart(
                analysis.sensitivity_data(a.company, p, a.standard), narrow=live.narrow
            )
        ),
    ),
    "responsibilities": (
        "Responsibilities",
        lambda a, p, live: _drawn(
            charts.responsibilities_chart(
                analysis.responsibilities_data(a.company, columns=1 if live.narrow else 3),
                a.company.name,
                narrow=live.narrow,
            )
        ),
    ),
}  # a phone (`narrow`, the LiveMap's): every chart drawn for its width
OWNER_FIELDS = tuple(f"{OWNER_PREFIX}{r['id']}" for r in responsibilities())
# The Advanced sections: title, then the inputs each shows, in order ("from_factors" and
# "standard" are the derive tick box and the size bands, built with the Explorer).
SECTIONS = (
    ("Complexity factors", ("from_factors", *FACTOR_FIELDS, "regulated")),
    ("Product team and growth", ("product_managers", "engineers", "annual_growth")),
    (
        "Signals and size bands",
        (
            "tech_company",
            "product_market_fit",
            "founder_overloaded",
            "ceo_leads_product",
            "customer_experience",
            "business_model",
            "standard",
        ),
    ),
    ("Who owns the nine responsibilities", OWNER_FIELDS),
    ("Name", ("name",)),
)
ADVANCED = (*NUMBER_FIELDS, *YES_NO_FIELDS, *CHOICE_FIELDS, "name", *OWNER_FIELDS)


class Held(traitlets.HasTraits):
    """An input's value while its control is not built (a lazy Explorer builds an Advanced
    section when it is first opened): read, set and observed like the control's `value`."""

    value = traitlets.Any()


def explorer_card_html(a: Assessment, code_labels: bool = False) -> str:
    """The answer as the Explorer shows it: the card, and the growth line when a growth rate is
    stated (the app's server also puts this in the page it first sends).

    >>> "Role that fits today" in explorer_card_html(assess(Company(headcount=300)))
    True
    """
    growth = growth_sentence(a, date.today()) if a.company.annual_growth is not None else ""
    extra = f"<div class='cpo-growth'>{escape(growth)}</div>" if growth else ""
    return card_html(a, code_labels=code_labels) + extra


class Explorer(W.VBox):
    """The panel. Drive it from Python through its widgets, e.g. ``ex.complexity.value = 4``.

    Attributes: `headcount` (number box, linked to `headcount_slider`), `complexity`,
    `fields` (every input widget by field name), `owners`, `standard`, `controls` (the Advanced
    inputs' widgets by name, owners as `owner_<id>`), `advanced` (their sections), `assessment` (the
    current `Assessment`), `figures` (the current Figures by chart key), `message` (errors).
    Answers are in words; `code_labels=True` adds each answer's code value to the card;
    `narrow=True` draws the decision map for a phone's screen (legend below, larger type).
    `lazy=True` sends the answer first and draws the first picture just after it, and builds
    each Advanced section when it is first opened (until then `fields` and `owners` hold each
    input's value, read, set and observed like a widget's, and `controls` lacks it); `lazy` may
    also be a function that is given the drawing and runs it when it sees fit (the app's server
    waits until no other visitor's page is being built, so many visitors at once all get their
    answers and controls sooner).
    """

    def __init__(
        self,
        company: Company | None = None,
        policy: Policy | None = None,
        standard: str | None = None,
        debounce: float = DEBOUNCE_SECONDS,
        code_labels: bool = False,
        narrow: bool = False,
        lazy: bool | Callable[[Callable[[], None]], None] = False,
    ):
        self.policy = resolve(policy)[0]
        self.debounce, self.code_labels = debounce, code_labels
        self._pending: asyncio.TimerHandle | None = None
        self._busy = False
        self.figures: dict[str, Any] = {}
        # the map's background is kept while only the headcount or level changes
        self.live = LiveMap(narrow=narrow)
        self._stale: set[str] = set(CHARTS)
        company = company or Company(**DEFAULT_COMPANY)
        self.controls: dict[str, W.Widget] = {}  # the Advanced inputs' controls, once built
        self._build_inputs(company, standard, bool(lazy))
        self._build_outputs()
        super().__init__([self._layout_top(bool(lazy)), self.tabs], layout=W.Layout(width="100%"))
        self.add_class("cpo-explorer")
        self._connect()
        self.assessment: Assessment = assess(company, self.policy, self.standard.value)
        self.complexity.disabled = self.from_factors.value
        self._show_words()
        self.card.value = self._card_html()
        if callable(lazy):  # the answer first; the picture when the caller sees fit
            lazy(self._draw_visible)
        elif lazy:  # the answer first; the picture a moment later (a running kernel or server)
            self._schedule_draw()
        else:
            self._draw_visible()  # the first picture at once, not after the debounce

    # --- building ---------------------------------------------------------------------------

    def _build_inputs(self, company: Company, standard: str | None, lazy: bool) -> None:
        self.headcount, self.headcount_slider = headcount_controls(company)
        self.complexity, self.complexity_words, self.from_factors = complexity_controls(company)
        self.standard = W.Dropdown(
            options=[(s.label, k) for k, s in self.policy.standards.items()],
            value=standard or self.policy.default_standard,
            description="Size bands",
        )
        # every other input: its control, or (lazy) its value until its section is opened
        shown = {n: shown_value(n, company) for n in ADVANCED}
        if lazy:
            inputs = {n: Held(value=v) for n, v in shown.items()}
        else:
            inputs = self.controls = {n: control(n, v) for n, v in shown.items()}
        self.fields: dict[str, Any] = {"headcount": self.headcount, "complexity": self.complexity}
        self.fields |= {n: inputs[n] for n in ADVANCED if not n.startswith(OWNER_PREFIX)}
        self.owners: dict[str, Any] = {
            n[len(OWNER_PREFIX) :]: inputs[n] for n in ADVANCED if n.startswith(OWNER_PREFIX)
        }

    def _input(self, name: str) -> Any:
        """The input's control or held value, by name (owners as `owner_<id>`)."""
        if name == "from_factors":
            return self.from_factors
        if name == "standard":
            return self.standard
        if name.startswith(OWNER_PREFIX):
            return self.owners[name[len(OWNER_PREFIX) :]]
        return self.fields[name]

    def _section(self, i: int) -> list[W.Widget]:
        """Section `i`'s controls, built from the held values (and kept in step with them)."""
        out = []
        for name in SECTIONS[i][1]:
            item = self._input(name)
            if isinstance(item, Held):
                widget = control(name, item.value)
                traitlets.link((item, "value"), (widget, "value"))
                self.controls[name] = widget
                item = widget
            out.append(item)
        return out

    def _build_outputs(self) -> None:
        self.message, self.card = W.HTML(), W.HTML()
        self.images = {
            k: W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))
            for k in CHARTS
        }
        self.tabs = W.Tab(children=[self.images[k] for k in CHARTS])
        for i, (title, _) in enumerate(CHARTS.values()):
            self.tabs.set_title(i, title)
        self.tabs.add_class("cpo-charts")

    def _advanced(self, lazy: bool) -> W.Accordion:
        """The Advanced sections, closed; a lazy Explorer builds each when it is first opened."""
        boxes = [W.VBox() if lazy else W.VBox(self._section(i)) for i in range(len(SECTIONS))]
        advanced = W.Accordion(children=boxes)
        for i, (title, _) in enumerate(SECTIONS):
            advanced.set_title(i, title)
        advanced.selected_index = None

        def opened(change: dict) -> None:
            i = change["new"]
            if i is not None and not boxes[i].children:
                boxes[i].children = self._section(i)

        if lazy:
            advanced.observe(opened, "selected_index")
        self.advanced = advanced
        return advanced

    def open_section(self, title: str) -> list[W.Widget]:
        """Open an Advanced section as a visitor would (building it if lazy); its controls.

        >>> [w.description for w in Explorer(lazy=True).open_section("Name")]
        ['Name']
        """
        i = [t for t, _ in SECTIONS].index(title)
        self.advanced.selected_index = i
        return list(self.advanced.children[i].children)

    def _layout_top(self, lazy: bool) -> W.HBox:
        wrap = W.Layout(flex_flow="row wrap")
        controls = W.VBox(
            [
                W.HBox([self.headcount, self.headcount_slider], layout=wrap),
                W.HBox([self.complexity, self.complexity_words], layout=wrap),
                W.HTML("<b>Advanced</b>"),
                self._advanced(lazy),
            ],
            layout=W.Layout(flex="1 1 360px", min_width="300px", max_width="520px"),
        )
        self.memo_button = W.Button(
            description="Write the memo", icon="", tooltip="The board memo for these inputs"
        )
        self.memo_button.on_click(lambda _: self._write_memo())
        self.memo_status = W.HTML()
        answer = W.VBox(
            [self.message, self.card, W.HBox([self.memo_button, self.memo_status])],
            layout=W.Layout(flex="1 1 420px", min_width="300px"),
        )
        controls.add_class("cpo-controls")
        answer.add_class("cpo-answer")
        return W.HBox([controls, answer], layout=W.Layout(flex_flow="row wrap", grid_gap="16px"))

    def _connect(self) -> None:
        self.headcount_slider.observe(self._slider_moved, "value")
        for w in [*self.fields.values(), self.standard, self.from_factors, *self.owners.values()]:
            w.observe(self._changed, "value")
        self.tabs.observe(lambda _: self._draw_visible(), "selected_index")

    # --- events -----------------------------------------------------------------------------

    def _slider_moved(self, change: dict) -> None:
        if not self._busy:
            self.headcount.value = str(max(1, int(round(change["new"]))))

    def _changed(self, change: dict | None = None) -> None:
        if self._busy:
            return
        if change is not None and change.get("owner") is self.headcount:
            value, problem = field("headcount").parse(change["new"])
            if problem is None and value is not None:
                self._busy = True
                try:
                    self.headcount_slider.value = value
                finally:
                    self._busy = False
        self.update()
        self._show_words()

    # --- state ------------------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """The inputs as a record for `Company.from_record`."""
        rec: dict[str, Any] = {name: w.value for name, w in self.fields.items()}
        if self.from_factors.value:
            rec["complexity"] = None
        rec["name"] = rec["name"] or None
        return rec | {f"owner_{rid}": w.value for rid, w in self.owners.items()}

    def update(self) -> None:
        """Re-assess from the widgets; on invalid input show why and keep the last answer."""
        self.complexity.disabled = self.from_factors.value
        try:
            company = Company.from_record(self.record())
        except InvalidInputError as exc:
            self.message.value = (
                "<div class='cpo-error' style='color:#b00020;border-left:4px solid "
                "#b00020;padding:4px 8px'>"
                f"<b>Not updated:</b> {escape(str(exc))}. Showing the last valid answer.</div>"
            )
            return
        self.message.value = ""
        self.assessment = assess(company, self.policy, self.standard.value)
        if self.from_factors.value:  # the control shows the level the answer uses
            self._busy = True
            try:
                self.complexity.value = self.assessment.complexity
            finally:
                self._busy = False
        self.card.value = self._card_html()
        self._stale = set(CHARTS)
        self._schedule_draw()

    def memo(self, path: str | Path | None = None, **options: Any) -> Path:
        """Write the board memo for the panel's current inputs (HTML, or PDF for a .pdf name;
        `options` as for `cpo_model.report.memo_html`, e.g. `prepared_for`); the path.

        >>> Explorer(Company(headcount=120, name="Acme")).memo("acme.html")  # doctest: +SKIP
        PosixPath('acme.html')
        """
        from ..report.memo import write_memo
        from ..report.names import slugify

        company = Company.from_record(self.record())  # invalid inputs: one line naming the field
        if company != self.assessment.company:
            self.update()
        path = path or f"reports/{slugify(company.name) or 'memo'}.html"
        return write_memo(path, self.assessment, policy=self.policy, **options)

    def _write_memo(self) -> None:
        try:
            out = self.memo()
        except Exception as exc:  # shown beside the button; the panel keeps working
            self.memo_status.value = f"<span style='color:#b00020'>{escape(str(exc))}</span>"
        else:
            self.memo_status.value = f"Written: <code>{escape(str(out))}</code>"

    def _show_words(self) -> None:
        """What the answer uses: the level stated, derived from the factors, or assumed."""
        a = self.assessment
        how = {"given": "as given", "derived": "derived from the factors"}.get(
            a.complexity_how, "not stated, assumed"
        )
        words = f"Level {a.complexity}, {how}: {complexity_levels()[a.complexity]}"
        self.complexity_words.value = f"<i>{escape(words)}</i>"

    def _card_html(self) -> str:
        return explorer_card_html(self.assessment, self.code_labels)

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

    def _draw_visible(self) -> None:
        self._pending = None
        key = list(CHARTS)[self.tabs.selected_index or 0]
        if key in self._stale:
            self.draw(key)

    def draw(self, key: str) -> None:
        """Redraw one chart now."""
        fig, png = CHARTS[key][1](self.assessment, self.policy, self.live)
        self.figures[key] = fig
        self.images[key].value = png
        self._stale.discard(key)
