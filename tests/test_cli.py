"""The CLI as a user runs it: exit codes, one-line errors, CSV in and out."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT, run_cli

from cpo_model import Company, assess


def test_assess_text_card():
    r = run_cli("assess", "--headcount", "150", "--complexity", "3", "--name", "Acme")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Acme: Consider it\n")
    assert "Why:" in r.stdout and "source:" in r.stdout and "assumed" in r.stdout


def test_assess_json_matches_python():
    r = run_cli("assess", "--headcount", "300", "--product-lines", "3", "--platforms", "3", "--no-tech-company", "--founder-overloaded",
                "--owner", "product_strategy=ceo", "--standard", "gartner", "--format", "json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    company = Company(headcount=300, product_lines=3, platforms=3, tech_company=False, founder_overloaded=True, owners={"product_strategy": "ceo"})
    expected = assess(company, standard="gartner").as_dict()
    for key in ("stage", "create_cpo", "role", "score", "contributions", "next_change"):
        assert got[key] == expected[key]
    assert [r["text"] for r in got["reasons"]] == [r["text"] for r in expected["reasons"]]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--headcount", "-3"], "--headcount -3: expected a whole number from 1 to 10,000,000"),
        (["--headcount", "0"], "--headcount 0"),
        (["--headcount", "nan"], "--headcount nan"),
        (["--headcount", "inf"], "--headcount inf"),
        (["--headcount", "lots"], "--headcount lots"),
        (["--headcount", "20000000"], "--headcount 20000000"),
        (["--headcount", "10", "--complexity", "6"], "--complexity 6: expected a whole number from 1 to 5"),
        (["--headcount", "10", "--standard", "iso"], "--standard iso: expected one of eu, gartner"),
        (["--headcount", "10", "--policy", "missing.yaml"], "--policy"),
        (["--headcount", "10", "--owner", "vision"], "--owner vision: expected RESPONSIBILITY=OWNER"),
        (["--complexity", "3"], "--headcount is required"),
        (["--headcount", "10", "--format", "xml"], "invalid choice: 'xml'"),
        (["--csv", "does-not-exist.csv"], "--csv does-not-exist.csv: cannot read"),
        (["--headcount", "10", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, needle):
    r = run_cli("assess", *args)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert needle in lines[0] and "Traceback" not in r.stderr


def test_bad_policy_file_exits_2(policy_file):
    path = policy_file(lambda d: d["decision"]["consider_from"].update(value=99))
    r = run_cli("assess", "--headcount", "10", "--policy", str(path))
    assert r.returncode == 2 and "decision.yes_from.value" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_csv_in_csv_out_keeps_every_row(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name,headcount,complexity,notes\nGood,300,5,x\nBad,-1,2,y\nAlso good,20,1,z\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = run_cli("assess", "--csv", str(src), "--out", str(out))
    assert r.returncode == 1 and "1 of 3 rows invalid" in r.stderr
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert df["name"].tolist() == ["Good", "Bad", "Also good"] and df["notes"].tolist() == ["x", "y", "z"]
    assert df["create_cpo"].tolist() == ["yes", "", "no"]
    assert df.loc[1, "error"].startswith("headcount=-1")


def test_csv_all_valid_exits_0_and_json(tmp_path):
    r = run_cli("assess", "--csv", str(ROOT / "data/examples/companies.csv"), "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) >= 12 and all(row["error"] is None for row in rows)


def test_csv_cannot_mix_with_company_flags():
    r = run_cli("assess", "--csv", str(ROOT / "data/examples/companies.csv"), "--headcount", "5")
    assert r.returncode == 2 and "cannot be combined with --headcount" in r.stderr


def test_module_and_console_script_agree():
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = shutil.which("cpo-model", path=str(Path(sys.executable).parent))
    assert script, "the console script is installed"
    r = subprocess.run([script, "assess", "--headcount", "150", "--complexity", "3"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout == run_cli("assess", "--headcount", "150", "--complexity", "3").stdout
