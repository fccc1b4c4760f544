"""Room for labels: x limits chosen so that text written next to bars or lines stays inside the
axes, from text widths measured in the font the chart uses (no draw needed).

>>> fit_limits([(0.0, 0.0, 50.0), (10.0, 0.0, 0.0)], width=500)  # 50 pt of label right of 0
(-0.3..., 10.3...)
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from functools import cache

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font, LoadFlags

NOTE_PT = 8  # annotations, cut-off labels and legends (base.NOTE, side_legend)
OFFSET_PT = 5 + 3  # an annotation's offset from its bar end, and its white box
MARGIN = 0.03  # of the x span, each side, beyond what the labels need
LEGEND_EXTRA_EM = 5.0  # handle, its gap, the frame's padding and the anchor's gap, in font sizes
LAYOUT_PT = 30  # constrained layout's pads, tick marks and their gap to the labels
WRAP = 36  # characters per line of a long axis label
SCALE_PT = 100  # glyph advances are read at this size, then scaled


@cache
def _font(path: str) -> FT2Font:
    font = FT2Font(path)  # our own: matplotlib's shared font objects keep their sizes
    font.set_size(SCALE_PT, 72)
    return font


@cache
def _advance(char: str, path: str) -> float:
    """The advance of `char` at 1 pt, in points, in the font file `path` (unhinted)."""
    font = _font(path)
    return (
        font.load_char(ord(char), flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536 / SCALE_PT
    )


def text_width(text: str, size: float = NOTE_PT) -> float:
    """The width in points of `text` (its widest line) at `size` pt in the current font: the sum
    of its characters' advances: within 3% of what Agg draws, and a thousand times faster than
    matplotlib's own layout.
    """
    path = findfont(FontProperties())
    return size * max(
        (sum(_advance(c, path) for c in line) for line in text.split("\n")), default=0
    )


def tick_size() -> float:
    """The y tick labels' size in points (rcParams `ytick.labelsize`)."""
    return FontProperties(size=rcParams["ytick.labelsize"]).get_size_in_points()


def plot_width(fig: Figure, ax: Axes, legend: Iterable[str] = ()) -> float:
    """The width in points the axes gets once its y tick labels and a side legend (these
    labels, at `NOTE_PT`) take their room."""
    ticks = max((text_width(t.get_text(), tick_size()) for t in ax.get_yticklabels()), default=0)
    side = max((text_width(s) for s in legend), default=0.0)
    if side:
        side += LEGEND_EXTRA_EM * NOTE_PT
    share = ax.get_position().width / (
        rcParams["figure.subplot.right"] - rcParams["figure.subplot.left"]
    )
    return fig.get_figwidth() * 72 * share - ticks - side - LAYOUT_PT


def fit_limits(anchors: Sequence[tuple[float, float, float]], width: float) -> tuple[float, float]:
    """x limits holding every anchor `(x, points of text left of x, points right of x)` with its
    text inside an axes `width` points wide. Labels wider than the axes are given 80% of it."""
    need = max(a[1] for a in anchors) + max(a[2] for a in anchors)
    scale = max(1.0, need / (0.8 * width))
    lo, hi = min(a[0] for a in anchors), max(a[0] for a in anchors)
    if hi == lo:  # one x: any range holds it; one unit, the labels' share of it, the rest around
        left = max(a[1] for a in anchors) / scale / width
        right = max(a[2] for a in anchors) / scale / width
        rest = (1.0 - left - right) / 2
        return lo - left - rest, hi + right + rest
    span = hi - lo
    for _ in range(50):  # a fixed point: the span the labels need, given the span
        lo = min(x - left / scale / width * span for x, left, _ in anchors)
        hi = max(x + right / scale / width * span for x, _, right in anchors)
        if abs(hi - lo - span) < 1e-9 * span:
            break
        span = hi - lo
    pad = MARGIN * (hi - lo) or MARGIN  # one point and no label: still a range
    return lo - pad, hi + pad


def wrap(label: str, width: int = WRAP) -> str:
    """A long axis label on two or more lines: 'Founder/CEO still leading product and\\n…'."""
    return "\n".join(textwrap.wrap(label, width)) if len(label) > width else label
