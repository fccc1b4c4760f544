"""The guard's rules without a server: which paths pass, which messages a page may send."""

from __future__ import annotations

import json
import struct

import pytest

from cpo_model.server.guard import allowed, message_problem
from cpo_model.server.settings import Limits


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/", "GET"),
        ("/memo.html", "GET"),
        ("/memo.pdf", "GET"),
        ("/static/main.js", "GET"),
        ("/_solara/cdn/vue@2.6.10/dist/vue.min.js", "GET"),
        ("/jupyter/nbextensions/jupyter-vue/nodeps.js", "GET"),
        ("/_solara/api/close/abc-123", "POST"),
    ],
)
def test_the_apps_own_paths_pass(path, method):
    assert allowed(path, method)


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/kernels", "GET"),
        ("/api/contents", "GET"),
        ("/terminals/websocket/1", "GET"),
        ("/jupyter/api/kernels", "GET"),
        ("/static/", "GET"),
        ("/static/../pyproject.toml", "GET"),
        ("/static//etc/passwd", "GET"),
        ("/resourcez", "GET"),
        ("/", "POST"),
        ("/memo.html", "POST"),
        ("/_solara/api/close/abc", "GET"),
        ("/app.ipynb", "GET"),
    ],
)
def test_everything_else_is_not_found(path, method):
    assert not allowed(path, method)


def widget_message(msg_type="comm_msg", **extra) -> dict:
    return {"header": {"msg_type": msg_type}, "channel": "shell", "content": {}, **extra}


def binary(msg: dict, *buffers: bytes) -> bytes:
    parts = [json.dumps(msg).encode(), *buffers]
    head = 4 * (len(parts) + 1)
    offsets, at = [], head
    for p in parts:
        offsets.append(at)
        at += len(p)
    return struct.pack(f"!i{len(parts)}I", len(parts), *offsets) + b"".join(parts)


def test_well_formed_widget_messages_pass():
    for kind in ("comm_open", "comm_msg", "comm_close", "comm_info_request"):
        assert message_problem(json.dumps(widget_message(kind))) is None
    assert message_problem(binary(widget_message(), b"\x00" * 16)) is None


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (struct.pack("!iI", 2**31 - 1, 8), "binary message: 2147483647 parts in 8 bytes"),
        (struct.pack("!iI", -1, 8), "binary message: -1 parts in 8 bytes"),
        (b"\x00\x00", "binary message of 2 bytes"),
        (struct.pack("!iII", 2, 12, 8) + b"{}", "binary message: parts out of order"),
        (struct.pack("!iI", 1, 999), "binary message: a part beyond its end"),
        ("{{{{", "not JSON"),
        ("[1, 2]", "no message header"),
        (
            json.dumps(widget_message("execute_request")),
            "message type 'execute_request' not accepted",
        ),
        (
            json.dumps(widget_message("shutdown_request")),
            "message type 'shutdown_request' not accepted",
        ),
        (json.dumps({"header": {"msg_type": "comm_msg"}}), "no channel or content"),
    ],
)
def test_malformed_messages_are_refused_with_a_reason(data, why):
    assert message_problem(data) == why


def test_limits_are_positive_and_flags_win_over_the_environment():
    env = {"CPO_MODEL_APP_MAX_SESSIONS": "12", "CPO_MODEL_APP_IDLE_SECONDS": "30"}
    limits = Limits.from_env(env, max_sessions=5)
    assert (limits.max_sessions, limits.idle_seconds) == (5, 30.0)
    with pytest.raises(ValueError, match=r"max_sessions=0: expected a positive number"):
        Limits(max_sessions=0)


def test_a_page_that_left_ends_its_session_unless_it_comes_back(monkeypatch):
    """Its tab's goodbye may reach another of the server's processes: the process that holds
    the session ends it after a short wait, unless the page reconnected meanwhile."""
    import asyncio

    from cpo_model.server import guard

    ended: list[str] = []
    monkeypatch.setattr(guard, "end_session", ended.append)
    g = guard.Guard(app=None, limits=Limits(reconnect_seconds=0.05))

    async def run():
        g.admitted.add("back")  # this page reconnected within the wait
        await asyncio.gather(g._end_unless_back("gone"), g._end_unless_back("back"))

    asyncio.run(run())
    assert ended == ["gone"]
