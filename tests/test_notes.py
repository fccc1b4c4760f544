"""`notes`: notes on the role and what growth alone does."""

from __future__ import annotations

import re
from datetime import date

import pytest

from cpo_model import (
    Company,
    assess,
)
from cpo_model.notes import growth_sentence, quarter


def test_role_notes_for_cpto_and_fractional():
    fast = assess(Company(headcount=120, complexity=3, annual_growth=0.8))
    assert any("CPTO" in n.text and "80% a year" in n.text for n in fast.role_notes)
    # 120 people, 36 engineers, 5 PMs: VP Product fits, so no part-time CPO beside it
    assert fast.role == "vp_product"
    assert not any("fractional" in n.text for n in fast.role_notes)
    # 60 people, level 4, 1 PM: 2 + 2.25 = 4.25, consider; Head of Product
    bridge = assess(Company(headcount=60, complexity=4, product_managers=1))
    assert bridge.create_cpo == "consider" and bridge.role == "head_of_product"
    assert any("fractional" in n.text for n in bridge.role_notes)
    led = assess(Company(headcount=60, complexity=4, product_managers=1, ceo_leads_product=True))
    assert not any("fractional" in n.text for n in led.role_notes)
    slow = assess(Company(headcount=5000, complexity=5, annual_growth=0.05))
    assert not any("CPTO" in n.text or "fractional" in n.text for n in slow.role_notes)
    retail = assess(Company(headcount=20000, complexity=2, tech_company=False))
    assert {n.source for n in retail.role_notes} == {"boonin_productcraft", "eci_2024"}


def test_growth_gives_a_date():
    a = assess(Company(headcount=120, complexity=3, product_managers=4, annual_growth=0.5))
    ch = a.growth_change
    assert (
        ch is not None and ch.factor == "headcount" and ch.target == 2500
    )  # 6 + 1.5 + 1 = 8.5 at 1,000; 9.5 at 2,500
    assert ch.years == pytest.approx(7.489, abs=0.001)  # ln(2500/120) / ln(1.5), by hand
    assert ch.date_from(date(2026, 1, 1)).year == 2033
    # 7.489 years after 2026-01-01 is late June 2033: the words give the quarter only
    words = growth_sentence(a, date(2026, 1, 1))
    assert "reaches 2,500 people in about 7.5 years — around Q2 2033 —" in words
    assert not re.search(r"\d{4}-\d{2}-\d{2}", words)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2030, 1, 1), "Q1 2030"),
        (date(2030, 3, 31), "Q1 2030"),
        (date(2030, 4, 1), "Q2 2030"),
        (date(2030, 9, 30), "Q3 2030"),
        (date(2052, 9, 19), "Q3 2052"),
        (date(2030, 12, 31), "Q4 2030"),
    ],
)
def test_quarter(day, words):
    assert quarter(day) == words
    assert assess(Company(headcount=120, complexity=3, annual_growth=-0.1)).growth_change is None
