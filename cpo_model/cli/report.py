"""`cpo-model report`: a board memo for one company, or one per row of a CSV plus an index."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from .args import PROG, UsageError, add_company_args, company_of, policy_of, refuse_company_flags

EXIT_OK, EXIT_NOT_RENDERED = 0, 1


def add(sub) -> None:
    r = sub.add_parser(
        "report",
        help="a self-contained HTML memo for one company (flags), or one per row of a CSV (--csv)",
        description=(
            "A board memo that opens offline: the answer, reasons, charts, companies like yours, "
            "sources."
        ),
        epilog=(
            "examples:\n"
            "  cpo-model report --name Acme --headcount 300 --complexity 4 \\\n"
            "      --out reports/acme.html\n"
            "  cpo-model report --csv companies.csv --out-dir reports/portfolio/\n"
            "  cpo-model report --raters raters.csv --out reports/team.html"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_company_args(r)
    r.add_argument(
        "--out",
        metavar="FILE",
        help="one company: the report file (default reports/<name>.html or .pdf)",
    )
    r.add_argument(
        "--format",
        choices=("html", "pdf"),
        default="html",
        help="html (default) or pdf (a local Chromium)",
    )
    r.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default="a4",
        help="with --format pdf: the paper size (default a4)",
    )
    r.add_argument(
        "--prepared-for",
        metavar="TEXT",
        help="printed under the memo's title, e.g. 'The board of Acme' (optional)",
    )
    r.add_argument(
        "--prepared-by", metavar="TEXT", help="printed under the memo's title (optional)"
    )
    r.add_argument("--csv", metavar="FILE", help="one report per row of this CSV, plus index.html")
    r.add_argument(
        "--raters",
        metavar="FILE",
        help="a team's memo from a raters CSV (one row per rater): the team's answer and where "
        "the raters disagree",
    )
    r.add_argument(
        "--out-dir",
        metavar="DIR",
        help="with --csv: the folder for the reports (default reports/portfolio)",
    )
    r.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the memo's 'as of' date; growth dates count from it (default today)",
    )
    r.add_argument(
        "--quiet", action="store_true", help="with --csv: no progress lines on standard error"
    )
    r.add_argument(
        "--jobs",
        metavar="N",
        help="with --csv: memos written at once, one process each (default: one per core, "
        "at most 8)",
    )
    r.set_defaults(run=run)


def _people(args: argparse.Namespace) -> dict:
    return {"prepared_for": args.prepared_for, "prepared_by": args.prepared_by}


def run(args: argparse.Namespace) -> int:
    from ..report import ReportError, build_portfolio, pdf_unavailable, render_report, slugify

    if args.date is not None:
        try:
            date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date}: expected a date as YYYY-MM-DD") from None
    policy_of(args)  # a bad --policy or --standard stops here, before anything is written
    if args.paper != "a4" and args.format != "pdf":
        raise UsageError(f"--paper {args.paper}: is for --format pdf (HTML has no paper size)")
    try:
        if args.csv and args.raters:
            raise UsageError(
                "--raters and --csv: give one (a team's views of one company, or a CSV of "
                "companies)"
            )
        if args.csv:
            return _portfolio(args, build_portfolio)
        if args.raters:
            return _team(args, slugify)
        if args.out_dir:
            raise UsageError("--out-dir needs --csv; for one company give --out FILE")
        if args.jobs is not None:
            raise UsageError("--jobs needs --csv")
        company = company_of(args)
        if args.format == "pdf" and pdf_unavailable():
            raise UsageError(f"--format pdf: {pdf_unavailable()}")
        out = args.out or f"reports/{slugify(company.name) or 'report'}.{args.format}"
        print(
            render_report(
                company,
                out,
                args.policy,
                args.standard,
                args.format,
                args.date,
                paper=args.paper,
                **_people(args),
            )
        )
        return EXIT_OK
    except ReportError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_NOT_RENDERED


def _team(args: argparse.Namespace, slugify) -> int:
    """A team's memo: the raters are checked here (bad input exits 2) before anything is written."""
    from .team import team_of

    refuse_company_flags(args, "--raters")
    if args.out_dir or args.jobs is not None:
        raise UsageError(
            "--out-dir and --jobs are for --csv; a team's memo is one file: --out FILE"
        )
    policy = policy_of(args)
    team, _ = team_of(args.raters, policy, args.standard)  # assessed once, here
    if args.format == "pdf":
        from ..report import pdf_unavailable

        if pdf_unavailable():
            raise UsageError(f"--format pdf: {pdf_unavailable()}")
    from ..report import write_memo

    name = slugify(team.team_view.name or "") or "team"
    out = args.out or f"reports/{name}-team.{args.format}"
    print(
        write_memo(
            out,
            team,
            fmt=args.format,
            paper=args.paper,
            policy=policy,
            as_of=args.date,
            **_people(args),
        )
    )
    return EXIT_OK


def _jobs(text: str | None) -> int | None:
    from ..report.portfolio import MAX_JOBS

    if text is None:
        return None
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_JOBS:
        raise UsageError(f"--jobs {text}: expected a whole number from 1 to {MAX_JOBS}")
    return int(text)


def _portfolio(args: argparse.Namespace, build_portfolio) -> int:
    refuse_company_flags(args)
    if args.out:
        raise UsageError("--out is for one company; with --csv give --out-dir DIR")
    if args.format != "html":
        raise UsageError("--format pdf is for one company; a portfolio is written as HTML")
    out_dir = args.out_dir or "reports/portfolio"
    result = build_portfolio(
        args.csv,
        out_dir,
        args.policy,
        args.standard,
        not args.quiet,
        args.date,
        workers=_jobs(args.jobs),
        **_people(args),
    )
    print(result.index)
    if result.failed:
        print(
            f"{PROG}: {len(result.failed)} of {len(result.entries)} rows not rendered (see "
            f"{result.index})",
            file=sys.stderr,
        )
        return EXIT_NOT_RENDERED
    return EXIT_OK
