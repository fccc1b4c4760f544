"""`render`: the text and HTML cards, escaped, in plain words."""

from __future__ import annotations

import re

import pytest

from cpo_model import (
    Company,
    assess,
)
from cpo_model.render import card_html, card_text


def test_card_renders_and_escapes():
    a = assess(
        Company(headcount=300, complexity=5, product_managers=12, name="<script>alert(1)</script>")
    )
    html = a._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Create the role now" in html and "Chief Product Officer" in html
    text = a.to_text()
    assert text.splitlines()[:2] == [
        "Create the role now: hire a Chief Product Officer.",
        "<script>alert(1)</script>: Create the role now",
    ]
    assert "What would change it" in text
    assert "create_cpo" not in text and "vp_product" not in text


# The card's first line, checked by hand against data/policy.yaml (points: size band,
# complexity level, PMs estimated at 30% engineers / 7; cut-offs consider 4, yes 9):
# - 150 people, level 3: 3 + 1.5 + 1 (about 6 PMs) = 5.5, consider; from 1,000 people
#   6 + 1.5 + 2 = 9.5 (at 500: 5 + 1.5 + 2 = 8.5), so a CPO at about 1,000;
# - 40 people, level 2: 1 + 0.75 + 0 = 1.75, not yet; at 100 people 3 + 0.75 + 1 = 4.75;
# - 300 people, level 5, 12 PMs: 4 + 3 + 2 = 9, create the role now.
FIRST_LINES = [
    (
        Company(headcount=150, complexity=3, name="Acme"),
        "Consider it: hire a VP Product now; plan a CPO at about 1,000 people.",
    ),
    (
        Company(headcount=40, complexity=2),
        "Not yet: a Head of Product fits today; revisit a CPO at about 100 people.",
    ),
    (
        Company(headcount=300, complexity=5, product_managers=12),
        "Create the role now: hire a Chief Product Officer.",
    ),
]


@pytest.mark.parametrize(("company", "first"), FIRST_LINES)
def test_card_opens_with_the_recommendation(company, first):
    a = assess(company)
    lines = card_text(a).splitlines()
    assert lines[0] == first
    assert lines[1].endswith(first.split(":")[0])  # then the company and its answer
    assert lines[2].startswith("  role ") and "Why:" in lines
    html = card_html(a)
    text = re.sub(r"<[^>]+>", "\n", html)
    assert [t for t in text.splitlines() if t.strip()][0] == first
    assert html.index("class='recommendation'") < html.index("class='cpo-answer")


def test_card_escapes_the_name_below_the_recommendation():
    a = assess(Company(headcount=150, complexity=3, name="<i>x</i>"))
    html = card_html(a)
    assert "<i>" not in html and card_text(a).splitlines()[0].endswith(".")
