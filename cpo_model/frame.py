"""`assess_frame`: many companies at once, vectorised with pandas/NumPy.

Gives the same answers as `assess` row for row. Every input row comes out, in order,
with its columns (unknown ones pass through); invalid rows keep their values and get a
message in `error` and empty results.

>>> import pandas as pd
>>> out = assess_frame(pd.DataFrame({"headcount": [10, 300, -1], "complexity": [1, 4, 2]}))
>>> out["create_cpo"].tolist()
['no', 'yes', nan]
>>> out["error"].iloc[2]
'headcount=-1: expected a whole number from 1 to 10,000,000'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .company import FALSE_WORDS, OWNER_PREFIX, TRUE_WORDS, Company, input_schema, parse_value
from .errors import InvalidInputError
from .model import resolve
from .policy import Policy, SizeStandard
from .resources import responsibility_ids
from .scoring import COMPLEXITY_FACTORS, MAX_LEVEL, MIN_LEVEL
from .types import Decision, Role, Stage

FACTORS = (
    "size",
    "complexity",
    "product_managers",
    "uncovered_responsibilities",
    "founder_overloaded",
    "tech_company",
    "product_market_fit",
)
RESULT_COLUMNS = (
    "error",
    "stage",
    "create_cpo",
    "role",
    "score",
    "complexity_level",
    "product_managers_est",
    *(f"points_{f}" for f in FACTORS),
)
CHANGE_COLUMNS = tuple(f"{f}_{d}" for f in ("headcount", "complexity", "product_managers") for d in ("up", "down"))
STAGES = [s.value for s in Stage]
DECISIONS = [d.value for d in Decision]
ROLES = [r.value for r in Role]


def assess_frame(
    df: pd.DataFrame,
    policy: Policy | None = None,
    standard: str | None = None,
    next_change: bool = False,
) -> pd.DataFrame:
    """Assess every row of `df` (columns named like `Company` fields, `owner_<id>` for owners).

    Adds the columns in `RESULT_COLUMNS` (and `CHANGE_COLUMNS`: the nearest value of each
    input that moves `create_cpo` up or down, when `next_change`). Does not modify `df`.
    """
    policy, std = resolve(policy, standard)
    n = len(df)
    values, bad = _parse(df)
    bad |= _cross_checks(values)
    x = _effective(policy, values, bad)
    points = _points(policy, std, x)
    score = sum(points.values())
    rank = _decision_rank(policy, score)

    ok = ~bad
    every = not bad.any()

    def masked(arr: np.ndarray) -> np.ndarray:
        return np.asarray(arr, dtype=float) if every else np.where(ok, arr, np.nan)

    def labels(names: list[str], codes: np.ndarray) -> pd.Categorical:
        return pd.Categorical.from_codes(codes if every else np.where(ok, codes, -1), categories=names)

    errors = np.full(n, None, dtype=object)
    if not every:
        errors[bad] = [_message(row) for row in df[bad].to_dict("records")]
    results: dict[str, object] = {
        "error": errors,
        "stage": labels(STAGES, _stage_rank(std, x["headcount"])),
        "create_cpo": labels(DECISIONS, rank),
        "role": labels(ROLES, _role_rank(policy, score, rank)),
        "score": masked(score),
        "complexity_level": pd.arrays.IntegerArray(x["complexity"].astype("int64"), bad.copy()),
        "product_managers_est": masked(x["product_managers"]),
    }
    for f in FACTORS:
        results[f"points_{f}"] = masked(points[f])
    if next_change:
        for col, arr in _changes(policy, std, values, x, rank).items():
            arr = masked(arr)
            missing = np.isnan(arr)
            results[col] = pd.arrays.IntegerArray(np.where(missing, 0, arr).astype("int64"), missing)
    kept = df.drop(columns=[c for c in df.columns if c in results or c in CHANGE_COLUMNS])
    out = pd.concat([kept, pd.DataFrame(results, index=df.index, copy=False)], axis=1)
    assert len(out) == n
    return out


def _message(row: dict) -> str:
    try:
        Company.from_record(row)
    except InvalidInputError as exc:
        return str(exc)
    return "invalid row"  # pragma: no cover - vectorised checks and Company agree (tested)


# --- parsing --------------------------------------------------------------------------------


def _parse(df: pd.DataFrame) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Column -> float array (NaN = not given; booleans as 0/1), and the mask of bad rows."""
    n = len(df)
    bad = np.zeros(n, dtype=bool)
    values: dict[str, np.ndarray] = {}
    for name, spec in input_schema().items():
        if name == "name":
            if name in df.columns:
                col = df[name]
                text = col.astype("string")
                bad |= (text.str.len() > spec["max_length"]).fillna(False).to_numpy(dtype=bool)
            continue
        if name not in df.columns:
            values[name] = np.broadcast_to(np.nan, n)  # read-only view: no allocation
            continue
        arr, col_bad = _column(df[name], spec)
        values[name] = arr
        bad |= col_bad
    owner_cols = [c for c in df.columns if isinstance(c, str) and c.strip().startswith(OWNER_PREFIX)]
    ids = set(responsibility_ids())
    stated = np.zeros(n)
    uncovered = np.zeros(n)
    for c in owner_cols:
        text = df[c].astype("string").str.strip().str.lower()
        blank = (text.isna() | (text == "")).to_numpy(dtype=bool)
        if c.strip()[len(OWNER_PREFIX) :] not in ids:
            bad |= ~blank
            continue
        known = text.isin(["ceo", "product_lead", "nobody"]).fillna(False).to_numpy(dtype=bool)
        bad |= ~blank & ~known
        stated += known
        uncovered += known & (text != "product_lead").fillna(False).to_numpy(dtype=bool)
    values["_owners_stated"] = stated
    values["_uncovered"] = uncovered
    return values, bad


def _column(col: pd.Series, spec) -> tuple[np.ndarray, np.ndarray]:
    kind = spec["type"]
    if kind == "bool":
        if pd.api.types.is_bool_dtype(col):
            return col.astype("float").to_numpy(dtype=float, na_value=np.nan), np.zeros(len(col), dtype=bool)
        if col.dtype == object or pd.api.types.is_string_dtype(col):
            is_str, _, is_bool = _kinds(col)
            text = col.astype("string").str.strip().str.lower()
            blank = (text.isna() | (text == "")).to_numpy(dtype=bool) & ~is_bool
            true = text.isin(TRUE_WORDS).fillna(False).to_numpy(dtype=bool) & is_str
            false = text.isin(FALSE_WORDS).fillna(False).to_numpy(dtype=bool) & is_str
            arr = np.where(true, 1.0, np.where(false, 0.0, np.nan))
            arr = np.where(is_bool, col.where(is_bool, False).astype(bool).to_numpy(dtype=float), arr)
            return arr, ~blank & ~true & ~false & ~is_bool
        # numbers are not booleans (as in Company): only NaN (missing) passes
        arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)
        return np.full(len(col), np.nan), ~np.isnan(arr)
    if pd.api.types.is_bool_dtype(col):
        return np.full(len(col), np.nan), col.notna().to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(col):
        arr = col.to_numpy(dtype=float, na_value=np.nan)
        blank = np.isnan(arr)
    else:
        is_str, is_num, _ = _kinds(col)
        parsed, text_blank, bad_text = _text_numbers(col, is_str)
        raw_num = pd.to_numeric(col.where(is_num), errors="coerce").to_numpy(dtype=float, na_value=np.nan) if is_num.any() else np.full(len(col), np.nan)
        arr = np.where(is_num, raw_num, parsed)
        blank = np.where(is_num, np.isnan(raw_num), text_blank | ~is_str & col.isna().to_numpy(dtype=bool))
        other = ~is_num & ~is_str & ~col.isna().to_numpy(dtype=bool)
        arr = np.where(blank, np.nan, arr)
        col_bad = bad_text | other | (~blank & ~np.isfinite(np.nan_to_num(arr, nan=np.inf)) & ~blank)
        col_bad |= _range_bad(arr, blank, spec)
        return arr, col_bad
    col_bad = (~blank & ~np.isfinite(np.where(blank, 0, arr))) | _range_bad(arr, blank, spec)
    return np.where(blank, np.nan, arr), col_bad


def _text_numbers(col: pd.Series, is_str: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parse text cells as numbers by `parse_value`'s rules: (values, blank, bad).

    Plain numbers and empty cells are handled in bulk; only the rest (thousands separators,
    padding, words) go through `parse_value` one by one, so bad values get the same verdict.
    """
    text = col if is_str.all() else col.where(is_str)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)
    blank = is_str & (text.to_numpy(dtype=object, na_value=None) == "")
    rest = np.flatnonzero(is_str & ~np.isfinite(values) & ~blank)
    bad = np.zeros(len(col), dtype=bool)
    for i in rest:  # only cells that are neither plain numbers nor empty
        value, problem = parse_value("headcount", col.iloc[i])
        if problem is not None:
            bad[i] = True
        elif value is None:
            blank[i] = True
        else:
            values[i] = float(value)
    return values, blank, bad


def _kinds(col: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks of text, number and boolean cells; element checks only for mixed columns."""
    present = col.notna().to_numpy(dtype=bool)
    none = np.zeros(len(col), dtype=bool)
    kind = pd.api.types.infer_dtype(col, skipna=True)
    if kind in ("string", "empty"):
        return present, none, none
    if kind in ("integer", "floating", "mixed-integer-float"):
        return none, present, none
    if kind == "boolean":
        return none, none, present
    is_str = col.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    is_bool = col.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    is_num = col.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))).to_numpy(dtype=bool) & ~is_bool
    return is_str, is_num, is_bool


def _range_bad(arr: np.ndarray, blank: np.ndarray, spec) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        out = ~blank & ((arr < spec["min"]) | (arr > spec["max"]) | ~np.isfinite(arr))
        if spec["type"] == "int":
            out |= ~blank & np.isfinite(arr) & (np.floor(arr) != arr)
    return out


def _missing(arr: np.ndarray) -> bool:
    """True for a column the input did not have (a zero-stride view of NaN, see `_parse`)."""
    return arr.ndim == 1 and len(arr) > 1 and arr.strides[0] == 0


def _or_zero(arr: np.ndarray) -> np.ndarray | float:
    return 0.0 if _missing(arr) else np.nan_to_num(arr)


def _cross_checks(v: dict[str, np.ndarray]) -> np.ndarray:
    hc = v["headcount"]
    team = _or_zero(v["product_managers"]) + _or_zero(v["engineers"])
    with np.errstate(invalid="ignore"):
        return np.isnan(hc) | (team > hc)


# --- scoring --------------------------------------------------------------------------------


def _flag(arr: np.ndarray, default: bool) -> np.ndarray:
    if _missing(arr):
        return np.full(len(arr), default)
    return np.where(np.isnan(arr), default, arr).astype(bool)


def _bands(policy: Policy, factor: str, arr: np.ndarray) -> np.ndarray:
    f = policy.factors.get(factor) or policy.complexity_factors[factor]
    lowers = np.array([b[0] for b in f.bands])
    pts = np.array([b[1] for b in f.bands], dtype=float)
    idx = np.searchsorted(lowers, np.nan_to_num(arr, nan=lowers[0]), side="right") - 1
    return pts[np.clip(idx, 0, len(pts) - 1)]


def _effective(policy: Policy, v: dict[str, np.ndarray], bad: np.ndarray) -> dict[str, np.ndarray]:
    schema = input_schema()
    hc = np.where(bad, 1.0, v["headcount"]) if bad.any() else v["headcount"]
    derive = np.isnan(v["complexity"]) | bad
    if derive.any():  # complexity from the factors where no level is given
        level = np.full(len(hc), float(MIN_LEVEL))
        for name in COMPLEXITY_FACTORS:
            arr = v[name]
            if _missing(arr):
                continue
            f = policy.complexity_factors[name]
            pts = np.where(arr > 0.5, f.points.get(True, 0.0), f.points.get(False, 0.0)) if f.points else _bands(policy, name, arr)
            level += np.where(np.isnan(arr), 0.0, pts)
        level = np.clip(np.round(level), MIN_LEVEL, MAX_LEVEL)
        complexity = np.where(derive, level, v["complexity"])
    else:
        complexity = v["complexity"]
    tech = _flag(v["tech_company"], schema["tech_company"]["default"])
    return {
        "headcount": hc,
        "complexity": complexity.astype(int),
        "product_managers": _pms(policy, v, tech, hc),
        "uncovered": v["_uncovered"],
        "owners_stated": v["_owners_stated"] > 0,
        "founder_overloaded": _flag(v["founder_overloaded"], schema["founder_overloaded"]["default"]),
        "tech_company": tech,
        "product_market_fit": _flag(v["product_market_fit"], schema["product_market_fit"]["default"]),
    }


def _pms(policy: Policy, v: dict[str, np.ndarray], tech: np.ndarray, hc: np.ndarray) -> np.ndarray:
    e = policy.estimates
    rate = np.where(tech, e["engineers_per_employee"].value, e["engineers_per_employee_non_tech"].value)
    eng = rate * hc if _missing(v["engineers"]) else np.where(np.isnan(v["engineers"]), rate * hc, v["engineers"])
    est = np.floor(eng / e["engineers_per_pm"].value)
    return est if _missing(v["product_managers"]) else np.where(np.isnan(v["product_managers"]), est, v["product_managers"])


def _stage_rank(std: SizeStandard, hc: np.ndarray) -> np.ndarray:
    return (hc >= std.midsize_from).astype(int) + (hc >= std.large_from).astype(int)


def _points(policy: Policy, std: SizeStandard, x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    f = policy.factors
    size = np.array([f["size"].points[s.value] for s in Stage], dtype=float)
    cx = np.array([f["complexity"].points[level] for level in range(MIN_LEVEL, MAX_LEVEL + 1)], dtype=float)

    def flag(name: str, arr: np.ndarray) -> np.ndarray:
        return np.where(arr, f[name].points[True], f[name].points[False])

    return {
        "size": size[_stage_rank(std, x["headcount"])],
        "complexity": cx[x["complexity"] - MIN_LEVEL],
        "product_managers": _bands(policy, "product_managers", x["product_managers"]),
        "uncovered_responsibilities": (
            np.where(x["owners_stated"], _bands(policy, "uncovered_responsibilities", x["uncovered"]), 0.0)
            if x["owners_stated"].any()
            else np.zeros(len(x["headcount"]))
        ),
        "founder_overloaded": flag("founder_overloaded", x["founder_overloaded"]),
        "tech_company": flag("tech_company", x["tech_company"]),
        "product_market_fit": flag("product_market_fit", x["product_market_fit"]),
    }


def _decision_rank(policy: Policy, score: np.ndarray) -> np.ndarray:
    d = policy.decision
    return (score >= d["consider_from"].value).astype(int) + (score >= d["yes_from"].value).astype(int)


def _role_rank(policy: Policy, score: np.ndarray, rank: np.ndarray) -> np.ndarray:
    r = policy.roles
    ladder = (score >= r["head_of_product_from"].value).astype(int) + (score >= r["vp_product_from"].value).astype(int)
    return np.where(rank == 2, 3, np.minimum(ladder, 2))


# --- next change (vectorised bisection) ----------------------------------------------------


def _changes(policy: Policy, std: SizeStandard, v: dict, x: dict, rank: np.ndarray) -> dict[str, np.ndarray]:
    schema = input_schema()
    hc = x["headcount"]
    team = np.nan_to_num(v["product_managers"]) + np.nan_to_num(v["engineers"])

    def rank_with(**changes: np.ndarray) -> np.ndarray:
        y = dict(x, **changes)
        if "headcount" in changes and "product_managers" not in changes:
            y["product_managers"] = _pms(policy, v, x["tech_company"], changes["headcount"])
        return _decision_rank(policy, sum(_points(policy, std, y).values()))

    out = {}
    specs = (
        ("headcount", hc, np.maximum(1.0, team), float(schema["headcount"]["max"])),
        ("complexity", x["complexity"].astype(float), float(MIN_LEVEL), float(MAX_LEVEL)),
        ("product_managers", x["product_managers"], 0.0, hc - np.nan_to_num(v["engineers"])),
    )
    for name, cur, lo, hi in specs:
        lo = np.broadcast_to(lo, cur.shape).astype(float)
        hi = np.broadcast_to(hi, cur.shape).astype(float)

        def at(vals: np.ndarray, name: str = name) -> np.ndarray:
            arr = np.clip(vals, MIN_LEVEL, MAX_LEVEL).astype(int) if name == "complexity" else vals
            return rank_with(**{name: arr})

        out[f"{name}_up"] = _bisect(at, cur + 1, hi, lambda r: r > rank, smallest=True)
        out[f"{name}_down"] = _bisect(at, lo, cur - 1, lambda r: r < rank, smallest=False)
    return out


def _bisect(at, lo: np.ndarray, hi: np.ndarray, moved, smallest: bool) -> np.ndarray:
    lo, hi = lo.copy(), hi.copy()
    valid = lo <= hi
    probe = np.where(valid, hi if smallest else lo, lo)
    valid &= moved(at(np.where(valid, probe, np.maximum(lo, 1))))
    lo, hi = np.where(valid, lo, 0), np.where(valid, hi, 0)
    while np.any(lo < hi):
        mid = np.floor((lo + hi) / 2) if smallest else np.floor((lo + hi + 1) / 2)
        m = moved(at(np.maximum(mid, 0)))
        if smallest:
            hi, lo = np.where(m, mid, hi), np.where(m, lo, mid + 1)
        else:
            lo, hi = np.where(m, mid, lo), np.where(m, hi, mid - 1)
    return np.where(valid, lo, np.nan)
