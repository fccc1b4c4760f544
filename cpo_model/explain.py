"""Why: an assessment in plain sentences, each citing the sources of the numbers it uses.

Pure: reads the policy and the assessment's numbers, computes nothing the engine decides.

>>> from cpo_model import Company, assess
>>> assess(Company(headcount=10)).reasons[0].text
'10 people is in the under 50 band of the EU/OECD (2003/361/EC) standard: small, where ...'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import present as w
from .engine import COMPLEXITY_FACTORS
from .notes import answer_words, cited, stage_says, stage_source
from .policy import Policy, SizeStandard
from .present import ROLE_LABELS
from .resources import responsibilities
from .schema import complexity_levels, input_schema
from .types import Decision, Reason

if TYPE_CHECKING:
    from .company import Company
    from .engine import Facts

OWN = "own_judgement"


def _words(name: str, value: bool) -> str:
    return input_schema()[name]["true_words" if value else "false_words"]


def reasons(policy: Policy, std: SizeStandard, c: Company, f: Facts) -> tuple[Reason, ...]:
    """Every step of the model for company `c` with the engine's facts `f`, in order: stage,
    points, assumptions, score, gates."""
    out = [
        _stage(policy, std, c, f),
        _size(policy, c, f),
        _complexity(policy, c, f),
        _pms(policy, f),
        _owners(policy, c, f),
    ]
    for name, factor in policy.factors.items():
        p = f.points.get(name, 0.0)
        if p and name in f.flags:
            out.append(
                cited(
                    policy,
                    f"{_words(name, f.flags[name])}: {w.points(p)}",
                    factor.source,
                    magnitude=factor.magnitude,
                )
            )
    flags = [_words(k, f.flags[k]) for k in f.flags if k in f.assumed]
    if flags:
        out.append(
            cited(
                policy,
                f"Not stated, so assumed: {w.join(flags)}. State them to sharpen the answer",
                OWN,
            )
        )
    out.append(_score(policy, f))
    out += _gates(policy, std, f)
    return tuple(out)


def _band_words(f: Facts) -> str:
    lo, hi = f.stage_lower, f.stage_upper
    if lo <= 1:
        return f"under {hi:,}"
    return f"{lo:,}–{hi - 1:,}" if hi is not None else f"{lo:,} or more"


def _stage(policy: Policy, std: SizeStandard, c: Company, f: Facts) -> Reason:
    label, _, says = stage_says(policy, f).partition(": ")
    text = (
        f"{w.people(c.headcount)} is in the {_band_words(f)} band of the {std.label} "
        f"standard: {label}, where {says}"
    )
    return cited(policy, text, std.source, stage_source(policy, f))


def _size(policy: Policy, c: Company, f: Facts) -> Reason:
    factor, band, h = policy.factors["size"], f.bands["size"], c.headcount
    p = f.points["size"]
    if band.first:
        where = f"under {w.number(band.upper)} people" if band.upper else w.people(h)
        return cited(
            policy, f"Size: {where}: {w.points(p)}", factor.source, magnitude=factor.magnitude
        )
    text = (
        f"Size: {w.people(h)} is in the size class from {w.number(band.lower)} people: "
        f"{w.points(p)}"
    )
    return cited(policy, text, band.source, factor.source, magnitude=factor.magnitude)


def _given_factors(c: Company) -> list[str]:
    return [
        _factor_words(n, getattr(c, n)) for n in COMPLEXITY_FACTORS if getattr(c, n) is not None
    ]


def _complexity(policy: Policy, c: Company, f: Facts) -> Reason:
    factor, level = policy.factors["complexity"], f.complexity
    words = complexity_levels()[level].rstrip(".").lower()
    p = w.points(f.points["complexity"])
    if f.complexity_how == "given":
        given = _given_factors(c)
        extra = (
            f". It wins over the factors also given ({w.join(given)}), which were not used"
            if given
            else ""
        )
        return cited(
            policy,
            f"Product complexity level {level} as given ({words}): {p}{extra}",
            factor.source,
            magnitude=factor.magnitude,
        )
    if f.complexity_how == "assumed":
        return cited(
            policy,
            f"Product complexity not given: level {level} assumed ({words}): {p}",
            policy.base_level.source,
            magnitude=factor.magnitude,
        )
    steps, sources = [], [factor.source]
    for n, step in f.complexity_steps.items():
        if step:
            cf = policy.complexity_factors[n]
            steps.append(f"plus {step:g} for {_factor_words(n, getattr(c, n))}")
            sources += [cf.source, cf.magnitude]
    base = f"level {policy.base_level.value:g}"
    if steps:
        how = f"{base}, {w.join(steps)}"
    else:
        how = f"{base}; none of the factors given ({w.join(_given_factors(c))}) reaches a step"
    return cited(
        policy,
        f"Product complexity level {level}, derived from the factors: {how}: {p}",
        *sources,
        magnitude=factor.magnitude,
    )


def _factor_words(name: str, value) -> str:
    spec = input_schema()[name]
    if spec["type"] == "bool":
        return _words(name, bool(value))
    return w.count(value, spec["noun"])


def _pms(policy: Policy, f: Facts) -> Reason:
    factor, band = policy.factors["product_managers"], f.bands["product_managers"]
    p = w.points(f.points["product_managers"])
    sources = [band.source or factor.source]
    if "product_managers" not in f.estimated:
        return cited(
            policy,
            f"{w.count(f.product_managers, 'product manager')}: {p}",
            *sources,
            magnitude=factor.magnitude,
        )
    est = policy.estimates
    per = est["engineers_per_pm"]
    sources.insert(0, per.source)
    tech = f.flags["tech_company"]
    if "engineers" in f.estimated:
        share = est["engineers_per_employee" if tech else "engineers_per_employee_non_tech"]
        kind = "a technology company" if tech else "a company outside tech"
        eng = (
            f"{w.about(f.engineers, 'engineer')} ({w.percent(share.value)} of headcount, our "
            f"assumption for {kind})"
        )
        sources.insert(1, share.source)
    else:
        eng = w.count(f.engineers, "engineer")
    ratio = f"one product manager per {per.value:g} engineers"
    if f.product_managers == 0:
        text = (
            f"Product managers not given: {eng} leave no room in the headcount for one: {p}"
            if f.pm_capped
            else f"Product managers not given: {eng} at {ratio} is less than one product "
            f"manager: {p}"
        )
        return cited(policy, text, *sources, magnitude=factor.magnitude)
    cap = (
        ", capped so that product managers and engineers fit in the headcount"
        if f.pm_capped
        else ""
    )
    text = (
        f"Product managers not given: about {w.count(f.product_managers, 'product manager')} "
        f"estimated from {eng} at {ratio}{cap}: {p}"
    )
    return cited(policy, text, *sources, magnitude=factor.magnitude)


def _owners(policy: Policy, c: Company, f: Facts) -> Reason:
    factor = policy.factors["uncovered_responsibilities"]
    if f.uncovered is None:
        return cited(
            policy,
            f"Who holds the {w.spelled(len(responsibilities()))} CPO responsibilities was not "
            "stated, so none counts as a gap: no points",
            factor.source,
        )
    n, k = len(c.owners), int(f.uncovered)
    band = f.bands["uncovered_responsibilities"]
    p = w.points(f.points["uncovered_responsibilities"])
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
    return cited(policy, text, factor.source, band.source, magnitude=factor.magnitude)


def _score(policy: Policy, f: Facts) -> Reason:
    consider, yes = policy.decision["consider_from"], policy.decision["yes_from"]
    d = f.score_answer
    where = {
        Decision.NO: f"below the 'consider' cut-off ({consider.value:g})",
        Decision.CONSIDER: (
            f"at or above the 'consider' cut-off ({consider.value:g}) "
            f"and below 'yes' ({yes.value:g})"
        ),
        Decision.YES: f"at or above the 'yes' cut-off ({yes.value:g})",
    }[d]
    alone = " on the score alone" if f.answer != d else ""
    src = yes.source if d is Decision.YES else consider.source
    return cited(policy, f"Score {f.score:g} is {where}: {answer_words(d)}{alone}", src)


def _gates(policy: Policy, std: SizeStandard, f: Facts) -> list[Reason]:
    """Each gate that held: its label and rationale from the policy, and the caps it applied."""
    out = []
    for g in f.gates:
        gate = policy.gates[g.key]
        label = gate.label
        if g.key == "small_stage":
            label += f" (under {f.stage_upper:,} people on the {std.label} standard)"
        cap = f"the answer is at most '{answer_words(g.cap)}'"
        if g.role_cap is not None:
            cap += f" and the role at most {ROLE_LABELS[g.role_cap]}"
        effect = f" (the score alone says '{answer_words(f.score_answer)}')" if g.lowered else ""
        why = gate.rationale.rstrip(".")
        why = why[:1].lower() + why[1:] if not why[1:2].isupper() else why
        text = f"Gate: {label}: {why}; so {cap}{effect}"
        out.append(cited(policy, text, gate.source, gate.role_cap_source))
    return out
