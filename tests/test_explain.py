"""`explain`: reasons in plain words, each citing the sources of the numbers it uses."""

from __future__ import annotations

import re

from hypothesis import given, settings

from cpo_model import (
    Company,
    assess,
)
from tests.strategies import companies


def test_reasons_cite_the_source_of_each_number(policy):
    a = assess(Company(headcount=700, product_lines=2))
    by_start = {r.text.split(":")[0]: r for r in a.reasons}
    assert by_start["Size"].sources == ("sba_advocacy", "glossary", "calibration")
    pm = next(r for r in a.reasons if r.text.startswith("Product managers not given"))
    assert pm.sources[0] == "blackblot_ratio"
    cx = next(r for r in a.reasons if r.text.startswith("Product complexity"))
    assert "steege" in cx.sources and "own_judgement" in cx.sources
    for r in a.reasons:
        assert set(r.sources) <= set(policy.sources)
    assert all("unverified" not in s.title for s in policy.sources.values())


def test_responsibilities_left_with_ceo_or_nobody_strengthen_the_case():
    covered = {
        rid: "product_lead"
        for rid in ("product_strategy", "product_vision", "product_design", "user_research")
    }
    gaps = dict(covered, product_strategy="ceo", product_vision="nobody", product_design="ceo")
    a = assess(Company(headcount=120, complexity=3, owners=covered))
    b = assess(Company(headcount=120, complexity=3, owners=gaps))
    assert (
        a.contributions["uncovered_responsibilities"] == 0
        and b.contributions["uncovered_responsibilities"] == 1
    )
    assert any(
        r.text.startswith("3 of the 4 responsibilities stated sit with the CEO or nobody")
        for r in b.reasons
    )
    one = assess(Company(headcount=120, complexity=3, owners={"product_vision": "ceo"}))
    assert any(r.text.startswith("The one responsibility stated sits") for r in one.reasons)


def test_complexity_level_wins_over_factors():
    both = assess(Company(headcount=300, complexity=1, product_lines=8, platforms=5, markets=20))
    factors_only = assess(Company(headcount=300, product_lines=8, platforms=5, markets=20))
    assert both.complexity == 1 and both.complexity_how == "given"
    assert factors_only.complexity == 5 and factors_only.complexity_how == "derived"
    assert any(
        "wins over the factors also given (8 product lines, 5 platforms and 20 markets)" in r.text
        for r in both.reasons
    )
    assert any("derived from the factors" in r.text for r in factors_only.reasons)


FORBIDDEN = [
    (re.compile(r"\babout 0\b"), "a zero estimate"),
    (re.compile(r"\b(True|False|nan)\b|\bNone\b(?! of)"), "a Python value"),
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "a field or enum name"),
    (re.compile(r"\b0\.0 years\b"), "0.0 years"),
    (
        re.compile(r"\b1 (product managers|engineers|points|people|responsibilities)\b"),
        "a wrong plural",
    ),
    (
        re.compile(r"\b(?!1\b)\d[\d,]* (product manager|engineer|point|person)\b(?!s)"),
        "a wrong singular",
    ),
    (re.compile(r"\n\s*\n"), "an empty line"),
]


@given(companies())
@settings(max_examples=400, deadline=None)
def test_words_are_plain(company):
    a = assess(company.with_changes(name=None))
    texts = (
        [r.text for r in a.reasons]
        + [n.text for n in a.role_notes]
        + [str(c) for c in a.next_change]
        + [a.to_text()]
    )
    for text in texts:
        for pattern, what in FORBIDDEN:
            assert not pattern.search(text), f"{what} in: {text!r}"
