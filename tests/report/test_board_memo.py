"""The board memo: page one as printed, the page count, page numbers, words meant for a board,
escaping, and each thing computed once per memo."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from cpo_model import Company, assess
from cpo_model.report.memo import memo_html, memo_pdf, write_memo
from cpo_model.report.pdf import find_chromium
from tests.report.cases import HOSTILE

ATLAS = Company(
    name="Atlas Freight",
    headcount=120,
    complexity=3,
    product_managers=4,
    engineers=40,
    annual_growth=0.4,
    owners={
        "product_strategy": "ceo",
        "product_vision": "ceo",
        "product_design": "product_lead",
        "user_research": "nobody",
        "product_development": "product_lead",
        "growth_marketing": "ceo",
        "analysis_metrics": "nobody",
        "build_organization": "ceo",
        "hire_oversee": "product_lead",
    },
)
# Hand-checked against the bundled policy (the card of `cpo-model assess` for Atlas Freight).
ATLAS_ANSWER, ATLAS_ROLE = "Consider it", "VP Product"
PAGE_ONE_HEADINGS = (
    "Why: what weighs most",
    "What would change the answer",
    "Risks and gates in force",
    "Next step",
)
# Paths of this project's files and command-line flags: never in text meant for a board.
INTERNAL = re.compile(r"(notebooks|data|cpo_model)/[\w./-]+|\.ipynb|\.csv\b|(?<![\w-])--[a-z]")


def _text(html: str) -> str:
    from html import unescape

    body = re.sub(r"<style.*?</style>|<head.*?</head>", "", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _pdftotext(path, first=None, last=None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    r = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return r.stdout


def _pages(path) -> int:
    r = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", r.stdout, re.M).group(1))


needs_pdf = pytest.mark.skipif(
    not (find_chromium() and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs a local Chromium and poppler-utils (make browser)",
)


def test_page_one_holds_the_board_summary_and_the_appendix_follows():
    html = memo_html(assess(ATLAS), as_of="2026-11-30")
    front = html[html.index("class='page-one") : html.index("class='appendix'")]
    text = _text(front)
    assert f"{ATLAS_ANSWER}: the role that fits today is {ATLAS_ROLE}." in text
    for heading in PAGE_ONE_HEADINGS:
        assert heading in text
    # the three factors with the most points, largest first (hand-checked: +3, +2, +1.5)
    assert re.search(
        r"Company size.*\+3 points.*Responsibilities.*\+2 points.*"
        r"complexity.*\+1\.5 points",
        text,
        re.S,
    )
    assert "around Q1 2031" in text and "2031-0" not in text  # a date to the quarter
    appendix = _text(html[html.index("class='appendix'") :])
    for part in ("Every reason and its source", "Companies like this one", "Sources"):
        assert part in appendix


def test_no_internal_path_or_flag_in_the_memo_text():
    company = Company(name="Plain Co", headcount=40, complexity=2)  # no owners: the hint
    for a in (assess(ATLAS), assess(company)):
        text = _text(memo_html(a, as_of="2026-11-30"))
        assert not INTERNAL.search(text), INTERNAL.search(text)


def test_user_strings_are_escaped_everywhere():
    a = assess(Company(name=HOSTILE[1], headcount=120, complexity=3))
    html = memo_html(a, prepared_for=HOSTILE[0], prepared_by="<b>CFO</b> & co", as_of="2026-11-30")
    assert "<script>" not in html and "<b>CFO</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;CFO&lt;/b&gt; &amp; co" in html
    assert "<img src=//evil" not in html
    text = _text(html)
    assert f"Prepared for {HOSTILE[0]}" in text and "Prepared by <b>CFO</b> & co" in text


def test_prepared_for_and_by_are_optional():
    html = memo_html(assess(ATLAS), as_of="2026-11-30")
    assert "Prepared for" not in html and "Prepared by" not in html


def test_a_memo_under_another_policy_than_its_assessment_is_refused(policy_file):
    path = policy_file(lambda p: p.update(version="9999.2"))
    with pytest.raises(ValueError, match="9999.2"):
        memo_html(assess(ATLAS), policy=path)


def test_a_memo_assesses_its_company_once(monkeypatch, tmp_path):
    """`render_report` assesses once; the memo and its charts reuse that assessment."""
    import cpo_model.analysis
    import cpo_model.model
    from cpo_model.report import memo as memo_module

    calls = []
    real = cpo_model.model.assess

    def spy(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(cpo_model.model, "assess", spy)
    monkeypatch.setattr(cpo_model.analysis, "assess", spy)
    memo_module.render_report(ATLAS, tmp_path / "atlas.html", report_date="2026-11-30")
    assert len(calls) == 1 and calls[0] == ATLAS
    calls.clear()
    memo_html(real(ATLAS), as_of="2026-11-30")
    assert calls == []  # a memo of an assessment assesses nothing again


def test_a_team_memo_runs_assess_team_once(monkeypatch, tmp_path):
    import cpo_model.team
    from cpo_model.report import memo as memo_module

    calls = []
    real = cpo_model.team.assess_team

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(cpo_model.team, "assess_team", spy)
    raters = [
        ("CEO", {"headcount": "300", "complexity": "2"}),
        ("CTO", {"headcount": "300", "complexity": "5"}),
    ]
    out = memo_module.render_report(None, tmp_path / "team.html", raters=raters)
    assert len(calls) == 1
    assert "Where the team disagrees" in out.read_text(encoding="utf-8")


@needs_pdf
@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_page_one_numbers_and_length(tmp_path, paper):
    out = write_memo(
        tmp_path / f"atlas-{paper}.pdf",
        assess(ATLAS),
        paper=paper,
        as_of="2026-11-30",
        prepared_for="The board",
    )
    first = " ".join(_pdftotext(out, 1).split())
    assert f"{ATLAS_ANSWER}: the role that fits today is {ATLAS_ROLE}." in first
    for heading in ("Role that fits today", *PAGE_ONE_HEADINGS, "Prepared for The board"):
        assert heading in first, heading
    assert "Appendix" not in first.replace("in the appendix", "")  # the appendix starts on page 2
    n = _pages(out)
    assert n <= 6, f"{n} pages on {paper}"
    every = _pdftotext(out)
    for k in range(1, n + 1):
        assert f"Page {k} of {n}" in every
    assert every.count("CPO decision memo: Atlas Freight") >= n  # the running title
    size = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert ("A4" in size) if paper == "a4" else ("letter" in size)


@needs_pdf
@pytest.mark.slow
def test_no_heading_is_left_at_a_page_foot(tmp_path):
    out = write_memo(tmp_path / "atlas.pdf", assess(ATLAS), as_of="2026-11-30")
    for k in range(1, _pages(out) + 1):
        lines = [ln.strip() for ln in _pdftotext(out, k).splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("Page ")]
        assert not re.match(r"^[A-K]\. [A-Z]", body[-1]), (k, body[-1])


def test_memo_pdf_refuses_an_unknown_paper():
    with pytest.raises(ValueError, match="paper 'a3'"):
        memo_pdf(assess(ATLAS), paper="a3")


@pytest.mark.slow
def test_a_portfolio_with_a_bad_row_and_a_thousands_separator_writes_its_index(tmp_path, run_cli):
    csv = tmp_path / "companies.csv"
    csv.write_text(
        'name,headcount,complexity\nNorthwind,"1,200",4\nBroken,-5,2\nSmall,40,2\n',
        encoding="utf-8",
    )
    r = run_cli("report", "--csv", str(csv), "--out-dir", str(tmp_path / "out"), "--quiet")
    index = tmp_path / "out" / "index.html"
    assert index.is_file(), r.stderr
    assert r.returncode == 1 and "1 of 3 rows not rendered" in r.stderr
    assert "Traceback" not in r.stderr
    html = index.read_text(encoding="utf-8")
    assert "northwind.html" in html and "small.html" in html and "headcount=-5" in html
    assert ">1,200<" in html  # the parsed headcount, as a number
    assert (tmp_path / "out" / "northwind.html").is_file()
