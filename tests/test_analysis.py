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


from cpo_model.analysis import (
    answer_steps,
    contributions_data,
    decision_grid,
    responsibilities_data,
    sensitivity_data,
)


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
def test_grid_holds_the_company_and_every_answer_step_for_random_companies(
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


def test_sensitivity_rows_say_the_step_and_whether_it_changes_the_answer():
    """Hand-checked: 150 people at level 3 scores 5.5 ('consider it' from 4); losing the
    technology-company status (−4 in all) or fit (−3) drops it below 4, nothing else does."""
    data = sensitivity_data(Company(headcount=150, complexity=3)).set_index(["input", "direction"])
    assert data.loc[("headcount", "up"), "step"] == "150 → 300 people"
    assert data.loc[("headcount", "down"), "step"] == "150 → 75 people"
    assert data.loc[("complexity", "up"), "step"] == "level 3 → level 4"
    assert data.loc[("founder_overloaded", "up"), "step"] == "no → yes"
    assert data.loc[("tech_company", "down"), "text"] == "yes → no: not yet"
    changing = set(data.index[data["changes_answer"]])
    assert changing == {("tech_company", "down"), ("product_market_fit", "down")}
    # rows by largest effect: technology company (-4), then fit (-3), then headcount (±2)
    assert data.attrs["inputs"][:3] == ("Technology company", "Product/market fit", "Headcount")
    assert data.loc[("tech_company", "down"), "row"] == 0
    assert data.loc[("headcount", "down"), "side"] == "left"
    assert data.loc[("headcount", "up"), "side"] == "right"


def test_a_stated_yes_no_input_flipped_is_a_row():
    data = sensitivity_data(Company(headcount=150, complexity=3, ceo_leads_product=True))
    row = data[data["input"] == "ceo_leads_product"].iloc[0]
    assert (row["direction"], row["step"]) == ("down", "yes → no")


def test_contributions_say_how_far_the_score_is_from_each_cutoff():
    data = contributions_data(assess(Company(headcount=150, complexity=3)))
    assert data.attrs["where"] == "1.5 above 'consider' (4), 3.5 below 'yes' (9)"
    size = data.set_index("factor").loc["size"]
    label = load_policy().factors["size"].label  # the policy's words
    assert (size["text"], size["effect"]) == (f"{label} (150 people)", "raises")


def test_responsibilities_grid_counts_and_says_what_to_state():
    owners = {
        "product_strategy": "ceo",
        "user_research": "nobody",
        "product_design": "product_lead",
    }
    data = responsibilities_data(Company(headcount=80, owners=owners)).set_index("id")
    assert len(data) == 9 and set(zip(data["grid_row"], data["grid_col"], strict=True)) == {
        (r, c) for r in range(3) for c in range(3)
    }
    assert data.loc["product_strategy", "status"] == "at risk"
    assert data.loc["product_design", ["owner", "status"]].tolist() == ["product_lead", "covered"]
    assert data.attrs["summary"] == (
        "2 of 3 stated at risk (held by the CEO or nobody); 6 not stated"
    )
    empty = responsibilities_data(Company(headcount=80)).attrs
    assert (empty["stated"], empty["at_risk"]) == (0, 0)
    assert empty["summary"] == (
        "No owner stated: say who holds each responsibility (CEO/founder, a product lead, "
        "nobody) to see which are at risk"
    )


def test_the_decision_grid_follows_the_policy_that_answered(policy_file):
    """An assessment made under an edited policy gets its map from that policy, not the bundled
    one: with `yes_from` at 90 no cell of the grid can say yes."""
    from cpo_model import Company, assess, load_policy
    from cpo_model.analysis import decision_grid

    strict = load_policy(policy_file(lambda d: d["decision"]["yes_from"].update(value=90)))
    a = assess(Company(headcount=300, complexity=3), strict)
    assert "yes" not in set(decision_grid(a)["create_cpo"])
    assert "yes" in set(decision_grid(assess(Company(headcount=300, complexity=3)))["create_cpo"])
