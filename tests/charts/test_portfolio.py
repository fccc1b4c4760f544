"""`charts.portfolio`: a portfolio on the map, valid rows only, names as plain text."""

from __future__ import annotations

import io

import matplotlib

from cpo_model import (
    Decision,
    load_policy,
)

matplotlib.use("Agg")  # this test process only


from matplotlib import cbook
from matplotlib.collections import PathCollection

from cpo_model import charts
from cpo_model.analysis import (
    stage_bands,
)
from cpo_model.present import DECISION_COLOURS


def test_portfolio_plots_valid_rows_only_and_notes_the_invalid(by_gid, rgba, portfolio_frame):
    frame = portfolio_frame
    valid = frame[frame["error"].isna()]
    ax = charts.portfolio_chart(frame, stage_bands(None, "gartner"), "Gartner").axes[0]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in scatters) == len(valid) == 4
    for d in Decision:
        (points,) = by_gid(ax, f"portfolio:{d.value}")
        mine = valid[valid["create_cpo"] == d.value]
        assert sorted(map(tuple, points.get_offsets().tolist())) == sorted(
            zip(mine["headcount"], mine["complexity_level"], strict=True)
        )
        if len(mine):
            assert rgba(points.get_facecolor()[0]) == rgba(DECISION_COLOURS[d])
    plotted = {x for c in scatters for x, _ in c.get_offsets().tolist()}
    assert not plotted & {-5.0, 10.0}
    (note,) = by_gid(ax, "invalid_note")
    assert (
        note.get_text().startswith("2 invalid rows not plotted")
        and "Bad headcount" in note.get_text()
    )
    gartner = load_policy().standards["gartner"]
    assert sorted(line.get_xdata()[0] for line in by_gid(ax, "band_boundary")) == [
        gartner.midsize_from,
        gartner.large_from,
    ]


def test_portfolio_names_are_plain_text_verbatim_and_truncated(by_gid, portfolio_frame):
    fig = charts.portfolio_chart(portfolio_frame, stage_bands(), "EU")
    names = [t.get_text() for t in by_gid(fig.axes[0], "company_name")]
    shown = [n.replace(r"\$", "$") for n in names]
    assert "$x$ <script>" in shown and not any(
        cbook.is_math_text(n) for n in names
    )  # drawn verbatim, not as mathtext
    assert "A" * 23 + "…" in shown and max(map(len, shown)) == 24
    fig.savefig(io.BytesIO(), format="png")  # renders without a mathtext error
