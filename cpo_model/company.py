"""`Company`: immutable, validated inputs to the model, exactly as the user stated them.

A field left out is None ("not stated"); the model then assumes the schema's default and says
so. Every problem is reported at once.

>>> Company(headcount=150, complexity=3).to_record()
{'headcount': 150, 'complexity': 3}
>>> Company(headcount=0)
Traceback (most recent call last):
...
cpo_model.errors.InvalidInputError: headcount=0: expected a whole number from 1 to 10,000,000
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

from .errors import InvalidInputError, Problem
from .schema import OWNER_PREFIX, parse_owner, team_size_problem
from .schema import fields as fields_
from .types import Owner

__all__ = ["OWNER_PREFIX", "Company"]


@dataclass(frozen=True)
class Company:
    """One company's inputs. Every field but `headcount` is optional (None = not stated).

    `complexity` (1-5) wins over the factors (`product_lines`, `platforms`,
    `customer_segments`, `markets`, `regulated`) when both are given. `owners` maps
    responsibility ids (see `cpo_model.responsibilities()`) to an `Owner`; unlisted ones are
    "not stated". `business_model` is one of `data/inputs.yaml`'s choices (b2b_saas, ...);
    `customer_experience` says whether superior customer experience is a stated strategic
    priority.
    """

    headcount: int
    complexity: int | None = None
    product_lines: int | None = None
    platforms: int | None = None
    customer_segments: int | None = None
    markets: int | None = None
    regulated: bool | None = None
    product_managers: int | None = None
    engineers: int | None = None
    tech_company: bool | None = None
    product_market_fit: bool | None = None
    founder_overloaded: bool | None = None
    ceo_leads_product: bool | None = None
    annual_growth: float | None = None
    owners: Mapping[str, Owner] = field(default_factory=lambda: MappingProxyType({}))
    name: str | None = None
    business_model: str | None = None
    customer_experience: bool | None = None

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        for f in fields_():
            value, problem = f.check(getattr(self, f.name))
            if problem:
                problems.append(problem)
            else:
                object.__setattr__(self, f.name, value)
        owners, owner_problems = _check_owners(self.owners)
        problems += owner_problems
        object.__setattr__(self, "owners", owners)
        if not problems:
            too_big = team_size_problem(self.headcount, self.product_managers, self.engineers)
            problems += [too_big] if too_big else []
        if problems:
            raise InvalidInputError(problems)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.to_record().items(), key=lambda kv: kv[0])))

    def with_changes(self, **changes: Any) -> Company:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    def to_record(self) -> dict[str, Any]:
        """The stated fields as plain values; owners as `owner_<id>` keys. Round-trips:

        >>> c = Company(headcount=40, owners={"product_vision": "ceo"})
        >>> Company.from_record(c.to_record()) == c
        True
        """
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "owners"}
        out = {k: v for k, v in out.items() if v is not None}
        return out | {f"{OWNER_PREFIX}{rid}": owner.value for rid, owner in self.owners.items()}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Company:
        """Build from a record (a CSV row, CLI flags, widget values, `to_record()`): cells as
        typed, read by the one parser (`columns.parse_record`, the one-row case of
        `parse_frame`). Blank cells mean "not given"; unknown keys are ignored.

        >>> Company.from_record({"headcount": "1,200", "tech_company": "no"}).tech_company
        False
        """
        from .columns import parse_record  # pandas loads with the first record parsed

        return cls(**parse_record(record))


def _check_owners(owners: Any) -> tuple[Mapping[str, Owner], list[Problem]]:
    if owners is None:
        return MappingProxyType({}), []
    if not isinstance(owners, Mapping):
        return MappingProxyType({}), [
            Problem("owners", owners, "a mapping of responsibility id to owner")
        ]
    out: dict[str, Owner] = {}
    problems = []
    for key, owner in owners.items():
        text = owner.value if isinstance(owner, Owner) else owner
        value, problem = parse_owner(f"{OWNER_PREFIX}{key}", text)
        if problem or value is None:
            problems.append(
                problem or Problem(f"{OWNER_PREFIX}{key}", owner, f"one of {', '.join(Owner)}")
            )
        else:
            out[key] = Owner(value)
    return MappingProxyType(dict(sorted(out.items()))), problems
