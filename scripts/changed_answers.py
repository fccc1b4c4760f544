"""Which bundled example companies changed answer, role or stage between two versions.

    python scripts/changed_answers.py OLD_REF [NEW_REF] [--examples CSV]

Each version's own code and policy (a git commit, tag or branch; NEW_REF defaults to the working
tree) assess the same examples (the newer version's `data/examples/companies.csv` unless
`--examples` says otherwise). Prints the CHANGELOG's "Changed answers" list as Markdown, one line
per company whose answer, role or stage differs, from -> to. `make changed-answers FROM=... TO=...`
runs it.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIELDS = (("create_cpo", "answer"), ("role", "role"), ("stage", "stage"))


def checkout(ref: str, into: Path) -> Path:
    """The tree of `ref` unpacked into `into` (the working tree itself for 'WORKTREE')."""
    if ref == "WORKTREE":
        return ROOT
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=ROOT, capture_output=True, check=False
    )
    if archive.returncode:
        sys.exit(f"changed_answers: git archive {ref}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def answers(tree: Path, examples: Path) -> tuple[dict[str, dict], str, str]:
    """name -> {create_cpo, role, stage} from `tree`'s own code; and its package and policy
    versions."""
    run = subprocess.run(
        [sys.executable, "-m", "cpo_model", "assess", "--csv", str(examples), "--format", "json"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"changed_answers: the version in {tree} failed: {run.stderr.strip()}")
    rows = json.loads(run.stdout)
    found = re.search(r'(?m)^version = "([^"]+)"', (tree / "pyproject.toml").read_text())
    package = found.group(1) if found else "?"
    policy = yaml.safe_load((tree / "data" / "policy.yaml").read_text(encoding="utf-8"))
    return (
        {r["name"]: {k: r.get(k) for k, _ in FIELDS} for r in rows if r.get("name")},
        str(package),
        str(policy.get("version")),
    )


def words(field: str, value: str | None) -> str:
    """An answer or role in words (as the cards say it); a stage as its code."""
    if value is None:
        return "invalid"
    sys.path.insert(0, str(ROOT))
    from cpo_model.present import DECISION_LABELS, ROLE_LABELS
    from cpo_model.types import Decision, Role

    try:
        if field == "create_cpo":
            return DECISION_LABELS[Decision(value)]
        if field == "role":
            return ROLE_LABELS[Role(value)]
    except ValueError:
        pass
    return value


def changed(old: dict[str, dict], new: dict[str, dict]) -> list[str]:
    lines = []
    for name, now in new.items():
        before = old.get(name)
        if before is None:
            continue
        diffs = [
            f"{label} {words(k, before[k])} → {words(k, now[k])}"
            for k, label in FIELDS
            if before[k] != now[k]
        ]
        if diffs:
            lines.append(f"- {name}: {'; '.join(diffs)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", help="the earlier version: a commit, tag or branch")
    ap.add_argument("new", nargs="?", default="WORKTREE", help="the later one (default: here)")
    ap.add_argument("--examples", help="the companies to compare (default: the later version's)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = checkout(args.old, Path(tmp) / "old")
        new_tree = checkout(args.new, Path(tmp) / "new")
        examples = Path(args.examples or new_tree / "data" / "examples" / "companies.csv")
        old, old_pkg, old_policy = answers(old_tree, examples.resolve())
        new, new_pkg, new_policy = answers(new_tree, examples.resolve())
    lines = changed(old, new)
    print(
        f"Changed answers, {old_pkg} (policy {old_policy}) → {new_pkg} (policy {new_policy}), "
        f"for the {len(new)} bundled example companies:"
    )
    print("\n".join(lines) if lines else "- none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
