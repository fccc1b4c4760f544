"""`engine`: the rules on arrays; estimates stay inside the company."""

from __future__ import annotations

from cpo_model import (
    Company,
    assess,
)


def test_estimates_stay_inside_the_company():
    a = assess(Company(headcount=23, engineers=22, complexity=5))
    assert a.product_managers + 22 <= 23 and a.product_managers == 1
    assert any("capped so that product managers and engineers fit" in r.text for r in a.reasons)
    zero = assess(Company(headcount=10))
    assert zero.product_managers == 0
    assert not any("about 0" in r.text for r in zero.reasons)
