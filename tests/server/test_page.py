"""A visitor's page: its first chart waits while other pages are being built, and the page's
first response carries the link's answer."""

from __future__ import annotations

import asyncio

from cpo_model import Company, assess
from cpo_model.present import DECISION_LABELS, ROLE_LABELS
from cpo_model.server.page import Builds, page_answer


def test_a_chart_waits_while_another_page_is_built_and_never_longer_than_the_wait():
    async def run() -> tuple[list, list]:
        builds, waited, capped = Builds(wait=1.0, poll=0.01), [], []
        loop = asyncio.get_running_loop()
        with builds:
            builds.later(lambda: waited.append(loop.time()))
            await asyncio.sleep(0.2)
            assert waited == []  # another page is being built: the chart waits
        freed = loop.time()
        await asyncio.sleep(0.2)
        assert len(waited) == 1 and waited[0] >= freed
        short = Builds(wait=0.1, poll=0.01)
        with short:
            start = loop.time()
            short.later(lambda: capped.append(loop.time() - start))
            await asyncio.sleep(0.5)  # a build that goes on: the chart comes after the wait
        return waited, capped

    _, capped = asyncio.run(run())
    assert len(capped) == 1 and 0.1 <= capped[0] < 0.4


def test_outside_an_event_loop_the_chart_is_drawn_at_once():
    drawn = []
    with Builds() as builds:
        builds.later(lambda: drawn.append(1))
    assert drawn == [1]


def test_the_pages_first_answer_is_the_links():
    html = page_answer("headcount=2500&complexity=5&name=Big+%26+Co")
    a = assess(Company(headcount=2500, complexity=5))
    assert DECISION_LABELS[a.create_cpo] in html and ROLE_LABELS[a.role] in html
    assert "Big &amp; Co" in html and "2,500 people" in html
    bare = page_answer("")  # the bare link: the app's starting company, as the app shows it
    assert "150 people" in bare
    assert page_answer("headcount=abc") == ""  # the app's page says what is wrong instead
