"""Past one machine: `assess_dask` on Dask's local schedulers against `assess_frame` in one
process, on the same rows."""

from __future__ import annotations

from common import Row, companies, fmt_s, median_pair

from cpo_model import assess_frame, load_policy

TITLE = "Scaling: assess_dask (Dask, local schedulers) vs assess_frame in one process"


def bench(quick: bool) -> list[Row]:
    try:
        import dask.dataframe as dd
    except ImportError:
        return [{"what": 'Dask not installed: pip install "cpo-model[scale]"'}]
    from common import usable_cores

    from cpo_model.scale import assess_dask

    policy = load_policy()
    n = 200_000 if quick else 2_000_000
    df = companies(n, seed=4).astype(str)  # text columns, as read from CSV files
    cores = usable_cores()
    parts = 4 * cores
    ddf = dd.from_pandas(df, npartitions=parts).persist()
    rows: list[Row] = []
    for scheduler in ("threads", "processes"):
        lazy = assess_dask(ddf, policy, next_change=True)
        t_dask, t_pandas = median_pair(
            lambda lazy=lazy, s=scheduler: lazy.compute(scheduler=s),
            lambda: assess_frame(df, policy, next_change=True),
            2 if quick else 3,
        )
        rows.append(
            {
                "what": f"{n:,} rows, {parts} partitions, {scheduler} on {cores} cores",
                "assess_dask": fmt_s(t_dask),
                "assess_frame, one process": fmt_s(t_pandas),
                "speed-up": f"{t_pandas / t_dask:.2f}×",
            }
        )
    return rows
