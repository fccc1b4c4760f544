"""A portfolio: one memo per row of a companies CSV, rendered by a pool of kernels, plus
`index.html`.

Every row gets an entry in the index: an invalid row or a failed render is listed with its
error and the others still render.

>>> build_portfolio("data/examples/companies.csv", "out/", progress=False).failed  # doctest: +SKIP
[]
"""

from __future__ import annotations

import functools
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
from .pool import Retry, run_pool, usable_cores
from .template import parameterised, template_path

MAX_WORKERS = 8  # kernels at once by default: each holds ~150 MiB
MAX_JOBS = 64  # the most a user may ask for


@dataclass
class Portfolio:
    """What `build_portfolio` wrote: the index page and one entry per CSV row."""

    index: Path
    entries: list[Entry]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.error]


@dataclass(frozen=True)
class Settings:
    """What every worker needs to render any company."""

    out: Path
    policy_path: str | Path | None
    standard: str
    as_of: date
    template: str | Path


class Renderer:
    """One worker's kernel, kept for all the companies it renders (a start costs seconds)."""

    def __init__(self, settings: Settings) -> None:
        import nbformat

        self.settings = settings
        self.template = nbformat.read(str(settings.template), as_version=4)
        self.scratch = tempfile.TemporaryDirectory(prefix="cpo-report-")
        self.session = KernelSession(cwd=self.scratch.name)

    def render(self, record: dict, slug: str) -> str:
        """Write one company's memo; its file name. `Retry` if the kernel died under it."""
        from nbclient.exceptions import DeadKernelError

        s = self.settings
        company = Company.from_record(record)
        try:
            nb = self.session.run(
                parameterised(self.template, company, s.policy_path, s.standard, s.as_of)
            )
        except DeadKernelError:
            raise Retry("the kernel stopped") from None
        write_page(s.out / f"{slug}.html", export_html(nb, report_title(company)))
        return f"{slug}.html"

    def close(self) -> None:
        self.session.close()
        self.scratch.cleanup()


def _render(renderer: Renderer, job: tuple[dict, str]) -> tuple[str | None, str | None]:
    """In a worker: (file, None) or (None, the error for the index)."""
    try:
        return renderer.render(*job), None
    except Retry:
        raise
    except InvalidInputError as exc:
        return None, f"invalid input: {exc}"
    except Exception as exc:  # one bad row must not stop the others
        return None, f"report failed: {cell_error(exc)}"


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
    workers: int | None = None,
) -> Portfolio:
    """One report per CSV row in `out_dir` plus `index.html` linking them all.

    The reports are rendered by `workers` kernels at once (default: one per core, at most
    `MAX_WORKERS`). Progress lines `[i/n] name` come in order of completion. Every row gets an
    entry (`Portfolio.entries`): an invalid row or a failed render is listed with its error and
    the others still render; a company whose kernel or worker died is tried once more.

    `template`: another report notebook (default `notebooks/report.ipynb`).
    """
    from ..csvio import read_companies
    from ..extras import require
    from ..frame import assess_frame

    require("notebooks", "build_portfolio")
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_JOBS
    ):
        raise ValueError(f"workers={workers!r}: expected a whole number from 1 to {MAX_JOBS}")
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
    slugs = unique_slugs([str(r.get("name") or "").strip() for r in records])
    entries = [
        Entry(i + 1, str(r.get("name") or "").strip() or f"row {i + 1}", None)
        for i, r in enumerate(records)
    ]
    todo: list[int] = []
    n, finished = len(records), 0
    for i, entry in enumerate(entries):
        res = frame.iloc[i]
        entry.result = {k: res.get(k) for k in RESULT_KEYS}
        if isinstance(res.get("error"), str):
            entry.error = f"invalid input: {res['error']}"
            finished += 1
            _progress(progress, finished, n, entry.name, "invalid input, skipped")
        else:
            todo.append(i)
    settings = Settings(out, policy_path, std.key, as_of, template or template_path())
    jobs = [(records[i], slugs[i]) for i in todo]
    count = min(workers or min(usable_cores(), MAX_WORKERS), len(jobs))
    for done in run_pool(jobs, _render, count, functools.partial(Renderer, settings)):
        entry = entries[todo[done.index]]
        if done.error is None:
            entry.file, entry.error = done.value
        else:  # the worker itself failed (e.g. died twice)
            entry.error = f"report failed: {done.error}"
        finished += 1
        _progress(progress, finished, n, entry.name, "failed" if entry.error else "")
    index = out / "index.html"
    write_page(index, portfolio_index(entries, frame, policy, std.key, as_of, Path(csv_path).name))
    return Portfolio(index, entries)
