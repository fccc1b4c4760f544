"""`cpo-model report`: bad arguments and unrenderable rows, each in one line."""

from __future__ import annotations

import pytest

from tests.report.cases import HOSTILE


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--headcount", "-3"], "--headcount -3: expected a whole number"),
        (["--headcount", "10", "--complexity", "9"], "--complexity 9"),
        (["--complexity", "3"], "--headcount is required"),
        (["--headcount", "10", "--format", "docx"], "invalid choice: 'docx'"),
        (["--headcount", "10", "--standard", "iso"], "--standard iso: expected one of eu, gartner"),
        (["--headcount", "10", "--policy", "missing.yaml"], "--policy"),
        (
            ["--headcount", "10", "--owner", "vision"],
            "--owner vision: expected RESPONSIBILITY=OWNER",
        ),
        (
            ["--headcount", "10", "--date", "2026-13-01"],
            "--date 2026-13-01: expected a date as YYYY-MM-DD",
        ),
        (["--headcount", "10", "--out-dir", "x"], "--out-dir needs --csv"),
        (["--headcount", "10", "--out", "tests"], "--out tests: is a folder"),
        (["--csv", "does-not-exist.csv"], "--csv does-not-exist.csv: cannot read"),
        (
            ["--csv", "data/examples/companies.csv", "--headcount", "3"],
            "--csv cannot be combined with --headcount",
        ),
        (
            ["--csv", "data/examples/companies.csv", "--format", "pdf"],
            "--format pdf is for one company",
        ),
        (["--csv", "data/examples/companies.csv", "--out", "x.html"], "--out is for one company"),
        (["--headcount", "10", "--jobs", "2"], "--jobs needs --csv"),
        (
            ["--csv", "data/examples/companies.csv", "--jobs", "0"],
            "--jobs 0: expected a whole number from 1 to 64",
        ),
        (
            ["--csv", "data/examples/companies.csv", "--jobs", "two"],
            "--jobs two: expected a whole number from 1 to 64",
        ),
    ],
)
def test_report_bad_arguments_exit_2_with_one_line(run_cli, args, needle):
    r = run_cli("report", *args)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in r.stderr, r.stderr


def test_report_csv_of_invalid_rows_exits_1_and_lists_them(parse_page, run_cli, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text(f"name,headcount\n{HOSTILE[0]},-1\nNo people,0\n", encoding="utf-8")
    r = run_cli("report", "--csv", str(src), "--out-dir", str(tmp_path / "a" / "b"), "--quiet")
    assert r.returncode == 1, r.stderr
    assert r.stdout.strip() == str(tmp_path / "a" / "b" / "index.html")
    assert (
        r.stderr.strip()
        == f"cpo-model: 2 of 2 rows not rendered (see {tmp_path / 'a' / 'b' / 'index.html'})"
    )
    page = parse_page((tmp_path / "a" / "b" / "index.html").read_text(encoding="utf-8"))
    assert (
        "invalid input: headcount=-1" in page.all_text
        and "invalid input: headcount=0" in page.all_text
    )
    assert HOSTILE[0] in page.all_text and not page.tags("script") and not page.tags("a")


def test_pdf_refused_in_one_line_without_chromium(monkeypatch, capsys, tmp_path):
    from cpo_model import cli, report

    monkeypatch.setattr(report.pdf, "find_chromium", lambda: None)
    code = cli.main(
        ["report", "--headcount", "10", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--format pdf: a PDF needs a local Chromium" in err[0]
    assert not (tmp_path / "x.pdf").exists()
