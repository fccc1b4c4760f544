"""`assess_frame`: many companies at once. A thin adapter: parse -> engine -> frame.

Gives the same answers as `assess` row for row (the same engine). Every input row comes out,
in order, with its columns (unknown ones pass through); invalid rows keep their values and get
a message in `error` and empty results.

>>> import pandas as pd
>>> out = assess_frame(pd.DataFrame({"headcount": [10, 300, -1], "complexity": [1, 5, 2]}))
>>> out["create_cpo"].tolist()
['no', 'yes', nan]
>>> out["error"].iloc[2]
'headcount=-1: expected a whole number from 1 to 10,000,000'
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import engine, search
from .columns import parse_frame
from .policy import Policy, resolve
from .types import Decision, Role, Stage

RESULT_COLUMNS = (
    "error",
    "stage",
    "create_cpo",
    "role",
    "score",
    "complexity_level",
    "product_managers_est",
    "gates",
    "assumed",
    *(f"points_{f}" for f in engine.FACTORS),
    "policy_version",  # the policy's label: its version, "+custom.<sha12>" when not the bundled
)
CHANGE_COLUMNS = tuple(f"{lever}_{d}" for lever in engine.LEVERS for d in ("up", "down"))
STAGES = [s.value for s in Stage]
DECISIONS = [d.value for d in Decision]
ROLES = [r.value for r in Role]


def _flag_names(keys: tuple[str, ...]) -> list[str]:
    """Category names for every bit pattern over `keys`: '' , 'a', 'b', 'a;b', ..."""
    names = []
    for code in range(1 << len(keys)):
        names.append(";".join(k for i, k in enumerate(keys) if code >> i & 1))
    return names


GATE_NAMES, ASSUMED_NAMES = _flag_names(engine.GATES), _flag_names(engine.ASSUMABLE)


def assess_frame(
    df: pd.DataFrame,
    policy: Policy | str | Path | None = None,
    standard: str | None = None,
    next_change: bool = False,
) -> pd.DataFrame:
    """Assess every row of `df` (columns named like `Company` fields, `owner_<id>` for owners).

    Adds the columns in `RESULT_COLUMNS` (`gates` and `assumed` list keys joined by ';'), and
    with `next_change` the columns in `CHANGE_COLUMNS`: the nearest value of each stated input
    that moves `create_cpo` up or down. Does not modify `df`.
    """
    policy, std = resolve(policy, standard)
    rules = engine.rules_for(policy, std.key)
    n = len(df)
    parsed = parse_frame(df)
    cols, bad = parsed.columns, parsed.bad
    every = not bad.any()
    if not every:  # invalid rows are scored as a harmless placeholder, then blanked
        cols = {k: np.where(bad, 1.0 if k == "headcount" else np.nan, v) for k, v in cols.items()}
    res = engine.evaluate(rules, cols)

    def masked(arr: np.ndarray) -> np.ndarray:
        return np.asarray(arr, dtype=float) if every else np.where(bad, np.nan, arr)

    def labels(names: list[str], codes: np.ndarray) -> pd.Categorical:
        return pd.Categorical.from_codes(
            codes if every else np.where(bad, -1, codes), categories=names
        )

    errors = np.full(n, None, dtype=object)
    if not every:
        errors[bad] = [parsed.message(i) for i in np.flatnonzero(bad)]
    results: dict[str, object] = {
        "error": pd.Series(errors, index=df.index, dtype=object),  # text or None, every chunk
        "stage": labels(STAGES, res.stage),
        "create_cpo": labels(DECISIONS, res.rank),
        "role": labels(ROLES, res.role),
        "score": masked(res.score),
        "complexity_level": pd.arrays.IntegerArray(res.complexity.astype("int64"), bad.copy()),
        "product_managers_est": masked(res.product_managers),
        "gates": labels(GATE_NAMES, res.gates.astype(np.int64)),
        "assumed": labels(ASSUMED_NAMES, res.assumed.astype(np.int64)),
    }
    for f in engine.FACTORS:
        results[f"points_{f}"] = masked(res.points[f])
    results["policy_version"] = pd.Categorical.from_codes(
        np.zeros(n, dtype=np.int8), categories=[policy.identity.label]
    )
    if next_change:
        for col, arr in search.changes(rules, cols, res, ~bad).items():
            missing = np.isnan(arr)
            results[col] = pd.arrays.IntegerArray(
                np.where(missing, 0, arr).astype("int64"), missing
            )
    kept = df.drop(columns=[c for c in df.columns if c in results or c in CHANGE_COLUMNS])
    out = pd.concat([kept, pd.DataFrame(results, index=df.index, copy=False)], axis=1)
    assert len(out) == n
    return out
