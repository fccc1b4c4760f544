"""`team.assess_team`: the team view, each rater's answer and the disagreements, hand-checked.

Points used below (data/policy.yaml, EU bands): size 10+ = 1, 100+ = 3, 1000+ = 6, 2500+ = 7;
level 3 = 1.5, 4 = 2.25, 5 = 3; 3-9 PMs = 1, 10+ = 2; founder overloaded +2; no product/market
fit -3. Consider from 4, yes from 9.
"""

from __future__ import annotations

import json

import pytest

from cpo_model import Company, InvalidInputError, assess
from cpo_model.team import assess_team

ATLAS = {"name": "Atlas Freight", "product_managers": "4", "engineers": "40"}


@pytest.fixture(scope="module")
def offsite():
    """Four raters of a 120-person company (stated by the CEO only)."""
    return assess_team(
        {
            "CEO": {
                **ATLAS,
                "headcount": "120",
                "complexity": "3",
                "founder_overloaded": "no",
                "product_market_fit": "yes",
                "owner_product_vision": "ceo",
            },
            "CTO": {
                "complexity": "4",
                "founder_overloaded": "yes",
                "product_market_fit": "no",
                "owner_product_vision": "product_lead",
            },
            "CFO": {"complexity": "3", "founder_overloaded": "yes"},
            "Head of Sales": {"complexity": "5", "founder_overloaded": "no"},
        }
    )


def test_team_view_medians_majorities_and_ties(offsite):
    v = offsite.team_view
    assert (v.headcount, v.complexity, v.product_managers, v.engineers) == (120, 4, 4, 40)
    # 2 yes / 2 no on both: ties, not stated (the model's defaults: not overloaded, fit reached)
    assert v.founder_overloaded is None and v.product_market_fit is None
    assert dict(v.owners) == {}  # ceo 1 / product_lead 1
    assert len(offsite.notes) == 3 and all("a tie" in n for n in offsite.notes)


def test_team_answer_is_the_team_view_assessed(offsite):
    # size 100+ 3, level 4 2.25, 4 PMs 1, overloaded assumed no, fit assumed yes: 6.25
    assert offsite.team.score == 6.25 and offsite.team.create_cpo.value == "consider"


@pytest.mark.parametrize(
    "rater, score, answer",
    [
        ("CEO", 5.5, "consider"),  # 3 + level 3 1.5 + 1
        ("CTO", 5.25, "consider"),  # 3 + 2.25 + 1 + overloaded 2 - no fit 3
        ("CFO", 7.5, "consider"),  # 3 + 1.5 + 1 + 2
        ("Head of Sales", 7.0, "consider"),  # 3 + level 5 3 + 1
    ],
)
def test_each_rater_answer_fills_blanks_from_the_team(offsite, rater, score, answer):
    (r,) = [r for r in offsite.raters if r.name == rater]
    assert r.view.headcount == 120 and r.view.name == "Atlas Freight"
    assert (r.assessment.score, r.assessment.create_cpo.value) == (score, answer)


def test_disagreements_most_decisive_first(offsite):
    got = [(d.input, d.moves, d.points) for d in offsite.disagreements]
    assert got == [
        ("product_market_fit", 1, 3.0),  # no fit: 3.25 -> not yet
        ("founder_overloaded", 0, 2.0),  # 8.25, still consider
        ("complexity", 0, 0.75),  # levels 3, 4, 5: 5.5, 6.25, 7
        ("owner_product_vision", 0, 0.0),
    ]
    fit = offsite.disagreements[0]
    assert dict(fit.values) == {"CEO": True, "CTO": False, "CFO": None, "Head of Sales": None}
    assert fit.team_value is None
    assert [(o.value, o.raters, o.create_cpo.value, o.score) for o in fit.options] == [
        (False, ("CTO",), "no", 3.25),
        (True, ("CEO",), "consider", 6.25),
    ]
    assert offsite.settle_first is fit
    assert offsite.disagreements[-1].note == (
        "no rater's value changes the answer or the score here"
    )
    assert offsite.disagreements[1].note == "changes the score by up to 2 but not the answer"


def test_settling_can_move_the_answer_two_steps():
    t = assess_team(
        {
            "A": Company(headcount=40, complexity=2),
            "B": Company(headcount=45, complexity=2),
            "C": Company(headcount=5000, complexity=2),
        }
    )
    # team 45 people: size 1 + level 2 0.75 + about 1 PM 0 = 1.75, not yet
    assert (t.team.score, t.team.create_cpo.value) == (1.75, "no")
    (d,) = t.disagreements
    assert (d.input, d.moves, d.points) == ("headcount", 2, 8.0)
    # 5,000 people: size 7 + 0.75 + about 214 PMs 2 = 9.75, create now
    assert [(o.value, o.create_cpo.value, o.score) for o in d.options] == [
        (40, "no", 1.75),
        (45, "no", 1.75),
        (5000, "yes", 9.75),
    ]


def test_factors_under_a_given_level_come_last_and_say_why():
    t = assess_team(
        {
            "A": {"headcount": "300", "complexity": "2", "product_lines": "1"},
            "B": {"complexity": "4", "product_lines": "6"},
        }
    )
    assert [d.input for d in t.disagreements] == ["complexity", "product_lines"]
    assert t.disagreements[-1].note == (
        "cannot move the answer: a complexity level is given, so factors do not count"
    )


def test_growth_does_not_enter_the_score_and_says_so():
    t = assess_team(
        {"A": {"headcount": "80", "annual_growth": "0.1"}, "B": {"annual_growth": "0.9"}}
    )
    (d,) = t.disagreements
    assert d.input == "annual_growth" and d.note == (
        "cannot move the answer: it does not enter the score"
    )


def test_agreement_is_not_a_disagreement():
    t = assess_team({"A": {"headcount": "80", "complexity": "3"}, "B": {"complexity": "3"}})
    assert t.disagreements == () and t.settle_first is None


def test_one_rater_is_their_plain_assessment():
    company = Company(headcount=300, complexity=4, name="Solo")
    t = assess_team({"CEO": company})
    plain = assess(company)
    assert (t.team.score, t.team.create_cpo, t.team.role) == (
        plain.score,
        plain.create_cpo,
        plain.role,
    )
    assert t.disagreements == () and t.to_text().startswith("One rater (CEO): their assessment.")
    assert plain.to_text() in t.to_text()


def test_duplicate_names_are_numbered_and_said():
    t = assess_team([("Alex", {"headcount": "100"}), ("Alex", {"complexity": "2"})])
    assert [r.name for r in t.raters] == ["Alex (1)", "Alex (2)"]
    assert "2 raters are named 'Alex'" in t.notes[0]


@pytest.mark.parametrize(
    "raters, needle",
    [
        ({"CTO": {"headcount": "-3"}}, "rater 'CTO': headcount=-3: expected a whole number"),
        (
            {"CFO": {"headcount": "10", "product_managers": "8", "engineers": "5"}},
            "rater 'CFO': product_managers+engineers=13: expected at most the headcount (10)",
        ),
        ({"A": {"complexity": "3"}}, "headcount=None: expected a headcount from at least one"),
        # each view is valid, the medians are not: PMs 0/100/100 -> 100, engineers 10/0/900 -> 10,
        # headcount 10/100/1000 -> 100, and 100 + 10 > 100
        (
            {
                "A": {"headcount": "10", "product_managers": "0", "engineers": "10"},
                "B": {"headcount": "1000", "product_managers": "100", "engineers": "900"},
                "C": {"headcount": "100", "product_managers": "100", "engineers": "0"},
            },
            "team view (the medians and majorities of the views): product_managers+engineers=110: "
            "expected at most the headcount (100)",
        ),
        ({}, "raters=[]: expected at least one rater"),
    ],
)
def test_bad_input_names_the_rater_and_the_field(raters, needle):
    with pytest.raises(InvalidInputError) as err:
        assess_team(raters)
    assert needle in str(err.value) and "\n" not in str(err.value)


def test_hostile_names_are_text_in_html():
    t = assess_team(
        {
            "<img src=x onerror=alert(1)>": {"headcount": "100", "complexity": "2"},
            "B & <b>": {"complexity": "5"},
        }
    )
    html = t._repr_html_()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>B" not in html and "B &amp; &lt;b&gt;" in html


def test_json_has_team_raters_and_disagreements(offsite):
    data = json.loads(json.dumps(offsite.as_dict()))
    assert data["team"]["create_cpo"] == "consider" and data["settle_first"] == "product_market_fit"
    assert [r["rater"] for r in data["raters"]] == ["CEO", "CTO", "CFO", "Head of Sales"]
    assert data["raters"][1] | {"stated": None} == {
        "rater": "CTO",
        "create_cpo": "consider",
        "score": 5.25,
        "role": data["raters"][1]["role"],
        "stage": "midsize",
        "stated": None,
    }
    first = data["disagreements"][0]
    assert first["input"] == "product_market_fit" and first["team_value"] is None
    assert first["values"]["CTO"] is False and first["moves_answer"] is True
    assert [a["create_cpo"] for a in first["answers"]] == ["no", "consider"]
