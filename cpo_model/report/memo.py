"""One company's board memo, made in this process from one assessment: HTML, PDF or a file.

`memo_html(assessment)` is a pure function of the assessment (a company's, or a team's from
`assess_team`): nothing is assessed again. Page one holds the recommendation, the role, what
weighs most, what would change the answer, the risks and gates, and the next step; the appendix
holds the full reasons, the charts, the precedents and the method. `memo_pdf` prints it through
a local Chromium with page numbers and a running title; `write_memo` writes either by the
file's suffix. `render_report` assesses a company (or a team) once and writes its memo.

>>> from cpo_model import Company, assess
>>> html = memo_html(assess(Company(name="<Acme>", headcount=120, complexity=3)),
...                  prepared_for="The board", as_of="2026-11-30")
>>> "&lt;Acme&gt;" in html and "<Acme>" not in html, "Prepared for" in html
(True, True)
>>> out_file("reports/acme.html").name
'acme.html'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputFileError
from .errors import ReportError
from .front import front_page
from .markup import esc, version
from .page import external_references, figure_img, page
from .pdf import PAPERS, pdf_unavailable, print_pdf

if TYPE_CHECKING:
    from ..assessment import Assessment
    from ..company import Company
    from ..policy import Policy
    from ..team import TeamAssessment
    from .params import Raters
    from .sections import Report

FORMATS = ("html", "pdf")
# Text meant for the board names no file of this project: a citation's parenthesised list of
# repository paths ("(notebooks/calibration.ipynb, data/precedents.csv)") is left out.
INTERNAL_PATHS = re.compile(
    r"\s*\((?:\s*(?:notebooks|data|cpo_model|tests|benchmarks|scripts)/[\w./-]+\s*,?)+\)"
)


def board_text(html: str) -> str:
    """`html` without parenthesised lists of the project's own file paths.

    >>> board_text("calibration (notebooks/calibration.ipynb, data/precedents.csv), 2026")
    'calibration, 2026'
    """
    return INTERNAL_PATHS.sub("", html)


def memo_title(a: Assessment) -> str:
    """The memo's title (the browser tab, the PDF's running title)."""
    return f"CPO decision memo: {a.company.name or 'this company'}"


def _part(title: str, *blocks: str, keep: bool = False, intro: str = "") -> str:
    """An appendix section; `keep`: the heading, intro and first block stay on one page."""
    head = f"<h2>{esc(title)}</h2>" + (f"<p>{esc(intro)}</p>" if intro else "")
    body = [b for b in blocks if b]
    if keep and body:
        rest = "".join(body[1:])
        return f"<section class='part'><div class='keep'>{head}{body[0]}</div>{rest}</section>"
    return f"<section class='part'>{head}{''.join(body)}</section>"


def _figure(fig, alt: str) -> str:
    return f"<figure>{figure_img(fig, alt)}</figure>" if fig is not None else ""


def memo_body(r: Report, prepared_for=None, prepared_by=None, policy_box: str = "") -> str:
    """The memo's markup: the header, page one, and the appendix."""
    team = r.team()
    appendix = [
        "<section class='appendix'><p class='kicker appendix-kicker'>Appendix</p>",
        team.html if team else "",
        _figure(r.team_chart(), "Each rater's answer") if team else "",
        _part(
            "A. Every reason and its source",
            r.reasons(compact=True).html,
            r.role_notes().html,
            intro="Each line is one step of the model, with the public source (or the model's "
            "own judgement) behind it; notes on the role follow.",
        ),
        _part("B. Companies like this one", r.precedents().html),
        _part(
            "C. Where the company sits",
            _figure(r.decision_map(), "The answer over headcount and complexity"),
            keep=True,
            intro="The answer over headcount and product complexity, the other inputs held as "
            "given. The dot is the company.",
        ),
        _part(
            "D. Points by factor",
            _figure(r.contributions(), "Points by factor"),
            keep=True,
            intro="The score is the sum of the points; the dashed lines are the cut-offs.",
        ),
        _part(
            "E. Sensitivity",
            _figure(r.sensitivity(), "How one step of each input moves the score"),
            keep=True,
            intro="How far one step of each input moves the score, and the answer it gives.",
        ),
        _part(
            "F. Responsibilities at risk",
            r.responsibilities_summary().html,
        ),
        _part("G. Inputs as given", r.inputs(meaning=False).html),
        _part("H. How the model decides", r.method().html),
        _part("I. The policy's rules", r.rules_compact().html),
        _part(
            "J. Sources",
            r.sources_compact().html,
            intro="Addresses are printed, not linked: the memo loads nothing from the network.",
        ),
        "</section>",
    ]
    return r.header(prepared_for, prepared_by).html + front_page(r, policy_box) + "".join(appendix)


def memo_html(
    assessment: Assessment | TeamAssessment,
    *,
    prepared_for: str | None = None,
    prepared_by: str | None = None,
    policy: Policy | str | Path | None = None,
    as_of: date | str | None = None,
    policy_box: str = "",
) -> str:
    """The memo of an assessment as one self-contained HTML page (nothing is assessed again).

    `assessment`: from `assess`, or a team's from `assess_team`. `policy`: the policy it was
    made under (default the bundled one; a different version is refused). `as_of`: the date
    growth projections count from (default today). `prepared_for`/`prepared_by`: optional
    names printed under the title. `policy_box`: markup shown on page one (escaped by its
    maker). The page loads nothing from the network.
    """
    from .sections import Report

    r = Report.of(assessment, policy, as_of)
    footer = (
        f"Produced by cpo-model {esc(version())} from public sources; see the method and sources "
        "in the appendix."
    )
    html = board_text(
        page(memo_title(r.assessment), memo_body(r, prepared_for, prepared_by, policy_box), footer)
    )
    remote = external_references(html)
    if remote:
        raise ReportError(f"the memo would load {remote[0]!r} from the network")
    return html


def memo_pdf(
    assessment: Assessment | TeamAssessment,
    *,
    paper: str = "a4",
    prepared_for: str | None = None,
    prepared_by: str | None = None,
    policy: Policy | str | Path | None = None,
    as_of: date | str | None = None,
    policy_box: str = "",
) -> bytes:
    """The memo printed to PDF (`paper` 'a4' or 'letter') by a local Chromium: page numbers at
    the foot, the title at the head of every page. `ReportError` where no Chromium is found."""
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r}: expected one of {', '.join(PAPERS)}")
    why = pdf_unavailable()
    if why:
        raise ReportError(why)
    html = memo_html(
        assessment,
        prepared_for=prepared_for,
        prepared_by=prepared_by,
        policy=policy,
        as_of=as_of,
        policy_box=policy_box,
    )
    a = assessment.team if hasattr(assessment, "team_view") else assessment
    return print_pdf(html, memo_title(a), paper)


def out_file(out_path: str | Path) -> Path:
    """`out_path` as a file path whose folder exists (created if needed); one-line errors."""
    out = Path(out_path)
    if out.is_dir():
        raise InputFileError(
            f"is a folder; give a file name, e.g. {out / 'report.html'}", out_path, "out"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(
            f"cannot create folder {out.parent} ({exc.strerror})", out_path, "out"
        ) from None
    return out


def write_page(path: Path, text: str | bytes) -> None:
    """Write a page (text as UTF-8, or bytes); an OS error becomes a one-line `InputFileError`."""
    try:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot write ({exc.strerror})") from None


def write_memo(
    path: str | Path,
    assessment: Assessment | TeamAssessment,
    *,
    fmt: str | None = None,
    paper: str = "a4",
    **options: Any,
) -> Path:
    """Write the memo to `path`: PDF when `fmt` is 'pdf' or the name ends in .pdf, else HTML.
    `options` as for `memo_html`. The path written."""
    fmt = fmt or ("pdf" if str(path).lower().endswith(".pdf") else "html")
    if fmt not in FORMATS:
        raise ValueError(f"fmt {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "pdf" and pdf_unavailable():
        raise ReportError(pdf_unavailable())
    out = out_file(path)
    if fmt == "pdf":
        write_page(out, memo_pdf(assessment, paper=paper, **options))
    else:
        write_page(out, memo_html(assessment, **options))
    return out


def render_report(
    company: Company | Mapping[str, Any] | None,
    out_path: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    fmt: str = "html",
    report_date: date | str | None = None,
    raters: Raters | None = None,
    *,
    paper: str = "a4",
    prepared_for: str | None = None,
    prepared_by: str | None = None,
) -> Path:
    """Assess one company (or, with `raters`, a team's views of it) once and write its memo to
    `out_path` (HTML, or PDF through a local Chromium); the path.

    Invalid input raises `InvalidInputError`, a bad policy `PolicyError`, anything else that
    stops the memo `ReportError` -- all before anything is written.
    """
    from ..model import assess
    from ..policy import resolve
    from ..team import assess_team
    from .params import parse_date, to_company

    if fmt not in FORMATS:
        raise ValueError(f"fmt {fmt!r}: expected one of {', '.join(FORMATS)}")
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r}: expected one of {', '.join(PAPERS)}")
    if fmt == "pdf" and pdf_unavailable():
        raise ReportError(pdf_unavailable())
    policy, std = resolve(policy_path, standard)
    as_of = parse_date(report_date)
    if raters:
        subject = assess_team(raters, policy, std.key)
    else:
        subject = assess(to_company(company), policy, std.key)
    return write_memo(
        out_path,
        subject,
        fmt=fmt,
        paper=paper,
        policy=policy,
        as_of=as_of,
        prepared_for=prepared_for,
        prepared_by=prepared_by,
    )
