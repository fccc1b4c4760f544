"""How the app's messages reach a page: a session's thread puts each message in the page's
outbox and goes on; the server's event loop sends the outbox in order.

Solara's own websocket wrapper makes the session's thread wait for the event loop to send each
message. A first page is about 160 widget messages, so with ten visitors at once every message
queued behind the others for the event loop and the interpreter: ten first answers took 9× one
visitor's time (benchmarks/results.md). With the outbox the thread never waits for the network.

A page that reads nothing while its outbox grows past `limit` bytes is let go (its session ends,
as when the tab closes), so a client that never reads cannot make the server hold its messages.

Before the server takes its first page:

    >>> use_outbox(limit=8 * 2**20)  # doctest: +SKIP
"""

from __future__ import annotations

import threading
from collections import deque

GATHER_SECONDS = 0.005  # the event loop wakes once for the messages of this moment, not for each
CLOSE = object()  # in the outbox: close the websocket once what came before it is sent


def outbox_class(limit: int, base: type) -> type:
    """Solara's websocket wrapper (`base`) with an outbox of at most `limit` bytes."""
    from solara.server import websocket

    class Outbox(base):
        """One page's websocket: `send_text`/`send_bytes`/`close` queue and return at once."""

        def __init__(self, ws, portal):
            super().__init__(ws, portal)
            self._lock = threading.Lock()
            self._queue: deque = deque()
            self._queued = 0  # bytes waiting
            self._sending = False
            self._gone = False  # closed, or the page stopped reading

        def _put(self, item, size: int) -> bool:
            """Queue `item` (`CLOSE`: then take nothing more); False when the page is gone or
            this message would pass the limit (the page is then let go)."""
            with self._lock:
                if self._gone:
                    return False
                over = self._queued + size > limit
                if over:  # what waits is dropped with the page
                    self._queue.clear()
                    self._queued, item = 0, CLOSE
                self._queue.append(item)
                self._queued += 0 if item is CLOSE else size
                self._gone = item is CLOSE
                start, self._sending = not self._sending, True
            if start:  # the loop wakes once for the messages of the next moment
                self.event_loop.call_soon_threadsafe(
                    self.event_loop.call_later, GATHER_SECONDS, self._start
                )
            return not over

        def _start(self) -> None:
            task = self.event_loop.create_task(self._drain())
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

        async def _drain(self) -> None:
            while True:
                with self._lock:
                    if not self._queue:
                        self._sending = False
                        return
                    item = self._queue.popleft()
                    if item is not CLOSE:
                        self._queued -= len(item)
                try:
                    if item is CLOSE:
                        await self.ws.close()
                    elif isinstance(item, bytes):
                        await self._send_bytes_exc(item)
                    else:
                        await self._send_text_exc(item)
                except Exception:  # the page is gone: nothing more is sent to it
                    with self._lock:
                        self._gone = True
                        self._queue.clear()
                        self._queued = 0
                        self._sending = False
                    return

        def send_text(self, data: str) -> None:
            if not self._put(data, len(data)):
                raise websocket.WebSocketDisconnect()

        def send_bytes(self, data: bytes) -> None:
            if not self._put(data, len(data)):
                raise websocket.WebSocketDisconnect()

        def close(self) -> None:
            self._put(CLOSE, 0)

    return Outbox


def use_outbox(limit: int) -> None:
    """Make the app's server send every page's messages through an outbox of `limit` bytes."""
    import solara.server.starlette as solara_starlette

    current = solara_starlette.WebsocketWrapper
    base = getattr(current, "solara_wrapper", current)
    cls = outbox_class(limit, base)
    cls.solara_wrapper = base
    solara_starlette.WebsocketWrapper = cls
