"""The app's server, started as a user starts it (`cpo-model app`), with short limits so the
tests see sessions capped and culled in seconds."""

from __future__ import annotations

import time
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from tests.browser.support import free_port, python_cmd, running_server, server_env

MAX_SESSIONS = 3
IDLE_SECONDS = 3
WORKERS = 2


def status(url: str, timeout: float = 10) -> int:
    try:
        with urlopen(url, timeout=timeout) as r:
            return r.status
    except HTTPError as exc:
        return exc.code


def wait_free(server, timeout: float = IDLE_SECONDS + 10, empty: bool = False) -> None:
    """Wait (bounded) until the server takes a visitor again; with `empty`, first for the cull
    time, so every session closed before the call is gone."""
    if empty:
        time.sleep(IDLE_SECONDS + 1.5)
    url = server if isinstance(server, str) else server.url
    deadline = time.monotonic() + timeout
    while status(url) != 200:
        if time.monotonic() > deadline:
            raise AssertionError(f"sessions not culled within {timeout:g} s")
        time.sleep(0.5)


@pytest.fixture(scope="session")
def guarded_server():
    """`cpo-model app` with a cap of 3 sessions, pages let go after 3 s of silence, and two
    server processes."""
    pytest.importorskip("solara", reason="the server extra is not installed")
    port = free_port()
    env = server_env() | {
        "CPO_MODEL_APP_IDLE_SECONDS": str(IDLE_SECONDS),
        "CPO_MODEL_APP_RECONNECT_SECONDS": "1",
        # two processes on any machine: the cap and the culling count the whole server
        "CPO_MODEL_APP_WORKERS": str(WORKERS),
    }
    cmd = python_cmd(
        "-m", "cpo_model", "app", "--port", str(port), "--max-sessions", str(MAX_SESSIONS)
    )
    with running_server(cmd, port, "app-guarded", env=env) as server:
        yield server
