"""A portfolio: one memo per row of a companies CSV, written by a pool of processes, plus
`index.html`; each row is assessed once, and its memo and its index line share that result.

Every row gets an entry in the index: an invalid row or a failed render is listed with its
error and the others still render.

>>> build_portfolio("data/examples/companies.csv", "out/", progress=False).failed  # doctest: +SKIP
[]
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..company import Company
from ..errors import InputFileError, InvalidInputError
from ..policy import resolve
from ..present import shorten
from .errors import cell_error
from .index import Entry, portfolio_index
from .memo import memo_html, write_page
from .names import unique_slugs
from .params import parse_date
from .pool import _context, run_pool, usable_cores

if TYPE_CHECKING:
    import pandas as pd

    from ..assessment import Assessment
    from ..policy import Policy

MAX_WORKERS = 8  # processes at once by default
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
    """What every worker needs to write any company's memo."""

    out: Path
    policy: Policy
    as_of: date
    prepared_for: str | None = None
    prepared_by: str | None = None


class Renderer:
    """Writes memos from assessments made once, in the parent (a worker inherits them)."""

    def __init__(self, settings: Settings, assessments: dict[int, Assessment]) -> None:
        self.settings = settings
        self.assessments = assessments

    def render(self, i: int, slug: str) -> str:
        """Write row `i`'s memo; its file name."""
        s = self.settings
        html = memo_html(
            self.assessments[i],
            policy=s.policy,
            as_of=s.as_of,
            prepared_for=s.prepared_for,
            prepared_by=s.prepared_by,
        )
        write_page(s.out / f"{slug}.html", html)
        return f"{slug}.html"


def _render(renderer: Renderer, job: tuple[int, str]) -> tuple[str | None, str | None]:
    """In a worker: (file, None) or (None, the error for the index)."""
    try:
        return renderer.render(*job), None
    except Exception as exc:  # one company's failure must not stop the others
        return None, f"memo failed: {cell_error(exc)}"


def _progress(enabled: bool, i: int, n: int, name: str, note: str = "") -> None:
    if enabled:
        print(
            f"[{i}/{n}] {shorten(name)}{'  ' + note if note else ''}", file=sys.stderr, flush=True
        )


def _result(a: Assessment) -> dict:
    """One company's row of the index, from its assessment."""
    return {
        "name": a.company.name,
        "headcount": a.company.headcount,
        "complexity_level": a.complexity,
        "stage": a.stage.value,
        "create_cpo": a.create_cpo.value,
        "role": a.role.value,
        "score": a.score,
    }


def results_frame(entries: list[Entry]) -> pd.DataFrame:
    """The index's charts' frame: one row per entry, `error` set where it has no answer."""
    import pandas as pd

    rows = [
        {**e.result, "name": e.name, "error": e.error}
        if e.result
        else {"name": e.name, "error": e.error}
        for e in entries
    ]
    frame = pd.DataFrame(rows, columns=[*RESULT_COLUMNS, "error"])
    return frame


RESULT_COLUMNS = ("name", "headcount", "complexity_level", "stage", "create_cpo", "role", "score")


def build_portfolio(
    csv_path: str | Path,
    out_dir: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    progress: bool = True,
    report_date: date | str | None = None,
    workers: int | None = None,
    *,
    prepared_for: str | None = None,
    prepared_by: str | None = None,
) -> Portfolio:
    """One memo per CSV row in `out_dir` plus `index.html` linking them all.

    Each row is assessed once; its memo and its line in the index come from that assessment.
    Memos are written by `workers` processes at once (default: one per core, at most
    `MAX_WORKERS`). Progress lines `[i/n] name` come in order of completion. Every row keeps its
    entry (`Portfolio.entries`): an invalid row, or a company whose memo fails, is marked with
    its error and the others still render; the index is always written.
    """
    from ..csvio import read_companies
    from ..model import assess

    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_JOBS
    ):
        raise ValueError(f"workers={workers!r}: expected a whole number from 1 to {MAX_JOBS}")
    policy, std = resolve(policy_path, standard)
    as_of = parse_date(report_date)
    df = read_companies(csv_path)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(f"cannot create it ({exc.strerror})", out_dir, "out_dir") from None
    records = df.to_dict("records")
    slugs = unique_slugs([str(r.get("name") or "").strip() for r in records])
    entries = [
        Entry(i + 1, str(r.get("name") or "").strip() or f"row {i + 1}", None)
        for i, r in enumerate(records)
    ]
    assessments: dict[int, Assessment] = {}
    n, finished = len(records), 0
    for i, (entry, record) in enumerate(zip(entries, records, strict=True)):
        try:
            a = assess(Company.from_record(record), policy, std.key)
        except InvalidInputError as exc:
            entry.error = f"invalid input: {exc}"
        except Exception as exc:  # one company's failure never costs the others or the index
            entry.error = f"assessment failed: {cell_error(exc)}"
        else:
            assessments[i] = a
            entry.result = _result(a)
            continue
        finished += 1
        _progress(progress, finished, n, entry.name, "invalid input, skipped")
    settings = Settings(out, policy, as_of, prepared_for, prepared_by)
    todo = sorted(assessments)
    jobs = [(i, slugs[i]) for i in todo]
    count = min(workers or min(usable_cores(), MAX_WORKERS), len(jobs))
    renderer = Renderer(settings, assessments)
    if count > 1 and _context().get_start_method() == "fork":
        # a forked worker inherits the assessments: nothing is assessed twice or pickled
        done_iter = (
            (todo[d.index], d.value if d.error is None else (None, f"memo failed: {d.error}"))
            for d in run_pool(jobs, _render, count, functools.partial(_same, renderer))
        )
    else:
        done_iter = ((i, _render(renderer, job)) for i, job in zip(todo, jobs, strict=True))
    for i, (file, error) in done_iter:
        entry = entries[i]
        entry.file, entry.error = file, error
        finished += 1
        _progress(progress, finished, n, entry.name, "failed" if error else "")
    index = out / "index.html"
    write_page(
        index,
        portfolio_index(
            entries, results_frame(entries), policy, std.key, as_of, Path(csv_path).name
        ),
    )
    return Portfolio(index, entries)


def _same(renderer: Renderer) -> Renderer:
    return renderer
