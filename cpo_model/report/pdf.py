"""PDF: print an HTML memo with a locally installed headless Chromium (never downloaded).

Chromium is driven over its DevTools pipe (`--remote-debugging-pipe`, no port, no network) so
the print can carry page numbers and a running title (`Page.printToPDF` with
`displayHeaderFooter`). nbconvert's own routes do not work offline: `--to webpdf` downloads a
browser, `--to pdf` needs TeX.

>>> pdf_unavailable() is None or "Chromium" in pdf_unavailable()
True
>>> sorted(PAPERS)
['a4', 'letter']
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .errors import ReportError
from .markup import esc

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)
# Paper in inches (width, height): ISO 216 A4 is 210 x 297 mm, US Letter 8.5 x 11 in.
MM = 1 / 25.4
PAPERS = {"a4": (210 * MM, 297 * MM), "letter": (8.5, 11.0)}
# Margins in inches: the running title sits in the top one, the page number in the bottom one.
MARGINS = {"marginTop": 0.6, "marginBottom": 0.55, "marginLeft": 0.6, "marginRight": 0.6}
# The header and footer are drawn by Chromium outside the page's CSS: they name their own font.
HEADER_FONT = (
    "font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:8px;color:#666"
)


def find_chromium() -> str | None:
    """A locally installed Chromium (never downloaded), or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_unavailable() -> str | None:
    """Why a PDF cannot be printed here (one line), or None when it can."""
    if find_chromium():
        return None
    return (
        "a PDF needs a local Chromium ('apt-get install chromium'); it is not installed, and the "
        "other routes (a downloaded browser, or TeX) are not available offline"
    )


def header_footer(title: str) -> tuple[str, str]:
    """The running title (top) and 'Page n of N' (bottom) templates; `title` is plain text."""
    style = f"{HEADER_FONT};width:100%;margin:0 0.6in"
    header = f'<div style="{style};text-align:left">{esc(title)}</div>'
    footer = (
        f'<div style="{style};text-align:center">Page <span class="pageNumber"></span> of '
        '<span class="totalPages"></span></div>'
    )
    return header, footer


class _Pipe:
    """Chromium's DevTools pipe: JSON messages ending in NUL, written to fd 3, read from fd 4."""

    def __init__(self, proc: subprocess.Popen, write_fd: int, read_fd: int) -> None:
        self.proc, self.w, self.r = proc, write_fd, read_fd
        self.buf = b""
        self.next_id = 0

    def call(self, method: str, deadline: float, session: str | None = None, **params) -> dict:
        self.next_id += 1
        msg: dict = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.w, data) :]
        reply = self.wait(lambda m: m.get("id") == self.next_id, deadline)
        if "error" in reply:
            raise ReportError(f"Chromium refused {method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait(self, match, deadline: float) -> dict:
        while True:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                msg = json.loads(raw)
                if match(msg):
                    return msg
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.r], [], [], left)
            if ready:
                chunk = os.read(self.r, 1 << 20)
                if not chunk:
                    raise ReportError(f"Chromium stopped (exit {self.proc.poll()})")
                self.buf += chunk


def _loaded(pipe: _Pipe, session: str, url: str, deadline: float) -> bool:
    """Has the page at `url` (and every image and font in it) finished loading?"""
    reply = pipe.call(
        "Runtime.evaluate",
        deadline,
        session,
        expression=(
            f"location.href === {json.dumps(url)} && document.readyState === 'complete' "
            "&& document.fonts.status === 'loaded'"
        ),
        returnByValue=True,
    )
    return reply.get("result", {}).get("value") is True


def print_pdf(html: str, title: str, paper: str = "a4", timeout: float = 120) -> bytes:
    """`html` (a whole self-contained page) printed to PDF: `paper` 'a4' or 'letter', page
    numbers at the foot and `title` at the head of every page."""
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r}: expected one of {', '.join(PAPERS)}")
    why = pdf_unavailable()
    if why:
        raise ReportError(why)
    width, height = PAPERS[paper]
    header, footer = header_footer(title)
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="cpo-chromium-") as tmp:
        page = Path(tmp) / "memo.html"
        page.write_text(html, encoding="utf-8")
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()

        def wire() -> None:  # in the child: its fd 3 reads our messages, fd 4 writes replies
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        cmd = [
            find_chromium(),
            *CHROMIUM_ARGS,
            "--remote-debugging-pipe",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "about:blank",
        ]
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # noqa: PLW1509 - no threads are started by this process here
            close_fds=False,  # Python's own descriptors are not inherited; fds 3 and 4 are
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        pipe = _Pipe(proc, to_chrome_w, from_chrome_r)
        try:
            url = page.resolve().as_uri()
            target = pipe.call("Target.createTarget", deadline, url=url)["targetId"]
            session = pipe.call("Target.attachToTarget", deadline, targetId=target, flatten=True)[
                "sessionId"
            ]
            while not _loaded(pipe, session, url, deadline):
                time.sleep(0.02)
            result = pipe.call(
                "Page.printToPDF",
                deadline,
                session,
                paperWidth=width,
                paperHeight=height,
                printBackground=True,
                displayHeaderFooter=True,
                headerTemplate=header,
                footerTemplate=footer,
                preferCSSPageSize=False,
                **MARGINS,
            )
            with contextlib.suppress(ReportError, TimeoutError, OSError):
                pipe.call("Browser.close", time.monotonic() + 5)
        except TimeoutError:
            raise ReportError(
                f"Chromium did not finish printing the PDF within {timeout:g} s"
            ) from None
        finally:
            for fd in (to_chrome_w, from_chrome_r):
                with contextlib.suppress(OSError):
                    os.close(fd)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    data = base64.b64decode(result.get("data", ""))
    if data[:5] != b"%PDF-":
        raise ReportError("Chromium could not print the PDF")
    return data


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 120, paper: str = "a4") -> Path:
    """Print a local HTML file to a PDF file (its `<title>` as the running title)."""
    import re
    from html import unescape

    html = Path(html_path).read_text(encoding="utf-8")
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    title = unescape(found.group(1)) if found else ""
    Path(pdf_path).write_bytes(print_pdf(html, title, paper, timeout))
    return Path(pdf_path)
