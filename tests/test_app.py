"""`cpo-model app`: safe defaults and one-line errors (the page itself: test_browser.py)."""

from __future__ import annotations

import socket

import pytest

from cpo_model.app import app_notebook, voila_command


def test_binds_loopback_by_default_and_hides_code():
    cmd = voila_command("127.0.0.1", 8866)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8866" in cmd
    assert "--VoilaConfiguration.strip_sources=True" in cmd and "--Voila.port_retries=0" in cmd
    assert app_notebook().name == "app.ipynb"


def test_cli_default_host_is_loopback():
    from cpo_model.cli import build_parser

    args = build_parser().parse_args(["app"])
    assert args.host == "127.0.0.1" and args.port == "8866"


def test_port_in_use_is_a_clear_error(run_cli):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("app", "--port", str(port))
    assert r.returncode == 2
    assert (
        r.stderr.strip() == f"cpo-model: error: --port {port}: cannot listen on 127.0.0.1:{port} "
        "(Address already in use); choose another port with --port"
    )


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1", "8866.5"])
def test_bad_port(run_cli, port):
    r = run_cli("app", "--port", port)
    assert (
        r.returncode == 2
        and len(r.stderr.strip().splitlines()) == 1
        and f"--port {port}" in r.stderr
    )
