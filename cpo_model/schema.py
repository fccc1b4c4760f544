"""The input specification: `data/inputs.yaml` compiled once into one `Field` per input, and the
one cell parser every surface uses.

Everything that lists inputs iterates `fields()`: `Company`'s validation, the CLI flags, the
widgets, the CSV columns, the team views and the README's input table (`inputs_markdown`). A
value typed in a cell, a flag or a box becomes a field value through `Field.parse` alone.

>>> field("complexity").allowed
'a whole number from 1 to 5'
>>> field("headcount").parse(" 1,200 ")
(1200, None)
>>> print(field("headcount").parse("2.5")[1])
headcount=2.5: expected a whole number from 1 to 10,000,000
>>> complexity_range()
(1, 5)
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from .errors import Problem
from .resources import data_path

KINDS = ("int", "float", "bool", "choice", "text")
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})
NOT_STATED = frozenset({"not_stated", "unknown"})  # a choice left open, in words
OWNER_PREFIX = "owner_"  # owner columns: owner_<responsibility id>

# Numbers as spreadsheets and people write them. Unambiguous forms only: "1,200" and "12 000"
# group thousands, "1.200,5" and "2,5" use a decimal comma; "1.200" is read as 1.2 (a point is
# a decimal point unless a comma follows the groups), so a headcount typed that way is refused,
# never guessed.
PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
COMMA_GROUPS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,200 / 1,200.5
SPACE_GROUPS = re.compile(r"[+-]?\d{1,3}( \d{3})+([.,]\d+)?")  # 12 000 / 12 000,5
DOT_GROUPS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+,\d+|[+-]?\d{1,3}(\.\d{3}){2,}")  # 1.200,5
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")  # 2,5 (a group of three is thousands, above)
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def read_number(text: str) -> float | None:
    """A number written as text, or None if it is not one.

    >>> [read_number(t) for t in ("1,200", "12 000", "1.200,5", "2,5", "1e3", "1.200", "x")]
    [1200.0, 12000.0, 1200.5, 2.5, 1000.0, 1.2, None]
    """
    text = text.strip().translate(SPACES)
    if SPACE_GROUPS.fullmatch(text):
        text = text.replace(" ", "").replace(",", ".")
    elif COMMA_GROUPS.fullmatch(text):
        text = text.replace(",", "")
    elif DOT_GROUPS.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if not PLAIN.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def blank(raw: Any) -> bool:
    """True for "not given": None, NaN, or text that is only white space."""
    return (
        raw is None
        or (isinstance(raw, float) and math.isnan(raw))
        or (isinstance(raw, str) and not raw.strip())
    )


@dataclass(frozen=True)
class Field:
    """One input, compiled from `data/inputs.yaml`: its kind, range, default and words.

    `lo`/`hi` bound numbers; `choices` lists a choice's values; `default` is what the model
    assumes for a yes/no input left out. `flag` is the command line's name for it.
    """

    name: str
    kind: str
    label: str
    help: str
    lo: float | None = None
    hi: float | None = None
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    noun: str | None = None
    true_words: str | None = None
    false_words: str | None = None

    @property
    def flag(self) -> str:
        """The command line's flag: '--product-managers'."""
        return "--" + self.name.replace("_", "-")

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "float")

    @property
    def allowed(self) -> str:
        """What the field accepts, in words."""
        if self.kind == "bool":
            return "yes or no"
        if self.kind == "text":
            return f"text of at most {self.max_length} characters"
        if self.kind == "choice":
            return f"one of {', '.join(self.choices)}"
        noun = "a whole number" if self.kind == "int" else "a finite number"
        return f"{noun} from {self.lo:,} to {self.hi:,}"

    def problem(self, value: Any) -> Problem:
        return Problem(self.name, value, self.allowed)

    def check(self, value: Any) -> tuple[Any, Problem | None]:
        """Validate an already-typed value (None = not given): (normalised value, problem)."""
        if value is None:
            if self.required:
                return None, Problem(self.name, value, self.allowed + " (required)")
            return None, None
        if self.kind == "bool":
            if isinstance(value, bool) or type(value).__name__ == "bool_":
                return bool(value), None
            return value, self.problem(value)
        if self.kind == "text":
            ok = isinstance(value, str) and len(value) <= self.max_length
            return value, None if ok else self.problem(value)
        if self.kind == "choice":
            return value, None if value in self.choices else self.problem(value)
        is_num = isinstance(value, numbers.Real) and not isinstance(value, bool)  # NumPy too
        if not is_num or not math.isfinite(float(value)):
            return value, self.problem(value)
        if self.kind == "int":
            if float(value) != int(value):
                return value, self.problem(value)
            value = int(value)
        else:
            value = float(value)
        if not self.lo <= value <= self.hi:
            return value, self.problem(value)
        return value, None

    def parse(self, raw: Any) -> tuple[Any, Problem | None]:
        """The one parser: a cell, flag or box value -> (field value or None, problem).

        Text is read as typed (see `read_number`); values already typed are checked as they
        are. A problem carries the text when it is not a value of the field's kind, else the
        value read (``headcount=2.5: expected a whole number ...``).
        """
        if blank(raw):
            return self.check(None)
        if self.kind == "text":
            return self.check(str(raw))
        if not isinstance(raw, str):
            return self.check(raw)
        text = raw.strip()
        if self.kind == "choice":
            value = "_".join(text.lower().replace("-", " ").split())
            if value in NOT_STATED:
                return self.check(None)
        elif self.kind == "bool":
            low = text.lower()
            value = True if low in TRUE_WORDS else False if low in FALSE_WORDS else None
            if value is None:
                return raw, self.problem(raw)
        else:
            value = read_number(text)
            if value is None:
                return raw, self.problem(raw)
        return self.check(value)


@cache
def _inputs_yaml() -> Mapping[str, Any]:
    import yaml  # loaded on first use: `import cpo_model` stays light

    return yaml.safe_load(data_path("inputs.yaml").read_text(encoding="utf-8"))


@cache
def fields() -> tuple[Field, ...]:
    """Every input's `Field`, in `data/inputs.yaml`'s order (compiled once).

    >>> [f.name for f in fields()][:3]
    ['name', 'headcount', 'complexity']
    """
    out = []
    for name, spec in _inputs_yaml()["fields"].items():
        if spec["type"] not in KINDS:
            raise ValueError(f"inputs.yaml {name}.type={spec['type']!r}: expected one of {KINDS}")
        out.append(
            Field(
                name=name,
                kind=spec["type"],
                label=spec["label"],
                help=spec["help"],
                lo=spec.get("min"),
                hi=spec.get("max"),
                default=spec.get("default"),
                required=bool(spec.get("required", False)),
                choices=tuple(spec.get("choices", ())),
                max_length=spec.get("max_length"),
                noun=spec.get("noun"),
                true_words=spec.get("true_words"),
                false_words=spec.get("false_words"),
            )
        )
    return tuple(out)


@cache
def field_map() -> Mapping[str, Field]:
    """Field name -> `Field`."""
    return MappingProxyType({f.name: f for f in fields()})


def field(name: str) -> Field:
    """The `Field` called `name`."""
    return field_map()[name]


@cache
def input_schema() -> Mapping[str, Mapping[str, Any]]:
    """Field name -> the field's entry of `data/inputs.yaml` as written (read once)."""
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


def owner_values() -> tuple[str, ...]:
    """What an owner cell may say: ceo, product_lead, nobody."""
    from .types import Owner

    return tuple(o.value for o in Owner)


def parse_owner(key: str, raw: Any) -> tuple[str | None, Problem | None]:
    """One owner cell (`owner_<id>`): (owner value or None, problem naming the column).

    >>> parse_owner("owner_product_vision", " CEO ")
    ('ceo', None)
    """
    if blank(raw):
        return None, None
    rid = key[len(OWNER_PREFIX) :]
    if rid not in responsibility_ids():
        return None, Problem(key, raw, f"a responsibility id ({', '.join(responsibility_ids())})")
    text = str(raw).strip().lower()
    if text in owner_values():
        return text, None
    return None, Problem(key, raw, f"one of {', '.join(owner_values())}")


def team_size_problem(headcount: Any, product_managers: Any, engineers: Any) -> Problem | None:
    """The one cross-field rule: product managers plus engineers fit in the headcount."""
    team = (product_managers or 0) + (engineers or 0)
    if headcount is not None and team > headcount:
        return Problem("product_managers+engineers", team, f"at most the headcount ({headcount:,})")
    return None


def complexity_range() -> tuple[int, int]:
    """The lowest and highest complexity level."""
    f = field("complexity")
    return int(f.lo), int(f.hi)


def headcount_max() -> int:
    """The largest headcount the model accepts (a policy's bands and ladder must fit under it)."""
    return int(field("headcount").hi)


def bool_fields() -> tuple[str, ...]:
    """The yes/no fields that take a default when not given (tech_company, ...)."""
    return tuple(f.name for f in fields() if f.kind == "bool" and f.default is not None)


def allowed(name: str) -> str:
    """What a field accepts, in words: ``allowed("complexity")`` -> 'a whole number from 1 to 5'."""
    return field(name).allowed


def inputs_markdown() -> str:
    """The README's input table, from `data/inputs.yaml`.

    >>> print(inputs_markdown().splitlines()[2])
    | `name` | Name | text of at most 200 characters | not stated | Company name, shown on cards and reports (optional). |
    """  # noqa: E501
    rows = [
        "| Input | Label | Allowed | If not stated | Meaning |",
        "|---|---|---|---|---|",
    ]
    for f in fields():
        if f.required:
            unstated = "required"
        elif f.default is not None:
            unstated = f"assumed {'yes' if f.default else 'no'}"
        else:
            unstated = "not stated"
        rows.append(f"| `{f.name}` | {f.label} | {f.allowed} | {unstated} | {f.help} |")
    ids = ", ".join(responsibility_ids())
    rows.append(
        f"| `owner_<id>` | Owner | one of {', '.join(owner_values())} | not stated | "
        f"Who holds a responsibility today; id one of {ids}. |"
    )
    return "\n".join(rows) + "\n"
