"""The one input parser: a table of company inputs (cells as typed) -> typed values, the engine's
columns, and every problem of every row.

A single company is the one-row case (`parse_record`, behind `Company.from_record`), a team's
views a table without a required headcount. Each cell is read by its field's `Field.parse`
(`schema.py`); cells that are plain numbers, yes/no words or blank are read in bulk by the same
rules, so a million rows stay fast.

>>> import pandas as pd
>>> df = pd.DataFrame({"headcount": ["1,200", "inf", ""], "regulated": ["yes", "", "no"]})
>>> p = parse_frame(df)
>>> p.columns["headcount"].tolist()[:1], p.bad.tolist()
([1200.0], [False, True, True])
>>> p.message(1)
"headcount='inf': expected a whole number from 1 to 10,000,000"
>>> parse_record({"headcount": " 300 ", "tech_company": "no"})
{'headcount': 300, 'tech_company': False}
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .errors import InvalidInputError, Problem
from .schema import (
    FALSE_WORDS,
    OWNER_PREFIX,
    TRUE_WORDS,
    Field,
    blank,
    field_map,
    fields,
    owner_values,
    parse_owner,
    responsibility_ids,
    team_size_problem,
)
from .types import Owner

AT_RISK = tuple(o.value for o in Owner if o.at_risk)


@dataclass(frozen=True, eq=False)
class Parsed:
    """A parsed table. `columns`: field -> float array for the engine (NaN = not given, yes/no
    as 1/0, `uncovered` from the owner columns); `bad`: the invalid rows; `problems`: row
    position -> its problems (invalid rows only)."""

    df: pd.DataFrame
    columns: dict[str, np.ndarray]
    bad: np.ndarray
    problems: dict[int, list[Problem]]

    _said: dict = field(default_factory=dict, repr=False)  # problems -> their line, once

    def message(self, i: int) -> str | None:
        """Row `i`'s problems on one line, or None when it is valid."""
        if i not in self.problems:
            return None
        key = tuple(map(id, self.problems[i]))  # rows with the same bad cells share problems
        if key not in self._said:
            self._said[key] = str(InvalidInputError(self.problems[i]))
        return self._said[key]

    def record(self, i: int) -> dict[str, Any]:
        """Row `i`'s stated values, typed (owners as an `owners` mapping when any is stated)."""
        row = self.df.iloc[i]
        out: dict[str, Any] = {}
        owners: dict[str, str] = {}
        for col in self.df.columns:
            key = str(col).strip()
            if key.startswith(OWNER_PREFIX):
                owner, _ = parse_owner(key, row[col])
                if owner is not None:
                    owners[key[len(OWNER_PREFIX) :]] = owner
                continue
            f = _field(key)
            if f is None:
                continue
            if f.numeric or f.kind == "bool":
                x = self.columns[key][i]
                if not np.isnan(x):
                    kind = {"int": int, "bool": bool}.get(f.kind, float)
                    out[key] = kind(x)
            else:
                value, _ = f.parse(row[col])
                if value is not None:
                    out[key] = value
        return out | ({"owners": dict(sorted(owners.items()))} if owners else {})


def _field(key: str) -> Field | None:
    return field_map().get(key)


def parse_record(record: Mapping[str, Any], required: bool = True) -> dict[str, Any]:
    """One company's record (a CSV row, CLI flags, widget values) -> its stated values, typed;
    `InvalidInputError` listing every problem. The one-row case of `parse_frame`."""
    p = parse_frame(pd.DataFrame([{str(k): v for k, v in record.items()}]), required)
    if p.bad[0]:
        raise InvalidInputError(p.problems[0])
    return p.record(0)


def parse_frame(df: pd.DataFrame, required: bool = True) -> Parsed:
    """Parse every input column of `df` (unknown columns are ignored). With `required`, a row
    without a headcount is invalid (a team's view may leave it blank)."""
    n = len(df)
    bad = np.zeros(n, dtype=bool)
    cols: dict[str, np.ndarray] = {}
    problems: dict[int, list[Problem]] = {}
    own_bad: dict[str, np.ndarray] = {}

    def note(mask: np.ndarray, make) -> None:
        for i in np.flatnonzero(mask):
            problems.setdefault(int(i), []).append(make(int(i)))

    named = {str(c).strip(): c for c in df.columns}
    for f in fields():  # problems in the specification's order, whatever the columns' order
        if f.name not in named:
            continue
        key, series = f.name, df[named[f.name]]
        if f.numeric or f.kind == "bool":
            arr, col_bad = (_bool_column if f.kind == "bool" else _number_column)(series, f)
            cols[key] = arr
        elif f.kind == "text":
            col_bad = (series.astype("string").str.len() > f.max_length).fillna(False)
            col_bad = col_bad.to_numpy(dtype=bool)
        else:
            col_bad = _choice_bad(series, f)
        note(col_bad, _cell_problems(f, series))
        own_bad[key] = col_bad
        bad |= col_bad
    hc = cols.setdefault("headcount", np.full(n, np.nan))
    if required:
        missing = np.isnan(hc) & ~own_bad.get("headcount", np.zeros(n, dtype=bool))
        required_problem = field_map()["headcount"].check(None)[1]
        note(missing, lambda i: required_problem)
        bad |= missing
    uncovered, owners_bad = _owners(df, note)
    if uncovered is not None:
        cols["uncovered"] = uncovered
    bad |= owners_bad
    over = _team_too_big(cols) & ~bad
    note(
        over,
        lambda i: team_size_problem(
            int(hc[i]), *(_given(cols, k, i) for k in ("product_managers", "engineers"))
        ),
    )
    return Parsed(df, cols, bad | over, problems)


def _cell_problems(f: Field, col: pd.Series):
    """Row -> the problem of its cell, by `Field.parse`; each distinct value read once."""
    seen: dict[Any, Problem] = {}
    values = col.to_numpy(dtype=object)

    def problem(i: int) -> Problem:
        raw = values[i]
        try:
            return seen[raw]
        except (KeyError, TypeError):
            found = f.parse(raw)[1] or f.problem(raw)
        with contextlib.suppress(TypeError):  # an unhashable cell is not remembered
            seen[raw] = found
        return found

    return problem


def _given(cols: dict[str, np.ndarray], key: str, i: int) -> int | None:
    x = cols.get(key, np.full(i + 1, np.nan))[i]
    return None if np.isnan(x) else int(x)


def _choice_bad(col: pd.Series, f: Field) -> np.ndarray:
    """Choice cells: each distinct value read once by `Field.parse`."""
    verdict = {raw: f.parse(raw)[1] is not None for raw in col.dropna().unique()}
    return col.map(verdict).eq(True).to_numpy(dtype=bool)


def _owners(df: pd.DataFrame, note) -> tuple[np.ndarray | None, np.ndarray]:
    n = len(df)
    bad = np.zeros(n, dtype=bool)
    owner_cols = sorted(
        (c for c in df.columns if str(c).strip().startswith(OWNER_PREFIX)), key=lambda c: str(c)
    )
    if not owner_cols:
        return None, bad
    ids = set(responsibility_ids())
    stated, uncovered = np.zeros(n), np.zeros(n)
    for c in owner_cols:
        key = str(c).strip()
        text = df[c].astype("string").str.strip().str.lower()
        empty = (text.isna() | (text == "")).to_numpy(dtype=bool)
        known = text.isin(owner_values()).fillna(False).to_numpy(dtype=bool)
        col_bad = ~empty & (~known if key[len(OWNER_PREFIX) :] in ids else True)
        note(col_bad, lambda i, c=c, key=key: parse_owner(key, df[c].iloc[i])[1])
        bad |= col_bad
        if key[len(OWNER_PREFIX) :] in ids:
            stated += known
            uncovered += text.isin(AT_RISK).fillna(False).to_numpy(dtype=bool)
    return np.where(stated > 0, uncovered, np.nan), bad


def _number_column(col: pd.Series, f: Field) -> tuple[np.ndarray, np.ndarray]:
    if pd.api.types.is_bool_dtype(col):
        return np.full(len(col), np.nan), col.notna().to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(col):
        arr = col.to_numpy(dtype=float, na_value=np.nan)
        empty = np.isnan(arr)
        col_bad = (~empty & ~np.isfinite(np.where(empty, 0, arr))) | _range_bad(arr, empty, f)
        return np.where(empty, np.nan, arr), col_bad
    is_str, is_num, _ = _kinds(col)
    parsed, text_blank, bad_text = _text_numbers(col, is_str, f)
    raw_num = (
        pd.to_numeric(col.where(is_num), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if is_num.any()
        else np.full(len(col), np.nan)
    )
    arr = np.where(is_num, raw_num, parsed)
    empty = np.where(
        is_num, np.isnan(raw_num), text_blank | ~is_str & col.isna().to_numpy(dtype=bool)
    )
    other = ~is_num & ~is_str & ~col.isna().to_numpy(dtype=bool)
    arr = np.where(empty, np.nan, arr)
    col_bad = bad_text | other | (~empty & ~np.isfinite(np.nan_to_num(arr, nan=np.inf)))
    return arr, col_bad | _range_bad(arr, empty, f)


def _bool_column(col: pd.Series, f: Field) -> tuple[np.ndarray, np.ndarray]:
    n = len(col)
    if pd.api.types.is_bool_dtype(col):
        return col.astype("float").to_numpy(dtype=float, na_value=np.nan), np.zeros(n, dtype=bool)
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        is_str, _, is_bool = _kinds(col)
        text = col.astype("string").str.strip().str.lower()
        empty = (text.isna() | (text == "")).to_numpy(dtype=bool) & ~is_bool
        true = text.isin(TRUE_WORDS).fillna(False).to_numpy(dtype=bool) & is_str
        false = text.isin(FALSE_WORDS).fillna(False).to_numpy(dtype=bool) & is_str
        arr = np.where(true, 1.0, np.where(false, 0.0, np.nan))
        arr = np.where(is_bool, col.where(is_bool, False).astype(bool).to_numpy(dtype=float), arr)
        return arr, ~empty & ~true & ~false & ~is_bool
    # numbers are not booleans (as in Company): only missing values pass
    arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)
    return np.full(n, np.nan), ~np.isnan(arr)


def _text_numbers(
    col: pd.Series, is_str: np.ndarray, f: Field
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text cells as numbers by `Field.parse`'s rules: (values, blank, bad).

    Plain numbers and empty cells are read in bulk; only the rest (thousands separators,
    padding, words) go through `Field.parse` one by one.
    """
    text = col if is_str.all() else col.where(is_str)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)
    empty = is_str & (text.to_numpy(dtype=object, na_value=None) == "")
    rest = np.flatnonzero(is_str & ~np.isfinite(values) & ~empty)
    bad = np.zeros(len(col), dtype=bool)
    for i in rest:  # only cells that are neither plain numbers nor empty
        raw = col.iloc[i]
        if blank(raw):
            empty[i] = True
            continue
        value, problem = f.parse(raw)
        if problem is not None:
            bad[i] = True
        else:
            values[i] = float(value)
    return values, empty, bad


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


def _range_bad(arr: np.ndarray, empty: np.ndarray, f: Field) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        out = ~empty & ((arr < f.lo) | (arr > f.hi) | ~np.isfinite(arr))
        if f.kind == "int":
            out |= ~empty & np.isfinite(arr) & (np.floor(arr) != arr)
    return out


def _team_too_big(cols: dict[str, np.ndarray]) -> np.ndarray:
    """PMs + engineers above the headcount (the rule of `schema.team_size_problem`)."""
    hc = cols["headcount"]
    team = np.zeros(len(hc))
    # an infinite count overflows the sum: still above any headcount, and marked by its own check
    with np.errstate(over="ignore", invalid="ignore"):
        for name in ("product_managers", "engineers"):
            if name in cols:
                team = team + np.nan_to_num(cols[name])
        return ~np.isnan(hc) & (team > hc)
