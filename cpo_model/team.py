"""A team decision: several raters' views of one company, the team's answer, and where they
disagree, the most decisive first, in words a facilitator can show.

The team view is built by `team_inputs.team_values` (medians, majorities, ties as stated in
`data/inputs.yaml`); a rater's blank is filled from it. The team answer is the assessment of
the team view, and each disagreement says what the answer would be if the team adopted each
rater's value. Every answer comes from the one engine. The same result in words: text for a
terminal, HTML for a notebook or a memo (every name escaped), a dict for JSON, and `spread()`,
the frame the team chart draws.

>>> from cpo_model import Company
>>> t = assess_team({"CEO": Company(headcount=300, complexity=2),
...                  "CTO": Company(headcount=300, complexity=5)})
>>> t.team_view.complexity, t.team.create_cpo.value
(4, 'consider')
>>> d = t.disagreements[0]
>>> d.input, [(o.value, o.raters, o.create_cpo.value) for o in d.options]
('complexity', [(2, ('CEO',), 'consider'), (5, ('CTO',), 'yes')])
>>> print(settle_line(t))  # doctest: +NORMALIZE_WHITESPACE
Settle first: Product complexity. The team's level 4 gives Consider it;
CTO's level 5 would give Create the role now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from . import engine
from .assessment import Assessment
from .company import OWNER_PREFIX, Company
from .errors import InvalidInputError, Problem
from .model import NUMERIC, assess, columns_of
from .policy import Policy, resolve
from .present import DECISION_COLOURS, DECISION_LABELS, OWNER_LABELS, number, people, percent
from .team_inputs import fields, label, parse_view, team_values, unique_names
from .types import Decision, Owner


@dataclass(frozen=True)
class Rater:
    """One rater: what they stated, their view (blanks filled from the team's) and its answer."""

    name: str
    stated: Mapping[str, Any]
    view: Company
    assessment: Assessment


@dataclass(frozen=True)
class Option:
    """A value some raters hold, and the team's answer if it adopted that value (None and an
    `error` when that value does not fit the team's other inputs)."""

    value: Any
    raters: tuple[str, ...]
    create_cpo: Decision | None
    score: float | None
    error: str | None = None


@dataclass(frozen=True)
class Disagreement:
    """An input on which raters differ. `moves`: how many steps settling it can move the answer
    (0 to 2); `points`: the largest change of score; `note`: why it cannot move the answer."""

    input: str
    values: Mapping[str, Any]  # rater -> stated value (None: no view)
    team_value: Any
    options: tuple[Option, ...]
    moves: int
    points: float
    note: str | None = None


@dataclass(frozen=True, repr=False)
class TeamAssessment:
    """The team view and answer, each rater's answer, the disagreements (most decisive first)
    and notes (ties, renamed raters). Renders itself in a notebook."""

    team_view: Company
    team: Assessment
    raters: tuple[Rater, ...]
    disagreements: tuple[Disagreement, ...]
    notes: tuple[str, ...]

    def __repr__(self) -> str:
        first, n, k = self.settle_first, len(self.raters), len(self.disagreements)
        return (
            f"TeamAssessment({self.team_view.name or 'this company'}: "
            f"{self.team.create_cpo.value}, {n} rater{'s' * (n != 1)}, {k} disagreement"
            f"{'s' * (k != 1)}, settle first: {first.input if first else None})"
        )

    @property
    def settle_first(self) -> Disagreement | None:
        """The disagreement to settle next: the first that can move the answer."""
        return next((d for d in self.disagreements if d.moves), None)

    def spread(self) -> pd.DataFrame:
        """Every value held on each disagreement as a tidy frame, for the team chart: row
        (0 = settle first), input, label, value, value_label, raters, n_raters, is_team,
        create_cpo. The team's value is a row too, held by no rater when it is a median or a
        tie. `attrs`: name, create_cpo."""
        rows = []
        for i, d in enumerate(self.disagreements):
            held = {o.value for o in d.options}
            part = [
                (i, d, o.value, o.raters, o.create_cpo, o.value == d.team_value) for o in d.options
            ]
            if d.team_value not in held:  # a median between views, or a tie (not stated)
                part.append((i, d, d.team_value, (), self.team.create_cpo, True))
                part.sort(key=lambda r: value_order(r[2]))
            rows += [_spread_row(*r) for r in part]
        out = pd.DataFrame(rows, columns=list(SPREAD_COLUMNS))
        out.attrs.update(name=self.team_view.name, create_cpo=self.team.create_cpo.value)
        return out

    def as_dict(self) -> dict[str, Any]:
        """The team decision as JSON-ready data (see `words.team_dict`)."""
        return team_dict(self)

    def to_text(self) -> str:
        """The team decision as plain text for a terminal."""
        return team_text(self)

    def _repr_html_(self) -> str:
        return team_html(self)


SPREAD_COLUMNS = (
    "row",
    "input",
    "label",
    "value",
    "value_label",
    "raters",
    "n_raters",
    "is_team",
    "create_cpo",
)


def _spread_row(
    i: int,
    d: Disagreement,
    value: Any,
    raters: tuple[str, ...],
    decision: Decision | None,
    is_team: bool,
) -> tuple:
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


def assess_team(
    raters: Mapping[str, Company | Mapping[str, Any]] | Iterable[tuple[str, Any]],
    policy: Policy | str | Path | None = None,
    standard: str | None = None,
    notes: Iterable[str] = (),
) -> TeamAssessment:
    """Assess a team's views of one company: `raters` maps a rater's name to their `Company`
    or their record (CSV-style text; missing or blank = no view). Names are told apart if they
    repeat. Bad values raise `InvalidInputError` naming the rater and the field."""
    policy, std = resolve(policy, standard)
    pairs = list(raters.items() if isinstance(raters, Mapping) else raters)
    if not pairs:
        raise InvalidInputError([Problem("raters", [], "at least one rater")])
    names, renamed = unique_names([n for n, _ in pairs])
    stated = [
        {k: v for k, v in r.to_record().items() if k != "name"}
        if isinstance(r, Company)
        else parse_view(n, r)
        for n, (_, r) in zip(names, pairs, strict=True)
    ]
    values, ties = team_values(stated)
    if "headcount" not in values:
        raise InvalidInputError([Problem("headcount", None, "a headcount from at least one rater")])
    company_name = _company_name(pairs)
    views = [
        _company(f"rater {n!r}", values | s, company_name)
        for n, s in zip(names, stated, strict=True)
    ]
    team_view = _company(
        "team view (the medians and majorities of the views)", values, company_name
    )
    team = assess(team_view, policy, std.key)
    rated = tuple(
        Rater(n, s, v, assess(v, policy, std.key))
        for n, s, v in zip(names, stated, views, strict=True)
    )
    found = _disagreements(names, stated, team_view, team, policy, std.key)
    return TeamAssessment(team_view, team, rated, found, (*notes, *renamed, *ties))


def _company_name(pairs: list[tuple[str, Any]]) -> str | None:
    names = [(r.name if isinstance(r, Company) else r.get("name")) or None for _, r in pairs]
    stated = Counter(str(n).strip() for n in names if n and str(n).strip())
    return stated.most_common(1)[0][0] if stated else None


def _company(who: str, values: Mapping[str, Any], name: str | None) -> Company:
    """A Company from typed values; a problem is named with whose view it is."""
    try:
        return Company.from_record({**values, "name": name})
    except InvalidInputError as exc:
        raise InvalidInputError(
            [Problem(f"{who}: {p.field}", p.value, p.allowed) for p in exc.problems]
        ) from None


def _with(company: Company, key: str, value: Any) -> Company:
    if key.startswith(OWNER_PREFIX):
        owners = dict(company.owners) | {key[len(OWNER_PREFIX) :]: value}
        return company.with_changes(owners=owners)
    return company.with_changes(**{key: value})


def _disagreements(
    names: list[str],
    stated: list[dict[str, Any]],
    team_view: Company,
    team: Assessment,
    policy: Policy,
    standard: str,
) -> tuple[Disagreement, ...]:
    """Every input on which raters' stated values differ, with each value's answer (all
    evaluated by the engine in one call), ordered by how far settling it moves the answer."""
    rules = engine.rules_for(policy, standard)
    record = team_view.to_record()
    found, variants, cells = [], [], []
    for key in fields():
        by_rater = {n: s.get(key) for n, s in zip(names, stated, strict=True)}
        distinct = list(dict.fromkeys(v for v in by_rater.values() if v is not None))
        if len(distinct) < 2:
            continue  # everyone with a view agrees
        options = []
        for value in sorted(distinct, key=value_order):
            holders = tuple(n for n, v in by_rater.items() if v == value)
            try:
                variants.append(_with(team_view, key, value))
                cells.append((len(found), len(options)))
                options.append(Option(value, holders, None, None))
            except InvalidInputError as exc:
                options.append(Option(value, holders, None, None, f"not possible: {exc}"))
        found.append((key, by_rater, record.get(key), options))
    res = engine.evaluate(rules, columns_of(variants)) if variants else None
    for i, (d, o) in enumerate(cells):
        option = found[d][3][o]
        found[d][3][o] = Option(
            option.value,
            option.raters,
            list(Decision)[int(res.rank[i])],
            float(res.score[i]),
        )
    out = [_rank(key, by, tv, tuple(opts), team_view, team) for key, by, tv, opts in found]
    order = {k: i for i, k in enumerate(fields())}
    return tuple(sorted(out, key=lambda d: (-d.moves, -d.points, order[d.input])))


def value_order(value: Any) -> tuple:
    """Values of one input in their natural order: numbers (and no before yes), then text
    (owners); None ('not stated') last."""
    if value is None:
        return (2, 0.0, "")
    return (0, float(value), "") if isinstance(value, int | float) else (1, 0.0, str(value))


def _rank(
    key: str,
    by_rater: dict[str, Any],
    team_value: Any,
    options: tuple[Option, ...],
    team_view: Company,
    team: Assessment,
) -> Disagreement:
    scored = [o for o in options if o.create_cpo is not None]
    moves = max((abs(o.create_cpo.rank - team.create_cpo.rank) for o in scored), default=0)
    points = max((abs(o.score - team.score) for o in scored), default=0.0)
    note = None
    if not moves:
        if points:
            note = f"changes the score by up to {points:g} but not the answer"
        elif key in engine.COMPLEXITY_FACTORS and team_view.complexity is not None:
            note = "cannot move the answer: a complexity level is given, so factors do not count"
        elif key not in NUMERIC and not key.startswith(OWNER_PREFIX):
            note = "cannot move the answer: it does not enter the score"
        else:
            note = "no rater's value changes the answer or the score here"
    return Disagreement(key, by_rater, team_value, options, moves, points, note)


# --- the team in words ------------------------------------------------------------------


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


def _holders(option: Option) -> str:
    return ", ".join(option.raters)


def settle_line(t: TeamAssessment) -> str:
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


def team_value(d: Disagreement) -> str:
    """The team's value of a disagreement's input in words ('not stated' after a tie)."""
    return "not stated" if d.team_value is None else value_words(d.input, d.team_value)


def _answer(a: Assessment) -> str:
    return f"{DECISION_LABELS[a.create_cpo]} (score {a.score:g})"


def team_text(t: TeamAssessment) -> str:
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


def _answer_of(o: Option) -> str:
    return f"{DECISION_LABELS[o.create_cpo]} (score {o.score:g})"


def team_html(t: TeamAssessment) -> str:
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


def team_dict(t: TeamAssessment) -> dict[str, Any]:
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
