"""`search`: feasible, smallest changes on stated inputs; bounded on any input."""

from __future__ import annotations

import signal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpo_model import (
    Company,
    assess,
    assess_frame,
)
from tests.strategies import companies


@pytest.mark.parametrize(
    "company",
    [
        Company(headcount=150, complexity=3),
        Company(
            headcount=35, complexity=2, product_managers=1, engineers=15, founder_overloaded=True
        ),
        Company(headcount=900, complexity=3, product_managers=6, engineers=300),
        Company(headcount=20000, complexity=2, tech_company=False),
        Company(headcount=23, engineers=22, complexity=5),
        Company(headcount=3000, complexity=5, product_managers=12, ceo_leads_product=True),
    ],
)
def test_next_change_is_feasible_and_the_smallest(company):
    a = assess(company)
    assert a.next_change, "each of these companies can be moved by some change"
    for ch in a.next_change:
        if ch.yes_no:
            moved = assess(company.with_changes(**{ch.factor: bool(ch.target)}))
            assert moved.create_cpo == ch.decision and ch.target != getattr(company, ch.factor)
            continue
        moved = assess(company.with_changes(**{ch.factor: int(ch.target)}))
        assert moved.create_cpo == ch.decision
        assert (
            (moved.create_cpo > a.create_cpo)
            if ch.direction == "up"
            else (moved.create_cpo < a.create_cpo)
        )
        step = -1 if ch.direction == "up" else 1
        closer = int(ch.target) + step
        if closer != getattr(company, ch.factor):
            assert assess(company.with_changes(**{ch.factor: closer})).create_cpo == a.create_cpo


def test_a_stated_yes_no_input_is_a_lever():
    """3,000 people, level 5, 12 PMs: 7 + 3 + 2 = 12, yes on the score; the CEO gate caps it at
    consider, so stating 'no' gives yes; the same company with the input not stated has no lever
    on it."""
    led = assess(Company(headcount=3000, complexity=5, product_managers=12, ceo_leads_product=True))
    flips = [c for c in led.next_change if c.factor == "ceo_leads_product"]
    assert [(c.direction, c.current, c.target, c.decision) for c in flips] == [
        ("down", 1.0, 0.0, "yes")
    ]
    assert "CEO leads product yes → no gives 'create the role now'" in led.to_text()
    assert "no single change" not in led.to_text()
    unstated = assess(Company(headcount=3000, complexity=5, product_managers=12))
    assert not [c for c in unstated.next_change if c.yes_no]


def test_no_lever_on_an_estimated_or_assumed_input():
    a = assess(Company(headcount=20000))
    assert {c.factor for c in a.next_change} == {"headcount"}
    b = assess(Company(headcount=300, complexity=4, product_managers=9, founder_overloaded=True))
    # 4 + 2.25 + 1 + 2 = 9.25, yes; without the overloaded founder 7.25, consider
    assert {c.factor for c in b.next_change} == {
        "headcount",
        "complexity",
        "product_managers",
        "founder_overloaded",
    }


@given(companies())
@settings(max_examples=150, deadline=None)
def test_every_lever_is_feasible_and_keeps_its_promise(company):
    """A Company built from a change is valid and gives the promised answer; no lever on what was
    estimated or assumed."""
    a = assess(company)
    for ch in a.next_change:
        assert (
            ch.factor == "headcount"
            or getattr(company, ch.factor) is not None
            or (ch.factor == "complexity" and a.complexity_how == "derived")
        )
        value = bool(ch.target) if ch.yes_no else int(ch.target)
        moved = assess(company.with_changes(**{ch.factor: value}))  # raises if infeasible
        assert moved.create_cpo == ch.decision


HOSTILE = st.sampled_from(
    [
        np.inf,
        -np.inf,
        np.nan,
        1e400,
        -1e400,
        1e300,
        "inf",
        "-inf",
        "nan",
        "1e400",
        "lots",
        "",
        None,
        True,
        -1,
        0,
        2.5,
    ]
)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                k: HOSTILE
                for k in (
                    "headcount",
                    "complexity",
                    "product_lines",
                    "product_managers",
                    "engineers",
                    "tech_company",
                )
            }
        ),
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
    df = pd.DataFrame(
        [
            {
                "name": "Acme",
                "headcount": "300",
                "product_lines": "2",
                "platforms": "3",
                "customer_segments": "5",
                "regulated": "yes",
                "product_managers": value,
                "founder_overloaded": "yes",
                "tech_company": "no",
            }
        ]
    )
    out = assess_frame(df, next_change=True)
    assert out["error"].iloc[0].startswith("product_managers=")


@given(companies(), st.sampled_from(["eu", "gartner"]), st.booleans())
@settings(max_examples=80, deadline=None)
def test_headcount_changes_match_a_scan_of_every_headcount(company, standard, keep_engineers):
    """The step points the search evaluates hold every change: a full scan agrees."""
    engineers = min(company.engineers or 0, 2000) if keep_engineers else None
    headcount = max(min(company.headcount, 4000), engineers or 1)
    company = company.with_changes(headcount=headcount, product_managers=None, engineers=engineers)
    a = assess(company, standard=standard)
    hs = np.arange(max(1, engineers or 1), 6001)
    row = {k: v for k, v in company.to_record().items() if k != "headcount"}
    frame = pd.DataFrame({"headcount": hs} | {k: [v] * len(hs) for k, v in row.items()})
    answers = assess_frame(frame, standard=standard)["create_cpo"]
    ranks = answers.map({"no": 0, "consider": 1, "yes": 2}).to_numpy()
    now, h = a.create_cpo.rank, company.headcount
    up = [x for x, r in zip(hs, ranks, strict=True) if x > h and r > now]
    down = [x for x, r in zip(hs, ranks, strict=True) if x < h and r < now]
    got = {c.direction: c.target for c in a.next_change if c.factor == "headcount"}
    if up:
        assert got.get("up") == up[0]
    if down:
        assert got.get("down") == down[-1]
    else:
        assert "down" not in got
