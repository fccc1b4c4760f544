"""A visitor that does not render: it opens the app's page and its session over a websocket,
asks for the page, and waits for the first answer. For tests, load checks and benchmarks.

    >>> # Visitor("http://127.0.0.1:8866/").first_answer(timeout=30)  # seconds until it is up
"""

from __future__ import annotations

import json
import re
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

from .shell import BOOT_PARAM, QUERY_PARAM

ANSWER_MARK = "Role that fits today"  # on the answer card once the first answer is drawn
FINISHED = r'"method":\s*"finished"'  # the app's page is complete: the browser can draw it
PICTURE = r'"buffer_paths":\s*\[\s*\[\s*"value"'  # a chart's picture, sent as a binary part
BOOT = re.compile(r'var BOOT = "([0-9a-f]+)"')


def message(msg_type: str, content: dict, session: str) -> str:
    """One Jupyter widget-protocol message, as the page's front end sends it."""
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "",
                "date": "",
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


def text_of(data: str | bytes) -> str:
    """A received message as text (a binary one: its JSON part)."""
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return data


class Visitor:
    """One page of the app at `url` (with `query`, as a link carries it)."""

    def __init__(self, url: str, query: str = "", boot: str | None = None):
        self.url, self.query = url.rstrip("/") + "/", query
        self.kernel, self.session = uuid.uuid4().hex, uuid.uuid4().hex
        self.cookie, self.boot = "", boot
        self.ws = None
        self.comm = uuid.uuid4().hex
        self.seen: list[str] = []  # every message received, as text
        self.answer = ""  # the message that carried the first answer
        self.timings: dict[str, float] = {}  # see `first_answer`
        self.page = ""  # the page's HTML, once opened

    def open_page(self, timeout: float = 30) -> int:
        """GET the page (its cookie and server start); the HTTP status."""
        query = "?" + quote(self.query, safe="=&%") if self.query else ""
        with urlopen(Request(self.url + query), timeout=timeout) as r:
            page = self.page = r.read().decode("utf-8")
            cookie = SimpleCookie(r.headers.get("set-cookie", ""))
            self.cookie = "; ".join(f"{k}={v.value}" for k, v in cookie.items())
            found = BOOT.search(page)
            self.boot = found.group(1) if found else self.boot
            return r.status

    def ws_url(self) -> str:
        parts = urlsplit(self.url)
        query = f"session_id={self.session}&{QUERY_PARAM}={quote(self.query)}"
        if self.boot:
            query += f"&{BOOT_PARAM}={self.boot}"
        return f"ws://{parts.netloc}/jupyter/api/kernels/{self.kernel}/channels?{query}"

    def connect(self, timeout: float = 30):
        from websockets.sync.client import connect

        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = connect(
            self.ws_url(),
            additional_headers=headers,
            open_timeout=timeout,
            close_timeout=2,
            max_size=None,
            max_queue=None,  # read everything the server sends, so closing never waits on it
        ).__enter__()
        return self.ws

    def start(self) -> None:
        """Ask the session to run the app, as the page's front end does."""
        self.send(
            message(
                "comm_open",
                {"comm_id": self.comm, "target_name": "solara.control", "data": {}},
                self.session,
            )
        )
        run = {"method": "run", "args": {"path": "", "appName": "__default__"}}
        self.send(message("comm_msg", {"comm_id": self.comm, "data": run}, self.session))

    def send(self, data: str | bytes) -> None:
        self.ws.send(data)

    def wait_for(self, needle: str, timeout: float, regex: bool = False) -> str:
        """Receive until a message holds `needle` (a regular expression with `regex`); that
        message's text (TimeoutError if none)."""
        found = re.compile(needle if regex else re.escape(needle)).search
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no message with {needle!r} within {timeout:g} s")
            text = text_of(self.ws.recv(timeout=left))
            self.seen.append(text)
            if found(text):
                return text

    def first_answer(self, timeout: float = 60) -> float:
        """Open the page and its session, run the app; seconds until the app is up (its answer
        card sent and the page's widgets complete, so a browser draws it). `timings` then holds
        "answer" (seconds until the visitor can read the answer: the page's first response when
        it carries the card, else the card's message) and "ready" (the returned value)."""
        t0 = time.monotonic()
        self.open_page(timeout)
        in_page = ANSWER_MARK in self.page
        t_page = time.monotonic() - t0
        self.connect(timeout)
        self.start()
        self.answer = self.wait_for(ANSWER_MARK, timeout)
        t_card = time.monotonic() - t0
        self.wait_for(FINISHED, timeout, regex=True)
        ready = time.monotonic() - t0
        self.timings = {"answer": t_page if in_page else t_card, "ready": ready}
        return ready

    def _opened(self, model: str, needle: str):
        """(comm id, state) of each widget of `model` the session opened, whose message holds
        `needle`."""
        for text in self.seen:
            if model not in text or needle not in text:
                continue
            start = text.find("{")
            msg = json.loads(text[start : text.rfind("}") + 1]) if start >= 0 else {}
            content = msg.get("content", {})
            state = content.get("data", {}).get("state", {})
            if state.get("_model_name") == model:
                yield content["comm_id"], state

    def widget_id(self, model: str, description: str) -> str:
        """The id of a widget the session opened (e.g. "TextModel", "Headcount")."""
        for comm_id, state in self._opened(model, description):
            if state.get("description") == description:
                return comm_id
        raise LookupError(f"no {model} {description!r} among the session's widgets")

    def open_section(self, title: str, needle: str, timeout: float = 10) -> float:
        """Open the Advanced section `title` as a click does; seconds until a message holds
        `needle` (the app builds a section when it is first opened)."""
        sections = {comm_id for comm_id, _ in self._opened("AccordionModel", "")}
        for text in self.seen:  # the titles come with the accordion or in an update after it
            start = text.find("{")
            if title not in text or start < 0:
                continue
            content = json.loads(text[start : text.rfind("}") + 1]).get("content", {})
            titles = content.get("data", {}).get("state", {}).get("titles") or []
            if content.get("comm_id") in sections and title in titles:
                i = titles.index(title)
                return self.change(content["comm_id"], i, needle, timeout, "selected_index")
        raise LookupError(f"no section {title!r} among the session's widgets")

    def change(
        self, widget: str, value, needle: str, timeout: float = 10, trait: str = "value"
    ) -> float:
        """Set a widget's value (or `trait`) as the page does; seconds until a message holds
        `needle`."""
        t0 = time.monotonic()
        data = {"method": "update", "state": {trait: value}, "buffer_paths": []}
        self.send(message("comm_msg", {"comm_id": widget, "data": data}, self.session))
        self.wait_for(needle, timeout)
        return time.monotonic() - t0

    def close(self, goodbye: bool = True) -> None:
        """Close the page; with `goodbye`, then tell the server as a closing tab does (its
        session ends at once; without, it is culled after the idle time)."""
        if self.ws is not None:
            try:
                self.ws.close()
            finally:
                self.ws = None
        if goodbye and self.cookie:
            beacon = Request(
                f"{self.url}_solara/api/close/{self.kernel}?session_id={self.session}",
                data=b"",
                headers={"Cookie": self.cookie},
                method="POST",
            )
            try:
                with urlopen(beacon, timeout=10) as r:
                    r.read()
            except OSError:
                pass  # a server that is gone needs no goodbye
