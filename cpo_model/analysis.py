"""Analyses of the model's answers, as plain data for charts, reports and notebooks.

Every function here computes (through `assess`, `assess_frame` or the engine); the charts only
draw what these return.

>>> from cpo_model import Company
>>> data = sensitivity_data(Company(headcount=150, complexity=3))
>>> sorted(set(data["input"]))[:3]
['ceo_leads_product', 'complexity', 'founder_overloaded']
>>> items = responsibilities_at_risk(Company(headcount=9, owners={"product_vision": "ceo"}))
>>> [r["status"] for r in items][:2]
['not stated', 'at risk']
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from . import engine, search
from .assessment import Assessment
from .company import Company
from .frame import assess_frame
from .model import assess, columns_of
from .policy import Policy, resolve
from .present import MAP_HEADCOUNT_TOP, OWNER_LABELS, answer, input_label, number, people
from .resources import responsibilities
from .schema import complexity_range, headcount_max, input_schema
from .types import Decision, Stage

SIGNALS = ("founder_overloaded", "tech_company", "product_market_fit", "ceo_leads_product")
HELD_OUT = ("name", "annual_growth", "headcount", "complexity")  # not held fixed on the map


def map_key(a: Assessment) -> tuple:
    """What a company's map depends on: everything but its headcount, level and growth (and a
    wider extent for very large companies). Equal keys, equal maps: the Explorer redraws only the
    company on it."""
    held = tuple(sorted((k, v) for k, v in a.company.to_record().items() if k not in HELD_OUT))
    return (a.policy_version, a.standard, a.company.name, held, _extent(a.company.headcount))


def _extent(headcount: int) -> float:
    """The map's top headcount: the usual top, wider (in decades) for very large companies."""
    if headcount <= MAP_HEADCOUNT_TOP / 2:
        return float(MAP_HEADCOUNT_TOP)
    return float(min(headcount_max(), 10 ** math.ceil(math.log10(3 * headcount))))


def answer_steps(a: Assessment, policy: Policy | str | Path | None = None) -> dict[int, list[int]]:
    """Level -> the headcounts where the answer steps up (at most two: to consider, to yes),
    with everything else held as the company states it."""
    policy, std = resolve(policy, a.standard)
    rules = engine.rules_for(policy, std.key)
    company = a.company
    team = (company.product_managers or 0) + (company.engineers or 0)
    lo, top = complexity_range()
    levels = list(range(lo, top + 1))
    steps: dict[int, list[int]] = {level: [] for level in levels}
    starts = {level: max(1, team) for level in levels}
    for _ in range(len(Decision) - 1):
        batch = [
            company.with_changes(headcount=int(starts[lv]), complexity=lv, annual_growth=None)
            for lv in levels
        ]
        cols = columns_of(batch)
        up = search.changes(rules, cols, engine.evaluate(rules, cols))["headcount_up"]
        for level, value in zip(levels, up, strict=True):
            if not math.isnan(value):
                steps[level].append(int(value))
                starts[level] = int(value)
    return {level: sorted(set(v)) for level, v in steps.items()}


def decision_grid(
    subject: Assessment | Company | None = None,
    policy: Policy | str | Path | None = None,
    standard: str | None = None,
    headcounts: int = 120,
    levels: tuple[int, ...] | None = None,
) -> pd.DataFrame:
    """`create_cpo` over headcount (log-spaced from 1 to 100,000, wider for very large companies)
    x complexity level, with the other inputs held as the company states them.

    Besides the log-spaced points the grid holds the stage boundaries, the smallest possible
    headcount (PMs + engineers) and, on every level, the headcounts where the answer steps and
    the one before, so a map changes colour exactly there. It does not depend on the company's
    own headcount or level (see `map_key`). One `assess_frame` call; rows that cannot exist
    keep an `error`.
    """
    a = (
        subject
        if isinstance(subject, Assessment)
        else assess(subject or Company(headcount=1), policy, standard)
    )
    if policy is None and a.policy is not None and not a.policy.bundled:
        policy = a.policy.path  # the policy that answered, not the bundled one
    policy, std = resolve(policy, a.standard)
    company = a.company
    team = (company.product_managers or 0) + (company.engineers or 0)
    hi = _extent(company.headcount)
    spaced = np.rint(np.logspace(0, math.log10(hi), max(2, int(headcounts))))
    steps = [h for hs in answer_steps(a, policy).values() for s in hs for h in (s - 1, s)]
    extra = [std.midsize_from, std.large_from, max(1, team), *steps]
    hs = np.unique(np.concatenate([spaced, [x for x in extra if 1 <= x <= hi]]).astype(np.int64))
    lo, top = complexity_range()
    levels = sorted({int(level) for level in (levels or range(lo, top + 1))})
    rows = pd.DataFrame(
        {"headcount": np.tile(hs, len(levels)), "complexity": np.repeat(levels, len(hs))}
    )
    for key, value in company.to_record().items():
        if key not in HELD_OUT:
            rows[key] = value
    out = assess_frame(rows, policy, std.key)
    grid = out[["headcount", "complexity", "create_cpo", "score", "error"]].reset_index(drop=True)
    grid.attrs.update(
        bands=stage_bands(policy, std.key), standard_label=std.label, policy_version=policy.version
    )
    grid.attrs["key"] = map_key(a)
    return grid


def stage_bands(
    policy: Policy | str | Path | None = None, standard: str | None = None
) -> tuple[tuple[str, int], ...]:
    """The three stages as (label, first headcount), from the standard's bands and the policy's
    labels.

    >>> stage_bands(None, "gartner")
    (('small', 1), ('midsize', 100), ('large', 1000))
    """
    policy, std = resolve(policy, standard)
    starts = (1, std.midsize_from, std.large_from)
    return tuple((policy.stages[s.value].label, lo) for s, lo in zip(Stage, starts, strict=True))


def contributions_data(a: Assessment, policy: Policy | str | Path | None = None) -> pd.DataFrame:
    """Points per factor with the factor's label and the value the model used, ready to draw.

    Columns: factor, label, value, points, text (the bar's name: 'Size (150 people)'), effect
    ('raises', 'lowers' or 'none'). `attrs`: score, create_cpo, cutoffs, name, and `where`, the
    score's distance to each cut-off in words.

    >>> from cpo_model import Company
    >>> data = contributions_data(assess(Company(headcount=150, complexity=3)))
    >>> data.attrs["where"]
    "1.5 above 'consider' (4), 3.5 below 'yes' (9)"
    """
    policy, _ = resolve(policy, a.standard)
    owners = a.company.owners
    values = {
        "size": people(a.company.headcount),
        "complexity": f"level {a.complexity}",
        "product_managers": f"{number(a.product_managers)}"
        + (" est." if "product_managers" in a.estimated else ""),
        "uncovered_responsibilities": f"{sum(o.at_risk for o in owners.values())} of {len(owners)}"
        if owners
        else "not stated",
    }
    rows = []
    for key, pts in a.contributions.items():
        value = values.get(key) or ("yes" if a.effective[key] else "no") + (
            ", assumed" if key in a.assumed else ""
        )
        label = policy.factors[key].label
        effect = "raises" if pts > 0 else "lowers" if pts < 0 else "none"
        rows.append((key, label, value, pts, f"{label} ({value})", effect))
    columns = ["factor", "label", "value", "points", "text", "effect"]
    out = pd.DataFrame(rows, columns=columns)
    cuts = dict(a.cutoffs)
    where = ", ".join(
        _distance(a.score, cuts[key], name)
        for key, name in (("consider_from", "consider"), ("yes_from", "yes"))
    )
    out.attrs.update(
        score=a.score, create_cpo=a.create_cpo.value, cutoffs=cuts, name=a.company.name, where=where
    )
    return out


def _distance(score: float, cut: float, name: str) -> str:
    """How far a score sits from a cut-off, in words: "1 below 'consider' (4)"."""
    gap = score - cut
    if gap == 0:
        return f"exactly at '{name}' ({cut:g})"
    return f"{abs(gap):g} {'above' if gap > 0 else 'below'} '{name}' ({cut:g})"


def sensitivity_data(
    subject: Company | Assessment,
    policy: Policy | str | Path | None = None,
    standard: str | None = None,
) -> pd.DataFrame:
    """Each input one step down and up: headcount ÷/× 2, complexity and PMs ±1, yes/no inputs
    flipped; ready to draw as a tornado.

    Steps start from the values the model used (stated, derived, estimated or assumed); steps
    outside the valid range are left out. Columns: input, label, direction, value_label (where
    the step goes, in words), short_label ('yes'/'no' for yes/no inputs, else value_label), step
    (what the step is: '150 → 300 people', 'no → yes'), score, create_cpo, delta (score − base
    score), changes_answer, row (0 = the input with the largest effect, drawn on top), side
    ('left' or 'right': where the bar's label goes) and text (the bar's label). `attrs`:
    base_score, base_create_cpo, cutoffs, name, inputs (the rows' labels, top first).
    `subject` may be the company's `Assessment` (then it is not assessed again).

    >>> data = sensitivity_data(Company(headcount=150, complexity=3))
    >>> data.set_index(["input", "direction"]).loc[("headcount", "up"), "step"]
    '150 → 300 people'
    """
    if isinstance(subject, Assessment):  # already assessed: not again
        base, company = subject, subject.company
        policy, std = resolve(policy, standard or base.standard)
    else:
        company = subject
        policy, std = resolve(policy, standard)
        base = assess(company, policy, std.key)
    eng = company.engineers or 0
    pms = (
        company.product_managers
        if company.product_managers is not None
        else int(base.product_managers)
    )
    h, level = company.headcount, base.complexity
    lo, top = complexity_range()
    half, double = (
        max(1, (company.product_managers or 0) + eng, math.ceil(h / 2)),
        min(headcount_max(), 2 * h),
    )
    steps = [
        ("headcount", "down", half, f"{half:,} people"),
        ("headcount", "up", double, f"{double:,} people"),
        ("complexity", "down", level - 1, f"level {level - 1}"),
        ("complexity", "up", level + 1, f"level {level + 1}"),
        ("product_managers", "down", pms - 1, _pms(pms - 1)),
        ("product_managers", "up", pms + 1, _pms(pms + 1)),
    ]
    steps = [(*s, s[3]) for s in steps]  # numbers: the short label is the label
    schema = input_schema()
    for k in SIGNALS:
        flipped = not base.effective[k]
        steps.append(
            (
                k,
                "up" if flipped else "down",
                flipped,
                schema[k]["true_words" if flipped else "false_words"],
                "yes" if flipped else "no",  # next to the input's name in a chart
            )
        )
    now = {"headcount": h, "complexity": level, "product_managers": pms, **base.effective}
    was = {
        "headcount": f"{h:,}",
        "complexity": f"level {level}",
        "product_managers": f"{pms:,}",
        **{k: "yes" if base.effective[k] else "no" for k in SIGNALS},
    }
    limits = {"complexity": (lo, top), "product_managers": (0, h - eng), "headcount": (1, math.inf)}
    kept, variants = [], []
    for field, direction, value, label, short in steps:
        low, up = limits.get(field, (-math.inf, math.inf))
        if value != now[field] and low <= value <= up:
            kept.append((field, direction, label, short, f"{was[field]} → {_to(field, value)}"))
            variants.append(replace(company, **{field: value}))
    res = (
        engine.evaluate(engine.rules_for(policy, std.key), columns_of(variants))
        if variants
        else None
    )
    rows = [
        (
            field,
            direction,
            label,
            short,
            step,
            float(res.score[i]),
            list(Decision)[int(res.rank[i])].value,
            float(res.score[i]) - base.score,
        )
        for i, (field, direction, label, short, step) in enumerate(kept)
    ]
    columns = ["input", "direction", "value_label", "short_label", "step", "score", "create_cpo"]
    out = pd.DataFrame(rows, columns=[*columns, "delta"])
    out.insert(1, "label", [input_label(k) for k in out["input"]])
    out["changes_answer"] = out["create_cpo"] != base.create_cpo.value
    spread = out.groupby("input", sort=False)["delta"].agg(lambda d: d.abs().max())
    order = list(spread.sort_values(ascending=False, kind="stable").index)  # largest first
    out["row"] = [order.index(k) for k in out["input"]]
    left = (out["delta"] < 0) | ((out["delta"] == 0) & (out["direction"] == "down"))
    out["side"] = np.where(left, "left", "right")
    out["text"] = [
        f"{step}: {answer(d).lower()}"
        for step, d in zip(out["step"], out["create_cpo"], strict=True)
    ]
    labels = dict(zip(out["input"], out["label"], strict=False))
    out.attrs.update(
        base_score=base.score,
        base_create_cpo=base.create_cpo.value,
        cutoffs=dict(base.cutoffs),
        name=company.name,
        inputs=tuple(labels[k] for k in order),
    )
    return out


def _pms(n: int) -> str:
    return f"{n:,} PM" + "s" * (n != 1)


def _to(field: str, value) -> str:
    """Where a step goes, as the second half of '150 → 300 people'."""
    if field == "headcount":
        return people(value)
    if field == "complexity":
        return f"level {value}"
    if field == "product_managers":
        return _pms(value)
    return "yes" if value else "no"


def responsibilities_data(company: Company, columns: int = 3) -> pd.DataFrame:
    """The nine responsibilities as a grid to draw, one row each: id, name, owner ('ceo',
    'product_lead', 'nobody' or None), owner_label (in words), status ('covered', 'at risk',
    'not stated'), and its cell (grid_row, grid_col; `columns` cells a row, in the data's order).

    The one rule: a responsibility held by the CEO or by nobody is at risk (`Owner.at_risk`).
    `attrs`: name, stated, at_risk, total (counts), and `summary`, the chart's line in words:
    what is at risk, or what to state when no owner is.

    >>> data = responsibilities_data(Company(headcount=80))
    >>> data.attrs["stated"], data.attrs["summary"][:40]
    (0, 'No owner stated: say who holds each resp')
    """
    rows = []
    for i, r in enumerate(responsibilities()):
        owner = company.owners.get(r["id"])
        status = "not stated" if owner is None else "at risk" if owner.at_risk else "covered"
        rows.append(
            (
                r["id"],
                r["name"],
                owner.value if owner else None,
                OWNER_LABELS[owner] if owner else "not stated",
                status,
                i // columns,
                i % columns,
            )
        )
    out = pd.DataFrame(
        rows, columns=["id", "name", "owner", "owner_label", "status", "grid_row", "grid_col"]
    )
    total, stated = len(out), int((out["status"] != "not stated").sum())
    risky = int((out["status"] == "at risk").sum())
    if not stated:
        choices = ", ".join(OWNER_LABELS.values())
        summary = (
            f"No owner stated: say who holds each responsibility ({choices}) to see which are "
            "at risk"
        )
    else:
        summary = f"{risky} of {stated} stated at risk (held by the CEO or nobody)"
        if stated < total:
            summary += f"; {total - stated} not stated"
    out.attrs.update(name=company.name, stated=stated, at_risk=risky, total=total, summary=summary)
    return out


def responsibilities_at_risk(company: Company) -> list[dict[str, str]]:
    """The nine responsibilities as records: id, name, owner (in words) and status (covered,
    at risk, not stated)."""
    data = responsibilities_data(company)
    return [
        {"id": r.id, "name": r.name, "owner": r.owner_label, "status": r.status}
        for r in data.itertuples()
    ]


def standards_comparison(
    company: Company, headcounts: tuple[int, ...], policy: Policy | str | Path | None = None
) -> pd.DataFrame:
    """The company at several headcounts under every size standard: stage and answer side by
    side."""
    policy, _ = resolve(policy)
    rows = []
    for h in headcounts:
        row: dict[str, object] = {"headcount": h}
        for key, std in policy.standards.items():
            a = assess(company.with_changes(headcount=h), policy, key)
            row[f"{std.key} stage"] = a.stage.value
            row[f"{std.key} answer"] = a.create_cpo.value
        rows.append(row)
    return pd.DataFrame(rows)
