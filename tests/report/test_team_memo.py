"""`report.sections.team_section` and a team's memo: the team's answer, what to settle first, each
rater, every disagreement and the chart; one rater's memo is their plain memo."""

from __future__ import annotations

import subprocess
import sys

import pytest
from matplotlib.figure import Figure

from cpo_model.present import DECISION_LABELS
from cpo_model.report import Report
from cpo_model.team import assess_team
from cpo_model.team_inputs import read_raters

EXAMPLE = "data/examples/raters.csv"
HOSTILE = "<img src=x onerror=alert(1)> & Co"


def test_a_team_memo_has_the_team_section_and_chart(root):
    raters = read_raters(root / EXAMPLE)
    r = Report.build(None, raters=raters, report_date="2026-11-30")
    team = assess_team(raters)
    assert r.company == team.team_view and r.assessment.score == team.team.score
    section = r.team()
    assert section.html.startswith("<h2>Where the team disagrees</h2>")
    assert "Settle first: Product complexity." in section.html
    assert all(x.name in section.html for x in team.raters)
    assert isinstance(r.team_chart(), Figure)
    assert "The team's view: <strong>5 raters</strong>" in r.header().html


def test_a_memo_of_one_view_has_no_team_section():
    r = Report.build({"headcount": 120, "complexity": 3})
    assert r.team() is None and r.team_chart() is None
    one = Report.build(None, raters=[("CEO", {"headcount": "120", "complexity": "3"})])
    assert one.team() is None and one.company.headcount == 120


def test_hostile_rater_names_are_text_in_the_section():
    r = Report.build(
        None,
        raters=[(HOSTILE, {"headcount": "100", "complexity": "2"}), ("B", {"complexity": "5"})],
    )
    html = r.team().html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in html


@pytest.mark.slow
def test_report_raters_renders_an_offline_team_memo(root, tmp_path, parse_page, check_offline):
    src = tmp_path / "raters.csv"
    text = (root / EXAMPLE).read_text(encoding="utf-8").replace("Board member", HOSTILE)
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "team.html"
    cmd = [sys.executable, "-m", "cpo_model", "report", "--raters", str(src), "--out", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=root, timeout=180)
    assert r.returncode == 0 and r.stdout.strip() == str(out), r.stderr
    html = out.read_text(encoding="utf-8")
    page = parse_page(html)
    check_offline(page, html)
    team = assess_team(read_raters(src))
    assert DECISION_LABELS[team.team.create_cpo] in page.in_class("page-one")
    assert "Where the team disagrees" in page.all_text and HOSTILE in page.all_text
    assert not page.tags("script") and "<img src=x" not in html
    # three figures of the company, the team chart
    assert sum(i["src"].startswith("data:image/png") for i in page.tags("img")) == 4


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--raters", "missing.csv"], "--raters missing.csv: cannot read"),
        (["--raters", EXAMPLE, "--headcount", "5"], "--raters cannot be combined with --headcount"),
        (
            ["--raters", EXAMPLE, "--csv", "data/examples/companies.csv"],
            "--raters and --csv: give one",
        ),
    ],
)
def test_report_raters_bad_arguments_exit_2(run_cli, args, needle):
    r = run_cli("report", *args)
    assert r.returncode == 2 and r.stdout == ""
    assert needle in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_report_raters_bad_value_names_the_rater_before_a_kernel(run_cli, tmp_path):
    src = tmp_path / "raters.csv"
    src.write_text("rater,headcount,complexity\nCEO,120,3\nCTO,,7\n", encoding="utf-8")
    r = run_cli("report", "--raters", str(src), "--out", str(tmp_path / "t.html"))
    assert r.returncode == 2 and not (tmp_path / "t.html").exists()
    assert f"--raters {src}: rater 'CTO': complexity=7: expected" in r.stderr
