"""A company as plain parameters (what `notebooks/report.ipynb` takes), and back.

>>> from cpo_model import Company
>>> company_params(Company(headcount=120, complexity=3, owners={"product_vision": "nobody"}))
{'headcount': 120, 'complexity': 3, 'owners': {'product_vision': 'nobody'}}
>>> to_company({"headcount": "120", "name": "Acme"}).headcount
120
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from ..company import OWNER_PREFIX, Company
from ..errors import InvalidInputError, Problem

Raters = Sequence[tuple[str, Mapping[str, Any]]]  # (name, view) pairs, views as CSV text


def parse_date(value: date | str | None) -> date:
    """The memo's "as of" date: today when None, else a date or YYYY-MM-DD text."""
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"report date {value!r}: expected YYYY-MM-DD") from None


def company_params(company: Company) -> dict[str, Any]:
    """The company's stated fields as the template's `company` parameter (owners as
    {responsibility: owner})."""
    record = company.to_record()
    owners = {
        k[len(OWNER_PREFIX) :]: record.pop(k) for k in list(record) if k.startswith(OWNER_PREFIX)
    }
    return record | ({"owners": owners} if owners else {})


def to_company(company: Company | Mapping[str, Any]) -> Company:
    """A `Company` from a Company, a params dict (`company_params`) or a text record (CSV row).

    A params dict with typed values must name only `Company` fields; a CSV row may carry other
    columns.
    """
    if isinstance(company, Company):
        return company
    data = dict(company)
    owners = data.pop("owners", None) or {}
    if not all(isinstance(v, str) or v is None for v in data.values()):
        known = {f.name for f in fields(Company)}
        unknown = sorted(k for k in data if k not in known and not str(k).startswith(OWNER_PREFIX))
        if unknown:
            raise InvalidInputError([Problem(k, data[k], "a Company field") for k in unknown])
    return Company.from_record({**data, **{f"{OWNER_PREFIX}{k}": v for k, v in owners.items()}})
