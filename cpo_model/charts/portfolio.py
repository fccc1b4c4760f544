"""A portfolio on the map: every valid company of an `assess_frame` result at its headcount and
complexity, coloured by answer, names placed so they do not overlap.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..present import DECISION_COLOURS, MAP_HEADCOUNT_TOP
from ..present import answer as answer_words
from ..schema import complexity_range
from .base import (
    BAR,
    BOX,
    DECISIONS,
    NOTE,
    figure,
    headcount_axis,
    plain,
    set_title,
    side_legend,
    stage_bands,
)


def valid_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of an `assess_frame` result with an answer, and the rest."""
    ok = frame["create_cpo"].notna() & (frame["error"].isna() if "error" in frame else True)
    return frame[ok], frame[~ok]


def row_names(frame: pd.DataFrame) -> list[str]:
    """Each row's name as plain chart text ('row 3' when it has none)."""
    names = frame["name"] if "name" in frame else pd.Series(pd.NA, index=frame.index)
    return [
        plain(n) if isinstance(n, str) and n.strip() else f"row {i}"
        for i, n in zip(frame.index, names, strict=True)
    ]


def _label_offsets(
    xs: np.ndarray, ys: np.ndarray, labels: list[str], decades: float, width_pt: float
) -> list[tuple[int, int]]:
    """Greedy offsets (points) so labels on the same level do not overlap: above, below, higher,
    lower."""
    slots, ends, out = (7, -13, 19, -25), {}, [(6, 7)] * len(xs)
    for k in sorted(range(len(xs)), key=lambda k: (ys[k], xs[k])):
        x = math.log10(max(xs[k], 1)) / decades * width_pt
        for s in slots:
            if ends.get((ys[k], s), -math.inf) < x:
                break
        ends[(ys[k], s)] = x + 6 + 4.6 * len(labels[k])
        out[k] = (6, s)
    return out


def portfolio_chart(
    frame: pd.DataFrame, bands, standard_label: str, ax: Axes | None = None
) -> Figure:
    """The valid companies of an `assess_frame` result on headcount x complexity, coloured by
    answer.

    `bands` are the standard's stages as (label, first headcount) (`analysis.stage_bands`).
    """
    ok, bad = valid_rows(frame)
    fig, ax = figure(ax, (10, 6))
    hs, levels = (
        ok["headcount"].astype(float).to_numpy(),
        ok["complexity_level"].astype(float).to_numpy(),
    )
    answers = ok["create_cpo"].astype(str).to_numpy()
    for d in DECISIONS:
        m = answers == d.value
        ax.scatter(
            hs[m],
            levels[m],
            s=70,
            color=DECISION_COLOURS[d],
            zorder=3,
            gid=f"portfolio:{d.value}",
            label=f"{answer_words(d)} ({int(m.sum())})",
            **BAR,
        )
    hi = max(MAP_HEADCOUNT_TOP, float(hs.max()) * 2 if len(hs) else 0)
    names = row_names(ok)
    width_pt = ax.get_position().width * fig.get_figwidth() * 72 * 0.8
    offsets = _label_offsets(hs, levels, names, math.log10(hi), width_pt)
    for x, y, label, offset in zip(hs, levels, names, offsets, strict=True):
        ax.annotate(
            label,
            xy=(x, y),
            xytext=offset,
            va="center",
            bbox=BOX,
            zorder=4,
            gid="company_name",
            **NOTE,
        )
    lo, top = complexity_range()
    ax.set(xscale="log", xlim=(1, hi), ylim=(lo - 0.5, top + 0.5), yticks=range(lo, top + 1))
    headcount_axis(ax)
    stage_bands(ax, bands, hi)
    if len(bad):
        listed = ", ".join(row_names(bad)[:3]) + (", …" if len(bad) > 3 else "")
        note = (
            f"{len(bad)} invalid row{'s' if len(bad) != 1 else ''} not plotted ({listed}): see "
            "the error column"
        )
        ax.annotate(
            note,
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -38),
            va="top",
            gid="invalid_note",
            **NOTE,
        )
    side_legend(ax, title="Create a CPO?")
    ax.set_xlabel("Headcount (people, log scale)")
    ax.set_ylabel("Product complexity level")
    set_title(ax, f"Portfolio: {len(ok)} companies, size bands {standard_label}", pad=26)
    return fig
