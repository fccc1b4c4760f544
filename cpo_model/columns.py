"""A DataFrame of company inputs -> the engine's columns, and the mask of invalid rows.

Vectorised, with the same verdicts as `Company.from_record` (a test checks both agree): text
cells go through the schema's parsing rules, numbers through its ranges, and a row whose PMs
and engineers exceed its headcount is invalid.

>>> import pandas as pd
>>> df = pd.DataFrame({"headcount": ["1,200", "inf", ""], "regulated": ["yes", "", "no"]})
>>> cols, bad = parse_frame(df)
>>> cols["headcount"].tolist()[:1], bad.tolist()
([1200.0], [False, True, True])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .company import OWNER_PREFIX
from .schema import (
    FALSE_WORDS,
    TRUE_WORDS,
    check_value,
    input_schema,
    parse_value,
    responsibility_ids,
)
from .types import Owner

OWNER_VALUES = tuple(o.value for o in Owner)
AT_RISK = tuple(o.value for o in Owner if o.at_risk)


def parse_frame(df: pd.DataFrame) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Column -> float array (NaN = not given; yes/no as 1/0; `uncovered` from the owner
    columns, NaN where no owner is stated), and the mask of invalid rows."""
    n = len(df)
    bad = np.zeros(n, dtype=bool)
    cols: dict[str, np.ndarray] = {}
    for name, spec in input_schema().items():
        if name not in df.columns:
            continue
        if spec["type"] == "text":
            text = df[name].astype("string")
            bad |= (text.str.len() > spec["max_length"]).fillna(False).to_numpy(dtype=bool)
            continue
        if spec["type"] == "choice":  # not scored by the engine: checked, passed through
            bad |= _choice_bad(df[name], name)
            continue
        arr, col_bad = _column(df[name], spec)
        cols[name] = arr
        bad |= col_bad
    if "headcount" not in cols:
        cols["headcount"] = np.full(n, np.nan)
    uncovered, owners_bad = _owners(df)
    if uncovered is not None:
        cols["uncovered"] = uncovered
    bad |= owners_bad | _cross_checks(cols)
    return cols, bad


def _choice_bad(col: pd.Series, name: str) -> np.ndarray:
    """Cells that are not one of the field's choices (each distinct value parsed once)."""
    verdict = {}
    for raw in col.dropna().unique():
        value, problem = parse_value(name, raw)
        if problem is None:
            value, problem = check_value(name, value)
        verdict[raw] = problem is not None
    return col.map(verdict).fillna(False).to_numpy(dtype=bool)


def _owners(df: pd.DataFrame) -> tuple[np.ndarray | None, np.ndarray]:
    n = len(df)
    bad = np.zeros(n, dtype=bool)
    owner_cols = [
        c for c in df.columns if isinstance(c, str) and c.strip().startswith(OWNER_PREFIX)
    ]
    if not owner_cols:
        return None, bad
    ids = set(responsibility_ids())
    stated, uncovered = np.zeros(n), np.zeros(n)
    for c in owner_cols:
        text = df[c].astype("string").str.strip().str.lower()
        blank = (text.isna() | (text == "")).to_numpy(dtype=bool)
        if c.strip()[len(OWNER_PREFIX) :] not in ids:
            bad |= ~blank
            continue
        known = text.isin(OWNER_VALUES).fillna(False).to_numpy(dtype=bool)
        bad |= ~blank & ~known
        stated += known
        uncovered += text.isin(AT_RISK).fillna(False).to_numpy(dtype=bool)
    return np.where(stated > 0, uncovered, np.nan), bad


def _column(col: pd.Series, spec) -> tuple[np.ndarray, np.ndarray]:
    if spec["type"] == "bool":
        return _bool_column(col)
    if pd.api.types.is_bool_dtype(col):
        return np.full(len(col), np.nan), col.notna().to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(col):
        arr = col.to_numpy(dtype=float, na_value=np.nan)
        blank = np.isnan(arr)
        col_bad = (~blank & ~np.isfinite(np.where(blank, 0, arr))) | _range_bad(arr, blank, spec)
        return np.where(blank, np.nan, arr), col_bad
    is_str, is_num, _ = _kinds(col)
    parsed, text_blank, bad_text = _text_numbers(col, is_str)
    raw_num = (
        pd.to_numeric(col.where(is_num), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if is_num.any()
        else np.full(len(col), np.nan)
    )
    arr = np.where(is_num, raw_num, parsed)
    blank = np.where(
        is_num, np.isnan(raw_num), text_blank | ~is_str & col.isna().to_numpy(dtype=bool)
    )
    other = ~is_num & ~is_str & ~col.isna().to_numpy(dtype=bool)
    arr = np.where(blank, np.nan, arr)
    col_bad = bad_text | other | (~blank & ~np.isfinite(np.nan_to_num(arr, nan=np.inf)))
    return arr, col_bad | _range_bad(arr, blank, spec)


def _bool_column(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    n = len(col)
    if pd.api.types.is_bool_dtype(col):
        return col.astype("float").to_numpy(dtype=float, na_value=np.nan), np.zeros(n, dtype=bool)
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        is_str, _, is_bool = _kinds(col)
        text = col.astype("string").str.strip().str.lower()
        blank = (text.isna() | (text == "")).to_numpy(dtype=bool) & ~is_bool
        true = text.isin(TRUE_WORDS).fillna(False).to_numpy(dtype=bool) & is_str
        false = text.isin(FALSE_WORDS).fillna(False).to_numpy(dtype=bool) & is_str
        arr = np.where(true, 1.0, np.where(false, 0.0, np.nan))
        arr = np.where(is_bool, col.where(is_bool, False).astype(bool).to_numpy(dtype=float), arr)
        return arr, ~blank & ~true & ~false & ~is_bool
    # numbers are not booleans (as in Company): only missing values pass
    arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)
    return np.full(n, np.nan), ~np.isnan(arr)


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
    is_num = (
        col.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))).to_numpy(dtype=bool)
        & ~is_bool
    )
    return is_str, is_num, is_bool


def _range_bad(arr: np.ndarray, blank: np.ndarray, spec) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        out = ~blank & ((arr < spec["min"]) | (arr > spec["max"]) | ~np.isfinite(arr))
        if spec["type"] == "int":
            out |= ~blank & np.isfinite(arr) & (np.floor(arr) != arr)
    return out


def _cross_checks(cols: dict[str, np.ndarray]) -> np.ndarray:
    """A missing headcount, or PMs + engineers above it."""
    hc = cols["headcount"]
    team = np.zeros(len(hc))
    # an infinite count overflows the sum: still above any headcount, and marked by its own check
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("product_managers", "engineers"):
            if name in cols:
                team = team + np.nan_to_num(cols[name])
        return np.isnan(hc) | (team > hc)
