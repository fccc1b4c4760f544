"""A team decision: several raters' views of one company, the team's answer, and where they
disagree, the most decisive first.

The team view is built by `team_inputs.team_values` (medians, majorities, ties as stated in
`data/inputs.yaml`); a rater's blank is filled from it. The team answer is the assessment of
the team view, and each disagreement says what the answer would be if the team adopted each
rater's value. Every answer comes from the one engine.

>>> from cpo_model import Company
>>> t = assess_team({"CEO": Company(headcount=300, complexity=2),
...                  "CTO": Company(headcount=300, complexity=5)})
>>> t.team_view.complexity, t.team.create_cpo.value
(4, 'consider')
>>> d = t.disagreements[0]
>>> d.input, [(o.value, o.raters, o.create_cpo.value) for o in d.options]
('complexity', [(2, ('CEO',), 'consider'), (5, ('CTO',), 'yes')])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import engine
from .assessment import Assessment
from .company import OWNER_PREFIX, Company
from .errors import InvalidInputError, Problem
from .model import NUMERIC, assess, columns_of
from .policy import Policy, resolve
from .team_inputs import fields, parse_view, team_values, unique_names
from .types import Decision


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

    def spread(self):
        """Every value held on each disagreement as a tidy frame, for the team chart: input,
        label, value, value_label, raters, n_raters, is_team, create_cpo, row (0 = settle first).
        The team's value is a row too, held by no rater when it is a median or a tie."""
        from .team_render import spread

        return spread(self)

    def as_dict(self) -> dict[str, Any]:
        from .team_render import team_dict

        return team_dict(self)

    def to_text(self) -> str:
        from .team_render import team_text

        return team_text(self)

    def _repr_html_(self) -> str:
        from .team_render import team_html

        return team_html(self)


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
    from collections import Counter

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


def _disagreements(names, stated, team_view, team, policy, standard) -> tuple[Disagreement, ...]:
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


def _rank(key, by_rater, team_value, options, team_view, team) -> Disagreement:
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
