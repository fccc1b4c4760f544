"""Big CSVs: `cpo-model assess --csv` (streamed in chunks) against the one-process pandas round
trip (`read_csv` + `assess_frame` + `to_csv`), and its peak memory at 10× the rows."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from common import ROOT, Row, companies, fmt_mib, fmt_s, run_measured

TITLE = (
    "Big CSVs: cpo-model assess --csv vs the one-process pandas round trip (targets: time ≤ "
    "1.5×; peak memory at 10× the rows ≤ 1.5×)"
)
ROUND_TRIP = """
import sys
import pandas as pd
from cpo_model import assess_frame
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
assess_frame(df, next_change=True).to_csv(sys.argv[2], index=False)
"""


def write_csv(path: Path, n: int) -> None:
    """`n` companies as a user's CSV: a name, the two required columns, a PM count (some blank)."""
    df = companies(n, seed=2)
    df.insert(0, "name", [f"Company {i}" for i in range(n)])
    pms = np.minimum(np.random.default_rng(3).integers(0, 40, n), df["headcount"])
    df["product_managers"] = pms.astype(str).astype(object)
    df.loc[::7, "product_managers"] = ""
    df.to_csv(path, index=False)


def rows_in(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def bench(quick: bool) -> list[Row]:
    small, big = (30_000, 300_000) if quick else (300_000, 3_000_000)
    py = sys.executable
    out: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        peaks = {}
        for n in (small, big):
            src, ours, theirs = t / f"in-{n}.csv", t / f"ours-{n}.csv", t / f"ref-{n}.csv"
            write_csv(src, n)
            cli = [py, "-m", "cpo_model", "assess", "--csv", str(src), "--out", str(ours)]
            ref = [py, "-c", ROUND_TRIP, str(src), str(theirs)]
            runs = [(run_measured(cli, ROOT, (0, 1)), run_measured(ref, ROOT)) for _ in range(2)]
            (t_cli, m_cli), (t_ref, m_ref) = min(runs, key=lambda r: r[0][0] + r[1][0])
            peaks[n] = m_cli
            same = rows_in(src) == rows_in(ours) == n
            out.append(
                {
                    "rows": f"{n:,}",
                    "cpo-model assess --csv": fmt_s(t_cli),
                    "pandas round trip": fmt_s(t_ref),
                    "time ratio": f"{t_cli / t_ref:.2f}×",
                    "peak memory": fmt_mib(m_cli),
                    "round trip peak": fmt_mib(m_ref),
                    "rows out = rows in": "yes" if same else "NO",
                }
            )
    out.append(
        {
            "rows": f"peak memory at {big:,} rows / at {small:,}: {peaks[big] / peaks[small]:.2f}×",
        }
    )
    return out
