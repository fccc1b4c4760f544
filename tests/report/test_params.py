"""`report.params`: a company from a params dict or a CSV record."""

from __future__ import annotations

import json

import pytest

from cpo_model import Company, InvalidInputError
from cpo_model.report.params import company_params, to_company


def test_company_params_round_trip_as_plain_data():
    name = 'a "quoted" \\ back\\slash\nnew line é ${x} </script>'
    company = Company(
        headcount=300,
        complexity=4,
        name=name,
        annual_growth=0.25,
        tech_company=False,
        owners={"product_vision": "nobody"},
    )
    params = company_params(company)
    assert json.loads(json.dumps(params)) == params  # plain data
    assert to_company(params) == company


def test_a_typed_params_dict_names_only_company_fields():
    with pytest.raises(InvalidInputError, match="colour"):
        to_company({"headcount": 10, "colour": 3})
