"""Readiness of an internal CPO candidate on the eight skills of the source text. Pure.

>>> r = rate_candidate({s["id"]: 4 for s in skills()})
>>> r.suggestion, r.gaps["leadership"]
('promote', 0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from types import MappingProxyType
from typing import Any

import yaml

from .errors import InvalidInputError, Problem
from .resources import data_path, skills

SUGGESTION_LABELS = {
    "promote": "Promote: ready for the CPO role now",
    "develop": "Develop: close the gaps with coaching or a stretch role",
    "hire_externally": "Hire externally: the gaps are too wide to close in time",
}


@lru_cache(maxsize=1)
def readiness_policy() -> Mapping[str, Any]:
    """The thresholds from data/readiness.yaml."""
    return MappingProxyType(yaml.safe_load(data_path("readiness.yaml").read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Readiness:
    ratings: Mapping[str, int]
    gaps: Mapping[str, int]  # target - rating, never below 0
    average: float
    weakest: tuple[str, ...]
    suggestion: str  # promote | develop | hire_externally
    target: int

    @property
    def label(self) -> str:
        return SUGGESTION_LABELS[self.suggestion]

    def _repr_html_(self) -> str:
        names = {s["id"]: s["name"] for s in skills()}
        rows = "".join(f"<tr><td>{escape(names[k])}</td><td>{v}</td><td>{'−' * self.gaps[k] or '✓'}</td></tr>" for k, v in self.ratings.items())
        return (
            f"<div><b>{escape(self.label)}</b> (average {self.average:.2f} of 5, target {self.target})"
            f"<table><tr><th>Skill</th><th>Rating</th><th>Gap</th></tr>{rows}</table></div>"
        )


def rate_candidate(ratings: Mapping[str, Any]) -> Readiness:
    """Rate a candidate: `ratings` maps each of the eight skill ids to a whole number 1-5."""
    policy = readiness_policy()
    lo, hi = policy["scale"]["min"], policy["scale"]["max"]
    ids = [s["id"] for s in skills()]
    problems = [Problem(f"ratings[{k!r}]", k, f"a skill id ({', '.join(ids)})") for k in ratings if k not in ids]
    clean: dict[str, int] = {}
    for k in ids:
        v = ratings.get(k)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v or not lo <= v <= hi or int(v) != v:
            problems.append(Problem(k, v, f"a whole number from {lo} to {hi}"))
        else:
            clean[k] = int(v)
    if problems:
        raise InvalidInputError(problems)
    target = policy["target"]["value"]
    gaps = {k: max(0, target - v) for k, v in clean.items()}
    average = sum(clean.values()) / len(clean)
    low = min(clean.values())
    s = policy["suggestions"]
    if average >= s["promote"]["min_average"] and low >= s["promote"]["min_each"]:
        suggestion = "promote"
    elif average >= s["develop"]["min_average"] and low >= s["develop"]["min_each"]:
        suggestion = "develop"
    else:
        suggestion = "hire_externally"
    weakest = tuple(k for k, v in clean.items() if v == low)
    return Readiness(MappingProxyType(clean), MappingProxyType(gaps), average, weakest, suggestion, target)
