"""The project's guard in front of the app's server (an ASGI middleware).

- Only the app's own paths answer; everything else (Jupyter's APIs, terminals, other pages,
  directory listings, the server's resource report) is a plain 404.
- The page's query never reaches the server's templates: it goes to the visitor's session as
  inputs only (`share.read_query`), so no link can change a theme or a template.
- A cap on sessions turns the next visitor away with a plain "busy" page.
- Each page's websocket messages are checked: a malformed, oversized or too frequent message
  ends that page's session alone (the page says so and offers a reload); a page that sends
  nothing for `idle_seconds` is let go.
- `/memo.html` and `/memo.pdf` render the memo for the inputs in their query.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import re
import struct
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .settings import Limits
from .shell import (
    BOOT_PARAM,
    BUSY_RETRY_SECONDS,
    CLOSE_BUSY,
    CLOSE_IDLE,
    CLOSE_REFUSED,
    CLOSE_RESTARTED,
    QUERY_PARAM,
    busy_page,
    inject,
    plain_page,
)

Scope = dict[str, Any]
ASGIApp = Callable[..., Awaitable[None]]

KERNEL_ID = r"[A-Za-z0-9_-]{1,64}"
CHANNELS = re.compile(rf"^/jupyter/api/kernels/{KERNEL_ID}/channels$")
# The app's own paths; anything else is 404. (GET/HEAD unless the value says otherwise.)
ALLOWED = [
    (re.compile(r"^/$"), ("GET", "HEAD")),
    (re.compile(r"^/memo\.(html|pdf)$"), ("GET",)),
    (re.compile(r"^/_solara/cdn/[^?#]+[^/]$"), ("GET", "HEAD")),
    (re.compile(r"^/static/[^?#]+[^/]$"), ("GET", "HEAD")),
    (re.compile(r"^/jupyter/nbextensions/[^?#]+[^/]$"), ("GET", "HEAD")),
    (re.compile(rf"^/jupyter/api/kernels/{KERNEL_ID}$"), ("GET",)),
    (re.compile(rf"^/_solara/api/close/{KERNEL_ID}$"), ("POST",)),
    (re.compile(r"^/readyz$"), ("GET", "HEAD")),
]
# What a page may ask its session to do (the widget protocol); anything else ends the session.
MESSAGE_TYPES = frozenset(
    {"comm_open", "comm_msg", "comm_close", "comm_info_request", "kernel_info_request"}
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
JANITOR_SECONDS = 2  # how often ended sessions are looked for


def allowed(path: str, method: str) -> bool:
    """Whether the guard lets this request through to the app's server.

    >>> allowed("/", "GET"), allowed("/api/kernels", "GET"), allowed("/static/", "GET")
    (True, False, False)
    """
    if ".." in path or "//" in path or "\\" in path:
        return False
    return any(rx.match(path) and method in methods for rx, methods in ALLOWED)


def message_problem(message: str | bytes) -> str | None:
    """Why a page's websocket message is refused (None when it is a well-formed widget message).

    >>> message_problem(b"\\x7f\\xff\\xff\\xff\\x00\\x00\\x00\\x08")
    'binary message: 2147483647 parts in 8 bytes'
    >>> message_problem('{"header": {"msg_type": "execute_request"}, "channel": "shell"}')
    "message type 'execute_request' not accepted"
    """
    if isinstance(message, bytes):
        if len(message) < 8:
            return f"binary message of {len(message)} bytes"
        (nbufs,) = struct.unpack("!i", message[:4])
        if not 1 <= nbufs <= (len(message) - 4) // 4 or nbufs > 64:
            return f"binary message: {nbufs} parts in {len(message)} bytes"
        offsets = struct.unpack("!" + "I" * nbufs, message[4 : 4 * (nbufs + 1)])
        if list(offsets) != sorted(offsets) or offsets[0] < 4 * (nbufs + 1):
            return "binary message: parts out of order"
        if offsets[-1] > len(message):
            return "binary message: a part beyond its end"
        end = offsets[1] if nbufs > 1 else len(message)
        body = message[offsets[0] : end]
    else:
        body = message
    try:
        msg = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "not JSON"
    if not isinstance(msg, dict) or not isinstance(msg.get("header"), dict):
        return "no message header"
    kind = msg["header"].get("msg_type")
    if kind not in MESSAGE_TYPES:
        return f"message type {str(kind)[:40]!r} not accepted"
    if not isinstance(msg.get("channel"), str) or not isinstance(msg.get("content", {}), dict):
        return "no channel or content"
    return None


def session_ids() -> set[str]:
    """Sessions the app's server holds now (open pages and pages not yet culled)."""
    from solara.server import kernel_context

    return set(kernel_context.contexts)


def _libc():
    try:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        lib = ctypes.CDLL(name) if name else None
        return lib if lib is not None and hasattr(lib, "malloc_trim") else None
    except (OSError, AttributeError):
        return None


LIBC = _libc()  # glibc (Linux): None elsewhere, where the calls below do nothing
M_ARENA_MAX = -8  # glibc's mallopt parameter number


def few_arenas(count: int = 2) -> None:
    """Let the C allocator keep few arenas: each session's thread would otherwise take its own,
    and memory freed in one is not reused by the others."""
    if LIBC is not None:
        LIBC.mallopt(M_ARENA_MAX, count)


def give_back_memory() -> None:
    """Return the C allocator's free memory to the system (after sessions have ended)."""
    if LIBC is not None:
        LIBC.malloc_trim(0)


def end_session(kernel_id: str) -> None:
    """Close a session and free its widgets (its page, if still open, offers a reload)."""
    from solara.server import kernel_context

    context = kernel_context.contexts.get(kernel_id)
    if context is not None:
        with contextlib.suppress(Exception):  # already closing
            context.close(reason="refused or idle")


async def _send_html(send, status: int, html: str, extra: list | None = None) -> None:
    body = html.encode("utf-8")
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *SECURITY_HEADERS,
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


NOT_FOUND = plain_page("Not found", "There is nothing at this address.")


class Census:
    """How many sessions each of the server's processes holds, in memory they share (one slot
    per process), so the cap on sessions counts the whole server. Without slots: one process.

    >>> census = Census([0, 2], index=0)
    >>> census.report(1)
    >>> census.total(1)
    3
    """

    def __init__(self, slots=None, index: int = 0, lock=None):
        self.slots, self.index = slots, index
        self.lock = lock or contextlib.nullcontext()  # shared by the processes, if several

    def report(self, own: int) -> None:
        if self.slots is not None:
            self.slots[self.index] = own

    def total(self, own: int) -> int:
        if self.slots is None:
            return own
        return own + sum(n for i, n in enumerate(self.slots) if i != self.index)


class Guard:
    """Wrap the app's ASGI server `app` with the project's limits (see the module's text)."""

    def __init__(
        self,
        app: ASGIApp,
        limits: Limits | None = None,
        memo=None,
        first_answer=None,
        boot: str | None = None,
        census: Census | None = None,
    ):
        self.app, self.limits = app, limits or Limits()
        # the link's query -> the answer card's HTML for the page's first response ('' none)
        self.first_answer = first_answer or (lambda query: "")
        self.boot = boot or uuid.uuid4().hex  # the server's start, shared by its processes
        self.census = census or Census()  # sessions in the server's other processes
        self.memo = memo  # async (query: str, fmt: str) -> (status, headers, body)
        self.admitted: set[str] = set()  # sessions let in whose websocket is still open
        self._janitor: asyncio.Task | None = None
        self._held: set[str] = set()
        self._waiting: set[asyncio.Task] = set()  # sessions whose page left, ending soon

    async def _sweep(self) -> None:
        """When sessions have ended, collect their garbage at once: a page's widgets and charts
        form reference cycles, and left to Python's schedule their memory is reused by nobody
        and the process stays large after the visitors are gone."""
        while True:
            await asyncio.sleep(JANITOR_SECONDS)
            held = session_ids()
            self.census.report(len(held | self.admitted))
            if self._held - held:
                gc.collect()
                give_back_memory()
            self._held = held

    def sessions(self) -> int:
        """Sessions held now by the whole server (every process), counting those let in a
        moment ago and not yet set up."""
        own = len(session_ids() | self.admitted)
        self.census.report(own)
        return self.census.total(own)

    async def __call__(self, scope: Scope, receive, send) -> None:
        kind = scope["type"]
        if self._janitor is None and kind in ("http", "websocket"):
            self._janitor = asyncio.get_running_loop().create_task(self._sweep())
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    # --- pages ------------------------------------------------------------------------------

    async def _http(self, scope: Scope, receive, send) -> None:
        path, method = scope["path"], scope["method"]
        if not allowed(path, method):
            await _send_html(send, 404, NOT_FOUND)
            return
        if path.startswith("/memo."):
            await self._memo(scope, send, path.rsplit(".", 1)[1])
            return
        if path == "/":
            held = self.sessions()
            if held >= self.limits.max_sessions:
                retry = [(b"retry-after", str(BUSY_RETRY_SECONDS).encode())]
                page = busy_page(held, BUSY_RETRY_SECONDS)
                await _send_html(send, 503, page, retry)
                return
            await self._page(scope, receive, send)
            return
        # only the session's page id passes (the goodbye of a closing tab names it)
        params = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        keep = urlencode([p for p in params if p[0] == "session_id"][:1]).encode()
        inner = dict(scope, query_string=keep)
        await self.app(inner, receive, _with_headers(send))

    async def _page(self, scope: Scope, receive, send) -> None:
        """The app's page, without its query (the page script passes it to the session), with
        the skeleton and our script added."""
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        inner = dict(scope, query_string=b"", headers=headers)
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(inner, receive, capture)
        status = start.get("status", 500)
        if status != 200:
            await _send_html(send, 404 if status == 404 else 500, NOT_FOUND)
            return
        query = scope.get("query_string", b"").decode("latin-1")[: self.limits.max_query_chars]
        html = inject(b"".join(chunks).decode("utf-8"), self.boot, self.first_answer(query))
        keep = [(k, v) for k, v in start.get("headers", []) if k.lower() == b"set-cookie"]
        await _send_html(send, 200, html, keep)

    async def _memo(self, scope: Scope, send, fmt: str) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        if len(query) > self.limits.max_query_chars:
            page = plain_page("Link too long", "The link is too long to read.")
            await _send_html(send, 414, page)
            return
        if self.memo is None:
            await _send_html(send, 404, NOT_FOUND)
            return
        status, headers, body = await self.memo(query, fmt)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [*headers, (b"content-length", str(len(body)).encode())]
                + SECURITY_HEADERS,
            }
        )
        await send({"type": "http.response.body", "body": body})

    # --- sessions ---------------------------------------------------------------------------

    async def _websocket(self, scope: Scope, receive, send) -> None:
        path = scope["path"]
        params = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        ours = dict(p for p in params if p[0] in (QUERY_PARAM, BOOT_PARAM))
        if not CHANNELS.match(path):
            await send({"type": "websocket.close", "code": 1008})
            return
        kernel_id = path.split("/")[4]
        if ours.get(BOOT_PARAM) not in (None, self.boot):
            await _refuse(receive, send, CLOSE_RESTARTED, "the server restarted")
            return
        with self.census.lock:  # one process at a time counts and admits: the cap is exact
            known = kernel_id in session_ids() or kernel_id in self.admitted
            full = not known and self.sessions() >= self.limits.max_sessions
            if not full:
                self.admitted.add(kernel_id)
                self.sessions()  # the other processes count this visitor from now on
        if full:
            await _refuse(receive, send, CLOSE_BUSY, "busy")
            return
        query = ours.get(QUERY_PARAM, "")[: self.limits.max_query_chars]
        rest = urlencode([p for p in params if p[0] not in (QUERY_PARAM, BOOT_PARAM)])
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"x-cpo-query"]
        headers.append((b"x-cpo-query", query.encode("utf-8", "replace")))
        inner = dict(scope, query_string=rest.encode(), headers=headers)
        watch = Watch(self.limits, receive, send)
        try:
            await self.app(inner, *watch.channels())
        finally:
            self.admitted.discard(kernel_id)
            if watch.closed:  # refused or idle: the session ends now, not after the cull time
                await asyncio.to_thread(end_session, kernel_id)
            else:  # the page went away: its session ends unless it comes back at once
                task = asyncio.get_running_loop().create_task(self._end_unless_back(kernel_id))
                self._waiting.add(task)
                task.add_done_callback(self._waiting.discard)

    async def _end_unless_back(self, kernel_id: str) -> None:
        """End a session whose page left, unless the page reconnected to it within the
        limits' `reconnect_seconds`. (Its tab's goodbye may reach another of the server's
        processes, so this process cannot count on hearing it.)"""
        await asyncio.sleep(self.limits.reconnect_seconds)
        if kernel_id not in self.admitted:
            await asyncio.to_thread(end_session, kernel_id)


async def _refuse(receive, send, code: int, reason: str) -> None:
    """Accept, then close with `code` (the page explains it in words)."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.close", "code": code, "reason": reason})


def _with_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            message = dict(message, headers=[*message.get("headers", []), *SECURITY_HEADERS])
        await send(message)

    return wrapped


class Watch:
    """One page's websocket, watched: size, rate, form and idleness of what it sends."""

    def __init__(self, limits: Limits, receive, send):
        self.limits, self._receive, self._send = limits, receive, send
        self.tokens = float(limits.burst_messages)
        self.last = time.monotonic()
        self.closed = False

    def channels(self):
        return self.receive, self.send

    async def send(self, message) -> None:
        if self.closed:
            return  # the session is ending; the page already has its close
        await self._send(message)

    async def _close(self, code: int, reason: str) -> dict:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(Exception):  # the client may be gone already
                await self._send({"type": "websocket.close", "code": code, "reason": reason})
        return {"type": "websocket.disconnect", "code": code}

    async def receive(self) -> dict:
        if self.closed:
            return {"type": "websocket.disconnect", "code": 1000}
        try:
            message = await asyncio.wait_for(self._receive(), self.limits.idle_seconds)
        except asyncio.TimeoutError:
            return await self._close(CLOSE_IDLE, "idle")
        if message["type"] != "websocket.receive":
            return message
        data = message.get("text")
        if data is None:
            data = message.get("bytes") or b""
        if len(data) > self.limits.max_message_bytes:
            return await self._close(CLOSE_REFUSED, "message too large")
        now = time.monotonic()
        self.tokens = min(
            self.limits.burst_messages,
            self.tokens + (now - self.last) * self.limits.messages_per_second,
        )
        self.last = now
        if self.tokens < 1:
            return await self._close(CLOSE_REFUSED, "too many messages")
        self.tokens -= 1
        if message_problem(data):
            return await self._close(CLOSE_REFUSED, "malformed message")
        return message
