"""The policy's shape and its validation, in one place: the immutable parts a `Policy` is made
of (sources, size standards, stages, factors and their bands, numbers, gates, the role ladder,
notes) and `check`, which turns parsed YAML into those parts or raises `PolicyError` naming every
problem by key path at once. Monotonicity (points never fall as an input rises), the gates' shape
and the cut-offs' order are checked here; a policy that only moves numbers passes.

>>> check({"version": 1})
Traceback (most recent call last):
...
cpo_model.errors.PolicyError: sources=None: expected this key (missing); ...
>>> c = Checker({"own_judgement": None})
>>> _ = check_number(c, {"value": -1, "source": "own_judgement", "rationale": "x"},
...                  "precedents.count", (0, 20))
>>> str(c.problems[0])
'precedents.count.value=-1: expected a finite number from 0 to 20'
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .errors import PolicyError, Problem
from .schema import complexity_range, headcount_max
from .types import Decision, Role, Stage


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str | None
    year: int | None
    kind: str

    def cite(self) -> str:
        """Short citation: title, year."""
        return f"{self.title}, {self.year}" if self.year else self.title


@dataclass(frozen=True)
class SizeStandard:
    key: str
    label: str
    midsize_from: int
    large_from: int
    source: str
    rationale: str


@dataclass(frozen=True)
class StageText:
    """What the source text says of one stage; `non_tech` replaces it outside tech (when set);
    `essential` replaces it where the engine says the role is essential (when set)."""

    key: str
    label: str
    says: str
    source: str
    non_tech: str | None = None
    non_tech_source: str | None = None
    essential: str | None = None
    essential_source: str | None = None


@dataclass(frozen=True)
class Band:
    lower: float
    points: float
    source: str | None  # the boundary's source; None for the first band


@dataclass(frozen=True)
class Factor:
    """Points for one input: by category (`points`) or by lower bounds (`bands`)."""

    key: str
    label: str
    points: Mapping[Any, float]  # category -> points (empty for bands)
    bands: tuple[Band, ...]  # ascending (empty for points)
    source: str  # the direction
    magnitude: str  # the size of the steps
    rationale: str


@dataclass(frozen=True)
class Number:
    value: float
    source: str
    rationale: str
    label: str = ""


@dataclass(frozen=True)
class Gate:
    key: str
    label: str
    cap: Decision
    role_cap: Role | None
    source: str
    rationale: str
    role_cap_source: str | None = None


@dataclass(frozen=True)
class RoleStep:
    key: str
    people_from: int
    product_managers_from: int
    source: str
    rationale: str


@dataclass(frozen=True)
class Note:
    key: str
    text: str
    source: str
    when: str
    growth_from: Number | None = None


BOOL_KEYS = (False, True)
STAGE_KEYS = tuple(s.value for s in Stage)
# factor -> (kind, its domain: category keys, or the value the first band starts at)
# Keys added to the policy after policy files were written (2026.12-1), and what a file that
# lacks one gets, so that its answers stay as they were: a factor it lacks scores nothing; a
# precedents weight it lacks weighs nothing (the nearest cases by size and complexity alone).
_OLDER = "Not in this policy file (written before policy 2026.12-1)"
ADDED_KEYS: dict[tuple[str, str], dict[str, Any]] = {
    ("factors", "customer_experience"): {
        "label": "Superior customer experience a stated strategic priority",
        "points": {False: 0, True: 0},
        "source": "own_judgement",
        "magnitude": "own_judgement",
        "rationale": f"{_OLDER}: the factor scores nothing.",
    },
    ("precedents", "business_model_weight"): {
        "value": 0,
        "source": "own_judgement",
        "rationale": f"{_OLDER}: no weight.",
    },
    ("precedents", "kind_weight"): {
        "value": 0,
        "source": "own_judgement",
        "rationale": f"{_OLDER}: no weight.",
    },
}


def _upgrade(raw: dict) -> dict:
    """`raw` with every key of `ADDED_KEYS` it lacks (a policy file written before them loads and
    answers as it did); the file's own keys are never changed."""
    out = dict(raw)
    for (section, key), value in ADDED_KEYS.items():
        part = out.get(section)
        if isinstance(part, dict) and key not in part:
            out[section] = {**part, key: value}
    return out


FACTOR_KINDS: dict[str, tuple[str, Any]] = {
    "size": ("bands", 1),
    "complexity": ("points", None),  # the complexity levels of data/inputs.yaml
    "product_managers": ("bands", 0),
    "uncovered_responsibilities": ("bands", 0),
    "founder_overloaded": ("points", BOOL_KEYS),
    "tech_company": ("points", BOOL_KEYS),
    "product_market_fit": ("points", BOOL_KEYS),
    "customer_experience": ("points", BOOL_KEYS),
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


def check(raw: Any, path: str | None = None) -> dict[str, Any]:
    """The parts of a `Policy` (its constructor's keyword arguments) from parsed YAML, or
    `PolicyError` listing every problem by key path."""
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
    raw = _upgrade(raw)
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
    factors = check_factors(c, raw.get("factors"), "factors", FACTOR_KINDS, levels, labelled=True)
    cfx = c.mapping(raw.get("complexity_from_factors"), "complexity_from_factors")
    base = check_number(
        c,
        cfx.get("base_level"),
        "complexity_from_factors.base_level",
        (levels[0], levels[-1]),
        whole=True,
    )
    cfactors = check_factors(
        c,
        {k: v for k, v in cfx.items() if k != "base_level"},
        "complexity_from_factors",
        COMPLEXITY_FACTOR_KINDS,
        levels,
    )
    estimates = check_numbers(c, raw.get("estimates"), "estimates", ESTIMATES, labelled=True)
    decision = check_numbers(
        c, raw.get("decision"), "decision", {"consider_from": None, "yes_from": None}
    )
    if len(decision) == 2 and not decision["consider_from"].value < decision["yes_from"].value:
        c.bad(
            "decision.yes_from.value",
            decision["yes_from"].value,
            f"a value above decision.consider_from ({decision['consider_from'].value:g})",
        )
    gates = check_gates(c, raw.get("gates"))
    roles = check_roles(c, raw.get("roles"))
    neighbours = check_numbers(
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
    notes = check_notes(c, raw.get("notes"))
    version = raw.get("version")
    if not isinstance(version, (str, int, float)) or isinstance(version, bool):
        c.bad("version", version, "a version string")
    if c.problems:
        raise PolicyError(c.problems)
    freeze = MappingProxyType
    return dict(
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
        c.keys(
            v,
            key,
            ("label", "says", "source"),
            ("non_tech", "non_tech_source", "essential", "essential_source"),
        )
        extra = []
        for name in ("non_tech", "essential"):
            text = c.text(v.get(name), f"{key}.{name}", nullable=True)
            src = c.source(v.get(f"{name}_source"), f"{key}.{name}_source") if text else None
            extra += [text, src]
        texts = [c.text(v.get(n), f"{key}.{n}") or "" for n in ("label", "says")]
        out[k] = StageText(k, *texts, c.source(v.get("source"), f"{key}.source"), *extra)
    return out


GATE_KEYS = ("small_stage", "no_product_market_fit", "ceo_leads_product")
ROLE_KEYS = ("head_of_product", "vp_product")
NOTE_KEYS = (
    "cpto",
    "cpto_against",
    "fractional",
    "pre_fit",
    "ceo_leads_product",
    "non_tech",
    "tech_enabled_services",
)
NOTE_FIELDS = {"cpto": ("growth",)}  # placeholders a note's text may use


def check_factors(
    c: Checker, raw: Any, key: str, kinds: dict, levels: tuple, labelled: bool = False
) -> dict[str, Factor]:
    raw = c.mapping(raw, key)
    c.keys(raw, key, tuple(kinds))
    out = {}
    for name, (kind, domain) in kinds.items():
        if name not in raw:
            continue
        fkey = f"{key}.{name}"
        v = c.mapping(raw[name], fkey)
        c.keys(
            v, fkey, (kind, "source", "magnitude", "rationale") + (("label",) if labelled else ())
        )
        points: dict = {}
        bands: list[Band] = []
        if kind == "points":
            domain = domain or levels
            pts = c.mapping(v.get("points"), f"{fkey}.points")
            c.keys(pts, f"{fkey}.points", tuple(domain))
            prev = None
            for cat in domain:
                p = c.number(pts.get(cat), f"{fkey}.points.{cat}") if cat in pts else None
                if p is not None:
                    if prev is not None and p < prev[1]:
                        c.bad(
                            f"{fkey}.points.{cat}",
                            p,
                            f"points at least those of {prev[0]} ({prev[1]:g}) so the model "
                            "stays monotone",
                        )
                    prev = (cat, p)
                    points[cat] = float(p)
        else:
            bands = check_bands(c, v.get("bands"), f"{fkey}.bands", domain)
        label = str(v.get("label", name.replace("_", " ")))
        why = c.text(v.get("rationale"), f"{fkey}.rationale") or ""
        src, mag = (
            c.source(v.get("source"), f"{fkey}.source"),
            c.source(v.get("magnitude"), f"{fkey}.magnitude"),
        )
        out[name] = Factor(name, label, MappingProxyType(points), tuple(bands), src, mag, why)
    return out


def check_bands(c: Checker, raw: Any, key: str, first: float) -> list[Band]:
    if not isinstance(raw, list) or not raw:
        c.bad(key, raw, "a non-empty list of {from, points, source}")
        return []
    bands: list[Band] = []
    for i, band in enumerate(raw):
        bkey = f"{key}[{i}]"
        band = c.mapping(band, bkey)
        c.keys(
            band, bkey, ("from", "points") + (("source",) if i else ()), () if i else ("source",)
        )
        lo = c.number(band.get("from"), f"{bkey}.from", 0)
        p = c.number(band.get("points"), f"{bkey}.points")
        src = c.source(band.get("source"), f"{bkey}.source") if i or "source" in band else None
        if lo is None or p is None:
            continue
        if i == 0 and lo != first:
            c.bad(f"{bkey}.from", lo, f"{first} (the first band starts at the lowest value)")
        if bands and lo <= bands[-1].lower:
            c.bad(f"{bkey}.from", lo, f"a value above the previous band's ({bands[-1].lower:g})")
        if bands and p < bands[-1].points:
            c.bad(
                f"{bkey}.points",
                p,
                f"points at least the previous band's ({bands[-1].points:g}) so the model "
                "stays monotone",
            )
        bands.append(Band(float(lo), float(p), src))
    return bands


def check_number(
    c: Checker, raw: Any, key: str, rng: tuple | None, whole: bool = False, labelled: bool = False
) -> Number | None:
    v = c.mapping(raw, key)
    c.keys(v, key, ("value", "source", "rationale") + (("label",) if labelled else ()))
    lo, hi = rng or (-math.inf, math.inf)
    val = c.number(v.get("value"), f"{key}.value", lo, hi, whole)
    src, why = (
        c.source(v.get("source"), f"{key}.source"),
        c.text(v.get("rationale"), f"{key}.rationale") or "",
    )
    label = (c.text(v.get("label"), f"{key}.label") or "") if labelled else ""
    return Number(val, src, why, label) if val is not None else None


def check_numbers(
    c: Checker, raw: Any, key: str, spec: dict, labelled: bool = False
) -> dict[str, Number]:
    raw = c.mapping(raw, key)
    c.keys(raw, key, tuple(spec))
    out = {
        name: check_number(c, raw[name], f"{key}.{name}", rng, labelled=labelled)
        for name, rng in spec.items()
        if name in raw
    }
    return {k: v for k, v in out.items() if v is not None}


def check_gates(c: Checker, raw: Any) -> dict[str, Gate]:
    raw = c.mapping(raw, "gates")
    c.keys(raw, "gates", GATE_KEYS)
    out = {}
    caps = tuple(d.value for d in Decision if d is not Decision.YES)
    for k in GATE_KEYS:
        key, v = f"gates.{k}", c.mapping(raw.get(k, {}), f"gates.{k}")
        c.keys(v, key, ("label", "cap", "source", "rationale"), ("role_cap", "role_cap_source"))
        label = c.text(v.get("label"), f"{key}.label") or k
        cap = c.choice(v.get("cap"), f"{key}.cap", caps)
        role_cap = (
            c.choice(
                v.get("role_cap"),
                f"{key}.role_cap",
                tuple(r.value for r in Role if r is not Role.CPO),
            )
            if "role_cap" in v
            else None
        )
        if role_cap and "role_cap_source" not in v:
            c.bad(f"{key}.role_cap_source", None, "a key of sources for the role cap (missing)")
        role_src = (
            c.source(v.get("role_cap_source"), f"{key}.role_cap_source")
            if "role_cap_source" in v
            else None
        )
        src, why = (
            c.source(v.get("source"), f"{key}.source"),
            c.text(v.get("rationale"), f"{key}.rationale") or "",
        )
        if cap:
            out[k] = Gate(
                k, label, Decision(cap), Role(role_cap) if role_cap else None, src, why, role_src
            )
    return out


def check_roles(c: Checker, raw: Any) -> dict[str, RoleStep]:
    raw = c.mapping(raw, "roles")
    c.keys(raw, "roles", ROLE_KEYS)
    out: dict[str, RoleStep] = {}
    for k in ROLE_KEYS:
        key, v = f"roles.{k}", c.mapping(raw.get(k, {}), f"roles.{k}")
        c.keys(v, key, ("people_from", "product_managers_from", "source", "rationale"))
        top = headcount_max()
        people = c.number(v.get("people_from"), f"{key}.people_from", 1, top, whole=True)
        pms = c.number(
            v.get("product_managers_from"), f"{key}.product_managers_from", 0, top, whole=True
        )
        src, why = (
            c.source(v.get("source"), f"{key}.source"),
            c.text(v.get("rationale"), f"{key}.rationale") or "",
        )
        if people is not None and pms is not None:
            out[k] = RoleStep(k, int(people), int(pms), src, why)
    if len(out) == 2 and (out["vp_product"].people_from < out["head_of_product"].people_from):
        c.bad(
            "roles.vp_product.people_from",
            out["vp_product"].people_from,
            "at least roles.head_of_product.people_from",
        )
    return out


def check_notes(c: Checker, raw: Any) -> dict[str, Note]:
    raw = c.mapping(raw, "notes")
    c.keys(raw, "notes", NOTE_KEYS)
    out = {}
    for k in NOTE_KEYS:
        key, v = f"notes.{k}", c.mapping(raw.get(k, {}), f"notes.{k}")
        c.keys(v, key, ("text", "source") + (("growth_from",) if k == "cpto" else ()), ("when",))
        text = c.text(v.get("text"), f"{key}.text") or ""
        allowed = NOTE_FIELDS.get(k, ())
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError:
            names = {"{"}
        if names - set(allowed):
            c.bad(
                f"{key}.text",
                text,
                "text whose only {placeholders} are "
                + (", ".join("{" + a + "}" for a in allowed) or "none"),
            )
        growth = (
            check_number(c, v.get("growth_from"), f"{key}.growth_from", (0.0, 100.0))
            if k == "cpto"
            else None
        )
        out[k] = Note(
            k, text, c.source(v.get("source"), f"{key}.source"), str(v.get("when", "")), growth
        )
    return out
