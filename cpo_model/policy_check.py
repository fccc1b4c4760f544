"""Validating a parsed policy into a `Policy`: every problem at once, each named by key path.

>>> build({"version": 1}, None)
Traceback (most recent call last):
...
cpo_model.errors.PolicyError: sources=None: expected this key (missing); ...
"""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Any

from . import policy_sections as sections
from .errors import PolicyError, Problem
from .policy import (
    Policy,
    SizeStandard,
    Source,
    StageText,
)
from .schema import complexity_range, headcount_max
from .types import Stage

BOOL_KEYS = (False, True)
STAGE_KEYS = tuple(s.value for s in Stage)
# factor -> (kind, its domain: category keys, or the value the first band starts at)
FACTOR_KINDS: dict[str, tuple[str, Any]] = {
    "size": ("bands", 1),
    "complexity": ("points", None),  # the complexity levels of data/inputs.yaml
    "product_managers": ("bands", 0),
    "uncovered_responsibilities": ("bands", 0),
    "founder_overloaded": ("points", BOOL_KEYS),
    "tech_company": ("points", BOOL_KEYS),
    "product_market_fit": ("points", BOOL_KEYS),
}
COMPLEXITY_FACTOR_KINDS: dict[str, tuple[str, Any]] = {
    "product_lines": ("bands", 1),
    "platforms": ("bands", 1),
    "customer_segments": ("bands", 1),
    "markets": ("bands", 1),
    "regulated": ("points", BOOL_KEYS),
}
ESTIMATES = {
    "engineers_per_employee": (0.0, 1.0),
    "engineers_per_employee_non_tech": (0.0, 1.0),
    "engineers_per_pm": (0.01, math.inf),
}
TOP_KEYS = (
    "version",
    "sources",
    "size_standards",
    "default_standard",
    "stages",
    "factors",
    "complexity_from_factors",
    "estimates",
    "decision",
    "gates",
    "roles",
    "precedents",
    "notes",
)


class Checker:
    def __init__(self, sources: dict | None = None) -> None:
        self.problems: list[Problem] = []
        self.sources = sources or {}

    def bad(self, key: str, value: Any, allowed: str) -> None:
        self.problems.append(Problem(key, value, allowed))

    def mapping(self, raw: Any, key: str) -> dict:
        if not isinstance(raw, dict):
            self.bad(key, raw, "a mapping")
            return {}
        return raw

    def keys(self, raw: dict, key: str, required: tuple, optional: tuple = ()) -> None:
        for k in required:
            if k not in raw:
                self.bad(f"{key}.{k}" if key else str(k), None, "this key (missing)")
        for k in raw:
            if k not in required and k not in optional:
                allowed = ", ".join(map(str, required + optional))
                self.bad(f"{key}.{k}" if key else str(k), raw[k], f"a known key ({allowed})")

    def number(
        self, raw: Any, key: str, lo: float = -math.inf, hi: float = math.inf, whole: bool = False
    ) -> float | None:
        ok = isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw)
        if not ok or not lo <= raw <= hi or (whole and raw != int(raw)):
            rng = f" from {lo:g} to {hi:g}" if math.isfinite(lo) or math.isfinite(hi) else ""
            self.bad(key, raw, f"a {'whole' if whole else 'finite'} number{rng}")
            return None
        return raw

    def text(self, raw: Any, key: str, nullable: bool = False) -> str | None:
        if raw is None and nullable:
            return None
        if not isinstance(raw, str) or not raw.strip():
            self.bad(key, raw, "a non-empty string" + (" or null" if nullable else ""))
            return None
        return raw

    def source(self, raw: Any, key: str) -> str:
        if raw not in self.sources:
            self.bad(key, raw, f"a key of sources ({', '.join(sorted(map(str, self.sources)))})")
        return raw if isinstance(raw, str) else ""

    def choice(self, raw: Any, key: str, options: tuple[str, ...]) -> str | None:
        if raw not in options:
            self.bad(key, raw, f"one of {', '.join(options)}")
            return None
        return raw


def build(raw: Any, path: str | None) -> Policy:
    """A `Policy` from parsed YAML, or `PolicyError` listing every problem by key path."""
    if not isinstance(raw, dict):
        raise PolicyError(
            [
                Problem(
                    "policy",
                    path or type(raw).__name__,
                    f"a YAML mapping with the keys {', '.join(TOP_KEYS)}",
                )
            ]
        )
    c = Checker()
    c.keys(raw, "", TOP_KEYS)
    c.sources = _sources(c, raw.get("sources"))
    standards = _standards(c, raw.get("size_standards"))
    default = raw.get("default_standard")
    if default not in standards:
        c.bad(
            "default_standard", default, f"one of size_standards ({', '.join(map(str, standards))})"
        )
    stages = _stages(c, raw.get("stages"))
    levels = tuple(range(complexity_range()[0], complexity_range()[1] + 1))
    factors = sections.check_factors(
        c, raw.get("factors"), "factors", FACTOR_KINDS, levels, labelled=True
    )
    cfx = c.mapping(raw.get("complexity_from_factors"), "complexity_from_factors")
    base = sections.check_number(
        c,
        cfx.get("base_level"),
        "complexity_from_factors.base_level",
        (levels[0], levels[-1]),
        whole=True,
    )
    cfactors = sections.check_factors(
        c,
        {k: v for k, v in cfx.items() if k != "base_level"},
        "complexity_from_factors",
        COMPLEXITY_FACTOR_KINDS,
        levels,
    )
    estimates = sections.check_numbers(
        c, raw.get("estimates"), "estimates", ESTIMATES, labelled=True
    )
    decision = sections.check_numbers(
        c, raw.get("decision"), "decision", {"consider_from": None, "yes_from": None}
    )
    if len(decision) == 2 and not decision["consider_from"].value < decision["yes_from"].value:
        c.bad(
            "decision.yes_from.value",
            decision["yes_from"].value,
            f"a value above decision.consider_from ({decision['consider_from'].value:g})",
        )
    gates = sections.check_gates(c, raw.get("gates"))
    roles = sections.check_roles(c, raw.get("roles"))
    neighbours = sections.check_numbers(
        c,
        raw.get("precedents"),
        "precedents",
        {
            "count": (0, 20),
            "complexity_weight": (0.0, 10.0),
            "business_model_weight": (0.0, 10.0),
            "kind_weight": (0.0, 10.0),
        },
    )
    notes = sections.check_notes(c, raw.get("notes"))
    version = raw.get("version")
    if not isinstance(version, (str, int, float)) or isinstance(version, bool):
        c.bad("version", version, "a version string")
    if c.problems:
        raise PolicyError(c.problems)
    freeze = MappingProxyType
    return Policy(
        version=str(version),
        sources=freeze(c.sources),
        standards=freeze(standards),
        default_standard=default,
        stages=freeze(stages),
        factors=freeze(factors),
        complexity_factors=freeze(cfactors),
        base_level=base,
        estimates=freeze(estimates),
        decision=freeze(decision),
        gates=freeze(gates),
        roles=freeze(roles),
        precedents=freeze(neighbours),
        notes=freeze(notes),
        path=path,
    )


def _sources(c: Checker, raw: Any) -> dict[str, Source]:
    out = {}
    for k, v in c.mapping(raw, "sources").items():
        v = c.mapping(v, f"sources.{k}")
        c.keys(v, f"sources.{k}", ("title", "url", "year"), ("kind", "no_url"))
        if "no_url" in v:  # why a source has no address (a book, our own judgement, unverified)
            c.text(v.get("no_url"), f"sources.{k}.no_url")
        year = v.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            c.bad(f"sources.{k}.year", year, "a year (whole number) or null")
        title = c.text(v.get("title"), f"sources.{k}.title") or ""
        out[k] = Source(
            str(k),
            title,
            c.text(v.get("url"), f"sources.{k}.url", nullable=True),
            year if isinstance(year, int) else None,
            str(v.get("kind", "")),
        )
    return out


def _standards(c: Checker, raw: Any) -> dict[str, SizeStandard]:
    out = {}
    for k, v in c.mapping(raw, "size_standards").items():
        key = f"size_standards.{k}"
        v = c.mapping(v, key)
        c.keys(v, key, ("label", "midsize_from", "large_from", "source", "rationale"))
        mid = c.number(v.get("midsize_from"), f"{key}.midsize_from", 2, headcount_max(), whole=True)
        large = c.number(v.get("large_from"), f"{key}.large_from", 2, headcount_max(), whole=True)
        if mid is not None and large is not None and not mid < large:
            c.bad(f"{key}.large_from", large, f"a number above midsize_from ({mid})")
        label = c.text(v.get("label"), f"{key}.label") or str(k)
        src, why = (
            c.source(v.get("source"), f"{key}.source"),
            c.text(v.get("rationale"), f"{key}.rationale") or "",
        )
        out[k] = SizeStandard(str(k), label, int(mid or 0), int(large or 0), src, why)
    if not out:
        c.bad("size_standards", raw, "at least one size standard")
    return out


def _stages(c: Checker, raw: Any) -> dict[str, StageText]:
    raw = c.mapping(raw, "stages")
    c.keys(raw, "stages", STAGE_KEYS)
    out = {}
    for k in STAGE_KEYS:
        key, v = f"stages.{k}", c.mapping(raw.get(k, {}), f"stages.{k}")
        c.keys(v, key, ("label", "says", "source"), ("non_tech", "non_tech_source"))
        non_tech = c.text(v.get("non_tech"), f"{key}.non_tech", nullable=True)
        nsrc = c.source(v.get("non_tech_source"), f"{key}.non_tech_source") if non_tech else None
        texts = [c.text(v.get(n), f"{key}.{n}") or "" for n in ("label", "says")]
        out[k] = StageText(k, *texts, c.source(v.get("source"), f"{key}.source"), non_tech, nsrc)
    return out
