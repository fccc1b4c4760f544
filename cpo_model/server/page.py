"""The page a visitor sees: `app_page` with the link's inputs and the share bar."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import parse_qsl

QUERY_HEADER = "x-cpo-query"  # set by the guard from the page's own query
NARROW_PARAM = "cpo_view"  # added to the query by the page's script on a phone-sized screen
# A page's first chart waits while other visitors' pages are being built, at most this long (our
# own judgement: a chart is never more than 2 s behind its answer), looking this often.
CHART_WAIT_SECONDS = 2.0
CHART_POLL_SECONDS = 0.05


def link_query() -> str:
    """The query of the page this session serves ('' outside the app's server)."""
    try:
        import solara.lab

        headers = solara.lab.headers.value or {}
    except Exception:  # not inside a session
        return ""
    values = headers.get(QUERY_HEADER) or [""]
    return values[0]


class Builds:
    """How many visitors' pages are being built now, in this process. A page's first chart waits
    for none to be (at most `wait` seconds, looking every `poll`), so visitors who arrive
    together get their answers and controls first and their charts just after.

    >>> builds = Builds()
    >>> with builds:
    ...     builds.busy
    True
    """

    def __init__(self, wait: float = CHART_WAIT_SECONDS, poll: float = CHART_POLL_SECONDS):
        self.wait, self.poll = wait, poll
        self._count = 0
        self._lock = threading.Lock()

    def __enter__(self) -> Builds:
        with self._lock:
            self._count += 1
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._count -= 1

    @property
    def busy(self) -> bool:
        return self._count > 0

    def later(self, draw) -> None:
        """Run `draw` on this session's event loop once no page is being built (or `wait` has
        passed); at once outside an event loop."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            draw()
            return
        deadline = loop.time() + self.wait

        def look() -> None:
            if self.busy and loop.time() < deadline:
                loop.call_later(self.poll, look)
            else:
                draw()

        loop.call_later(self.poll, look)


BUILDS = Builds()


def visitor_page():
    """The app's page for the current visitor."""
    from ..app import app_page

    query = link_query()
    narrow = dict(parse_qsl(query)).get(NARROW_PARAM) == "narrow"
    with BUILDS:
        return app_page(query=query, share=True, lazy=BUILDS.later, narrow=narrow)


def page_answer(query: str) -> str:
    """The answer card for a link's query, for the page's first response ('' if it fails: the
    page then shows a placeholder until the app is up)."""
    from ..app import first_answer_html

    try:
        return first_answer_html(query)
    except Exception:  # never worse than the placeholder
        return ""


def warm() -> None:
    """Load what a first page needs and draw the bare link's map background, before the process
    takes visitors: its first visitor then waits no longer than the next."""
    from ..app import first_answer_html
    from ..charts.live import LiveMap
    from ..company import Company
    from ..model import assess
    from ..policy import policy_from_env, resolve
    from ..widgets.explorer import CHARTS, DEFAULT_COMPANY

    first_answer_html("")
    policy = resolve(policy_from_env())[0]
    CHARTS["map"][1](assess(Company(**DEFAULT_COMPANY), policy), policy, LiveMap())
