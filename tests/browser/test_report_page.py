"""The HTML report in headless Chromium: opens offline, with no error and no request."""

from __future__ import annotations

import subprocess

from cpo_model import (
    Company,
    assess,
)
from cpo_model.present import DECISION_LABELS
from tests.browser.support import (
    BROWSER_MARKS,
    ROOT,
    full_screenshot,
    python_cmd,
    server_env,
)

pytestmark = BROWSER_MARKS


def test_report_opens_offline_without_errors(page, tmp_path):
    out = tmp_path / "report.html"
    done = subprocess.run(
        python_cmd(
            "-m",
            "cpo_model",
            "report",
            "--name",
            "Browser Test Co",
            "--headcount",
            "300",
            "--complexity",
            "4",
            "--out",
            str(out),
        ),
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert out.is_file()

    page.goto(out.as_uri(), wait_until="load")
    a = assess(Company(headcount=300, complexity=4, name="Browser Test Co"))
    text = page.inner_text("body")
    assert "Browser Test Co" in text
    assert DECISION_LABELS[a.create_cpo] in text, (
        f"the report should say {DECISION_LABELS[a.create_cpo]!r}"
    )
    images = page.locator("img")
    assert images.count() > 0
    assert page.evaluate(
        "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    ), "an image did not load"
    full_screenshot(page, "report")

    outside = [u for u in page.requests if not u.startswith(("file:", "data:"))]
    assert not outside, f"the report requests the network: {outside}"
    assert not page.failed, page.failed
    assert not page.console_errors, page.console_errors
    assert not page.page_errors, page.page_errors
