"""Why: an assessment in plain sentences, each citing the sources of the numbers it uses.

Pure: reads the policy and the assessment's numbers, computes nothing the engine decides.

>>> from cpo_model import Company, assess
>>> [r.text for r in assess(Company(headcount=10)).reasons][0]
'10 people is in the under 50 band of the EU/OECD (2003/361/EC) standard: small, where product managers are active and there is no CPO.'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import words as w
from .assessment import Reason
from .engine import COMPLEXITY_FACTORS, FLAGS
from .policy import Policy, SizeStandard
from .schema import complexity_levels, input_schema
from .types import DECISION_LABELS, ROLE_LABELS, Decision, Stage

if TYPE_CHECKING:
    from .assessment import Assessment

OWN = "own_judgement"


def _reason(policy: Policy, text: str, *sources: str | None, magnitude: str | None = None) -> Reason:
    keys = tuple(dict.fromkeys(s for s in sources if s))
    citation = policy.cite(*keys)
    if magnitude:
        citation += f"; points: {policy.cite(magnitude)}"
        keys = tuple(dict.fromkeys((*keys, magnitude)))
    return Reason(w.sentence(text), keys, citation)


def _answer(d: Decision) -> str:
    return DECISION_LABELS[d].lower()


def _words(name: str, value: bool) -> str:
    return input_schema()[name]["true_words" if value else "false_words"]


def stage_says(policy: Policy, stage: Stage, tech: bool) -> str:
    """What the source text says of the stage, e.g. 'midsize: the CPO position appears'."""
    text = policy.stages[stage.value]
    says = text.non_tech if (not tech and text.non_tech) else text.says
    return f"{text.label}: {says}"


def gate_words(policy: Policy, key: str) -> str:
    """A gate in words: "a small company: at most 'consider it'"."""
    gate = policy.gates[key]
    return f"{gate.label}: at most '{_answer(gate.cap)}'"


def _band_of(policy: Policy, factor: str, value: float):
    f = policy.factors[factor]
    return [b for b in f.bands if value >= b.lower][-1]


def reasons(policy: Policy, std: SizeStandard, a: Assessment) -> tuple[Reason, ...]:
    """Every step of the model for `a`, in order: stage, points, assumptions, score, gates."""
    out = [_stage(policy, std, a), _size(policy, a), _complexity(policy, a), _pms(policy, a), _owners(policy, a)]
    for name in ("founder_overloaded", "tech_company", "product_market_fit"):
        p = a.contributions[name]
        if p:
            f = policy.factors[name]
            out.append(_reason(policy, f"{_words(name, a.effective[name])}: {w.points(p)}", f.source, magnitude=f.magnitude))
    flags = [_words(k, a.effective[k]) for k in FLAGS if k in a.assumed]
    if flags:
        out.append(_reason(policy, f"Not stated, so assumed: {w.join(flags)}. State them to sharpen the answer", OWN))
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
    source = text.non_tech_source if (not a.effective["tech_company"] and text.non_tech) else text.source
    label, _, says = a.stage_says.partition(": ")
    text = f"{w.people(a.company.headcount)} is in the {band} band of the {std.label} standard: {label}, where {says}"
    return _reason(policy, text, std.source, source)


def _size(policy: Policy, a: Assessment) -> Reason:
    f, h = policy.factors["size"], a.company.headcount
    band = _band_of(policy, "size", h)
    p = a.contributions["size"]
    if band.source is None:
        nxt = f.bands[1].lower if len(f.bands) > 1 else None
        where = f"under {w.number(nxt)} people" if nxt else w.people(h)
        return _reason(policy, f"Size: {where}: {w.points(p)}", f.source, magnitude=f.magnitude)
    text = f"Size: {w.people(h)} is in the size class from {w.number(band.lower)} people: {w.points(p)}"
    return _reason(policy, text, band.source, f.source, magnitude=f.magnitude)


def _complexity(policy: Policy, a: Assessment) -> Reason:
    f, c, level = policy.factors["complexity"], a.company, a.complexity
    words = complexity_levels()[level].rstrip(".").lower()
    p = w.points(a.contributions["complexity"])
    if a.complexity_how == "given":
        given = [_factor_words(n, getattr(c, n)) for n in COMPLEXITY_FACTORS if getattr(c, n) is not None]
        extra = f". It wins over the factors also given ({w.join(given)}), which were not used" if given else ""
        return _reason(policy, f"Product complexity level {level} as given ({words}): {p}{extra}", f.source, magnitude=f.magnitude)
    if a.complexity_how == "assumed":
        base = policy.base_level
        return _reason(policy, f"Product complexity not given: level {level} assumed ({words}): {p}", base.source, magnitude=f.magnitude)
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
        given = [_factor_words(n, getattr(c, n)) for n in COMPLEXITY_FACTORS if getattr(c, n) is not None]
        how = f"{base}; none of the factors given ({w.join(given)}) reaches a step"
    return _reason(policy, f"Product complexity level {level}, derived from the factors: {how}: {p}", *sources, magnitude=f.magnitude)


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
        return _reason(policy, f"{w.count(a.product_managers, 'product manager')}: {p}", *sources, magnitude=f.magnitude)
    est = policy.estimates
    per = est["engineers_per_pm"]
    sources.insert(0, per.source)
    if "engineers" in a.estimated:
        share = est["engineers_per_employee" if a.effective["tech_company"] else "engineers_per_employee_non_tech"]
        kind = "a technology company" if a.effective["tech_company"] else "a company outside tech"
        eng = f"{w.about(a.engineers, 'engineer')} ({w.percent(share.value)} of headcount, our assumption for {kind})"
        sources.insert(1, share.source)
    else:
        eng = w.count(a.engineers, "engineer")
    ratio = f"one product manager per {per.value:g} engineers"
    if a.product_managers == 0:
        text = f"Product managers not given: {eng} at {ratio} is less than one product manager: {p}"
        return _reason(policy, text, *sources, magnitude=f.magnitude)
    capped = a.product_managers < int(a.engineers / per.value + 1e-9)
    cap = ", capped so that product managers and engineers fit in the headcount" if capped else ""
    text = f"Product managers not given: about {w.count(a.product_managers, 'product manager')} estimated from {eng} at {ratio}{cap}: {p}"
    return _reason(policy, text, *sources, magnitude=f.magnitude)


def _owners(policy: Policy, a: Assessment) -> Reason:
    f, owners = policy.factors["uncovered_responsibilities"], a.company.owners
    if not owners:
        return _reason(policy, "Who holds the nine CPO responsibilities was not stated, so none counts as a gap: no points", f.source)
    n = len(owners)
    k = sum(1 for o in owners.values() if o.at_risk)
    band = _band_of(policy, "uncovered_responsibilities", k)
    p = w.points(a.contributions["uncovered_responsibilities"])
    if n == 1:
        text = f"The one responsibility stated {'sits' if k else 'does not sit'} with the CEO or nobody: {p}"
    elif k == 0:
        text = f"None of the {n} responsibilities stated sits with the CEO or nobody: {p}"
    elif k == n:
        text = f"All {n} responsibilities stated sit with the CEO or nobody: {p}"
    else:
        text = f"{k} of the {n} responsibilities stated {'sits' if k == 1 else 'sit'} with the CEO or nobody: {p}"
    return _reason(policy, text, f.source, band.source, magnitude=f.magnitude)


def _score(policy: Policy, a: Assessment) -> Reason:
    consider, yes = policy.decision["consider_from"], policy.decision["yes_from"]
    d = a.score_answer
    where = {
        Decision.NO: f"below the 'consider' cut-off ({consider.value:g})",
        Decision.CONSIDER: f"at or above the 'consider' cut-off ({consider.value:g}) and below 'yes' ({yes.value:g})",
        Decision.YES: f"at or above the 'yes' cut-off ({yes.value:g})",
    }[d]
    alone = " on the score alone" if a.create_cpo != d else ""
    src = yes.source if d is Decision.YES else consider.source
    return _reason(policy, f"Score {a.score:g} is {where}: {_answer(d)}{alone}", src)


def _gates(policy: Policy, std: SizeStandard, a: Assessment) -> list[Reason]:
    out = []
    why = {
        "small_stage": (
            f"under {std.midsize_from:,} people the company is small on the {std.label} standard, "
            "where the source text says product managers are active and there is no CPO"
        ),
        "no_product_market_fit": "before product/market fit a CPO is overkill and the founder is product manager zero",
        "ceo_leads_product": "the CEO leads product and means to keep doing so, as in product-first companies where the CEO plays the role",
    }
    for key in a.gates:
        gate = policy.gates[key]
        cap = f"the answer is at most '{_answer(gate.cap)}'"
        if gate.role_cap is not None:
            cap += f" and the role at most {ROLE_LABELS[gate.role_cap]}"
        effect = f" (the score alone says '{_answer(a.score_answer)}')" if a.score_answer > gate.cap else ""
        out.append(_reason(policy, f"Gate: {why[key]}, so {cap}{effect}", gate.source, gate.role_cap_source))
    return out


def notes(policy: Policy, a: Assessment) -> tuple[Reason, ...]:
    """Notes on the role: CPTO, fractional CPO, before fit, CEO-led product, outside tech."""
    n, out = policy.notes, []
    tech, fit, ceo = a.effective["tech_company"], a.effective["product_market_fit"], a.effective["ceo_leads_product"]
    growth = a.company.annual_growth
    cpto = n["cpto"]
    if a.create_cpo >= Decision.CONSIDER and tech and growth is not None and growth >= cpto.growth_from.value:
        text = cpto.text.format(growth=w.percent(growth)) + " " + n["cpto_against"].text
        out.append(_reason(policy, text, cpto.source, n["cpto_against"].source, cpto.growth_from.source))
    if a.create_cpo is Decision.CONSIDER and a.stage is not Stage.LARGE:
        out.append(_reason(policy, n["fractional"].text, n["fractional"].source))
    if not fit:
        out.append(_reason(policy, n["pre_fit"].text, n["pre_fit"].source))
    if ceo:
        out.append(_reason(policy, n["ceo_leads_product"].text, n["ceo_leads_product"].source))
    if not tech and a.create_cpo >= Decision.CONSIDER:
        out += [_reason(policy, n[k].text, n[k].source) for k in ("non_tech", "tech_enabled_services")]
    return tuple(out)
