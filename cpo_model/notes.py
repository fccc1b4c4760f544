"""The words around an answer: what the source text says of the stage, the gates in short, the
notes on the role (CPTO, fractional CPO, before fit, CEO-led product, outside tech), and what
growth alone does. Texts and their sources come from the policy.

>>> from cpo_model import Company, assess, load_policy
>>> policy = load_policy()
>>> says = stage_says(policy, assess(Company(headcount=120)).facts)
>>> says == f"midsize: {policy.stages['midsize'].says}"
True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from . import present as w
from .policy import Policy
from .present import DECISION_LABELS, ROLE_LABELS
from .types import Decision, Reason, Role

if TYPE_CHECKING:
    from .assessment import Assessment
    from .engine import Facts


def cited(policy: Policy, text: str, *sources: str | None, magnitude: str | None = None) -> Reason:
    """A sentence with the citation of its sources (and of its points' size, when `magnitude`)."""
    keys = tuple(dict.fromkeys(s for s in sources if s))
    citation = policy.cite(*keys)
    if magnitude:
        citation += f"; points: {policy.cite(magnitude)}"
        keys = tuple(dict.fromkeys((*keys, magnitude)))
    return Reason(w.sentence(text), keys, citation)


def answer_words(d: Decision) -> str:
    return DECISION_LABELS[d].lower()


def stage_says(policy: Policy, facts: Facts) -> str:
    """What the source text says of the company's stage, in the text the engine chose: the
    stage's label and that text, both from the policy."""
    text = policy.stages[facts.stage.value]
    return f"{text.label}: {getattr(text, facts.stage_text)}"


def stage_source(policy: Policy, facts: Facts) -> str:
    """The source key of the stage text the engine chose."""
    text = policy.stages[facts.stage.value]
    return getattr(text, f"{facts.stage_text}_source", None) or text.source


def gate_words(policy: Policy, key: str) -> str:
    """A gate in words: its label and its cap, from the policy."""
    gate = policy.gates[key]
    return f"{gate.label}: at most '{answer_words(gate.cap)}'"


def notes(policy: Policy, facts: Facts, growth: float | None = None) -> tuple[Reason, ...]:
    """The notes the engine put in force, in order, with their texts and sources from the
    policy; `growth` fills the CPTO note's {growth}."""
    n, out = policy.notes, []
    keys = list(facts.notes)
    if "cpto" in keys:
        cpto, against = n["cpto"], n["cpto_against"]
        text = cpto.text.format(growth=w.percent(growth or 0.0))
        if "cpto_against" in keys:
            text += " " + against.text
            keys.remove("cpto_against")
        out.append(cited(policy, text, cpto.source, against.source, cpto.growth_from.source))
        keys.remove("cpto")
    out += [cited(policy, n[k].text, n[k].source) for k in keys]
    return tuple(out)


def quarter(day: date) -> str:
    """A projected date to the quarter, since growth is not known to the day.

    >>> from datetime import date
    >>> quarter(date(2035, 8, 19)), quarter(date(2030, 1, 1)), quarter(date(2030, 12, 31))
    ('Q3 2035', 'Q1 2030', 'Q4 2030')
    """
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def growth_sentence(a: Assessment, as_of: date) -> str:
    """What growth alone does to the answer, with a date to the quarter counted from `as_of`.

    >>> from datetime import date
    >>> from cpo_model import Company, assess
    >>> a = assess(Company(headcount=120, complexity=3, annual_growth=0.4))
    >>> print(growth_sentence(a, date(2026, 1, 1)))
    At 40% headcount growth a year, the company reaches 1,000 people in about 6.3 years — ...
    """
    g = a.company.annual_growth
    if g is None:
        return "No annual growth was given, so no date is projected."
    change = a.growth_change
    now = answer_words(a.create_cpo)
    if change is None:
        if g <= 0:
            return (
                f"At {w.percent(g)} a year headcount does not grow, so growth alone does not "
                "change the answer."
            )
        return (
            f"At {w.percent(g)} a year, growth in headcount alone does not change the answer "
            f"('{now}')."
        )
    when = quarter(change.date_from(as_of))
    return (
        f"At {w.percent(g)} headcount growth a year, the company reaches {w.people(change.target)} "
        f"{w.years(change.years)} — around {when} — and the answer becomes "
        f"'{answer_words(change.decision)}'."
    )


def recommendation(a: Assessment) -> str:
    """The answer in one sentence a board member can repeat: the answer, the role for today,
    and (below 'create the role now') the headcount at which the nearest change of headcount
    moves the answer, from the assessment's facts and its nearest changes.

    >>> from cpo_model import Company, assess
    >>> recommendation(assess(Company(headcount=120, complexity=3, product_managers=4)))
    'Consider it: hire a VP Product now; plan a CPO at about 2,500 people.'
    >>> recommendation(assess(Company(headcount=40, complexity=2)))
    'Not yet: a Head of Product fits today; revisit a CPO at about 100 people.'
    """
    f = a.facts
    label = DECISION_LABELS[f.answer]
    if f.answer is Decision.YES:
        return f"{label}: hire a {ROLE_LABELS[f.role]}."
    role = ROLE_LABELS[f.role]
    if f.role is Role.FOUNDER_LED:
        today = f"{role[:1].lower()}{role[1:]} fits today"
    elif f.answer is Decision.CONSIDER:
        today = f"hire a {role} now"
    else:
        today = f"a {role} fits today"
    grow = next((c for c in a.next_change if c.factor == "headcount" and c.direction == "up"), None)
    if grow is None:
        return f"{label}: {today}."
    plan = "plan a CPO" if grow.decision is Decision.YES else "revisit a CPO"
    return f"{label}: {today}; {plan} at about {w.people(grow.target)}."
