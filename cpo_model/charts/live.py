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

The background depends only on the grid, the company's name and the figure's size, never on the
visitor: `SHARED` keeps the last few backgrounds drawn in this process (pixels and axes layout),
and a new map with the same ones starts from them instead of drawing again (the app's visitors).
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..assessment import Assessment
from .maps import NARROW_SIZE, check_grid, map_background, map_company

DPI = 80  # the Explorer's pixel size: 10 x 5.5 inches -> 800 x 440
PNG_LEVEL = 1  # zlib level: fast, and only a few percent larger than the default
SHARED_BACKGROUNDS = 16  # backgrounds kept per process (~1.4 MB each at 800 x 440)


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


@dataclass(frozen=True)
class Background:
    """A drawn map background: its pixels and where the layout put the axes. Read only."""

    pixels: object  # the canvas's BufferRegion, restored into each map's own canvas
    position: tuple[float, float, float, float]  # the axes' (x0, y0, width, height)


class SharedBackgrounds:
    """The last `size` backgrounds drawn in this process, by what they show; thread-safe, and
    one drawing per background even when several maps ask for it at once.

    >>> cache = SharedBackgrounds(2)
    >>> cache.get_or_draw("a", lambda: "pixels"), cache.get_or_draw("a", lambda: "other")
    ('pixels', 'pixels')
    >>> cache.drawn, cache.reused
    (1, 1)
    """

    def __init__(self, size: int = SHARED_BACKGROUNDS) -> None:
        self.size, self.drawn, self.reused = size, 0, 0
        self._items: OrderedDict[Hashable, Background] = OrderedDict()
        self._lock = threading.Lock()
        self._drawing: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get_or_draw(self, key: Hashable, draw: Callable[[], Background]) -> Background:
        """The background for `key`, drawn by `draw()` if not kept (the oldest is dropped)."""
        with self._lock:
            gate = self._drawing.setdefault(key, threading.Lock())
        with gate:  # others asking for the same background wait for this drawing
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.reused += 1
                    return self._items[key]
            background = draw()
            with self._lock:
                self._items[key] = background
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._drawing.pop(key, None)
                self.drawn += 1
            return background


SHARED = SharedBackgrounds()


def background_key(grid: pd.DataFrame, name: str | None, size, dpi: int) -> tuple:
    """What a map's background shows: the grid's cells and attributes, the name, the size."""
    cells = int(pd.util.hash_pandas_object(grid, index=False).sum())
    attrs = repr(sorted(grid.attrs.items()))
    return (cells, len(grid), attrs, name, tuple(size), dpi)


class LiveMap:
    """One company's decision map, kept between changes. `figure` is the map as last drawn."""

    def __init__(
        self, size: tuple[float, float] = (10, 5.5), dpi: int = DPI, narrow: bool = False
    ) -> None:
        """`narrow`: a phone's map (`maps.NARROW_SIZE` unless `size` says otherwise, legend
        below)."""
        if narrow and size == (10, 5.5):
            size = NARROW_SIZE
        self.size, self.dpi, self.narrow = size, dpi, narrow
        self.key: Hashable | None = None
        self.figure: Figure | None = None
        self.rebuilt = 0  # how many times the background was set up (for tests and benchmarks)
        self.drawn = 0  # of which drawn here rather than taken from `SHARED`
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
        artists = map_company(self._ax, a, self._hi, self.narrow)
        for artist in artists:
            artist.set_in_layout(False)
        return artists

    def _build(self, a: Assessment, grid: pd.DataFrame) -> None:
        """This map's own figure and canvas, over the shared background's pixels and layout."""
        check_grid(a, grid)
        key = (*background_key(grid, a.company.name, self.size, self.dpi), self.narrow)
        fig = canvas = ax = None

        def draw() -> Background:
            nonlocal fig, canvas, ax
            fig, canvas, ax = self._figure(grid, a.company.name, "constrained")
            canvas.draw()  # lay out once, then keep the layout
            fig.set_layout_engine("none")
            canvas.draw()
            self.drawn += 1
            return Background(canvas.copy_from_bbox(fig.bbox), tuple(ax.get_position().bounds))

        background = SHARED.get_or_draw(key, draw)
        if fig is None:  # kept from an earlier map: the same artists, placed as it placed them
            fig, canvas, ax = self._figure(grid, a.company.name, "none")
            ax.set_position(background.position, which="both")
            canvas.get_renderer()
        self.figure, self._canvas, self._ax = fig, canvas, ax
        self._background = background.pixels
        self._moving = []
        self.rebuilt += 1

    def _figure(self, grid: pd.DataFrame, name: str | None, layout: str) -> tuple:
        fig = Figure(figsize=self.size, dpi=self.dpi, layout=layout)
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        fig.cpo_grid = grid
        self._hi = map_background(ax, grid, name, self.narrow)
        return fig, canvas, ax
