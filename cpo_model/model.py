"""`assess`: company -> assessment. Pure and deterministic: no I/O beyond the cached policy.

>>> a = assess(Company(headcount=300, complexity=4, product_managers=9))
>>> (a.stage.value, a.create_cpo.value, a.role.value)
('large', 'yes', 'cpo')
>>> sum(a.contributions.values()) == a.score
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

from .assessment import Assessment, Change, Reason
from .company import Company, input_schema
from .errors import InvalidInputError, Problem
from .policy import Policy, SizeStandard, load_policy
from .scoring import (
    COMPLEXITY_FACTORS,
    MAX_LEVEL,
    MIN_LEVEL,
    Inputs,
    contributions_of,
    decision_of,
    estimated_pms,
    factor_complexity,
    inputs_of,
    role_of,
    stage_of,
)
from .types import DECISION_LABELS, STAGE_LABELS, Decision, Stage, people


def resolve(policy: Policy | None, standard: str | None) -> tuple[Policy, SizeStandard]:
    """The policy (bundled when None) and the size standard (policy default when None)."""
    policy = policy if policy is not None else load_policy()
    if standard is not None and standard not in policy.standards:
        raise InvalidInputError([Problem("standard", standard, f"one of {', '.join(policy.standards)}")])
    return policy, policy.standard(standard)


def assess(company: Company, policy: Policy | None = None, standard: str | None = None) -> Assessment:
    """Assess one company: stage, create_cpo, role, score, contributions, reasons, next_change."""
    policy, std = resolve(policy, standard)
    x = inputs_of(policy, company)
    contributions = contributions_of(policy, std, x)
    score = float(sum(contributions.values()))
    decision = decision_of(policy, score)
    stage = stage_of(std, x.headcount)
    role = role_of(policy, score)
    estimated: tuple[str, ...] = ()
    if company.product_managers is None:
        estimated = ("product_managers",) + (("engineers",) if company.engineers is None else ())
    return Assessment(
        company=company,
        standard=std.key,
        standard_label=std.label,
        policy_version=policy.version,
        stage=stage,
        create_cpo=decision,
        role=role,
        role_notes=_role_notes(policy, company, stage, decision),
        score=score,
        contributions=MappingProxyType(contributions),
        cutoffs=MappingProxyType({k: v.value for k, v in policy.decision.items()}),
        complexity=x.complexity,
        product_managers=x.product_managers,
        estimated=estimated,
        reasons=_reasons(policy, std, company, x, contributions, score, decision, stage),
        next_change=next_changes(policy, std, company, x, decision),
    )


# --- what would change the answer -------------------------------------------------------


def _decide(policy: Policy, std: SizeStandard, x: Inputs) -> Decision:
    return decision_of(policy, sum(contributions_of(policy, std, x).values()))


def _search(lo: int, hi: int, moved: Callable[[int], bool], smallest: bool) -> int | None:
    """Smallest (or largest) integer in [lo, hi] where monotone `moved` holds, else None."""
    if lo > hi:
        return None
    if smallest:
        if not moved(hi):
            return None
        while lo < hi:
            mid = (lo + hi) // 2
            if moved(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo
    if not moved(lo):
        return None
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if moved(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def next_changes(policy: Policy, std: SizeStandard, company: Company, x: Inputs, now: Decision) -> tuple[Change, ...]:
    """The smallest change of headcount, complexity or PMs that moves the decision, each way."""
    schema = input_schema()
    team = (company.product_managers or 0) + (company.engineers or 0)
    changes: list[Change] = []

    def with_headcount(h: int) -> Decision:
        return _decide(policy, std, replace(x, headcount=h, product_managers=estimated_pms(policy, company, h)))

    def with_complexity(level: int) -> Decision:
        return _decide(policy, std, replace(x, complexity=level))

    def with_pms(n: int) -> Decision:
        return _decide(policy, std, replace(x, product_managers=float(n)))

    pm_max = company.headcount - (company.engineers or 0)
    searches = (
        ("headcount", x.headcount, with_headcount, max(1, team), schema["headcount"]["max"]),
        ("complexity", x.complexity, with_complexity, MIN_LEVEL, MAX_LEVEL),
        ("product_managers", int(x.product_managers), with_pms, 0, pm_max),
    )
    for factor, current, decide, lo, hi in searches:
        up = _search(current + 1, hi, lambda v, d=decide: d(v) > now, smallest=True)
        if up is not None:
            changes.append(Change(factor, "up", current, up, decide(up), _years(company, factor, up)))
        down = _search(lo, current - 1, lambda v, d=decide: d(v) < now, smallest=False)
        if down is not None:
            changes.append(Change(factor, "down", current, down, decide(down)))
    return tuple(changes)


def _years(company: Company, factor: str, target: int) -> float | None:
    g = company.annual_growth
    if factor != "headcount" or g is None or g <= 0:
        return None
    return math.log(target / company.headcount) / math.log1p(g)


# --- why ---------------------------------------------------------------------------------


def _reason(policy: Policy, text: str, source: str) -> Reason:
    return Reason(text[:1].upper() + text[1:], source, policy.cite(source))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _pts(p: float) -> str:
    return f"{p:+g} point{'s' if abs(p) != 1 else ''}"


def _reasons(
    policy: Policy,
    std: SizeStandard,
    company: Company,
    x: Inputs,
    contributions: dict[str, float],
    score: float,
    decision: Decision,
    stage: Stage,
) -> tuple[Reason, ...]:
    f = policy.factors
    out = []
    band = {
        Stage.PM_ONLY: f"under {std.midsize_from:,}",
        Stage.MIDSIZE: f"{std.midsize_from:,}-{std.large_from - 1:,}",
        Stage.LARGE: f"{std.large_from:,} or more",
    }[stage]
    out.append(_reason(policy, f"{people(x.headcount)} is in the {band} band of the {std.label} standard, {STAGE_LABELS[stage]}.", std.source))
    out.append(_reason(policy, f"Size stage {stage.value}: {_pts(contributions['size'])}.", f["size"].source))
    if company.complexity is not None:
        given = [n for n in COMPLEXITY_FACTORS if getattr(company, n) is not None]
        extra = f" It wins over the factors also given ({', '.join(given)}), which were not used." if given else ""
        out.append(_reason(policy, f"Complexity level {x.complexity} as given: {_pts(contributions['complexity'])}.{extra}", f["complexity"].source))
    else:
        _, parts = factor_complexity(policy, company)
        detail = ", ".join(f"{n.replace('_', ' ')} {getattr(company, n)} ({p:+g})" for n, p in parts.items()) or "no factors given"
        out.append(
            _reason(
                policy,
                f"Complexity level {x.complexity} derived from the factors: 1 + {detail}; {_pts(contributions['complexity'])}.",
                f["complexity"].source,
            )
        )
    if company.product_managers is not None:
        pm_text = _count(int(x.product_managers), "product manager")
    else:
        per = policy.estimates["engineers_per_pm"].value
        if company.engineers is not None:
            eng = f"{company.engineers:,} engineers"
        else:
            key = "engineers_per_employee" if company.tech_company else "engineers_per_employee_non_tech"
            eng = f"an estimated {policy.estimates[key].value:.0%} of headcount in engineering"
        pm_text = f"about {_count(int(x.product_managers), 'product manager')} (estimated: {eng}, one PM per {per:g} engineers)"
    out.append(_reason(policy, f"{pm_text}: {_pts(contributions['product_managers'])}.", f["product_managers"].source))
    if x.uncovered is None:
        out.append(_reason(policy, "Owners of the nine CPO responsibilities not stated: no points.", f["uncovered_responsibilities"].source))
    else:
        out.append(
            _reason(
                policy,
                f"{x.uncovered} of {len(company.owners)} stated responsibilities sit with the CEO or nobody: "
                f"{_pts(contributions['uncovered_responsibilities'])}.",
                f["uncovered_responsibilities"].source,
            )
        )
    signals = {
        "founder_overloaded": "The founder/CEO still leads product day to day and is overloaded",
        "tech_company": "Not a technology company",
        "product_market_fit": "Product/market fit not yet reached",
    }
    for key, text in signals.items():
        if contributions[key]:
            out.append(_reason(policy, f"{text}: {_pts(contributions[key])}.", f[key].source))
    consider, yes = policy.decision["consider_from"], policy.decision["yes_from"]
    where = {
        Decision.NO: f"below the 'consider' cut-off {consider.value:g}",
        Decision.CONSIDER: f"at or above 'consider' ({consider.value:g}) and below 'yes' ({yes.value:g})",
        Decision.YES: f"at or above the 'yes' cut-off {yes.value:g}",
    }[decision]
    src = yes.source if decision is Decision.YES else consider.source
    out.append(_reason(policy, f"Score {score:g} is {where}: {DECISION_LABELS[decision].lower()}.", src))
    return tuple(out)


def _role_notes(policy: Policy, company: Company, stage: Stage, decision: Decision) -> tuple[str, ...]:
    notes = []
    growth = company.annual_growth
    cpto = policy.roles["cpto_growth_from"]
    if decision >= Decision.CONSIDER and company.tech_company and growth is not None and growth >= cpto.value:
        notes.append(
            f"A CPTO (product and technology under one chief) fits inherently technical products in rapid growth "
            f"({growth:.0%} a year; source: {policy.cite(cpto.source)}); some argue against combining them."
        )
    if decision is Decision.CONSIDER and stage is not Stage.LARGE:
        notes.append(f"A fractional (part-time) CPO can bridge the gap before a full-time hire (source: {policy.cite('reasonable_product')}).")
    if not company.product_market_fit:
        notes.append(f"Before product/market fit the founder stays 'PM zero' (source: {policy.cite('norton_pm0')}).")
    if not company.tech_company and decision >= Decision.CONSIDER:
        notes.append(f"Outside tech a COO, CMO or a product-minded CTO often covers the role (source: {policy.cite('eci_2024')}).")
    return tuple(notes)
