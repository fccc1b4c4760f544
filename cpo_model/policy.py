"""The decision policy: every number the model uses, with its source, loaded from YAML.

>>> policy = load_policy()
>>> policy.standards["eu"].large_from
250
>>> policy.band_points("product_managers", 4)
1
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import PolicyError, Problem
from .resources import data_path

MAX_POLICY_BYTES = 1 << 20  # a policy file is a few KB; refuse anything past 1 MiB unread

STAGE_KEYS = ("pm_only", "midsize", "large")
COMPLEXITY_LEVELS = (1, 2, 3, 4, 5)
BOOL_KEYS = (False, True)
# factor -> (kind, lowest value the first band must start at)
FACTOR_KINDS: dict[str, tuple[str, Any]] = {
    "size": ("points", STAGE_KEYS),
    "complexity": ("points", COMPLEXITY_LEVELS),
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
    "engineers_per_pm": (0.0, math.inf),
}
TOP_KEYS = (
    "version",
    "sources",
    "size_standards",
    "default_standard",
    "factors",
    "complexity_from_factors",
    "estimates",
    "decision",
    "roles",
)


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
class Factor:
    """Points for one input: either by category (`points`) or by lower bounds (`bands`)."""

    key: str
    label: str
    points: Mapping[Any, float]  # category -> points (empty for bands)
    bands: tuple[tuple[float, float], ...]  # (from, points), ascending (empty for points)
    source: str
    rationale: str


@dataclass(frozen=True)
class Number:
    value: float
    source: str
    rationale: str


@dataclass(frozen=True)
class Policy:
    """A validated, immutable policy. Build it with `load_policy` or `Policy.from_dict`."""

    version: str
    sources: Mapping[str, Source]
    standards: Mapping[str, SizeStandard]
    default_standard: str
    factors: Mapping[str, Factor]
    complexity_factors: Mapping[str, Factor]
    estimates: Mapping[str, Number]
    decision: Mapping[str, Number]
    roles: Mapping[str, Number]
    path: str | None = None

    @classmethod
    def from_dict(cls, raw: Any, path: str | None = None) -> Policy:
        """Validate a parsed policy; raise `PolicyError` naming every bad key path."""
        return _build(raw, path)

    def band_points(self, factor: str, value: float) -> float:
        """Points of a banded factor (main or complexity) for `value`."""
        f = self.factors.get(factor) or self.complexity_factors[factor]
        pts = 0.0
        for lower, points in f.bands:
            if value >= lower:
                pts = points
        return pts

    def cite(self, source_key: str) -> str:
        """Short citation of a source key (the key itself if the policy lacks it)."""
        source = self.sources.get(source_key)
        return source.cite() if source else source_key

    def standard(self, key: str | None) -> SizeStandard:
        return self.standards[key or self.default_standard]


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Policy:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise PolicyError([Problem("policy", path, f"a readable YAML file ({exc.strerror})")]) from None
    if size > MAX_POLICY_BYTES:
        raise PolicyError([Problem("policy", path, f"a file of at most {MAX_POLICY_BYTES} bytes, not {size}")])
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError([Problem("policy", path, f"a readable UTF-8 YAML file ({exc})")]) from None
    import yaml  # loaded on first use: `import cpo_model` stays light

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        msg = " ".join(str(exc).split())
        raise PolicyError([Problem("policy", path, f"valid YAML with plain values only ({msg})")]) from None
    return _build(raw, path)


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate a policy file; the bundled `data/policy.yaml` when `path` is None."""
    return _load_cached(str(Path(path) if path is not None else data_path("policy.yaml")))


# --- validation -------------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

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

    def number(self, raw: Any, key: str, lo: float = -math.inf, hi: float = math.inf) -> float | None:
        ok = isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw)
        if not ok or not lo <= raw <= hi:
            rng = f" from {lo} to {hi}" if math.isfinite(lo) or math.isfinite(hi) else ""
            self.bad(key, raw, f"a finite number{rng}")
            return None
        return raw

    def text(self, raw: Any, key: str, nullable: bool = False) -> str | None:
        if raw is None and nullable:
            return None
        if not isinstance(raw, str) or not raw.strip():
            self.bad(key, raw, "a non-empty string" + (" or null" if nullable else ""))
            return None
        return raw

    def source(self, raw: Any, key: str, sources: dict) -> str:
        if raw not in sources:
            self.bad(key, raw, f"a key of sources ({', '.join(sorted(map(str, sources)))})")
        return raw if isinstance(raw, str) else ""


def _build(raw: Any, path: str | None) -> Policy:
    c = _Checker()
    if not isinstance(raw, dict):
        raise PolicyError([Problem("policy", path or type(raw).__name__, f"a YAML mapping with the keys {', '.join(TOP_KEYS)}")])
    c.keys(raw, "", TOP_KEYS)

    sources = {}
    for k, v in c.mapping(raw.get("sources", {}), "sources").items():
        v = c.mapping(v, f"sources.{k}")
        c.keys(v, f"sources.{k}", ("title", "url", "year"), ("kind",))
        year = v.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            c.bad(f"sources.{k}.year", year, "a year (whole number) or null")
        sources[k] = Source(
            str(k),
            c.text(v.get("title"), f"sources.{k}.title") or "",
            c.text(v.get("url"), f"sources.{k}.url", nullable=True),
            year if isinstance(year, int) else None,
            str(v.get("kind", "")),
        )

    standards = {}
    for k, v in c.mapping(raw.get("size_standards", {}), "size_standards").items():
        key = f"size_standards.{k}"
        v = c.mapping(v, key)
        c.keys(v, key, ("label", "midsize_from", "large_from", "source", "rationale"))
        mid = c.number(v.get("midsize_from"), f"{key}.midsize_from", 2, 10_000_000)
        large = c.number(v.get("large_from"), f"{key}.large_from", 2, 10_000_000)
        if mid is not None and large is not None and not mid < large:
            c.bad(f"{key}.large_from", large, f"a number above midsize_from ({mid})")
        for name, val in (("midsize_from", mid), ("large_from", large)):
            if val is not None and val != int(val):
                c.bad(f"{key}.{name}", val, "a whole number of employees")
        standards[k] = SizeStandard(
            str(k),
            c.text(v.get("label"), f"{key}.label") or str(k),
            int(mid or 0),
            int(large or 0),
            c.source(v.get("source"), f"{key}.source", sources),
            c.text(v.get("rationale"), f"{key}.rationale") or "",
        )
    if not standards:
        c.bad("size_standards", raw.get("size_standards"), "at least one size standard")
    default = raw.get("default_standard")
    if default not in standards:
        c.bad("default_standard", default, f"one of size_standards ({', '.join(map(str, standards))})")

    factors = _factors(c, raw.get("factors"), "factors", FACTOR_KINDS, sources, labelled=True)
    cfactors = _factors(c, raw.get("complexity_from_factors"), "complexity_from_factors", COMPLEXITY_FACTOR_KINDS, sources)

    estimates = _numbers(c, raw.get("estimates"), "estimates", ESTIMATES, sources)
    decision = _numbers(c, raw.get("decision"), "decision", {"consider_from": None, "yes_from": None}, sources)
    roles = _numbers(
        c,
        raw.get("roles"),
        "roles",
        {"head_of_product_from": None, "vp_product_from": None, "cpto_growth_from": (0.0, 100.0)},
        sources,
    )
    if "engineers_per_pm" in estimates and estimates["engineers_per_pm"].value <= 0:
        c.bad("estimates.engineers_per_pm.value", estimates["engineers_per_pm"].value, "a number above 0")
    _order(c, decision, "decision", ("consider_from", "yes_from"))
    _order(c, roles, "roles", ("head_of_product_from", "vp_product_from"))
    if "vp_product_from" in roles and "yes_from" in decision and roles["vp_product_from"].value > decision["yes_from"].value:
        c.bad("roles.vp_product_from.value", roles["vp_product_from"].value, "a score at or below decision.yes_from")
    if not isinstance(raw.get("version"), (str, int, float)) or isinstance(raw.get("version"), bool):
        c.bad("version", raw.get("version"), "a version string")

    if c.problems:
        raise PolicyError(c.problems)
    return Policy(
        version=str(raw["version"]),
        sources=MappingProxyType(sources),
        standards=MappingProxyType(standards),
        default_standard=default,
        factors=MappingProxyType(factors),
        complexity_factors=MappingProxyType(cfactors),
        estimates=MappingProxyType(estimates),
        decision=MappingProxyType(decision),
        roles=MappingProxyType(roles),
        path=path,
    )


def _factors(c: _Checker, raw: Any, key: str, kinds: dict, sources: dict, labelled: bool = False) -> dict:
    raw = c.mapping(raw, key)
    c.keys(raw, key, tuple(kinds))
    out = {}
    for name, (kind, domain) in kinds.items():
        if name not in raw:
            continue
        fkey = f"{key}.{name}"
        v = c.mapping(raw[name], fkey)
        c.keys(v, fkey, (kind, "source", "rationale") + (("label",) if labelled else ()))
        points: dict = {}
        bands: list = []
        if kind == "points":
            pts = c.mapping(v.get("points"), f"{fkey}.points")
            c.keys(pts, f"{fkey}.points", tuple(domain))
            prev = None
            for cat in domain:
                p = c.number(pts.get(cat), f"{fkey}.points.{cat}") if cat in pts else None
                if p is not None:
                    if prev is not None and p < prev[1]:
                        c.bad(f"{fkey}.points.{cat}", p, f"points at least those of {prev[0]} ({prev[1]}) so the model stays monotone")
                    prev = (cat, p)
                    points[cat] = p
        else:
            rb = v.get("bands")
            if not isinstance(rb, list) or not rb:
                c.bad(f"{fkey}.bands", rb, "a non-empty list of {from, points}")
                rb = []
            for i, band in enumerate(rb):
                bkey = f"{fkey}.bands[{i}]"
                band = c.mapping(band, bkey)
                c.keys(band, bkey, ("from", "points"))
                lo = c.number(band.get("from"), f"{bkey}.from", 0)
                p = c.number(band.get("points"), f"{bkey}.points")
                if lo is None or p is None:
                    continue
                if i == 0 and lo != domain:
                    c.bad(f"{bkey}.from", lo, f"{domain} (the first band starts at the lowest value)")
                if bands and lo <= bands[-1][0]:
                    c.bad(f"{bkey}.from", lo, f"a value above the previous band's ({bands[-1][0]})")
                if bands and p < bands[-1][1]:
                    c.bad(f"{bkey}.points", p, f"points at least the previous band's ({bands[-1][1]}) so the model stays monotone")
                bands.append((lo, p))
        out[name] = Factor(
            name,
            str(v.get("label", name.replace("_", " "))),
            MappingProxyType(points),
            tuple(bands),
            c.source(v.get("source"), f"{fkey}.source", sources),
            c.text(v.get("rationale"), f"{fkey}.rationale") or "",
        )
    return out


def _numbers(c: _Checker, raw: Any, key: str, spec: dict, sources: dict) -> dict:
    raw = c.mapping(raw, key)
    c.keys(raw, key, tuple(spec))
    out = {}
    for name, rng in spec.items():
        if name not in raw:
            continue
        nkey = f"{key}.{name}"
        v = c.mapping(raw[name], nkey)
        c.keys(v, nkey, ("value", "source", "rationale"))
        lo, hi = rng or (-math.inf, math.inf)
        val = c.number(v.get("value"), f"{nkey}.value", lo, hi)
        src = c.source(v.get("source"), f"{nkey}.source", sources)
        why = c.text(v.get("rationale"), f"{nkey}.rationale") or ""
        if val is not None:
            out[name] = Number(val, src, why)
    return out


def _order(c: _Checker, numbers: dict, key: str, names: tuple[str, str]) -> None:
    a, b = names
    if a in numbers and b in numbers and not numbers[a].value < numbers[b].value:
        c.bad(f"{key}.{b}.value", numbers[b].value, f"a value above {key}.{a} ({numbers[a].value})")
