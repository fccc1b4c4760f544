"""Text and HTML cards for an `Assessment`. Every user-provided string is escaped.

>>> from cpo_model import Company, assess
>>> "&lt;b&gt;" in card_html(assess(Company(headcount=10, name="<b>")))
True
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .types import DECISION_LABELS, ROLE_LABELS, Decision, people

if TYPE_CHECKING:
    from .assessment import Assessment

# Okabe-Ito colour-blind-safe palette, one colour per answer.
DECISION_COLOURS = {Decision.NO: "#0072B2", Decision.CONSIDER: "#E69F00", Decision.YES: "#009E73"}


def title_of(a: Assessment) -> str:
    return a.company.name or "This company"


def card_text(a: Assessment) -> str:
    """A readable plain-text card."""
    lines = [
        f"{title_of(a)}: {DECISION_LABELS[a.create_cpo]} (create_cpo = {a.create_cpo.value})",
        f"  stage  {a.stage.value}  ({people(a.company.headcount)}, {a.standard_label})",
        f"  role   {ROLE_LABELS[a.role]}",
        f"  score  {a.score:g}  (consider from {a.cutoffs['consider_from']:g}, yes from {a.cutoffs['yes_from']:g})",
        "  points " + ", ".join(f"{k} {v:+g}" for k, v in a.contributions.items() if v),
        "Why:",
        *(f"  - {r}" for r in a.reasons),
    ]
    if a.role_notes:
        lines += ["Notes:", *(f"  - {n}" for n in a.role_notes)]
    lines.append("What would change it:")
    lines += [f"  - {c}" for c in a.next_change] or ["  - no single change of headcount, complexity or PMs moves the answer"]
    return "\n".join(lines)


def card_html(a: Assessment) -> str:
    """A compact HTML card for notebooks and reports."""
    colour = DECISION_COLOURS[a.create_cpo]
    rows = "".join(f"<tr><td>{escape(k.replace('_', ' '))}</td><td style='text-align:right'>{v:+g}</td></tr>" for k, v in a.contributions.items())
    reasons = "".join(f"<li>{escape(r.text)} <small style='color:#555'>[{escape(r.citation)}]</small></li>" for r in a.reasons)
    notes = "".join(f"<li>{escape(n)}</li>" for n in a.role_notes)
    changes = "".join(f"<li>{escape(str(c))}</li>" for c in a.next_change) or "<li>no single change moves the answer</li>"
    return (
        "<div class='cpo-card' style='border:1px solid #ccc;border-radius:8px;padding:12px 16px;"
        "max-width:760px;font-family:system-ui,sans-serif;line-height:1.4'>"
        f"<div style='font-size:1.1em'><strong>{escape(title_of(a))}</strong></div>"
        f"<div class='cpo-decision' style='font-size:1.4em;margin:4px 0;color:{colour}'>"
        f"<strong>{escape(DECISION_LABELS[a.create_cpo])}</strong> "
        f"<code>create_cpo = {escape(a.create_cpo.value)}</code></div>"
        f"<div>Stage <strong>{escape(a.stage.value)}</strong> ({people(a.company.headcount)}, {escape(a.standard_label)}) · "
        f"Role <strong>{escape(ROLE_LABELS[a.role])}</strong> · Score <strong>{a.score:g}</strong> "
        f"(consider ≥ {a.cutoffs['consider_from']:g}, yes ≥ {a.cutoffs['yes_from']:g})</div>"
        "<details><summary>Points by factor</summary>"
        f"<table>{rows}</table></details>"
        f"<div><strong>Why</strong><ul>{reasons}</ul></div>"
        + (f"<div><strong>Notes</strong><ul>{notes}</ul></div>" if notes else "")
        + f"<div><strong>What would change it</strong><ul>{changes}</ul></div>"
        f"<div style='color:#777;font-size:0.85em'>policy {escape(a.policy_version)}</div></div>"
    )
