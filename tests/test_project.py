"""Project set-up: dependencies in sync, data shipped with the package, README commands real."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

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
    assert _names(d for d in deps if not d.startswith("cpo-model")) == _names(conda)
    pip = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip == [["-e ."]], "conda env create installs the project itself"


def test_source_text_lists_are_shipped():
    assert len(responsibilities()) == 9 and len(skills()) == 8
    assert {r["source"] for r in responsibilities()} == {"glossary"}


def test_readme_commands_run_as_written(root, tmp_path):
    readme = (root / "README.md").read_text()
    assert "make test" in readme
    (tmp_path / "data").symlink_to(root / "data")
    shutil.copy(root / "data/policy.yaml", tmp_path / "my-policy.yaml")
    commands = re.findall(r"^\s*cpo-model (assess[^\n#]*)", readme, flags=re.M)
    assert len(commands) >= 4
    for cmd in commands:
        r = subprocess.run(
            [sys.executable, "-m", "cpo_model", *shlex.split(cmd)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        assert r.returncode == 0, (cmd, r.stderr)
