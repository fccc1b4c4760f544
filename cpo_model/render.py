"""Cards for an `Assessment`: plain text (CLI) and HTML (notebooks, the app, reports).

One renderer: `answer_html` is the answer block (answer, role, stage, score, gates, what was
assumed, notes) that the notebook card, the app and the report memo all show; `card_html`
adds the reasons, what would change the answer and the companies like this one. Every
user-provided string is escaped.

>>> from cpo_model import Company, assess
>>> "&lt;b&gt;" in card_html(assess(Company(headcount=10, name="<b>")))
True
>>> for line in card_text(assess(Company(headcount=10, name="Seed"))).splitlines()[:2]:
...     print(line)
Not yet: a Head of Product fits today; revisit a CPO at about 100 people.
Seed: Not yet
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .notes import recommendation
from .present import (
    DECISION_COLOURS,
    DECISION_LABELS,
    ROLE_LABELS,
    input_label,
    join,
    lower_first,
    people,
    signed,
    yes_no_words,
)

if TYPE_CHECKING:
    from .assessment import Assessment

CARD_STYLE = (
    "border:1px solid #ccc;border-radius:8px;padding:12px 16px;max-width:760px;"
    "font-family:system-ui,sans-serif;line-height:1.4;overflow-wrap:anywhere"
)
MUTED = "color:#555"
FACTS_STYLE = "display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:6px 0"
# JupyterLab floats output dt's at 20% width; in the grid they must be plain cells
DT_STYLE = "font-weight:600;float:none;width:auto;margin:0;padding:0"


def title_of(a: Assessment) -> str:
    return a.company.name or "This company"


def assumed_words(a: Assessment) -> list[str]:
    """What was assumed, in words: 'a technology company', 'complexity level 1', ..."""
    out = []
    for key in a.assumed:
        if key == "complexity":
            out.append(f"complexity level {a.complexity}")
        elif key == "owners":
            out.append("no responsibility gaps (owners not stated)")
        else:
            out.append(yes_no_words(key, a.effective[key]))
    return out


def factor_words(a: Assessment, key: str) -> str:
    """A factor in words; a yes/no factor as the value it had ('not a technology company')."""
    if key in a.effective:
        return yes_no_words(key, a.effective[key])
    return lower_first(a.factor_labels[key])


def points_line(a: Assessment) -> str:
    parts = [f"{factor_words(a, k)} {signed(v)}" for k, v in a.contributions.items() if v]
    return ", ".join(parts) if parts else "none: every factor scored 0"


def facts(a: Assessment) -> list[tuple[str, str]]:
    """The answer's facts in words: role, stage, score, gates and assumptions."""
    cut = a.cutoffs
    out = [
        ("Role that fits today", ROLE_LABELS[a.role]),
        ("Stage", f"{a.stage_says} ({people(a.company.headcount)}, {a.standard_label})"),
        (
            "Score",
            f"{a.score:g} (consider from {cut['consider_from']:g}, yes from {cut['yes_from']:g})",
        ),
    ]
    if a.gates:
        out.append(("Gates", "; ".join(a.gate_words)))
    if a.assumed:
        out.append(("Assumed (not stated)", ", ".join(assumed_words(a))))
    return out


def not_levers(a: Assessment) -> list[str]:
    """The inputs the model estimated or assumed, which are therefore not offered as levers."""
    out = ["complexity"] if a.complexity_how == "assumed" else []
    out += [k for k in a.estimated if k == "product_managers"]
    out += [k for k in a.effective if k in a.assumed]
    return [lower_first(input_label(k)) for k in out]


def change_lines(a: Assessment) -> list[str]:
    """What would change the answer, one line each, for every surface (card text and HTML,
    CLI, memo): each nearest change of a stated input, or one line saying that none moves it;
    then, when some inputs were estimated or assumed, a line saying they are not levers.

    >>> from cpo_model import Company, assess
    >>> led = Company(headcount=3000, complexity=5, product_managers=12, ceo_leads_product=True)
    >>> change_lines(assess(led))[0]
    "CEO leads product yes → no gives 'create the role now'"
    """
    lines = [str(c) for c in a.next_change] or [
        "no single change of a stated input (headcount, complexity, product managers or a "
        "stated yes/no input) moves the answer"
    ]
    hidden = not_levers(a)
    if hidden:
        lines.append(
            f"not stated, so not offered as levers: {join(hidden)}; state them to see their effect"
        )
    return lines


def card_text(a: Assessment) -> str:
    """A readable plain-text card: first the recommendation in one sentence, then the company
    and its answer, the facts, the reasons, the notes and what would change it."""
    lines = [recommendation(a), f"{title_of(a)}: {DECISION_LABELS[a.create_cpo]}"]
    lines += [f"  {k.split(' ')[0].lower():<8} {v}" for k, v in facts(a)]
    lines.insert(5, f"  points   {points_line(a)}")
    lines += ["Why:", *(f"  - {r}" for r in a.reasons)]
    if a.role_notes:
        lines += ["Notes:", *(f"  - {n}" for n in a.role_notes)]
    lines.append("What would change it:")
    lines += [f"  - {c}" for c in change_lines(a)]
    if a.precedents:
        lines += ["Companies like this one:", *(f"  - {p.cited()}" for p in a.precedents)]
    return "\n".join(lines)


def _cited(items) -> str:
    return "".join(
        f"<li>{escape(r.text)} <small style='{MUTED}'>[{escape(r.citation)}]</small></li>"
        for r in items
    )


def answer_html(a: Assessment, code_labels: bool = False, styled: bool = True) -> str:
    """The answer block: the answer in words (and, for notebooks, its code value), the facts,
    the notes. `styled=False` leaves the look to a stylesheet (the report's memo.css)."""
    colour = DECISION_COLOURS[a.create_cpo]

    def style(css: str) -> str:
        return f" style='{css}'" if styled else ""

    code = f" <code class='create-cpo'>create_cpo = {escape(a.create_cpo.value)}</code>"
    dl = "".join(
        f"<dt{style(DT_STYLE)}>{escape(k)}</dt><dd{style('margin:0')}>{escape(v)}</dd>"
        for k, v in facts(a)
    )
    notes = _cited(a.role_notes)
    swatch = "display:inline-block;width:0.7em;height:0.7em;border-radius:50%;margin-right:6px;"
    return (
        f"<section class='cpo-answer decision-{escape(a.create_cpo.value)}' "
        f"style='border-left:4px solid {colour};padding-left:10px'>"
        f"<p class='answer-line'{style(f'font-size:1.4em;margin:4px 0;color:{colour}')}>"
        f"<span class='swatch' style='{swatch if styled else ''}background:{colour}'></span>"
        f"<strong class='answer'>{escape(DECISION_LABELS[a.create_cpo])}</strong>"
        f"{code if code_labels else ''}</p><dl class='facts'{style(FACTS_STYLE)}>{dl}</dl>"
        + (
            "<div class='notes'><p class='notes-title'><strong>Notes on the role</strong></p>"
            f"<ul>{notes}</ul></div>"
            if notes
            else ""
        )
        + "</section>"
    )


def card_html(a: Assessment, code_labels: bool = False) -> str:
    """The whole card for notebooks and the app: first the recommendation in one sentence, then
    the company, the answer block, the points, the reasons, what would change it and the
    companies like this one. Answers are in words (`code_labels=True` adds each answer's code
    value, `create_cpo = yes`)."""
    rows = "".join(
        f"<tr><td>{escape(factor_words(a, k))}</td><td "
        f"style='text-align:right'>{signed(v)}</td></tr>"
        for k, v in a.contributions.items()
    )
    changes = "".join(f"<li>{escape(c)}</li>" for c in change_lines(a))
    precedents = "".join(f"<li>{p.html()}</li>" for p in a.precedents)
    label = a.policy.label if a.policy else a.policy_version  # "+custom.<sha12>" if not bundled
    return (
        f"<div class='cpo-card' style='{CARD_STYLE}'>"
        f"<p class='recommendation' style='font-size:1.15em;font-weight:600;margin:0 0 6px'>"
        f"{escape(recommendation(a))}</p>"
        f"<div style='font-size:1.1em'><strong>{escape(title_of(a))}</strong></div>"
        + answer_html(a, code_labels)
        + f"<details><summary>Points by factor</summary><table>{rows}</table></details>"
        f"<div><strong>Why</strong><ul>{_cited(a.reasons)}</ul></div>"
        f"<div><strong>What would change it</strong><ul>{changes}</ul></div>"
        + (
            "<div class='cpo-precedents'><strong>Companies like this "
            f"one</strong><ul>{precedents}</ul></div>"
            if precedents
            else ""
        )
        + f"<div style='color:#777;font-size:0.85em'>policy {escape(label)}</div></div>"
    )
