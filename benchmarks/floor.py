"""The floor for the batch benchmark: the one rule engine run on prepared arrays.

No parsing, no validation, no labels, no DataFrame: `prepare` turns the inputs into the
engine's float columns and compiles the rules outside the timed region; `floor_decisions` is
`engine.evaluate`. The ratio assess_frame / floor therefore measures what the adapter adds
(parsing, validation, building the frame), not the rules.
"""

from __future__ import annotations

import numpy as np

from cpo_model import engine
from cpo_model.policy import Policy


def prepare(policy: Policy, standard: str, headcount: np.ndarray, complexity: np.ndarray):
    """The compiled rules and the input columns, built once outside the timed region."""
    cols = {
        "headcount": np.asarray(headcount, dtype=float),
        "complexity": np.asarray(complexity, dtype=float),
    }
    return engine.rules_for(policy, standard), cols


def floor_decisions(prepared) -> np.ndarray:
    """Decision rank (0 no, 1 consider, 2 yes) from the engine alone."""
    rules, cols = prepared
    return engine.evaluate(rules, cols).rank
