"""`report.portfolio` and `report.index`: a pool of workers, every row, hostile names as text."""

from __future__ import annotations

import re

import pytest

from cpo_model import (
    Company,
    assess,
    load_policy,
)
from cpo_model.present import DECISION_LABELS
from tests.report.cases import HOSTILE, RTL_LONG


@pytest.mark.slow
def test_portfolio_keeps_every_row_and_keeps_going(parse_page, portfolio):
    tmp, result = portfolio
    assert [e.name for e in result.entries] == [
        "Northwind",
        HOSTILE[0],
        "Render Boom",
        HOSTILE[1],
        "Broken",
        RTL_LONG,
    ]
    errors = {e.name: e.error for e in result.failed}
    assert set(errors) == {"Render Boom", "Broken"}
    assert errors["Render Boom"] == "memo failed: RuntimeError: boom"
    assert errors["Broken"].startswith("invalid input: headcount=-5")
    # every company rendered with its own answer, the given policy and standard (state was reset)
    policy = load_policy(tmp / "policy.yaml")
    for entry, company in (
        (
            result.entries[0],
            Company(
                headcount=300, complexity=4, name="Northwind", owners={"product_strategy": "ceo"}
            ),
        ),
        (
            result.entries[3],
            Company(
                headcount=45, complexity=2, name=HOSTILE[1], owners={"product_strategy": "nobody"}
            ),
        ),
    ):
        page = parse_page((tmp / "out" / entry.file).read_text(encoding="utf-8"))
        a = assess(company, policy, "gartner")
        assert DECISION_LABELS[a.create_cpo] in page.in_class(
            "page-one"
        ) and f"Score {a.score:g}" in page.in_class("page-one")
        assert (
            "Policy 9999.1-<b>test</b>" in page.all_text
            and "Gartner" in page.in_class("meta")
            and not page.tags("b")
        )


@pytest.mark.slow
def test_portfolio_index_links_every_report(parse_page, check_offline, portfolio):
    tmp, result = portfolio
    out = tmp / "out"
    index = out / "index.html"
    assert result.index == index
    html = index.read_text(encoding="utf-8")
    page = parse_page(html)
    written = sorted(p.name for p in out.iterdir() if p.name != "index.html")
    linked = sorted({a["href"] for a in page.tags("a")})
    assert linked == written == sorted(e.file for e in result.entries if e.file)
    assert len(written) == 4
    text = page.all_text
    assert "invalid input: headcount=-5" in text and "memo failed: RuntimeError: boom" in text
    assert sum(1 for t in page.tags("tr") if t.get("class") == "error-row") == 2
    assert any(i["src"].startswith("data:image/png;base64,") for i in page.tags("img"))
    check_offline(page, html)


@pytest.mark.slow
def test_hostile_names_are_text_everywhere(parse_page, check_offline, portfolio):
    tmp, result = portfolio
    out = tmp / "out"
    pages = {"index": (out / "index.html").read_text(encoding="utf-8")}
    pages.update(
        {
            e.name: (out / e.file).read_text(encoding="utf-8")
            for e in result.entries
            if e.file and e.name in (*HOSTILE, RTL_LONG)
        }
    )
    assert len(pages) == 4
    for name, html in pages.items():
        page = parse_page(html)
        assert not page.tags("script"), name
        assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs), name
        assert not any((i.get("src") or "").startswith("//evil") for i in page.tags("img")), name
        for hostile in (*HOSTILE, RTL_LONG) if name == "index" else (name,):
            assert hostile in page.all_text, (name, hostile)
        assert not page.tags("i"), name
        assert len(page.tags("title")) == 1
        check_offline(page, html)
    report = parse_page(pages[HOSTILE[1]])
    assert report.title == f"CPO decision memo: {HOSTILE[1]}"
    assert HOSTILE[1] in report.in_class("memo-title")


@pytest.mark.slow
def test_report_files_stay_inside_out_dir(portfolio):
    tmp, result = portfolio
    out = (tmp / "out").resolve()
    files = [e.file for e in result.entries if e.file]
    for f in files:
        assert re.fullmatch(r"[a-z0-9-]+\.html", f) and (out / f).resolve().parent == out
    assert sorted(p.name for p in tmp.iterdir()) == ["companies.csv", "out", "policy.yaml"]
    assert not (tmp.parent / "escape.html").exists()


@pytest.mark.slow
def test_a_dying_worker_loses_no_company_and_progress_counts_completions(
    tmp_path, capsys, parse_page, monkeypatch
):
    """A worker that dies once is replaced and the company rendered; one that always dies is
    marked after two tries; progress lines count completions 1..n; the index is written."""
    import multiprocessing
    import os

    from cpo_model import report
    from cpo_model.report import pool as pool_module
    from cpo_model.report import portfolio as portfolio_module

    marker = tmp_path / "died-once"
    real = portfolio_module.memo_html

    def crashing(assessment, **kw):
        name = assessment.company.name
        if name == "Crash Once" and not marker.exists():
            marker.touch()
            os._exit(1)
        if name == "Crash Always":
            os._exit(1)
        return real(assessment, **kw)

    monkeypatch.setattr(portfolio_module, "memo_html", crashing)
    # workers forked even where the test runner has threads, so they die, never this process
    fork = multiprocessing.get_context("fork")
    monkeypatch.setattr(pool_module, "_context", lambda: fork)
    monkeypatch.setattr(portfolio_module, "_context", lambda: fork)  # its own check, too
    csv = tmp_path / "companies.csv"
    names = ["Alpha", "Crash Once", "Crash Always", "Delta"]
    csv.write_text(
        "name,headcount,complexity\n" + "".join(f"{n},{100 + i},3\n" for i, n in enumerate(names)),
        encoding="utf-8",
    )
    result = report.build_portfolio(csv, tmp_path / "out", workers=2)
    assert marker.exists(), "the worker really died"
    entries = {e.name: e for e in result.entries}
    assert [e.name for e in result.entries] == names
    assert entries["Crash Always"].error.startswith("memo failed: the worker stopped")
    assert entries["Crash Always"].error.endswith("(tried 2 times)")
    for name in ("Alpha", "Crash Once", "Delta"):
        page = parse_page((tmp_path / "out" / entries[name].file).read_text(encoding="utf-8"))
        assert name in page.in_class("memo-title")
    assert "Crash Always" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    lines = capsys.readouterr().err.splitlines()
    progress = [re.fullmatch(r"\[(\d+)/4\] (.+?)(  failed)?", line) for line in lines]
    assert all(progress), lines
    assert [int(m[1]) for m in progress] == [1, 2, 3, 4]
    assert sorted(m[2] for m in progress) == sorted(names)
    assert [m[2] for m in progress if m[3]] == ["Crash Always"]
