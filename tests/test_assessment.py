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
    assert d["score"] == sum(d["contributions"].values())
