"""`Assessment`: JSON-ready data."""

from __future__ import annotations

import json

from cpo_model import (
    Company,
    assess,
)


def test_as_dict_is_json_ready():

    d = json.loads(json.dumps(assess(Company(headcount=150, complexity=3)).as_dict()))
    assert {
        "stage",
        "create_cpo",
        "role",
        "score",
        "contributions",
        "reasons",
        "next_change",
        "gates",
        "assumed",
    } <= d.keys()
    # by hand: size 100+ = 3, level 3 = 1.5, 45 engineers -> 6 PMs = 1; the rest 0
    assert d["score"] == 5.5
    assert {k: v for k, v in d["contributions"].items() if v} == {
        "size": 3,
        "complexity": 1.5,
        "product_managers": 1,
    }
