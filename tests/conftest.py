"""Shared fixtures: the bundled policy, a tmp copy of it to edit, a CLI runner."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cpo_model import load_policy
from cpo_model.resources import data_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def policy():
    return load_policy()


@pytest.fixture(scope="session")
def raw_policy() -> dict:
    return yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def policy_file(tmp_path, raw_policy):
    """Write an edited copy of the bundled policy: policy_file(lambda d: ...) -> path."""

    def write(edit=None, name="policy.yaml"):
        data = copy.deepcopy(raw_policy)
        if edit:
            edit(data)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m cpo_model ARGS` as a user would; returns the finished process."""
    return subprocess.run([sys.executable, "-m", "cpo_model", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=120)
