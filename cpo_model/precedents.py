"""Real companies' product-leadership decisions (`data/precedents.csv`), and the nearest to a
company.

Each row is one sourced event at one company and date: a first CPO, a CPO appointed, no CPO at a
size, a CPO role removed, a CPO observed in place, or an interim or fractional CPO. `nearest`
finds the cases most like a company: the same business model first, then the same kind (tech or
not), then similar headcount on a log scale and similar complexity (the weights are the policy's
`precedents` settings).

>>> [p.company for p in nearest(1000, 3, True)][:1]
['Slack']
>>> print(nearest(1000, 3, True)[0])
Slack (B2B SaaS) named its first CPO at about 1,000 people (2018)
"""

from __future__ import annotations

import csv
import datetime
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from .errors import InputFileError
from .policy import Policy, resolve
from .present import number, quoted
from .resources import data_path
from .schema import FALSE_WORDS, TRUE_WORDS, complexity_range, headcount_max

EVENTS = {
    "first_cpo": "named its first CPO",
    "cpo_appointed": "appointed a CPO",
    "no_cpo": "had no CPO",
    "cpo_removed": "left its CPO role unfilled",
    "cpo_in_place": "had a CPO",
    "interim_cpo": "named an interim (acting) CPO",
    "fractional_cpo": "hired a fractional (part-time) CPO",
}
# The business models of data/precedents.md, in the words a line shows ("other" shows none).
BUSINESS_MODELS = {
    "b2b_saas": "B2B SaaS",
    "consumer_app": "consumer app",
    "marketplace": "marketplace",
    "fintech": "fintech",
    "media": "media",
    "retail_brand": "retail brand",
    "hardware": "hardware",
    "services": "services",
    "other": "",
}
PRODUCT_MEANINGS = ("digital", "merchandise", "mixed")
# stated: a source gives the headcount within STATED_WITHIN_MONTHS of the event; interpolated:
# a straight line between two sourced figures around it; stale: neither (data/precedents.md).
BASES = ("stated", "interpolated", "stale")
CALIBRATED_BASES = ("stated", "interpolated")
STATED_WITHIN_MONTHS = 12  # "within one year of the event" (data/precedents.md, headcount basis)
FIRST_STATED = ("stated", "inferred")
CONFIDENCE = ("sourced", "partly sourced")
COLUMNS = (
    "company",
    "year",
    "date",
    "event",
    "headcount",
    "headcount_date",
    "headcount_basis",
    "headcount_basis_note",
    "headcount_source",
    "headcount_url",
    "tech_company",
    "business_model",
    "product_meaning",
    "complexity",
    "complexity_why",
    "product_market_fit",
    "ceo_leads_product",
    "customer_experience",
    "first_stated",
    "source",
    "url",
    "confidence",
    "note",
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Precedent:
    """One sourced decision at one company, at one size and date."""

    company: str
    year: int
    event: str
    headcount: int | None
    tech_company: bool
    complexity: int
    product_market_fit: bool
    ceo_leads_product: bool
    source: str
    url: str
    confidence: str
    headcount_source: str = ""
    note: str = ""
    date: str = ""
    headcount_date: str = ""
    headcount_basis: str = ""
    headcount_basis_note: str = ""
    headcount_url: str = ""
    business_model: str = "other"
    product_meaning: str = "digital"
    complexity_why: str = ""
    customer_experience: bool | None = None
    first_stated: str = ""

    def __str__(self) -> str:
        """One line: 'Slack (B2B SaaS) named its first CPO at about 1,000 people (2018)'; a stale
        headcount says when it was true."""
        size = (
            f"at about {number(self.headcount)} people"
            if self.headcount
            else "(headcount not known)"
        )
        who = (
            " and its CEO led product"
            if self.ceo_leads_product and self.event in ("no_cpo", "cpo_removed")
            else ""
        )
        stale = (
            f"; headcount as of {self.headcount_date}"
            if self.headcount and self.headcount_basis == "stale"
            else ""
        )
        model = BUSINESS_MODELS.get(self.business_model, "")
        name = f"{self.company} ({model})" if model else self.company
        return f"{name} {EVENTS[self.event]} {size}{who} ({self.year}{stale})"

    @property
    def calibrated(self) -> bool:
        """Whether the headcount is at the date of the event (stated within a year, or
        interpolated between two sourced figures), so the calibration can use the row."""
        return bool(self.headcount) and self.headcount_basis in CALIBRATED_BASES

    def cited(self) -> str:
        """The line with its source: '... (2018); source: Business Insider, May 2018, ...'."""
        return f"{self} — {self.source}"

    @property
    def address(self) -> str:
        """The source's address for display: without its query string (tracking tags); `url` keeps
        it whole."""
        return self.url.split("?", 1)[0].split("#", 1)[0]

    def html(self) -> str:
        """The line as HTML, with the source and its address as text (reports load nothing)."""
        part = "" if self.confidence == "sourced" else " <small>(partly sourced)</small>"
        return (
            f"{escape(str(self))}{part} <small style='color:#555'>[{escape(self.source)}; "
            f"{escape(self.address)}]</small>"
        )

    def as_dict(self) -> dict[str, Any]:
        """The case for JSON: what happened, when, at what size (and how that size is known), the
        kind of company and its business model, and the source."""
        keys = (
            "company",
            "year",
            "date",
            "event",
            "headcount",
            "headcount_date",
            "headcount_basis",
            "tech_company",
            "business_model",
            "product_meaning",
            "complexity",
            "source",
            "url",
            "confidence",
        )
        return {k: getattr(self, k) for k in keys} | {"text": str(self)}


def _months(value: str) -> tuple[int, int] | None:
    """The first and last month a date covers, as month numbers: '2018' spans 12 months."""
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return year * 12, year * 12 + 11
    try:
        datetime.date(year, int(month), int(day or 1))
    except ValueError:
        return None
    return year * 12 + int(month) - 1, year * 12 + int(month) - 1


def months_apart(a: str, b: str) -> int | None:
    """The most months two dates can be apart, given how precisely each is known.

    >>> months_apart("2018-04", "2018-05"), months_apart("2018", "2018-05")
    (1, 7)
    """
    ma, mb = _months(a), _months(b)
    if ma is None or mb is None:
        return None
    return max(abs(ma[1] - mb[0]), abs(mb[1] - ma[0]))


def check_rows(rows: Iterable[Mapping[str, str]], name: str = "precedents.csv") -> list[str]:
    """Every bad cell of precedents rows, one message each, by line and column (line 2 is the
    first row); an empty list when all are valid.

    >>> check_rows([{"company": "Acme", "event": "hired"}])[:1]
    ["precedents.csv line 2, column year='': expected a year (YYYY)"]
    """
    out: list[str] = []
    for i, r in enumerate(rows, start=2):
        cell = {k: (r.get(k) or "") for k in COLUMNS}
        out += [
            f"{name} line {i}, column {column}={quoted(cell[column])}: expected {allowed}"
            for column, allowed in _row_problems(cell)
        ]
    return out


def _row_problems(cell: Mapping[str, str]) -> list[tuple[str, str]]:
    """(column, what is allowed) for every bad cell of one row."""
    lo, hi = complexity_range()
    top, this_year = headcount_max(), datetime.date.today().year
    out: list[tuple[str, str]] = []

    def choice(column: str, allowed: Iterable[str], blank: bool = False) -> bool:
        allowed = tuple(allowed)
        ok = cell[column] in allowed or (blank and not cell[column])
        if not ok:
            out.append((column, ("blank or " if blank else "") + "one of " + ", ".join(allowed)))
        return ok

    def flag(column: str, blank: bool = False) -> None:
        low = cell[column].strip().lower()
        if not (low in TRUE_WORDS | FALSE_WORDS or (blank and not low)):
            out.append((column, "blank, true or false" if blank else "true or false"))

    if not cell["company"].strip():
        out.append(("company", "the company's name"))
    year = int(cell["year"]) if re.fullmatch(r"\d{4}", cell["year"]) else None
    if year is None or year > this_year:
        out.append(("year", "a year (YYYY)" if year is None else f"a year up to {this_year}"))
    if _months(cell["date"]) is None:
        out.append(("date", "the event's date as YYYY, YYYY-MM or YYYY-MM-DD"))
    elif year is not None and cell["date"][:4] != cell["year"]:
        out.append(("date", f"a date in the row's year ({year})"))
    choice("event", EVENTS)
    h = cell["headcount"].strip()
    headcount = int(h) if h.isdigit() and 1 <= int(h) <= top else None
    if h and headcount is None:
        out.append(("headcount", f"blank or a whole number from 1 to {number(top)}"))
    if (h or cell["headcount_date"]) and _months(cell["headcount_date"]) is None:
        out.append(("headcount_date", "when the headcount was true, as YYYY or YYYY-MM"))
    if h or cell["headcount_basis"]:
        basis_ok = choice("headcount_basis", BASES)
        if not cell["headcount_basis_note"].strip():
            out.append(("headcount_basis_note", "the basis of the headcount in words"))
        gap = months_apart(cell["date"], cell["headcount_date"])
        if basis_ok and cell["headcount_basis"] == "stated" and (gap or 0) > STATED_WITHIN_MONTHS:
            out.append(
                (
                    "headcount_basis",
                    f"stale: the headcount can be {gap} months from the event (stated means "
                    f"within {STATED_WITHIN_MONTHS})",
                )
            )
    if cell["headcount_url"] and not cell["headcount_url"].startswith(("http://", "https://")):
        out.append(("headcount_url", "blank or an http(s) address"))
    flag("tech_company")
    choice("business_model", BUSINESS_MODELS)
    choice("product_meaning", PRODUCT_MEANINGS)
    c = cell["complexity"].strip()
    if not (c.isdigit() and lo <= int(c) <= hi):
        out.append(("complexity", f"a whole number from {lo} to {hi}"))
    flag("product_market_fit")
    flag("ceo_leads_product")
    flag("customer_experience", blank=True)
    choice("first_stated", FIRST_STATED, blank=cell["event"] != "first_cpo")
    if not cell["source"].strip():
        out.append(("source", "the source's title"))
    if not cell["url"].startswith(("http://", "https://")):
        out.append(("url", "the source's http(s) address"))
    choice("confidence", CONFIDENCE)
    return out


def _flag(value: str) -> bool | None:
    low = value.strip().lower()
    return True if low in TRUE_WORDS else False if low in FALSE_WORDS else None


def read_precedents(path: str | Path) -> tuple[Precedent, ...]:
    """The rows of a precedents CSV, validated: every bad cell is named at once, by line and
    column, in one `InputFileError`."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputFileError(f"{path.name}: expected the columns {', '.join(COLUMNS)}")
        rows = list(reader)
    problems = check_rows(rows, path.name)
    if problems:
        raise InputFileError("; ".join(problems))
    return tuple(
        Precedent(
            company=r["company"],
            year=int(r["year"]),
            event=r["event"],
            headcount=int(r["headcount"]) if r["headcount"].strip() else None,
            tech_company=bool(_flag(r["tech_company"])),
            complexity=int(r["complexity"]),
            product_market_fit=bool(_flag(r["product_market_fit"])),
            ceo_leads_product=bool(_flag(r["ceo_leads_product"])),
            source=r["source"],
            url=r["url"],
            confidence=r["confidence"],
            headcount_source=r["headcount_source"],
            note=r["note"],
            date=r["date"],
            headcount_date=r["headcount_date"],
            headcount_basis=r["headcount_basis"],
            headcount_basis_note=r["headcount_basis_note"],
            headcount_url=r["headcount_url"],
            business_model=r["business_model"],
            product_meaning=r["product_meaning"],
            complexity_why=r["complexity_why"],
            customer_experience=_flag(r["customer_experience"]),
            first_stated=r["first_stated"],
        )
        for r in rows
    )


@cache
def precedents() -> tuple[Precedent, ...]:
    """Every row of the bundled `data/precedents.csv`, validated (read once)."""
    return read_precedents(data_path("precedents.csv"))


def distance(
    p: Precedent,
    headcount: float,
    complexity: int,
    complexity_weight: float,
    *,
    tech_company: bool | None = None,
    business_model: str | None = None,
    kind_weight: float = 0.0,
    business_model_weight: float = 0.0,
) -> float:
    """Decades of headcount apart, plus `complexity_weight` per complexity level apart, plus
    `kind_weight` when the kind (tech or not) differs and `business_model_weight` when a stated
    business model differs (an unknown model adds nothing).

    >>> p = precedents()[0]
    >>> distance(p, p.headcount, p.complexity, 0.25) == 0.0
    True
    """
    d = abs(math.log10(p.headcount) - math.log10(headcount)) + complexity_weight * abs(
        p.complexity - complexity
    )
    if tech_company is not None and p.tech_company != tech_company:
        d += kind_weight
    if business_model and p.business_model != business_model:
        d += business_model_weight
    return d


def nearest(
    headcount: float,
    complexity: int,
    tech_company: bool,
    policy: Policy | None = None,
    business_model: str | None = None,
) -> tuple[Precedent, ...]:
    """The policy's `precedents.count` cases most like a company, by `distance` with the policy's
    weights: a different business model (when one is stated) and a different kind (tech or not)
    each count as that many decades of headcount apart. At equal distance a fully sourced case
    first. One event per company, so the cases are different companies.

    >>> [p.business_model for p in nearest(180, 2, True, business_model="b2b_saas")]
    ['b2b_saas', 'b2b_saas', 'b2b_saas']
    """
    settings = resolve(policy)[0].precedents
    k = int(settings["count"].value)
    weights = {
        "complexity_weight": settings["complexity_weight"].value,
        "kind_weight": settings["kind_weight"].value,
        "business_model_weight": settings["business_model_weight"].value,
    }
    best: dict[str, tuple[float, Precedent]] = {}
    for p in precedents():
        if not p.headcount:
            continue
        d = distance(
            p,
            headcount,
            complexity,
            weights["complexity_weight"],
            tech_company=tech_company,
            business_model=business_model,
            kind_weight=weights["kind_weight"],
            business_model_weight=weights["business_model_weight"],
        )
        if p.company not in best or d < best[p.company][0]:
            best[p.company] = (d, p)
    ranked = sorted(
        best.values(), key=lambda dp: (dp[0], dp[1].confidence != "sourced", dp[1].company)
    )
    return tuple(p for _, p in ranked[:k])
