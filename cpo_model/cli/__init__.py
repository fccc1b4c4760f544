"""The `cpo-model` command line. Bad input: exit status 2 and one line on stderr, no traceback.

cpo-model assess --headcount 150 --complexity 3 [--format json]
cpo-model assess --csv companies.csv --out results.csv
cpo-model report --headcount 300 --complexity 4 --name Acme --out reports/acme.html [--format pdf]
cpo-model report --csv companies.csv --out-dir reports/portfolio/
cpo-model team --csv raters.csv [--format json]
cpo-model report --raters raters.csv --out reports/team.html
cpo-model app [--port 8866] [--host 127.0.0.1]
cpo-model notebooks DIR [--force]; cpo-model lab [DIR]
cpo-model policy init FILE [--force]; policy check FILE; policy show FILE
cpo-model policy diff OLD NEW [--csv companies.csv] [--format text|json]
cpo-model --version

One module per command (`assess`, `report`, `app`, `policy`, ...); `args` holds the parser
and the flags.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..errors import InputFileError, MissingExtraError, PolicyError
from ..present import escape_controls
from . import app, assess, lab, notebooks, policy, report, team
from .args import EPILOG, PROG, Parser, UsageError, file_problem, subparsers

EXIT_OK, EXIT_USAGE, EXIT_INTERNAL = 0, 2, 3
COMMANDS = (assess, team, report, app, notebooks, lab, policy)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description=(
            "Should this company create a Chief Product Officer role? Not yet, consider it, or now."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=VersionAction,
        help="print the package and bundled policy versions and exit",
    )
    sub = subparsers(parser)
    for command in COMMANDS:
        command.add(sub)
    return parser


class VersionAction(argparse.Action):
    """`--version`: the package version (from its metadata) and the bundled policy's."""

    def __init__(self, option_strings, dest, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from .. import __version__
        from ..policy import load_policy

        print(f"{PROG} {__version__} (policy {load_policy().version})")
        parser.exit()


def _error(message: str) -> int:
    print(f"{PROG}: error: {escape_controls(message)}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = None  # the parsed arguments, once parsed: a file error is named by its command's flag
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        passthrough: list[str] = []
        if "--" in argv:  # `cpo-model lab DIR -- JUPYTER ARGS`
            at = argv.index("--")
            argv, passthrough = argv[:at], argv[at + 1 :]
        args = build_parser().parse_args(argv)
        if passthrough and args.command != "lab":
            raise UsageError(f"arguments after -- are for 'cpo-model lab', not '{args.command}'")
        args.passthrough = passthrough
        return args.run(args)
    except (UsageError, MissingExtraError) as exc:
        return _error(str(exc))
    except InputFileError as exc:
        return _error(file_problem(exc, getattr(args, "file_flags", None)))
    except PolicyError as exc:
        return _error(f"--policy: {exc}")
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        return _error("out of memory; split the input into smaller files")
    except Exception as exc:  # never a traceback for users; CPO_MODEL_DEBUG=1 shows it
        if os.environ.get("CPO_MODEL_DEBUG"):
            raise
        detail = " ".join(str(exc).split())
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {detail} (set CPO_MODEL_DEBUG=1 "
            "for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """Console-script entry point."""
    # nbformat validates with jsonschema, whose format checkers import rfc3987_syntax, which
    # builds ~35 grammars on import: about a second of every report here (reported upstream as
    # python-jsonschema/jsonschema#1428). No notebook schema uses the IRI formats it checks, and
    # this process runs no other code, so it goes without (jsonschema then skips those formats).
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    sys.exit(main())
