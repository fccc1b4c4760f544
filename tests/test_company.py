"""Company: immutable, validated, every problem named at once."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpo_model import Company, InvalidInputError, Owner, assess
from cpo_model.schema import input_schema


def test_company_is_immutable():
    c = Company(headcount=100, complexity=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.headcount = 200  # type: ignore[misc]
    with pytest.raises(TypeError):
        c.owners["product_strategy"] = Owner.CEO  # type: ignore[index]


def test_unstated_inputs_stay_unstated_and_the_model_assumes_the_schema_defaults():
    from cpo_model import assess

    c = Company(headcount=100)
    assert (
        c.tech_company,
        c.product_market_fit,
        c.founder_overloaded,
        c.ceo_leads_product,
        c.customer_experience,
        c.complexity,
    ) == (None,) * 6
    a = assess(c)
    assert dict(a.effective) == {
        "tech_company": True,
        "product_market_fit": True,
        "founder_overloaded": False,
        "ceo_leads_product": False,
        "customer_experience": True,
    }
    assert "customer_experience" in a.assumed


@pytest.mark.parametrize(
    "field, value",
    [
        ("headcount", 0),
        ("headcount", -5),
        ("headcount", 10_000_001),
        ("headcount", 1.5),
        ("headcount", math.nan),
        ("headcount", math.inf),
        ("headcount", "150"),
        ("headcount", True),
        ("complexity", 0),
        ("complexity", 6),
        ("product_lines", 0),
        ("platforms", -1),
        ("markets", 301),
        ("product_managers", -1),
        ("engineers", 2.5),
        ("annual_growth", math.inf),
        ("annual_growth", -1.0),
        ("tech_company", "yes"),
        ("regulated", 1),
        ("name", "x" * 201),
        ("name", 42),
    ],
)
def test_each_bad_value_is_refused_naming_the_field(field, value):
    kwargs = {"headcount": 100, field: value}
    with pytest.raises(InvalidInputError) as exc:
        Company(**kwargs)
    assert exc.value.fields == (field,)
    message = str(exc.value)
    assert message.startswith(f"{field}=") and "expected" in message
    assert "\n" not in message


def test_every_problem_is_reported_at_once():
    with pytest.raises(InvalidInputError) as exc:
        Company(headcount=-1, complexity=9, markets=0, owners={"product_vision": "cto"})
    assert set(exc.value.fields) == {"headcount", "complexity", "markets", "owner_product_vision"}
    assert isinstance(exc.value, ValueError)


def test_team_cannot_exceed_headcount():
    with pytest.raises(
        InvalidInputError,
        match=r"product_managers\+engineers=60: expected at most the headcount \(50\)",
    ):
        Company(headcount=50, product_managers=10, engineers=50)


def test_unknown_responsibility_is_refused():
    with pytest.raises(InvalidInputError, match="responsibility id"):
        Company(headcount=10, owners={"catering": "ceo"})


def test_owners_accept_strings_and_enums():
    c = Company(headcount=10, owners={"product_strategy": "CEO", "user_research": Owner.NOBODY})
    assert c.owners == {"product_strategy": Owner.CEO, "user_research": Owner.NOBODY}


def test_integral_floats_become_ints():
    c = Company(headcount=150.0, complexity=3.0)
    assert isinstance(c.headcount, int) and c.headcount == 150 and isinstance(c.complexity, int)


@pytest.mark.parametrize(
    "record, expected",
    [
        ({"headcount": "1,200"}, {"headcount": 1200}),
        (
            {"headcount": " 300 ", "tech_company": "No", "regulated": "yes"},
            {"headcount": 300, "tech_company": False, "regulated": True},
        ),
        (
            {"headcount": "40", "complexity": "", "annual_growth": "0.25"},
            {"complexity": None, "annual_growth": 0.25},
        ),
        (
            {"headcount": "40", "owner_product_strategy": "ceo", "extra": "kept elsewhere"},
            {"owners": {"product_strategy": Owner.CEO}},
        ),
    ],
)
def test_from_record_parses_text(record, expected):
    c = Company.from_record(record)
    for key, value in expected.items():
        assert getattr(c, key) == value


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "-inf", "1,5", "1e400", "0x10", ""])
def test_from_record_refuses_non_numbers(text):
    record = {"headcount": text}
    with pytest.raises(InvalidInputError) as exc:
        Company.from_record(record)
    assert exc.value.fields == ("headcount",)


def test_from_record_reports_parse_and_range_problems_together():
    with pytest.raises(InvalidInputError) as exc:
        Company.from_record({"headcount": "lots", "complexity": "7", "tech_company": "maybe"})
    assert set(exc.value.fields) == {"headcount", "complexity", "tech_company"}


FIELDS = [f for f in input_schema()]


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.lists(st.integers(), max_size=3),
    st.just(""),
    st.just("\u202eevil"),
)


@pytest.mark.parametrize("field", FIELDS)
@given(value=anything)
@settings(max_examples=60, deadline=None)
def test_any_value_of_any_field_is_accepted_or_refused_by_name(field, value):
    kwargs = {"headcount": 100, field: value}
    try:
        c = Company(**kwargs)
    except InvalidInputError as exc:
        (named,) = exc.fields
        assert field in named.split("+"), str(
            exc
        )  # the field itself, or the team-size check it takes part in
        assert str(exc).startswith(f"{named}=") and "\n" not in str(exc)
        return
    assess(c)  # a value that is accepted can be assessed
    got = getattr(c, field)
    assert got is None or isinstance(got, (bool, int, float, str))
    if isinstance(got, float):
        assert math.isfinite(got)
