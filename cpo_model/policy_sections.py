"""Validators for the policy's sections after the sources: factors and their bands, numbers,
gates, the role ladder and the notes. Each adds every problem to the checker, by key path.

>>> from cpo_model.policy_check import Checker
>>> c = Checker({"own_judgement": None})
>>> raw = {"value": -1, "source": "own_judgement", "rationale": "x"}
>>> _ = check_number(c, raw, "precedents.count", (0, 20))
>>> str(c.problems[0])
'precedents.count.value=-1: expected a finite number from 0 to 20'
"""

from __future__ import annotations

import math
import string
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .policy import Band, Factor, Gate, Note, Number, RoleStep
from .schema import headcount_max
from .types import Decision, Role

if TYPE_CHECKING:
    from .policy_check import Checker

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
