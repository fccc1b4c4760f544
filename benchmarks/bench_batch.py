"""Batch: `assess_frame` against the one rule engine run on prepared arrays (the floor) and a
per-row `assess` loop."""

from __future__ import annotations

import tracemalloc

from common import Row, companies, fmt_s, median_pair
from floor import floor_decisions, prepare

from cpo_model import Company, assess, assess_frame, load_policy

TITLE = (
    "Batch: assess_frame vs a per-row loop and the engine floor (targets: 1,000,000 in < 1 s; "
    "≤ 3× the floor)"
)


def bench(quick: bool) -> list[Row]:
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
