"""The scoring rules on plain values: bands, points and cut-offs from the policy. Pure.

>>> from cpo_model.policy import load_policy
>>> p = load_policy()
>>> stage_of(p.standard("eu"), 120)
<Stage.MIDSIZE: 'midsize'>
>>> decision_of(p, 6)
<Decision.CONSIDER: 'consider'>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .company import Company
from .policy import Policy, SizeStandard
from .types import Decision, Owner, Role, Stage

MIN_LEVEL, MAX_LEVEL = 1, 5
COMPLEXITY_FACTORS = ("product_lines", "platforms", "customer_segments", "markets", "regulated")


@dataclass(frozen=True)
class Inputs:
    """The effective values the score is computed from (estimates filled in)."""

    headcount: int
    complexity: int
    product_managers: float
    uncovered: int | None  # None: owners not stated
    founder_overloaded: bool
    tech_company: bool
    product_market_fit: bool


def stage_of(standard: SizeStandard, headcount: float) -> Stage:
    if headcount >= standard.large_from:
        return Stage.LARGE
    if headcount >= standard.midsize_from:
        return Stage.MIDSIZE
    return Stage.PM_ONLY


def decision_of(policy: Policy, score: float) -> Decision:
    if score >= policy.decision["yes_from"].value:
        return Decision.YES
    if score >= policy.decision["consider_from"].value:
        return Decision.CONSIDER
    return Decision.NO


def role_of(policy: Policy, score: float) -> Role:
    if decision_of(policy, score) is Decision.YES:
        return Role.CPO
    if score >= policy.roles["vp_product_from"].value:
        return Role.VP_PRODUCT
    if score >= policy.roles["head_of_product_from"].value:
        return Role.HEAD_OF_PRODUCT
    return Role.FOUNDER_LED


def factor_complexity(policy: Policy, company: Company) -> tuple[int, dict[str, float]]:
    """Complexity level derived from the factors, and each given factor's points."""
    parts: dict[str, float] = {}
    for name in COMPLEXITY_FACTORS:
        value = getattr(company, name)
        if value is None:
            continue
        f = policy.complexity_factors[name]
        parts[name] = f.points[bool(value)] if f.points else policy.band_points(name, value)
    level = int(round(MIN_LEVEL + sum(parts.values())))
    return max(MIN_LEVEL, min(MAX_LEVEL, level)), parts


def effective_complexity(policy: Policy, company: Company) -> int:
    if company.complexity is not None:
        return company.complexity
    return factor_complexity(policy, company)[0]


def estimated_engineers(policy: Policy, company: Company, headcount: int | None = None) -> float:
    if company.engineers is not None:
        return float(company.engineers)
    key = "engineers_per_employee" if company.tech_company else "engineers_per_employee_non_tech"
    return policy.estimates[key].value * (company.headcount if headcount is None else headcount)


def estimated_pms(policy: Policy, company: Company, headcount: int | None = None) -> float:
    """PMs as given, else engineers (given or estimated) / engineers per PM, rounded down."""
    if company.product_managers is not None:
        return float(company.product_managers)
    return float(int(estimated_engineers(policy, company, headcount) / policy.estimates["engineers_per_pm"].value))


def uncovered_count(owners: Mapping[str, Owner]) -> int | None:
    if not owners:
        return None
    return sum(1 for o in owners.values() if o is not Owner.PRODUCT_LEAD)


def inputs_of(policy: Policy, company: Company) -> Inputs:
    return Inputs(
        headcount=company.headcount,
        complexity=effective_complexity(policy, company),
        product_managers=estimated_pms(policy, company),
        uncovered=uncovered_count(company.owners),
        founder_overloaded=company.founder_overloaded,
        tech_company=company.tech_company,
        product_market_fit=company.product_market_fit,
    )


def contributions_of(policy: Policy, standard: SizeStandard, x: Inputs) -> dict[str, float]:
    """Factor -> points; their sum is the score."""
    f = policy.factors
    points = {
        "size": f["size"].points[stage_of(standard, x.headcount).value],
        "complexity": f["complexity"].points[x.complexity],
        "product_managers": policy.band_points("product_managers", x.product_managers),
        "uncovered_responsibilities": 0.0 if x.uncovered is None else policy.band_points("uncovered_responsibilities", x.uncovered),
        "founder_overloaded": f["founder_overloaded"].points[x.founder_overloaded],
        "tech_company": f["tech_company"].points[x.tech_company],
        "product_market_fit": f["product_market_fit"].points[x.product_market_fit],
    }
    return {k: float(v) for k, v in points.items()}


def score_of(policy: Policy, standard: SizeStandard, x: Inputs) -> float:
    return float(sum(contributions_of(policy, standard, x).values()))
