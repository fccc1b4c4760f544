"""`report.sections`: the memo says what `assess` says, with its figures."""

from __future__ import annotations

import base64

import pytest

from cpo_model.present import DECISION_LABELS, ROLE_LABELS
from cpo_model.report.memo import board_text


@pytest.mark.slow
def test_report_recommendation_matches_assess(single):
    html, page, a = single
    answer = page.in_class("page-one")
    assert (
        DECISION_LABELS[a.create_cpo] in answer and "create_cpo" not in answer
    )  # plain words, no code labels
    assert (
        ROLE_LABELS[a.role] in answer and a.stage_says in answer and f"Score {a.score:g}" in answer
    )
    assert page.title == "CPO decision memo: Acme $x$"
    assert "As of 2026-11-30" in page.all_text and f"Policy {a.policy_version}" in page.all_text
    text = page.all_text
    for reason in a.reasons:
        assert reason.text in text and board_text(reason.citation) in text
    # growth alone: 3 + 1.5 + 1 = 5.5 now, 9.5 from 2,500 people (8.5 at 1,000); at 40% a year
    # ln(2500/120) / ln(1.4) = 9.02 years after 2026-11-30 is 2035-12-10: given to the quarter
    assert a.growth_change is not None and a.growth_change.target == 2500
    assert "around Q4 2035" in answer and "2035-12-10" not in text
    for heading in (
        "Recommendation",
        "Why",
        "Companies like this one",
        "Where the company sits",
        "Points by factor",
        "Sensitivity",
        "Responsibilities at risk",
        "What would change the answer",
        "Appendix",
        "The policy's rules",
        "Sources",
    ):
        assert heading in text, heading
    assert "2 of the 3 responsibilities stated sit with the CEO or nobody" in text
    for p in a.precedents:  # companies like this one, each with its source
        assert str(p) in text and p.source in text and p.address in text


@pytest.mark.slow
def test_report_embeds_its_figures(single):
    _, page, _ = single
    images = [i["src"] for i in page.tags("img")]
    assert len(images) >= 3  # decision map, contributions, sensitivity
    for src in images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert any("headcount and complexity" in (i.get("alt") or "") for i in page.tags("img"))
