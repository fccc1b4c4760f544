"""`widgets.team.TeamPanel`: raters added, removed and edited; the team's answer follows."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")  # this test process only

from cpo_model import Company, assess
from cpo_model.widgets import TeamPanel


@pytest.fixture
def panel():
    return TeamPanel(Company(headcount=300, name="Acme"), raters=["CEO", "CTO"])


def test_no_views_yet_is_the_company_assessed(panel):
    plain = assess(Company(headcount=300, name="Acme"))
    assert panel.team.team.score == plain.score and panel.team.disagreements == ()
    assert "Team answer for Acme" in panel.summary.value and panel.image.value == b""


def test_views_make_a_team_answer_a_spread_and_a_chart(panel):
    panel.rows[0].fields["complexity"].value = "2"
    panel.rows[1].fields["complexity"].value = "5"
    panel.rows[1].fields["product_market_fit"].value = "no"
    t = panel.team
    assert t.team_view.complexity == 4  # median 3.5, halves up
    assert [d.input for d in t.disagreements] == ["complexity"]  # fit: one view only
    assert t.team_view.product_market_fit is False
    assert "Product complexity" in panel.summary.value
    assert bytes(panel.image.value).startswith(b"\x89PNG")


def test_add_and_remove_raters_but_never_the_last(panel):
    row = panel.add_rater("Board")
    assert [r.name.value for r in panel.rows] == ["CEO", "CTO", "Board"]
    assert len(panel.team.raters) == 3 and panel.table.children[-1] is row
    panel.remove_rater(panel.rows[0])
    panel.remove_rater(panel.rows[0])
    assert [r.name.value for r in panel.rows] == ["Board"] and panel.rows[0].remove.disabled
    panel.remove_rater(panel.rows[0])
    assert len(panel.rows) == 1 and len(panel.team.raters) == 1


def test_invalid_input_keeps_the_last_answer_and_says_why(panel):
    before = panel.team
    panel.headcount.value = 0
    assert "Not updated" in panel.message.value and "headcount" in panel.message.value
    assert panel.team is before
    panel.headcount.value = 40
    assert panel.message.value == "" and panel.team.team_view.headcount == 40


@pytest.mark.parametrize("typed, expected", [("1,200", 1200), (" 300 ", 300), ("1e3", 1000)])
def test_the_headcount_box_reads_numbers_as_typed(panel, typed, expected):
    panel.headcount.value = typed
    assert panel.message.value == "" and panel.team.team_view.headcount == expected


def test_a_fractional_headcount_is_refused_once_with_the_explorers_plain_message(panel):
    from cpo_model.widgets import Explorer

    before = panel.team
    panel.headcount.value = "2.5"
    message = "headcount=2.5: expected a whole number from 1 to 10,000,000"
    assert f"<b>Not updated:</b> {message}. Showing the last valid answer." in panel.message.value
    assert panel.message.value.count("headcount") == 1 and panel.team is before
    ex = Explorer(Company(headcount=300))
    ex.headcount.value = "2.5"
    assert f"<b>Not updated:</b> {message}. Showing" in ex.message.value


def test_hostile_rater_names_are_text(panel):
    panel.rows[0].name.value = "<img src=x onerror=alert(1)>"
    panel.rows[0].fields["founder_overloaded"].value = "yes"
    panel.rows[1].fields["founder_overloaded"].value = "no"
    assert "<img src=x" not in panel.summary.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel.summary.value
