"""The policy as readable tables: for the README, the method notebook and report appendices.

>>> rows = policy_rows()
>>> rows[0]["factor"]
'Size stage (EU/OECD (2003/361/EC))'
"""

from __future__ import annotations

from .policy import Policy, load_policy


def _src(policy: Policy, key: str) -> str:
    s = policy.sources[key]
    return f"[{s.cite()}]({s.url})" if s.url else s.cite()


def policy_rows(policy: Policy | None = None) -> list[dict[str, str]]:
    """One row per rule: factor, condition, points, source, rationale."""
    policy = policy or load_policy()
    rows = []
    for std in policy.standards.values():
        size = policy.factors["size"]
        bands = {
            "pm_only": f"< {std.midsize_from:,} people",
            "midsize": f"{std.midsize_from:,}-{std.large_from - 1:,}",
            "large": f"{std.large_from:,}+",
        }
        for stage, cond in bands.items():
            rows.append(
                {
                    "factor": f"Size stage ({std.label})",
                    "condition": f"{stage}: {cond}",
                    "points": f"{size.points[stage]:+g}",
                    "source": f"{_src(policy, std.source)}; points: {_src(policy, size.source)}",
                    "rationale": std.rationale,
                }
            )
    for key, f in policy.factors.items():
        if key == "size":
            continue
        if f.bands:
            conds = [(f"{lo:g}+", p) for lo, p in f.bands]
        else:
            conds = [(str(k).lower() if isinstance(k, bool) else f"level {k}", p) for k, p in f.points.items()]
        for cond, p in conds:
            rows.append({"factor": f.label, "condition": cond, "points": f"{p:+g}", "source": _src(policy, f.source), "rationale": f.rationale})
    for key, f in policy.complexity_factors.items():
        conds = [(f"{lo:g}+", p) for lo, p in f.bands] if f.bands else [(str(k).lower(), p) for k, p in f.points.items()]
        for cond, p in conds:
            rows.append(
                {
                    "factor": f"Complexity from {key.replace('_', ' ')}",
                    "condition": cond,
                    "points": f"{p:+g} level",
                    "source": _src(policy, f.source),
                    "rationale": f.rationale,
                }
            )
    for group in ("decision", "roles", "estimates"):
        for key, n in getattr(policy, group).items():
            rows.append(
                {
                    "factor": f"{group}: {key.replace('_', ' ')}",
                    "condition": "",
                    "points": f"{n.value:g}",
                    "source": _src(policy, n.source),
                    "rationale": n.rationale,
                }
            )
    return rows


def policy_markdown(policy: Policy | None = None) -> str:
    """The rules as a Markdown table (factor, condition, points, source)."""
    rows = policy_rows(policy)
    out = ["| Factor | Condition | Points | Source |", "|---|---|---|---|"]
    out += [f"| {r['factor']} | {r['condition']} | {r['points']} | {r['source']} |" for r in rows]
    return "\n".join(out)
