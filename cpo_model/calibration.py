"""The model against real companies' decisions (`data/precedents.csv`), and a sweep of its numbers.

What counts as agreement, by event (the company's decision at that size):
- a CPO named (first or not): the model says *consider* or *yes*;
- no CPO: under 100 people the model says *no*; larger, anything but *yes*;
- a CPO role left unfilled: anything but *yes*;
- an interim or fractional CPO: *consider* (a bridge).
Technology and other companies are counted apart: outside tech "Chief Product Officer" often
means merchandising or design, a different job.

>>> t = judge()
>>> int(t["agrees"].sum()) <= len(t)
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
from .precedents import EVENTS, Precedent, precedents
from .resources import data_path

# "every company under 100 people without a CPO gets no" (the agreement rule's own size line)
SMALL = 100
APPOINTED = ("first_cpo", "cpo_appointed")
KNOBS = ("consider_from", "yes_from", "size_step", "complexity_step")


def agrees(event: str, headcount: int, answer: str) -> bool:
    """Whether the model's answer fits what the company did (see the module docstring)."""
    if event in APPOINTED:
        return answer in ("consider", "yes")
    if event == "no_cpo" and headcount < SMALL:
        return answer == "no"
    if event in ("no_cpo", "cpo_removed"):
        return answer != "yes"
    return answer == "consider"  # fractional or interim


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
    """Every precedent with a headcount: what happened, what the model says, and whether they
    agree."""
    rows = [p for p in precedents() if p.headcount]
    out = assess_frame(_inputs(rows), policy, standard)
    table = pd.DataFrame(
        {
            "company": [p.company for p in rows],
            "year": [p.year for p in rows],
            "event": [p.event for p in rows],
            "what_happened": [str(p) for p in rows],
            "kind": ["tech" if p.tech_company else "non-tech" for p in rows],
            "headcount": [p.headcount for p in rows],
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


def agreement(table: pd.DataFrame) -> pd.DataFrame:
    """Agreement per kind and event type: cases, agreeing, share."""
    g = table.groupby(["kind", "event"], sort=False)["agrees"]
    out = pd.DataFrame({"cases": g.size(), "agree": g.sum().astype(int)})
    out["share"] = (out["agree"] / out["cases"]).round(2)
    order = {e: i for i, e in enumerate(EVENTS)}
    return (
        out.reset_index()
        .sort_values(
            ["kind", "event"], key=lambda s: s.map(order) if s.name == "event" else s, kind="stable"
        )
        .reset_index(drop=True)
    )


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
) -> pd.DataFrame:
    """Agreement (tech companies) for every combination of the knobs in `grid`.

    `checks` are (company inputs, standard, required answer) the policy must keep, e.g. the
    source text's three examples; `kept` says whether a variant keeps all of them.
    """
    checks = list(checks)
    rows = []
    for values in itertools.product(*(grid[k] for k in KNOBS)):
        numbers = dict(zip(KNOBS, values, strict=True))
        if numbers["consider_from"] >= numbers["yes_from"]:
            continue
        policy = variant(numbers)
        table = judge(policy, standard)
        tech = table[table["kind"] == "tech"]
        kept = all(
            assess_frame(pd.DataFrame([c]), policy, std)["create_cpo"].iloc[0] == want
            for c, std, want in checks
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
    """The bundled policy's values of the sweep's knobs."""
    policy = resolve(policy)[0] if policy is not None else load_policy()
    size, cx = policy.factors["size"].bands, policy.factors["complexity"].points
    levels = sorted(cx)
    return {
        "consider_from": policy.decision["consider_from"].value,
        "yes_from": policy.decision["yes_from"].value,
        "size_step": size[1].points - size[0].points,
        "complexity_step": cx[levels[1]] - cx[levels[0]],
    }
