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

FORMATS = ("text", "json", "markdown")  # markdown: the CHANGELOG's "Changed answers" list


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
    diff.add_argument(
        "--format",
        default="text",
        help="text (default), json, or markdown (with --csv: the changed companies as a list)",
    )
    diff.set_defaults(run=run_diff)


def add_policy_flag(p: argparse.ArgumentParser) -> None:
    """`--policy FILE` for a command that starts notebooks (app, lab)."""
    p.add_argument(
        "--policy",
        metavar="FILE",
        help="your own policy YAML (checked before anything starts; see 'cpo-model policy')",
    )


def checked_policy(path: str | None) -> str | None:
    """`path` when it is a valid policy file (None stays None); a bad one raises `PolicyError`,
    which the CLI reports as one line, exit status 2."""
    if path is None:
        return None
    from ..policy import load_policy

    load_policy(path)
    return path


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
    if args.format == "markdown" and not args.csv:
        raise UsageError("--format markdown lists changed companies: give --csv FILE")
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
    elif args.format == "markdown":
        print("\n".join(changed_answers_markdown(result, args.csv, new)))
    else:
        print("\n".join(diff_lines(result, args.old, args.new, new)))
    return 0


WHAT = {"create_cpo": "answer", "role": "role", "stage": "stage"}


def _words(field: str, value: str, policy) -> str:
    """An answer or role as the cards say it; a stage by the policy's label."""
    from ..present import DECISION_LABELS, ROLE_LABELS
    from ..types import Decision, Role

    if field == "create_cpo":
        return DECISION_LABELS[Decision(value)]
    if field == "role":
        return ROLE_LABELS[Role(value)]
    return policy.stages[value].label


def _change(c, policy) -> str:
    why = "; ".join(str(x) for x in c.causes) or "no single number named"
    return (
        f"{c.name}: {WHAT[c.field]} {_words(c.field, c.old, policy)} → "
        f"{_words(c.field, c.new, policy)} (score {c.score[0]:g} → {c.score[1]:g}; {why})"
    )


def changed_answers_markdown(result, csv_name: str, new_policy) -> list[str]:
    """The CHANGELOG's "Changed answers" list: a heading line, then one item per change."""
    lines = [
        f"Changed answers, policy {result.old.version} → {result.new.version}, for the "
        f"{result.rows} companies of {csv_name}:"
    ]
    lines += [f"- {_change(c, new_policy)}" for c in result.companies] or ["- none"]
    return lines


def diff_lines(result, old_name: str, new_name: str, new_policy) -> list[str]:
    """A `PolicyDiff` as text: the values that differ, then the companies that change."""
    lines = [
        f"Policy {result.old.label} ({old_name}) → {result.new.label} ({new_name})",
        f"Numbers and texts that differ: {len(result.differences) or 'none'}",
    ]
    for d in result.differences:
        src = f"  [{d.source}]" if d.source and d.kind in ("number", "rule") else ""
        lines.append(f"  {d}{src}")
    if result.rows is None:
        return lines
    changed = {c.row for c in result.companies}
    lines.append(
        f"Companies whose answer, role or stage changes: {len(changed)} of {result.rows}"
        + (f" ({len(result.invalid_rows)} invalid rows skipped)" if result.invalid_rows else "")
    )
    lines += [f"  {_change(c, new_policy)}" for c in result.companies]
    return lines
