"""The benchmark runner works from a checkout (figures are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys


def test_quick_benchmark_prints_ratios_for_batch_and_startup(root):
    r = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--only", "batch,startup", "--out", "-"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    assert (
        "| 1,000 |" in r.stdout
        and "frame / floor" in r.stdout
        and "MiB per million rows" in r.stdout
    )
    assert "import cpo_model" in r.stdout and "×" in r.stdout


def test_floor_and_frame_agree(root):
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(root / "benchmarks"))
    from floor import floor_decisions, prepare

    from cpo_model import assess_frame, load_policy

    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {"headcount": rng.integers(1, 50_000, 5000), "complexity": rng.integers(1, 6, 5000)}
    )
    for standard in ("eu", "gartner"):
        ranks = (
            assess_frame(df, standard=standard)["create_cpo"]
            .map({"no": 0, "consider": 1, "yes": 2})
            .to_numpy()
        )
        floor = floor_decisions(
            prepare(
                load_policy(), standard, df["headcount"].to_numpy(), df["complexity"].to_numpy()
            )
        )
        assert (ranks == floor).all()
