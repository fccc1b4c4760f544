"""Readiness of an internal CPO candidate on the eight skills of the source text. Pure.

The scale, the target and the thresholds live in `data/readiness.yaml`, validated on load
(every problem named by key path).

>>> r = rate_candidate({s["id"]: 4 for s in skills()})
>>> r.suggestion, r.gaps["leadership"]
(<Suggestion.PROMOTE: 'promote'>, 0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from types import MappingProxyType
from typing import Any

from .errors import InvalidInputError, PolicyError, Problem
from .present import SUGGESTION_LABELS
from .resources import data_path, skills
from .types import Suggestion

THRESHOLDS = (Suggestion.PROMOTE, Suggestion.DEVELOP)  # checked in this order; else hire externally


@dataclass(frozen=True)
class ReadinessPolicy:
    scale: tuple[int, int]
    target: int
    thresholds: Mapping[Suggestion, tuple[float, int]]  # suggestion -> (min average, min each)


def _whole(c: list[Problem], raw: Any, key: str, lo: float, hi: float) -> int:
    if (
        isinstance(raw, bool)
        or not isinstance(raw, (int, float))
        or raw != raw
        or not lo <= raw <= hi
        or int(raw) != raw
    ):
        c.append(Problem(key, raw, f"a whole number from {lo:g} to {hi:g}"))
        return int(lo)
    return int(raw)


def check_readiness(raw: Any) -> ReadinessPolicy:
    """Validate parsed `readiness.yaml`; `PolicyError` names every bad key path."""
    c: list[Problem] = []
    raw = raw if isinstance(raw, dict) else {}
    scale = raw.get("scale") if isinstance(raw.get("scale"), dict) else {}
    lo, hi = (
        _whole(c, scale.get("min"), "scale.min", 0, 100),
        _whole(c, scale.get("max"), "scale.max", 1, 100),
    )
    if lo >= hi:
        c.append(Problem("scale.max", hi, f"a number above scale.min ({lo})"))
    target = raw.get("target") if isinstance(raw.get("target"), dict) else {}
    goal = _whole(c, target.get("value"), "target.value", lo, hi)
    found = raw.get("suggestions") if isinstance(raw.get("suggestions"), dict) else {}
    if set(found) != {s.value for s in Suggestion}:
        c.append(
            Problem(
                "suggestions", sorted(found), f"exactly {', '.join(s.value for s in Suggestion)}"
            )
        )
    thresholds = {}
    for s in THRESHOLDS:
        spec = found.get(s.value) if isinstance(found.get(s.value), dict) else {}
        avg = spec.get("min_average")
        if isinstance(avg, bool) or not isinstance(avg, (int, float)) or not lo <= avg <= hi:
            c.append(
                Problem(f"suggestions.{s.value}.min_average", avg, f"a number from {lo} to {hi}")
            )
            avg = hi
        thresholds[s] = (
            float(avg),
            _whole(c, spec.get("min_each"), f"suggestions.{s.value}.min_each", lo, hi),
        )
    for key in ("target", *(f"suggestions.{s.value}" for s in Suggestion)):
        node = raw
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict) or not node.get("source") or not node.get("rationale"):
            c.append(Problem(f"{key}.source", node, "a source and a rationale"))
    if c:
        raise PolicyError(c)
    return ReadinessPolicy((lo, hi), goal, MappingProxyType(thresholds))


@cache
def readiness_policy() -> ReadinessPolicy:
    """The validated thresholds from `data/readiness.yaml` (read once)."""
    import yaml

    return check_readiness(yaml.safe_load(data_path("readiness.yaml").read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Readiness:
    ratings: Mapping[str, int]
    gaps: Mapping[str, int]  # target - rating, never below 0
    average: float
    weakest: tuple[str, ...]
    suggestion: Suggestion
    target: int
    scale: tuple[int, int]

    @property
    def label(self) -> str:
        return SUGGESTION_LABELS[self.suggestion]

    def _repr_html_(self) -> str:
        names = {s["id"]: s["name"] for s in skills()}
        rows = "".join(
            f"<tr><td>{escape(names[k])}</td><td>{v}</td><td>{'−' * self.gaps[k] or '✓'}</td></tr>"
            for k, v in self.ratings.items()
        )
        return (
            f"<div><b>{escape(self.label)}</b> (average {self.average:.2f} of "
            f"{self.scale[1]}, target {self.target})"
            f"<table><tr><th>Skill</th><th>Rating</th><th>Gap</th></tr>{rows}</table></div>"
        )


def rate_candidate(ratings: Mapping[str, Any]) -> Readiness:
    """Rate a candidate: `ratings` maps each of the eight skill ids to a whole number on the
    scale."""
    policy = readiness_policy()
    lo, hi = policy.scale
    ids = [s["id"] for s in skills()]
    problems = [
        Problem(f"ratings[{k!r}]", k, f"a skill id ({', '.join(ids)})")
        for k in ratings
        if k not in ids
    ]
    clean: dict[str, int] = {}
    for k in ids:
        v = ratings.get(k)
        if (
            isinstance(v, bool)
            or not isinstance(v, (int, float))
            or v != v
            or not lo <= v <= hi
            or int(v) != v
        ):
            problems.append(Problem(k, v, f"a whole number from {lo} to {hi}"))
        else:
            clean[k] = int(v)
    if problems:
        raise InvalidInputError(problems)
    gaps = {k: max(0, policy.target - v) for k, v in clean.items()}
    average = sum(clean.values()) / len(clean)
    low = min(clean.values())
    suggestion = Suggestion.HIRE_EXTERNALLY
    for s in THRESHOLDS:
        min_average, min_each = policy.thresholds[s]
        if average >= min_average and low >= min_each:
            suggestion = s
            break
    weakest = tuple(k for k, v in clean.items() if v == low)
    return Readiness(
        MappingProxyType(clean),
        MappingProxyType(gaps),
        average,
        weakest,
        suggestion,
        policy.target,
        policy.scale,
    )
