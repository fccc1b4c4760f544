"""`cpo-model assess`: one company from flags, or every row of a CSV."""

from __future__ import annotations

import argparse
import json
import sys

from .args import PROG, UsageError, add_company_args, company_of, policy_of, refuse_company_flags

EXIT_OK, EXIT_INVALID_ROWS = 0, 1


def add(sub) -> None:
    a = sub.add_parser(
        "assess",
        help="assess one company (flags) or many (--csv)",
        description=(
            "Should this company create a CPO role? One company from flags, or every row of a CSV."
        ),
        epilog="examples:\n  cpo-model assess --headcount 300 --complexity 4 --format json\n"
        "  cpo-model assess --csv companies.csv --out results.csv\n"
        "  cpo-model assess --csv every-firm.csv --out results.csv --progress   # any size",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_company_args(a)
    a.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    a.add_argument("--csv", metavar="FILE", help="assess every row of a CSV file")
    a.add_argument(
        "--out", metavar="FILE", help="with --csv: write results here (default: standard output)"
    )
    a.add_argument(
        "--raw-csv",
        action="store_true",
        help=(
            "with --csv: write text cells exactly as read (by default a cell starting with "
            "= + - @ is prefixed with ' so spreadsheets do not run it as a formula)"
        ),
    )
    a.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "with --csv: a progress bar on stderr (default: shown on a terminal once a file "
            "takes more than a few seconds)"
        ),
    )
    a.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    policy = policy_of(args)
    if args.csv:
        refuse_company_flags(args)
        return _csv(args, policy)
    if args.out:
        raise UsageError("--out needs --csv")
    if args.raw_csv:
        raise UsageError("--raw-csv needs --csv")
    if args.progress is not None:
        raise UsageError("--progress needs --csv")
    from ..model import assess

    a = assess(company_of(args), policy, args.standard)
    print(
        json.dumps(a.as_dict(), indent=2, ensure_ascii=False)
        if args.format == "json"
        else a.to_text()
    )
    return EXIT_OK


def _csv(args: argparse.Namespace, policy) -> int:
    """Stream the file in chunks: flat memory for any size, every row out in order."""
    from ..csvstream import assess_csv
    from .progress import Bar

    bar = Bar(sys.stderr, force=args.progress)
    try:
        counts = assess_csv(
            args.csv,
            args.out or sys.stdout,
            policy,
            args.standard,
            fmt=args.format,
            raw=args.raw_csv,
            progress=bar,
        )
    finally:
        bar.close()
    if counts.invalid:
        print(
            f"{PROG}: {counts.invalid:,} of {counts.rows:,} rows invalid (see the 'error' column)",
            file=sys.stderr,
        )
    return EXIT_INVALID_ROWS if counts.invalid else EXIT_OK
