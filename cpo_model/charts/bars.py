"""Bar charts: points by factor, sensitivity, responsibilities, a portfolio by score, readiness.

Each draws the data it is given (from `cpo_model.analysis`, an `Assessment` or a frame).

>>> from cpo_model import Company, assess
>>> from cpo_model.analysis import contributions_data
>>> a = assess(Company(headcount=150, complexity=3))
>>> contributions_chart(contributions_data(a)).axes[0].get_xlabel()
'Points (the score is their sum)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..present import (
    DECISION_COLOURS,
    GREY,
    NEGATIVE,
    OWNER_COLOURS,
    OWNER_LABELS,
    POSITIVE,
    SUGGESTION_LABELS,
)
from ..types import Decision, Owner
from .base import (
    BAR,
    BOX,
    NARROW_BAR,
    NARROW_TITLE_WRAP,
    NARROW_WIDTH,
    NARROW_WRAP,
    NOTE,
    answer,
    answer_handles,
    company_name,
    cutoff_anchors,
    cutoff_lines,
    figure,
    labels_above,
    legend,
    set_title,
    value_labels,
)
from .fit import NOTE_PT, OFFSET_PT, fit_limits, plot_width, text_width, wrap
from .portfolio import row_names, valid_rows

EFFECT_COLOURS = {"raises": POSITIVE, "lowers": NEGATIVE, "none": GREY}
CHANGES = "///"  # the hatch of a step that changes the answer


def contributions_chart(data: pd.DataFrame, ax: Axes | None = None, narrow: bool = False) -> Figure:
    """Points per factor and the score, against the cut-offs (`analysis.contributions_data`).
    `narrow`: a phone's chart (`base.NARROW_WIDTH`), each label above its bar."""
    at = data.attrs
    values = [*data["points"], at["score"]]
    size = (NARROW_WIDTH, 0.62 * len(values) + 2.0) if narrow else (9, 4.8)
    fig, ax = figure(ax, size)
    ys = np.arange(len(values))[::-1]
    colours = [EFFECT_COLOURS[e] for e in data["effect"]]
    colours.append(DECISION_COLOURS[Decision(at["create_cpo"])])
    gids = [f"factor:{k}" for k in data["factor"]] + ["score"]
    for y, v, colour, gid in zip(ys, values, colours, gids, strict=True):
        ax.barh(y, v, color=colour, height=NARROW_BAR if narrow else 0.6, gid=gid, **BAR)
    anchors = value_labels(ax, values, ys)
    labels = [*data["text"], "Score"]
    if narrow:
        labels_above(ax, ys, labels)
        ax.set_ylim(-0.5, len(values) - 0.05)
    else:
        ax.set_yticks(ys, [wrap(t) for t in labels])
    ax.axhline(0.5, color="#777777", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    cutoff_lines(ax, at["cutoffs"])
    anchors += [(0.0, 0.0, 0.0), *cutoff_anchors(at["cutoffs"])]
    ax.set_xlim(fit_limits(anchors, plot_width(fig, ax)))
    ax.set_xlabel("Points (the score is their sum)")
    lines = [f"Why {company_name(at['name'])}: {answer(at['create_cpo'])}"]
    lines.append(f"Score {at['score']:g}: {at['where']}")
    set_title(ax, _lines(lines, narrow), loc="left", pad=16)
    return fig


def _lines(lines: list[str], narrow: bool) -> str:
    """A title's lines, each wrapped for a phone's chart when `narrow`."""
    return "\n".join(wrap(line, NARROW_TITLE_WRAP) if narrow else line for line in lines)


def sensitivity_chart(data: pd.DataFrame, ax: Axes | None = None, narrow: bool = False) -> Figure:
    """Tornado: how far one step of each input moves the score (`analysis.sensitivity_data`),
    bars coloured by the answer that step gives, each labelled with its step; rows as the data
    orders them (row 0 on top). `narrow`: a phone's chart, each input's name above its bars and
    the legend below."""
    base, inputs = data.attrs["base_score"], data.attrs["inputs"]
    n = len(inputs)
    fig, ax = figure(ax, (NARROW_WIDTH, 0.75 * n + 4.2) if narrow else (10, 0.55 * n + 2.4))
    anchors = cutoff_anchors(data.attrs["cutoffs"]) + [(base, 0.0, 0.0)]
    for row in data.itertuples():
        y, left = n - 1 - row.row, row.side == "left"
        ax.barh(
            y,
            row.delta,
            left=base,
            height=NARROW_BAR if narrow else 0.6,
            color=DECISION_COLOURS[Decision(row.create_cpo)],
            hatch=CHANGES if row.changes_answer else None,
            gid=f"{row.input}:{row.direction}",
            **BAR,
        )
        text = row.text.replace(": ", ":\n", 1) if narrow else row.text  # a phone: two lines
        ax.annotate(
            text,
            xy=(base + row.delta, y),
            xytext=(-5 if left else 5, 0),
            ha="right" if left else "left",
            va="center",
            bbox=BOX,
            zorder=4,
            gid="sensitivity_label",
            **NOTE,
        )
        width = OFFSET_PT + max(text_width(line) for line in text.split("\n"))
        end = base + row.delta
        anchors.append((end, width, 0.0) if left else (end, 0.0, width))
    if narrow:
        labels_above(ax, range(n), list(inputs)[::-1])
    else:
        ax.set_yticks(range(n), list(inputs)[::-1])
    base_label = f"base score {base:g} ({answer(data.attrs['base_create_cpo'])})"
    ax.axvline(base, color="black", linewidth=1.5, gid="base_score", label=base_label)
    cutoff_lines(ax, data.attrs["cutoffs"])
    extra = [Patch(facecolor="white", edgecolor="black", hatch=CHANGES, label="changes the answer")]
    handles = answer_handles([*ax.get_legend_handles_labels()[0], *extra])
    width = plot_width(fig, ax, [] if narrow else [h.get_label() for h in handles])
    ax.set(xlim=fit_limits(anchors, width), ylim=(-0.6, n - (0.05 if narrow else 0.4)))
    xlabel = "Score after one step of the input (bars start at the base score)"
    ax.set_xlabel(wrap(xlabel, NARROW_WRAP) if narrow else xlabel)
    title = f"Sensitivity for {company_name(data.attrs['name'])}: one step of each input"
    set_title(ax, _lines([title], narrow), pad=16, **({"loc": "left"} if narrow else {}))
    legend(ax, handles, narrow=narrow)
    return fig


def responsibilities_chart(
    data: pd.DataFrame, name: str | None = None, ax: Axes | None = None, narrow: bool = False
) -> Figure:
    """Who holds each of the nine CPO responsibilities (`analysis.responsibilities_data`): one
    cell each in a grid, coloured by owner, those at risk marked; the summary line says what is
    at risk, or what to state when no owner is. `narrow`: a phone's chart (give it the data in
    one column), the legend below."""
    rows, cols = int(data["grid_row"].max()) + 1, int(data["grid_col"].max()) + 1
    fig, ax = figure(ax, (NARROW_WIDTH, 0.62 * rows + 2.6) if narrow else (9, 4.8))
    for r in data.itertuples():
        x, y = r.grid_col, rows - 1 - r.grid_row
        owner = Owner(r.owner) if isinstance(r.owner, str) else None
        ax.add_patch(
            Rectangle(
                (x + 0.03, y + 0.05),
                0.94,
                0.9,
                facecolor=OWNER_COLOURS[owner],
                edgecolor=NEGATIVE if r.status == "at risk" else "white",
                linewidth=2.5 if r.status == "at risk" else 1,
                gid=f"owner:{r.id}",
            )
        )
        label = wrap(r.name, NARROW_WRAP if narrow else 22)
        ax.text(x + 0.5, y + 0.62, label, ha="center", va="center", fontsize=9)
        status = r.owner_label if r.status != "at risk" else f"{r.owner_label}: at risk"
        ax.text(
            x + 0.5,
            y + 0.25,
            status,
            ha="center",
            va="center",
            fontsize=NOTE_PT,
            gid=f"at_risk:{r.id}" if r.status == "at risk" else f"status:{r.id}",
        )
    ax.set(xlim=(0, cols), ylim=(0, rows), xticks=[], yticks=[])
    for side in ax.spines.values():
        side.set_visible(False)
    handles = [
        Patch(color=c, label=OWNER_LABELS[o] if o else "not stated")
        for o, c in OWNER_COLOURS.items()
    ]
    legend(ax, handles, "Held by", narrow)
    who = company_name(name if name is not None else data.attrs.get("name"))
    lines = [f"CPO responsibilities at {who}", data.attrs["summary"]]
    set_title(ax, _lines(lines, narrow), loc="left")
    return fig


def portfolio_bars(
    frame: pd.DataFrame, cutoffs: Mapping[str, float], ax: Axes | None = None
) -> Figure:
    """Valid companies of an `assess_frame` result ranked by score, coloured by answer, with the
    cut-offs."""
    ok, bad = valid_rows(frame)
    ok = ok.sort_values("score", kind="stable")
    fig, ax = figure(ax, (9, min(40.0, 2.0 + 0.32 * len(ok))))
    scores = ok["score"].astype(float).to_numpy()
    colours = [DECISION_COLOURS[Decision(v)] for v in ok["create_cpo"].astype(str)]
    ax.barh(np.arange(len(ok)), scores, color=colours, height=0.7, gid="portfolio_bars", **BAR)
    value_labels(ax, scores, np.arange(len(ok)), "{:g}")
    ax.set_yticks(np.arange(len(ok)), row_names(ok))
    ax.axvline(0, color="black", linewidth=0.8)
    cutoff_lines(ax, dict(cutoffs))
    ax.set_xlim(min([0, *scores]) - 1.5, max([cutoffs["yes_from"], *scores]) + 1.5)
    ax.set_xlabel("Score")
    title = f"Companies ranked by score ({len(ok)})" + (
        f"; {len(bad)} invalid not shown" if len(bad) else ""
    )
    set_title(ax, title, loc="left", pad=16)
    ax.legend(handles=answer_handles(), loc="lower right", fontsize=8)
    return fig


def readiness_chart(readiness, ax: Axes | None = None) -> Figure:
    """A candidate's rating on each of the eight CPO skills against the target; gaps marked."""
    from ..resources import skills

    names = {s["id"]: s["name"] for s in skills()}
    keys = list(readiness.ratings)
    fig, ax = figure(ax, (8, 4.2))
    ys = np.arange(len(keys))[::-1]
    values = [readiness.ratings[k] for k in keys]
    colours = [NEGATIVE if readiness.gaps[k] else DECISION_COLOURS[Decision.YES] for k in keys]
    ax.barh(ys, values, color=colours, height=0.7, gid="ratings")
    ax.axvline(readiness.target, color="black", linestyle="--", linewidth=1, gid="target")
    ax.text(
        readiness.target, len(keys) - 0.4, f" target {readiness.target}", fontsize=9, va="bottom"
    )
    for y, k in zip(ys, keys, strict=True):
        if readiness.gaps[k]:
            ax.text(
                readiness.ratings[k] + 0.05,
                y,
                f"gap {readiness.gaps[k]}",
                va="center",
                fontsize=9,
                color=NEGATIVE,
                gid=f"gap:{k}",
            )
    lo, hi = readiness.scale
    ax.set_yticks(ys, [names[k] for k in keys])
    ax.set(xlim=(0, hi + 0.6), xlabel=f"Rating ({lo}-{hi})", xticks=range(0, hi + 1))
    set_title(ax, f"{SUGGESTION_LABELS[readiness.suggestion]}\naverage {readiness.average:.2f}")
    return fig
