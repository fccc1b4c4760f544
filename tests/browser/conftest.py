"""Fixtures for the browser tests: headless Chromium, a page, the app and JupyterLab servers."""

from __future__ import annotations

import json
import secrets
import subprocess

import pytest

from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LAPTOP,
    RENDER_TIMEOUT,
    clear_outputs,
    free_port,
    python_cmd,
    running_server,
    server_env,
)

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright (Python) not installed: pip install -e '.[test]'"
)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh page; console errors, page errors and requests are collected on it."""
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(RENDER_TIMEOUT * 1000)
    pg = context.new_page()
    pg.console_errors, pg.page_errors, pg.requests, pg.failed = [], [], [], []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.page_errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("requestfailed", lambda r: pg.failed.append(f"{r.url}: {r.failure}"))
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def app_server():
    """`cpo-model app` on a free port, as a user starts it (one for every browser test)."""
    port = free_port()
    with running_server(
        python_cmd("-m", "cpo_model", "app", "--port", str(port)), port, "app"
    ) as server:
        yield server


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab as a pip user opens it: `cpo-model notebooks DIR`, then `cpo-model lab DIR`
    (the repo's stored outputs stay as they are).

    The venv's own python3 kernel is used: no JUPYTER_* directories are redirected; only
    JupyterLab's workspaces and user settings go to the temporary folder (news fetching off).
    The copy of explore.ipynb has no stored outputs, so what the test sees is what Run All made.
    """
    tmp = tmp_path_factory.mktemp("lab")
    notebooks = tmp / "notebooks"
    copied = subprocess.run(
        python_cmd("-m", "cpo_model", "notebooks", str(notebooks)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert copied.returncode == 0, copied.stderr
    clear_outputs(
        notebooks / "explore.ipynb"
    )  # so whatever renders comes from this run, not the stored outputs
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = free_port(), secrets.token_hex(16)
    cmd = python_cmd(
        "-m",
        "cpo_model",
        "lab",
        str(notebooks),
        "--port",
        str(port),
        "--no-browser",
        "--",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
    )
    with running_server(cmd, port, "jupyterlab", cwd=tmp, env=server_env()) as server:
        server.token = token
        yield server
