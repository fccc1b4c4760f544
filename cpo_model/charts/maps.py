"""Charts over headcount (log scale) and product complexity: the decision map, precedents, a
portfolio.

>>> from cpo_model import Company, assess
>>> from cpo_model.analysis import decision_grid
>>> a = assess(Company(headcount=300, complexity=3, name="Acme"))
>>> fig = decision_map(a, decision_grid(a))
>>> fig.axes[0].get_title()
'Decision map for Acme: other inputs held as given'
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..assessment import Assessment
from ..precedents import EVENTS
from ..present import NEGATIVE, people
from .base import (
    BOX,
    CMAP,
    DECISIONS,
    NARROW_WIDTH,
    NORM,
    NOT_POSSIBLE,
    NOTE,
    answer,
    answer_handles,
    company_name,
    figure,
    headcount_axis,
    legend,
    plain,
    set_title,
    side_legend,
    stage_bands,
)

NARROW_SIZE = (NARROW_WIDTH, 6.6)  # inches: a phone's map (see `base.NARROW_WIDTH`)
EVENT_MARKERS = {
    "first_cpo": "*",
    "cpo_appointed": "^",
    "no_cpo": "o",
    "cpo_removed": "X",
    "cpo_in_place": "s",
    "interim_cpo": "P",
    "fractional_cpo": "D",
}
ARROW = {
    "arrowstyle": "-|>",
    "color": "black",
    "lw": 1.6,
    "shrinkA": 6,
    "shrinkB": 0,
    "mutation_scale": 14,
}


def answer_grid(ax: Axes, grid: pd.DataFrame) -> float:
    """A `decision_grid` as coloured cells (impossible ones hatched) with its stage bands.

    Cell j spans [hs[j], hs[j+1]): the answer from that headcount on. Returns the top headcount.
    """
    hs, levels = np.sort(grid["headcount"].unique()), np.sort(grid["complexity"].unique())
    rank = grid["create_cpo"].astype(object).map({d.value: d.rank for d in DECISIONS}).astype(float)
    wide = grid.assign(rank=rank).pivot(index="complexity", columns="headcount", values="rank")
    ranks = np.ma.masked_invalid(wide.loc[levels, hs].to_numpy(dtype=float))
    xs = np.append(hs, hs[-1] * 1.05).astype(float)
    ys = np.concatenate([[levels[0] - 0.5], (levels[1:] + levels[:-1]) / 2, [levels[-1] + 0.5]])
    ax.pcolormesh(xs, ys, ranks, cmap=CMAP, norm=NORM, gid="decision_mesh")
    for i, row in enumerate(
        np.ma.getmaskarray(ranks)
    ):  # one hatched rectangle per run of impossible cells
        edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(np.int8), [0]])))
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            corner, width, height = (xs[start], ys[i]), xs[stop] - xs[start], ys[i + 1] - ys[i]
            ax.add_patch(Rectangle(corner, width, height, gid="not_possible", **NOT_POSSIBLE))
    hi = float(hs[-1])
    ax.set(xscale="log", xlim=(1, hi), ylim=(ys[0], ys[-1]), yticks=levels)
    headcount_axis(ax)
    stage_bands(ax, grid.attrs["bands"], hi)
    return hi


def map_background(ax: Axes, grid: pd.DataFrame, name: str | None, narrow: bool = False) -> float:
    """What a decision map shares for every headcount and level of one company: the answer
    cells, the stage bands, the legend, the axes and the title. Returns the top headcount.

    `narrow` (a phone's figure, `NARROW_SIZE`): the legend below the axes, the title and the
    level axis's label on two lines each."""
    hi = answer_grid(ax, grid)
    extra = [
        Line2D(
            [],
            [],
            marker="o",
            color="black",
            linestyle="none",
            markersize=8,
            label=company_name(name),
        ),
        Line2D(
            [], [], color="black", marker=">", lw=1.6, label="smallest change that moves the answer"
        ),
    ]
    if grid["error"].notna().any():
        extra.append(Patch(label="not possible (PMs + engineers > headcount)", **NOT_POSSIBLE))
    extra.append(
        Line2D(
            [],
            [],
            color="black",
            linestyle="--",
            label=f"size bands: {grid.attrs['standard_label']}",
        )
    )
    handles, sep = answer_handles(extra), "\n" if narrow else " "
    legend(ax, handles, "Create a CPO?", narrow)
    ax.set_xlabel("Headcount (people, log scale)")
    ax.set_ylabel(f"Product complexity level{sep}(1 = simple, 5 = broad portfolio)")
    title = f"Decision map for {company_name(name)}:{sep}other inputs held as given"
    set_title(ax, title, pad=26)
    return hi


def map_company(ax: Axes, a: Assessment, hi: float, narrow: bool = False) -> list:
    """What moves with the company: its dot, what it is now, and an arrow to each smallest change
    of headcount or level that moves its answer (with the answer it gives). Returns the artists.
    `narrow`: each change's words on two lines, a headcount's centred above its arrow's end."""
    h, c = a.company.headcount, a.complexity
    label = f"{company_name(a.company.name)}: {people(h)}, level {c} → {answer(a.create_cpo)}"
    (dot,) = ax.plot(
        [h],
        [c],
        "o",
        color="black",
        markersize=10,
        markeredgecolor="white",
        markeredgewidth=1.5,
        zorder=5,
        gid="company",
        label=label,
    )
    status = ax.annotate(
        f"{people(h)}, level {c}\n→ {answer(a.create_cpo)}",
        xy=(0.99, 0.02),
        xycoords="axes fraction",
        ha="right",
        va="bottom",
        fontsize=8,
        bbox=BOX,
        zorder=6,
        gid="company_now",
    )
    artists = [dot, status]
    side = -1 if math.log10(h) > 0.6 * math.log10(hi) else 1  # level labels on the roomier side
    for ch in (ch for ch in a.next_change if ch.factor in ("headcount", "complexity")):
        by_size, up = ch.factor == "headcount", ch.direction == "up"
        end = (ch.target, c) if by_size else (h, ch.target)
        gid = f"next_change:{ch.factor}:{ch.direction}"
        artists.append(ax.annotate("", xy=end, xytext=(h, c), arrowprops=ARROW, zorder=4, gid=gid))
        text = people(int(ch.target)) if by_size else f"level {int(ch.target)}"
        if by_size and narrow:
            offset, ha, va = (0, 8), "center", "bottom"
        elif by_size:
            offset, ha, va = (0, 8), "left" if up else "right", "bottom"
        else:
            offset, ha, va = (
                (8 * side, -10 if up else 10),
                "left" if side > 0 else "right",
                "center",
            )
        artists.append(
            ax.annotate(
                f"{text}{chr(10) if narrow else ' '}→ {answer(ch.decision)}",
                xy=end,
                xytext=offset,
                ha=ha,
                va=va,
                bbox=BOX,
                zorder=6,
                gid="next_change_label",
                **NOTE,
            )
        )
    return artists


def check_grid(a: Assessment, grid: pd.DataFrame) -> None:
    """A map must be drawn over a grid of the policy its assessment used."""
    if grid.attrs.get("policy_version") != a.policy_version:
        version = grid.attrs.get("policy_version")
        raise ValueError(
            f"the grid is of policy {version!r}, the assessment of {a.policy_version!r}"
        )


def decision_map(a: Assessment, grid: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Where the answer changes: the answer over headcount x complexity (`analysis.decision_grid`
    of this assessment), the company and the smallest changes that move its answer."""
    check_grid(a, grid)
    fig, ax = figure(ax, (10, 5.5))
    fig.cpo_grid = grid
    hi = map_background(ax, grid, a.company.name)
    map_company(ax, a, hi)
    return fig


def precedents_chart(table: pd.DataFrame, grid: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Real decisions (a `calibration.judge` table) over the model's answers (a `decision_grid`).

    Markers by event; white when the model agrees, vermillion and named when it does not.
    """
    fig, ax = figure(ax, (10, 6))
    answer_grid(ax, grid)
    handles = []
    offsets = np.linspace(-0.25, 0.25, len(EVENT_MARKERS))  # events side by side within a level
    for (event, marker), dy in zip(EVENT_MARKERS.items(), offsets, strict=True):
        rows = table[table["event"] == event]
        for agrees, face in ((True, "white"), (False, NEGATIVE)):
            part = rows[rows["agrees"] == agrees]
            if len(part):
                gid = f"precedent:{event}:{'agrees' if agrees else 'disagrees'}"
                ax.scatter(
                    part["headcount"],
                    part["complexity"] + dy,
                    marker=marker,
                    s=90,
                    c=face,
                    edgecolors="black",
                    linewidths=1,
                    zorder=5,
                    gid=gid,
                )
        for r in rows[~rows["agrees"]].itertuples():
            ax.annotate(
                f"{plain(r.company)} {r.year}",
                xy=(r.headcount, r.complexity + dy),
                xytext=(7, 4),
                bbox=BOX,
                zorder=6,
                gid="disagrees_label",
                **NOTE,
            )
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                color="black",
                markerfacecolor="white",
                linestyle="none",
                markersize=8,
                label=EVENTS[event],
            )
        )
    handles.append(Patch(facecolor=NEGATIVE, edgecolor="black", label="the model disagrees"))
    side_legend(ax, answer_handles(handles), "Model's answer / what happened")
    ax.set_xlabel("Headcount at the time (people, log scale)")
    ax.set_ylabel("Product complexity level")
    agree, n = int(table["agrees"].sum()), len(table)
    set_title(ax, f"Real decisions over the model's answers: agrees with {agree} of {n}", pad=26)
    return fig
