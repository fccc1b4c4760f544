"""End to end in headless Chromium: the app (Voilà), the Explorer in JupyterLab, the HTML report.

Expected answers come from the Python API (`assess`), never from hard-coded strings. Servers
and the browser are set up in tests/browser_support.py. Screenshots go to
test-artifacts/screenshots/, server logs to test-artifacts/logs/.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import nbformat
import psutil

matplotlib.use("Agg")  # in this process only: servers and kernels get their own backend

import pytest  # noqa: E402
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, python_cmd, running_server, screenshot, server_env  # noqa: E402

from cpo_model import Company, assess, load_policy  # noqa: E402
from cpo_model.errors import InvalidInputError  # noqa: E402
from cpo_model.types import DECISION_LABELS, ROLE_LABELS  # noqa: E402
from cpo_model.widgets import CHARTS, DEFAULT_COMPANY, figure_png  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}: install Debian's (make browser, or apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) not installed: pip install -e '.[test]'")

RENDER_TIMEOUT = 120  # s: first page load, kernel start and first render (JupyterLab is slow)
UPDATE_TIMEOUT = 30  # s: one widget change round-trips through the kernel
LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}
TITLE = "Should we create a Chief Product Officer role?"
POLICY = load_policy()
APP_COMPANY = Company(**DEFAULT_COMPANY)  # what `app_page()` starts from

# Reads the Explorer's state from the page in one go: the number box, the complexity readout,
# the card, the error message and the chart in the visible tab (as a SHA-256 of its bytes).
READ_EXPLORER = """
async (root) => {
  const ex = document.querySelector(root);
  if (!ex) return null;
  const byLabel = (sel, text) => [...ex.querySelectorAll(sel)].find(w => (w.querySelector('label')?.textContent || '').trim() === text);
  const box = byLabel('.widget-text', 'Headcount')?.querySelector('input');
  const cx = byLabel('.widget-hslider', 'Complexity')?.querySelector('.widget-readout');
  const card = ex.querySelector('.cpo-card');
  const err = ex.querySelector('.cpo-error');
  const img = [...ex.querySelectorAll('.widget-tab img')].find(i => !i.classList.contains('lm-mod-hidden') && i.offsetParent !== null);
  let imgHash = null, imgSrc = null;
  if (img && img.src) {
    imgSrc = img.src;
    try {
      const buf = await (await fetch(img.src)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', buf);
      imgHash = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
    } catch (e) { imgHash = 'unreadable: ' + e; }
  }
  return {
    headcount: box ? box.value : null,
    complexity: cx ? cx.textContent.trim() : null,
    card: card ? card.innerText : null,
    error: err ? err.innerText : null,
    imgSrc, imgHash,
  };
}
"""


# --- helpers ----------------------------------------------------------------------------------


def wait_until(page, check: Callable[[], tuple[bool, Any]], timeout: float, what: str) -> Any:
    """Poll `check` (-> (done, detail)) until done; fail with the last detail after `timeout` s."""
    deadline = time.monotonic() + timeout
    detail: Any = None
    while True:
        done, detail = check()
        if done:
            return detail
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; last seen: {detail!r}")
        page.wait_for_timeout(200)


def read_explorer(page, root: str = ".cpo-explorer") -> dict | None:
    return page.evaluate(READ_EXPLORER, root)


def wait_for_state(page, ok: Callable[[dict], bool], what: str, root: str = ".cpo-explorer") -> dict:
    """Wait until the Explorer's state (see READ_EXPLORER) satisfies `ok`; returns it."""

    def check():
        s = read_explorer(page, root)
        return bool(s) and ok(s), s

    return wait_until(page, check, UPDATE_TIMEOUT, what)


def notebook_company(name: str) -> Company:
    """The `company = Company(...)` a notebook builds its Explorer from (run here from its own source)."""
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    source = next(c.source for c in nb.cells if c.cell_type == "code" and re.search(r"^company = Company\(", c.source, re.M))
    namespace: dict[str, Any] = {"Company": Company}
    exec(source, namespace)
    return namespace["company"]


def expected_summary(company: Company) -> tuple[str, ...]:
    """What the card must say for this company, per the Python API."""
    a = assess(company)
    return (
        f"create_cpo = {a.create_cpo.value}",
        f"Stage {a.stage_says} ({company.headcount:,} people",
        f"Role {ROLE_LABELS[a.role]} · Score {a.score:g}",
    )


@functools.lru_cache(maxsize=64)
def expected_map_hash(company: Company) -> str:
    """SHA-256 of the decision map for this company (the kernel draws it the same way: no pyplot)."""
    return hashlib.sha256(figure_png(CHARTS["map"][1](assess(company), POLICY))).hexdigest()


def shown_company(state: dict | None, base: Company) -> tuple[Company | None, str]:
    """`base` with the headcount and complexity the controls show now (None while not readable)."""
    if not state or not state["card"] or not state["headcount"] or not state["complexity"]:
        return None, "explorer not rendered"
    try:
        return base.with_changes(headcount=int(state["headcount"]), complexity=int(state["complexity"])), ""
    except (ValueError, InvalidInputError):
        return None, f"controls read {state['headcount']!r}, {state['complexity']!r}"


def settle(page, base: Company, before: dict | None = None, root: str = ".cpo-explorer") -> dict:
    """Wait until the card and the chart show what `assess` says for the values in the controls
    (and both differ from `before`); returns the page state."""

    def check():
        s = read_explorer(page, root)
        company, why = shown_company(s, base)
        if company is None:
            return False, why
        missing = [t for t in expected_summary(company) if t not in s["card"]]
        if missing:
            return False, f"headcount {company.headcount}, complexity {company.complexity}: card lacks {missing}"
        if s["error"]:
            return False, f"error shown: {s['error']}"
        if s["imgHash"] != expected_map_hash(company):
            return False, f"headcount {company.headcount}, complexity {company.complexity}: the chart is not the Python API's decision map"
        if before is not None and (s["card"] == before["card"] or s["imgHash"] == before["imgHash"]):
            return False, "card or chart unchanged"
        return True, s

    return wait_until(page, check, UPDATE_TIMEOUT, "the card and chart to match the controls")


def full_screenshot(page, name: str, scroller: str = "#rendered_cells") -> Path:
    """Everything on the page, also what sits in an inner scroll box (Voilà scrolls #rendered_cells)."""
    size = page.viewport_size
    height = page.evaluate(
        "(sel) => Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll(sel)].map(e => e.scrollHeight))",
        scroller,
    )
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(height + 40, 6000)})
        page.wait_for_timeout(300)
    try:
        return screenshot(page, name, full_page=True)
    finally:
        page.set_viewport_size(size)


def no_horizontal_overflow(page) -> tuple[bool, int]:
    widest = page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, ...[...document.querySelectorAll('#rendered_cells, .cpo-app')].map(e => e.scrollWidth))"
    )
    return widest <= page.viewport_size["width"], widest


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh page; console errors, page errors and requests are collected on it."""
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(RENDER_TIMEOUT * 1000)
    pg = context.new_page()
    pg.console_errors, pg.page_errors, pg.requests, pg.failed = [], [], [], []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.page_errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("requestfailed", lambda r: pg.failed.append(f"{r.url}: {r.failure}"))
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="module")
def app_server():
    """`cpo-model app` on a free port, as a user starts it."""
    port = free_port()
    with running_server(python_cmd("-m", "cpo_model", "app", "--port", str(port)), port, "app") as server:
        yield server


def clear_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab on a copy of notebooks/ (the repo's stored outputs stay as they are).

    The venv's own python3 kernel is used: no JUPYTER_* directories are redirected; only
    JupyterLab's workspaces and user settings go to the temporary folder (news fetching off).
    The copy of explore.ipynb has no stored outputs, so what the test sees is what Run All made.
    """
    tmp = tmp_path_factory.mktemp("lab")
    notebooks = tmp / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    clear_outputs(notebooks / "explore.ipynb")  # so whatever renders comes from this run, not the stored outputs
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port, token = free_port(), secrets.token_hex(16)
    cmd = python_cmd(
        "-m",
        "jupyterlab",
        "--allow-root",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={notebooks}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
    )
    with running_server(cmd, port, "jupyterlab", cwd=tmp, env=server_env()) as server:
        server.token = token
        yield server


# --- (a) the app ------------------------------------------------------------------------------


def open_app(page, server) -> dict:
    page.goto(server.url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT * 1000)
    page.wait_for_selector(".cpo-app .cpo-explorer .cpo-card", timeout=RENDER_TIMEOUT * 1000)
    return settle(page, APP_COMPANY)


def headcount_box(page, root: str = ".cpo-explorer"):
    return page.locator(f"{root} .widget-text").filter(has=page.locator("label", has_text=re.compile(r"^\s*Headcount\s*$"))).locator("input")


def type_headcount(page, value: str, key: str = "Enter", root: str = ".cpo-explorer") -> None:
    box = headcount_box(page, root)
    box.click()
    box.fill(value)
    box.press(key)


def test_app_answers_follow_the_controls(page, app_server):
    state = open_app(page, app_server)
    text = page.inner_text("body")
    assert TITLE in text
    for code in ("from cpo_model", "app_page(", "NBVAL_IGNORE_OUTPUT"):
        assert code not in text, f"code visible in the app: {code!r}"
    assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0, "a code input area is on the page"
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output pre').count() == 0, "kernel messages on the page"
    assert no_horizontal_overflow(page)[0]
    full_screenshot(page, "app-laptop")

    # Typing in the number box (Enter), then again (Tab): the card and chart follow.
    type_headcount(page, "5000")
    state = settle(page, APP_COMPANY, state)
    assert state["headcount"] == "5000", state["headcount"]
    type_headcount(page, "40", key="Tab")
    state = settle(page, APP_COMPANY, state)

    # The complexity slider, from the keyboard: two steps up.
    handle = page.locator(".cpo-explorer .widget-hslider").filter(has=page.locator("label", has_text="Complexity")).locator(".noUi-handle")
    handle.focus()
    handle.press("ArrowRight")
    handle.press("ArrowRight")
    wait_for_state(page, lambda s: s["complexity"] == "5", "the complexity readout to show 5")
    state = settle(page, APP_COMPANY, state)

    # The headcount slider: keyboard steps, then a drag to three quarters of the track (about 180,000).
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
    assert now["card"] == last["card"] and now["imgHash"] == last["imgHash"], "the last valid answer should stay"
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
    for sel in (".cpo-explorer .widget-text input", ".cpo-explorer .cpo-card", ".cpo-explorer .widget-tab img"):
        box = page.locator(sel).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= TABLET["width"], f"{sel} outside the window: {box}"
    full_screenshot(page, "app-tablet")


def test_app_keeps_the_typed_headcount(page, app_server):
    state = open_app(page, app_server)
    assert state["headcount"] == "150"  # DEFAULT_COMPANY
    type_headcount(page, "5000")
    state = settle(page, APP_COMPANY, state)
    page.wait_for_timeout(1000)  # an echo from the slider would arrive within this
    state = read_explorer(page)
    assert state["headcount"] == "5000" and "(5,000 people" in state["card"]


# --- (b) JupyterLab ---------------------------------------------------------------------------


def test_jupyterlab_run_all_renders_a_working_explorer(page, lab_server):
    specs = json.load(urllib.request.urlopen(f"{lab_server.url}api/kernelspecs?token={lab_server.token}", timeout=30))
    assert "python3" in specs["kernelspecs"], specs

    page.goto(f"{lab_server.url}lab/tree/explore.ipynb?token={lab_server.token}", timeout=RENDER_TIMEOUT * 1000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=RENDER_TIMEOUT * 1000)
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\|\s*Idle")).first.wait_for(timeout=RENDER_TIMEOUT * 1000)  # kernel up

    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^\s*Run\s*$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    root = ".jp-Notebook .cpo-explorer"
    page.wait_for_selector(f"{root} .cpo-card", timeout=RENDER_TIMEOUT * 1000)

    def all_ran():
        prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_text_contents()  # off-screen cells too
        done = bool(prompts) and all(re.search(r"\[\d+\]", p) for p in prompts)
        return done, prompts

    wait_until(page, all_ran, RENDER_TIMEOUT, "every code cell to run")
    errors = page.locator('.jp-Notebook [data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    assert not errors, errors
    _check_kernel_is_this_venvs(lab_server)

    page.locator(root).scroll_into_view_if_needed()
    base = notebook_company("explore.ipynb")
    state = settle(page, base, root=root)
    screenshot(page, "jupyterlab-run-all", full_page=False)

    type_headcount(page, "5000", root=root)
    state = settle(page, base, state, root=root)
    assert abs(int(state["headcount"]) - 5000) <= 5000 * 0.012, state["headcount"]
    screenshot(page, "jupyterlab-after-change", full_page=False)


def _check_kernel_is_this_venvs(server) -> None:
    kernels = [p for p in psutil.Process(server.proc.pid).children(recursive=True) if "ipykernel_launcher" in " ".join(p.cmdline())]
    assert kernels, "no kernel process under the JupyterLab server"
    assert all(Path(p.exe()).resolve() == Path(sys.executable).resolve() for p in kernels), [p.cmdline() for p in kernels]


# --- (c) the HTML report ----------------------------------------------------------------------


def test_report_opens_offline_without_errors(page, tmp_path):
    out = tmp_path / "report.html"
    done = subprocess.run(
        python_cmd("-m", "cpo_model", "report", "--name", "Browser Test Co", "--headcount", "300", "--complexity", "4", "--out", str(out)),
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
    assert DECISION_LABELS[a.create_cpo] in text, f"the report should say {DECISION_LABELS[a.create_cpo]!r}"
    images = page.locator("img")
    assert images.count() > 0
    assert page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"), "an image did not load"
    full_screenshot(page, "report")

    outside = [u for u in page.requests if not u.startswith(("file:", "data:"))]
    assert not outside, f"the report requests the network: {outside}"
    assert not page.failed, page.failed
    assert not page.console_errors, page.console_errors
    assert not page.page_errors, page.page_errors
