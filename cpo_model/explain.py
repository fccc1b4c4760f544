"""Why: an assessment in plain sentences, each citing the sources of the numbers it uses.

Pure: reads the policy and the assessment's numbers, computes nothing the engine decides.

>>> from cpo_model import Company, assess
>>> assess(Company(headcount=10)).reasons[0].text
'10 people is in the under 50 band of the EU/OECD (2003/361/EC) standard: small, where ...'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import present as w
from .assessment import Reason
from .engine import COMPLEXITY_FACTORS, FLAGS
from .notes import answer_words, cited
from .policy import Policy, SizeStandard
from .present import ROLE_LABELS
from .schema import complexity_levels, input_schema
from .types import Decision, Stage

if TYPE_CHECKING:
    from .assessment import Assessment

OWN = "own_judgement"


def _words(name: str, value: bool) -> str:
    return input_schema()[name]["true_words" if value else "false_words"]


def _band_of(policy: Policy, factor: str, value: float):
    f = policy.factors[factor]
    return [b for b in f.bands if value >= b.lower][-1]


def reasons(policy: Policy, std: SizeStandard, a: Assessment) -> tuple[Reason, ...]:
    """Every step of the model for `a`, in order: stage, points, assumptions, score, gates."""
    out = [
        _stage(policy, std, a),
        _size(policy, a),
        _complexity(policy, a),
        _pms(policy, a),
        _owners(policy, a),
    ]
    for name in ("founder_overloaded", "tech_company", "product_market_fit"):
        p = a.contributions[name]
        if p:
            f = policy.factors[name]
            out.append(
                cited(
                    policy,
                    f"{_words(name, a.effective[name])}: {w.points(p)}",
                    f.source,
                    magnitude=f.magnitude,
                )
            )
    flags = [_words(k, a.effective[k]) for k in FLAGS if k in a.assumed]
    if flags:
        out.append(
            cited(
                policy,
                f"Not stated, so assumed: {w.join(flags)}. State them to sharpen the answer",
                OWN,
            )
        )
    out.append(_score(policy, a))
    out += _gates(policy, std, a)
    return tuple(out)


def _stage(policy: Policy, std: SizeStandard, a: Assessment) -> Reason:
    band = {
        Stage.PM_ONLY: f"under {std.midsize_from:,}",
        Stage.MIDSIZE: f"{std.midsize_from:,}–{std.large_from - 1:,}",
        Stage.LARGE: f"{std.large_from:,} or more",
    }[a.stage]
    text = policy.stages[a.stage.value]
    source = (
        text.non_tech_source if (not a.effective["tech_company"] and text.non_tech) else text.source
    )
    label, _, says = a.stage_says.partition(": ")
    text = (
        f"{w.people(a.company.headcount)} is in the {band} band of the {std.label} standard: "
        f"{label}, where {says}"
    )
    return cited(policy, text, std.source, source)


def _size(policy: Policy, a: Assessment) -> Reason:
    f, h = policy.factors["size"], a.company.headcount
    band = _band_of(policy, "size", h)
    p = a.contributions["size"]
    if band.source is None:
        nxt = f.bands[1].lower if len(f.bands) > 1 else None
        where = f"under {w.number(nxt)} people" if nxt else w.people(h)
        return cited(policy, f"Size: {where}: {w.points(p)}", f.source, magnitude=f.magnitude)
    text = (
        f"Size: {w.people(h)} is in the size class from {w.number(band.lower)} people: "
        f"{w.points(p)}"
    )
    return cited(policy, text, band.source, f.source, magnitude=f.magnitude)


def _complexity(policy: Policy, a: Assessment) -> Reason:
    f, c, level = policy.factors["complexity"], a.company, a.complexity
    words = complexity_levels()[level].rstrip(".").lower()
    p = w.points(a.contributions["complexity"])
    if a.complexity_how == "given":
        given = [
            _factor_words(n, getattr(c, n)) for n in COMPLEXITY_FACTORS if getattr(c, n) is not None
        ]
        extra = (
            f". It wins over the factors also given ({w.join(given)}), which were not used"
            if given
            else ""
        )
        return cited(
            policy,
            f"Product complexity level {level} as given ({words}): {p}{extra}",
            f.source,
            magnitude=f.magnitude,
        )
    if a.complexity_how == "assumed":
        base = policy.base_level
        return cited(
            policy,
            f"Product complexity not given: level {level} assumed ({words}): {p}",
            base.source,
            magnitude=f.magnitude,
        )
    steps, sources = [], [f.source]
    for n in COMPLEXITY_FACTORS:
        value = getattr(c, n)
        if value is None:
            continue
        cf = policy.complexity_factors[n]
        step = cf.points[bool(value)] if cf.points else policy.band_points(n, value)
        if step:
            steps.append(f"plus {step:g} for {_factor_words(n, value)}")
            sources += [cf.source, cf.magnitude]
    base = f"level {policy.base_level.value:g}"
    if steps:
        how = f"{base}, {w.join(steps)}"
    else:
        given = [
            _factor_words(n, getattr(c, n)) for n in COMPLEXITY_FACTORS if getattr(c, n) is not None
        ]
        how = f"{base}; none of the factors given ({w.join(given)}) reaches a step"
    return cited(
        policy,
        f"Product complexity level {level}, derived from the factors: {how}: {p}",
        *sources,
        magnitude=f.magnitude,
    )


def _factor_words(name: str, value) -> str:
    spec = input_schema()[name]
    if spec["type"] == "bool":
        return _words(name, bool(value))
    return w.count(value, spec["noun"])


def _pms(policy: Policy, a: Assessment) -> Reason:
    f = policy.factors["product_managers"]
    band = _band_of(policy, "product_managers", a.product_managers)
    p = w.points(a.contributions["product_managers"])
    sources = [band.source or f.source]
    if "product_managers" not in a.estimated:
        return cited(
            policy,
            f"{w.count(a.product_managers, 'product manager')}: {p}",
            *sources,
            magnitude=f.magnitude,
        )
    est = policy.estimates
    per = est["engineers_per_pm"]
    sources.insert(0, per.source)
    if "engineers" in a.estimated:
        share = est[
            "engineers_per_employee"
            if a.effective["tech_company"]
            else "engineers_per_employee_non_tech"
        ]
        kind = "a technology company" if a.effective["tech_company"] else "a company outside tech"
        eng = (
            f"{w.about(a.engineers, 'engineer')} ({w.percent(share.value)} of headcount, our "
            f"assumption for {kind})"
        )
        sources.insert(1, share.source)
    else:
        eng = w.count(a.engineers, "engineer")
    ratio = f"one product manager per {per.value:g} engineers"
    if a.product_managers == 0:
        text = f"Product managers not given: {eng} at {ratio} is less than one product manager: {p}"
        return cited(policy, text, *sources, magnitude=f.magnitude)
    capped = a.product_managers < int(a.engineers / per.value + 1e-9)
    cap = ", capped so that product managers and engineers fit in the headcount" if capped else ""
    text = (
        f"Product managers not given: about {w.count(a.product_managers, 'product manager')} "
        f"estimated from {eng} at {ratio}{cap}: {p}"
    )
    return cited(policy, text, *sources, magnitude=f.magnitude)


def _owners(policy: Policy, a: Assessment) -> Reason:
    f, owners = policy.factors["uncovered_responsibilities"], a.company.owners
    if not owners:
        return cited(
            policy,
            "Who holds the nine CPO responsibilities was not stated, so none counts as a "
            "gap: no points",
            f.source,
        )
    n = len(owners)
    k = sum(1 for o in owners.values() if o.at_risk)
    band = _band_of(policy, "uncovered_responsibilities", k)
    p = w.points(a.contributions["uncovered_responsibilities"])
    if n == 1:
        text = (
            f"The one responsibility stated {'sits' if k else 'does not sit'} with the CEO or "
            f"nobody: {p}"
        )
    elif k == 0:
        text = f"None of the {n} responsibilities stated sits with the CEO or nobody: {p}"
    elif k == n:
        both = "Both responsibilities stated" if n == 2 else f"All {n} responsibilities stated"
        text = f"{both} sit with the CEO or nobody: {p}"
    else:
        text = (
            f"{k} of the {n} responsibilities stated {'sits' if k == 1 else 'sit'} with the CEO "
            f"or nobody: {p}"
        )
    return cited(policy, text, f.source, band.source, magnitude=f.magnitude)


def _score(policy: Policy, a: Assessment) -> Reason:
    consider, yes = policy.decision["consider_from"], policy.decision["yes_from"]
    d = a.score_answer
    where = {
        Decision.NO: f"below the 'consider' cut-off ({consider.value:g})",
        Decision.CONSIDER: (
            f"at or above the 'consider' cut-off ({consider.value:g}) "
            f"and below 'yes' ({yes.value:g})"
        ),
        Decision.YES: f"at or above the 'yes' cut-off ({yes.value:g})",
    }[d]
    alone = " on the score alone" if a.create_cpo != d else ""
    src = yes.source if d is Decision.YES else consider.source
    return cited(policy, f"Score {a.score:g} is {where}: {answer_words(d)}{alone}", src)


def _gates(policy: Policy, std: SizeStandard, a: Assessment) -> list[Reason]:
    out = []
    why = {
        "small_stage": (
            f"under {std.midsize_from:,} people the company is small on the {std.label} standard, "
            "where the source text says product managers are active and there is no CPO"
        ),
        "no_product_market_fit": (
            "before product/market fit a CPO is overkill and the founder is product manager zero"
        ),
        "ceo_leads_product": (
            "the CEO leads product and means to keep doing so, as in product-first companies "
            "where the CEO plays the role"
        ),
    }
    for key in a.gates:
        gate = policy.gates[key]
        cap = f"the answer is at most '{answer_words(gate.cap)}'"
        if gate.role_cap is not None:
            cap += f" and the role at most {ROLE_LABELS[gate.role_cap]}"
        effect = (
            f" (the score alone says '{answer_words(a.score_answer)}')"
            if a.score_answer > gate.cap
            else ""
        )
        out.append(
            cited(policy, f"Gate: {why[key]}, so {cap}{effect}", gate.source, gate.role_cap_source)
        )
    return out
