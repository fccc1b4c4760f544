"""`report.params`: a company survives papermill's parameters."""

from __future__ import annotations

import json

import nbformat

from cpo_model import (
    Company,
)
from cpo_model.report.params import company_params, to_company
from cpo_model.report.template import parameterised, template_path


def test_company_params_survive_papermill_injection():
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
    nb = parameterised(nbformat.read(template_path(), as_version=4), company)
    (cell,) = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    namespace: dict = {}
    exec(cell.source, namespace)  # what the kernel runs
    assert namespace["company"] == params and to_company(namespace["company"]) == company
