"""Past one machine: `assess_dask` runs `assess_frame` on every partition of a Dask DataFrame.

Needs the `scale` extra (`pip install "cpo-model[scale]"`). The result is lazy, like any Dask
DataFrame: write it out (`to_parquet`, `to_csv`) or `compute()` it. The same code runs on a
laptop's cores or on a cluster: connect a `dask.distributed.Client` first and Dask sends the
partitions to its workers (the policy travels as its YAML text).

>>> import dask.dataframe as dd, pandas as pd
>>> df = pd.DataFrame({"headcount": [10, 300, -1], "complexity": [1, 5, 2]})
>>> out = assess_dask(dd.from_pandas(df, npartitions=2)).compute()
>>> out["create_cpo"].tolist()
['no', 'yes', nan]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import MissingExtraError
from .frame import assess_frame
from .policy import Policy, resolve

if TYPE_CHECKING:
    import dask.dataframe as dd


def assess_dask(
    ddf: dd.DataFrame,
    policy: Policy | str | Path | None = None,
    standard: str | None = None,
    next_change: bool = False,
) -> dd.DataFrame:
    """`assess_frame` on every partition of `ddf` (same columns, same answers, every row kept
    in its partition and order). Lazy: nothing runs until the result is computed or written."""
    try:
        import dask.dataframe  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("assess_dask", "scale", [exc.name or "dask"]) from None
    policy, std = resolve(policy, standard)
    meta = assess_frame(ddf._meta, policy, std.key, next_change)
    return ddf.map_partitions(assess_frame, policy, std.key, next_change, meta=meta)
