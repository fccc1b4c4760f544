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
from .schema import blank, check_value, input_schema, parse_value, responsibility_ids
from .types import Owner

OWNER_PREFIX = "owner_"


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
        for f in fields(self):
            if f.name == "owners":
                continue
            value, problem = check_value(f.name, getattr(self, f.name))
            if problem:
                problems.append(problem)
            else:
                object.__setattr__(self, f.name, value)
        owners, owner_problems = _check_owners(self.owners)
        problems += owner_problems
        object.__setattr__(self, "owners", owners)
        if not problems:
            team = (self.product_managers or 0) + (self.engineers or 0)
            if team > self.headcount:
                problems.append(
                    Problem(
                        "product_managers+engineers",
                        team,
                        f"at most the headcount ({self.headcount:,})",
                    )
                )
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
        """Build from a record (a CSV row, CLI flags, `to_record()`): parses text numbers and
        booleans.

        Empty strings and None mean "not given". Unknown keys are ignored.

        >>> Company.from_record({"headcount": "300", "tech_company": "no"}).tech_company
        False
        """
        kwargs: dict[str, Any] = {}
        owners: dict[str, Any] = {}
        problems: list[Problem] = []
        schema = input_schema()
        for key, raw in record.items():
            key = str(key).strip()
            if key.startswith(OWNER_PREFIX):
                if not blank(raw):
                    owners[key[len(OWNER_PREFIX) :]] = str(raw).strip().lower()
                continue
            if key not in schema:
                continue
            value, problem = parse_value(key, raw)
            if problem:
                problems.append(problem)
            elif value is not None:
                kwargs[key] = value
        try:
            company = cls(owners=owners, **{"headcount": None, **kwargs})
        except InvalidInputError as exc:
            parsed = {p.field for p in problems}
            problems += [p for p in exc.problems if p.field not in parsed]
        if problems:
            raise InvalidInputError(problems)
        return company


def _check_owners(owners: Any) -> tuple[Mapping[str, Owner], list[Problem]]:
    if owners is None:
        return MappingProxyType({}), []
    if not isinstance(owners, Mapping):
        return MappingProxyType({}), [
            Problem("owners", owners, "a mapping of responsibility id to owner")
        ]
    ids = responsibility_ids()
    values = ", ".join(o.value for o in Owner)
    out: dict[str, Owner] = {}
    problems = []
    for key, owner in owners.items():
        if key not in ids:
            problems.append(
                Problem(f"owners[{key!r}]", key, f"a responsibility id ({', '.join(ids)})")
            )
            continue
        try:
            out[key] = Owner(owner.strip().lower() if isinstance(owner, str) else owner)
        except ValueError:
            problems.append(Problem(f"{OWNER_PREFIX}{key}", owner, f"one of {values}"))
    return MappingProxyType(dict(sorted(out.items()))), problems
