"""Interaction: an Explorer update against redrawing a bare figure of the same pixel size."""

from __future__ import annotations

import time

import numpy as np
from common import Row, fmt_s

from cpo_model import Company

TITLE = "Interaction: Explorer update latency vs redrawing a bare figure of the same size"


def bench(quick: bool) -> list[Row]:
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from cpo_model.charts.live import figure_png
    from cpo_model.widgets import Explorer

    changes = 40 if quick else 200
    ex = Explorer(Company(headcount=150, complexity=3), debounce=0)
    size, dpi = ex.figures["map"].get_size_inches(), ex.live.dpi
    values = [
        (int(h), int(c))
        for h, c in zip(
            np.geomspace(20, 20_000, changes), np.resize([1, 2, 3, 4, 5], changes), strict=True
        )
    ]

    def bare(h: int, c: int) -> Figure:
        fig = Figure(figsize=size, layout="constrained")
        ax = fig.add_subplot()
        ax.plot([1, h], [1, c])
        ax.set(xlabel="headcount", ylabel="complexity", title="bare figure")
        return fig

    t_update, t_bare, t_bare_fast = [], [], []
    for i, (h, c) in enumerate(values):
        t = time.perf_counter()
        if i % 2:
            ex.complexity.value = c
        else:
            ex.headcount.value = h
        t_update.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare(h, c).savefig(io.BytesIO(), format="png", dpi=dpi)
        t_bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        figure_png(bare(h, c), dpi=dpi)
        t_bare_fast.append(time.perf_counter() - t)
    p = lambda xs, q: float(np.percentile(xs, q))  # noqa: E731
    w, h = (size * dpi).astype(int)
    return [
        {
            "what": f"Explorer update, {changes} changes (assessment, card, visible chart)",
            "p50": fmt_s(p(t_update, 50)),
            "p95": fmt_s(p(t_update, 95)),
            f"bare {w}×{h} figure as PNG, p95": fmt_s(p(t_bare, 95)),
            "p95 ratio": f"{p(t_update, 95) / p(t_bare, 95):.2f}×",
            "ratio to a bare figure with our PNG encoder": (
                f"{p(t_update, 95) / p(t_bare_fast, 95):.2f}×"
            ),
            "map redrawn in full": f"{ex.live.rebuilt} of {changes + 1}",
            "target": "p95 ratio ≤ 0.5×",
        }
    ]
