"""`charts.fit`: text widths as matplotlib draws them, and x limits that leave every label its
room."""

from __future__ import annotations

import matplotlib
import pytest
from hypothesis import given
from hypothesis import strategies as st

matplotlib.use("Agg")  # this test process only

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cpo_model.charts.fit import fit_limits, text_width, wrap
from cpo_model.report.page import FIGURE_DPI


@pytest.mark.parametrize(
    "text", ["+7.5", "Create the role now from 9", "2,500 people → consider it", "Ä—ß “quoted”"]
)
@pytest.mark.parametrize("size", [8, 10])
def test_text_width_is_what_matplotlib_draws(text, size):
    """Within 3% of the drawn width (hinting rounds glyphs to pixels); the room around labels
    (`MARGIN`, `OFFSET_PT`) absorbs the difference."""
    fig = Figure(dpi=FIGURE_DPI)
    label = fig.text(0, 0, text, fontsize=size)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = label.get_window_extent(canvas.get_renderer()).width * 72 / FIGURE_DPI  # points
    assert text_width(text, size) == pytest.approx(drawn, rel=0.03)


def test_a_wrapped_label_is_as_wide_as_its_widest_line():
    label = wrap("Founder/CEO still leading product and overloaded (no, assumed)")
    assert label.count("\n") == 1 and all(len(line) <= 36 for line in label.split("\n"))
    assert text_width(label) == max(text_width(line) for line in label.split("\n"))
    assert wrap("Product managers (4)") == "Product managers (4)"


anchor = st.tuples(st.floats(-20, 20, allow_nan=False), st.floats(0, 150), st.floats(0, 150)).map(
    lambda a: (round(a[0], 2), round(a[1]), round(a[2]))
)


@given(st.lists(anchor, min_size=1, max_size=12), st.sampled_from([300.0, 450.0, 700.0]))
def test_every_label_gets_its_room_when_they_fit(anchors, width):
    lo, hi = fit_limits(anchors, width)
    span = hi - lo
    assert span > 0
    for x, left, right in anchors:
        assert lo <= x <= hi
        if max(a[1] for a in anchors) + max(a[2] for a in anchors) <= 0.8 * width:
            assert (x - lo) / span * width >= left - 1e-6
            assert (hi - x) / span * width >= right - 1e-6


def test_labels_of_one_point_get_their_room():
    """Found by the property above: with every anchor at one x the range used to shrink to
    nothing; the labels now get their share of a range around that x."""
    lo, hi = fit_limits([(-0.25, 61, 148)], 450.0)
    assert lo < -0.25 < hi
    assert (-0.25 - lo) / (hi - lo) * 450 >= 61 and (hi + 0.25) / (hi - lo) * 450 >= 148
