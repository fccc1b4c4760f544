"""A page's outbox: the session's thread never waits for the network, messages leave in order,
and a page that reads nothing is let go past the limit."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

pytest.importorskip("solara", reason="the server extra is not installed")

from solara.server.websocket import WebSocketDisconnect  # noqa: E402

from cpo_model.server.outbox import outbox_class  # noqa: E402


class SlowSocket:
    """What Solara's wrapper holds: a websocket whose sends wait until `open` is set."""

    def __init__(self):
        self.sent: list = []
        self.closed = False
        self.open = asyncio.Event()

    async def close(self):
        self.closed = True


class Base:
    """The part of Solara's websocket wrapper the outbox uses."""

    def __init__(self, ws, portal):
        self.ws, self.portal = ws, portal
        self.tasks: set = set()
        self.event_loop = asyncio.get_event_loop()

    async def _send_text_exc(self, data):
        await self.ws.open.wait()
        self.ws.sent.append(data)

    async def _send_bytes_exc(self, data):
        await self.ws.open.wait()
        self.ws.sent.append(data)


@pytest.fixture
def loop():
    """An event loop running in its own thread, as the server's is."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


def make(loop, limit: int):
    async def build():
        return outbox_class(limit, Base)(SlowSocket(), portal=object())

    return asyncio.run_coroutine_threadsafe(build(), loop).result(5)


def wait_until(ok, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not ok():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_sending_never_waits_for_the_page_and_keeps_the_order(loop):
    box = make(loop, limit=1_000_000)
    t0 = time.monotonic()
    for i in range(200):  # the page reads nothing yet: every send still returns at once
        box.send_text(f"message {i}")
    box.send_bytes(b"picture")
    assert time.monotonic() - t0 < 1 and box.ws.sent == []
    loop.call_soon_threadsafe(box.ws.open.set)
    wait_until(lambda: len(box.ws.sent) == 201)
    assert box.ws.sent == [f"message {i}" for i in range(200)] + [b"picture"]


def test_a_page_that_reads_nothing_is_let_go_past_the_limit(loop):
    box = make(loop, limit=1000)
    for _ in range(9):
        box.send_text("x" * 100)  # 900 bytes waiting: kept
    with pytest.raises(WebSocketDisconnect):
        box.send_text("x" * 200)  # past 1,000: the page is let go
    with pytest.raises(WebSocketDisconnect):
        box.send_text("more")  # and nothing more is taken for it
    loop.call_soon_threadsafe(box.ws.open.set)
    wait_until(lambda: box.ws.closed)
    assert box.ws.sent == []  # what waited is dropped with the page


def test_close_comes_after_what_was_sent_before_it(loop):
    box = make(loop, limit=1_000_000)
    box.send_text("last words")
    box.close()
    with pytest.raises(WebSocketDisconnect):
        box.send_text("too late")
    loop.call_soon_threadsafe(box.ws.open.set)
    wait_until(lambda: box.ws.closed)
    assert box.ws.sent == ["last words"]
