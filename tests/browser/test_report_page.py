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

# elements that reach past the memo's column (images may use its padding, nothing may leave it)
OVERFLOWING = """() => {
  const main = document.querySelector("main.memo");
  const box = main.getBoundingClientRect();
  const right = box.right - parseFloat(getComputedStyle(main).paddingRight);
  const wide = e => {
    const r = e.getBoundingClientRect();
    if (e.tagName === "IMG") return r.left < box.left - 1 || r.right > box.right + 1;
    return r.right > right + 1 || e.scrollWidth > e.clientWidth + 1;
  };
  return [...main.querySelectorAll("table, img, pre, p, ul, dl, h1, h2, h3")].filter(wide)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} px in ${e.clientWidth}`);
}"""


def _report(*args: str) -> None:
    """`cpo-model report ARGS` as a user runs it; it must succeed."""
    done = subprocess.run(
        python_cmd("-m", "cpo_model", "report", *args),
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def _assert_fits(page) -> None:
    """On a desktop and a tablet every table and chart fits the memo's column; on a phone wide
    tables scroll inside themselves, never the page."""
    for width in (1280, 700):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(OVERFLOWING) == [], f"at {width} px"
    page.set_viewport_size({"width": 375, "height": 800})
    sideways = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, f"the page scrolls sideways by {sideways} px on a phone"


def test_report_opens_offline_without_errors(page, tmp_path):
    out = tmp_path / "report.html"
    _report(
        "--name", "Browser Test Co", "--headcount", "300", "--complexity", "4", "--out", str(out)
    )
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
    _assert_fits(page)

    outside = [u for u in page.requests if not u.startswith(("file:", "data:"))]
    assert not outside, f"the report requests the network: {outside}"
    assert not page.failed, page.failed
    assert not page.console_errors, page.console_errors
    assert not page.page_errors, page.page_errors


def test_portfolio_index_fits_the_page(page, tmp_path):
    """The bundled examples' index (14 companies, every answer and role) as a user makes it."""
    _report("--csv", str(ROOT / "data" / "examples" / "companies.csv"), "--out-dir", str(tmp_path))
    page.goto((tmp_path / "index.html").as_uri(), wait_until="load")
    _assert_fits(page)
