"""Real companies' product-leadership decisions (`data/precedents.csv`), and the nearest to a
company.

Each row is one sourced event: a first CPO, a CPO appointed, no CPO at a size, a CPO role
removed, or an interim/fractional CPO. `nearest` finds the cases most like a company: similar
headcount on a log scale, similar complexity, and the same kind of company (tech or not).

>>> [p.company for p in nearest(1000, 3, True)][:1]
['Slack']
>>> print(nearest(1000, 3, True)[0])
Slack named its first CPO at about 1,000 people (2018)
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from .errors import InputFileError
from .policy import Policy, resolve
from .present import number
from .resources import data_path
from .schema import FALSE_WORDS, TRUE_WORDS, complexity_range

EVENTS = {
    "first_cpo": "named its first CPO",
    "cpo_appointed": "appointed a CPO",
    "no_cpo": "had no CPO",
    "cpo_removed": "left its CPO role unfilled",
    "cpo_in_place": "had a CPO",
    "interim_cpo": "brought in an interim CPO",
    "fractional_cpo": "brought in a fractional CPO",
}
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


@dataclass(frozen=True)
class Precedent:
    """One sourced decision at one company, at one size."""

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

    def __str__(self) -> str:
        """One line: 'Slack named its first CPO at about 1,000 people (2018)'."""
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
        return f"{self.company} {EVENTS[self.event]} {size}{who} ({self.year})"

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
        keys = (
            "company",
            "year",
            "event",
            "headcount",
            "tech_company",
            "complexity",
            "source",
            "url",
            "confidence",
        )
        return {k: getattr(self, k) for k in keys} | {"text": str(self)}


def _bool(value: str, where: str) -> bool:
    low = value.strip().lower()
    if low in TRUE_WORDS:
        return True
    if low in FALSE_WORDS:
        return False
    raise InputFileError(f"{where}={value!r}: expected true or false")


@cache
def precedents() -> tuple[Precedent, ...]:
    """Every row of the bundled `data/precedents.csv`, validated (read once)."""
    path = data_path("precedents.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputFileError(f"{path.name}: expected the columns {', '.join(COLUMNS)}")
        rows = list(reader)
    lo, hi = complexity_range()
    out = []
    for i, r in enumerate(rows, start=2):
        where = f"{path.name} line {i}"
        if (
            r["event"] not in EVENTS
            or r["confidence"] not in CONFIDENCE
            or not r["url"].startswith("http")
            or not r["source"].strip()
        ):
            raise InputFileError(
                f"{where}: event, confidence, source or url not valid ({r['event']!r}, "
                f"{r['confidence']!r}, {r['url']!r})"
            )
        complexity = int(r["complexity"])
        if not lo <= complexity <= hi:
            raise InputFileError(f"{where}: complexity={complexity}: expected {lo} to {hi}")
        out.append(
            Precedent(
                company=r["company"],
                year=int(r["year"]),
                event=r["event"],
                headcount=int(r["headcount"]) if r["headcount"].strip() else None,
                tech_company=_bool(r["tech_company"], f"{where}: tech_company"),
                complexity=complexity,
                product_market_fit=_bool(r["product_market_fit"], f"{where}: product_market_fit"),
                ceo_leads_product=_bool(r["ceo_leads_product"], f"{where}: ceo_leads_product"),
                source=r["source"],
                url=r["url"],
                confidence=r["confidence"],
                headcount_source=r["headcount_source"],
                note=r["note"],
            )
        )
    return tuple(out)


def distance(p: Precedent, headcount: float, complexity: int, complexity_weight: float) -> float:
    """Decades of headcount apart, plus `complexity_weight` per complexity level apart."""
    return abs(math.log10(p.headcount) - math.log10(headcount)) + complexity_weight * abs(
        p.complexity - complexity
    )


def nearest(
    headcount: float, complexity: int, tech_company: bool, policy: Policy | None = None
) -> tuple[Precedent, ...]:
    """The policy's `precedents.count` cases most like a company: same kind (tech or not),
    nearest by `distance`; at equal distance a fully sourced case first. One event per company,
    so the cases are different companies."""
    settings = resolve(policy)[0].precedents
    k, weight = int(settings["count"].value), settings["complexity_weight"].value
    pool = [p for p in precedents() if p.headcount and p.tech_company == tech_company]
    best: dict[str, tuple[float, Precedent]] = {}
    for p in pool:
        d = distance(p, headcount, complexity, weight)
        if p.company not in best or d < best[p.company][0]:
            best[p.company] = (d, p)
    ranked = sorted(
        best.values(), key=lambda dp: (dp[0], dp[1].confidence != "sourced", dp[1].company)
    )
    return tuple(p for _, p in ranked[:k])
