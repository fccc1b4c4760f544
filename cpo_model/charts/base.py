"""What every chart shares: the figure, the answer colours and legend, headcount axes, cut-offs.

Charts use matplotlib's object API (no pyplot state) and only draw what they are given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullLocator
from matplotlib.transforms import blended_transform_factory

from ..present import DECISION_COLOURS, shorten
from ..present import answer as answer_words
from ..types import Decision
from .fit import NOTE_PT, OFFSET_PT, text_width, wrap

# A phone's chart (the app below 600 px): 3.9 in wide, 312 px at the app's 80 dpi, shown about 338
# px wide on a 390 px screen, so 8 pt text is 9.6 px there. Labels wrap at `NARROW_WRAP`
# characters, titles at `NARROW_TITLE_WRAP`; a bar is `NARROW_BAR` of its row, its label above.
NARROW_WIDTH = 3.9
NARROW_WRAP = 44
NARROW_TITLE_WRAP = 34  # a title's larger type
NARROW_BAR = 0.45

DECISIONS = tuple(Decision)
CMAP = ListedColormap([DECISION_COLOURS[d] for d in DECISIONS], name="cpo_decision").with_extremes(
    bad=(0, 0, 0, 0)
)
NORM = BoundaryNorm([-0.5, 0.5, 1.5, 2.5], CMAP.N)
NOT_POSSIBLE = {"facecolor": "#E5E5E5", "edgecolor": "#8C8C8C", "hatch": "///", "linewidth": 0}
BOX = {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5}
BAR = {"edgecolor": "black", "linewidth": 0.5}
NOTE = {"textcoords": "offset points", "fontsize": NOTE_PT}  # annotation text offset from its point
CUTS = (("consider_from", Decision.CONSIDER), ("yes_from", Decision.YES))


def plain(text: object, limit: int = 24) -> str:
    """User text as plain matplotlib text: one line, at most `limit` characters, `$` escaped.

    >>> plain("Acme $5")
    'Acme \\\\$5'
    """
    return shorten(text, limit).replace("$", r"\$")


def answer(d: Decision | str) -> str:
    """An answer as a chart says it, lower case: 'consider it'."""
    return answer_words(d).lower()


def company_name(name: str | None) -> str:
    return plain(name) if name else "this company"


def figure(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A new constrained-layout figure, or the figure holding `ax`."""
    if ax is None:
        fig = Figure(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    fig = ax.figure
    while not isinstance(fig, Figure):  # a SubFigure: return the figure holding it
        fig = fig.figure
    return fig, ax


def side_legend(ax: Axes, handles: Sequence | None = None, title: str | None = None) -> None:
    """The legend every chart uses: outside the axes, top right, small type."""
    kw = {} if handles is None else {"handles": handles}
    ax.legend(**kw, title=title, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=NOTE_PT)


def legend_below(ax: Axes, handles: Sequence, title: str | None = None) -> None:
    """A phone's chart legend: below the axes, centred, small type (the width is the axes')."""
    ax.legend(
        handles=handles,
        title=title,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        fontsize=NOTE_PT,
    )


def legend(ax: Axes, handles: Sequence, title: str | None = None, narrow: bool = False) -> None:
    """The side legend, or below the axes on a phone's chart (`narrow`)."""
    (legend_below if narrow else side_legend)(ax, handles, title)


def labels_above(ax: Axes, ys: Sequence[float], labels: Sequence[str]) -> None:
    """A phone's bar chart: each bar's label on its own line(s) just above the bar, from the axes'
    left edge, instead of y tick labels beside it (which would leave the bars no room)."""
    at = blended_transform_factory(ax.transAxes, ax.transData)
    for y, text in zip(ys, labels, strict=True):
        ax.text(
            0.01,  # clear of the axes' edge; on a white box over the cut-off lines
            y + NARROW_BAR / 2 + 0.04,
            wrap(text, NARROW_WRAP),
            transform=at,
            ha="left",
            va="bottom",
            fontsize=NOTE_PT,
            bbox=BOX,
            zorder=5,
            gid="bar_label",
        )
    ax.set_yticks(list(ys), [""] * len(ys))
    ax.tick_params(axis="y", length=0)


def set_title(ax: Axes, text: str, **kw) -> None:
    """Set the axes title at a fixed height. No chart has ticks on top, so matplotlib's search
    for a free place above them (a tenth of a chart's draw) would find the same spot."""
    ax.set_title(text, y=1.0, **kw)


def headcount_tick(x: float, _pos: object = None) -> str:
    """Tick label for a headcount: 1, 10, 100, 1k, 10k, 100k, 1M (plain text, no mathtext)."""
    for unit, size in (("M", 1e6), ("k", 1e3)):
        if x >= size:
            return f"{x / size:g}{unit}"
    return f"{x:g}"


def headcount_axis(ax: Axes) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(headcount_tick))
    ax.xaxis.set_minor_locator(NullLocator())  # unlabelled minor ticks cost a draw pass


def answer_handles(extra: Sequence | None = None) -> list:
    """Legend entries for the three answers (in words), then `extra`."""
    return [Patch(color=DECISION_COLOURS[d], label=answer_words(d)) for d in DECISIONS] + list(
        extra or []
    )


def stage_bands(ax: Axes, bands: Sequence[tuple[str, int]], hi: float) -> None:
    """The stage boundaries as dashed lines; each stage named above the axes with where it
    starts."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    starts = [lo for _, lo in bands] + [hi]
    for (label, lo), up in zip(bands, starts[1:], strict=True):
        where = f"under {up:,}" if lo == 1 else f"from {lo:,}"
        ax.text(
            math.sqrt(lo * up),
            1.01,
            f"{label}\n{where}",
            transform=top,
            ha="center",
            va="bottom",
            fontsize=8,
            gid="band_label",
        )
    for x in starts[1:-1]:
        ax.axvline(x, color="black", linestyle="--", linewidth=1.2, gid="band_boundary")


def cutoff_label(key: str, cutoffs: dict[str, float]) -> str:
    """'Consider it from 4': the label of a cut-off line."""
    return f"{answer_words(dict(CUTS)[key])} from {cutoffs[key]:g}"


def cutoff_anchors(cutoffs: dict[str, float]) -> list[tuple[float, float, float]]:
    """Where the cut-off labels sit and how far they reach (`fit.fit_limits` anchors): the
    consider label reads leftwards from its line, the yes label rightwards."""
    out = []
    for key, d in CUTS:
        width = text_width(cutoff_label(key, cutoffs))
        out.append(
            (cutoffs[key], width, 0.0) if d is Decision.CONSIDER else (cutoffs[key], 0.0, width)
        )
    return out


def cutoff_lines(ax: Axes, cutoffs: dict[str, float]) -> None:
    """Dashed lines at the consider and yes cut-offs, labelled above the axes."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    for key, d in CUTS:
        x, label = cutoffs[key], cutoff_label(key, cutoffs)
        ax.axvline(
            x,
            color=DECISION_COLOURS[d],
            linestyle="--",
            linewidth=2,
            gid=f"cutoff:{key}",
            label=label,
        )
        ax.text(
            x,
            1.005,
            label,
            transform=top,
            ha="right" if d is Decision.CONSIDER else "left",  # labels point away from each other
            va="bottom",
            fontsize=NOTE_PT,
            gid=f"cutoff_label:{key}",
        )


def value_labels(ax: Axes, xs, ys, fmt: str = "{:+g}") -> list[tuple[float, float, float]]:
    """Each bar's value next to its end; their `fit.fit_limits` anchors."""
    anchors = []
    for x, y in zip(xs, ys, strict=True):
        ha, dx = ("left", 4) if x >= 0 else ("right", -4)
        ax.annotate(fmt.format(x), xy=(x, y), xytext=(dx, 0), va="center", ha=ha, **NOTE)
        width = OFFSET_PT + text_width(fmt.format(x))
        anchors.append((x, 0.0, width) if x >= 0 else (x, width, 0.0))
    return anchors
