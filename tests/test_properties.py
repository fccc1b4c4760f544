"""Properties of the model over random companies (hypothesis): monotone, batch == single,
deterministic, feasible levers, plain words, and bounded work on invalid rows."""

from __future__ import annotations

import dataclasses
import re
import signal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import companies, to_row

from cpo_model import Company, Decision, InvalidInputError, assess, assess_frame

INCREASING = ("headcount", "complexity", "product_lines", "platforms", "customer_segments", "markets", "product_managers")


@given(companies(), st.sampled_from(INCREASING), st.integers(1, 1000), st.sampled_from(["eu", "gartner"]))
@settings(max_examples=300, deadline=None)
def test_more_never_lowers_create_cpo(company, field, more, standard):
    current = getattr(company, field)
    if current is None:
        return
    try:
        bigger = company.with_changes(**{field: current + more})
    except InvalidInputError:
        return  # past a field's range, or team larger than headcount
    assert assess(bigger, standard=standard).create_cpo >= assess(company, standard=standard).create_cpo


@given(companies())
@settings(max_examples=100, deadline=None)
def test_assess_is_deterministic_and_sums(company):
    a, b = assess(company), assess(company)
    assert a == b
    assert sum(a.contributions.values()) == a.score
    assert a.create_cpo <= a.score_answer and isinstance(a.create_cpo, Decision)


@given(st.lists(companies(), min_size=1, max_size=25), st.sampled_from(["eu", "gartner"]))
@settings(max_examples=60, deadline=None)
def test_assess_frame_equals_assess(batch, standard):
    df = pd.DataFrame([to_row(c) for c in batch])
    out = assess_frame(df, standard=standard, next_change=True)
    assert len(out) == len(batch) and out["error"].isna().all()
    for company, row in zip(batch, out.to_dict("records"), strict=True):
        a = assess(company, standard=standard)
        assert (row["stage"], row["create_cpo"], row["role"]) == (a.stage.value, a.create_cpo.value, a.role.value)
        assert row["score"] == a.score and row["complexity_level"] == a.complexity
        assert row["gates"] == ";".join(a.gates) and row["assumed"] == ";".join(a.assumed)
        for factor, points in a.contributions.items():
            assert row[f"points_{factor}"] == points
        changes = {(c.factor, c.direction): c.target for c in a.next_change}
        for factor in ("headcount", "complexity", "product_managers"):
            for direction in ("up", "down"):
                got = row[f"{factor}_{direction}"]
                assert (None if pd.isna(got) else got) == changes.get((factor, direction))


@given(companies())
@settings(max_examples=150, deadline=None)
def test_every_lever_is_feasible_and_keeps_its_promise(company):
    """A Company built from a change is valid and gives the promised answer; no lever on what was
    estimated or assumed."""
    a = assess(company)
    for ch in a.next_change:
        assert ch.factor == "headcount" or getattr(company, ch.factor) is not None or (ch.factor == "complexity" and a.complexity_how == "derived")
        moved = assess(company.with_changes(**{ch.factor: int(ch.target)}))  # raises if infeasible
        assert moved.create_cpo == ch.decision


FORBIDDEN = [
    (re.compile(r"\babout 0\b"), "a zero estimate"),
    (re.compile(r"\b(True|False|nan)\b|\bNone\b(?! of)"), "a Python value"),
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "a field or enum name"),
    (re.compile(r"\b0\.0 years\b"), "0.0 years"),
    (re.compile(r"\b1 (product managers|engineers|points|people|responsibilities)\b"), "a wrong plural"),
    (re.compile(r"\b(?!1\b)\d[\d,]* (product manager|engineer|point|person)\b(?!s)"), "a wrong singular"),
    (re.compile(r"\n\s*\n"), "an empty line"),
]


@given(companies())
@settings(max_examples=400, deadline=None)
def test_words_are_plain(company):
    a = assess(company.with_changes(name=None))
    texts = [r.text for r in a.reasons] + [n.text for n in a.role_notes] + [str(c) for c in a.next_change] + [a.to_text()]
    for text in texts:
        for pattern, what in FORBIDDEN:
            assert not pattern.search(text), f"{what} in: {text!r}"


@given(companies())
@settings(max_examples=50, deadline=None)
def test_company_round_trips_through_its_record(company):
    blank_name = company.name is not None and not company.name.strip()  # a blank name means "no name"
    assert Company.from_record(company.to_record()) == (dataclasses.replace(company, name=None) if blank_name else company)
    record = {k: str(v) for k, v in company.to_record().items()}
    back = Company.from_record(record)
    assert assess(back).create_cpo == assess(dataclasses.replace(company, name=back.name)).create_cpo


HOSTILE = st.sampled_from([np.inf, -np.inf, np.nan, 1e400, -1e400, 1e300, "inf", "-inf", "nan", "1e400", "lots", "", None, True, -1, 0, 2.5])


@given(
    st.lists(
        st.fixed_dictionaries({k: HOSTILE for k in ("headcount", "complexity", "product_lines", "product_managers", "engineers", "tech_company")}),
        min_size=1,
        max_size=8,
    )
)
@settings(max_examples=120, deadline=None)
def test_invalid_rows_end_quickly_and_are_marked(rows):
    """Every search is bounded and runs on valid rows only: any input ends, within seconds."""

    def too_slow(*_):
        raise TimeoutError("assess_frame did not end within 10 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        out = assess_frame(pd.DataFrame(rows, dtype=object), next_change=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert len(out) == len(rows)
    bad = out["error"].notna()
    assert out.loc[bad, "create_cpo"].isna().all() and out.loc[~bad, "create_cpo"].notna().all()
    for col in ("headcount_up", "headcount_down", "complexity_up", "product_managers_up"):
        assert out.loc[bad, col].isna().all()


@pytest.mark.parametrize("value", ["inf", "1e400", "nan", "-inf"])
def test_the_file_that_used_to_hang_finishes(value):
    df = pd.DataFrame([{"name": "Acme", "headcount": "300", "product_lines": "2", "platforms": "3", "customer_segments": "5", "regulated": "yes",
                        "product_managers": value, "founder_overloaded": "yes", "tech_company": "no"}])  # fmt: skip
    out = assess_frame(df, next_change=True)
    assert out["error"].iloc[0].startswith("product_managers=")
