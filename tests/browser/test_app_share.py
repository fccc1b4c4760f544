"""The served app in Chromium: the page shows at once, a link keeps the inputs, the memo is for
the inputs on screen, printing gives the answer card on one A4 page, a lost connection is said
with a one-click reload, and the page fits a phone and a laptop."""

from __future__ import annotations

import re
import subprocess
import time

import pytest

from cpo_model import Company, assess
from cpo_model.charts.live import LiveMap
from cpo_model.present import DECISION_LABELS
from tests.browser.support import (
    APP_COMPANY,
    BROWSER_MARKS,
    LAPTOP,
    POLICY,
    TITLE,
    card_label_lines,
    free_port,
    python_cmd,
    running_server,
    screenshot,
    settle,
    type_headcount,
    wait_until,
)

pytestmark = BROWSER_MARKS
PHONE = {"width": 390, "height": 844}
LINK = "?headcount=180&complexity=3&founder_overloaded=yes"
LINKED = APP_COMPANY.with_changes(headcount=180, complexity=3, founder_overloaded=True)


def open_link(page, server, link: str = LINK, base: Company = LINKED) -> dict:
    page.goto(server.url + link, wait_until="domcontentloaded")
    page.wait_for_selector("#app .cpo-explorer .cpo-card")
    return settle(page, base)


def test_the_header_and_the_links_answer_show_before_the_controls(page, app_server):
    """The page's first response holds the header and the link's answer card; the app's own
    card, once up, says the same and takes its place."""
    page.goto(app_server.url + LINK, wait_until="commit")
    page.wait_for_selector("#cpo-skeleton h1", state="visible", timeout=5000)
    shown = page.evaluate(
        "() => ({h1: document.querySelector('#cpo-skeleton h1').innerText,"
        " first: document.querySelector('#cpo-skeleton .cpo-card').innerText,"
        " text: document.querySelector('#cpo-skeleton').innerText})"
    )
    assert shown["h1"] == TITLE
    assert "Loading the controls" in shown["text"]
    a = assess(LINKED, POLICY)
    assert DECISION_LABELS[a.create_cpo] in shown["first"] and "180 people" in shown["first"]
    page.wait_for_selector("#app .cpo-explorer .cpo-card")
    wait_until(
        page,
        lambda: (page.locator("#cpo-skeleton").count() == 0, "skeleton still there"),
        10,
        "the first answer to give way to the app",
    )
    assert page.locator("h1", has_text=TITLE).count() == 1
    card = page.locator("#app .cpo-explorer .cpo-card").inner_text()
    assert card.splitlines()[:3] == shown["first"].splitlines()[:3]


def test_the_link_follows_the_inputs_and_a_reload_keeps_them(page, app_server):
    state = open_link(page, app_server)
    assert state["headcount"] == "180"
    type_headcount(page, "5000")
    settle(page, LINKED, state)
    wait_until(
        page,
        lambda: ("headcount=5000" in page.url, page.url),
        10,
        "the address to carry the new headcount",
    )
    assert "complexity=3" in page.url and "founder_overloaded=yes" in page.url
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector("#app .cpo-explorer .cpo-card")
    state = settle(page, LINKED.with_changes(headcount=5000))
    assert state["headcount"] == "5000" and "(5,000 people" in state["card"]


def test_a_hostile_link_shows_the_app_with_a_plain_note(page, app_server):
    page.goto(
        app_server.url + '?headcount=abc&theme="><img src=x onerror=window.hit=1>',
        wait_until="domcontentloaded",
    )
    page.wait_for_selector("#app .cpo-card")
    note = page.locator(".cpo-link-problem").inner_text()
    assert note.startswith("The link's inputs were not used") and "abc" in note
    assert page.evaluate("() => window.hit") is None
    settle(page, APP_COMPANY)  # the app's own starting point


def test_the_memo_is_for_the_inputs_on_screen(page, app_server, tmp_path):
    state = open_link(page, app_server)
    type_headcount(page, "2600")
    settle(page, LINKED, state)
    expected = DECISION_LABELS[assess(LINKED.with_changes(headcount=2600)).create_cpo]
    # the panel's own button would write on the server's disk: the served page has none
    assert not page.get_by_role("button", name="Write the memo").is_visible()
    with page.expect_download(timeout=120_000) as got:
        page.get_by_text("Download the memo (HTML)").click()
    memo = tmp_path / got.value.suggested_filename
    got.value.save_as(memo)
    html = memo.read_text(encoding="utf-8")
    assert memo.suffix == ".html" and expected in html and "2,600" in html
    with page.expect_download(timeout=120_000) as got:
        page.get_by_text("Download the memo (PDF)").click()
    pdf = tmp_path / got.value.suggested_filename
    got.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "2,600" in text


def test_printing_gives_the_answer_card_on_one_a4_page(page, app_server, tmp_path):
    state = open_link(page, app_server)
    card = " ".join(state["card"].split())
    page.emulate_media(media="print")
    out = tmp_path / "print.pdf"
    page.pdf(path=str(out), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split()
    )
    assert TITLE in text
    for line in (card.split(" Why ")[0][:60], "Role that fits today", "(180 people"):
        assert line in text, line
    for control in (
        "Your company",
        "Advanced",
        "Download the memo",
        "Write the memo",
        "Complexity factors",
    ):
        assert control not in text, f"{control!r} printed"


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390px", "1366px"])
def test_the_page_fits_the_screen_with_labels_on_one_line(page, app_server, size):
    """As it opens, and with each Advanced section opened in turn (each is built when first
    opened)."""
    from cpo_model.widgets.explorer import SECTIONS

    page.set_viewport_size(size)
    open_link(page, app_server)
    fits(page, size["width"])
    for title, _ in SECTIONS:
        page.locator("#app .cpo-explorer").get_by_text(title, exact=True).click()
        page.wait_for_function(OPEN_SECTION_SHOWN, timeout=10000)
        fits(page, size["width"])
    screenshot(page, f"app-share-{size['width']}", full_page=False)


# the open Advanced section shows its controls (built by the server when first opened)
OPEN_SECTION_SHOWN = """() => {
  const open = document.querySelector('#app .jupyter-widget-Collapse-open');
  return !!open && [...open.querySelectorAll('.widget-inline-hbox, .widget-checkbox')]
    .some(e => e.offsetParent !== null);
}"""


def fits(page, width: int) -> None:
    """Nothing wider than the window but tables, every label on one line, touch-sized controls
    below 600 px."""
    widest = page.evaluate("() => document.documentElement.scrollWidth")
    assert widest <= width, f"the page is {widest}px wide in a {width}px window"
    outside = page.evaluate(
        """(w) => [...document.querySelectorAll('#app .cpo-app *')].filter(e => {
             const r = e.getBoundingClientRect();
             return r.width > 0 && r.height > 0 && (r.left < -0.5 || r.right > w + 0.5)
               && !e.closest('table') && !e.closest('.lm-mod-hidden');
           }).map(e => e.className.toString().slice(0, 40))""",
        width,
    )
    assert outside == [], outside
    lines = card_label_lines(page, "#app")
    assert lines and all(n == 1 for _, n in lines), lines
    labels = page.evaluate(
        """() => [...document.querySelectorAll(
             '#app .cpo-app .widget-label, #app .cpo-app .lm-TabBar-tabLabel, #app .cpo-share a')]
           .filter(e => e.offsetParent !== null && e.textContent.trim())
           .map(e => { const r = document.createRange(); r.selectNodeContents(e);
             const rows = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
             return [e.textContent.trim(), rows.size]; })"""
    )
    assert labels and [t for t, n in labels if n != 1] == [], labels
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('#app .cpo-app .lm-TabBar-tabLabel')]
             .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
             .map(e => e.textContent)"""
    )
    assert clipped == [], f"tab titles cut short: {clipped}"
    if width < 600:  # touch: inputs, lists and share buttons at least 36 px tall
        small = page.evaluate(
            """() => [...document.querySelectorAll(
                 '#app .cpo-app input[type=text], #app .cpo-app input[type=number],'
                 + ' #app .cpo-app select, #app .cpo-share a')]
               .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 36)
               .map(e => e.outerHTML.slice(0, 60))"""
        )
        assert small == [], small


def smallest_text_px(key: str, narrow: bool) -> float:
    """A chart's smallest text, in the PNG's pixels, as the app draws it for LINKED."""
    from matplotlib.text import Text

    from cpo_model.widgets.explorer import CHARTS

    live = LiveMap(narrow=narrow)
    fig, _ = CHARTS[key][1](assess(LINKED), POLICY, live)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    return min(sizes) * live.dpi / 72


SHOWN_CHART = """(before) => { const i = [...document.querySelectorAll('#app .cpo-charts img')]
     .find(i => i.offsetParent !== null);
   return i && i.complete && i.naturalWidth > 0 && i.src !== before
     && [i.getBoundingClientRect().width, i.naturalWidth, i.src]; }"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390px", "1366px"])
def test_every_charts_text_is_at_least_9px_on_a_phone(page, app_server, size):
    """A phone gets every chart drawn for its width (its smallest text at least 9 px on screen,
    and no wider than the screen); a laptop the map as before, at its own size."""
    from cpo_model.widgets.explorer import CHARTS

    page.set_viewport_size(size)
    open_link(page, app_server)
    shown = page.wait_for_function(SHOWN_CHART, arg="").json_value()
    if size["width"] >= 600:
        assert shown[:2] == [800, 800], shown
        return
    assert shown[1] == 312, shown  # the map, drawn for a phone
    for i, (key, (title, _)) in enumerate(CHARTS.items()):
        if i:  # open the chart's tab, as a tap does
            page.locator("#app .cpo-charts .lm-TabBar-tab", has_text=title).click()
            shown = page.wait_for_function(SHOWN_CHART, arg=shown[2]).json_value()
        on_screen = shown[0] / shown[1] * smallest_text_px(key, narrow=True)
        assert on_screen >= 9, f"{title}: smallest text {on_screen:.1f}px on screen ({shown[:2]})"
        assert shown[0] <= size["width"], f"{title} is {shown[0]}px wide"


def test_a_restart_is_said_within_5_s_and_reload_restores_the_inputs(browser):
    """The server stops under an open page: the page says so within 5 s; the server restarts
    on the same port at once; the notice's button reloads the page with its inputs."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    port = free_port()
    # one server process: this is about the page and the port, and it starts twice as fast
    cmd = python_cmd("-m", "cpo_model", "app", "--port", str(port), "--workers", "1")
    try:
        with running_server(cmd, port, "app-restart") as server:
            before = open_link(page, server)
            type_headcount(page, "4200")
            settle(page, LINKED, before)
            wait_until(page, lambda: ("headcount=4200" in page.url, page.url), 10, "the link")
            server.proc.terminate()
            server.proc.wait(timeout=15)
            t0 = time.monotonic()
            page.wait_for_selector("#cpo-notice.cpo-shown", timeout=5000)
            assert time.monotonic() - t0 < 5
            notice = page.locator("#cpo-notice").inner_text()
            assert "connection to the app was lost" in notice or "restarted" in notice
        with running_server(cmd, port, "app-restarted") as again:
            page.get_by_role("button", name=re.compile("Reload")).click()
            page.wait_for_selector("#app .cpo-explorer .cpo-card")
            state = settle(page, LINKED.with_changes(headcount=4200))
            assert state["headcount"] == "4200"
            assert again.port == port
    finally:
        context.close()


def test_visitors_opening_the_link_together_all_get_their_answer_and_the_app(browser, app_server):
    """A smoke test of a crowd in real browsers (the load itself is measured by `make bench`
    with clients that do not render): four visitors open their links at once (one browser, four
    windows); each reads its own answer, then gets the working app with the same answer."""
    contexts = [browser.new_context(viewport=LAPTOP) for _ in range(4)]
    try:
        pages = [c.new_page() for c in contexts]
        for i, p in enumerate(pages):  # all ten start loading before any is waited for
            p.goto(app_server.url + f"?headcount={1100 + i}&complexity=2", wait_until="commit")
        for i, p in enumerate(pages):
            first = p.locator("#cpo-skeleton .cpo-card, #app .cpo-explorer .cpo-card").first
            first.wait_for(timeout=30000)
            p.wait_for_selector("#app .cpo-explorer .cpo-card", timeout=60000)
            card = p.locator("#app .cpo-explorer .cpo-card").inner_text()
            expected = assess(APP_COMPANY.with_changes(headcount=1100 + i, complexity=2), POLICY)
            assert f"({1100 + i:,} people" in card
            assert DECISION_LABELS[expected.create_cpo] in card
    finally:
        for c in contexts:
            c.close()
