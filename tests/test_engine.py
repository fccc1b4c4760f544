"""`engine`: the rules on arrays, against values computed by hand from data/policy.yaml (EU)."""

from __future__ import annotations

import numpy as np
import pytest

from cpo_model import Company, assess
from cpo_model.engine import evaluate, rules_for
from cpo_model.policy import load_policy
from cpo_model.types import Decision, Role, Stage

NAN = np.nan
# Six companies, one column each, NaN = not stated. By hand from data/policy.yaml:
# A 120 people: size 100+ = 3; level 1 assumed = 0; 36 engineers (30%) -> 5 PMs = 1; score 4.
# B 23 people, 22 engineers, level 5: size 10+ = 1; level 5 = 3; 22 / 7 = 3 PMs but only 1
#   fits (23 - 22) -> 1 PM = 0; score 4; small gate (cap consider, Head of Product).
# C 3,000 people, level 5, 12 PMs, CEO leads product: 7 + 3 + 2 = 12, yes; the CEO gate caps
#   it at consider; VP Product (30+ people, 3+ PMs).
# D 5,000 people, not tech, level 1: 7 + 0 + (250 engineers -> 35 PMs) 2 - 3 = 6, consider.
# E 600 people, level 4, growing 60%: 5 + 2.25 + (180 engineers -> 25 PMs) 2 = 9.25, yes.
# F 60 people, 4 product lines, 3 platforms, regulated, 7 responsibilities uncovered:
#   level 1 + 2 + 1 + 1 = 5 -> 3; size 50+ = 2; 18 engineers -> 2 PMs = 0; 6+ uncovered = 2;
#   score 7, consider.
COLS = {
    "headcount": np.array([120, 23, 3000, 5000, 600, 60.0]),
    "complexity": np.array([NAN, 5, 5, 1, 4, NAN]),
    "engineers": np.array([NAN, 22, NAN, NAN, NAN, NAN]),
    "product_managers": np.array([NAN, NAN, 12, NAN, NAN, NAN]),
    "tech_company": np.array([NAN, NAN, 1, 0, NAN, NAN]),
    "ceo_leads_product": np.array([NAN, NAN, 1, NAN, NAN, NAN]),
    "annual_growth": np.array([NAN, NAN, NAN, NAN, 0.6, NAN]),
    "product_lines": np.array([NAN, NAN, NAN, NAN, NAN, 4]),
    "platforms": np.array([NAN, NAN, NAN, NAN, NAN, 3]),
    "regulated": np.array([NAN, NAN, NAN, NAN, NAN, 1]),
    "uncovered": np.array([NAN, NAN, NAN, NAN, NAN, 7]),
}


@pytest.fixture(scope="module")
def res():
    return evaluate(rules_for(load_policy(), "eu"), COLS)


def test_scores_answers_and_roles_on_arrays(res):
    assert res.score.tolist() == [4, 4, 12, 6, 9.25, 7]
    assert res.score_rank.tolist() == [1, 1, 2, 1, 2, 1]
    assert res.rank.tolist() == [1, 1, 1, 1, 2, 1]
    assert res.stage.tolist() == [1, 0, 2, 2, 2, 1]
    assert res.role.tolist() == [2, 1, 2, 2, 3, 1]
    assert res.product_managers.tolist() == [5, 1, 12, 35, 25, 2]
    assert res.complexity.tolist() == [1, 5, 5, 1, 4, 5]


def test_facts_give_bands_caps_and_estimates(res):
    a, b, c, d, e, f = (res.facts(i) for i in range(6))
    size = a.bands["size"]
    assert (size.lower, size.upper, size.points, size.source) == (100, 250, 3, "gartner_mse")
    assert a.bands["product_managers"].lower == 3 and a.bands["product_managers"].upper == 10
    assert "uncovered_responsibilities" not in a.bands and a.uncovered is None
    assert a.complexity_how == "assumed" and "complexity" in a.assumed
    assert a.estimated == ("product_managers", "engineers") and not a.pm_capped
    assert b.pm_capped and b.product_managers == 1 and b.bands["product_managers"].first
    assert [(g.key, g.cap, g.role_cap, g.lowered) for g in b.gates] == [
        ("small_stage", Decision.CONSIDER, Role.HEAD_OF_PRODUCT, False)
    ]
    assert (b.stage_lower, b.stage_upper) == (1, 50)
    assert [(g.key, g.lowered) for g in c.gates] == [("ceo_leads_product", True)]
    assert c.score_answer == Decision.YES and c.answer == Decision.CONSIDER
    assert (c.stage, c.stage_lower, c.stage_upper) == (Stage.LARGE, 250, None)
    assert c.bands["size"].upper is None and c.bands["size"].lower == 2500
    assert d.flags["tech_company"] is False and d.stage_text == "non_tech"
    assert f.complexity_how == "derived"
    assert dict(f.complexity_steps) == {"product_lines": 2, "platforms": 1, "regulated": 1}
    assert f.uncovered == 7 and f.bands["uncovered_responsibilities"].points == 2


def test_stage_text_and_notes_follow_the_answer(res):
    texts = [res.facts(i).stage_text for i in range(6)]
    # "essential" only for E: large, technology, answer yes
    assert texts == ["says", "says", "says", "non_tech", "essential", "says"]
    notes = [res.facts(i).notes for i in range(6)]
    assert notes == [
        (),  # consider with VP Product: no part-time CPO beside it
        ("fractional",),
        ("ceo_leads_product",),
        ("non_tech", "tech_enabled_services"),
        ("cpto", "cpto_against"),
        ("fractional",),
    ]


def test_estimates_stay_inside_the_company():
    a = assess(Company(headcount=23, engineers=22, complexity=5))
    assert a.product_managers + 22 <= 23 and a.product_managers == 1
    assert any("capped so that product managers and engineers fit" in r.text for r in a.reasons)
    zero = assess(Company(headcount=10))
    assert zero.product_managers == 0
    assert not any("about 0" in r.text for r in zero.reasons)
