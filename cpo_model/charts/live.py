"""A decision map that redraws only what moves, for the Explorer and the app.

A company's map is the same for every headcount and level (see `analysis.map_key`): the answer
cells, bands, legend and axes are drawn once, kept as pixels, and each change restores them and
draws the company's dot, status and arrows on top. PNG is encoded from the pixels directly.

>>> from cpo_model import Company, assess
>>> from cpo_model.analysis import decision_grid, map_key
>>> live = LiveMap()
>>> a = assess(Company(headcount=150, complexity=3))
>>> png = live.render(a, map_key(a), lambda: decision_grid(a))
>>> png[:4], live.rebuilt
(b'\\x89PNG', 1)
>>> b = assess(Company(headcount=900, complexity=3))
>>> _ = live.render(b, map_key(b), lambda: decision_grid(b))
>>> live.rebuilt  # same map: only the company was redrawn
1
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..assessment import Assessment
from .maps import check_grid, map_background, map_company

DPI = 80  # the Explorer's pixel size: 10 x 5.5 inches -> 800 x 440
PNG_LEVEL = 1  # zlib level: fast, and only a few percent larger than the default


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as PNG (RGB, fast zlib level)."""
    from PIL import Image

    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="png", compress_level=PNG_LEVEL)
    return out.getvalue()


def figure_png(fig: Figure, dpi: int = DPI) -> bytes:
    """A whole Figure as PNG at `dpi` (one full draw, no pyplot)."""
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return encode_png(canvas)


class LiveMap:
    """One company's decision map, kept between changes. `figure` is the map as last drawn."""

    def __init__(self, size: tuple[float, float] = (10, 5.5), dpi: int = DPI) -> None:
        self.size, self.dpi = size, dpi
        self.key: Hashable | None = None
        self.figure: Figure | None = None
        self.rebuilt = 0  # how many times the background was drawn (for tests and benchmarks)
        self._moving: list = []

    def render(self, a: Assessment, key: Hashable, make_grid: Callable[[], pd.DataFrame]) -> bytes:
        """The map for `a` as PNG; `make_grid()` is called only when `key` differs from the last."""
        if key != self.key or self.figure is None:
            self._build(a, make_grid())
            self.key = key
        for artist in self._moving:
            artist.remove()
        self._moving = self._draw_company(a)
        self._canvas.restore_region(self._background)
        for artist in self._moving:
            self._ax.draw_artist(artist)
        return encode_png(self._canvas)

    def _draw_company(self, a: Assessment) -> list:
        artists = map_company(self._ax, a, self._hi)
        for artist in artists:
            artist.set_in_layout(False)
        return artists

    def _build(self, a: Assessment, grid: pd.DataFrame) -> None:
        check_grid(a, grid)
        fig = Figure(figsize=self.size, dpi=self.dpi, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        fig.cpo_grid = grid
        self._hi = map_background(ax, grid, a.company.name)
        canvas.draw()  # lay out once, then keep the layout
        fig.set_layout_engine("none")
        canvas.draw()
        self.figure, self._canvas, self._ax = fig, canvas, ax
        self._background = canvas.copy_from_bbox(fig.bbox)
        self._moving = []
        self.rebuilt += 1
