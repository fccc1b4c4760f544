"""What differs between two policies, and what that does to a set of companies: data only.

`differences(old, new)` lists every number and text that differs, by key path, old → new, with
the source the new policy gives it. `company_changes(old, new, frame)` runs both policies through
the engine on the same companies and lists each company whose answer, role or stage changes,
with the reasons: the factors whose points moved, the gates, the cut-offs, the size standard or
the role ladder. `custom_differences(policy)` compares a policy with the bundled one (empty for
the bundled policy itself). Formatting is left to the callers (`cli/policy.py`, `policy_box`).

>>> from cpo_model.policy import load_policy
>>> bundled = load_policy()
>>> tree = bundled.tree
>>> tree["decision"]["yes_from"]["value"] = 8.5
>>> [str(d) for d in differences(bundled, Policy.from_dict(tree))]
['decision.yes_from.value: 9 → 8.5']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .policy import Policy, PolicyIdentity, load_policy


class _Absent:
    """The old or new side of a key that only one policy has (null in JSON)."""

    def __repr__(self) -> str:
        return "(none)"


MISSING: Any = _Absent()
RULE_KEYS = ("cap", "role_cap", "default_standard")  # texts that are rules, not words
FIELDS = ("create_cpo", "role", "stage")  # what a company's change is about


@dataclass(frozen=True)
class Difference:
    """One value that differs between two policies, by key path (as loading names them)."""

    path: str
    old: Any
    new: Any
    kind: str  # "number", "rule" (a cap, a default), "text" or "value"
    source: str = ""  # citation of the source the new policy gives this value ("" when none)

    @property
    def change(self) -> str:
        """'changed', 'added' (only the new policy has it) or 'removed'."""
        if self.old is MISSING:
            return "added"
        return "removed" if self.new is MISSING else "changed"

    def __str__(self) -> str:
        return f"{self.path}: {show_value(self.old)} → {show_value(self.new)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "old": None if self.old is MISSING else self.old,
            "new": None if self.new is MISSING else self.new,
            "kind": self.kind,
            "change": self.change,
            "source": self.source,
        }


@dataclass(frozen=True)
class Cause:
    """Why a company's answer, role or stage moves: a factor, a gate, a cut-off, a size standard
    or a role step, with its old and new value (points, a cap, a threshold)."""

    kind: str  # "factor", "gate", "cut-off", "size standard", "role ladder", "estimate"
    key: str  # a factor's or gate's key, or the key path of the number that moved
    label: str  # the policy's label for it (a factor's, a gate's) or the key path
    old: Any
    new: Any

    def __str__(self) -> str:
        old, new = (v if isinstance(v, str) else show_value(v) for v in (self.old, self.new))
        return f"{self.kind} {self.label}: {old} → {new}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "label": self.label,
            "old": None if self.old is MISSING else self.old,
            "new": None if self.new is MISSING else self.new,
        }


@dataclass(frozen=True)
class CompanyChange:
    """One company whose answer (`create_cpo`), role or stage differs between two policies."""

    row: int  # 0-based position in the frame
    name: str  # the `name` column, or "row N" (1-based) when there is none
    field: str  # "create_cpo", "role" or "stage"
    old: str  # the enum value under the old policy
    new: str
    causes: tuple[Cause, ...]
    score: tuple[float, float]  # the score under each policy

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "name": self.name,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "score": list(self.score),
            "causes": [c.as_dict() for c in self.causes],
        }


@dataclass(frozen=True)
class PolicyDiff:
    """Two policies compared: their identities, the values that differ, and (given companies)
    the companies whose answer, role or stage changes."""

    old: PolicyIdentity
    new: PolicyIdentity
    differences: tuple[Difference, ...]
    companies: tuple[CompanyChange, ...] = ()
    rows: int | None = None  # companies compared (None: none given)
    invalid_rows: tuple[int, ...] = field(default=())  # rows neither policy could assess

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.as_dict(),
            "new": self.new.as_dict(),
            "differences": [d.as_dict() for d in self.differences],
            "rows": self.rows,
            "invalid_rows": list(self.invalid_rows),
            "companies": [c.as_dict() for c in self.companies],
        }


def show_value(value: Any) -> str:
    """A value as a diff line shows it: whole floats without .0, texts quoted (cut at 80)."""
    if value is MISSING:
        return "(none)"
    if value is None:
        return "null"
    if isinstance(value, float) and value == int(value):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value) if len(value) <= 80 else repr(value[:77] + "...")
    return str(value)


def _kind(key: str, old: Any, new: Any) -> str:
    values = [v for v in (old, new) if v is not MISSING]
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "number"
    if key in RULE_KEYS:
        return "rule"
    return "text" if all(isinstance(v, str) for v in values) else "value"


def _walk(old: Any, new: Any, path: str, out: list[tuple[str, str, Any, Any, list]], up: list):
    """Leaves that differ: (path, leaf key, old, new, the mappings above the leaf in `new`)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        olds = {str(k): v for k, v in old.items()}
        news = {str(k): v for k, v in new.items()}
        for k in [*news, *(k for k in olds if k not in news)]:
            sub = f"{path}.{k}" if path else k
            o, n = olds.get(k, MISSING), news.get(k, MISSING)
            if o is MISSING or n is MISSING:
                out.append((sub, k, o, n, [new, *up]))
            else:
                _walk(o, n, sub, out, [new, *up])
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            o = old[i] if i < len(old) else MISSING
            n = new[i] if i < len(new) else MISSING
            if o is MISSING or n is MISSING:
                out.append((f"{path}[{i}]", "", o, n, up))
            else:
                _walk(o, n, f"{path}[{i}]", out, up)
    elif old != new or type(old) is not type(new) and not _same_number(old, new):
        out.append((path, path.rsplit(".", 1)[-1], old, new, up))


def _same_number(a: Any, b: Any) -> bool:
    numeric = (int, float)
    return (
        isinstance(a, numeric)
        and isinstance(b, numeric)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
        and a == b
    )


def _source_key(path: str, leaf: str, up: list) -> str | None:
    """The source of a value: the nearest `source` above it (`magnitude` for points, the role
    cap's own source for a role cap)."""
    if leaf == "role_cap":
        keys: tuple[str, ...] = ("role_cap_source", "source")
    elif ".points" in path:
        keys = ("magnitude", "source")
    else:
        keys = ("source",)
    for key in keys:
        for node in up:
            if isinstance(node, Mapping) and isinstance(node.get(key), str):
                return node[key]
    return None


def differences(old: Policy, new: Policy) -> list[Difference]:
    """Every number and text that differs between two policies, by key path, in the new
    policy's order (keys only the old one has come last). The version is listed too."""
    found: list[tuple[str, str, Any, Any, list]] = []
    _walk(old.tree, new.tree, "", found, [])
    out = []
    for path, leaf, o, n, up in found:
        if isinstance(n, Mapping):
            up = [n, *up]
        key = None if path.startswith("sources.") else _source_key(path, leaf, up)
        cite = new.cite(key) if key and key in new.sources else ""
        if isinstance(o, (Mapping, list)) or isinstance(n, (Mapping, list)):
            kind = "value"
        else:
            kind = _kind(leaf, o, n)
        out.append(Difference(path, o, n, kind, cite))
    return out


def custom_differences(policy: Policy | str | None) -> list[Difference]:
    """For a policy other than the bundled one, the numbers and rules (caps, the default size
    standard) that differ from the bundled, calibrated policy, old → new, with their sources.
    Empty for the bundled policy. Texts that are only words are left out: see `differences`."""
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    if policy.bundled:
        return []
    return [d for d in differences(load_policy(), policy) if d.kind in ("number", "rule")]


def compare(
    old: Policy | str,
    new: Policy | str,
    frame: Any = None,
    standard: str | None = None,
) -> PolicyDiff:
    """Two policies (objects or paths) compared; with `frame` (a DataFrame of companies, as
    `assess_frame` takes) also the companies whose answer, role or stage changes."""
    old = old if isinstance(old, Policy) else load_policy(old)
    new = new if isinstance(new, Policy) else load_policy(new)
    diffs = tuple(differences(old, new))
    if frame is None:
        return PolicyDiff(old.identity, new.identity, diffs)
    changes, invalid = company_changes(old, new, frame, standard, diffs)
    return PolicyDiff(old.identity, new.identity, diffs, tuple(changes), len(frame), invalid)


def company_changes(
    old: Policy,
    new: Policy,
    frame: Any,
    standard: str | None = None,
    diffs: tuple[Difference, ...] | None = None,
) -> tuple[list[CompanyChange], tuple[int, ...]]:
    """The companies of `frame` whose answer, role or stage differs under the two policies,
    each with its causes; and the rows that are invalid (under both: parsing does not depend on
    the policy)."""
    from . import engine
    from .columns import parse_frame
    from .types import Decision, Role, Stage

    diffs = tuple(differences(old, new)) if diffs is None else diffs
    parsed = parse_frame(frame)
    cols, bad = parsed.columns, parsed.bad
    cols = {k: np.where(bad, 1.0 if k == "headcount" else np.nan, v) for k, v in cols.items()}
    rules = [engine.rules_for(p, p.standard(standard).key) for p in (old, new)]
    a, b = (engine.evaluate(r, cols) for r in rules)
    names = (
        frame["name"].tolist() if "name" in frame.columns else [None] * len(frame)
    )  # a company's name, when the file gives one
    enums = {"create_cpo": list(Decision), "role": list(Role), "stage": list(Stage)}
    arrays = {"create_cpo": ("rank",), "role": ("role",), "stage": ("stage",)}
    out = []
    for i in np.flatnonzero(~bad):
        name = names[i] if isinstance(names[i], str) and names[i].strip() else f"row {i + 1}"
        for fld in FIELDS:
            attr = arrays[fld][0]
            was, now = int(getattr(a, attr)[i]), int(getattr(b, attr)[i])
            if was == now:
                continue
            causes = _causes(fld, i, a, b, old, new, rules, diffs)
            out.append(
                CompanyChange(
                    int(i),
                    name,
                    fld,
                    enums[fld][was].value,
                    enums[fld][now].value,
                    tuple(causes),
                    (float(a.score[i]), float(b.score[i])),
                )
            )
    return out, tuple(int(i) for i in np.flatnonzero(bad))


def _causes(fld, i, a, b, old, new, rules, diffs) -> list[Cause]:
    from . import engine

    std_old, std_new = rules[0].standard, rules[1].standard
    causes: list[Cause] = []
    if fld == "stage":
        if std_old != std_new:
            causes.append(Cause("size standard", "default_standard", "default", std_old, std_new))
        for d in diffs:
            if d.path in (
                f"size_standards.{std_new}.midsize_from",
                f"size_standards.{std_new}.large_from",
            ):
                causes.append(Cause("size standard", d.path, d.path, d.old, d.new))
        return causes
    if fld == "create_cpo" or (fld == "role" and int(a.rank[i]) != int(b.rank[i])):
        for f in engine.FACTORS:
            p, q = float(a.points[f][i]), float(b.points[f][i])
            if p != q:
                causes.append(Cause("factor", f, new.factors[f].label, p, q))
        if int(a.score_rank[i]) != int(b.score_rank[i]):
            causes += [
                Cause("cut-off", d.path, d.path, d.old, d.new)
                for d in diffs
                if d.path.startswith("decision.") and d.kind == "number"
            ]
    for j, g in enumerate(engine.GATES):
        held = (int(a.gates[i]) >> j) & 1, (int(b.gates[i]) >> j) & 1
        if held == (0, 0):
            continue
        caps = [p.gates[g] for p in (old, new)]
        if held[0] != held[1]:
            causes.append(
                Cause(
                    "gate",
                    g,
                    caps[1].label,
                    "holds" if held[0] else "does not hold",
                    "holds" if held[1] else "does not hold",
                )
            )
        elif fld == "create_cpo" and caps[0].cap != caps[1].cap:
            causes.append(Cause("gate", g, caps[1].label, caps[0].cap.value, caps[1].cap.value))
        elif fld == "role" and caps[0].role_cap != caps[1].role_cap:
            causes.append(
                Cause("gate", g, caps[1].label, _value(caps[0].role_cap), _value(caps[1].role_cap))
            )
    if fld == "role":
        causes += [
            Cause("role ladder", d.path, d.path, d.old, d.new)
            for d in diffs
            if d.path.startswith("roles.") and d.kind == "number"
        ]
        causes += [
            Cause("estimate", d.path, d.path, d.old, d.new)
            for d in diffs
            if d.path.startswith("estimates.")
            and d.kind == "number"
            and float(a.product_managers[i]) != float(b.product_managers[i])
        ]
    return causes


def _value(member) -> Any:
    return member.value if member is not None else MISSING
