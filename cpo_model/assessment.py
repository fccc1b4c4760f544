"""`Assessment`: the answer for one company, its reasons, and what would change it.

Instances are immutable and render themselves in a notebook (`_repr_html_`) as a card.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .company import Company
from .present import DECISION_LABELS, input_label, lower_first, number, years
from .types import Decision, Reason, Role, Stage

if TYPE_CHECKING:
    from .policy import PolicyIdentity

DAYS_PER_YEAR = 365.25
LEVER_WORDS = {
    "headcount": "headcount",
    "complexity": "complexity level",
    "product_managers": "product managers",
}


@dataclass(frozen=True)
class Change:
    """The smallest change of one stated input that moves `create_cpo` to `decision`."""

    factor: str  # "headcount", "complexity", "product_managers" or a stated yes/no input
    direction: str  # "up" or "down"
    current: float
    target: float
    decision: Decision
    years: float | None = None  # with annual_growth: years until growth alone gets there

    @property
    def yes_no(self) -> bool:
        """A stated yes/no input flipped (current and target are 1.0 and 0.0)."""
        return self.factor not in LEVER_WORDS

    def words(self, value: float) -> str:
        """A value of this lever in words: '1,000', or 'yes'/'no' for a yes/no input."""
        if self.yes_no:
            return "yes" if value else "no"
        return number(value)

    def __str__(self) -> str:
        name = lower_first(input_label(self.factor)) if self.yes_no else LEVER_WORDS[self.factor]
        text = (
            f"{name} {self.words(self.current)} → {self.words(self.target)} gives "
            f"'{DECISION_LABELS[self.decision].lower()}'"
        )
        if self.years is not None:
            text += f" ({years(self.years)} at the stated growth)"
        return text

    def date_from(self, today: date) -> date | None:
        """The date growth alone gets there, counted from `today`."""
        if self.years is None:
            return None
        return today + timedelta(days=math.ceil(self.years * DAYS_PER_YEAR))

    def as_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "direction": self.direction,
            "current": self.current,
            "target": self.target,
            "create_cpo": self.decision.value,
            "years": self.years,
        }


@dataclass(frozen=True, repr=False)
class Assessment:
    """The model's answer for one company under one policy and size standard."""

    company: Company
    standard: str
    standard_label: str
    policy_version: str
    stage: Stage
    stage_says: str  # what the source text says of this stage (for this kind of company)
    create_cpo: Decision
    score_answer: Decision  # the answer from the score alone, before the gates
    role: Role
    role_notes: tuple[Reason, ...]
    score: float
    contributions: Mapping[str, float]
    factor_labels: Mapping[str, str]  # factor -> its label in the policy ("Company size")
    cutoffs: Mapping[str, float]
    complexity: int
    complexity_how: str  # given, derived or assumed
    product_managers: float
    engineers: float
    effective: Mapping[str, bool]  # the yes/no inputs as used (stated or assumed)
    estimated: tuple[str, ...]
    assumed: tuple[str, ...]
    gates: tuple[str, ...]
    gate_words: tuple[str, ...]  # each gate in words: its label and cap, from the policy
    reasons: tuple[Reason, ...]
    next_change: tuple[Change, ...]
    precedents: tuple = ()
    facts: Any = field(default=None, compare=False)  # `engine.Facts`: what the words are built on
    policy: PolicyIdentity | None = None  # which policy answered (version, sha256, bundled)

    @property
    def growth_change(self) -> Change | None:
        """The headcount change that growth alone reaches first, if any."""
        timed = [c for c in self.next_change if c.years is not None]
        return min(timed, key=lambda c: c.years) if timed else None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "name": self.company.name,
            "standard": self.standard,
            "policy_version": self.policy_version,
            "policy": self.policy.as_dict() if self.policy else None,
            "stage": self.stage.value,
            "create_cpo": self.create_cpo.value,
            "score_answer": self.score_answer.value,
            "role": self.role.value,
            "role_notes": [n.as_dict() for n in self.role_notes],
            "score": self.score,
            "cutoffs": dict(self.cutoffs),
            "contributions": dict(self.contributions),
            "complexity": self.complexity,
            "complexity_how": self.complexity_how,
            "product_managers": self.product_managers,
            "engineers": self.engineers,
            "effective": dict(self.effective),
            "estimated": list(self.estimated),
            "assumed": list(self.assumed),
            "gates": list(self.gates),
            "reasons": [r.as_dict() for r in self.reasons],
            "next_change": [c.as_dict() for c in self.next_change],
            "precedents": [p.as_dict() for p in self.precedents],
        }

    def to_text(self) -> str:
        from .render import card_text

        return card_text(self)

    def _repr_html_(self) -> str:
        from .render import card_html

        return card_html(self)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return (
            f"Assessment(name={self.company.name!r}, headcount={self.company.headcount}, "
            f"stage={self.stage.value!r}, "
            f"create_cpo={self.create_cpo.value!r}, role={self.role.value!r}, score={self.score:g})"
        )
