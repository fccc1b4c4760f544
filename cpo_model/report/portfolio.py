"""A portfolio: one memo per row of a companies CSV, all through one kernel, plus `index.html`.

Every row gets an entry in the index: an invalid row or a failed render is listed with its
error and the others still render.

>>> build_portfolio("data/examples/companies.csv", "out/", progress=False).failed  # doctest: +SKIP
[]
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..company import Company
from ..errors import InputFileError, InvalidInputError
from ..policy import resolve
from ..present import shorten
from .errors import cell_error
from .index import RESULT_KEYS, Entry, portfolio_index
from .kernel import KernelSession
from .memo import write_page
from .names import unique_slugs
from .page import export_html, report_title
from .params import parse_date
from .template import parameterised, template_path


@dataclass
class Portfolio:
    """What `build_portfolio` wrote: the index page and one entry per CSV row."""

    index: Path
    entries: list[Entry]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.error]


def _progress(enabled: bool, i: int, n: int, name: str, note: str = "") -> None:
    if enabled:
        print(
            f"[{i}/{n}] {shorten(name)}{'  ' + note if note else ''}", file=sys.stderr, flush=True
        )


def build_portfolio(
    csv_path: str | Path,
    out_dir: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    progress: bool = True,
    report_date: date | str | None = None,
    template: str | Path | None = None,
) -> Portfolio:
    """One report per CSV row in `out_dir` plus `index.html` linking them all; all through one
    kernel.

    Every row gets an entry (`Portfolio.entries`): an invalid row or a failed render is listed
    with its error and the others still render.

    `template`: another report notebook (default `notebooks/report.ipynb`).
    """
    from ..csvio import read_companies
    from ..frame import assess_frame

    policy, std = resolve(policy_path, standard)
    as_of = parse_date(report_date)
    df = read_companies(csv_path)
    frame = assess_frame(df, policy, std.key)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(f"--out-dir {out_dir}: cannot create it ({exc.strerror})") from None
    records = df.to_dict("records")
    raw_names = [str(r.get("name") or "").strip() for r in records]
    slugs = unique_slugs(raw_names)
    template_nb = None
    entries: list[Entry] = []
    n = len(records)
    with (
        tempfile.TemporaryDirectory(prefix="cpo-report-") as scratch,
        KernelSession(cwd=scratch) as session,
    ):
        for i, (record, slug, raw) in enumerate(zip(records, slugs, raw_names, strict=True)):
            name = raw or f"row {i + 1}"
            res = frame.iloc[i]
            entry = Entry(i + 1, name, None, result={k: res.get(k) for k in RESULT_KEYS})
            entries.append(entry)
            if isinstance(res.get("error"), str):
                entry.error = f"invalid input: {res['error']}"
                _progress(progress, i + 1, n, name, "invalid input, skipped")
                continue
            _progress(progress, i + 1, n, name)
            try:
                company = Company.from_record(record)
                if template_nb is None:
                    import nbformat

                    template_nb = nbformat.read(str(template or template_path()), as_version=4)
                nb = session.run(parameterised(template_nb, company, policy_path, std.key, as_of))
                write_page(out / f"{slug}.html", export_html(nb, report_title(company)))
                entry.file = f"{slug}.html"
            except InvalidInputError as exc:
                entry.error = f"invalid input: {exc}"
            except Exception as exc:  # one bad row must not stop the others
                entry.error = f"report failed: {cell_error(exc)}"
                _progress(progress, i + 1, n, name, "failed")
    index = out / "index.html"
    write_page(index, portfolio_index(entries, frame, policy, std.key, as_of, Path(csv_path).name))
    return Portfolio(index, entries)
