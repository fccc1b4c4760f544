"""The bundled policy against every precedent: the agreement rules are tests."""

from __future__ import annotations

import pytest

from cpo_model import Company, assess
from cpo_model.calibration import agreement, choose, current_numbers, judge, rule_breaks, variant
from cpo_model.precedents import precedents


@pytest.fixture(scope="module")
def table():
    return judge()


def _answer(p) -> tuple[str, tuple[str, ...]]:
    a = assess(
        Company(
            headcount=p.headcount,
            complexity=p.complexity,
            tech_company=p.tech_company,
            product_market_fit=p.product_market_fit,
            ceo_leads_product=p.ceo_leads_product,
        )
    )
    return a.create_cpo.value, a.gates


def test_tech_companies_that_named_a_first_cpo_get_consider_or_yes():
    for p in precedents():
        if p.event == "first_cpo" and p.tech_company and p.headcount:
            answer, _ = _answer(p)
            assert answer in ("consider", "yes"), p
            if (
                p.headcount >= 1000 and p.complexity >= 3
            ):  # the source text: essential in large technology companies
                assert answer == "yes", p


def test_companies_under_100_without_a_cpo_get_no():
    small = [p for p in precedents() if p.event == "no_cpo" and p.headcount and p.headcount < 100]
    assert len(small) >= 3
    for p in small:
        assert _answer(p)[0] == "no", p


def test_a_ceo_who_leads_product_means_at_most_consider():
    led = [p for p in precedents() if p.ceo_leads_product and p.headcount]
    assert len(led) >= 4
    for p in led:
        answer, gates = _answer(p)
        assert answer != "yes" and "ceo_leads_product" in gates, p


def test_never_yes_before_product_market_fit():
    for p in precedents():
        if not p.product_market_fit and p.headcount:
            assert _answer(p)[0] != "yes", p


def test_agreement_is_counted_per_kind_and_event(table):
    assert rule_breaks(table) == []
    per = agreement(table)
    assert set(per["kind"]) == {"tech", "non-tech"}
    assert per["cases"].sum() == len(table) and (per["agree"] <= per["cases"]).all()
    tech = table[table["kind"] == "tech"]
    assert tech["agrees"].sum() / len(tech) >= 0.85  # what the README states


def test_the_sweep_choice_is_the_bundled_policy():
    """The calibration's rule for choosing, applied to a small grid around the bundled numbers,
    picks them."""
    from cpo_model.calibration import sweep

    now = current_numbers()
    grid = {
        "consider_from": [3, 4, 5],
        "yes_from": [8, 9, 10],
        "size_step": [1.0, 1.5],
        "complexity_step": [0.5, 0.75, 1.0],
    }
    checks = [
        ({"headcount": 10}, "eu", "no"),
        ({"headcount": 150}, "eu", "consider"),
        ({"headcount": 20000}, "eu", "yes"),
    ]
    picked = choose(sweep(grid, checks=checks), previous={**now, "complexity_step": 1.0})
    assert {k: picked[k] for k in now} == now


def test_a_variant_changes_only_its_numbers():
    v = variant({"consider_from": 5, "yes_from": 11, "size_step": 1.5, "complexity_step": 0.5})
    assert (
        v.decision["yes_from"].value == 11
        and v.factors["size"].bands[2].points == 3.0
        and v.factors["complexity"].points[5] == 2.0
    )
