"""Bar charts: points by factor, sensitivity, responsibilities, a portfolio by score, readiness.

Each draws the data it is given (from `cpo_model.analysis`, an `Assessment` or a frame).

>>> from cpo_model import Company, assess
>>> from cpo_model.analysis import contributions_data
>>> a = assess(Company(headcount=150, complexity=3))
>>> contributions_chart(contributions_data(a)).axes[0].get_xlabel()
'Points (the score is their sum)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

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
    NOTE,
    answer,
    answer_handles,
    company_name,
    cutoff_anchors,
    cutoff_lines,
    figure,
    set_title,
    side_legend,
    value_labels,
)
from .fit import OFFSET_PT, fit_limits, plot_width, text_width, wrap
from .portfolio import row_names, valid_rows


def _distance(score: float, cut: float, name: str) -> str:
    gap = score - cut
    if gap == 0:
        return f"exactly at '{name}' ({cut:g})"
    return f"{abs(gap):g} {'above' if gap > 0 else 'below'} '{name}' ({cut:g})"


def contributions_chart(data: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Points per factor and the score, against the cut-offs (`analysis.contributions_data`)."""
    at = data.attrs
    fig, ax = figure(ax, (9, 4.8))
    values = [*data["points"], at["score"]]
    ys = np.arange(len(values))[::-1]
    colours = [POSITIVE if v > 0 else NEGATIVE if v < 0 else GREY for v in data["points"]]
    colours.append(DECISION_COLOURS[Decision(at["create_cpo"])])
    gids = [f"factor:{k}" for k in data["factor"]] + ["score"]
    for y, v, colour, gid in zip(ys, values, colours, gids, strict=True):
        ax.barh(y, v, color=colour, height=0.6, gid=gid, **BAR)
    anchors = value_labels(ax, values, ys)
    ax.set_yticks(ys, [wrap(f"{r.label} ({r.value})") for r in data.itertuples()] + ["Score"])
    ax.axhline(0.5, color="#777777", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    cutoff_lines(ax, at["cutoffs"])
    anchors += [(0.0, 0.0, 0.0), *cutoff_anchors(at["cutoffs"])]
    ax.set_xlim(fit_limits(anchors, plot_width(fig, ax)))
    ax.set_xlabel("Points (the score is their sum)")
    score, cuts = at["score"], at["cutoffs"]
    where = (
        f"{_distance(score, cuts['consider_from'], 'consider')}, "
        f"{_distance(score, cuts['yes_from'], 'yes')}"
    )
    title = f"Why {company_name(at['name'])}: {answer(at['create_cpo'])}\nScore {score:g}: {where}"
    set_title(ax, title, loc="left", pad=16)
    return fig


def sensitivity_chart(data: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Tornado: how far one step of each input moves the score (`analysis.sensitivity_data`),
    bars coloured by the answer that step gives; the largest effect on top."""
    base = data.attrs["base_score"]
    spread = data.groupby("input", sort=False)["delta"].agg(lambda d: d.abs().max())
    order = list(spread.sort_values(kind="stable").index)
    labels = dict(zip(data["input"], data["label"], strict=False))
    fig, ax = figure(ax, (10, 0.55 * len(order) + 2.4))
    anchors = cutoff_anchors(data.attrs["cutoffs"]) + [(base, 0.0, 0.0)]
    for row in data.itertuples():
        y = order.index(row.input)
        left = row.delta < 0 or (row.delta == 0 and row.direction == "down")
        colour = DECISION_COLOURS[Decision(row.create_cpo)]
        ax.barh(
            y,
            row.delta,
            left=base,
            height=0.6,
            color=colour,
            gid=f"{row.input}:{row.direction}",
            **BAR,
        )
        text = f"{row.short_label} → {answer(row.create_cpo)}"
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
        width = OFFSET_PT + text_width(text)
        end = base + row.delta
        anchors.append((end, width, 0.0) if left else (end, 0.0, width))
    ax.set_yticks(range(len(order)), [labels[k] for k in order])
    base_label = f"base score {base:g} ({answer(data.attrs['base_create_cpo'])})"
    ax.axvline(base, color="black", linewidth=1.5, gid="base_score", label=base_label)
    cutoff_lines(ax, data.attrs["cutoffs"])
    handles = answer_handles(ax.get_legend_handles_labels()[0])
    width = plot_width(fig, ax, [h.get_label() for h in handles])
    ax.set(xlim=fit_limits(anchors, width), ylim=(-0.6, len(order) - 0.4))
    ax.set_xlabel("Score after one step of the input (bars start at the base score)")
    set_title(
        ax, f"Sensitivity for {company_name(data.attrs['name'])}: one step of each input", pad=16
    )
    side_legend(ax, handles)
    return fig


def responsibilities_chart(
    items: Sequence[Mapping[str, str]], name: str | None = None, ax: Axes | None = None
) -> Figure:
    """Who holds each of the nine CPO responsibilities (`analysis.responsibilities_at_risk`);
    those with the CEO or nobody are marked at risk."""
    fig, ax = figure(ax, (9, 4.8))
    risky = 0
    owners = {OWNER_LABELS[o]: o for o in Owner}
    for i, r in enumerate(items):
        y = len(items) - 1 - i
        ax.barh(
            y,
            1,
            color=OWNER_COLOURS[owners.get(r["owner"])],
            edgecolor="white",
            height=0.8,
            gid=f"owner:{r['id']}",
        )
        ax.text(0.02, y, r["owner"], va="center", fontsize=9)
        if r["status"] == "at risk":
            risky += 1
            ax.text(
                1.03,
                y,
                "at risk",
                va="center",
                fontsize=9,
                fontweight="bold",
                color=NEGATIVE,
                gid=f"at_risk:{r['id']}",
            )
    ax.set_yticks(range(len(items))[::-1], [r["name"] for r in items])
    ax.set(xlim=(0, 1.22), xticks=[])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(color=c, label=OWNER_LABELS[o] if o else "not stated")
        for o, c in OWNER_COLOURS.items()
    ]
    side_legend(ax, handles, "Held by")
    title = (
        f"CPO responsibilities at {company_name(name)}\n{risky} of {len(items)} at risk (held by "
        "the CEO or nobody)"
    )
    set_title(ax, title)
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
