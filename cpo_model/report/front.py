"""Page one of the memo: what a board reads first, from the assessment's facts only.

The recommendation in plain words, the role, the three reasons that weigh most, what would
change the answer, the risks and gates in force, and the next step. Everything else is the
appendix. Every user string is escaped.

>>> from datetime import date
>>> quarter(date(2035, 8, 19))  # `notes.quarter`, shared with every surface
'Q3 2035'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..notes import quarter, recommendation
from ..present import (
    DECISION_COLOURS,
    DECISION_LABELS,
    ROLE_LABELS,
    join,
    people,
    sentence,
    signed,
)
from ..render import assumed_words, not_levers
from ..types import Decision, Role
from .markup import esc

if TYPE_CHECKING:
    from .sections import Report

TOP_REASONS = 3  # page one names the three factors that weigh most


def headline(r: Report) -> str:
    """The recommendation in one plain sentence (text, not markup), as `notes.recommendation`
    gives it, e.g. 'Consider it: hire a VP Product now; plan a CPO at about 500 people.'"""
    return recommendation(r.assessment)


def top_reasons(r: Report) -> list[str]:
    """The gates in force first (they decide), then the factors with the most points."""
    a = r.assessment
    out = [f"Gate: {w}." for w in a.gate_words]
    data = r.contributions_frame
    ranked = data.assign(weight=data["points"].abs()).sort_values("weight", ascending=False)
    for row in ranked.itertuples():
        if row.points:
            out.append(f"{row.label}: {row.value} ({signed(row.points)} points).")
    out = out[:TOP_REASONS]
    cut = a.cutoffs
    out.append(
        f"Score {a.score:g}: 'consider it' from {cut['consider_from']:g}, "
        f"'create the role now' from {cut['yes_from']:g}."
    )
    return out


def changes(r: Report) -> list[str]:
    """Every single change that moves the answer, as the card says it (`render.change_lines`):
    each nearest change of a stated input, growth dated to the quarter; then the inputs that
    were not stated, which are not levers."""
    a = r.assessment
    out = []
    for c in a.next_change:
        text = str(c)
        if c.years is not None:  # the card's "in about N years", here dated to the quarter
            text = text.rsplit(" (", 1)[0]
            text += f" (growth alone gets there around {quarter(c.date_from(r.as_of))})"
        out.append(sentence(text))
    if not out:
        out.append("No single change of a stated input moves the answer.")
    hidden = not_levers(a)
    if hidden:
        out.append(
            f"Not stated, so not offered as levers: {join(hidden)}; state them to see their effect."
        )
    return out


def risks(r: Report) -> list[str]:
    """Gates in force, responsibilities at risk, and what the answer rests on unstated."""
    a = r.assessment
    out = [f"Gate in force: {w}." for w in a.gate_words]
    if r.company.owners:
        at_risk = [o for o in r.responsibilities if o["status"] == "at risk"]
        if at_risk:
            names = ", ".join(o["name"] for o in at_risk)
            out.append(
                f"{len(at_risk)} of {len(r.company.owners)} responsibilities stated sit with the "
                f"CEO or nobody: {names}."
            )
    if a.assumed:
        out.append(f"Assumed, not stated: {', '.join(assumed_words(a))}.")
    if a.estimated:
        est = {"product_managers": "product managers", "engineers": "engineers"}
        out.append(f"Estimated, not stated: {', '.join(est.get(k, k) for k in a.estimated)}.")
    return out or ["No gate holds the answer back, and every input was stated."]


def next_step(r: Report) -> str:
    """What the board does next, in line with the recommendation (the role is the engine's)."""
    a = r.assessment
    role = ROLE_LABELS[a.role]
    when = (
        "when one of the changes above comes about" if a.next_change else "as the company changes"
    )
    if a.create_cpo is Decision.YES:
        step = f"Agree the scope and reporting line of the {role}, then start the search."
    elif a.create_cpo is Decision.CONSIDER and a.role is not Role.FOUNDER_LED:
        step = (
            f"Start the search for a {role}, and bring the CPO question back to the board {when}."
        )
    else:
        step = f"No new executive role now; review the answer {when}."
    if a.assumed:
        step += " Before that, state the inputs marked as assumed, to confirm the answer."
    return step


def _list(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def front_page(r: Report, policy_box: str = "") -> str:
    """Page one as markup (a `<section class='page-one'>`); `policy_box` (markup, escaped by its
    maker) follows the summary."""
    a = r.assessment
    return (
        f"<section class='page-one decision-{esc(a.create_cpo.value)}' "
        f"style='border-left-color:{DECISION_COLOURS[a.create_cpo]}'>"
        f"<p class='recommendation'>{esc(headline(r))}</p>"
        "<dl class='summary'>"
        f"<dt>Recommendation</dt><dd>{esc(DECISION_LABELS[a.create_cpo])}</dd>"
        f"<dt>Role that fits today</dt><dd>{esc(ROLE_LABELS[a.role])}</dd>"
        f"<dt>Stage</dt><dd>{esc(a.stage_says)} ({esc(people(a.company.headcount))})</dd>"
        "</dl>"
        + policy_box
        + "<div class='block'><h2>Why: what weighs most</h2>"
        + _list(top_reasons(r), "ol")
        + "</div>"
        "<div class='block'><h2>What would change the answer</h2>" + _list(changes(r)) + "</div>"
        "<div class='block'><h2>Risks and gates in force</h2>" + _list(risks(r)) + "</div>"
        f"<div class='block'><h2>Next step</h2><p>{esc(next_step(r))}</p></div>"
        + "<p class='see-appendix'>The full reasons, their sources, the charts, companies like "
        "this one and the method follow in the appendix.</p></section>"
    )
