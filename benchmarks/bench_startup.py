"""Start-up: importing the package and one CLI run against importing pandas."""

from __future__ import annotations

import sys

from common import Row, fmt_s, median_pair, run

TITLE = "Start-up: import and CLI vs importing pandas"


def bench(quick: bool) -> list[Row]:
    py = sys.executable
    repeats = 2 if quick else 15  # quick: a smoke run
    ours, pandas_ = median_pair(
        lambda: run([py, "-c", "import cpo_model"]),
        lambda: run([py, "-c", "import pandas"]),
        repeats,
    )
    cli, _ = median_pair(
        lambda: run([py, "-m", "cpo_model", "assess", "--headcount", "150", "--complexity", "3"]),
        lambda: None,
        repeats,
    )
    return [
        {
            "what": "python -c 'import cpo_model'",
            "time": fmt_s(ours),
            "vs import pandas": fmt_s(pandas_),
            "ratio": f"{ours / pandas_:.2f}×",
            "target": "≤ 1.2×",
        },
        {
            "what": "cpo-model assess (end to end)",
            "time": fmt_s(cli),
            "vs import pandas": fmt_s(pandas_),
            "ratio": f"{cli / pandas_:.2f}×",
            "target": "",
        },
    ]
