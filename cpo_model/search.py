"""What would change the answer: the levers a company can pull, and the nearest value on each
that moves the answer.

A lever exists only on a stated input (headcount always; complexity when a level or a factor
was given; PMs when given; a yes/no input when stated, see `flips`), and every value in its
range makes a valid `Company`. The answer is
a step function of each lever that can only change where a rule has a boundary (a size class, a
stage line, a PM band, the headcount where an estimate reaches a band), so the search evaluates
those points and their neighbours, all at once: a fixed, small amount of work per company
whatever the input, and only on valid rows.

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

from .engine import EPS, FLAGS, HOW, Result, Rules, evaluate, given

CELLS = 2_000_000  # candidate evaluations per batch: bounds memory on large frames


def lever_ranges(
    rules: Rules, cols: Mapping[str, np.ndarray], res: Result
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Lever -> (available, current, lowest, highest) feasible values, per company."""
    n = len(res.score)
    hc = np.asarray(cols["headcount"], dtype=float)
    pm_given, eng_given = given(cols, "product_managers", n), given(cols, "engineers", n)
    pm0 = np.zeros(n) if pm_given is None else np.nan_to_num(pm_given)
    eng0 = np.zeros(n) if eng_given is None else np.nan_to_num(eng_given)
    pm_stated = np.zeros(n, dtype=bool) if pm_given is None else ~np.isnan(pm_given)
    level = res.complexity.astype(float)
    return {
        "headcount": (
            np.ones(n, dtype=bool),
            hc,
            np.maximum(1.0, pm0 + eng0),
            np.full(n, rules.headcount_max),
        ),
        "complexity": (
            res.complexity_how != HOW.index("assumed"),
            level,
            np.full(n, float(rules.level_lo)),
            np.full(n, float(rules.level_hi)),
        ),
        "product_managers": (pm_stated, res.product_managers, np.zeros(n), hc - eng0),
    }


def _steps(rules: Rules, lever: str, cols: Mapping[str, np.ndarray], res: Result) -> np.ndarray:
    """Per company, the values of `lever` where its answer may step (n x k, NaN = none)."""
    n = len(res.score)
    if lever == "complexity":
        return np.broadcast_to(
            np.arange(rules.level_lo, rules.level_hi + 1, dtype=float),
            (n, rules.level_hi - rules.level_lo + 1),
        )
    pm_lowers = rules.bands["product_managers"][0]
    pm_lowers = pm_lowers[pm_lowers > 0]
    if lever == "product_managers":
        return np.broadcast_to(pm_lowers, (n, len(pm_lowers)))
    fixed = np.concatenate([rules.bands["size"][0], [rules.midsize_from, rules.large_from]])
    eng_given, pm_given = given(cols, "engineers", n), given(cols, "product_managers", n)
    pm_missing = np.ones(n, dtype=bool) if pm_given is None else np.isnan(pm_given)
    eng_missing = np.ones(n, dtype=bool) if eng_given is None else np.isnan(eng_given)
    eng0 = np.zeros(n) if eng_given is None else np.nan_to_num(eng_given)
    share = np.where(res.flags["tech_company"], rules.engineer_share[1], rules.engineer_share[0])
    k = pm_lowers[None, :]
    # an estimate from given engineers grows with headcount only through the room left: hc - eng
    room = np.where((pm_missing & ~eng_missing)[:, None], eng0[:, None] + k, np.nan)
    # an estimate from the engineering share: floor(share * hc / per_pm) and floor((1 - share) * hc)
    by_share = np.ceil((k - EPS) * rules.engineers_per_pm / np.maximum(share, EPS)[:, None])
    by_rest = np.ceil((k - EPS) / np.maximum(1 - share, EPS)[:, None])
    estimated = (pm_missing & eng_missing)[:, None]
    shares = np.where(estimated, np.concatenate([by_share, by_rest], axis=1), np.nan)
    shares = np.concatenate([shares - 1, shares, shares + 1], axis=1)  # floating-point slack
    return np.concatenate([np.broadcast_to(fixed, (n, len(fixed))), room, shares], axis=1)


def changes(
    rules: Rules, cols: Mapping[str, np.ndarray], res: Result, valid: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """For each lever and direction ("headcount_up", ...): the nearest value that moves the
    answer, NaN where none does or the lever does not exist (and on invalid rows)."""
    n = len(res.score)
    valid = np.ones(n, dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    out = {}
    for lever, (avail, cur, lo, hi) in lever_ranges(rules, cols, res).items():
        up, down = np.full(n, np.nan), np.full(n, np.nan)
        rows = np.flatnonzero(avail & valid)
        if len(rows):
            steps = _steps(rules, lever, cols, res)[rows]
            cand = np.concatenate(
                [
                    steps,
                    steps - 1,
                    np.stack([cur[rows] + 1, cur[rows] - 1, lo[rows], hi[rows]], axis=1),
                ],
                axis=1,
            )
            up[rows], down[rows] = _nearest(rules, cols, res, lever, rows, cand, cur, lo, hi)
        out[f"{lever}_up"], out[f"{lever}_down"] = up, down
    return out


def _nearest(rules, cols, res, lever, rows, cand, cur, lo, hi) -> tuple[np.ndarray, np.ndarray]:
    """Evaluate every candidate (in batches of at most CELLS) and keep the nearest that moves."""
    n_all, width = len(res.score), cand.shape[1]
    up, down = np.full(len(rows), np.nan), np.full(len(rows), np.nan)
    batch = max(1, CELLS // width)
    for start in range(0, len(rows), batch):
        part = slice(start, start + batch)
        r, c = rows[part], cand[part]
        c_lo, c_hi, c_cur = lo[r][:, None], hi[r][:, None], cur[r][:, None]
        ok = ~np.isnan(c) & (c >= c_lo) & (c <= c_hi) & (c != c_cur)
        which, slot = np.nonzero(ok)
        values = c[which, slot]
        sub = {
            k: np.broadcast_to(np.asarray(v, dtype=float), (n_all,))[r[which]]
            for k, v in cols.items()
        }
        ranks = np.full(c.shape, -1, dtype=np.int8)
        ranks[which, slot] = evaluate(rules, {**sub, lever: values}).rank
        now = res.rank[r][:, None]
        above = ok & (c > c_cur) & (ranks > now)
        below = ok & (c < c_cur) & (ranks < now) & (ranks >= 0)
        up[part] = np.where(above.any(axis=1), np.where(above, c, np.inf).min(axis=1), np.nan)
        down[part] = np.where(below.any(axis=1), np.where(below, c, -np.inf).max(axis=1), np.nan)
    return up, down


def flips(
    rules: Rules, cols: Mapping[str, np.ndarray], res: Result, valid: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """For each stated yes/no input (the ones the sensitivity chart flips): the answer's rank
    with that input flipped; -1 where it was not stated (an assumed input is not a lever)."""
    n = len(res.score)
    valid = np.ones(n, dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    out = {}
    for name in FLAGS:
        ranks = np.full(n, -1, dtype=np.int8)
        arr = given(cols, name, n)
        rows = np.array([], dtype=int) if arr is None else np.flatnonzero(~np.isnan(arr) & valid)
        if len(rows):
            sub = {
                k: np.broadcast_to(np.asarray(v, dtype=float), (n,))[rows] for k, v in cols.items()
            }
            sub[name] = np.where(arr[rows] > 0.5, 0.0, 1.0)
            ranks[rows] = evaluate(rules, sub).rank
        out[name] = ranks
    return out
