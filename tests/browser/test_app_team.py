"""The app's team tab in headless Chromium: raters added and edited, the team answer follows."""

from __future__ import annotations

from cpo_model import assess
from cpo_model.present import DECISION_LABELS
from tests.browser.support import (
    APP_COMPANY,
    BROWSER_MARKS,
    UPDATE_TIMEOUT,
    full_screenshot,
    no_horizontal_overflow,
    open_app,
    wait_until,
)

pytestmark = BROWSER_MARKS


def test_a_team_adds_raters_and_sees_what_to_settle(page, app_server):
    open_app(page, app_server)
    page.locator(".cpo-views .lm-TabBar-tab", has_text="A team's views").click()
    panel = page.locator(".cpo-team-panel")
    panel.wait_for(state="visible", timeout=UPDATE_TIMEOUT * 1000)
    summary = panel.locator(".cpo-team")
    assert "Team answer for" in summary.inner_text()
    assert panel.locator(".cpo-rater").count() == 3

    panel.get_by_role("button", name="Add rater").click()
    four = lambda: (panel.locator(".cpo-rater").count() == 4, None)  # noqa: E731
    wait_until(page, four, UPDATE_TIMEOUT, "a 4th rater")
    rows = panel.locator(".cpo-rater")
    rows.nth(0).locator("select").first.select_option(label="level 2")
    rows.nth(1).locator("select").first.select_option(label="level 5")
    # median of 2 and 5 is 3.5, rounded up: the team's level is 4
    team = assess(APP_COMPANY.with_changes(complexity=4))
    expected = f"{DECISION_LABELS[team.create_cpo]} (score {team.score:g})"

    def shown():
        text = summary.inner_text()
        return expected in text and "Product complexity" in text, text

    wait_until(page, shown, UPDATE_TIMEOUT, f"the team answer {expected!r}")
    wait_until(
        page,
        lambda: (panel.locator("img").first.bounding_box() is not None, None),
        UPDATE_TIMEOUT,
        "the team chart",
    )
    assert no_horizontal_overflow(page)[0]
    full_screenshot(page, "app-team")
