"""`charts.maps`: the decision map and the precedents chart, tested through what they draw."""

from __future__ import annotations

import matplotlib
import pytest

from cpo_model import (
    Company,
    assess,
    load_policy,
)
from tests.charts.cases import COMPANIES

matplotlib.use("Agg")  # this test process only

from matplotlib.text import Annotation

from cpo_model import charts
from cpo_model.analysis import decision_grid
from cpo_model.present import DECISION_LABELS


@pytest.mark.parametrize("standard", ["eu", "gartner"])
@pytest.mark.parametrize("company", COMPANIES, ids=lambda c: c.name or f"h{c.headcount}")
def test_map_draws_its_grid_answers_in_their_colours(
    draw_map, check_grid_against_points, company, standard
):
    fig = draw_map(assess(company, standard=standard))
    grid = fig.cpo_grid
    assert check_grid_against_points(company, grid, standard, fig.axes[0]) >= 200
    assert set(grid.columns) == {"headcount", "complexity", "create_cpo", "score", "error"}


@pytest.mark.parametrize("standard", ["eu", "gartner"])
def test_map_band_boundaries_are_at_the_standard_and_labelled(by_gid, draw_map, standard):
    std = load_policy().standards[standard]
    ax = draw_map(assess(Company(headcount=300, complexity=3), standard=standard)).axes[0]
    lines = by_gid(ax, "band_boundary")
    assert sorted(line.get_xdata()[0] for line in lines) == [std.midsize_from, std.large_from]
    labels = [t.get_text() for t in by_gid(ax, "band_label")]
    assert labels == [
        f"small\nunder {std.midsize_from:,}",
        f"midsize\nfrom {std.midsize_from:,}",
        f"large\nfrom {std.large_from:,}",
    ]


def test_map_marks_the_company_at_its_headcount_and_effective_complexity(by_gid, draw_map):
    company = Company(
        headcount=700, product_lines=4, platforms=3, name="Factor Co"
    )  # complexity derived: level 4
    a = assess(company)
    ax = draw_map(a).axes[0]
    (marker,) = by_gid(ax, "company")
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (
        700,
        a.complexity,
    ) and a.complexity == 4
    assert (
        "Factor Co" in marker.get_label()
        and DECISION_LABELS[a.create_cpo].lower() in marker.get_label()
    )
    assert any("Factor Co" in t.get_text() for t in ax.get_legend().get_texts())
    unnamed = draw_map(assess(Company(headcount=7))).axes[0]
    assert by_gid(unnamed, "company")[0].get_label().startswith("this company")


@pytest.mark.parametrize(
    "company",
    [COMPANIES[0], Company(headcount=40, complexity=2), Company(headcount=900, complexity=1)],
)
def test_map_next_change_arrows_end_at_the_change_targets(by_gid, draw_map, company):
    a = assess(company)
    fig = draw_map(a)
    ax, grid = fig.axes[0], fig.cpo_grid
    wanted = [c for c in a.next_change if c.factor in ("headcount", "complexity")]
    assert wanted  # each case has something to draw
    arrows = {
        t.get_gid(): t
        for t in ax.get_children()
        if isinstance(t, Annotation) and (t.get_gid() or "").startswith("next_change:")
    }
    assert set(arrows) == {f"next_change:{c.factor}:{c.direction}" for c in wanted}
    labels = [t.get_text() for t in by_gid(ax, "next_change_label")]
    for c in wanted:
        arrow = arrows[f"next_change:{c.factor}:{c.direction}"]
        end = (c.target, a.complexity) if c.factor == "headcount" else (company.headcount, c.target)
        assert tuple(arrow.xy) == end and tuple(arrow.xyann) == (company.headcount, a.complexity)
        # the map's colour at the arrow head (the cell holding it) is the change's answer
        level = grid[grid["complexity"] == end[1]]
        cell = level[level["headcount"] <= end[0]].iloc[-1]
        assert cell["create_cpo"] == c.decision.value
        assert any(
            label.endswith(f"→ {DECISION_LABELS[c.decision].lower()}")
            and f"{int(c.target):,}" in label
            for label in labels
        )


def test_map_needs_a_grid_of_the_policy_the_assessment_used(draw_map, policy_file):
    custom = load_policy(policy_file(lambda d: d.update(version="custom-1")))
    a = assess(Company(headcount=300, complexity=2), policy=custom)
    with pytest.raises(ValueError, match="custom-1"):
        charts.decision_map(a, decision_grid(a, load_policy()))  # the bundled policy's grid
    assert draw_map(a, custom).cpo_grid["create_cpo"].notna().all()


def test_precedents_chart_draws_every_case_where_it_happened():
    from cpo_model.analysis import decision_grid
    from cpo_model.calibration import judge

    table = judge()
    tech = table[table["kind"] == "tech"]
    ax = charts.precedents_chart(tech, decision_grid(Company(headcount=1))).axes[0]
    drawn = [c for c in ax.collections if (c.get_gid() or "").startswith("precedent:")]
    assert sum(len(c.get_offsets()) for c in drawn) == len(tech)
    xs = sorted(x for c in drawn for x, _ in c.get_offsets())
    assert xs == sorted(tech["headcount"].astype(float))
    named = {t.get_text() for t in ax.texts if t.get_gid() == "disagrees_label"}
    assert named == {f"{r.company} {r.year}" for r in tech[~tech["agrees"]].itertuples()}
    assert f"agrees with {int(tech['agrees'].sum())} of {len(tech)}" in ax.get_title()
