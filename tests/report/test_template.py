"""`report.template`: the template only calls `Report` methods."""

from __future__ import annotations

import re

import nbformat

from cpo_model.report.params import to_company
from cpo_model.report.template import template_path


def test_template_is_parameterised_and_holds_no_logic():
    nb = nbformat.read(template_path(), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    namespace: dict = {}
    exec(params[0].source, namespace)
    assert {"company", "policy_path", "standard", "report_date"} <= set(namespace)
    to_company(namespace["company"])  # the default is a valid company
    for cell in code:
        if cell is params[0]:
            continue
        assert not re.search(r"^\s*(def|class|for|while|if|with|try)\b", cell.source, re.M), (
            cell.source
        )
        assert not any(
            o.get("output_type") == "error" or o.get("name") == "stderr"
            for o in cell.get("outputs", [])
        )
    figures = [
        c for c in code if any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    ]
    assert len(figures) >= 4, "store the template executed, with its figures"
