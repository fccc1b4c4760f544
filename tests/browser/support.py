"""What the browser tests share: servers, Chromium, timeouts, reading and driving the Explorer.

Servers run on a free 127.0.0.1 port in their own process group and are stopped by process
group, also when a test fails. Readiness is a TCP connect to the port: a GET on a Voilà page
would start a kernel. The browser is Debian's /usr/bin/chromium, never a downloaded one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest

from cpo_model import Company, assess, load_policy
from cpo_model.charts.live import LiveMap
from cpo_model.errors import InvalidInputError
from cpo_model.present import DECISION_LABELS, ROLE_LABELS
from cpo_model.report.pdf import CHROMIUM_ARGS as PDF_CHROMIUM_ARGS
from cpo_model.widgets import CHARTS
from cpo_model.widgets.explorer import DEFAULT_COMPANY

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = list(PDF_CHROMIUM_ARGS)  # the same quiet, offline flags the PDF export uses
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LOGS = ROOT / "test-artifacts" / "logs"
START_TIMEOUT = 90  # seconds for a server to listen
STOP_TIMEOUT = 15  # seconds between SIGTERM and SIGKILL
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM}: install Debian's (make browser)",
    ),
]


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    """The environment for servers: this one without MPLBACKEND (kernels would inherit it)."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def python_cmd(*args: str) -> list[str]:
    """Run with this venv's python, so the kernels it starts are this venv's too."""
    return [sys.executable, *args]


@dataclass
class Server:
    """A started server: its process, port, base URL and log file."""

    proc: subprocess.Popen
    port: int
    log: Path
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(
                self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:]
            )
        except OSError:
            return "(no log)"

    def wait_listening(self, timeout: float = START_TIMEOUT) -> None:
        """Poll the TCP port until it accepts a connection; fail early if the server exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited with status {self.proc.returncode} before listening on "
                    f"{self.port}:\n{self.log_tail()}"
                )
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.settimeout(1)
                if s.connect_ex((self.host, self.port)) == 0:
                    return
            time.sleep(0.25)
        raise TimeoutError(
            f"server not listening on {self.host}:{self.port} after {timeout:.0f} "
            f"s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM the process group (servers shut their kernels down), SIGKILL what is left."""
        descendants = _descendants(self.proc.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        # Kernels run in sessions of their own (jupyter_client); end any the server left behind.
        for proc in descendants:
            with contextlib.suppress(Exception):
                proc.wait(timeout=STOP_TIMEOUT)
            with contextlib.suppress(Exception):
                if proc.is_running():
                    proc.kill()


def _descendants(pid: int) -> list:
    try:
        import psutil

        return psutil.Process(pid).children(recursive=True)
    except Exception:
        return []


@contextlib.contextmanager
def running_server(
    cmd: Sequence[str],
    port: int,
    name: str,
    cwd: Path | None = None,
    env: dict | None = None,
    timeout: float = START_TIMEOUT,
) -> Iterator[Server]:
    """Start `cmd` in a new process group, wait for `port`, yield the `Server`, stop it at the
    end."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd or ROOT,
            env=env or server_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(proc, port, log)
    try:
        server.wait_listening(timeout)
        yield server
    finally:
        server.stop()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


RENDER_TIMEOUT = 120  # s: first page load, kernel start and first render (JupyterLab is slow)


UPDATE_TIMEOUT = 30  # s: one widget change round-trips through the kernel


LAPTOP = {"width": 1366, "height": 900}


TABLET = {"width": 820, "height": 1180}


NARROW_MAX_PX = 600  # the app's page asks for the phone's map at this width and below


TITLE = "Should we create a Chief Product Officer role?"


POLICY = load_policy()


APP_COMPANY = Company(**DEFAULT_COMPANY)  # what `app_page()` starts from


READ_EXPLORER = """
async (root) => {
  const ex = document.querySelector(root);
  if (!ex) return null;
  const byLabel = (sel, text) => [...ex.querySelectorAll(sel)].find(w =>
  (w.querySelector('label')?.textContent || '').trim() === text);
  const box = byLabel('.widget-text', 'Headcount')?.querySelector('input');
  const sel = byLabel('.widget-dropdown', 'Complexity')?.querySelector('select');
  const cx = sel ? sel.options[sel.selectedIndex] : null;
  const card = ex.querySelector('.cpo-card');
  const err = ex.querySelector('.cpo-error');
  const img = [...ex.querySelectorAll('.widget-tab img')].find(i =>
  !i.classList.contains('lm-mod-hidden') && i.offsetParent !== null);
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
    complexity: cx ? cx.textContent.replace(/\\s+/g, ' ').trim() : null,
    card: card ? card.innerText : null,
    error: err ? err.innerText : null,
    imgSrc, imgHash,
  };
}
"""


def wait_until(page, check: Callable[[], tuple[bool, Any]], timeout: float, what: str) -> Any:
    """Poll `check` (-> (done, detail)) until done; fail with the last detail after `timeout` s."""
    deadline = time.monotonic() + timeout
    detail: Any = None
    while True:
        done, detail = check()
        if done:
            return detail
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out after {timeout:.0f} s waiting for {what}; last seen: {detail!r}"
            )
        page.wait_for_timeout(200)


def read_explorer(page, root: str = ".cpo-explorer") -> dict | None:
    return page.evaluate(READ_EXPLORER, root)


def wait_for_state(
    page, ok: Callable[[dict], bool], what: str, root: str = ".cpo-explorer"
) -> dict:
    """Wait until the Explorer's state (see READ_EXPLORER) satisfies `ok`; returns it."""

    def check():
        s = read_explorer(page, root)
        return bool(s) and ok(s), s

    return wait_until(page, check, UPDATE_TIMEOUT, what)


def notebook_company(name: str) -> Company:
    """The `company = Company(...)` a notebook builds its Explorer from (run here from its own
    source)."""
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    source = next(
        c.source
        for c in nb.cells
        if c.cell_type == "code" and re.search(r"^company = Company\(", c.source, re.M)
    )
    namespace: dict[str, Any] = {"Company": Company}
    exec(source, namespace)
    return namespace["company"]


def expected_summary(company: Company) -> tuple[str, ...]:
    """What the card must say for this company, per the Python API."""
    a = assess(company)
    return (
        DECISION_LABELS[a.create_cpo],
        f"{a.stage_says} ({company.headcount:,} people",
        f"Role that fits today {ROLE_LABELS[a.role]}",
        f"Score {a.score:g} (consider from",
    )


@functools.lru_cache(maxsize=64)
def expected_map_hash(company: Company, narrow: bool = False) -> str:
    """SHA-256 of the decision map for this company, drawn as the kernel draws it (a live map:
    background once, the company on top); `narrow`: the map the app draws for a phone."""
    live = LiveMap(narrow=narrow)
    return hashlib.sha256(CHARTS["map"][1](assess(company), POLICY, live)[1]).hexdigest()


def shown_level(choice: str) -> int | None:
    """The level a complexity choice stands for: "3: A few product lines ..." is 3, "not
    stated" is None."""
    if choice == "not stated":
        return None
    level, sep, _ = choice.partition(":")
    if not sep or not level.isdigit():
        raise ValueError(f"complexity choice {choice!r}")
    return int(level)


def shown_company(state: dict | None, base: Company) -> tuple[Company | None, str]:
    """`base` with the headcount and complexity the controls show now (None while not readable)."""
    if not state or not state["card"] or not state["headcount"] or not state["complexity"]:
        return None, "explorer not rendered"
    try:
        return base.with_changes(
            headcount=int(state["headcount"]), complexity=shown_level(state["complexity"])
        ), ""
    except (ValueError, InvalidInputError):
        return None, f"controls read {state['headcount']!r}, {state['complexity']!r}"


def settle(page, base: Company, before: dict | None = None, root: str = ".cpo-explorer") -> dict:
    """Wait until the card and the chart show what `assess` says for the values in the controls
    (and both differ from `before`); returns the page state. Below 600 px the app's page asks
    for the phone's map."""
    narrow = (page.viewport_size or {"width": 1000})["width"] <= NARROW_MAX_PX

    def check():
        s = read_explorer(page, root)
        company, why = shown_company(s, base)
        if company is None:
            return False, why
        card = " ".join(s["card"].split())  # the card's text with its line breaks as spaces
        missing = [t for t in expected_summary(company) if t not in card]
        if missing:
            return (
                False,
                f"headcount {company.headcount}, complexity {company.complexity}: card lacks "
                f"{missing}",
            )
        if s["error"]:
            return False, f"error shown: {s['error']}"
        if s["imgHash"] != expected_map_hash(company, narrow):
            return (
                False,
                f"headcount {company.headcount}, complexity {company.complexity}: the chart "
                "is not the Python API's decision map",
            )
        if before is not None and (
            s["card"] == before["card"] or s["imgHash"] == before["imgHash"]
        ):
            return False, "card or chart unchanged"
        return True, s

    return wait_until(page, check, UPDATE_TIMEOUT, "the card and chart to match the controls")


def full_screenshot(page, name: str, scroller: str = "#rendered_cells") -> Path:
    """Everything on the page, also what sits in an inner scroll box (Voilà scrolls
    #rendered_cells)."""
    size = page.viewport_size
    height = page.evaluate(
        "(sel) => Math.max(document.documentElement.scrollHeight, "
        "...[...document.querySelectorAll(sel)].map(e => e.scrollHeight))",
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
        "() => Math.max(document.documentElement.scrollWidth, "
        "...[...document.querySelectorAll('#rendered_cells, .cpo-app')].map(e => "
        "e.scrollWidth))"
    )
    return widest <= page.viewport_size["width"], widest


def clear_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def open_app(page, server) -> dict:
    page.goto(server.url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT * 1000)
    page.wait_for_selector(".cpo-app .cpo-explorer .cpo-card", timeout=RENDER_TIMEOUT * 1000)
    return settle(page, APP_COMPANY)


def headcount_box(page, root: str = ".cpo-explorer"):
    return (
        page.locator(f"{root} .widget-text")
        .filter(has=page.locator("label", has_text=re.compile(r"^\s*Headcount\s*$")))
        .locator("input")
    )


def type_headcount(page, value: str, key: str = "Enter", root: str = ".cpo-explorer") -> None:
    box = headcount_box(page, root)
    box.click()
    box.fill(value)
    box.press(key)


def complexity_list(page, root: str = ".cpo-explorer"):
    """The complexity dropdown ("not stated", then levels 1 to 5 in words)."""
    return (
        page.locator(f"{root} .widget-dropdown")
        .filter(has=page.locator("label", has_text=re.compile(r"^\s*Complexity\s*$")))
        .locator("select")
    )


def card_label_lines(page, root: str = "") -> list[tuple[str, int]]:
    """Each answer-card label ("Role that fits today", ...) with the number of lines it takes:
    1 when the card's grid holds (JupyterLab's CSS floats output dt's at 20% width)."""
    return page.evaluate(
        """(root) => [...document.querySelectorAll(`${root} dl.facts dt`)].map(dt => {
             const r = document.createRange(); r.selectNodeContents(dt);
             return [dt.textContent, r.getClientRects().length]; })""",
        root,
    )
