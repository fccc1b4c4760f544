"""`charts.team_chart`: a row per disagreement (the one to settle first on top), a dot per view
coloured by the answer it would give and sized by how many hold it, a ring on the team's value."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

from cpo_model import Company, charts
from cpo_model.present import DECISION_COLOURS
from cpo_model.team import assess_team
from cpo_model.types import Decision


@pytest.fixture(scope="module")
def drawn():
    team = assess_team(
        {
            "CEO": Company(headcount=120, complexity=3, founder_overloaded=False),
            "CTO": Company(headcount=120, complexity=5, founder_overloaded=True),
            "CFO": Company(headcount=120, complexity=3, founder_overloaded=True),
        }
    )
    fig = charts.team_chart(team.spread())
    return team, fig.axes[0]


def test_rows_are_the_disagreements_settle_first_on_top(drawn):
    team, ax = drawn
    ticks = sorted(
        ((t.get_position()[1], t.get_text()) for t in ax.get_yticklabels()), reverse=True
    )
    assert [label for _, label in ticks] == ["Product complexity", "Founder overloaded"]
    assert team.disagreements[0].input == "complexity"


def test_each_view_is_a_dot_coloured_by_its_answer_and_sized_by_its_raters(drawn, by_gid, rgba):
    team, ax = drawn
    for d in team.disagreements:
        for o in d.options:
            label = {3: "level 3", 5: "level 5", True: "yes", False: "no"}[o.value]
            (dot,) = by_gid(ax, f"team:{d.input}:{label}")
            assert rgba(dot.get_facecolor()[0]) == rgba(DECISION_COLOURS[o.create_cpo])
    size = lambda label: by_gid(ax, f"team:complexity:{label}")[0].get_sizes()[0]  # noqa: E731
    assert size("level 3") > size("level 5"), "two raters' dot is larger than one's"
    five = by_gid(ax, "team:complexity:level 5")[0]
    assert rgba(five.get_facecolor()[0]) == rgba(
        DECISION_COLOURS[Decision(team.disagreements[0].options[-1].create_cpo)]
    )


def test_the_team_value_is_ringed_where_it_lies(drawn, by_gid):
    team, ax = drawn
    (ring,) = by_gid(ax, "team_value:complexity")  # median of 3, 3, 5 is 3: held by two
    (three,) = by_gid(ax, "team:complexity:level 3")
    assert tuple(ring.get_offsets()[0]) == tuple(three.get_offsets()[0])
    (ring,) = by_gid(ax, "team_value:founder_overloaded")  # two of three say yes
    (yes,) = by_gid(ax, "team:founder_overloaded:yes")
    assert tuple(ring.get_offsets()[0]) == tuple(yes.get_offsets()[0])


def test_a_median_between_views_is_drawn_as_the_team_alone(by_gid):
    team = assess_team(
        {"A": Company(headcount=80, complexity=2), "B": Company(headcount=80, complexity=5)}
    )
    ax = charts.team_chart(team.spread()).axes[0]
    (alone,) = by_gid(ax, "team:complexity:level 4")
    xs = [by_gid(ax, f"team:complexity:level {k}")[0].get_offsets()[0][0] for k in (2, 4, 5)]
    assert xs == sorted(xs), "values in order along the row"
    held = by_gid(ax, "team:complexity:level 2")[0]
    assert alone.get_sizes()[0] < held.get_sizes()[0], "held by no rater: the smallest dot"
    assert "the team's value" in [t.get_text() for t in ax.texts]
