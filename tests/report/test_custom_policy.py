"""A memo and a portfolio index name their policy, and a policy other than the bundled one shows
the 'Custom policy' box on page one with each number that differs, old → new."""

from __future__ import annotations

import re

import pytest

from cpo_model import assess, load_policy, report
from cpo_model.report.memo import memo_html, write_memo
from tests.report.test_board_memo import ATLAS, _pages, _pdftotext, _text, needs_pdf

TITLE = "Custom policy: these numbers differ from the bundled, calibrated policy"
# Atlas Freight scores 7.5 (+3 size at 120 people); with 'create the role now' from 8 instead
# of 9, 250 people (+4 size, 8.5 points) is enough.
EDITED_HEADLINE = "Consider it: hire a VP Product now; plan a CPO at about 250 people."


@pytest.fixture(scope="module")
def edited(run_cli, tmp_path_factory):
    """The bundled policy as `policy init` writes it, with one number edited: yes_from 9 → 8."""
    path = tmp_path_factory.mktemp("policy") / "mine.yaml"
    r = run_cli("policy", "init", str(path))
    assert r.returncode == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert text.count("yes_from: {value: 9,") == 1
    path.write_text(text.replace("yes_from: {value: 9,", "yes_from: {value: 8,"), encoding="utf-8")
    return path


def _front(html: str) -> str:
    return _text(
        html[html.index("<section class='page-one") : html.index("<section class='appendix'")]
    )


def test_a_memo_under_an_edited_policy_shows_the_box_and_the_changed_number(edited):
    a = assess(ATLAS, load_policy(edited))
    html = memo_html(a, as_of="2026-11-30")  # the policy file named by the assessment
    front = _front(html)
    assert TITLE in front
    assert re.search(r"decision\.yes_from\.value ?: 9 → 8", front), front
    assert front.startswith(EDITED_HEADLINE)  # the words follow the edited number
    label = a.policy.label
    assert "+custom." in label and f"Policy {label}" in _text(
        html[: html.index("<section class='page-one")]
    )


def test_a_memo_under_the_bundled_policy_has_no_box():
    html = memo_html(assess(ATLAS), as_of="2026-11-30")
    assert "Custom policy" not in html and "+custom." not in html
    assert f"Policy {load_policy().version} " in _text(
        html[: html.index("<section class='page-one")]
    )


def test_a_memo_under_another_policy_of_the_same_version_is_refused(edited):
    """Same version, other numbers: the memo would describe rules the answer did not use."""
    with pytest.raises(ValueError, match=r"\+custom\."):
        memo_html(assess(ATLAS), policy=edited)


@needs_pdf
@pytest.mark.slow
def test_the_box_prints_on_page_one(edited, tmp_path):
    out = write_memo(
        tmp_path / "atlas.pdf",
        assess(ATLAS, load_policy(edited)),
        paper="letter",
        as_of="2026-11-30",
    )
    first = " ".join(_pdftotext(out, 1).split())
    assert TITLE in first and "9 → 8" in first and "Next step" in first
    assert _pages(out) <= 6


@pytest.mark.slow
def test_the_portfolio_index_names_its_policy_and_shows_the_box(edited, tmp_path):
    csv = tmp_path / "companies.csv"
    csv.write_text("name,headcount,complexity\nNorthwind,300,4\n", encoding="utf-8")
    custom = report.build_portfolio(
        csv, tmp_path / "custom", edited, progress=False, report_date="2026-11-30", workers=1
    )
    text = _text(custom.index.read_text(encoding="utf-8"))
    label = load_policy(edited).identity.label
    assert f"Policy {label}" in text and TITLE in text and "9 → 8" in text
    memo = _text((tmp_path / "custom" / "northwind.html").read_text(encoding="utf-8"))
    assert TITLE in memo
    bundled = report.build_portfolio(
        csv, tmp_path / "bundled", progress=False, report_date="2026-11-30", workers=1
    )
    text = _text(bundled.index.read_text(encoding="utf-8"))
    assert f"Policy {load_policy().version} " in text and "Custom policy" not in text
