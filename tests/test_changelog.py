"""CHANGELOG.md: each release names its package and policy versions, and its "Changed answers"
list is what `scripts/changed_answers.py` generates from the two releases' own code."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from cpo_model import __version__
from cpo_model.resources import data_path

RELEASES = [  # (version, its commit, the previous release's commit)
    ("0.2.0", "97fabb1", "1fe34e8"),
    ("0.3.0", "f033c54", "97fabb1"),
    (__version__, "WORKTREE", "f033c54"),
]


def _entry(root, version: str) -> str:
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    found = re.search(rf"(?ms)^## \[{re.escape(version)}\].*?(?=^## \[|\Z)", text)
    assert found, f"no CHANGELOG entry for {version}"
    return found.group(0)


def test_the_current_release_is_in_the_changelog_with_its_policy(root):
    policy = yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))["version"]
    entry = _entry(root, __version__)
    assert f"Package {__version__}, policy {policy}" in entry


@pytest.mark.slow
@pytest.mark.parametrize("version, commit, previous", RELEASES)
def test_changed_answers_are_generated_not_written(root, version, commit, previous):
    for ref in (commit, previous):
        if ref != "WORKTREE":
            known = subprocess.run(["git", "cat-file", "-e", f"{ref}^{{commit}}"], cwd=root)
            if known.returncode:
                pytest.skip(f"commit {ref} is not in this clone's history")
    run = subprocess.run(
        [sys.executable, "scripts/changed_answers.py", previous, commit],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    entry = _entry(root, version)
    section = entry.split("### Changed answers", 1)[1].strip()
    assert run.stdout.strip() == section.split("\n\n")[0].strip()
