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
        "  cpo-model assess --csv companies.csv --out results.csv",
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
    from ..model import assess

    a = assess(company_of(args), policy, args.standard)
    print(
        json.dumps(a.as_dict(), indent=2, ensure_ascii=False)
        if args.format == "json"
        else a.to_text()
    )
    return EXIT_OK


def _csv(args: argparse.Namespace, policy) -> int:
    from ..csvio import read_companies, write_results
    from ..frame import assess_frame

    df = read_companies(args.csv)
    out = assess_frame(df, policy, args.standard, next_change=True)
    write_results(out, args.out, args.format, raw=args.raw_csv)
    bad = int(out["error"].notna().sum())
    if bad:
        print(f"{PROG}: {bad} of {len(out)} rows invalid (see the 'error' column)", file=sys.stderr)
    return EXIT_INVALID_ROWS if bad else EXIT_OK
