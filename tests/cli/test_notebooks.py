"""`cpo-model notebooks`, `cpo-model lab` and `--version`: what a pip user meets first."""

from __future__ import annotations

import hashlib
import os

import pytest

from cpo_model import __version__, load_policy
from cpo_model.cli import main
from cpo_model.resources import data_path, notebooks_dir
from cpo_model.workspace import bundled


def _tree_hash(*folders) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and ".ipynb_checkpoints" not in p.parts:
                h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


def test_version_names_package_and_policy(run_cli):
    r = run_cli("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"cpo-model {__version__} (policy {load_policy().version})"


def test_notebooks_copies_every_notebook_and_the_example_data(run_cli, tmp_path):
    before = _tree_hash(notebooks_dir(), data_path("examples"))
    dest = tmp_path / "mine"
    r = run_cli("notebooks", str(dest))
    assert r.returncode == 0, r.stderr
    for src, rel in bundled():
        assert (dest / rel).read_bytes() == src.read_bytes(), rel
    assert {p.name for p in dest.glob("*.ipynb")} >= {"explore.ipynb", "team.ipynb"}
    assert (dest / "examples" / "companies.csv").is_file()
    assert f"Open them with: cpo-model lab {dest}" in r.stdout
    assert _tree_hash(notebooks_dir(), data_path("examples")) == before, "package edited"


def test_notebooks_never_overwrites_without_force(run_cli, tmp_path):
    dest = tmp_path / "mine"
    assert run_cli("notebooks", str(dest)).returncode == 0
    mine = dest / "explore.ipynb"
    mine.write_text("my edits", encoding="utf-8")
    r = run_cli("notebooks", str(dest))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        f"cpo-model: error: {dest / 'app.ipynb'} exists; add --force to overwrite "
        f"({len(bundled())} of {len(bundled())} files exist)"
    ]
    assert mine.read_text(encoding="utf-8") == "my edits"
    assert run_cli("notebooks", str(dest), "--force").returncode == 0
    assert mine.read_bytes() == (notebooks_dir() / "explore.ipynb").read_bytes()


def test_notebooks_into_a_file_is_refused(run_cli, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    r = run_cli("notebooks", str(target))
    assert r.returncode == 2 and "not a folder" in r.stderr


@pytest.fixture
def launched(monkeypatch):
    """`os.execv` replaced: the command JupyterLab would have been started with."""
    calls = []
    monkeypatch.setattr(os, "execv", lambda path, cmd: calls.append(cmd))
    return calls


def test_lab_copies_what_is_missing_and_opens_jupyterlab_on_loopback(
    launched, tmp_path, monkeypatch, capsys
):
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "explore.ipynb").write_text("my edits", encoding="utf-8")
    assert main(["lab", str(dest), "--port", "8899", "--no-browser", "--", "--X.y=1"]) == 0
    (cmd,) = launched
    assert cmd[1:3] == ["-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--ServerApp.port=8899" in cmd
    assert f"--ServerApp.root_dir={dest}" in cmd and "--no-browser" in cmd
    assert "--X.y=1" in cmd and cmd[-1] == str(dest / "explore.ipynb")
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)
    assert (dest / "explore.ipynb").read_text(encoding="utf-8") == "my edits", "kept"
    assert all((dest / rel).is_file() for _, rel in bundled())
    assert capsys.readouterr().err == ""


def test_lab_warns_off_loopback_and_refuses_a_bad_port(launched, tmp_path, capsys):
    assert main(["lab", str(tmp_path / "a"), "--host", "0.0.0.0"]) == 0
    assert "reachable from other machines" in capsys.readouterr().err
    assert main(["lab", str(tmp_path / "b"), "--port", "http"]) == 2
    assert "--port http: expected a whole number from 1 to 65535" in capsys.readouterr().err
    assert len(launched) == 1 and not (tmp_path / "b").exists()


def test_lab_passes_a_checked_policy_to_the_notebooks(launched, tmp_path, monkeypatch, capsys):
    from cpo_model.policy import POLICY_ENV, policy_from_env
    from cpo_model.resources import data_path

    monkeypatch.setenv(POLICY_ENV, "")  # restored after the test ("" is no policy)
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    assert main(["lab", str(tmp_path / "a"), "--policy", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--policy: sources=None: expected this key" in err
    assert not launched and not (tmp_path / "a").exists() and policy_from_env() is None
    good = tmp_path / "mine.yaml"
    good.write_bytes(data_path("policy.yaml").read_bytes())
    assert main(["lab", str(tmp_path / "b"), "--policy", str(good)]) == 0
    assert len(launched) == 1 and policy_from_env() == str(good.resolve())
