"""`cpo-model app`: safe defaults and one-line errors (the page itself: test_browser.py)."""

from __future__ import annotations

import socket

import pytest

from cpo_model.server.run import bind, solara_env
from cpo_model.server.settings import Limits


def test_server_settings_keep_the_app_offline_and_cull_idle_sessions():
    env = solara_env(Limits(idle_seconds=90), {"MPLBACKEND": "Agg"})
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"  # nothing leaves the machine
    assert env["SOLARA_KERNEL_CULL_TIMEOUT"] == "90s"
    assert env["SOLARA_APP"].endswith("visit.py:page")
    assert "MPLBACKEND" not in env


def test_a_restarted_server_takes_its_port_at_once():
    """A port left in TIME_WAIT by a closed connection can be bound again at once."""
    first = bind("127.0.0.1", 0)
    port = first.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    conn, _ = first.accept()
    conn.close()  # the server side closes first: its end waits in TIME_WAIT
    client.close()
    first.close()
    again = bind("127.0.0.1", port)
    again.close()


def test_bad_limits_from_the_environment_are_one_line():
    with pytest.raises(Exception, match="CPO_MODEL_APP_MAX_SESSIONS='many': expected a whole"):
        Limits.from_env({"CPO_MODEL_APP_MAX_SESSIONS": "many"})
    with pytest.raises(Exception, match="idle_seconds=-1.0: expected a positive number"):
        Limits.from_env({"CPO_MODEL_APP_IDLE_SECONDS": "-1"})


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--max-sessions", "0", "--max-sessions 0: expected a whole number above 0"),
        ("--max-sessions", "2.5", "--max-sessions 2.5: expected a whole number above 0"),
        ("--idle-minutes", "soon", "--idle-minutes soon: expected a number above 0"),
    ],
)
def test_bad_limit_flags_are_one_line(run_cli, flag, value, message):
    r = run_cli("app", flag, value)
    assert r.returncode == 2 and r.stderr.strip() == f"cpo-model: error: {message}"


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


def test_a_non_loopback_host_is_said_in_one_line():
    from cpo_model.server.run import exposed_line

    line = exposed_line("0.0.0.0", 8866)
    assert "\n" not in line and line.startswith("cpo-model app: listening on 0.0.0.0:8866")
    assert "no files, no code, no other notebooks" in line


def test_the_servers_page_builds_the_team_tab_when_it_is_opened():
    from cpo_model.app import app_page
    from cpo_model.server.page import visitor_page

    page = visitor_page()  # outside a session: no link, the default company
    views = page.children[-2]
    assert page.team is None and [len(t.children) for t in views.children[1:]] == [1]
    page.explorer.headcount.value = "480"  # the visitor changes "Your view" first
    views.selected_index = 1
    assert page.team.headcount.value == "480" and page.team.team is not None
    assert views.children[1].children[-1] is page.team
    views.selected_index = 0
    views.selected_index = 1  # opened again: the same panel, raters kept
    assert views.children[1].children[-1] is page.team and len(page.team.rows) == 3
    eager = app_page()  # in a notebook the tab is built at once
    assert eager.team is not None and eager.team.headcount.value == "150"
