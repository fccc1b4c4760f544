"""The `cpo-model` command line. Bad input: exit status 2 and one line on stderr, no traceback.

cpo-model assess --headcount 150 --complexity 3 [--format json]
cpo-model assess --csv companies.csv --out results.csv
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from .company import input_schema
from .errors import InputFileError, InvalidInputError, PolicyError, Problem
from .resources import responsibility_ids

EXIT_OK, EXIT_INVALID_ROWS, EXIT_USAGE = 0, 1, 2
PROG = "cpo-model"


class UsageError(Exception):
    """A bad argument: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def _add_company_args(p: argparse.ArgumentParser) -> None:
    schema = input_schema()
    for name, spec in schema.items():
        if spec["type"] == "bool":
            p.add_argument(_flag(name), dest=name, action=argparse.BooleanOptionalAction, default=None, help=spec["help"])
        else:
            p.add_argument(_flag(name), dest=name, metavar="N" if spec["type"] != "text" else "TEXT", help=spec["help"])
    p.add_argument(
        "--owner",
        action="append",
        default=None,
        metavar="RESPONSIBILITY=OWNER",
        help=f"who holds a responsibility today (ceo, product_lead, nobody); responsibilities: {', '.join(responsibility_ids())}",
    )
    p.add_argument("--standard", help="size standard: eu (default) or gartner, or one your policy defines")
    p.add_argument("--policy", metavar="FILE", help="your own policy YAML (validated)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Should this company create a Chief Product Officer role?")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, required=True)
    a = sub.add_parser("assess", help="assess one company (flags) or many (--csv)")
    _add_company_args(a)
    a.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    a.add_argument("--csv", metavar="FILE", help="assess every row of a CSV file")
    a.add_argument("--out", metavar="FILE", help="with --csv: write results here (default: standard output)")
    return parser


def _policy(args: argparse.Namespace):
    from .model import resolve
    from .policy import load_policy

    policy = load_policy(args.policy) if args.policy else None
    try:
        return resolve(policy, args.standard)[0]
    except InvalidInputError as exc:
        p = exc.problems[0]
        raise UsageError(f"--standard {p.value}: expected {p.allowed}") from None


def _record(args: argparse.Namespace) -> dict:
    record = {name: getattr(args, name) for name in input_schema()}
    for item in args.owner or ():
        key, sep, owner = item.partition("=")
        if not sep:
            raise UsageError(f"--owner {item}: expected RESPONSIBILITY=OWNER, e.g. product_strategy=ceo")
        record[f"owner_{key.strip()}"] = owner
    return record


def _describe(problems: Sequence[Problem]) -> str:
    parts = []
    for p in problems:
        field = p.field
        if field.startswith("owners["):
            parts.append(f"--owner {p.value}: expected {p.allowed}")
        elif field.startswith("owner_"):
            parts.append(f"--owner {field.removeprefix('owner_')}={p.value}: expected {p.allowed}")
        elif field in input_schema():
            parts.append(f"{_flag(field)} {p.value}: expected {p.allowed}")
        else:
            parts.append(f"{field.replace('_', '-')}={p.value}: expected {p.allowed}")
    return "; ".join(parts)


def cmd_assess(args: argparse.Namespace) -> int:
    policy = _policy(args)
    if args.csv:
        given = [_flag(n) for n in input_schema() if getattr(args, n) is not None] + (["--owner"] if args.owner else [])
        if given:
            raise UsageError(f"--csv cannot be combined with {', '.join(given)}: put company values in the CSV")
        return _assess_csv(args, policy)
    if args.out:
        raise UsageError("--out needs --csv")
    if args.headcount is None:
        raise UsageError("--headcount is required (a whole number from 1 to 10,000,000), or give --csv FILE")
    from .company import Company
    from .model import assess

    try:
        company = Company.from_record(_record(args))
    except InvalidInputError as exc:
        raise UsageError(_describe(exc.problems)) from None
    a = assess(company, policy, args.standard)
    print(json.dumps(a.as_dict(), indent=2, ensure_ascii=False) if args.format == "json" else a.to_text())
    return EXIT_OK


def _assess_csv(args: argparse.Namespace, policy) -> int:
    from .csvio import read_companies, write_results
    from .frame import assess_frame

    df = read_companies(args.csv)
    out = assess_frame(df, policy, args.standard, next_change=True)
    write_results(out, args.out, args.format)
    bad = int(out["error"].notna().sum())
    if bad:
        print(f"{PROG}: {bad} of {len(out)} rows invalid (see the 'error' column)", file=sys.stderr)
    return EXIT_INVALID_ROWS if bad else EXIT_OK


COMMANDS = {"assess": cmd_assess}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InputFileError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PolicyError as exc:
        print(f"{PROG}: error: --policy: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
