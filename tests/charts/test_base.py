"""`charts.base`: every chart draws on a given axes, keeps no pyplot state, shows text as text."""

from __future__ import annotations

import matplotlib
import pandas as pd

from cpo_model import (
    Company,
    assess,
)
from tests.charts.cases import COMPANIES, CUTOFFS

matplotlib.use("Agg")  # this test process only

import ast
import inspect

from matplotlib import cbook
from matplotlib.figure import Figure

from cpo_model import charts
from cpo_model.analysis import (
    contributions_data,
    decision_grid,
    responsibilities_data,
    sensitivity_data,
    stage_bands,
)


def test_charts_draw_on_a_given_axes_and_return_its_figure(portfolio_frame):
    fig = Figure()
    axes = fig.subplots(2, 3)
    a = assess(COMPANIES[0])
    frame = portfolio_frame
    drawn = [
        charts.decision_map(a, decision_grid(a), ax=axes[0, 0]),
        charts.contributions_chart(contributions_data(a), ax=axes[0, 1]),
        charts.sensitivity_chart(sensitivity_data(a.company), ax=axes[0, 2]),
        charts.responsibilities_chart(responsibilities_data(a.company), ax=axes[1, 0]),
        charts.portfolio_chart(frame, stage_bands(), "EU", ax=axes[1, 1]),
        charts.portfolio_bars(frame, CUTOFFS, ax=axes[1, 2]),
    ]
    assert all(f is fig for f in drawn) and len(fig.axes) >= 6
    assert all(ax.has_data() for ax in axes.flat)
    assert isinstance(fig.cpo_grid, pd.DataFrame)


def test_charts_module_keeps_no_pyplot_state():
    tree = ast.parse(inspect.getsource(charts))
    imported = [
        a.name
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names
    ]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert imported and not [m for m in imported if "pyplot" in m]
    fig = charts.contributions_chart(contributions_data(assess(Company(headcount=50))))
    assert type(fig) is Figure and fig.get_layout_engine() is not None


def test_plain_text_is_one_short_line_without_mathtext():
    assert charts.plain("a\nb $1 and $2") == r"a b \$1 and \$2"
    assert charts.plain("x" * 30) == "x" * 23 + "…"
    assert not cbook.is_math_text(charts.plain("$\\alpha$"))


def test_charts_only_draw_they_never_assess():
    """The charts package imports no model, frame or analysis: it draws what it is given."""
    from pathlib import Path

    import cpo_model.charts as pkg

    for path in Path(pkg.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names]
        assert not {m.lstrip(".") for m in modules} & {"model", "frame", "analysis", "engine"}, (
            path.name
        )
        assert not {"assess", "assess_frame"} & set(names), path.name
