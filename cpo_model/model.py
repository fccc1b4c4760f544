"""`assess`: one company -> its `Assessment`. A thin adapter: columns -> engine -> words.

>>> a = assess(Company(headcount=300, complexity=5, product_managers=12))
>>> (a.stage.value, a.create_cpo.value, a.role.value)
('large', 'yes', 'cpo')
>>> a.score  # size 250+: 4, level 5: 3, 10+ PMs: 2
9.0
>>> assess(Company(headcount=3, complexity=5, founder_overloaded=True)).gates
('small_stage',)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import numpy as np

from . import engine, search
from .assessment import Assessment, Change
from .company import Company
from .explain import reasons
from .notes import gate_words, notes, stage_says
from .policy import Policy, resolve
from .precedents import nearest
from .types import Decision

NUMERIC = (
    "headcount",
    "complexity",
    *engine.COMPLEXITY_FACTORS,
    "product_managers",
    "engineers",
    *engine.FLAGS,
)
COLUMNS = (*NUMERIC, "annual_growth")  # annual growth decides notes only, never the score


def uncovered_count(company: Company) -> float:
    """Responsibilities held by the CEO or nobody; NaN when no owner is stated."""
    if not company.owners:
        return math.nan
    return float(sum(1 for o in company.owners.values() if o.at_risk))


def columns_of(companies: Sequence[Company]) -> dict[str, np.ndarray]:
    """The engine's input columns for some companies (NaN = not stated)."""
    cols = {
        name: np.array(
            [math.nan if getattr(c, name) is None else float(getattr(c, name)) for c in companies]
        )
        for name in COLUMNS
    }
    cols["uncovered"] = np.array([uncovered_count(c) for c in companies])
    return cols


def assess(
    company: Company, policy: Policy | str | Path | None = None, standard: str | None = None
) -> Assessment:
    """Assess one company: stage, create_cpo, role, score, contributions, gates, reasons,
    next_change."""
    policy, std = resolve(policy, standard)
    rules = engine.rules_for(policy, std.key)
    cols = columns_of([company])
    res = engine.evaluate(rules, cols)
    f = res.facts(0)
    a = Assessment(
        company=company,
        standard=std.key,
        standard_label=std.label,
        policy_version=policy.version,
        policy=policy.identity,
        stage=f.stage,
        stage_says=stage_says(policy, f),
        create_cpo=f.answer,
        score_answer=f.score_answer,
        role=f.role,
        role_notes=notes(policy, f, company.annual_growth),
        score=f.score,
        contributions=f.points,
        factor_labels=MappingProxyType(
            {k: policy.factors[k].label if k in policy.factors else k for k in f.points}
        ),
        cutoffs=MappingProxyType({k: v.value for k, v in policy.decision.items()}),
        complexity=f.complexity,
        complexity_how=f.complexity_how,
        product_managers=f.product_managers,
        engineers=f.engineers,
        effective=f.flags,
        estimated=f.estimated,
        assumed=f.assumed,
        gates=tuple(g.key for g in f.gates),
        gate_words=tuple(gate_words(policy, g.key) for g in f.gates),
        reasons=reasons(policy, std, company, f),
        next_change=_changes(rules, company, cols, res),
        facts=f,
    )
    similar = nearest(
        company.headcount,
        a.complexity,
        f.flags["tech_company"],
        policy,
        getattr(company, "business_model", None),
    )
    return replace(a, precedents=similar)


def _changes(
    rules: engine.Rules, company: Company, cols: dict[str, np.ndarray], res: engine.Result
) -> tuple[Change, ...]:
    """The feasible nearest changes, each with the answer it gives (and years of growth to it)."""
    current = {
        "headcount": float(company.headcount),
        "complexity": float(res.complexity[0]),
        "product_managers": float(res.product_managers[0]),
    }
    out = []
    for key, arr in search.changes(rules, cols, res).items():
        target = float(arr[0])
        if math.isnan(target):
            continue
        lever, direction = key.rsplit("_", 1)
        moved = engine.evaluate(rules, {**cols, lever: np.array([target])})
        decision = list(Decision)[int(moved.rank[0])]
        out.append(
            Change(
                lever,
                direction,
                current[lever],
                target,
                decision,
                _years(company, lever, direction, target),
            )
        )
    for name, ranks in search.flips(rules, cols, res).items():
        rank = int(ranks[0])
        if rank >= 0 and rank != int(res.rank[0]):
            now = float(bool(res.flags[name][0]))
            out.append(Change(name, "down" if now else "up", now, 1.0 - now, list(Decision)[rank]))
    return tuple(out)


def _years(company: Company, lever: str, direction: str, target: float) -> float | None:
    g = company.annual_growth
    if lever != "headcount" or direction != "up" or g is None or g <= 0:
        return None
    return math.log(target / company.headcount) / math.log1p(g)
