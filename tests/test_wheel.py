"""The built wheel, as a new user meets it: the files it carries, its licence, and a fresh
virtual environment with no extras where the core works and everything else says what to
install, in one line."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from cpo_model import Company, __version__, assess, load_policy
from cpo_model.present import DECISION_LABELS
from cpo_model.workspace import bundled

PIP_HINT = 'pip install "cpo-model[notebooks]"'


@pytest.fixture(scope="module")
def wheel(root, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(out), str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def plain(wheel, tmp_path_factory):
    """A fresh venv with the wheel installed, no extras: run(*args) -> CompletedProcess."""
    home = tmp_path_factory.mktemp("plain")
    env_dir = home / "venv"
    py = env_dir / "bin" / "python"
    uv = Path(sys.executable).parent / "uv"  # the test extra's installer: seconds, not tens
    if uv.is_file():
        steps = [
            [str(uv), "venv", "-q", "--python", sys.executable, str(env_dir)],
            [str(uv), "pip", "install", "-q", "--python", str(py), str(wheel)],
        ]
    else:  # pip, as most users install
        venv.EnvBuilder(with_pip=True).create(env_dir)
        steps = [[str(py), "-m", "pip", "install", "-q", str(wheel)]]
    for step in steps:
        r = subprocess.run(step, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr[-2000:]

    def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(env_dir / "bin" / "cpo-model"), *args],
            capture_output=True,
            text=True,
            cwd=home,
            timeout=timeout,
        )

    run.python, run.home = py, home
    return run


@pytest.mark.slow
def test_wheel_carries_the_data_notebooks_and_licence(wheel):
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
        "examples/raters.csv",
    ):
        assert f"cpo_model/data/{f}" in names
    for f in (
        "notebooks/report.ipynb",
        "notebooks/app.ipynb",
        "notebooks/team.ipynb",
        "notebooks/calibration.ipynb",
        "report/memo.css",
        "app.css",
        "server/visit.py",
        "server/guard.py",
        "charts/maps.py",
        "cli/assess.py",
        "widgets/explorer.py",
    ):  # the report template, the app page and its server, every subpackage
        assert f"cpo_model/{f}" in names
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: MIT" in text and f"Version: {__version__}" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


@pytest.mark.slow
def test_without_extras_the_core_works_and_version_is_one_source(plain):
    r = plain("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"cpo-model {__version__} (policy {load_policy().version})"
    code = "import cpo_model; print(cpo_model.__version__)"
    v = subprocess.run([str(plain.python), "-c", code], capture_output=True, text=True)
    assert v.stdout.strip() == __version__
    r = plain("assess", "--headcount", "300", "--complexity", "4")
    answer = DECISION_LABELS[assess(Company(headcount=300, complexity=4)).create_cpo]
    assert r.returncode == 0 and f": {answer}" in r.stdout.splitlines()[1], r.stdout


def _one_line_hint(r: subprocess.CompletedProcess, hint: str = PIP_HINT) -> None:
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2, r.stderr
    assert len(lines) == 1 and hint in lines[0], r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_without_extras_memos_work_and_app_and_lab_say_what_to_install(plain, root):
    """The memo is made in-process, so a plain install writes it; the app and JupyterLab name
    the extra they need in one line and start nothing."""
    raters = plain.home / "raters.csv"
    raters.write_text((root / "data/examples/raters.csv").read_text(), encoding="utf-8")
    memo = plain("report", "--headcount", "300", "--out", "r.html")
    assert memo.returncode == 0, memo.stderr
    assert "Chief Product Officer" in (plain.home / "r.html").read_text(encoding="utf-8")
    team_memo = plain("report", "--raters", str(raters), "--out", "t.html")
    assert team_memo.returncode == 0 and (plain.home / "t.html").is_file(), team_memo.stderr
    _one_line_hint(plain("lab", "nb"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = plain("app", "--port", str(port), timeout=60)
    _one_line_hint(app, 'pip install "cpo-model[server]"')  # the app needs only its server
    assert "serving" not in app.stdout, "no half-working server"
    assert not (plain.home / "nb").exists()
    team = plain("team", "--csv", str(raters))  # a team's answer needs no extra
    assert team.returncode == 0 and team.stdout.startswith("Team answer for Atlas Freight")


@pytest.mark.slow
def test_without_extras_notebooks_are_copied_and_the_package_is_not_edited(plain):
    site = subprocess.run(
        [
            str(plain.python),
            "-c",
            "import cpo_model, os; print(os.path.dirname(cpo_model.__file__))",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()

    def package_hash() -> str:
        h = hashlib.sha256()
        for p in sorted(Path(site).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p).encode() + p.read_bytes())
        return h.hexdigest()

    before = package_hash()
    r = plain("notebooks", "mine")
    assert r.returncode == 0, r.stderr
    files = bundled()
    notebooks = sum(src.suffix == ".ipynb" for src, _ in files)
    copied = f"Copied {notebooks} notebooks and {len(files) - notebooks} example files"
    assert copied in r.stdout and PIP_HINT in r.stdout
    assert (plain.home / "mine" / "explore.ipynb").is_file()
    again = plain("notebooks", "mine")
    assert again.returncode == 2 and "add --force to overwrite" in again.stderr
    assert plain("notebooks", "mine", "--force").returncode == 0
    assert package_hash() == before
