"""`cpo-model assess`: one company as a card or JSON, a CSV in and out."""

from __future__ import annotations

import json

import pandas as pd

from cpo_model import (
    Company,
    assess,
)


def test_assess_text_card(run_cli):
    r = run_cli("assess", "--headcount", "150", "--complexity", "3", "--name", "Acme")
    assert r.returncode == 0, r.stderr
    # 150 people, level 3: 5.5 points, consider; 9.5 from 1,000 people (see test_render)
    assert r.stdout.splitlines()[:2] == [
        "Consider it: hire a VP Product now; plan a CPO at about 1,000 people.",
        "Acme: Consider it",
    ]
    assert "Why:" in r.stdout and "source:" in r.stdout and "assumed" in r.stdout


def test_assess_json_matches_python(run_cli):
    r = run_cli(
        "assess",
        "--headcount",
        "300",
        "--product-lines",
        "3",
        "--platforms",
        "3",
        "--no-tech-company",
        "--founder-overloaded",
        "--owner",
        "product_strategy=ceo",
        "--standard",
        "gartner",
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    company = Company(
        headcount=300,
        product_lines=3,
        platforms=3,
        tech_company=False,
        founder_overloaded=True,
        owners={"product_strategy": "ceo"},
    )
    expected = assess(company, standard="gartner").as_dict()
    for key in ("stage", "create_cpo", "role", "score", "contributions", "next_change"):
        assert got[key] == expected[key]
    assert [r["text"] for r in got["reasons"]] == [r["text"] for r in expected["reasons"]]


def test_csv_in_csv_out_keeps_every_row(run_cli, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "name,headcount,complexity,notes\nGood,300,5,x\nBad,-1,2,y\nAlso good,20,1,z\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    r = run_cli("assess", "--csv", str(src), "--out", str(out))
    assert r.returncode == 1 and "1 of 3 rows invalid" in r.stderr
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert df["name"].tolist() == ["Good", "Bad", "Also good"] and df["notes"].tolist() == [
        "x",
        "y",
        "z",
    ]
    assert df["create_cpo"].tolist() == ["yes", "", "no"]
    assert df.loc[1, "error"].startswith("headcount=-1")


def test_csv_all_valid_exits_0_and_json(run_cli, root, tmp_path):
    r = run_cli("assess", "--csv", str(root / "data/examples/companies.csv"), "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) >= 12 and all(row["error"] is None for row in rows)


def test_csv_cannot_mix_with_company_flags(run_cli, root):
    r = run_cli("assess", "--csv", str(root / "data/examples/companies.csv"), "--headcount", "5")
    assert r.returncode == 2 and "cannot be combined with --headcount" in r.stderr
