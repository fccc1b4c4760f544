"""`policy_diff`: what differs between two policies, and which companies it moves, and why.

The expected answers are worked out by hand from data/policy.yaml (2026.11-3): size bands 4 points
from 250 people and 1 from 10; complexity 1.5 at level 3 and 3 at level 5; 1 point from 3 PMs and
2 from 10; 2 for an overloaded founder; cut-offs 4 and 9; the EU's small stage under 50 people.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cpo_model.policy import Policy, load_policy
from cpo_model.policy_box import TITLE, custom_policy_html, custom_policy_lines
from cpo_model.policy_diff import compare, custom_differences, differences

COMPANIES = pd.DataFrame(
    [
        # 4 + 1.5 + 1 = 6.5: consider (VP Product) under 9, yes under 6
        {"name": "Mid", "headcount": 300, "complexity": 3, "product_managers": 4},
        # 1 + 3 + 2 + 2 = 8, small (under 50): at most consider; midsize from 30: yes under 6
        {
            "name": "Small",
            "headcount": 40,
            "complexity": 5,
            "product_managers": 10,
            "founder_overloaded": True,
        },
        # 1 + 0 = 1: no under both
        {"name": "Tiny", "headcount": 12, "complexity": 1},
        {"name": "Bad", "headcount": -5},
    ]
)


def _edited(raw_policy, edit) -> Policy:
    tree = load_policy().tree
    edit(tree)
    return Policy.from_dict(tree, "mine.yaml")


def _new(tree):
    tree["decision"]["yes_from"]["value"] = 6
    tree["gates"]["small_stage"]["cap"] = "no"
    tree["size_standards"]["eu"]["midsize_from"] = 30
    tree["stages"]["midsize"]["says"] = "a changed sentence"


def test_every_number_and_text_that_differs_is_listed_by_key_path(raw_policy):
    new = _edited(raw_policy, _new)
    found = {d.path: (d.old, d.new, d.kind) for d in differences(load_policy(), new)}
    assert found == {
        "size_standards.eu.midsize_from": (50, 30, "number"),
        "stages.midsize.says": (load_policy().stages["midsize"].says, "a changed sentence", "text"),
        "decision.yes_from.value": (9, 6, "number"),
        "gates.small_stage.cap": ("consider", "no", "rule"),
    }
    assert differences(load_policy(), load_policy()) == []


def test_a_number_names_its_source_from_the_new_policy(raw_policy):
    new = _edited(raw_policy, _new)
    by_path = {d.path: d for d in differences(load_policy(), new)}
    assert by_path["decision.yes_from.value"].source == new.cite(
        new.tree["decision"]["yes_from"]["source"]
    )
    assert by_path["size_standards.eu.midsize_from"].source.startswith("Commission Recommendation")


def test_companies_that_change_and_why(raw_policy):
    result = compare(load_policy(), _edited(raw_policy, _new), COMPANIES)
    got = {(c.name, c.field): (c.old, c.new, {str(x) for x in c.causes}) for c in result.companies}
    assert got[("Mid", "create_cpo")] == (
        "consider",
        "yes",
        {"cut-off decision.yes_from.value: 9 → 6"},
    )
    assert got[("Mid", "role")][:2] == ("vp_product", "cpo")
    assert got[("Small", "stage")] == (
        "pm_only",
        "midsize",
        {"size standard size_standards.eu.midsize_from: 50 → 30"},
    )
    small = got[("Small", "create_cpo")]
    assert small[:2] == ("consider", "yes")
    assert "cut-off decision.yes_from.value: 9 → 6" in small[2]
    assert any(c.startswith("gate ") and "holds → does not hold" in c for c in small[2])
    assert not any(name == "Tiny" for name, _ in got), "an answer that does not move is not listed"
    assert result.rows == 4 and result.invalid_rows == (3,)
    mid = next(c for c in result.companies if c.name == "Mid")
    assert mid.score == (6.5, 6.5)


def test_a_factor_whose_points_move_is_the_cause(raw_policy):
    def edit(tree):  # complexity level 3: 1.5 -> 4 points (levels 4, 5 follow: monotone)
        pts = tree["factors"]["complexity"]["points"]
        pts[3], pts[4], pts[5] = 4, 4, 4
        tree["factors"]["complexity"]["label"] = "Portfolio breadth"  # the label comes from NEW

    result = compare(load_policy(), _edited(raw_policy, edit), COMPANIES.iloc[:1])
    (change,) = [c for c in result.companies if c.field == "create_cpo"]
    assert (change.old, change.new, change.score) == ("consider", "yes", (6.5, 9.0))
    assert [str(c) for c in change.causes] == ["factor Portfolio breadth: 1.5 → 4"]


def test_the_json_form_is_plain_data(raw_policy):
    data = json.loads(json.dumps(compare(load_policy(), _edited(raw_policy, _new)).as_dict()))
    assert data["old"]["bundled"] is True and data["new"]["bundled"] is False
    assert data["new"]["path"] == "mine.yaml" and data["companies"] == [] and data["rows"] is None


def test_the_custom_box_lists_numbers_and_caps_but_not_words(raw_policy):
    new = _edited(raw_policy, _new)
    assert {d.path for d in custom_differences(new)} == {
        "size_standards.eu.midsize_from",
        "decision.yes_from.value",
        "gates.small_stage.cap",
    }
    lines = custom_policy_lines(new)
    assert lines[0].startswith(TITLE) and "mine.yaml" in lines[0]
    assert "- decision.yes_from.value: 9 → 6 (source: " in "\n".join(lines)
    assert custom_policy_lines(None) == [] and custom_policy_html(load_policy()) == ""


def test_the_custom_box_escapes_what_the_file_says(raw_policy):
    def edit(tree):
        tree["sources"]["calibration"]["title"] = "<script>alert(1)</script>"
        tree["decision"]["yes_from"]["value"] = 8

    html = custom_policy_html(_edited(raw_policy, edit))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert TITLE in html and "decision.yes_from.value" in html


@pytest.mark.parametrize("bundled", [True, False])
def test_identity_of_a_policy_file(tmp_path, bundled):
    from cpo_model.resources import data_path

    text = data_path("policy.yaml").read_text(encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(text if bundled else text + "\n# my note\n", encoding="utf-8")
    ident = load_policy(path).identity
    assert ident.bundled is bundled
    assert (ident.label == ident.version) is bundled
    assert ident.as_dict().get("path") == (None if bundled else str(path))
    assert len(ident.sha256) == 64
