"""The app in headless Chromium: answers follow the controls, at two widths."""

from __future__ import annotations

from tests.browser.support import (
    APP_COMPANY,
    BROWSER_MARKS,
    TABLET,
    TITLE,
    card_label_lines,
    complexity_list,
    full_screenshot,
    no_horizontal_overflow,
    open_app,
    read_explorer,
    settle,
    type_headcount,
    wait_for_state,
)

pytestmark = BROWSER_MARKS


def test_app_answers_follow_the_controls(page, app_server):
    state = open_app(page, app_server)
    text = page.inner_text("body")
    assert TITLE in text
    for code in ("from cpo_model", "app_page(", "NBVAL_IGNORE_OUTPUT"):
        assert code not in text, f"code visible in the app: {code!r}"
    assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0, (
        "a code input area is on the page"
    )
    assert (
        page.locator(
            '[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output pre'
        ).count()
        == 0
    ), "kernel messages on the page"
    assert no_horizontal_overflow(page)[0]
    lines = card_label_lines(page)  # "Role that fits today" on one line, not in a 3-letter column
    assert lines and all(n == 1 for _, n in lines), lines
    full_screenshot(page, "app-laptop")

    # Typing in the number box (Enter), then again (Tab): the card and chart follow.
    type_headcount(page, "5000")
    state = settle(page, APP_COMPANY, state)
    assert state["headcount"] == "5000", state["headcount"]
    type_headcount(page, "40", key="Tab")
    state = settle(page, APP_COMPANY, state)

    # The complexity list starts at "not stated"; from the keyboard, two steps down: level 2.
    assert state["complexity"] == "not stated"
    choice = complexity_list(page)
    choice.focus()
    choice.press("ArrowDown")
    choice.press("ArrowDown")
    wait_for_state(
        page, lambda s: s["complexity"].startswith("2: "), "the complexity list to show level 2"
    )
    state = settle(page, APP_COMPANY, state)
    assert "Level 2, as given" in page.inner_text(".cpo-explorer .cpo-controls")

    # The headcount slider: keyboard steps, then a drag to three quarters of the track
    # (about 180,000).
    slider = page.locator(".cpo-explorer .widget-hslider").first
    knob = slider.locator(".noUi-handle")
    knob.focus()
    before = int(state["headcount"])
    knob.press("PageUp")
    state = settle(page, APP_COMPANY, state)
    assert int(state["headcount"]) > before
    track = slider.locator(".noUi-base").bounding_box()
    grip = knob.bounding_box()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.75, grip["y"] + grip["height"] / 2, steps=10)
    page.mouse.up()
    state = settle(page, APP_COMPANY, state)
    assert int(state["headcount"]) > 10_000, state["headcount"]

    # An invalid value: the error names headcount, the last valid answer stays.
    last = state
    type_headcount(page, "0")
    error = wait_for_state(page, lambda s: bool(s["error"]), "the error message")["error"]
    assert "headcount" in error
    assert page.locator(".cpo-explorer .cpo-error").is_visible()
    now = read_explorer(page)
    assert now["card"] == last["card"] and now["imgHash"] == last["imgHash"], (
        "the last valid answer should stay"
    )
    type_headcount(page, "-5", key="Tab")
    wait_for_state(page, lambda s: "-5" in (s["error"] or ""), "the error for -5")
    assert read_explorer(page)["card"] == last["card"]
    full_screenshot(page, "app-laptop-invalid")

    # A valid value again: the error goes, the page keeps working.
    type_headcount(page, "300")
    state = settle(page, APP_COMPANY, last)
    assert state["error"] is None
    assert not page.page_errors, page.page_errors


def test_app_at_tablet_width(page, app_server):
    page.set_viewport_size(TABLET)
    open_app(page, app_server)
    assert page.get_by_text(TITLE).is_visible()
    ok, widest = no_horizontal_overflow(page)
    assert ok, f"content {widest}px wide in a {TABLET['width']}px window"
    for sel in (
        ".cpo-explorer .widget-text input",
        ".cpo-explorer .cpo-card",
        ".cpo-explorer .widget-tab img",
    ):
        box = page.locator(sel).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= TABLET["width"], (
            f"{sel} outside the window: {box}"
        )
    full_screenshot(page, "app-tablet")


def test_app_keeps_the_typed_headcount(page, app_server):
    state = open_app(page, app_server)
    assert state["headcount"] == "150"  # DEFAULT_COMPANY
    type_headcount(page, "5000")
    state = settle(page, APP_COMPANY, state)
    page.wait_for_timeout(1000)  # an echo from the slider would arrive within this
    state = read_explorer(page)
    assert state["headcount"] == "5000" and "(5,000 people" in state["card"]


def test_app_is_offline_and_speaks_plain_words(page, app_server):
    """No request leaves 127.0.0.1, the console shows no error, and no code label is shown."""
    state = open_app(page, app_server)
    type_headcount(page, "2500")
    settle(page, APP_COMPANY, state)
    page.wait_for_timeout(1000)  # late requests (fonts, icons) would come now
    local = (app_server.url, "data:", "blob:", "about:")
    outside = [u for u in page.requests if not u.startswith(local)]
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert page.failed == [], page.failed
    assert page.console_errors == [] and page.page_errors == [], (
        page.console_errors,
        page.page_errors,
    )
    text = page.inner_text(".cpo-app")
    for code in (
        "create_cpo",
        "pm_only",
        "vp_product",
        "head_of_product",
        "founder_led",
        "= consider",
    ):
        assert code not in text, f"code label in the app: {code!r}"
    assert "2,500 people" in text  # thousands separators
