"""PDF: print the HTML memo with a locally installed headless Chromium (never downloaded).

nbconvert's own routes do not work offline: `--to webpdf` downloads a browser, `--to pdf` needs TeX.

>>> pdf_unavailable() is None or "Chromium" in pdf_unavailable()
True
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReportError

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
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """A locally installed Chromium (never downloaded), or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_unavailable() -> str | None:
    """Why `--format pdf` cannot work here (one line), or None when it can."""
    if find_chromium():
        return None
    return (
        "--format pdf needs a local Chromium ('apt-get install chromium'); it is not "
        "installed, and the other routes "
        "(nbconvert webpdf downloads its own browser, --to pdf needs TeX) are not available offline"
    )


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 120) -> Path:
    """Print a local HTML file to PDF with headless Chromium."""
    why = pdf_unavailable()
    if why:
        raise ReportError(why)
    with tempfile.TemporaryDirectory(prefix="cpo-chromium-") as profile:
        cmd = [
            find_chromium(),
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_path}",
            html_path.resolve().as_uri(),
        ]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ReportError(
                f"Chromium did not finish printing the PDF within {timeout:g} s"
            ) from None
    if not pdf_path.is_file() or pdf_path.read_bytes()[:5] != b"%PDF-":
        tail = " ".join((r.stderr or "").split())[-200:]
        raise ReportError(f"Chromium could not print the PDF (exit {r.returncode}): {tail}")
    return pdf_path
