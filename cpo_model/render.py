"""Text and HTML cards for an `Assessment`, in plain words. Every user-provided string is escaped.

>>> from cpo_model import Company, assess
>>> "&lt;b&gt;" in card_html(assess(Company(headcount=10, name="<b>")))
True
>>> print(card_text(assess(Company(headcount=10, name="Seed"))).splitlines()[0])
Seed: Not yet
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .schema import input_schema
from .types import DECISION_LABELS, ROLE_LABELS, Decision
from .words import people, signed

if TYPE_CHECKING:
    from .assessment import Assessment

# Okabe-Ito colour-blind-safe palette, one colour per answer.
DECISION_COLOURS = {Decision.NO: "#0072B2", Decision.CONSIDER: "#E69F00", Decision.YES: "#009E73"}
FACTOR_WORDS = {
    "size": "company size",
    "complexity": "product complexity",
    "product_managers": "product managers",
    "uncovered_responsibilities": "responsibilities with the CEO or nobody",
}


def title_of(a: Assessment) -> str:
    return a.company.name or "This company"


def assumed_words(a: Assessment) -> list[str]:
    """What was assumed, in words: 'a technology company', 'complexity level 1', ..."""
    schema = input_schema()
    out = []
    for key in a.assumed:
        if key == "complexity":
            out.append(f"complexity level {a.complexity}")
        elif key == "owners":
            out.append("no responsibility gaps (owners not stated)")
        else:
            out.append(schema[key]["true_words" if a.effective[key] else "false_words"])
    return out


def factor_words(a: Assessment, key: str) -> str:
    """A factor in words; a yes/no factor as the value it had ('not a technology company')."""
    if key in a.effective:
        return input_schema()[key]["true_words" if a.effective[key] else "false_words"]
    return FACTOR_WORDS[key]


def _points_line(a: Assessment) -> str:
    parts = [f"{factor_words(a, k)} {signed(v)}" for k, v in a.contributions.items() if v]
    return ", ".join(parts) if parts else "none: every factor scored 0"


def card_text(a: Assessment) -> str:
    """A readable plain-text card."""
    lines = [
        f"{title_of(a)}: {DECISION_LABELS[a.create_cpo]}",
        f"  stage    {a.stage_says} ({people(a.company.headcount)}, {a.standard_label})",
        f"  role     {ROLE_LABELS[a.role]}",
        f"  score    {a.score:g} (consider from {a.cutoffs['consider_from']:g}, yes from {a.cutoffs['yes_from']:g})",
        f"  points   {_points_line(a)}",
    ]
    if a.gates:
        lines.append(f"  gates    {'; '.join(a.gate_words)}")
    if a.assumed:
        lines.append(f"  assumed  {', '.join(assumed_words(a))}")
    lines += ["Why:", *(f"  - {r}" for r in a.reasons)]
    if a.role_notes:
        lines += ["Notes:", *(f"  - {n}" for n in a.role_notes)]
    lines.append("What would change it:")
    lines += [f"  - {c}" for c in a.next_change] or ["  - no single change of a stated headcount, complexity or number of PMs moves the answer"]
    if a.precedents:
        lines += ["Companies like this one:", *(f"  - {p.cited()}" for p in a.precedents)]
    return "\n".join(lines)


def _items(texts) -> str:
    return "".join(f"<li>{t}</li>" for t in texts)


def card_html(a: Assessment) -> str:
    """A compact HTML card for notebooks and the app."""
    colour = DECISION_COLOURS[a.create_cpo]
    rows = "".join(f"<tr><td>{escape(factor_words(a, k))}</td><td style='text-align:right'>{signed(v)}</td></tr>" for k, v in a.contributions.items())
    reasons = _items(f"{escape(r.text)} <small style='color:#555'>[{escape(r.citation)}]</small>" for r in a.reasons)
    notes = _items(f"{escape(n.text)} <small style='color:#555'>[{escape(n.citation)}]</small>" for n in a.role_notes)
    changes = _items(escape(str(c)) for c in a.next_change) or "<li>no single change of a stated input moves the answer</li>"
    gates = "; ".join(escape(g) for g in a.gate_words)
    assumed = ", ".join(escape(t) for t in assumed_words(a))
    precedents = _items(p.html() for p in a.precedents)
    return (
        "<div class='cpo-card' style='border:1px solid #ccc;border-radius:8px;padding:12px 16px;"
        "max-width:760px;font-family:system-ui,sans-serif;line-height:1.4;overflow-wrap:anywhere'>"
        f"<div style='font-size:1.1em'><strong>{escape(title_of(a))}</strong></div>"
        f"<div class='cpo-decision' style='font-size:1.4em;margin:4px 0;color:{colour}'>"
        f"<strong>{escape(DECISION_LABELS[a.create_cpo])}</strong> "
        f"<code class='cpo-code'>create_cpo = {escape(a.create_cpo.value)}</code></div>"
        f"<div>Stage <strong>{escape(a.stage_says)}</strong> ({people(a.company.headcount)}, {escape(a.standard_label)}) · "
        f"Role <strong>{escape(ROLE_LABELS[a.role])}</strong> · Score <strong>{a.score:g}</strong> "
        f"(consider ≥ {a.cutoffs['consider_from']:g}, yes ≥ {a.cutoffs['yes_from']:g})</div>"
        + (f"<div class='cpo-gates'><strong>Gates:</strong> {gates}</div>" if gates else "")
        + (f"<div class='cpo-assumed'><strong>Assumed:</strong> {assumed}</div>" if assumed else "")
        + f"<details><summary>Points by factor</summary><table>{rows}</table></details>"
        f"<div><strong>Why</strong><ul>{reasons}</ul></div>"
        + (f"<div><strong>Notes</strong><ul>{notes}</ul></div>" if notes else "")
        + f"<div><strong>What would change it</strong><ul>{changes}</ul></div>"
        + (f"<div class='cpo-precedents'><strong>Companies like this one</strong><ul>{precedents}</ul></div>" if precedents else "")
        + f"<div style='color:#777;font-size:0.85em'>policy {escape(a.policy_version)}</div></div>"
    )
