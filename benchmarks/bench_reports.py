"""Reports: one memo against executing an empty notebook; a portfolio against one memo."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import Row, companies, fmt_s, median_pair, run, usable_cores

TITLE = "Reports: cpo-model report vs nbconvert of an empty notebook; a portfolio vs one report"


def bench(quick: bool) -> list[Row]:
    import nbformat

    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        empty = tmpd / "empty.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), empty)
        one = [
            py,
            "-m",
            "cpo_model",
            "report",
            "--name",
            "Bench Co",
            "--headcount",
            "300",
            "--complexity",
            "4",
            "--out",
            str(tmpd / "one.html"),
        ]
        floor = [
            py,
            "-m",
            "jupyter",
            "nbconvert",
            "--execute",
            "--to",
            "html",
            str(empty),
            "--output-dir",
            str(tmpd),
        ]
        repeats = 2 if quick else 3
        t_one, t_floor = median_pair(lambda: run(one), lambda: run(floor), repeats)
        n = 10 if quick else 100
        csv = tmpd / "many.csv"
        base = companies(n, seed=1)
        base.insert(0, "name", [f"Company {i:03d}" for i in range(n)])
        base.to_csv(csv, index=False)
        many = [
            py,
            "-m",
            "cpo_model",
            "report",
            "--csv",
            str(csv),
            "--out-dir",
            str(tmpd / "portfolio"),
            "--quiet",
        ]
        t_many, t_serial = median_pair(lambda: run(many), lambda: run([*many, "--jobs", "1"]), 1)
    cores = usable_cores()
    return [
        {
            "what": "one report (cpo-model report)",
            "time": fmt_s(t_one),
            "floor": f"nbconvert --execute, empty notebook: {fmt_s(t_floor)}",
            "ratio": f"{t_one / t_floor:.2f}×",
            "target": "≤ 1.5×",
        },
        {
            "what": f"{n} companies (cpo-model report --csv), {cores} workers",
            "time": fmt_s(t_many),
            "floor": f"one report: {fmt_s(t_one)}",
            "ratio": f"{t_many / t_one:.2f}×",
            "target": "≤ 5× (for 100)",
        },
        {
            "what": f"{n} companies, --jobs 1 (one kernel)",
            "time": fmt_s(t_serial),
            "floor": f"{cores} workers: {fmt_s(t_many)}",
            "ratio": f"{t_serial / t_many:.2f}× slower",
            "target": "",
        },
    ]
