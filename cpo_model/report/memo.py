"""One company's memo as a file: `render_report` (HTML, or PDF through a local Chromium).

>>> out_file("reports/acme.html").name
'acme.html'
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..company import Company
from ..errors import InputFileError
from ..policy import resolve
from .errors import ReportError
from .kernel import execute_report
from .page import export_html, report_title, warm_exporter
from .params import Raters, parse_date, to_company
from .pdf import html_to_pdf, pdf_unavailable

FORMATS = ("html", "pdf")


def out_file(out_path: str | Path) -> Path:
    """`out_path` as a file path whose folder exists (created if needed); one-line errors."""
    out = Path(out_path)
    if out.is_dir():
        raise InputFileError(
            f"--out {out_path}: is a folder; give a file name, e.g. {out / 'report.html'}"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(
            f"--out {out_path}: cannot create folder {out.parent} ({exc.strerror})"
        ) from None
    return out


def write_page(path: Path, text: str) -> None:
    """Write a page as UTF-8; an OS error becomes a one-line `InputFileError`."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot write ({exc.strerror})") from None


def render_report(
    company: Company | Mapping[str, Any] | None,
    out_path: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    fmt: str = "html",
    report_date: date | str | None = None,
    raters: Raters | None = None,
) -> Path:
    """Render one company's report to `out_path` (HTML, or PDF through a local Chromium); the path.

    With `raters` ((name, view) pairs, as `team_inputs.read_raters` gives), the memo is the
    team's: its company is the team view, with a section on where the raters disagree.

    Invalid input raises `InvalidInputError`, a bad policy `PolicyError`, anything else that stops
    the report `ReportError` -- all before a kernel starts where they can be checked up front.
    """
    from ..extras import require

    require("notebooks", "render_report")
    if fmt not in FORMATS:
        raise ValueError(f"fmt {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "pdf" and pdf_unavailable():
        raise ReportError(pdf_unavailable())
    policy, std = resolve(policy_path, standard)  # validate before starting a kernel
    if raters:
        from ..team import assess_team

        company = assess_team(raters, policy, std.key).team_view
    company = to_company(company)
    as_of = parse_date(report_date)
    out = out_file(out_path)
    # nbconvert's exporter loads while the kernel runs (another process): half a second saved
    warm = threading.Thread(target=warm_exporter, daemon=True)
    warm.start()
    nb = execute_report(company, policy_path, standard, as_of, raters)
    warm.join()
    html = export_html(nb, report_title(company))
    if fmt == "html":
        write_page(out, html)
        return out
    with tempfile.TemporaryDirectory(prefix="cpo-report-") as tmp:
        src = Path(tmp) / "report.html"
        write_page(src, html)
        return html_to_pdf(src, out)
