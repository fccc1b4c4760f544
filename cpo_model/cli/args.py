"""The command line's parser: subcommands, company flags from `data/inputs.yaml`, one-line errors.

>>> flag("product_managers")
'--product-managers'
"""

from __future__ import annotations

import argparse
from argparse import SUPPRESS
from collections.abc import Sequence
from typing import NoReturn

from ..errors import InputFileError, Problem
from ..present import as_typed
from ..schema import OWNER_PREFIX, field_map, fields, headcount_max, responsibility_ids

PROG = "cpo-model"
EPILOG = """examples:
  cpo-model assess --headcount 150 --complexity 3
  cpo-model assess --csv data/examples/companies.csv --out results.csv
  cpo-model team --csv data/examples/raters.csv
  cpo-model report --name Acme --headcount 300 --complexity 4 --out reports/acme.html
  cpo-model app
  cpo-model lab my-notebooks

Each command has its own --help with examples. Reports, the app and JupyterLab need the
notebooks extra: pip install "cpo-model[notebooks]".

exit status: 0 done; 1 some CSV rows were invalid (all rows are still written) or some reports
were not rendered; 2 bad arguments, CSV or policy, or a missing extra (one line on standard error,
never a traceback)."""


class UsageError(Exception):
    """A bad argument: reported on one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def flag(field: str) -> str:
    """A field's flag (only the command line names fields by flags)."""
    return field_map()[field].flag if field in field_map() else "--" + field.replace("_", "-")


# a file error's `source` -> the flag that gives that file (only the command line names flags)
FILE_FLAGS = {"csv": "--csv", "raters": "--raters", "out": "--out", "out_dir": "--out-dir"}


def file_problem(exc: InputFileError, flags: dict[str, str] | None = None) -> str:
    """A file error as the flag that gave the file; `flags` (a command's `file_flags` default)
    overrides `FILE_FLAGS` where its flag differs (`team` reads its raters from --csv).

    >>> file_problem(InputFileError("not a file", "x.csv", "raters"), {"raters": "--csv"})
    '--csv x.csv: not a file'
    """
    name = {**FILE_FLAGS, **(flags or {})}.get(exc.source or "")
    return f"{name} {exc}" if name and exc.path is not None else str(exc)


def add_company_args(p: argparse.ArgumentParser) -> None:
    """One flag per input of `data/inputs.yaml` (yes/no inputs as --x, --x yes|no, --no-x),
    owners, standard, policy."""
    for f in fields():
        helptext = f.help.replace("%", "%%")
        if f.kind == "bool":
            no = "--no-" + f.flag[2:]
            p.add_argument(
                f.flag,
                dest=f.name,
                nargs="?",
                const="yes",
                default=None,
                metavar="yes|no",
                help=f"{helptext} Alone: yes; {no}: no.",
            )
            p.add_argument(no, dest=f.name, action="store_const", const="no", help=SUPPRESS)
        elif f.kind == "choice":
            p.add_argument(
                f.flag, dest=f.name, metavar="MODEL", help=f"{helptext} One of: {f.allowed[7:]}."
            )
        else:
            p.add_argument(
                f.flag, dest=f.name, metavar="TEXT" if f.kind == "text" else "N", help=helptext
            )
    p.add_argument(
        "--owner",
        action="append",
        default=None,
        metavar="RESPONSIBILITY=OWNER",
        help=(
            "who holds a responsibility today (ceo, product_lead, nobody); one of: "
            f"{', '.join(responsibility_ids())}"
        ),
    )
    p.add_argument(
        "--standard", help="size standard: eu (default) or gartner, or one your policy defines"
    )
    p.add_argument("--policy", metavar="FILE", help="your own policy YAML (validated)")


def subparsers(parser: argparse.ArgumentParser):
    return parser.add_subparsers(
        dest="command", parser_class=Parser, required=True, metavar="COMMAND"
    )


def record(args: argparse.Namespace) -> dict:
    """The company flags as a record for `Company.from_record`."""
    out = {f.name: getattr(args, f.name) for f in fields()}
    for item in args.owner or ():
        key, sep, owner = item.partition("=")
        if not sep:
            raise UsageError(
                f"--owner {item}: expected RESPONSIBILITY=OWNER, e.g. product_strategy=ceo"
            )
        out[f"owner_{key.strip()}"] = owner
    return out


def describe(problems: Sequence[Problem]) -> str:
    """Problems as flags: '--headcount -3: expected a whole number from 1 to 10,000,000'."""
    parts = []
    for p in problems:
        value, field = as_typed(p.value), p.field
        if field.startswith("owners["):
            parts.append(f"--owner {value}: expected {p.allowed}")
        elif field.startswith(OWNER_PREFIX):
            rid = field.removeprefix(OWNER_PREFIX)
            parts.append(f"--owner {rid}={value}: expected {p.allowed}")
        elif field in field_map():
            parts.append(f"{flag(field)} {value}: expected {p.allowed}")
        else:
            parts.append(f"{field.replace('_', '-')}={value}: expected {p.allowed}")
    return "; ".join(parts)


def refuse_company_flags(args: argparse.Namespace, option: str = "--csv") -> None:
    """With --csv (or --raters), company values come from the file: any company flag is a
    usage error."""
    given = [f.flag for f in fields() if getattr(args, f.name) is not None] + (
        ["--owner"] if args.owner else []
    )
    if given:
        raise UsageError(
            f"{option} cannot be combined with {', '.join(given)}: put company values in the CSV"
        )


def policy_of(args: argparse.Namespace):
    """The policy named by --policy (bundled when not given), checked with --standard."""
    from ..errors import InvalidInputError, PolicyError
    from ..policy import resolve

    try:
        return resolve(args.policy, args.standard)[0]
    except PolicyError:
        raise
    except InvalidInputError as exc:
        p = exc.problems[0]
        raise UsageError(f"--standard {p.value}: expected {p.allowed}") from None


def address_of(host: str, port: str) -> tuple[str, int]:
    """A server's --host and --port, checked: one line naming the bad one."""
    text = port.strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise UsageError(f"--port {port}: expected a whole number from 1 to 65535")
    name = host.strip()
    if not name or any(c.isspace() for c in name):
        raise UsageError(f"--host {host!r}: expected an address such as 127.0.0.1")
    return name, int(text)


def company_of(args: argparse.Namespace):
    """The company the flags describe; a bad value is a usage error naming the flag."""
    from ..company import Company
    from ..errors import InvalidInputError

    if args.headcount is None:
        top = headcount_max()
        raise UsageError(
            f"--headcount is required (a whole number from 1 to {top:,}), or give --csv FILE"
        )
    try:
        return Company.from_record(record(args))
    except InvalidInputError as exc:
        raise UsageError(describe(exc.problems)) from None
