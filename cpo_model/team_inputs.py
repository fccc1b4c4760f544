"""Raters' views as inputs: each rater's row parsed (blank = no view), names told apart, and the
team's values: the median of stated numbers, the most common yes/no or owner.

How halves and ties are settled is data (`team:` in `data/inputs.yaml`).

>>> values, notes = team_values([{"complexity": 2, "founder_overloaded": True},
...                              {"complexity": 3, "founder_overloaded": False}])
>>> values
{'complexity': 3}
>>> print(notes[0])
Founder overloaded: a tie (yes 1, no 1), taken as not stated, so the model assumes no
>>> names, notes = unique_names(["CEO", "", "CEO"])
>>> names
['CEO (1)', 'rater 2', 'CEO (2)']
>>> print(notes[0])
2 raters are named 'CEO': told apart as 'CEO (1)' and 'CEO (2)'
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import InputFileError, InvalidInputError, Problem
from .schema import OWNER_PREFIX, blank, field_map, responsibility_ids, team_rules
from .schema import fields as all_fields
from .types import Owner

RATER = "rater"  # the raters CSV's name column


def fields() -> tuple[str, ...]:
    """Every input a rater can give, in the schema's order (owners as `owner_<id>`)."""
    return tuple(f.name for f in all_fields() if f.name != "name") + tuple(
        f"{OWNER_PREFIX}{rid}" for rid in responsibility_ids()
    )


def label(key: str) -> str:
    """An input's label: 'Product complexity', 'Owner of product vision'."""
    if key in field_map():
        return field_map()[key].label
    return f"Owner of {key[len(OWNER_PREFIX) :].replace('_', ' ')}"


def parse_view(name: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """A rater's row as typed values, blank cells left out (a row without a headcount is a
    view); every bad cell named at once with the rater, e.g. `rater 'CTO': headcount=-3:
    expected a whole number from 1 to 10,000,000`. The one parser (`columns.parse_record`)."""
    from .columns import parse_record

    keys = set(fields())
    try:
        values = parse_record({k: v for k, v in record.items() if str(k).strip() in keys}, False)
    except InvalidInputError as exc:
        raise InvalidInputError(
            Problem(f"rater {name!r}: {p.field}", p.value, p.allowed) for p in exc.problems
        ) from None
    owners = values.pop("owners", {})
    return values | {f"{OWNER_PREFIX}{rid}": owner for rid, owner in owners.items()}


def team_values(views: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The team's value of every input some rater stated, and a note for each tie."""
    rules, specs = team_rules(), field_map()
    team: dict[str, Any] = {}
    notes: list[str] = []
    for key in fields():
        stated = [v[key] for v in views if v.get(key) is not None]
        if not stated:
            continue
        kind = specs[key].kind if key in specs else "owner"
        if kind in ("int", "float"):
            mid = statistics.median(stated)
            if kind == "int":
                mid = math.floor(mid) + (mid % 1 > 0 and rules["halves"] == "up")
            team[key] = int(mid) if kind == "int" else float(mid)
            continue
        counts = Counter(stated).most_common()
        if len(counts) > 1 and counts[0][1] == counts[1][1]:
            notes.append(_tie_note(key, counts))  # ties: not stated (`ties: not_stated`)
            continue
        team[key] = counts[0][0]
    return team, notes


def _tie_note(key: str, counts: list[tuple[Any, int]]) -> str:
    from .present import OWNER_LABELS

    def words(v: Any) -> str:
        if isinstance(v, bool):
            return "yes" if v else "no"
        if key in field_map():  # a choice: its value in words
            return str(v).replace("_", " ")
        return OWNER_LABELS[Owner(v)]

    split = ", ".join(f"{words(v)} {n}" for v, n in counts)
    default = field_map()[key].default if key in field_map() else None
    then = f", so the model assumes {words(default)}" if default is not None else ""
    return f"{label(key)}: a tie ({split}), taken as not stated{then}"


def unique_names(names: Sequence[str | None]) -> tuple[list[str], list[str]]:
    """Rater names told apart: a blank becomes 'rater N' (its row), a repeat 'Alex (1)',
    'Alex (2)'; with a note for each repeat."""
    named = [str(n).strip() if not blank(n) else f"rater {i + 1}" for i, n in enumerate(names)]
    counts, seen = Counter(named), Counter()
    out, notes = [], []
    for n in named:
        if counts[n] > 1:
            seen[n] += 1
            out.append(f"{n} ({seen[n]})")
        else:
            out.append(n)
    for n, k in counts.items():
        if k > 1:
            apart = (
                " and ".join(repr(f"{n} ({i})") for i in (1, k))
                if k == 2
                else (f"'{n} (1)' to '{n} ({k})'")
            )
            notes.append(f"{k} raters are named {n!r}: told apart as {apart}")
    return out, notes


def read_raters(path: str | Path) -> list[tuple[str, dict[str, Any]]]:
    """A raters CSV: one row per rater, a `rater` column and company columns. Returns (name,
    row) pairs as written (`assess_team` tells repeated names apart); `InputFileError` naming
    the file, its `source` "raters"."""
    from .csvio import read_companies

    df = read_companies(path, "raters")
    if RATER not in df.columns:
        raise InputFileError(
            f"no '{RATER}' column; expected one row per rater, with a '{RATER}' column and "
            "company columns",
            path,
            "raters",
        )
    rows = [r for r in df.to_dict("records") if any(not blank(v) for v in r.values())]
    if not rows:
        raise InputFileError("no raters; expected one row per rater", path, "raters")
    return [(str(r.pop(RATER) or "").strip(), r) for r in rows]
