"""Smaller panels: a sortable, filterable portfolio table, and the readiness of a candidate.

>>> from cpo_model.readiness import readiness_policy
>>> ReadinessPanel().result.scale == readiness_policy().scale
True
"""

from __future__ import annotations

import ipywidgets as W

from .. import charts
from ..charts.live import figure_png
from ..present import DECISION_LABELS
from ..readiness import rate_candidate, readiness_policy
from ..resources import skills
from ..types import Decision, Stage


class PortfolioTable(W.VBox):
    """Filter and sort an `assess_frame` result: `answer`, `stage`, `sort_by`, `ascending`."""

    COLUMNS = (
        "name",
        "headcount",
        "stage",
        "create_cpo",
        "role",
        "score",
        "complexity_level",
        "product_managers_est",
        "error",
    )

    def __init__(self, results):
        self.results = results
        answers = tuple((DECISION_LABELS[d], d.value) for d in Decision)
        stages = tuple(s.value for s in Stage)
        self.answer = W.SelectMultiple(
            options=answers, value=[v for _, v in answers], description="Answer", rows=3
        )
        self.stage = W.SelectMultiple(options=stages, value=stages, description="Stage", rows=3)
        columns = [c for c in self.COLUMNS if c in results.columns]
        self.sort_by = W.Dropdown(options=columns, value="score", description="Sort by")
        self.ascending = W.Checkbox(value=False, description="Ascending", indent=False)
        self.show_invalid = W.Checkbox(value=True, description="Show invalid rows", indent=False)
        self.table = W.HTML()
        for w in (self.answer, self.stage, self.sort_by, self.ascending, self.show_invalid):
            w.observe(lambda _: self.refresh(), "value")
        options = W.VBox([self.sort_by, self.ascending, self.show_invalid])
        super().__init__(
            [
                W.HBox([self.answer, self.stage, options], layout=W.Layout(flex_flow="row wrap")),
                self.table,
            ]
        )
        self.refresh()

    def visible(self):
        """The rows and order shown now."""
        r = self.results
        valid = r["error"].isna()
        keep = valid & r["create_cpo"].isin(self.answer.value) & r["stage"].isin(self.stage.value)
        if self.show_invalid.value:
            keep |= ~valid
        return r[keep.fillna(False)].sort_values(
            self.sort_by.value, ascending=self.ascending.value, na_position="last"
        )

    def refresh(self) -> None:
        cols = [c for c in self.COLUMNS if c in self.results.columns]
        self.table.value = self.visible()[cols].to_html(
            index=False, escape=True, na_rep="", classes="cpo-table"
        )


class ReadinessPanel(W.VBox):
    """Rate an internal candidate on the eight skills; see gaps and a suggestion."""

    def __init__(self, ratings: dict[str, int] | None = None):
        lo, hi = readiness_policy().scale
        start = ratings or {}
        self.sliders = {
            s["id"]: W.IntSlider(
                value=start.get(s["id"], lo + (hi - lo) // 2),
                min=lo,
                max=hi,
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
        sliders = W.VBox(list(self.sliders.values()))
        super().__init__(
            [
                W.HBox(
                    [sliders, W.VBox([self.result_html, self.image])],
                    layout=W.Layout(flex_flow="row wrap"),
                )
            ]
        )
        self.update()

    def update(self) -> None:
        self.result = rate_candidate({k: w.value for k, w in self.sliders.items()})
        self.result_html.value = self.result._repr_html_()
        self.figure = charts.readiness_chart(self.result)
        self.image.value = figure_png(self.figure)
