"""`cpo-model team`: several raters' views of one company, the team's answer and where they
disagree, most decisive first."""

from __future__ import annotations

import argparse
import json

from .args import policy_of

EXIT_OK = 0


def add(sub) -> None:
    t = sub.add_parser(
        "team",
        help="a team's views of one company: the team answer and the disagreements that matter",
        description=(
            "Each rater's view of one company (a raters CSV: a 'rater' column and company "
            "columns; a blank cell is no view), the team view (medians and majorities), its "
            "answer, each rater's answer, and every input the raters differ on, with what each "
            "view would give, most decisive first."
        ),
        epilog="examples:\n  cpo-model team --csv data/examples/raters.csv\n"
        "  cpo-model team --csv raters.csv --format json\n"
        "  cpo-model report --raters raters.csv --out reports/team.html   # the board memo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    t.add_argument("--csv", metavar="FILE", required=True, help="the raters CSV")
    t.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    t.add_argument(
        "--standard", help="size standard: eu (default) or gartner, or one your policy defines"
    )
    t.add_argument("--policy", metavar="FILE", help="your own policy YAML (validated)")
    t.set_defaults(run=run, file_flags={"raters": "--csv"})  # the raters CSV comes by --csv


def team_of(path: str, policy, standard: str | None):
    """(the `TeamAssessment`, the raters as read) of a raters CSV; bad input is an
    `InputFileError` about the raters file, naming the rater and the field (the CLI's error
    handler names the flag that gave the file)."""
    from ..errors import InputFileError, InvalidInputError
    from ..team import assess_team
    from ..team_inputs import read_raters

    raters = read_raters(path)
    try:
        return assess_team(raters, policy, standard), raters
    except InvalidInputError as exc:
        raise InputFileError(str(exc), path, "raters") from None


def run(args: argparse.Namespace) -> int:
    team, _ = team_of(args.csv, policy_of(args), args.standard)
    if args.format == "json":
        print(json.dumps(team.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(team.to_text())
    return EXIT_OK
