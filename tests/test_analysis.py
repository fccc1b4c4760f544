"""`analysis`: the decision grid and the sensitivity data agree with point answers."""

from __future__ import annotations

from dataclasses import replace

import matplotlib
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpo_model import (
    Company,
    Owner,
    assess,
    load_policy,
    responsibilities,
)

matplotlib.use("Agg")  # this test process only


from cpo_model.analysis import answer_steps, decision_grid, sensitivity_data


@st.composite
def valid_companies(draw):
    h = draw(st.integers(1, 300_000))
    pms = draw(st.none() | st.integers(0, min(h, 30)))
    eng = draw(st.none() | st.integers(0, min(h - (pms or 0), 300)))
    kw = {
        "complexity": draw(st.none() | st.integers(1, 5)),
        "product_lines": draw(st.none() | st.integers(1, 6)),
        "regulated": draw(st.none() | st.booleans()),
        "tech_company": draw(st.booleans()),
        "product_market_fit": draw(st.booleans()),
        "founder_overloaded": draw(st.booleans()),
        "owners": draw(
            st.dictionaries(
                st.sampled_from([r["id"] for r in responsibilities()]),
                st.sampled_from(list(Owner)),
                max_size=9,
            )
        ),
    }
    return Company(headcount=h, product_managers=pms, engineers=eng, **kw)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company=valid_companies(), standard=st.sampled_from(["eu", "gartner"]))
def test_grid_agrees_with_point_answers_for_random_companies(
    check_grid_against_points, company, standard
):
    grid = decision_grid(company, standard=standard, headcounts=25)
    assert check_grid_against_points(company, grid, standard) == len(grid) > 0
    hs = set(grid["headcount"])
    for steps in answer_steps(assess(company, standard=standard)).values():  # exact colour changes
        assert all({s - 1, s} <= hs for s in steps if s > 1)


def test_grid_spans_log_spaced_unique_headcounts_with_one_frame_call(draw_map, monkeypatch):
    calls = {"frame": 0, "assess": 0}
    from cpo_model import analysis

    real_frame, real_assess = analysis.assess_frame, analysis.assess

    def counting_frame(*args, **kwargs):
        calls["frame"] += 1
        return real_frame(*args, **kwargs)

    def counting_assess(*args, **kwargs):
        calls["assess"] += 1
        return real_assess(*args, **kwargs)

    monkeypatch.setattr(analysis, "assess_frame", counting_frame)
    monkeypatch.setattr(analysis, "assess", counting_assess)
    grid = decision_grid(Company(headcount=300, complexity=2), standard="gartner")
    assert calls == {
        "frame": 1,
        "assess": 1,
    }  # one frame call; one assess for the company's own next changes
    draw_map(assess(Company(headcount=300, complexity=2), standard="gartner"))
    assert calls == {
        "frame": 2,
        "assess": 1,
    }  # the map uses the assessment it is given: no second assess
    hs = np.sort(grid["headcount"].unique())
    assert hs[0] == 1 and hs[-1] == 100_000 and len(hs) >= 100
    assert {100, 1000} <= set(hs)  # band boundaries are grid points
    assert len(grid) == 5 * len(hs) and not grid.duplicated(["headcount", "complexity"]).any()
    assert sorted(grid["complexity"].unique()) == [1, 2, 3, 4, 5]


def test_grid_marks_impossible_headcounts_as_errors():
    grid = decision_grid(Company(headcount=500, product_managers=20, engineers=100))
    bad = grid[grid["error"].notna()]
    assert not bad.empty and (bad["headcount"] < 120).all() and bad["create_cpo"].isna().all()
    assert (grid.loc[grid["headcount"] >= 120, "error"].isna()).all()
    assert (
        grid.loc[grid["error"].isna(), "headcount"].min() == 120
    )  # the smallest possible headcount is a grid point
    assert bad["error"].str.contains("product_managers\\+engineers").all()


def test_sensitivity_product_market_fit_costs_the_policy_points():
    points = load_policy().factors["product_market_fit"].points
    company = Company(headcount=300, complexity=3, product_managers=5)
    data = sensitivity_data(company)
    row = data[data["input"] == "product_market_fit"].iloc[0]
    assert row["direction"] == "down" and row["delta"] == points[False] - points[True] < 0
    assert (
        row["score"]
        == assess(company).score + row["delta"]
        == assess(replace(company, product_market_fit=False)).score
    )


def test_sensitivity_steps_are_the_documented_moves():
    company = Company(
        headcount=300, complexity=5, engineers=70, tech_company=False
    )  # PMs estimated: 10
    base = assess(company)
    data = sensitivity_data(company).set_index(["input", "direction"])
    assert (
        data.loc[("headcount", "down"), "value_label"] == "150 people"
        and data.loc[("headcount", "up"), "value_label"] == "600 people"
    )
    assert (
        data.loc[("complexity", "down"), "value_label"] == "level 4"
        and ("complexity", "up") not in data.index
    )  # no level 6
    assert (
        data.loc[("product_managers", "up"), "value_label"]
        == f"{int(base.product_managers) + 1} PMs"
    )
    assert data.loc[("tech_company", "up"), "value_label"] == "a technology company"
    assert (data["delta"] == data["score"] - base.score).all()
    clamped = sensitivity_data(Company(headcount=100, product_managers=10, engineers=80)).set_index(
        ["input", "direction"]
    )
    assert (
        clamped.loc[("headcount", "down"), "value_label"] == "90 people"
    )  # never below PMs + engineers
    assert ("product_managers", "up") in clamped.index and (
        "product_managers",
        "down",
    ) in clamped.index
