"""CHANGELOG.md: each release names its package and policy versions, and the current release's
"Changed answers" list is what `cpo-model policy diff --format markdown` generates from the
previous release's policy (`make changed-answers FROM=<commit>`)."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from cpo_model import __version__
from cpo_model.cli import main
from cpo_model.resources import data_path

PREVIOUS_RELEASE = "20cb26f"  # 0.4.0: the release before the current one


def _entry(root, version: str) -> str:
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    found = re.search(rf"(?ms)^## \[{re.escape(version)}\].*?(?=^## \[|\Z)", text)
    assert found, f"no CHANGELOG entry for {version}"
    return found.group(0)


def test_the_current_release_is_in_the_changelog_with_its_policy(root):
    policy = yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))["version"]
    entry = _entry(root, __version__)
    assert f"Package {__version__}, policy {policy}" in entry


def test_changed_answers_are_generated_not_written(root, tmp_path, capsys):
    old = subprocess.run(
        ["git", "show", f"{PREVIOUS_RELEASE}:data/policy.yaml"], cwd=root, capture_output=True
    )
    if old.returncode:
        pytest.skip(f"commit {PREVIOUS_RELEASE} is not in this clone's history")
    (tmp_path / "old.yaml").write_bytes(old.stdout)
    examples = "data/examples/companies.csv"
    argv = ["policy", "diff", str(tmp_path / "old.yaml"), str(data_path("policy.yaml"))]
    assert main([*argv, "--csv", str(root / examples), "--format", "markdown"]) == 0
    made = capsys.readouterr().out.strip().replace(str(root / examples), examples)
    section = _entry(root, __version__).split("### Changed answers", 1)[1].strip()
    assert made == section.split("\n\n")[0].strip()
