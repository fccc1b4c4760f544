"""A portfolio's index page: counts by answer, a table linking every memo, and two charts.

>>> cell_text(float("nan")), cell_text(3.0), cell_text("yes")
('', '3', 'yes')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..policy import Policy
from ..present import DECISION_COLOURS, DECISION_LABELS, ROLE_LABELS, number
from ..types import Decision, Role
from .markup import Safe, Span, esc, table, version
from .page import figure_img, page

if TYPE_CHECKING:
    import pandas as pd

RESULT_KEYS = ("headcount", "complexity_level", "stage", "create_cpo", "role", "score")


@dataclass
class Entry:
    """One CSV row in the portfolio index."""

    row: int
    name: str
    file: str | None
    error: str | None = None
    result: dict[str, Any] = field(default_factory=dict)


def cell_text(value: object) -> str:
    """A frame value as index text: blank for missing, numbers without trailing .0."""
    if value is None or str(value) in ("<NA>", "nan", "NaN", "None"):
        return ""
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        return f"{float(value):g}"
    return str(value)


def _thousands(text: str) -> str:
    """'2500' -> '2,500' (text that is not a number stays as it is)."""
    try:
        return number(float(text))
    except ValueError:
        return text


def portfolio_index(
    entries: Sequence[Entry],
    frame: pd.DataFrame,
    policy: Policy,
    standard: str,
    as_of: date,
    source: str,
) -> str:
    """The index page: counts, the portfolio chart, and a table linking every report."""
    from ..analysis import stage_bands
    from ..charts import portfolio_bars, portfolio_chart

    std = policy.standard(standard)
    ok = [e for e in entries if e.file]
    bad = [e for e in entries if e.error]
    counts = {d: sum(1 for e in ok if e.result.get("create_cpo") == d.value) for d in Decision}
    count_items = "".join(
        f"<li><span class='swatch' style='background:{DECISION_COLOURS[d]}'></span> "
        f"{esc(DECISION_LABELS[d])}: "
        f"<strong>{k}</strong></li>"
        for d, k in counts.items()
    ) + (f"<li class='error'>Not rendered: <strong>{len(bad)}</strong></li>" if bad else "")
    stages = {k: t.label for k, t in policy.stages.items()}
    rows, classes = [], []
    for e in entries:
        classes.append("error-row" if e.error else "")
        if e.error:
            rows.append([e.row, e.name, Span.of(f"<span class='error'>{esc(e.error)}</span>", 7)])
            continue
        r = {k: cell_text(v) for k, v in e.result.items()}
        answer, role = r.get("create_cpo", ""), r.get("role", "")
        known = answer in {d.value for d in Decision}
        shown = (
            Safe(
                "<span class='swatch' "
                f"style='background:{DECISION_COLOURS[Decision(answer)]}'></span> "
                f"{esc(DECISION_LABELS[answer])}"
            )
            if known
            else answer
        )
        rows.append(
            [
                e.row,
                Safe(f"<a href='{esc(e.file)}'>{esc(e.name)}</a>"),
                _thousands(r.get("headcount", "")),
                r.get("complexity_level", ""),
                stages.get(r.get("stage", ""), r.get("stage", "")),
                shown,
                ROLE_LABELS[Role(role)] if role in {x.value for x in Role} else role,
                r.get("score", ""),
                Safe(f"<a href='{esc(e.file)}'>memo</a>"),
            ]
        )
    headers = [
        "#",
        "Company",
        "Headcount",
        "Complexity",
        "Stage",
        "Create CPO",
        "Role",
        "Score",
        "Report",
    ]
    tbl = table(headers, rows, cls="portfolio", numeric=(0, 2, 3, 7), row_classes=classes)
    charts = ""
    if ok:
        try:
            charts = (
                "<h2>Where the companies sit</h2>"
                + figure_img(
                    portfolio_chart(frame, stage_bands(policy, standard), std.label),
                    "Portfolio: companies by headcount and complexity, coloured by answer",
                )
                + "<h2>Ranked by score</h2>"
                + figure_img(
                    portfolio_bars(frame, {k: n.value for k, n in policy.decision.items()}),
                    "Companies ranked by score",
                )
            )
        except Exception as exc:  # the index (and every link in it) is written regardless
            charts = (
                f"<p class='error'>The charts could not be drawn: {esc(type(exc).__name__)}: "
                f"{esc(exc)}</p>"
            )
    body = (
        "<header class='memo-head'><p class='kicker'>Board memo · product leadership · "
        "portfolio</p>"
        f"<h1 class='memo-title'>Should these {len(entries)} companies create a Chief "
        "Product Officer role?</h1>"
        "<p class='meta'><span>As of "
        f"<strong>{esc(as_of.isoformat())}</strong></span><span>Policy "
        f"<strong>{esc(policy.version)}</strong></span>"
        f"<span>Size standard <strong>{esc(std.label)}</strong></span><span>Input "
        f"<strong>{esc(source)}</strong></span></p></header>"
        f"<ul class='counts'>{count_items}</ul>"
        "<h2>Companies</h2><p>Each name opens that company's memo.</p>" + tbl + charts
    )
    return page(
        f"CPO decision memos: {len(entries)} companies",
        body,
        f"Produced by cpo-model {esc(version())}.",
    )
