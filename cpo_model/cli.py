"""The `cpo-model` command line. Bad input: exit status 2 and one line on stderr, no traceback.

cpo-model assess --headcount 150 --complexity 3 [--format json]
cpo-model assess --csv companies.csv --out results.csv
cpo-model report --headcount 300 --complexity 4 --name Acme --out reports/acme.html [--format pdf]
cpo-model report --csv companies.csv --out-dir reports/portfolio/
cpo-model app [--port 8866] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from .errors import InputFileError, InvalidInputError, PolicyError, Problem
from .resources import responsibility_ids
from .schema import input_schema

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
            p.add_argument(_flag(name), dest=name, action=argparse.BooleanOptionalAction, default=None, help=spec["help"].replace("%", "%%"))
        else:
            p.add_argument(_flag(name), dest=name, metavar="N" if spec["type"] != "text" else "TEXT", help=spec["help"].replace("%", "%%"))
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
    r = sub.add_parser("report", help="a self-contained HTML memo for one company (flags), or one per row of a CSV (--csv)")
    _add_company_args(r)
    r.add_argument("--out", metavar="FILE", help="one company: the report file (default reports/<name>.html or .pdf)")
    r.add_argument("--format", choices=("html", "pdf"), default="html", help="one company: html (default) or pdf (needs a local Chromium)")
    r.add_argument("--csv", metavar="FILE", help="one report per row of this CSV, plus index.html")
    r.add_argument("--out-dir", metavar="DIR", help="with --csv: the folder for the reports (default reports/portfolio)")
    r.add_argument("--date", metavar="YYYY-MM-DD", help="the memo's 'as of' date; growth dates count from it (default today)")
    r.add_argument("--quiet", action="store_true", help="with --csv: no progress lines on standard error")
    app = sub.add_parser("app", help="serve the Explorer as a web app (Voila), bound to 127.0.0.1 unless --host says otherwise")
    app.add_argument("--port", default="8866", metavar="N", help="port to listen on (default 8866)")
    app.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    return parser


def _policy(args: argparse.Namespace):
    from .policy import resolve

    try:
        return resolve(args.policy, args.standard)[0]
    except PolicyError:
        raise
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


def _one_line(text: str) -> str:
    """Control and line-break characters escaped, so a message is always one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _show(value: object) -> str:
    """A value for a one-line message: as typed when printable, else quoted with escapes."""
    text = str(value)
    text = text if text.isprintable() else repr(text)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(problems: Sequence[Problem]) -> str:
    parts = []
    for p in problems:
        p = Problem(p.field, _show(p.value), p.allowed)
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


def _refuse_company_flags(args: argparse.Namespace) -> None:
    """With --csv, company values come from the file: any company flag is a usage error."""
    given = [_flag(n) for n in input_schema() if getattr(args, n) is not None] + (["--owner"] if args.owner else [])
    if given:
        raise UsageError(f"--csv cannot be combined with {', '.join(given)}: put company values in the CSV")


def cmd_assess(args: argparse.Namespace) -> int:
    policy = _policy(args)
    if args.csv:
        _refuse_company_flags(args)
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


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from .report import ReportError, build_portfolio, pdf_unavailable, render_report, slugify

    if args.date is not None:
        try:
            date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date}: expected a date as YYYY-MM-DD") from None
    _policy(args)  # a bad --policy or --standard stops here, before any kernel starts
    try:
        if args.csv:
            _refuse_company_flags(args)
            if args.out:
                raise UsageError("--out is for one company; with --csv give --out-dir DIR")
            if args.format != "html":
                raise UsageError("--format pdf is for one company; a portfolio is written as HTML")
            result = build_portfolio(args.csv, args.out_dir or "reports/portfolio", args.policy, args.standard, not args.quiet, args.date)
            print(result.index)
            if result.failed:
                print(f"{PROG}: {len(result.failed)} of {len(result.entries)} rows not rendered (see {result.index})", file=sys.stderr)
                return EXIT_INVALID_ROWS
            return EXIT_OK
        if args.out_dir:
            raise UsageError("--out-dir needs --csv; for one company give --out FILE")
        if args.headcount is None:
            raise UsageError("--headcount is required (a whole number from 1 to 10,000,000), or give --csv FILE")
        if args.format == "pdf" and pdf_unavailable():
            raise UsageError(pdf_unavailable())
        from .company import Company

        try:
            company = Company.from_record(_record(args))
        except InvalidInputError as exc:
            raise UsageError(_describe(exc.problems)) from None
        out = args.out or f"reports/{slugify(company.name) or 'report'}.{args.format}"
        print(render_report(company, out, args.policy, args.standard, args.format, args.date))
        return EXIT_OK
    except ReportError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INVALID_ROWS


def cmd_app(args: argparse.Namespace) -> int:
    from .app import LOOPBACK, serve

    port = args.port.strip()
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UsageError(f"--port {args.port}: expected a whole number from 1 to 65535")
    host = args.host.strip()
    if not host or any(c.isspace() for c in host):
        raise UsageError(f"--host {args.host!r}: expected an address such as 127.0.0.1")
    if host not in LOOPBACK:
        print(f"{PROG}: warning: --host {host} makes the app reachable from other machines", file=sys.stderr)
    return serve(host, int(port))


COMMANDS = {"assess": cmd_assess, "report": cmd_report, "app": cmd_app}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"{PROG}: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except InputFileError as exc:
        print(f"{PROG}: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except PolicyError as exc:
        print(f"{PROG}: error: --policy: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print(f"{PROG}: error: out of memory; split the input into smaller files", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # never a traceback for users; CPO_MODEL_DEBUG=1 shows it
        if os.environ.get("CPO_MODEL_DEBUG"):
            raise
        print(f"{PROG}: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} (set CPO_MODEL_DEBUG=1 for details)", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
