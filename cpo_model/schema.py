"""The input schema: every company field's type, range, default and help, from `data/inputs.yaml`,
and the nine responsibilities an owner can be stated for, from `data/responsibilities.csv`.

The input domain is read from those two files once per process, here and nowhere else
(`input_schema()` and `responsibility_ids()` are cached). The Python API, the CLI, CSV parsing
and the widgets all ask this module, so a range or an id is written in one place.

>>> allowed("complexity")
'a whole number from 1 to 5'
>>> parse_value("headcount", " 1,200 ")
(1200, None)
>>> complexity_range()
(1, 5)
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from .errors import Problem
from .resources import data_path

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})
NOT_STATED = frozenset({"not_stated", "unknown"})  # a choice left open, in words
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@cache
def _inputs_yaml() -> Mapping[str, Any]:
    import yaml  # loaded on first use: `import cpo_model` stays light

    return yaml.safe_load(data_path("inputs.yaml").read_text(encoding="utf-8"))


@cache
def input_schema() -> Mapping[str, Mapping[str, Any]]:
    """Field name -> {type, min, max, default, help, ...} from `data/inputs.yaml` (read once)."""
    raw = _inputs_yaml()
    return MappingProxyType({k: MappingProxyType(v) for k, v in raw["fields"].items()})


@cache
def complexity_levels() -> Mapping[int, str]:
    """Complexity level -> description in words."""
    return MappingProxyType({int(k): v for k, v in _inputs_yaml()["complexity_levels"].items()})


TEAM_RULES = {"halves": ("up", "down"), "ties": ("not_stated",)}


@cache
def team_rules() -> Mapping[str, str]:
    """How raters' views become the team's (`team:` in data/inputs.yaml), checked.

    >>> team_rules()["halves"]
    'up'
    """
    raw = _inputs_yaml().get("team") or {}
    for key, allowed in TEAM_RULES.items():
        if raw.get(key) not in allowed:
            raise ValueError(
                f"inputs.yaml team.{key}={raw.get(key)!r}: expected one of {', '.join(allowed)}"
            )
    return MappingProxyType({k: raw[k] for k in TEAM_RULES})


def responsibility_ids() -> tuple[str, ...]:
    """The ids of the nine CPO responsibilities of the source text (data/responsibilities.csv)."""
    from .resources import responsibilities

    return tuple(r["id"] for r in responsibilities())


def complexity_range() -> tuple[int, int]:
    """The lowest and highest complexity level."""
    spec = input_schema()["complexity"]
    return int(spec["min"]), int(spec["max"])


def headcount_max() -> int:
    """The largest headcount the model accepts (a policy's bands and ladder must fit under it)."""
    return int(input_schema()["headcount"]["max"])


def bool_fields() -> tuple[str, ...]:
    """The yes/no fields that take a default when not given (tech_company, ...)."""
    return tuple(k for k, v in input_schema().items() if v["type"] == "bool" and "default" in v)


def allowed(name: str) -> str:
    """What a field accepts, in words: ``allowed("complexity")`` -> 'a whole number from 1 to 5'."""
    spec = input_schema()[name]
    kind = spec["type"]
    if kind == "bool":
        return "true or false"
    if kind == "text":
        return f"text of at most {spec['max_length']} characters"
    if kind == "choice":
        return f"one of {', '.join(spec['choices'])}"
    noun = "a whole number" if kind == "int" else "a finite number"
    return f"{noun} from {spec['min']:,} to {spec['max']:,}"


def check_value(name: str, value: Any) -> tuple[Any, Problem | None]:
    """Validate one already-typed value (None = not given); returns (normalised, problem)."""
    spec = input_schema()[name]
    kind = spec["type"]
    if value is None:
        if spec.get("required"):
            return None, Problem(name, value, allowed(name) + " (required)")
        return None, None
    if kind == "bool":
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return bool(value), None
        return value, Problem(name, value, allowed(name))
    if kind == "text":
        if isinstance(value, str) and len(value) <= spec["max_length"]:
            return value, None
        return value, Problem(name, value, allowed(name))
    if kind == "choice":
        if isinstance(value, str) and value in spec["choices"]:
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


def blank(raw: Any) -> bool:
    """True for "not given": None, NaN, or text that is only white space."""
    return (
        raw is None
        or (isinstance(raw, float) and math.isnan(raw))
        or (isinstance(raw, str) and not raw.strip())
    )


def parse_value(name: str, raw: Any) -> tuple[Any, Problem | None]:
    """Parse one text value for field `name` (None when blank); a problem names the field."""
    if blank(raw):
        return None, None
    kind = input_schema()[name]["type"]
    if kind == "text":
        return str(raw), None
    if kind == "choice" and isinstance(raw, str):
        word = "_".join(raw.strip().lower().replace("-", " ").split())
        return (None if word in NOT_STATED else word), None
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
    number = float(text) if NUMBER.fullmatch(text) else None
    if number is None or not math.isfinite(number):
        return raw, Problem(name, raw, allowed(name))
    return (int(number) if kind == "int" and number == int(number) else number), None
