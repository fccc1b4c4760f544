"""The NumPy floor for the batch benchmark: the same bands, points and cut-offs as bare
array operations on prepared arrays (no parsing, no validation, no labels, no DataFrame).

It reads its numbers from the policy, so it stays the same model as `assess_frame`;
`run.py` checks that both give the same answers before timing them.
"""

from __future__ import annotations

import numpy as np

from cpo_model.policy import Policy


def prepare(policy: Policy, standard: str):
    """Lookup arrays from the policy, built once outside the timed region."""
    std = policy.standard(standard)
    f = policy.factors
    pm_bands = f["product_managers"].bands
    return {
        "mid": std.midsize_from,
        "large": std.large_from,
        "size": np.array([f["size"].points[k] for k in ("pm_only", "midsize", "large")], dtype=float),
        "cx": np.array([f["complexity"].points[k] for k in range(1, 6)], dtype=float),
        "pm_from": np.array([b[0] for b in pm_bands]),
        "pm_pts": np.array([b[1] for b in pm_bands], dtype=float),
        "signals": f["founder_overloaded"].points[False] + f["tech_company"].points[True] + f["product_market_fit"].points[True],
        "rate": policy.estimates["engineers_per_employee"].value,
        "per_pm": policy.estimates["engineers_per_pm"].value,
        "consider": policy.decision["consider_from"].value,
        "yes": policy.decision["yes_from"].value,
    }


def floor_decisions(headcount: np.ndarray, complexity: np.ndarray, p: dict) -> np.ndarray:
    """Decision rank (0 no, 1 consider, 2 yes) for default signals and estimated PMs."""
    stage = (headcount >= p["mid"]).astype(np.int8) + (headcount >= p["large"])
    pms = np.floor(p["rate"] * headcount / p["per_pm"])
    score = p["size"][stage] + p["cx"][complexity - 1] + p["pm_pts"][np.searchsorted(p["pm_from"], pms, side="right") - 1] + p["signals"]
    return (score >= p["consider"]).astype(np.int8) + (score >= p["yes"])
