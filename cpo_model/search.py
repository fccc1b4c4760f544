"""What would change the answer: the levers a company can pull, and bounded searches along them.

A lever exists only on a stated input (headcount always; complexity when a level or a factor
was given; PMs when given), and every value in its range makes a valid `Company`. Searches run
on valid rows only, and stop after a bounded number of steps whatever the input.

>>> import numpy as np
>>> from cpo_model.engine import evaluate, rules_for
>>> from cpo_model.policy import load_policy
>>> rules = rules_for(load_policy(), "eu")
>>> cols = {"headcount": np.array([150.0])}
>>> changes(rules, cols, evaluate(rules, cols))["headcount_up"].tolist()
[2500.0]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .engine import HOW, Result, Rules, evaluate, given


def lever_ranges(
    rules: Rules, cols: Mapping[str, np.ndarray], res: Result
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Lever -> (available, current, lowest, highest) feasible values, per company.

    A lever exists only on a stated input: headcount always; complexity when a level or a
    factor was given (not assumed); PMs when given. Every value in range makes a valid `Company`.
    """
    n = len(res.score)
    hc = np.asarray(cols["headcount"], dtype=float)
    pm_given, eng_given = given(cols, "product_managers", n), given(cols, "engineers", n)
    pm0 = np.zeros(n) if pm_given is None else np.nan_to_num(pm_given)
    eng0 = np.zeros(n) if eng_given is None else np.nan_to_num(eng_given)
    pm_stated = np.zeros(n, dtype=bool) if pm_given is None else ~np.isnan(pm_given)
    return {
        "headcount": (
            np.ones(n, dtype=bool),
            hc,
            np.maximum(1.0, pm0 + eng0),
            np.full(n, rules.headcount_max),
        ),
        "complexity": (
            res.complexity_how != HOW.index("assumed"),
            res.complexity.astype(float),
            np.full(n, float(rules.level_lo)),
            np.full(n, float(rules.level_hi)),
        ),
        "product_managers": (pm_stated, res.product_managers, np.zeros(n), hc - eng0),
    }


def changes(
    rules: Rules, cols: Mapping[str, np.ndarray], res: Result, valid: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """For each lever and direction ("headcount_up", ...): the nearest value that moves the
    answer, NaN where none does or the lever does not exist. Searches run on valid rows only
    and stop after a bounded number of steps."""
    n = len(res.score)
    valid = np.ones(n, dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    out = {}
    for lever, (avail, cur, lo, hi) in lever_ranges(rules, cols, res).items():
        rows = np.flatnonzero(avail & valid)
        sub = {k: np.broadcast_to(np.asarray(v, dtype=float), (n,))[rows] for k, v in cols.items()}
        now = res.rank[rows]

        def rank_at(values: np.ndarray, sub: dict = sub, lever: str = lever) -> np.ndarray:
            return evaluate(rules, {**sub, lever: values}).rank

        for direction, start, stop in (
            ("up", cur[rows] + 1, hi[rows]),
            ("down", lo[rows], cur[rows] - 1),
        ):
            found = _search(rank_at, start, stop, now, up=direction == "up")
            col = np.full(n, np.nan)
            col[rows] = found
            out[f"{lever}_{direction}"] = col
    return out


def _search(rank_at, lo: np.ndarray, hi: np.ndarray, now: np.ndarray, up: bool) -> np.ndarray:
    """Smallest value in [lo, hi] whose rank is above `now` (up), or largest below it (down),
    for a rank that never falls as the value rises; NaN where there is none."""
    lo, hi = lo.astype(float), hi.astype(float)
    ok = lo <= hi
    if not ok.any():
        return np.full(len(lo), np.nan)
    extreme = np.where(ok, hi if up else lo, 1.0)
    r = rank_at(extreme)
    ok &= (r > now) if up else (r < now)
    lo, hi = np.where(ok, lo, 0.0), np.where(ok, hi, 0.0)
    steps = int(np.ceil(np.log2(max(float((hi - lo).max()), 1.0) + 1))) + 1
    for _ in range(steps):
        if not (lo < hi).any():
            break
        mid = np.floor((lo + hi) / 2) if up else np.floor((lo + hi + 1) / 2)
        r = rank_at(np.where(ok, mid, 1.0))
        moved = (r > now) if up else (r < now)
        if up:
            hi, lo = np.where(moved, mid, hi), np.where(moved, lo, mid + 1)
        else:
            lo, hi = np.where(moved, mid, lo), np.where(moved, hi, mid - 1)
    return np.where(ok, lo, np.nan)
