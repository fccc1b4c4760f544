"""The running app server, tried as a visitor and as a hostile client would, on loopback, with
websocket clients that do not render and bounded loops."""

from __future__ import annotations

import json
import re
import struct
import time
from urllib.error import HTTPError
from urllib.parse import quote
from urllib.request import Request, urlopen

import psutil
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from cpo_model import Company, assess
from cpo_model.present import DECISION_LABELS
from cpo_model.server.guard import JANITOR_SECONDS
from cpo_model.server.probe import Visitor, message
from cpo_model.server.shell import CLOSE_BUSY, CLOSE_IDLE, CLOSE_REFUSED
from tests.server.conftest import IDLE_SECONDS, MAX_SESSIONS, WORKERS, status, wait_free

HOSTILE_LINKS = [
    '?theme="><img src=x onerror=alert(1)>',
    "?template=lab",
    "?template=classic",
    "?template=reveal",
    "?template=nonexistent",
    "?template=../../../../etc/passwd",
    "?headcount=<script>alert(1)</script>",
    "?headcount=200&name=<img src=x onerror=alert(1)>",
    "?" + "a" * 5000,
]
BLOCKED = [
    "/api/kernels",
    "/api/contents",
    "/api/sessions",
    "/api/terminals",
    "/terminals/websocket/1",
    "/jupyter/api/kernels",
    "/jupyter/api/contents",
    "/tree",
    "/lab",
    "/notebooks/app.ipynb",
    "/voila/render/app.ipynb",
    "/static/",
    "/static/../../pyproject.toml",
    "/_solara/cdn/",
    "/resourcez",
    "/resourcez?verbose",
    "/cpo_model/app.py",
    "/files/pyproject.toml",
]


def get(url: str, timeout: float = 10) -> tuple[int, str, float]:
    t0 = time.monotonic()
    try:
        with urlopen(Request(url), timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace"), time.monotonic() - t0
    except HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), time.monotonic() - t0


def closed_with(visitor: Visitor, timeout: float = 10) -> int | None:
    """The close code the server sent, waiting (bounded) for it."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            visitor.ws.recv(timeout=max(0.1, deadline - time.monotonic()))
    except ConnectionClosed as exc:
        return exc.rcvd.code if exc.rcvd else None
    except TimeoutError:
        return None
    return None


def html_values(texts: list[str]) -> list[str]:
    """Every value the session gave its HTML widgets (markup the page shows)."""
    html_ids, out = set(), []
    for text in texts:
        try:
            msg = json.loads(text[text.find("{") : text.rfind("}") + 1])
        except ValueError:
            continue
        content = msg.get("content", {})
        state = content.get("data", {}).get("state", {})
        if state.get("_model_name") == "HTMLModel":
            html_ids.add(content.get("comm_id"))
        if content.get("comm_id") in html_ids and isinstance(state.get("value"), str):
            out.append(state["value"])
    return out


def rss(server) -> int:
    """The memory of the server's processes (one per core), together."""
    top = psutil.Process(server.proc.pid)
    return sum(p.memory_info().rss for p in [top, *top.children(recursive=True)])


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_no_link_changes_the_page_or_reaches_outside(guarded_server, link):
    code, html, took = get(guarded_server.url + quote(link, safe="?=&/%"))
    assert code == 200 and took < 10
    # a link's text may be shown (the page opens with the link's answer), only ever as text
    assert "<img src=x" not in html and "<script>alert" not in html
    if "name=" in link:
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
    outside = {u for u in re.findall(r"""(?:src|href)\s*=\s*["']?(https?://[^"' >]+)""", html)} - {
        u for u in re.findall(r"https?://127\.0\.0\.1[^\"' >]*", html)
    }
    assert outside == set(), outside


def test_a_link_sets_the_inputs_and_escapes_the_name(guarded_server):
    wait_free(guarded_server)
    v = Visitor(guarded_server.url, "headcount=4321&complexity=2&name=<img src=x onerror=alert(1)>")
    try:
        v.first_answer(timeout=30)
        assert "(4,321 people" in v.answer
        html = html_values(v.seen)  # what the page shows as markup
        assert not any("<img src=x onerror" in h for h in html)
        assert any("&lt;img src=x onerror" in h for h in html)
        v.open_section("Name", '"description": "Name"')  # built when first opened
        boxes = "".join(v.seen)  # the Name box holds the text as typed, as text
        assert '"value": "<img src=x onerror=alert(1)>"' in boxes
    finally:
        v.close()


@pytest.mark.parametrize("path", BLOCKED)
def test_jupyter_apis_files_and_listings_are_not_found(guarded_server, path):
    code, html, _ = get(guarded_server.url.rstrip("/") + path)
    assert code == 404, (path, code)
    assert "Not found" in html and "jupyter" not in html.lower()


def test_websockets_other_than_a_session_are_refused(guarded_server):
    from websockets.sync.client import connect

    base = guarded_server.url.replace("http://", "ws://").rstrip("/")
    for path in ("/api/kernels/x/channels", "/terminals/websocket/1", "/jupyter/api/kernels/x"):
        with pytest.raises(InvalidStatus):
            connect(base + path, open_timeout=5).close()


def _crafted(v: Visitor, payload) -> int | None:
    wait_free(v.url)
    v.open_page()
    v.connect()
    v.send(payload)
    return closed_with(v)


def test_malformed_and_oversized_messages_cost_only_their_own_session(guarded_server):
    """The 8-byte message that claims 2**31 parts, a 1 MiB message, an execute request and a
    flood: each ends its own session; another visitor still gets answers within 1 s."""
    wait_free(guarded_server)
    before = rss(guarded_server)
    flood = Visitor(guarded_server.url)
    flood.open_page()
    flood.connect()
    try:
        for _ in range(2000):
            flood.send(message("comm_info_request", {}, flood.session))
    except ConnectionClosed:
        pass
    attacks = {
        "8 bytes, 2**31-1 parts": struct.pack("!iI", 2**31 - 1, 8),
        "1 MiB of text": "x" * (1 << 20),
        "code to run": message("execute_request", {"code": "import os"}, "s"),
        "not JSON": "{{{{",
    }
    codes = {}
    for name, payload in attacks.items():
        codes[name] = _crafted(Visitor(guarded_server.url), payload)
    codes["a flood of messages"] = closed_with(flood)
    assert set(codes.values()) <= {CLOSE_REFUSED, 1009}, codes  # 1009: too big, at the socket
    wait_free(guarded_server)
    visitor = Visitor(guarded_server.url, "headcount=300&complexity=3")
    try:
        visitor.first_answer(timeout=20)
        box = visitor.widget_id("TextModel", "Headcount")  # a text box, read as typed
        took = [
            visitor.change(box, typed, needle, timeout=5)
            for typed, needle in (
                ("5000", "(5,000 people"),
                ("600", "(600 people"),
                ("7,000", "(7,000 people"),
            )
        ]
        assert max(took[1:]) < 1.0, took
    finally:
        visitor.close()
    assert rss(guarded_server) - before < 150 * 2**20, "memory grew by more than 150 MiB"


def test_the_cap_turns_the_next_visitor_away_with_a_plain_page(guarded_server):
    wait_free(guarded_server)
    visitors = []
    try:
        for _ in range(MAX_SESSIONS):  # sessions from earlier tests, if any, count too
            if status(guarded_server.url) == 503:
                break
            visitors.append(Visitor(guarded_server.url))
            visitors[-1].first_answer(timeout=30)
        assert visitors, "the server was busy before any visitor came"
        code, html, _ = get(guarded_server.url)
        assert code == 503 and "The app is busy" in html and "tries again" in html
        late = Visitor(guarded_server.url)
        late.boot = visitors[0].boot
        late.connect()
        assert closed_with(late) == CLOSE_BUSY
    finally:
        for v in visitors:
            v.close()
    wait_free(guarded_server)  # the closed pages are culled: the next visitor is welcome


def test_a_silent_page_is_let_go(guarded_server):
    wait_free(guarded_server)
    v = Visitor(guarded_server.url)
    v.first_answer(timeout=30)
    t0 = time.monotonic()
    assert closed_with(v, timeout=IDLE_SECONDS + 5) == CLOSE_IDLE
    assert time.monotonic() - t0 < IDLE_SECONDS + 2


def test_twenty_visits_leave_memory_where_it_was(guarded_server):
    """Baseline: after a few visits have come and gone (each of the server's processes loads
    the app's code once); then 20 visits one after another, each closing its page; memory
    returns within 10%."""
    wait_free(guarded_server)
    for i in range(4):
        first = Visitor(guarded_server.url, f"headcount={90 + i}&complexity=3")
        first.first_answer(timeout=30)
        first.close()
        wait_free(guarded_server)
    time.sleep(JANITOR_SECONDS + 1)  # the sweep after a session ends
    baseline = rss(guarded_server)
    for i in range(20):
        v = Visitor(guarded_server.url, f"headcount={100 + i}&complexity=3")
        try:
            v.first_answer(timeout=30)
        finally:
            v.close()
        if status(guarded_server.url) == 503:
            wait_free(guarded_server)
    wait_free(guarded_server)
    time.sleep(JANITOR_SECONDS + 1)
    after = rss(guarded_server)
    assert after <= baseline * 1.10, f"{after / 2**20:.0f} MiB after, {baseline / 2**20:.0f} before"


def test_the_memo_is_for_the_links_inputs(guarded_server):
    company = Company(headcount=180, complexity=3, founder_overloaded=True, name="Acme & Co")
    query = "headcount=180&complexity=3&founder_overloaded=yes&name=Acme+%26+Co"
    with urlopen(guarded_server.url + "memo.html?" + query, timeout=120) as r:
        assert r.status == 200
        assert r.headers["content-disposition"] == 'attachment; filename="cpo-memo-acme-co.html"'
        memo = r.read().decode("utf-8")
    a = assess(company)
    assert "Acme &amp; Co" in memo and DECISION_LABELS[a.create_cpo] in memo
    assert "180" in memo
    code, page, _ = get(guarded_server.url + "memo.html?headcount=-3")
    assert code == 400 and "No memo for this link" in page and "headcount" in page
    code, page, _ = get(guarded_server.url + "memo.html?theme=dark")
    assert code == 400 and "The link holds no headcount" in page


def test_a_server_process_that_dies_is_replaced_and_visitors_still_get_the_app(guarded_server):
    wait_free(guarded_server)
    top = psutil.Process(guarded_server.proc.pid)
    workers = top.children()
    assert len(workers) == WORKERS
    workers[0].kill()
    deadline = time.monotonic() + 30
    while True:  # a new process takes the dead one's place
        now = {p.pid for p in top.children()}
        if len(now) == WORKERS and workers[0].pid not in now:
            break
        assert time.monotonic() < deadline, "the dead server process was not replaced"
        time.sleep(0.2)
    for i in range(2 * WORKERS):  # every visitor gets the app, whichever process takes them
        v = Visitor(guarded_server.url, f"headcount={200 + i}")
        try:
            v.first_answer(timeout=30)
        finally:
            v.close()
        wait_free(guarded_server)
