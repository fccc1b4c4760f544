"""Project set-up: dependencies in sync, data shipped with the package, README commands real."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
import tomllib
import yaml

from cpo_model.resources import responsibilities, skills


def _names(reqs) -> dict[str, str]:
    out = {}
    for r in reqs:
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)", r)
        out[m.group(1).lower()] = m.group(3).replace(" ", "")  # pip extras: conda has none
    return out


def test_environment_yml_matches_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [
        d for extra in project["optional-dependencies"].values() for d in extra
    ]
    env = yaml.safe_load((root / "environment.yml").read_text())
    conda = [
        d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))
    ]
    assert _names(deps) == _names(conda)


def test_source_text_lists_are_shipped():
    assert len(responsibilities()) == 9 and len(skills()) == 8
    assert {r["source"] for r in responsibilities()} == {"glossary"}


@pytest.mark.slow
def test_wheel_carries_the_data(root, tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for f in (
        "policy.yaml",
        "inputs.yaml",
        "responsibilities.csv",
        "skills.csv",
        "readiness.yaml",
        "precedents.csv",
        "precedents.md",
        "examples/companies.csv",
    ):
        assert f"cpo_model/data/{f}" in names
    for f in (
        "notebooks/report.ipynb",
        "notebooks/app.ipynb",
        "notebooks/calibration.ipynb",
        "report/memo.css",
        "app.css",
        "jupyter_data/voila/templates/cpo-offline/index.html.j2",
        "jupyter_data/voila/templates/cpo-offline/conf.json",
        "charts/maps.py",
        "cli/assess.py",
        "widgets/explorer.py",
    ):  # the report template, the app page and its offline template, every subpackage
        assert f"cpo_model/{f}" in names


def test_readme_commands_run_as_written(root, tmp_path):
    readme = (root / "README.md").read_text()
    assert "make test" in readme
    (tmp_path / "data").symlink_to(root / "data")
    shutil.copy(root / "data/policy.yaml", tmp_path / "my-policy.yaml")
    commands = re.findall(r"^\s*cpo-model (assess[^\n#]*)", readme, flags=re.M)
    assert len(commands) >= 4
    for cmd in commands:
        r = subprocess.run(
            [sys.executable, "-m", "cpo_model", *cmd.split()],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        assert r.returncode == 0, (cmd, r.stderr)
