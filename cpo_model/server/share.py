"""The app's inputs as a link: a company (and size bands) <-> a URL query string.

Only stated inputs go into the link; a link names only inputs the app knows. Reading a link
never invents an input: what the query leaves out stays "not stated".

>>> from cpo_model import Company
>>> query_of(Company(headcount=180, complexity=3, founder_overloaded=True))
'headcount=180&complexity=3&founder_overloaded=yes'
>>> read_query("headcount=180&complexity=3&founder_overloaded=yes").company.founder_overloaded
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from ..company import OWNER_PREFIX, Company
from ..errors import InvalidInputError
from ..resources import responsibilities
from ..schema import input_schema

STANDARD = "standard"  # the query key of the size bands the answer uses
MAX_QUERY_CHARS = 2000  # our own limit: every input stated fits in well under 1,000 characters


def known_keys() -> frozenset[str]:
    """Every query key a link may carry: the inputs, each owner, and the size bands."""
    owners = {f"{OWNER_PREFIX}{r['id']}" for r in responsibilities()}
    return frozenset(input_schema()) | owners | {STANDARD}


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def query_of(company: Company, standard: str | None = None) -> str:
    """The query string that reproduces `company` (stated inputs only), and `standard` if given.

    >>> from cpo_model import Company
    >>> query_of(Company(headcount=40, name="A & B"), standard="startup")
    'headcount=40&name=A+%26+B&standard=startup'
    """
    pairs = [(k, _text(v)) for k, v in company.to_record().items() if v is not None]
    if standard:
        pairs.append((STANDARD, standard))
    return urlencode(pairs)


@dataclass(frozen=True)
class LinkInputs:
    """What a link asks for: the company (None when the link holds none or a bad one), the size
    bands, and one plain line per problem (unknown keys are ignored, not reported)."""

    company: Company | None = None
    standard: str | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)


def read_query(query: str | Mapping[str, str] | None, standards=()) -> LinkInputs:
    """Read a link's query (`"headcount=180&..."` or a mapping). A link without a headcount
    holds no company; a bad value is reported in plain words and the link's company is dropped.

    >>> read_query("headcount=abc").problems[0]
    "The link's inputs were not used: ...'abc'..."
    >>> read_query("colour=red").company is None
    True
    """
    if not query:
        return LinkInputs()
    if isinstance(query, str):
        if len(query) > MAX_QUERY_CHARS:
            return LinkInputs(problems=("The link is too long to read; it was not used",))
        pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
    else:
        pairs = list(query.items())
    keys = known_keys()
    record = {k: v for k, v in pairs if k in keys}
    standard = record.pop(STANDARD, None)
    problems: list[str] = []
    if standard is not None and standards and standard not in standards:
        problems.append(f"The link's size bands {standard!r} are not known; the default is used")
        standard = None
    if "headcount" not in record:
        return LinkInputs(standard=standard, problems=tuple(problems))
    try:
        company = Company.from_record(record)
    except InvalidInputError as exc:
        problems.insert(0, f"The link's inputs were not used: {exc}")
        return LinkInputs(standard=standard, problems=tuple(problems))
    return LinkInputs(company, standard, tuple(problems))
