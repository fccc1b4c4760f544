"""A `TeamAssessment` as a facilitator shows it: the team's answer and the one question to
settle next, then each rater's answer and every disagreement with what each value would give.
Text for the terminal, HTML for a notebook or a report (every name escaped), a dict for JSON.

>>> from cpo_model import Company
>>> from cpo_model.team import assess_team
>>> t = assess_team({"CEO": Company(headcount=300, complexity=2),
...                  "CTO": Company(headcount=300, complexity=5)})
>>> print(settle_line(t))  # doctest: +NORMALIZE_WHITESPACE
Settle first: Product complexity. The team's level 4 gives Consider it;
CTO's level 5 would give Create the role now.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .present import DECISION_COLOURS, DECISION_LABELS, OWNER_LABELS, number, people, percent
from .team import value_order
from .team_inputs import label
from .types import Owner


def value_words(key: str, value: Any) -> str:
    """An input's value in a few words: 'level 4', '300 people', 'yes', 'CEO/founder'."""
    if value is None:
        return "no view"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "complexity":
        return f"level {value}"
    if key == "headcount":
        return people(value)
    if key == "annual_growth":
        return percent(value)
    if key.startswith("owner_"):
        return OWNER_LABELS[Owner(value)]
    return number(value)


def _holders(option) -> str:
    return ", ".join(option.raters)


def settle_line(t) -> str:
    """The one question to settle next, in a sentence ('' when there is nothing to settle)."""
    d = t.settle_first
    if d is None:
        return "No disagreement changes the answer: the team can decide now." * bool(
            t.disagreements
        )
    team = DECISION_LABELS[t.team.create_cpo]
    other = [
        f"{_possessive(o.raters)} {value_words(d.input, o.value)} would give "
        f"{DECISION_LABELS[o.create_cpo]}"
        for o in d.options
        if o.create_cpo is not None and o.create_cpo != t.team.create_cpo
    ]
    return (
        f"Settle first: {label(d.input)}. The team's {team_value(d)} gives {team}; "
        + "; ".join(other)
        + "."
    )


def _possessive(raters: tuple[str, ...]) -> str:
    names = [f"{r}'" if r.endswith("s") else f"{r}'s" for r in raters]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def team_value(d) -> str:
    """The team's value of a disagreement's input in words ('not stated' after a tie)."""
    return "not stated" if d.team_value is None else value_words(d.input, d.team_value)


def _answer(a) -> str:
    return f"{DECISION_LABELS[a.create_cpo]} (score {a.score:g})"


def team_text(t) -> str:
    """The team decision as plain text for a terminal."""
    name = t.team_view.name or "this company"
    n = len(t.raters)
    if n == 1:
        return f"One rater ({t.raters[0].name}): their assessment.\n{t.team.to_text()}"
    lines = [f"Team answer for {name} ({n} rater{'s' * (n != 1)}): {_answer(t.team)}"]
    settle = settle_line(t)
    if settle:
        lines.append(settle)
    lines += ["", "Raters:"]
    width = max(len(r.name) for r in t.raters)
    lines += [f"  {r.name:<{width}}  {_answer(r.assessment)}" for r in t.raters]
    if t.disagreements:
        lines += ["", "Where the team disagrees (most decisive first):"]
        for i, d in enumerate(t.disagreements, 1):
            team = team_value(d)
            lines.append(f"  {i}. {label(d.input)} (team: {team})")
            for o in d.options:
                result = o.error or _answer_of(o)
                lines.append(f"       {value_words(d.input, o.value)}: {_holders(o)} -> {result}")
            if d.note:
                lines.append(f"       ({d.note})")
    if t.notes:
        lines += ["", "Notes:", *(f"  - {note}" for note in t.notes)]
    lines += ["", "The team view, assessed:", t.team.to_text()]
    return "\n".join(lines)


def _answer_of(o) -> str:
    return f"{DECISION_LABELS[o.create_cpo]} (score {o.score:g})"


def team_html(t) -> str:
    """The team decision as an HTML fragment; every name and value escaped."""
    e = escape
    name = e(t.team_view.name or "this company")
    colour = DECISION_COLOURS[t.team.create_cpo]
    head = (
        f"<section class='cpo-team' style='border-left:4px solid {colour};padding-left:10px'>"
        f"<p class='team-answer'><b>Team answer for {name}:</b> {e(_answer(t.team))}, from "
        f"{len(t.raters)} rater{'s' * (len(t.raters) != 1)}.</p>"
    )
    settle = settle_line(t)
    if settle:
        head += f"<p class='team-settle'><b>{e(settle)}</b></p>"
    raters = "".join(
        f"<tr><td>{e(r.name)}</td><td>{e(_answer(r.assessment))}</td></tr>" for r in t.raters
    )
    body = (
        "<table class='team-raters'><thead><tr><th>Rater</th><th>Their answer</th></tr>"
        f"</thead><tbody>{raters}</tbody></table>"
    )
    if t.disagreements:
        rows = []
        for d in t.disagreements:
            options = "<br>".join(
                f"{e(value_words(d.input, o.value))}: {e(_holders(o))} → "
                f"{e(o.error or _answer_of(o))}"
                for o in d.options
            )
            note = f"<br><i>{e(d.note)}</i>" if d.note else ""
            rows.append(
                f"<tr><td>{e(label(d.input))}</td><td>{e(team_value(d))}"
                f"</td><td>{options}{note}</td></tr>"
            )
        body += (
            "<h4>Each disagreement, most decisive first</h4><table class='team-"
            "disagreements'><thead><tr><th>Input</th><th>Team</th><th>Each view, and the "
            f"answer if the team took it</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    if t.notes:
        body += "<ul class='team-notes'>" + "".join(f"<li>{e(n)}</li>" for n in t.notes)
        body += "</ul>"
    return head + body + "</section>"


def team_dict(t) -> dict[str, Any]:
    """The team decision as JSON-ready data: `team`, `raters`, `disagreements`, and more."""
    return {
        "team": t.team.as_dict(),
        "team_view": t.team_view.to_record(),
        "settle_first": t.settle_first.input if t.settle_first else None,
        "raters": [
            {
                "rater": r.name,
                "create_cpo": r.assessment.create_cpo.value,
                "score": r.assessment.score,
                "role": r.assessment.role.value,
                "stage": r.assessment.stage.value,
                "stated": dict(r.stated),
            }
            for r in t.raters
        ],
        "disagreements": [
            {
                "input": d.input,
                "label": label(d.input),
                "values": dict(d.values),
                "team_value": d.team_value,
                "moves_answer": bool(d.moves),
                "note": d.note,
                "answers": [
                    {
                        "value": o.value,
                        "raters": list(o.raters),
                        "create_cpo": o.create_cpo.value if o.create_cpo else None,
                        "score": o.score,
                        "error": o.error,
                    }
                    for o in d.options
                ],
            }
            for d in t.disagreements
        ],
        "notes": list(t.notes),
    }


def spread(t):
    """See `TeamAssessment.spread`."""
    import pandas as pd

    rows = []
    for i, d in enumerate(t.disagreements):
        held = {o.value for o in d.options}
        for o in d.options:
            rows.append(_spread_row(i, d, o.value, o.raters, o.create_cpo, o.value == d.team_value))
        if d.team_value not in held:  # a median between views, or a tie (not stated)
            rows.append(_spread_row(i, d, d.team_value, (), t.team.create_cpo, True))
            rows[-len(held) - 1 :] = sorted(rows[-len(held) - 1 :], key=lambda r: value_order(r[3]))
    out = pd.DataFrame(
        rows,
        columns=[
            "row",
            "input",
            "label",
            "value",
            "value_label",
            "raters",
            "n_raters",
            "is_team",
            "create_cpo",
        ],
    )
    out.attrs.update(name=t.team_view.name, create_cpo=t.team.create_cpo.value)
    return out


def _spread_row(i, d, value, raters, decision, is_team) -> tuple:
    words = "not stated (a tie)" if value is None else value_words(d.input, value)
    return (
        i,
        d.input,
        label(d.input),
        value,
        words,
        ", ".join(raters),
        len(raters),
        is_team,
        decision.value if decision else None,
    )
