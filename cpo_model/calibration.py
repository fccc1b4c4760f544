"""The model against real companies' decisions (`data/precedents.csv`), and a sweep of its numbers.

Only rows whose headcount is at the date of the event are used: stated within a year of it, or
interpolated between two sourced figures (`Precedent.calibrated`); stale rows are left out and
counted (`excluded`). What counts as agreement, by event (what the company did at that size):
- a CPO named (first or not): the model says *consider* or *yes*;
- a CPO observed in place (the appointment undated): the same, read as "a CPO at this size";
- no CPO: under 100 people the model says *no*; larger, anything but *yes*;
- a CPO role left unfilled: anything but *yes*;
- an interim (acting) CPO: *consider* or *yes* (the company keeps the role and fills it for a
  while);
- a fractional (part-time) CPO: *consider* (a bridge before a full-time hire).
Technology and other companies are counted apart: outside tech "Chief Product Officer" can mean
merchandising or design, a different job.

>>> t = judge()
>>> int(t["agrees"].sum()) <= len(t) and not t["company"].isin(excluded()["company"]).all()
True
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .frame import assess_frame
from .policy import Policy, load_policy, resolve
from .precedents import BUSINESS_MODELS, EVENTS, Precedent, precedents
from .resources import data_path

# "every company under 100 people without a CPO gets no" (the agreement rule's own size line)
SMALL = 100
APPOINTED = ("first_cpo", "cpo_appointed")
KNOBS = ("consider_from", "yes_from", "size_step", "complexity_step")


def agrees(event: str, headcount: int, answer: str) -> bool:
    """Whether the model's answer fits what the company did (see the module docstring).

    >>> agrees("interim_cpo", 5000, "yes"), agrees("fractional_cpo", 80, "yes")
    (True, False)
    """
    if event in APPOINTED or event in ("cpo_in_place", "interim_cpo"):
        return answer in ("consider", "yes")
    if event == "no_cpo" and headcount < SMALL:
        return answer == "no"
    if event in ("no_cpo", "cpo_removed"):
        return answer != "yes"
    return answer == "consider"  # fractional


def _inputs(rows: Iterable[Precedent]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "headcount": p.headcount,
                "complexity": p.complexity,
                "tech_company": p.tech_company,
                "product_market_fit": p.product_market_fit,
                "ceo_leads_product": p.ceo_leads_product,
            }
            for p in rows
        ]
    )


def judge(policy: Policy | str | Path | None = None, standard: str | None = None) -> pd.DataFrame:
    """Every precedent whose headcount is at the date of the event (`Precedent.calibrated`): what
    happened, what the model says, and whether they agree. Stale rows are in `excluded()`."""
    rows = [p for p in precedents() if p.calibrated]
    out = assess_frame(_inputs(rows), policy, standard)
    table = pd.DataFrame(
        {
            "company": [p.company for p in rows],
            "year": [p.year for p in rows],
            "event": [p.event for p in rows],
            "what_happened": [str(p) for p in rows],
            "kind": ["tech" if p.tech_company else "non-tech" for p in rows],
            "business_model": [p.business_model for p in rows],
            "headcount": [p.headcount for p in rows],
            "headcount_basis": [p.headcount_basis for p in rows],
            "complexity": [p.complexity for p in rows],
            "answer": out["create_cpo"].astype(str).to_list(),
            "score": out["score"].to_list(),
            "gates": out["gates"].astype(str).to_list(),
            "confidence": [p.confidence for p in rows],
        }
    )
    table["agrees"] = [
        agrees(e, h, a)
        for e, h, a in zip(table["event"], table["headcount"], table["answer"], strict=True)
    ]
    return table


def excluded() -> pd.DataFrame:
    """The precedents the calibration leaves out, and why: a stale headcount (more than a year
    from the event), or none."""
    rows = [p for p in precedents() if not p.calibrated]
    return pd.DataFrame(
        {
            "company": [p.company for p in rows],
            "year": [p.year for p in rows],
            "event": [p.event for p in rows],
            "kind": ["tech" if p.tech_company else "non-tech" for p in rows],
            "business_model": [p.business_model for p in rows],
            "headcount": [p.headcount for p in rows],
            "headcount_date": [p.headcount_date for p in rows],
            "why": [
                f"headcount {p.headcount_basis}" if p.headcount else "no headcount" for p in rows
            ],
        }
    )


def agreement(table: pd.DataFrame, by: str | tuple[str, ...] = ("kind", "event")) -> pd.DataFrame:
    """Agreement per group (by default per kind and event type; `by="business_model"` or
    `by="event"` for one breakdown): cases, agreeing, share."""
    by = (by,) if isinstance(by, str) else tuple(by)
    g = table.groupby(list(by), sort=False)["agrees"]
    out = pd.DataFrame({"cases": g.size(), "agree": g.sum().astype(int)})
    out["share"] = (out["agree"] / out["cases"]).round(2)
    order = {
        "event": {e: i for i, e in enumerate(EVENTS)},
        "business_model": {m: i for i, m in enumerate(BUSINESS_MODELS)},
        "kind": {"tech": 0, "non-tech": 1},
    }
    return (
        out.reset_index()
        .sort_values(
            list(by), key=lambda s: s.map(order[s.name]) if s.name in order else s, kind="stable"
        )
        .reset_index(drop=True)
    )


def overall(table: pd.DataFrame) -> pd.DataFrame:
    """Agreement in all, for technology companies and for the others: cases, agreeing, share."""
    parts = {
        "all": table,
        "tech": table[table["kind"] == "tech"],
        "non-tech": table[table["kind"] == "non-tech"],
    }
    out = pd.DataFrame(
        {
            "cases": [len(t) for t in parts.values()],
            "agree": [int(t["agrees"].sum()) for t in parts.values()],
        },
        index=pd.Index(list(parts), name="companies"),
    )
    out["share"] = (out["agree"] / out["cases"]).round(2)
    return out.reset_index()


def disagreements(table: pd.DataFrame, policy: Policy | str | Path | None = None) -> list[str]:
    """Each case where the model and the company differ, in one line: what happened and what the
    model says, with the gates (in the policy's words) that capped it.

    >>> disagreements(judge()[:0])
    []
    """
    gates = resolve(policy)[0].gates
    out = []
    for r in table[~table["agrees"]].itertuples():
        capped = [gates[g].label if g in gates else g for g in str(r.gates).split(";") if g]
        out.append(
            f"{r.what_happened}; the model says {r.answer}"
            + (f" ({'; '.join(capped)})" if capped else "")
        )
    return out


def rule_breaks(table: pd.DataFrame) -> list[str]:
    """The agreement rules the policy must never break (they are also tests)."""
    out = []
    for r in table.itertuples():
        if r.kind != "tech":
            continue
        if r.event == "first_cpo" and r.answer not in ("consider", "yes"):
            out.append(f"{r.company} {r.year}: named a first CPO, the model says {r.answer}")
        if (
            r.event == "first_cpo"
            and r.headcount >= 1000
            and r.complexity >= 3
            and r.answer != "yes"
        ):
            out.append(
                f"{r.company} {r.year}: first CPO at 1,000+ people, complexity 3+, the model "
                f"says {r.answer}"
            )
        if r.event == "no_cpo" and r.headcount < SMALL and r.answer != "no":
            out.append(
                f"{r.company} {r.year}: no CPO under {SMALL} people, the model says {r.answer}"
            )
    return out


def variant(numbers: Mapping[str, float], raw: Mapping[str, Any] | None = None) -> Policy:
    """The bundled policy (or `raw`) with its cut-offs and point steps set to `numbers`.

    `size_step` is the points per size class reached; `complexity_step` the points per level above
    1.
    """
    import yaml

    data = copy.deepcopy(
        dict(raw)
        if raw is not None
        else yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))
    )
    d = data["decision"]
    d["consider_from"]["value"], d["yes_from"]["value"] = (
        numbers["consider_from"],
        numbers["yes_from"],
    )
    for i, band in enumerate(data["factors"]["size"]["bands"]):
        band["points"] = i * numbers["size_step"]
    levels = data["factors"]["complexity"]["points"]
    lowest = min(levels)
    for level in levels:
        levels[level] = (level - lowest) * numbers["complexity_step"]
    return Policy.from_dict(data, "calibration variant")


def sweep(
    grid: Mapping[str, Iterable[float]],
    standard: str | None = None,
    checks: Iterable[tuple[dict, str, str]] = (),
    policy: Policy | str | Path | None = None,
) -> pd.DataFrame:
    """Agreement (tech companies) for every combination of the knobs in `grid`, each a variant
    of `policy` (a `Policy`, a path, or None for the bundled one).

    `checks` are (company inputs, standard, required answer) the policy must keep, e.g. the
    source text's three examples; `kept` says whether a variant keeps all of them.

    >>> int(sweep({"consider_from": [4], "yes_from": [9], "size_step": [1.0],
    ...            "complexity_step": [1.0]})["of"].iloc[0])
    40
    """
    raw = resolve(policy)[0].tree  # parsed once; each variant is a copy with its numbers
    # the checks by size bands: one frame each, assessed at once for every variant
    by_standard: dict[str, tuple[pd.DataFrame, list[str]]] = {}
    for company, std, want in checks:
        rows_, wants = by_standard.setdefault(std, ([], []))
        rows_.append(company)
        wants.append(want)
    frames = {std: (pd.DataFrame(r), w) for std, (r, w) in by_standard.items()}
    rows = []
    for values in itertools.product(*(grid[k] for k in KNOBS)):
        numbers = dict(zip(KNOBS, values, strict=True))
        if numbers["consider_from"] >= numbers["yes_from"]:
            continue
        variant_policy = variant(numbers, raw)
        table = judge(variant_policy, standard)
        tech = table[table["kind"] == "tech"]
        kept = all(
            list(assess_frame(frame, variant_policy, std)["create_cpo"]) == wants
            for std, (frame, wants) in frames.items()
        )
        rows.append(
            numbers
            | {
                "agree": int(tech["agrees"].sum()),
                "of": len(tech),
                "rule breaks": len(rule_breaks(table)),
                "kept": kept,
            }
        )
    return pd.DataFrame(rows)


def choose(results: pd.DataFrame, previous: Mapping[str, float], slack: int = 1) -> pd.Series:
    """The variant to adopt: of those that break no rule and keep every check, and agree with at
    most `slack` fewer precedents than the best, the one that changes the fewest of the previous
    numbers, and changes them least. A few noisy cases should not move every number."""
    ok = results[(results["rule breaks"] == 0) & results["kept"]]
    ok = ok[ok["agree"] >= ok["agree"].max() - slack]
    changed = sum((ok[k] != previous[k]).astype(int) for k in KNOBS)
    moved = sum((ok[k] - previous[k]).abs() / max(abs(previous[k]), 1e-9) for k in KNOBS)
    ranked = ok.assign(changed=changed, moved=moved).sort_values(
        ["changed", "moved", "agree"], ascending=[True, True, False], kind="stable"
    )
    return ranked.iloc[0]


def current_numbers(policy: Policy | None = None) -> dict[str, float]:
    """The values of the sweep's knobs in `policy` (the bundled one when None)."""
    policy = resolve(policy)[0] if policy is not None else load_policy()
    size, cx = policy.factors["size"].bands, policy.factors["complexity"].points
    levels = sorted(cx)
    return {
        "consider_from": policy.decision["consider_from"].value,
        "yes_from": policy.decision["yes_from"].value,
        "size_step": size[1].points - size[0].points,
        "complexity_step": cx[levels[1]] - cx[levels[0]],
    }
