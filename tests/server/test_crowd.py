"""Twenty visitors open the app within one second on a server that takes twelve at once: each
gets the app or is told plainly that the server is busy, and its page tries again by itself."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError

import pytest
from websockets.exceptions import ConnectionClosed

from cpo_model.server.probe import ANSWER_MARK, Visitor
from cpo_model.server.shell import CLOSE_BUSY
from tests.browser.support import free_port, python_cmd, running_server, server_env
from tests.server.conftest import IDLE_SECONDS, wait_free

CROWD = 20
CAP = 12  # below the crowd, so some visitors are let in and the others are turned away
WAIT = 60  # seconds any one visitor waits for any one answer
# When each visitor arrives (s): 14 at once (some get the page before the cap is reached and
# are turned away by their session), then 6 over the next second (turned away by the page).
ARRIVALS = [0.0] * 14 + [0.4 + 0.1 * i for i in range(6)]
BUSY_WORDS = ("The app is busy", "tries again by itself in 30 seconds")
# the page's script: a session refused as busy shows the notice, then reloads the page
RELOADS_WHEN_BUSY = re.compile(r"e\.code === BUSY\) setTimeout\(function \(\) \{ location\.reload")


@pytest.fixture(scope="module")
def crowded_server():
    """`cpo-model app --max-sessions 12`, pages let go after 3 s of silence."""
    pytest.importorskip("solara", reason="the server extra is not installed")
    port = free_port()
    env = server_env() | {
        "CPO_MODEL_APP_IDLE_SECONDS": str(IDLE_SECONDS),
        "CPO_MODEL_APP_RECONNECT_SECONDS": "1",
    }
    cmd = python_cmd("-m", "cpo_model", "app", "--port", str(port), "--max-sessions", str(CAP))
    with running_server(cmd, port, "app-crowd", env=env) as server:
        yield server


def visit(v: Visitor, delay: float) -> tuple[str, str]:
    """One visitor arriving after `delay` s: what it got and what it was shown. Outcomes:
    "card", "busy page" (503), "busy notice" (page, then its session closed as busy), or what
    went wrong. Every wait is bounded by WAIT."""
    time.sleep(delay)
    try:
        v.open_page(WAIT)
    except HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")
        busy = exc.code == 503 and exc.headers.get("retry-after") == "30"
        refresh = "<meta http-equiv='refresh' content='30'>" in body
        ok = busy and refresh and all(w in body for w in BUSY_WORDS)
        return ("busy page" if ok else f"HTTP {exc.code}"), body
    except Exception as exc:  # noqa: BLE001 - any failure is an outcome the test names
        return "no page", repr(exc)
    if "cpo-skeleton" not in v.page:
        return "blank page", v.page
    try:
        v.connect(WAIT)
        v.start()
        v.answer = v.wait_for(ANSWER_MARK, WAIT)
        return "card", v.answer
    except ConnectionClosed as exc:
        code = exc.rcvd.code if exc.rcvd else None
        said = all(w in v.page for w in BUSY_WORDS) and RELOADS_WHEN_BUSY.search(v.page)
        return ("busy notice" if code == CLOSE_BUSY and said else f"closed {code}"), repr(exc)
    except Exception as exc:  # noqa: BLE001
        return "no answer", repr(exc)


def test_a_crowd_gets_the_app_or_a_plain_busy_page_and_the_next_visitor_gets_in(
    crowded_server,
):
    wait_free(crowded_server)
    crowd = [Visitor(crowded_server.url, f"headcount={100 + i}") for i in range(CROWD)]
    try:
        with ThreadPoolExecutor(CROWD) as pool:  # every visitor holds its page to the end
            outcomes = list(pool.map(visit, crowd, ARRIVALS))
    finally:
        for v in crowd:
            v.close()  # the crowd leaves, as closing tabs do
    kinds = [kind for kind, _ in outcomes]
    wrong = [
        (k, text[:300]) for k, text in outcomes if k not in ("card", "busy page", "busy notice")
    ]
    assert wrong == [], wrong
    assert kinds.count("card") == CAP, kinds  # the server took as many as its cap, no fewer
    for v, (kind, _) in zip(crowd, outcomes, strict=True):
        if kind == "card":
            assert f"({v.query.split('=')[1]} people" in v.answer  # its own link's answer
    wait_free(crowded_server)
    late = Visitor(crowded_server.url, "headcount=450")
    try:
        late.first_answer(timeout=WAIT)
        assert "(450 people" in late.answer
    finally:
        late.close()
