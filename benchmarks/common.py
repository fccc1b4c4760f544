"""What every benchmark shares: side-by-side timing, formatting, subprocess runs, inputs.

Each comparison alternates the two sides in the same loop (the machine is shared and noisy) and
reports medians. Nothing here asserts a time.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
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


def fmt_mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.0f} MiB"


def run(cmd: list[str], cwd: Path | None = None) -> float:
    """Seconds to run `cmd`, which must exit 0 (the environment's MPLBACKEND removed, as for a
    user)."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - t


def run_measured(
    cmd: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, int]:
    """(seconds, peak resident memory in bytes) of a Python command `[python, -m|-c, ...]`,
    whose exit status must be in `ok`. The peak is the process's own (see `peak.py`)."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    with tempfile.TemporaryDirectory() as tmp:
        peak, err = Path(tmp) / "peak", Path(tmp) / "stderr"
        full = [cmd[0], str(HERE / "peak.py"), str(peak), *cmd[1:]]
        with open(err, "wb") as err_file:
            t = time.perf_counter()
            code = subprocess.run(
                full, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err_file
            ).returncode
            seconds = time.perf_counter() - t
        if code not in ok:
            tail = err.read_text(errors="replace")[-500:]
            raise RuntimeError(f"{' '.join(cmd[:5])} exited {code}: {tail}")
        return seconds, int(peak.read_text()) * 1024


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def companies(n: int, seed: int = 0) -> pd.DataFrame:
    """`n` companies spread over sizes 1-100,000 (log-uniform) and levels 1-5."""
    rng = np.random.default_rng(seed)
    headcount = np.exp(rng.uniform(0, np.log(100_000), n)).astype(int) + 1
    return pd.DataFrame({"headcount": headcount, "complexity": rng.integers(1, 6, n)})


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
