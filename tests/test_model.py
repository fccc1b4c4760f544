"""assess: the three stages, the answer, the reasons and what would change it."""

from __future__ import annotations

import re

import pytest

from cpo_model import Company, Decision, InvalidInputError, Role, Stage, assess


@pytest.mark.parametrize(
    "standard, headcount, stage",
    [
        # EU Recommendation 2003/361/EC: small < 50, medium 50-249, large 250+.
        ("eu", 1, Stage.PM_ONLY),
        ("eu", 49, Stage.PM_ONLY),
        ("eu", 50, Stage.MIDSIZE),
        ("eu", 249, Stage.MIDSIZE),
        ("eu", 250, Stage.LARGE),
        # Gartner: small < 100, midsize 100-999, large 1,000+.
        ("gartner", 99, Stage.PM_ONLY),
        ("gartner", 100, Stage.MIDSIZE),
        ("gartner", 999, Stage.MIDSIZE),
        ("gartner", 1000, Stage.LARGE),
    ],
)
def test_stage_follows_the_cited_size_bands(standard, headcount, stage):
    assert assess(Company(headcount=headcount, complexity=1), standard=standard).stage == stage


def test_stage_is_by_size_alone():
    a = assess(Company(headcount=30, complexity=5, founder_overloaded=True))
    b = assess(Company(headcount=30, complexity=1, tech_company=False, product_market_fit=False))
    assert a.stage == b.stage == Stage.PM_ONLY


def test_source_text_examples():
    """Small: PMs and no CPO; midsize: the position appears; large tech with a portfolio: essential."""
    small = assess(Company(headcount=20, complexity=2))
    mid = assess(Company(headcount=150, complexity=3))
    large = assess(Company(headcount=5000, complexity=5))
    assert (small.create_cpo, mid.create_cpo, large.create_cpo) == (Decision.NO, Decision.CONSIDER, Decision.YES)
    assert large.role == Role.CPO and small.role in (Role.FOUNDER_LED, Role.HEAD_OF_PRODUCT)


def test_non_tech_and_pre_fit_weaken_the_case(policy):
    base = Company(headcount=400, complexity=3, product_managers=5, engineers=60)
    non_tech = base.with_changes(tech_company=False)
    pre_fit = base.with_changes(product_market_fit=False)
    f = policy.factors
    assert assess(non_tech).score - assess(base).score == f["tech_company"].points[False] - f["tech_company"].points[True]
    assert assess(pre_fit).score - assess(base).score == f["product_market_fit"].points[False]


def test_responsibilities_left_with_ceo_or_nobody_strengthen_the_case(policy):
    covered = {rid: "product_lead" for rid in ("product_strategy", "product_vision", "product_design", "user_research")}
    gaps = dict(covered, product_strategy="ceo", product_vision="nobody", product_design="ceo")
    a = assess(Company(headcount=120, complexity=3, owners=covered))
    b = assess(Company(headcount=120, complexity=3, owners=gaps))
    assert a.contributions["uncovered_responsibilities"] == policy.band_points("uncovered_responsibilities", 0)
    assert b.contributions["uncovered_responsibilities"] == policy.band_points("uncovered_responsibilities", 3)
    assert b.score > a.score
    assert any("3 of 4 stated responsibilities" in r.text for r in b.reasons)


def test_complexity_level_wins_over_factors():
    both = assess(Company(headcount=300, complexity=1, product_lines=8, platforms=5, markets=20))
    factors_only = assess(Company(headcount=300, product_lines=8, platforms=5, markets=20))
    assert both.complexity == 1
    assert factors_only.complexity == 5
    assert any("wins over the factors" in r.text and "product_lines" in r.text for r in both.reasons)
    assert any("derived from the factors" in r.text for r in factors_only.reasons)


def test_missing_team_is_estimated_and_said(policy):
    a = assess(Company(headcount=700, complexity=2))
    per_pm = policy.estimates["engineers_per_pm"].value
    share = policy.estimates["engineers_per_employee"].value
    assert a.product_managers == int(700 * share / per_pm)
    assert a.estimated == ("product_managers", "engineers")
    assert any("estimated" in r.text for r in a.reasons)
    given = assess(Company(headcount=700, complexity=2, product_managers=4, engineers=100))
    assert given.estimated == () and given.product_managers == 4


def test_contributions_sum_to_score_and_every_reason_has_a_source(policy):
    a = assess(Company(headcount=260, complexity=4, founder_overloaded=True, owners={"product_vision": "ceo"}))
    assert sum(a.contributions.values()) == a.score
    for r in a.reasons:
        assert r.source in policy.sources and r.citation
    assert re.search(r"Score \d+ is", a.reasons[-1].text)


@pytest.mark.parametrize(
    "company",
    [
        Company(headcount=150, complexity=3),
        Company(headcount=35, complexity=2, product_managers=1, engineers=15, founder_overloaded=True),
        Company(headcount=900, complexity=3, product_managers=6, engineers=300),
        Company(headcount=20000, complexity=2, tech_company=False),
    ],
)
def test_next_change_is_the_smallest_change_that_moves_the_answer(company):
    a = assess(company)
    assert a.next_change, "each of these companies can be moved by some change"
    for ch in a.next_change:
        moved = assess(company.with_changes(**{ch.factor: int(ch.target)}))
        assert moved.create_cpo == ch.decision
        assert (moved.create_cpo > a.create_cpo) if ch.direction == "up" else (moved.create_cpo < a.create_cpo)
        # one step less does not move it
        step = -1 if ch.direction == "up" else 1
        if ch.factor == "product_managers" and company.product_managers is None:
            continue  # PMs were estimated; setting them is itself a change
        closer = assess(company.with_changes(**{ch.factor: int(ch.target) + step}))
        assert closer.create_cpo == a.create_cpo


def test_growth_gives_a_date():
    from datetime import date

    a = assess(Company(headcount=120, complexity=3, annual_growth=0.5))
    ch = a.growth_change
    assert ch is not None and ch.factor == "headcount" and ch.target == 250
    assert ch.years == pytest.approx(__import__("math").log(250 / 120) / __import__("math").log(1.5))
    assert ch.date_from(date(2026, 1, 1)).year == 2027
    assert assess(Company(headcount=120, complexity=3, annual_growth=-0.1)).growth_change is None


def test_role_notes_for_cpto_and_fractional():
    fast = assess(Company(headcount=120, complexity=3, annual_growth=0.8))
    assert any("CPTO" in n for n in fast.role_notes)
    assert any("fractional" in n for n in fast.role_notes)
    slow = assess(Company(headcount=5000, complexity=5, annual_growth=0.05))
    assert not any("CPTO" in n or "fractional" in n for n in slow.role_notes)


def test_unknown_standard_is_refused():
    with pytest.raises(InvalidInputError, match="standard='iso': expected one of eu, gartner"):
        assess(Company(headcount=10), standard="iso")


def test_card_renders_and_escapes():
    a = assess(Company(headcount=300, complexity=4, name="<script>alert(1)</script>"))
    html = a._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "create_cpo = yes" in html and "Chief Product Officer" in html
    text = a.to_text()
    assert "create_cpo = yes" in text and "What would change it" in text


def test_as_dict_is_json_ready():
    import json

    d = json.loads(json.dumps(assess(Company(headcount=150, complexity=3)).as_dict()))
    assert {"stage", "create_cpo", "role", "score", "contributions", "reasons", "next_change"} <= d.keys()
    assert d["score"] == sum(d["contributions"].values())
