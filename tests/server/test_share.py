"""A link's inputs: what goes into it, what comes back, what is refused (hand-checked)."""

from __future__ import annotations

import pytest

from cpo_model import Company
from cpo_model.server.share import query_of, read_query


@pytest.mark.parametrize(
    ("company", "standard", "query"),
    [
        (Company(headcount=180), None, "headcount=180"),
        (
            Company(headcount=180, complexity=3, founder_overloaded=True),
            None,
            "headcount=180&complexity=3&founder_overloaded=yes",
        ),
        (
            Company(headcount=40, tech_company=False),
            "startup",
            "headcount=40&tech_company=no&standard=startup",
        ),
        (Company(headcount=900, annual_growth=0.4), None, "headcount=900&annual_growth=0.4"),
        (Company(headcount=12, name="A & B"), None, "headcount=12&name=A+%26+B"),
        (
            Company(headcount=300, owners={"product_vision": "ceo"}),
            None,
            "headcount=300&owner_product_vision=ceo",
        ),
    ],
)
def test_a_link_holds_exactly_the_stated_inputs_and_reads_back(company, standard, query):
    assert query_of(company, standard) == query
    back = read_query(query, standards=(standard,) if standard else ())
    assert back.company == company and back.standard == standard and back.problems == ()


def test_a_link_without_inputs_holds_no_company_and_invents_none():
    for query in ("", "theme=dark", "template=lab&colour=red"):
        link = read_query(query)
        assert link.company is None and link.problems == ()
    link = read_query("headcount=250")  # nothing else stated: nothing else assumed here
    assert link.company == Company(headcount=250) and link.company.complexity is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("headcount=abc", "headcount"),
        ("headcount=0", "headcount"),
        ("headcount=120&complexity=9", "complexity"),
        ("headcount=120&founder_overloaded=maybe", "founder_overloaded"),
        ("headcount=120&owner_product_vision=everyone", "product_vision"),
    ],
)
def test_a_bad_value_drops_the_link_and_says_which_input(query, field):
    link = read_query(query)
    assert link.company is None
    assert len(link.problems) == 1
    assert link.problems[0].startswith("The link's inputs were not used: ")
    assert field in link.problems[0]


def test_unknown_size_bands_and_overlong_links_are_said_plainly():
    link = read_query("headcount=120&standard=martian", standards=("eu", "us"))
    assert link.company == Company(headcount=120) and link.standard is None
    assert link.problems == ("The link's size bands 'martian' are not known; the default is used",)
    assert read_query("headcount=1&" + "x" * 3000).problems == (
        "The link is too long to read; it was not used",
    )
