"""`Assessment`: the answer for one company, its reasons, and what would change it.

Instances are immutable and render themselves in a notebook (`_repr_html_`) as a card.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .company import Company
from .types import Decision, Role, Stage

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Reason:
    """One plain sentence and the key of the source behind it."""

    text: str
    source: str
    citation: str

    def __str__(self) -> str:
        return f"{self.text} (source: {self.citation})"


@dataclass(frozen=True)
class Change:
    """The smallest change of one input that moves `create_cpo` to `decision`."""

    factor: str  # "headcount", "complexity" or "product_managers"
    direction: str  # "up" or "down"
    current: float
    target: float
    decision: Decision
    years: float | None = None  # with annual_growth: years until growth alone gets there

    def __str__(self) -> str:
        label = self.factor.replace("_", " ")
        text = f"{label} {_num(self.current)} → {_num(self.target)} gives '{self.decision.value}'"
        if self.years is not None:
            text += f" (in about {self.years:.1f} years at the stated growth)"
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


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x) == int(x) else f"{x:,.1f}"


@dataclass(frozen=True, repr=False)
class Assessment:
    """The model's answer for one company under one policy and size standard."""

    company: Company
    standard: str
    standard_label: str
    policy_version: str
    stage: Stage
    create_cpo: Decision
    role: Role
    role_notes: tuple[str, ...]
    score: float
    contributions: Mapping[str, float]
    cutoffs: Mapping[str, float]
    complexity: int
    product_managers: float
    estimated: tuple[str, ...]
    reasons: tuple[Reason, ...]
    next_change: tuple[Change, ...]

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
            "stage": self.stage.value,
            "create_cpo": self.create_cpo.value,
            "role": self.role.value,
            "role_notes": list(self.role_notes),
            "score": self.score,
            "cutoffs": dict(self.cutoffs),
            "contributions": dict(self.contributions),
            "complexity": self.complexity,
            "product_managers": self.product_managers,
            "estimated": list(self.estimated),
            "reasons": [{"text": r.text, "source": r.source, "citation": r.citation} for r in self.reasons],
            "next_change": [c.as_dict() for c in self.next_change],
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
            f"Assessment(name={self.company.name!r}, headcount={self.company.headcount}, stage={self.stage.value!r}, "
            f"create_cpo={self.create_cpo.value!r}, role={self.role.value!r}, score={self.score:g})"
        )
