"""The domain vocabulary: stages, answers, roles, owners and readiness suggestions.

All are ``str``-valued enums, so they compare equal to their plain strings and
serialise to JSON and CSV as such.

>>> Decision.YES == "yes"
True
>>> Decision("consider") < Decision.YES
True
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class _Ordered(str, Enum):
    """A str enum whose members are ordered by declaration."""

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank >= other.rank

    def __str__(self) -> str:
        return self.value


class Stage(_Ordered):
    """The source text's three stages, by company size alone."""

    PM_ONLY = "pm_only"
    MIDSIZE = "midsize"
    LARGE = "large"


class Decision(_Ordered):
    """Should the company create a CPO role?"""

    NO = "no"
    CONSIDER = "consider"
    YES = "yes"


class Role(_Ordered):
    """The product-leadership ladder that fits the company today."""

    FOUNDER_LED = "founder_led"
    HEAD_OF_PRODUCT = "head_of_product"
    VP_PRODUCT = "vp_product"
    CPO = "cpo"


class Suggestion(str, Enum):
    """What to do with an internal CPO candidate (see `readiness`)."""

    PROMOTE = "promote"
    DEVELOP = "develop"
    HIRE_EXTERNALLY = "hire_externally"

    def __str__(self) -> str:
        return self.value


class Owner(str, Enum):
    """Who holds one of the nine CPO responsibilities today."""

    CEO = "ceo"
    PRODUCT_LEAD = "product_lead"
    NOBODY = "nobody"

    def __str__(self) -> str:
        return self.value

    @property
    def at_risk(self) -> bool:
        """The one rule: a responsibility held by the CEO or by nobody is at risk (a gap a CPO
        fills)."""
        return self is not Owner.PRODUCT_LEAD


@dataclass(frozen=True)
class Reason:
    """One plain sentence and the sources of the numbers it uses."""

    text: str
    sources: tuple[str, ...]
    citation: str

    @property
    def source(self) -> str:
        """The first (main) source key."""
        return self.sources[0]

    def __str__(self) -> str:
        return f"{self.text} (source: {self.citation})"

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": list(self.sources), "citation": self.citation}
