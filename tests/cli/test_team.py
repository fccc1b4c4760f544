"""`cpo-model team`: a raters CSV in, the team's answer and disagreements out; bad input in one
line naming the rater and the field."""

from __future__ import annotations

import json

import pytest

EXAMPLE = "data/examples/raters.csv"


def _csv(tmp_path, text: str):
    path = tmp_path / "raters.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_names_the_answer_and_what_to_settle_first(run_cli):
    r = run_cli("team", "--csv", EXAMPLE)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Team answer for Atlas Freight (5 raters): Consider it")
    assert lines[1].startswith("Settle first: Product complexity.")
    assert "Where the team disagrees (most decisive first):" in r.stdout
    assert "Board member" in r.stdout and r.stderr == ""


def test_json_keys_and_every_disagreement_complete(run_cli):
    r = run_cli("team", "--csv", EXAMPLE, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"team", "raters", "disagreements"} <= set(data)
    assert [x["rater"] for x in data["raters"]] == [
        "CEO",
        "CTO",
        "Head of Design",
        "CFO",
        "Board member",
    ]
    assert all({"rater", "create_cpo", "score", "role"} <= set(x) for x in data["raters"])
    for d in data["disagreements"]:
        assert set(d["values"]) == {x["rater"] for x in data["raters"]}
        assert "team_value" in d and len(d["answers"]) >= 2
        assert all({"value", "raters", "create_cpo", "score"} <= set(a) for a in d["answers"])
    assert data["disagreements"][0]["input"] == "complexity"


def test_duplicate_raters_are_numbered_and_said(run_cli, tmp_path):
    path = _csv(tmp_path, "rater,headcount,complexity\nSam,200,2\nSam,,4\n")
    r = run_cli("team", "--csv", path)
    assert r.returncode == 0, r.stderr
    assert "Sam (1)" in r.stdout and "Sam (2)" in r.stdout
    assert "2 raters are named 'Sam': told apart as 'Sam (1)' and 'Sam (2)'" in r.stdout


def test_one_rater_is_the_plain_assessment(run_cli, tmp_path):
    path = _csv(tmp_path, "rater,name,headcount,complexity\nCEO,Solo,300,4\n")
    team = run_cli("team", "--csv", path)
    plain = run_cli("assess", "--name", "Solo", "--headcount", "300", "--complexity", "4")
    assert team.returncode == 0 and team.stdout.startswith("One rater (CEO): their assessment.")
    assert plain.stdout.strip() in team.stdout


@pytest.mark.parametrize(
    "text, needle",
    [
        (
            "rater,headcount,complexity\nCEO,120,3\nCTO,-3,4\n",
            "rater 'CTO': headcount=-3: expected a whole number from 1 to 10,000,000",
        ),
        (
            "rater,headcount,complexity,owner_product_vision\nCEO,120,3,\nCFO,,4,cfo\n",
            "rater 'CFO': owner_product_vision='cfo': expected one of",
        ),
        ("rater,headcount\n", "no raters"),
        ("name,headcount\nAcme,10\n", "no 'rater' column"),
        ("rater,complexity\nCEO,3\n", "headcount=None: expected a headcount from at least one"),
    ],
)
def test_bad_raters_exit_2_in_one_line(run_cli, tmp_path, text, needle):
    r = run_cli("team", "--csv", _csv(tmp_path, text))
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in r.stderr, r.stderr


def test_the_size_standard_applies_to_the_team(run_cli, tmp_path):
    path = _csv(tmp_path, "rater,headcount,complexity\nA,300,3\nB,,4\n")
    eu = json.loads(run_cli("team", "--csv", path, "--format", "json").stdout)
    gartner = json.loads(
        run_cli("team", "--csv", path, "--format", "json", "--standard", "gartner").stdout
    )
    assert eu["team"]["stage"] == "large" and gartner["team"]["stage"] == "midsize"
