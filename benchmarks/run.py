"""cpo-model benchmarks: every figure a ratio measured side by side in one run.

    python benchmarks/run.py [--quick] [--only batch,interaction,reports,startup] [--out
    benchmarks/results.md]

Each comparison alternates the two sides in the same loop (the machine is shared and
noisy) and reports medians. Targets are printed next to the figures; nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from floor import floor_decisions, prepare  # noqa: E402

from cpo_model import Company, assess, assess_frame, load_policy  # noqa: E402

Row = dict[str, str]


def median_pair(
    a: Callable[[], object], b: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median seconds of `a` and `b`, run alternately `repeats` times each."""
    ta, tb = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t)
        t = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def fmt_s(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


# --- 1. batch ------------------------------------------------------------------------------


def companies(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    headcount = np.exp(rng.uniform(0, np.log(100_000), n)).astype(int) + 1
    return pd.DataFrame({"headcount": headcount, "complexity": rng.integers(1, 6, n)})


def bench_batch(quick: bool) -> list[Row]:
    policy = load_policy()
    sizes = (10**3, 10**4) if quick else (10**3, 10**4, 10**5, 10**6)
    loop_rows = 300 if quick else 3000
    rows = []
    for n in sizes:
        df = companies(n)
        prepared = prepare(policy, "eu", df["headcount"].to_numpy(), df["complexity"].to_numpy())
        out = assess_frame(df, policy)
        same = (
            out["create_cpo"].map({"no": 0, "consider": 1, "yes": 2}).to_numpy()
            == floor_decisions(prepared)
        ).all()
        assert same, "the floor and assess_frame disagree: the comparison would be meaningless"
        repeats = 3 if n >= 10**6 else 7
        t_frame, t_floor = median_pair(
            lambda df=df: assess_frame(df, policy), lambda p=prepared: floor_decisions(p), repeats
        )
        sub = df.head(min(n, loop_rows))

        def loop(sub=sub):
            return [
                assess(Company(headcount=int(h), complexity=int(c)), policy)
                for h, c in zip(sub["headcount"], sub["complexity"], strict=True)
            ]

        t_frame_sub, t_loop_sub = median_pair(lambda sub=sub: assess_frame(sub, policy), loop, 3)
        t_loop = t_loop_sub / len(sub) * n
        rows.append(
            {
                "companies": f"{n:,}",
                "assess_frame": fmt_s(t_frame),
                "engine floor": fmt_s(t_floor),
                "frame / floor": f"{t_frame / t_floor:.1f}×",
                "per-row assess loop": fmt_s(t_loop)
                + ("" if len(sub) == n else f" (from {len(sub):,} rows)"),
                "loop / frame": f"{t_loop / t_frame:.0f}×",
            }
        )
    n = sizes[-1]
    df = companies(n)
    tracemalloc.start()
    assess_frame(df, policy)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rows.append(
        {
            "companies": (
                f"peak memory of assess_frame: {peak / 2**20 * 10**6 / n:.0f} MiB per million rows"
            )
        }
    )
    return rows


# --- 2. interaction ------------------------------------------------------------------------


def bench_interaction(quick: bool) -> list[Row]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from cpo_model.widgets import Explorer, figure_png

    changes = 40 if quick else 200
    ex = Explorer(Company(headcount=150, complexity=3))
    size = ex.figures["map"].get_size_inches()
    values = [
        (int(h), int(c))
        for h, c in zip(
            np.geomspace(20, 20_000, changes), np.resize([1, 2, 3, 4, 5], changes), strict=True
        )
    ]
    t_update, t_bare = [], []
    for i, (h, c) in enumerate(values):
        t = time.perf_counter()
        if i % 2:
            ex.complexity.value = c
        else:
            ex.headcount.value = h
        t_update.append(time.perf_counter() - t)
        t = time.perf_counter()
        fig = Figure(figsize=size, layout="constrained")
        ax = fig.add_subplot()
        ax.plot([1, h], [1, c])
        ax.set(xlabel="headcount", ylabel="complexity", title="bare figure")
        figure_png(fig)
        t_bare.append(time.perf_counter() - t)
    p = lambda xs, q: float(np.percentile(xs, q))  # noqa: E731
    return [
        {
            "what": f"Explorer update, {changes} changes (assessment, card, visible chart)",
            "p50": fmt_s(p(t_update, 50)),
            "p95": fmt_s(p(t_update, 95)),
            "bare figure p50": fmt_s(p(t_bare, 50)),
            "bare figure p95": fmt_s(p(t_bare, 95)),
            "p95 ratio": f"{p(t_update, 95) / p(t_bare, 95):.1f}×",
            "target": "p95 < 50 ms",
        }
    ]


# --- 3. reports ----------------------------------------------------------------------------


def run(cmd: list[str], cwd: Path | None = None) -> float:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - t


def bench_reports(quick: bool) -> list[Row]:
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
        t_many = run(many)
    return [
        {
            "what": "one report (cpo-model report)",
            "time": fmt_s(t_one),
            "floor": f"nbconvert --execute, empty notebook: {fmt_s(t_floor)}",
            "ratio": f"{t_one / t_floor:.2f}×",
            "target": "≤ 1.5×",
        },
        {
            "what": f"{n} companies (cpo-model report --csv)",
            "time": fmt_s(t_many),
            "floor": f"one report: {fmt_s(t_one)}",
            "ratio": f"{t_many / t_one:.2f}×",
            "target": "≤ 5× (for 100)",
        },
    ]


# --- 4. start-up ---------------------------------------------------------------------------


def bench_startup(quick: bool) -> list[Row]:
    py = sys.executable
    repeats = 5 if quick else 15
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


# --- output --------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(
            next(
                ln
                for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")
            ).split()[1]
        )
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import matplotlib

    return [
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores "
        f"({cpu}), {mem} memory; shared and noisy",
        f"- Python {platform.python_version()}, NumPy {np.__version__}, pandas "
        f"{pd.__version__}, matplotlib {matplotlib.__version__}",
    ]


def table(rows: list[Row]) -> str:
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(r.get(c, "") for c in cols) + " |" for r in rows]
    return "\n".join(lines)


SECTIONS = {
    "batch": (
        "Batch: assess_frame vs a per-row loop and the engine floor (targets: 1,000,000 in < "
        "1 s; ≤ 3× the floor)",
        bench_batch,
    ),
    "interaction": (
        "Interaction: Explorer update latency vs redrawing a bare figure of the same size",
        bench_interaction,
    ),
    "reports": (
        "Reports: cpo-model report vs nbconvert of an empty notebook; a portfolio vs one report",
        bench_reports,
    ),
    "startup": ("Start-up: import and CLI vs importing pandas", bench_startup),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true", help="small sizes and few repeats (a smoke run)"
    )
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    ap.add_argument(
        "--out",
        default=str(HERE / "results.md"),
        help="where to write the Markdown results ('-' for none)",
    )
    args = ap.parse_args(argv)
    out = [
        "# Benchmark results",
        "",
        *machine(),
        f"- mode: {'quick' if args.quick else 'full'}",
        "",
    ]
    for key in args.only.split(","):
        title, fn = SECTIONS[key.strip()]
        print(f"\n## {title}", flush=True)
        text = table(fn(args.quick))
        print(text, flush=True)
        out += [f"## {title}", "", text, ""]
    if args.out != "-":
        Path(args.out).write_text("\n".join(out), encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
