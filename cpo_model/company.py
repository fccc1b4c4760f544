"""`Company`: immutable, validated inputs to the model.

>>> Company(headcount=150, complexity=3).stage_inputs()
(150, 3)
>>> Company(headcount=0)
Traceback (most recent call last):
...
cpo_model.errors.InvalidInputError: headcount=0: expected a whole number from 1 to 10,000,000
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from .errors import InvalidInputError, Problem
from .resources import data_path, responsibility_ids
from .types import Owner

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})
OWNER_PREFIX = "owner_"
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@lru_cache(maxsize=1)
def _inputs_yaml() -> dict:
    import yaml  # loaded on first use: `import cpo_model` stays light

    return yaml.safe_load(data_path("inputs.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def input_schema() -> Mapping[str, Mapping[str, Any]]:
    """Field name -> {type, min, max, help, ...} from `data/inputs.yaml`."""
    raw = _inputs_yaml()
    return MappingProxyType({k: MappingProxyType(v) for k, v in raw["fields"].items()})


@lru_cache(maxsize=1)
def complexity_levels() -> Mapping[int, str]:
    """Complexity level -> description in words."""
    return MappingProxyType({int(k): v for k, v in _inputs_yaml()["complexity_levels"].items()})


def allowed(name: str) -> str:
    """What a field accepts, in words: ``allowed("complexity")`` -> 'a whole number from 1 to 5'."""
    spec = input_schema()[name]
    kind = spec["type"]
    if kind == "bool":
        return "true or false"
    if kind == "text":
        return f"text of at most {spec['max_length']} characters"
    noun = "a whole number" if kind == "int" else "a finite number"
    return f"{noun} from {spec['min']:,} to {spec['max']:,}"


def check_value(name: str, value: Any) -> tuple[Any, Problem | None]:
    """Validate one already-typed value against the schema; returns (normalised, problem)."""
    spec = input_schema()[name]
    kind = spec["type"]
    if value is None:
        if spec.get("required"):
            return None, Problem(name, value, allowed(name) + " (required)")
        return spec.get("default"), None
    if kind == "bool":
        if isinstance(value, bool) or (type(value).__name__ == "bool_"):
            return bool(value), None
        return value, Problem(name, value, allowed(name))
    if kind == "text":
        if isinstance(value, str) and len(value) <= spec["max_length"]:
            return value, None
        return value, Problem(name, value, allowed(name))
    is_num = isinstance(value, numbers.Real) and not isinstance(value, bool)  # NumPy scalars too
    if not is_num or not math.isfinite(float(value)):
        return value, Problem(name, value, allowed(name))
    if kind == "int":
        if float(value) != int(value):
            return value, Problem(name, value, allowed(name))
        value = int(value)
    else:
        value = float(value)
    if not spec["min"] <= value <= spec["max"]:
        return value, Problem(name, value, allowed(name))
    return value, None


@dataclass(frozen=True)
class Company:
    """One company's inputs. Every field but `headcount` is optional.

    `complexity` (1-5) wins over the factors (`product_lines`, `platforms`,
    `customer_segments`, `markets`, `regulated`) when both are given; the factors are
    used only when `complexity` is None. `owners` maps responsibility ids (see
    `cpo_model.responsibilities()`) to an `Owner`; unlisted ones are "not stated".
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
    tech_company: bool = True
    product_market_fit: bool = True
    founder_overloaded: bool = False
    annual_growth: float | None = None
    owners: Mapping[str, Owner] = field(default_factory=lambda: MappingProxyType({}))
    name: str | None = None

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
        return hash(tuple(getattr(self, f.name) if f.name != "owners" else tuple(sorted(self.owners.items())) for f in fields(self)))

    def stage_inputs(self) -> tuple[int, int | None]:
        """(headcount, complexity) as given."""
        return self.headcount, self.complexity

    def with_changes(self, **changes: Any) -> Company:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    @property
    def complexity_from_factors(self) -> bool:
        """True when the complexity level is derived from the factors."""
        return self.complexity is None

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Company:
        """Build from text values (a CSV row, CLI flags): parses numbers, booleans, owners.

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
                if not _blank(raw):
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


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, float) and math.isnan(raw)) or (isinstance(raw, str) and not raw.strip())


def parse_value(name: str, raw: Any) -> tuple[Any, Problem | None]:
    """Parse one text value for field `name` (None when blank); problems name the field."""
    if _blank(raw):
        return None, None
    kind = input_schema()[name]["type"]
    if kind == "text":
        return str(raw), None
    if not isinstance(raw, str):
        return raw, None
    text = raw.strip()
    if kind == "bool":
        low = text.lower()
        if low in TRUE_WORDS:
            return True, None
        if low in FALSE_WORDS:
            return False, None
        return raw, Problem(name, raw, allowed(name))
    if THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    try:
        number = float(text) if NUMBER.fullmatch(text) else None
    except ValueError:
        number = None
    if number is None or not math.isfinite(number):
        return raw, Problem(name, raw, allowed(name))
    return (int(number) if kind == "int" and number == int(number) else number), None


def _check_owners(owners: Any) -> tuple[Mapping[str, Owner], list[Problem]]:
    if owners is None:
        return MappingProxyType({}), []
    if not isinstance(owners, Mapping):
        return MappingProxyType({}), [Problem("owners", owners, "a mapping of responsibility id to owner")]
    ids = responsibility_ids()
    values = ", ".join(o.value for o in Owner)
    out: dict[str, Owner] = {}
    problems = []
    for key, owner in owners.items():
        if key not in ids:
            problems.append(Problem(f"owners[{key!r}]", key, f"a responsibility id ({', '.join(ids)})"))
            continue
        try:
            out[key] = Owner(owner.strip().lower() if isinstance(owner, str) else owner)
        except ValueError:
            problems.append(Problem(f"owner_{key}", owner, f"one of {values}"))
    return MappingProxyType(dict(sorted(out.items()))), problems
