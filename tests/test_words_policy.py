"""Every sentence about the policy comes from the policy: edit a copy (a stage text, a gate's
cap and label, a cut-off, a role step, a note) and no old sentence survives on any surface."""

from __future__ import annotations

import json
from html import escape

import pytest
import yaml
from hypothesis import given, settings

from cpo_model import Company, assess
from cpo_model.cli import main
from cpo_model.method import footer_text, method_text, policy_markdown
from cpo_model.render import card_html, card_text
from cpo_model.resources import data_path
from tests.strategies import companies

# Old sentences of the bundled policy, and what the copy says instead.
OLD = (
    "the CPO position appears",  # stages.midsize.says
    "a small company",  # gates.small_stage.label
    "A fractional (part-time) CPO can bridge",  # notes.fractional.text
    "consider from 4",  # decision.consider_from (the card's score line)
    "from 30 people",  # roles.vp_product.people_from (the method tables)
)
NEW_STAGE, NEW_GATE, NEW_NOTE = "a product leader is expected", "a tiny firm", "Try a coach."

# 60 people, level 4, 1 PM: 2 + 2.25 = 4.25, consider (cut-off 3.5 in the copy), midsize, Head
# of Product: the fractional note. 30 people, level 5, overloaded founder: 1 + 3 + 2 = 6,
# consider on the score, small: the copy's small gate caps it at "not yet".
MID = Company(headcount=60, complexity=4, product_managers=1, name="Mid")
SMALL = Company(headcount=30, complexity=5, founder_overloaded=True, name="Small")


@pytest.fixture(scope="module")
def policy_path(tmp_path_factory):
    tree = yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))
    tree["stages"]["midsize"]["says"] = NEW_STAGE
    tree["gates"]["small_stage"]["label"] = NEW_GATE
    tree["gates"]["small_stage"]["cap"] = "no"
    tree["decision"]["consider_from"]["value"] = 3.5
    tree["roles"]["vp_product"]["people_from"] = 40
    tree["notes"]["fractional"]["text"] = NEW_NOTE
    path = tmp_path_factory.mktemp("policy") / "mine.yaml"
    path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    return path


def _clean(text: str) -> None:
    for old in OLD:
        assert old not in text, old


def test_the_answer_follows_the_copy(policy_path):
    mid, small = assess(MID, policy_path), assess(SMALL, policy_path)
    assert mid.create_cpo == "consider" and mid.stage_says == f"midsize: {NEW_STAGE}"
    assert small.create_cpo == "no" and small.gates == ("small_stage",)


def test_cards_reasons_and_json_use_the_copy(policy_path):
    for company in (MID, SMALL):
        a = assess(company, policy_path)
        surfaces = [card_text(a), card_html(a), *(str(r) for r in a.reasons)]
        surfaces.append(json.dumps(a.as_dict()))
        for text in surfaces:
            _clean(text)
    mid, small = assess(MID, policy_path), assess(SMALL, policy_path)
    assert NEW_STAGE in card_text(mid) and NEW_NOTE in card_text(mid)
    assert NEW_NOTE in json.dumps(mid.as_dict())
    assert "consider from 3.5" in card_text(mid)
    gate = [r.text for r in small.reasons if r.text.startswith("Gate:")]
    assert gate and gate[0].startswith(f"Gate: {NEW_GATE} (") and "at most 'not yet'" in gate[0]
    assert escape(f"{NEW_GATE}: at most 'not yet'") in card_html(small)


def test_the_cli_uses_the_copy(policy_path, capsys):
    for argv in (["--headcount", "60", "--complexity", "4", "--product-managers", "1"],):
        assert main(["assess", *argv, "--policy", str(policy_path)]) == 0
        text = capsys.readouterr().out
        _clean(text)
        assert NEW_STAGE in text and NEW_NOTE in text
        assert main(["assess", *argv, "--policy", str(policy_path), "--format", "json"]) == 0
        _clean(capsys.readouterr().out)


def test_the_method_tables_memo_and_footer_use_the_copy(policy_path):
    from cpo_model.report.sections import Report

    tables = policy_markdown(policy_path)
    _clean(tables)
    assert "from 40 people" in tables and f"| Gate | {NEW_GATE} | at most 'not yet'" in tables
    for text in (method_text(policy_path), footer_text(policy_path)):
        _clean(text)
        assert NEW_STAGE in text
    assert NEW_GATE in method_text(policy_path)
    for company in (MID, SMALL):
        memo = Report.build(company, policy_path)
        html = "".join(
            getattr(memo, s)().html
            for s in ("header", "card", "reasons", "next_change", "method", "rules")
        )
        _clean(html)
    assert NEW_STAGE in Report.build(MID, policy_path).card().html


@given(companies())
@settings(max_examples=150, deadline=None)
def test_no_note_or_stage_sentence_contradicts_the_answer(company):
    """Issue: one recommendation, nothing after it contradicting it."""
    a = assess(company)
    notes = " ".join(n.text for n in a.role_notes)
    if "essential" in a.stage_says:
        assert a.create_cpo == "yes" and a.stage == "large"
        assert a.effective["tech_company"] and a.effective["customer_experience"]
    if "fractional" in notes:
        assert a.create_cpo == "consider" and not a.effective["ceo_leads_product"]
        assert a.role < "vp_product" and a.stage != "large"
    if "CTO may be enough" in notes:
        assert a.create_cpo != "yes"
    assert ("product manager zero" in notes) == (not a.effective["product_market_fit"])
    assert ("acts as the CPO" in notes) == a.effective["ceo_leads_product"]


def _widget_text(widget) -> str:
    """Every text a widget tree shows: its HTML and labels, its children's, and their titles."""
    parts = [str(getattr(widget, "value", "")) if hasattr(widget, "value") else ""]
    parts += [str(getattr(widget, "description", "") or "")]
    parts += [str(t) for t in getattr(widget, "titles", ()) or ()]
    for child in getattr(widget, "children", ()) or ():
        parts.append(_widget_text(child))
    return "\n".join(parts)


def test_the_explorer_uses_the_copy(policy_path):
    from cpo_model.widgets import Explorer

    mid = Explorer(MID, policy=policy_path)
    for text in (mid.card.value, _widget_text(mid)):
        _clean(text)
    assert escape(NEW_STAGE) in mid.card.value and escape(NEW_NOTE) in mid.card.value
    assert "consider from 3.5" in mid.card.value
    small = Explorer(SMALL, policy=policy_path)
    _clean(_widget_text(small))
    # the copy's small gate caps 6 points at "not yet", from the card's first line on
    assert small.card.value.count("Not yet") >= 2 and "Consider it" not in small.card.value
    assert escape(f"{NEW_GATE}: at most 'not yet'") in small.card.value
    # the Explorer keeps the copy as the inputs change: 60 → 30 people is small
    mid.headcount.value = 30
    mid.update()
    _clean(mid.card.value)
    assert escape(NEW_GATE) in mid.card.value


def test_the_team_views_use_the_copy(policy_path):
    from cpo_model.team import assess_team, team_dict
    from cpo_model.widgets.team import TeamPanel

    # two raters who disagree on the PM count: 1 PM (4.25) or 3 PMs (5.25), both "consider"
    raters = {"CEO": MID, "CTO": MID.with_changes(product_managers=3)}
    team = assess_team(raters, policy=policy_path)
    for text in (team.to_text(), team._repr_html_(), json.dumps(team_dict(team))):
        _clean(text)
    assert NEW_STAGE in team.to_text() and NEW_NOTE in team.to_text()
    small = assess_team(
        {"CEO": SMALL, "CFO": SMALL.with_changes(founder_overloaded=False)}, policy_path
    )
    _clean(small.to_text())
    assert small.team.create_cpo == "no" and NEW_GATE in small.to_text()
    panel = TeamPanel(SMALL, policy=policy_path)  # judgements come from the raters' rows
    ceo = panel.rows[0].fields
    ceo["complexity"].value = "5"
    ceo["founder_overloaded"].value = dict(ceo["founder_overloaded"].options)["yes"]
    _clean(_widget_text(panel))
    _clean(panel.team.to_text())
    # 30 people, level 5, overloaded founder: 1 + 3 + 2 = 6, capped by the copy's small gate
    assert "Not yet (score 6)" in panel.summary.value and NEW_GATE in panel.team.to_text()
