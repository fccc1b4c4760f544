"""Your own policy end to end, in-process: init → edit → check → diff → assess → report → app."""

from __future__ import annotations

import json

import pytest
import yaml

from cpo_model.cli import main

COMPANY = ["--name", "Mid", "--headcount", "300", "--complexity", "3", "--product-managers", "4"]


@pytest.mark.slow
def test_round_trip(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["policy", "init", "mine.yaml"]) == 0
    tree = yaml.safe_load((tmp_path / "mine.yaml").read_text(encoding="utf-8"))
    tree["decision"]["yes_from"]["value"] = 6  # Mid scores 4 + 1.5 + 1 = 6.5 (hand-checked)
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    capsys.readouterr()

    assert main(["policy", "check", "mine.yaml"]) == 0
    assert "a custom policy" in capsys.readouterr().out

    (tmp_path / "c.csv").write_text(
        "name,headcount,complexity,product_managers\nMid,300,3,4\n", encoding="utf-8"
    )
    assert main(["policy", "diff", "bundled", "mine.yaml", "--csv", "c.csv"]) == 0
    assert "Mid: answer Consider it → Create the role now" in capsys.readouterr().out

    assert main(["assess", *COMPANY, "--policy", "mine.yaml", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["create_cpo"] == "yes"
    assert data["policy"]["bundled"] is False and data["policy"]["path"] == "mine.yaml"
    assert len(data["policy"]["sha256"]) == 64
    assert main(["assess", "--csv", "c.csv", "--policy", "mine.yaml"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    label = row.split(",")[header.split(",").index("policy_version")]
    assert label.startswith(tree["version"] + "+custom.") and len(label.split(".")[-1]) == 12

    assert main(["report", *COMPANY, "--policy", "mine.yaml", "--out", "mid.html"]) == 0
    memo = (tmp_path / "mid.html").read_text(encoding="utf-8")
    assert "Create the role now" in memo

    pytest.importorskip("ipywidgets")
    from cpo_model import Company
    from cpo_model.app import app_page
    from cpo_model.widgets import Explorer, TeamPanel

    company = Company(headcount=300, complexity=3, product_managers=4)
    page = app_page(company, policy="mine.yaml")
    header = page.children[0].value
    assert "Custom policy: these numbers differ from the bundled, calibrated policy" in header
    assert "decision.yes_from.value" in header and "+custom." in page.children[-1].value
    assert page.explorer.assessment.create_cpo.value == "yes"
    assert Explorer(company, policy="mine.yaml").assessment.create_cpo.value == "yes"
    assert Explorer(company).assessment.create_cpo.value == "consider"
    assert TeamPanel(company, policy="mine.yaml").policy.identity.bundled is False
    bundled = app_page(company).children[0].value
    assert "Custom policy" not in bundled
