"""`cpo-model policy init|check|show|diff`: start, check, read and compare your own policy.

The logic lives in `policy`, `policy_diff` and `method`; this module only parses and formats.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import PolicyError
from .args import PROG, Parser, UsageError

FORMATS = ("text", "json")


def add(sub) -> None:
    pol = sub.add_parser(
        "policy",
        help="start, check, show and compare your own policy file",
        description=(
            "Your own policy: a copy of the bundled data/policy.yaml with your numbers. Every "
            "command that assesses takes it with --policy FILE."
        ),
        epilog=(
            "examples:\n  cpo-model policy init my-policy.yaml\n"
            "  cpo-model policy check my-policy.yaml\n  cpo-model policy show my-policy.yaml\n"
            "  cpo-model policy diff bundled my-policy.yaml --csv data/examples/companies.csv"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmds = pol.add_subparsers(dest="policy_command", parser_class=Parser, required=True)
    cmds.metavar = "{init,check,show,diff}"
    init = cmds.add_parser("init", help="write the bundled policy, with its comments, to FILE")
    init.add_argument("file", metavar="FILE")
    init.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    init.set_defaults(run=run_init)
    check = cmds.add_parser("check", help="validate FILE: exit 0, or 2 naming every problem")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(run=run_check)
    show = cmds.add_parser("show", help="print FILE's rules as tables (Markdown)")
    show.add_argument("file", metavar="FILE", help="a policy file, or 'bundled'")
    show.set_defaults(run=run_show)
    diff = cmds.add_parser(
        "diff",
        help="list what differs between two policies and, with --csv, whose answers change",
    )
    diff.add_argument("old", metavar="OLD", help="a policy file, or 'bundled'")
    diff.add_argument("new", metavar="NEW", help="a policy file, or 'bundled'")
    diff.add_argument("--csv", metavar="FILE", help="companies to assess under both policies")
    diff.add_argument("--standard", help="size standard (default: each policy's own)")
    diff.add_argument("--format", default="text", help="text (default) or json")
    diff.set_defaults(run=run_diff)


def _load(name: str):
    """A policy by path; 'bundled' is the bundled one. A bad file: one line per problem."""
    from ..policy import load_policy

    try:
        return load_policy(None if name == "bundled" else name)
    except PolicyError as exc:
        raise PolicyProblems(name, exc) from None


class PolicyProblems(Exception):
    """A policy file with problems: one line per problem, each naming its key path."""

    def __init__(self, name: str, error: PolicyError) -> None:
        self.lines = [f"{name}: {p}" for p in error.problems]
        super().__init__("\n".join(self.lines))


def _refused(exc: PolicyProblems) -> int:
    from ..present import escape_controls

    for line in exc.lines:
        print(f"{PROG}: error: {escape_controls(line)}", file=sys.stderr)
    return 2


def run_init(args: argparse.Namespace) -> int:
    from ..policy import load_policy
    from ..resources import data_path

    out = Path(args.file)
    if out.is_dir():
        raise UsageError(f"policy init {args.file}: is a directory; give a file name")
    if out.exists() and not args.force:
        raise UsageError(f"policy init {args.file}: the file exists; add --force to overwrite it")
    try:
        out.write_bytes(data_path("policy.yaml").read_bytes())
    except OSError as exc:
        raise UsageError(f"policy init {args.file}: cannot write ({exc.strerror})") from None
    print(
        f"{PROG} policy init: wrote {args.file} (policy {load_policy().version}); edit it, then "
        f"run: {PROG} policy check {args.file}"
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..policy_diff import custom_differences

    try:
        policy = _load(args.file)
    except PolicyProblems as exc:
        return _refused(exc)
    ident = policy.identity
    what = "the bundled policy" if ident.bundled else "a custom policy"
    moved = len(custom_differences(policy))
    print(
        f"{args.file}: valid, {what}, version {ident.label}, sha256 {ident.sha256[:12]}; "
        f"{moved} number{'s' if moved != 1 else ''} differ{'s' if moved == 1 else ''} from the "
        "bundled policy"
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..method import policy_markdown

    try:
        policy = _load(args.file)
    except PolicyProblems as exc:
        return _refused(exc)
    print(f"Policy {policy.identity.label}\n")
    print(policy_markdown(policy))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from ..policy_diff import compare

    if args.format not in FORMATS:
        raise UsageError(f"--format {args.format}: expected one of {', '.join(FORMATS)}")
    try:
        old, new = _load(args.old), _load(args.new)
    except PolicyProblems as exc:
        return _refused(exc)
    frame = None
    if args.csv:
        from ..csvio import read_companies

        frame = read_companies(args.csv)
    for p in (old, new):
        if args.standard is not None and args.standard not in p.standards:
            raise UsageError(
                f"--standard {args.standard}: expected one of {', '.join(p.standards)}"
            )
    result = compare(old, new, frame, args.standard)
    if args.format == "json":
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(diff_lines(result, args.old, args.new, new)))
    return 0


def diff_lines(result, old_name: str, new_name: str, new_policy) -> list[str]:
    """A `PolicyDiff` as text: the values that differ, then the companies that change."""
    from ..present import DECISION_LABELS, ROLE_LABELS
    from ..types import Decision, Role

    def words(field: str, value: str) -> str:
        if field == "create_cpo":
            return DECISION_LABELS[Decision(value)]
        if field == "role":
            return ROLE_LABELS[Role(value)]
        return new_policy.stages[value].label

    lines = [
        f"Policy {result.old.label} ({old_name}) → {result.new.label} ({new_name})",
        f"Numbers and texts that differ: {len(result.differences) or 'none'}",
    ]
    for d in result.differences:
        src = f"  [{d.source}]" if d.source and d.kind in ("number", "rule") else ""
        lines.append(f"  {d}{src}")
    if result.rows is None:
        return lines
    what = {"create_cpo": "answer", "role": "role", "stage": "stage"}
    changed = {c.row for c in result.companies}
    lines.append(
        f"Companies whose answer, role or stage changes: {len(changed)} of {result.rows}"
        + (f" ({len(result.invalid_rows)} invalid rows skipped)" if result.invalid_rows else "")
    )
    for c in result.companies:
        why = "; ".join(str(x) for x in c.causes) or "no single number named"
        lines.append(
            f"  {c.name}: {what[c.field]} {words(c.field, c.old)} → {words(c.field, c.new)} "
            f"(score {c.score[0]:g} → {c.score[1]:g}; {why})"
        )
    return lines
