"""The policy as readable tables: for the README, the method notebook and report appendices.

Each rule names the source of its condition (a boundary or the direction) and, separately, of
its points, so a reader sees where a source stops and our judgement starts.

>>> rows = policy_rows()
>>> rows[0]["factor"], rows[0]["condition"]
('Stage (EU/OECD (2003/361/EC))', 'small: under 50 people')
"""

from __future__ import annotations

from pathlib import Path

from .policy import Policy, resolve
from .present import DECISION_LABELS, ROLE_LABELS, join, lower_first, number, signed, spelled
from .schema import input_schema
from .types import Decision, Role, Stage


def _src(policy: Policy, key: str | None) -> str:
    if not key:
        return ""
    s = policy.sources[key]
    return f"[{s.cite()}]({s.url})" if s.url else s.cite()


def _row(
    policy: Policy,
    factor: str,
    condition: str,
    points: str,
    source: str | None,
    magnitude: str | None,
    rationale: str,
) -> dict[str, str]:
    return {
        "factor": factor,
        "condition": condition,
        "points": points,
        "source": _src(policy, source),
        "points_source": _src(policy, magnitude),
        "rationale": rationale,
    }


def _factor_rows(
    policy: Policy, key: str, f, label: str, unit: str, suffix: str = ""
) -> list[dict[str, str]]:
    rows = []
    if f.bands:
        for i, b in enumerate(f.bands):
            nxt = f.bands[i + 1].lower if i + 1 < len(f.bands) else None
            cond = (
                f"under {number(nxt)}{unit}"
                if i == 0 and nxt is not None
                else f"from {number(b.lower)}{unit}"
            )
            rows.append(
                _row(
                    policy,
                    label,
                    cond,
                    f"{signed(b.points)}{suffix}",
                    b.source or f.source,
                    f.magnitude,
                    f.rationale,
                )
            )
    else:
        for k, p in f.points.items():
            if isinstance(k, bool):
                spec = input_schema().get(key)
                cond = (
                    spec["true_words" if k else "false_words"]
                    if spec and "true_words" in spec
                    else ("yes" if k else "no")
                )
            else:
                cond = f"level {k}"
            rows.append(
                _row(
                    policy, label, cond, f"{signed(p)}{suffix}", f.source, f.magnitude, f.rationale
                )
            )
    return rows


def policy_rows(policy: Policy | str | Path | None = None) -> list[dict[str, str]]:
    """One row per rule: factor, condition, points, source (of the condition), points_source,
    rationale."""
    policy, _ = resolve(policy)
    rows = []
    for std in policy.standards.values():
        labels = {k: t.label for k, t in policy.stages.items()}
        conds = {
            Stage.PM_ONLY.value: f"under {std.midsize_from:,} people",
            Stage.MIDSIZE.value: f"{std.midsize_from:,}–{std.large_from - 1:,} people",
            Stage.LARGE.value: f"{std.large_from:,} people or more",
        }
        for stage, cond in conds.items():
            rows.append(
                _row(
                    policy,
                    f"Stage ({std.label})",
                    f"{labels[stage]}: {cond}",
                    "",
                    std.source,
                    None,
                    std.rationale,
                )
            )
    units = {
        "size": " people",
        "product_managers": " PMs",
        "uncovered_responsibilities": " responsibilities",
    }
    for key, f in policy.factors.items():
        rows += _factor_rows(policy, key, f, f.label, units.get(key, ""))
    base = policy.base_level
    rows.append(
        _row(
            policy,
            "Complexity from the factors",
            "base level",
            number(base.value),
            base.source,
            None,
            base.rationale,
        )
    )
    for key, f in policy.complexity_factors.items():
        label = f"Complexity from {input_schema()[key]['label'].lower()}"
        rows += _factor_rows(policy, key, f, label, "", " level")
    for n in policy.estimates.values():
        rows.append(_row(policy, "Estimate", n.label, f"{n.value:g}", n.source, None, n.rationale))
    for key, n in policy.decision.items():
        answer = "consider" if key == "consider_from" else "yes"
        rows.append(
            _row(
                policy,
                "Cut-off",
                f"'{answer}' from a score of",
                f"{n.value:g}",
                n.source,
                None,
                n.rationale,
            )
        )
    for g in policy.gates.values():
        cap = f"at most '{DECISION_LABELS[g.cap].lower()}'" + (
            f", role at most {ROLE_LABELS[g.role_cap]}" if g.role_cap else ""
        )
        rows.append(_row(policy, "Gate", g.label, cap, g.source, g.role_cap_source, g.rationale))
    for key, r in policy.roles.items():
        cond = f"from {r.people_from:,} people and {r.product_managers_from:,} PMs"
        rows.append(
            _row(
                policy,
                "Role ladder",
                f"{ROLE_LABELS[Role(key)]}: {cond}",
                "",
                r.source,
                None,
                r.rationale,
            )
        )
    growth = policy.notes["cpto"].growth_from
    rows.append(
        _row(
            policy,
            "Note",
            "CPTO from annual growth of",
            f"{growth.value:.0%}",
            growth.source,
            None,
            growth.rationale,
        )
    )
    return rows


def policy_markdown(policy: Policy | str | Path | None = None) -> str:
    """The rules as a Markdown table (factor, condition, points, source, points source)."""
    rows = policy_rows(policy)
    out = [
        "| Factor | Condition | Points | Source of the condition | Source of the points |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {r['factor']} | {r['condition']} | {r['points']} | {r['source']} | "
        f"{r['points_source']} |"
        for r in rows
    ]
    return "\n".join(out)


def stage_summary(policy: Policy | str | Path | None = None) -> str:
    """What the source text says of each stage, from the policy's stage texts.

    >>> len(stage_summary().split("; "))  # small, midsize, large
    3
    """
    policy, _ = resolve(policy)
    return "; ".join(f"{t.label}: {t.says}" for t in policy.stages.values())


def method_text(policy: Policy | str | Path | None = None, standard: str | None = None) -> str:
    """The method in one paragraph, every rule in it read from the policy (for the memo).

    >>> "A score from 4 means 'consider it', from 9 'create the role now'" in method_text()
    True
    """
    policy, std = resolve(policy, standard)
    consider, yes = policy.decision["consider_from"].value, policy.decision["yes_from"].value
    signals = [k for k, f in policy.factors.items() if set(f.points) == {False, True}]
    counted = [lower_first(f.label) for k, f in policy.factors.items() if k not in signals]
    gates = [
        f"{g.label} (at most '{DECISION_LABELS[g.cap].lower()}')" for g in policy.gates.values()
    ]
    return (
        f"The model places the company in one of {spelled(len(policy.stages))} stages by "
        f"headcount alone (standard used: {std.label}: midsize from {std.midsize_from:,}, large "
        f"from {std.large_from:,} people); the source text says of them: "
        f"{stage_summary(policy)}. It then adds points for {join(counted)}, and "
        f"{spelled(len(signals))} yes/no signals "
        f"({join([lower_first(policy.factors[k].label) for k in signals])}). A score from "
        f"{consider:g} means '{DECISION_LABELS[Decision.CONSIDER].lower()}', from {yes:g} "
        f"'{DECISION_LABELS[Decision.YES].lower()}'. {spelled(len(gates)).capitalize()} gates "
        f"from the sources come last: {join(gates)}. Inputs left out are assumed and listed as "
        "such. Most sources are practitioners' opinions, not statistics; where a source gives "
        "only the direction, the size of the step is marked as the model's own judgement, and "
        "the numbers the calibration against real companies set cite it."
    )


def footer_text(policy: Policy | str | Path | None = None) -> str:
    """The app's footer: the stages as the policy words them, and the policy's version."""
    policy, _ = resolve(policy)
    return (
        f"Stages follow the source text: {stage_summary(policy)}. Thresholds come from public "
        "benchmarks; where a source gives only the direction, the size of the step is marked "
        f"as cpo-model's own judgement. Policy {policy.identity.label}."
    )
