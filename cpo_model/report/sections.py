"""The memo, section by section: what the template `report.ipynb` calls, as HTML or a Figure.

The template holds no logic: each cell calls one `Report` method, so every section (and the
escaping of every user string in it) is made and tested here. The appendix sections are in
`appendix`; the data behind every figure comes from `cpo_model.analysis`.

>>> company = {"headcount": 120, "complexity": 3, "name": "<Acme>"}
>>> r = Report.build(company, report_date="2026-11-30")
>>> r.name, "&lt;Acme&gt;" in r.header().html
('<Acme>', True)
>>> r.reasons()
1. ...
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import analysis, charts
from ..assessment import Assessment
from ..company import Company
from ..model import assess
from ..notes import growth_sentence, quarter
from ..policy import Policy, resolve
from ..precedents import precedents
from ..present import DECISION_LABELS, ROLE_LABELS, input_label, sentence, signed, years
from ..render import answer_html, change_lines, title_of
from ..team import TeamAssessment, assess_team, settle_line, team_html
from . import appendix
from .markup import Html, Safe, esc, table
from .page import FIGURE_DPI
from .params import parse_date, to_company

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass
class Report:
    """One company's report: the assessment and every section as HTML or a Figure."""

    company: Company
    policy: Policy
    standard: str
    assessment: Assessment
    as_of: date
    team_assessment: TeamAssessment | None = None  # a memo of several raters' views

    @classmethod
    def of(
        cls,
        subject: Assessment | TeamAssessment,
        policy: Policy | str | Path | None = None,
        report_date: date | str | None = None,
    ) -> Report:
        """The report of an assessment already made (a company's, or a team's): nothing is
        assessed again. `policy` must be the one the assessment was made under (default: the
        bundled policy)."""
        team = subject if isinstance(subject, TeamAssessment) else None
        a = team.team if team else subject
        if not isinstance(a, Assessment):
            raise TypeError(
                f"memo of {type(subject).__name__}: expected an Assessment or a TeamAssessment"
            )
        made_under = a.policy
        if policy is None and made_under is not None and not made_under.bundled:
            policy = made_under.path  # the custom policy file the assessment was made under
        policy, std = resolve(policy, a.standard)
        same = (
            policy.sha256 == made_under.sha256
            if made_under is not None
            else policy.version == a.policy_version
        )
        if not same:
            raise ValueError(
                f"policy {policy.identity.label!r}: the assessment was made under policy "
                f"{(made_under.label if made_under else a.policy_version)!r}; pass that policy"
            )
        if team and len(team.raters) == 1:
            team = None  # one rater: their plain memo
        return cls(a.company, policy, std.key, a, parse_date(report_date), team)

    @classmethod
    def build(
        cls,
        company: Company | Mapping[str, Any],
        policy_path: str | Path | None = None,
        standard: str | None = None,
        report_date: date | str | None = None,
        raters: Sequence[tuple[str, Mapping[str, Any]]] | None = None,
    ) -> Report:
        """Assess `company` (a Company, a params dict or a CSV record) once with the policy file
        and standard; with `raters` ((name, view) pairs), the memo is the team's: the company is
        the team view and the team section is shown."""
        policy, std = resolve(policy_path, standard)
        if raters:
            subject = assess_team(raters, policy, std.key)
        else:
            subject = assess(to_company(company), policy, std.key)
        return cls.of(subject, policy, report_date)

    @property
    def name(self) -> str:
        return title_of(self.assessment)

    # header, answer, reasons, precedents

    def header(self, prepared_for: str | None = None, prepared_by: str | None = None) -> Html:
        """The title block: the question, the date, who it is for and by (when given), the
        policy and the size standard."""
        a = self.assessment
        when = self.as_of.isoformat()
        people = "".join(
            f"<span>{label} <strong>{esc(who)}</strong></span>"
            for label, who in (("Prepared for", prepared_for), ("Prepared by", prepared_by))
            if who and str(who).strip()
        )
        html = (
            "<header class='memo-head'>"
            "<p class='kicker'>Board memo · product leadership</p>"
            f"<h1 class='memo-title'>Should {esc(self.name)} create a Chief Product Officer "
            "role?</h1>"
            f"<p class='meta'><span>As of <strong>{esc(when)}</strong></span>{people}"
            f"<span>Policy <strong>{esc(self.policy_label)}</strong></span>"
            f"<span>Size standard <strong>{esc(a.standard_label)}</strong></span>"
            f"{self._team_meta()}</p>"
            "</header>"
        )
        return Html(
            html,
            f"{self.name}: CPO decision memo as of {when}, policy {self.policy_label}, "
            f"{a.standard_label}",
        )

    @property
    def policy_label(self) -> str:
        """The policy's name: its version, with '+custom.<sha12>' when it is not the bundled one."""
        a = self.assessment
        return a.policy.label if a.policy else a.policy_version

    def policy_box(self) -> Html:
        """The 'Custom policy' box (each number that differs from the bundled policy, old → new,
        with its source); empty for the bundled policy."""
        from ..policy_box import custom_policy_html, custom_policy_lines

        return Html(custom_policy_html(self.policy), "\n".join(custom_policy_lines(self.policy)))

    def _team_meta(self) -> str:
        t = self.team_assessment
        if t is None:
            return ""
        n = len(t.raters)
        return f"<span>The team's view: <strong>{n} rater{'s' * (n != 1)}</strong></span>"

    def card(self) -> Html:
        """The answer in words: role, stage, score, gates, what was assumed, notes."""
        a = self.assessment
        text = (
            f"{DECISION_LABELS[a.create_cpo]}; role {ROLE_LABELS[a.role]}; stage {a.stage_says}; "
            f"score {a.score:g}"
        )
        if a.gates:
            text += "; gates: " + "; ".join(a.gate_words)
        return Html(answer_html(a, code_labels=False, styled=False), text)

    def team(self) -> Html | None:
        """Where the team disagrees (nothing for a memo of one view)."""
        t = self.team_assessment
        return team_section(t) if t else None

    def team_chart(self) -> Figure | None:
        t = self.team_assessment
        return charts.team_chart(t.spread()) if t else None

    def reasons(self, compact: bool = False) -> Html:
        """Every reason with its source; `compact`: the source in small type under the reason."""
        rows = [(i, r.text, r.citation) for i, r in enumerate(self.assessment.reasons, start=1)]
        text = "\n".join(f"{i}. {t} [{c}]" for i, t, c in rows)
        if compact:
            rows2 = [
                (i, Safe(f"{esc(t)}<br><span class='cite'>Source: {esc(c)}</span>"))
                for i, t, c in rows
            ]
            return Html(table(["#", "Reason and source"], rows2, cls="reasons", numeric=(0,)), text)
        html = table(["#", "Reason", "Source"], rows, cls="reasons", numeric=(0,))
        return Html(html, text)

    def precedents(self) -> Html:
        """Companies like yours: the nearest public precedents, one sourced line each."""
        a = self.assessment
        tech = a.effective["tech_company"]
        kind = "technology companies" if tech else "companies outside tech"
        pool = sum(1 for p in precedents() if p.headcount and p.tech_company == tech)
        rows = [
            (
                str(p),
                p.confidence,
                Safe(f"{esc(p.source)}<br><span class='url'>{esc(p.address)}</span>"),
            )
            for p in a.precedents
        ]
        lead = (
            f"<p>The {len(rows)} cases nearest to {esc(self.name)} in headcount and product "
            "complexity, among the "
            f"{pool} public decisions of {kind} in the model's precedents. What they did is "
            "evidence, not a "
            "verdict: sizes are from public sources and may be approximate.</p>"
        )
        html = lead + table(["What happened", "Confidence", "Source"], rows, cls="precedents")
        return Html(html, "\n".join(p.cited() for p in a.precedents))

    # figures (the inline backend displays them; see setup_notebook)

    def decision_map(self) -> Figure:
        return charts.decision_map(
            self.assessment, analysis.decision_grid(self.assessment, self.policy)
        )

    def contributions(self) -> Figure:
        return charts.contributions_chart(self.contributions_frame)

    @functools.cached_property
    def sensitivity_frame(self):
        """Each input one step each way (computed once: the chart, the table and page one)."""
        return analysis.sensitivity_data(self.assessment, self.policy, self.standard)

    @functools.cached_property
    def contributions_frame(self):
        """Points by factor with labels and values (the chart and page one)."""
        return analysis.contributions_data(self.assessment, self.policy)

    @functools.cached_property
    def responsibilities(self) -> list[dict[str, str]]:
        return analysis.responsibilities_at_risk(self.company)

    def sensitivity(self) -> Figure:
        return charts.sensitivity_chart(self.sensitivity_frame)

    def sensitivity_table(self) -> Html:
        data = self.sensitivity_frame
        rows = [
            (r.label, r.value_label, f"{r.score:g}", signed(r.delta), DECISION_LABELS[r.create_cpo])
            for r in data.itertuples()
        ]
        html = table(
            ["Input", "One step to", "Score", "Change", "Answer"],
            rows,
            cls="sensitivity",
            numeric=(2, 3),
        )
        return Html(html, "\n".join(" | ".join(map(str, r)) for r in rows))

    # responsibilities

    def responsibilities_summary(self) -> Html:
        return appendix.responsibilities_summary(self.company)

    def responsibilities_chart(self) -> Figure | None:
        """The owners chart, or None (nothing shown) when no owner was stated."""
        if not self.company.owners:
            return None
        return charts.responsibilities_chart(
            analysis.responsibilities_data(self.company), self.company.name
        )

    # what would change it

    def next_change(self) -> Html:
        a = self.assessment
        rows = []
        for c in a.next_change:
            when = (
                f"{years(c.years)} (around {quarter(c.date_from(self.as_of))})"
                if c.years is not None
                else ""
            )
            rows.append(
                (
                    input_label(c.factor),
                    c.direction,
                    c.words(c.current),
                    c.words(c.target),
                    DECISION_LABELS[c.decision],
                    when,
                )
            )
        if rows:
            headers = [
                "Input",
                "Direction",
                "Now",
                "Smallest change to",
                "Answer becomes",
                "Growth alone gets there",
            ]
            body = table(headers, rows, cls="changes", numeric=(2, 3))
        lines = change_lines(a)  # the same words as the card and the CLI
        extra = lines[len(a.next_change) :]
        if not rows:
            body = f"<p>{esc(sentence(extra.pop(0)))}</p>"
        body += "".join(f"<p class='muted'>{esc(sentence(t))}</p>" for t in extra)
        growth = growth_sentence(a, self.as_of)
        text = "\n".join(lines)
        return Html(body + f"<p class='growth'>{esc(growth)}</p>", text + "\n" + growth)

    # appendix

    def inputs(self, meaning: bool = True) -> Html:
        return appendix.inputs(self.company, self.assessment, meaning)

    def method(self) -> Html:
        return appendix.method(self.policy, self.standard)

    def rules(self) -> Html:
        return appendix.rules(self.policy)

    def sources_compact(self) -> Html:
        return appendix.sources_compact(self.policy)

    def rules_compact(self) -> Html:
        return appendix.rules_compact(self.policy, self.standard)

    def role_notes(self) -> Html:
        """The notes on the role, each with its source."""
        notes = self.assessment.role_notes
        items = "".join(
            f"<li>{esc(n.text)} <span class='muted'>[{esc(n.citation)}]</span></li>" for n in notes
        )
        return Html(
            f"<ul class='role-notes'>{items}</ul>" if notes else "", "\n".join(map(str, notes))
        )

    def sources(self) -> Html:
        return appendix.sources(self.policy)


def setup_notebook() -> None:
    """Show `Figure` objects inline as PNG at `FIGURE_DPI` (the template calls this first).

    Figures are built with `matplotlib.figure.Figure`, without pyplot, so the inline backend has
    to be told to render them; the environment's MPLBACKEND is left alone.
    """
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", dpi=FIGURE_DPI, bbox_inches=None)


def team_section(team: TeamAssessment) -> Html:
    """The memo's "Where the team disagrees" section, for a memo made from several raters'
    views: the team's answer and the one question to settle next first (what a facilitator puts
    on the screen), then each rater's answer and every disagreement, every name escaped. HTML,
    and a plain-text summary for nbval.

    >>> from cpo_model import Company
    >>> t = assess_team({"CEO": Company(headcount=300, complexity=2),
    ...                  "CTO <b>": Company(headcount=300, complexity=5)})
    >>> html = team_section(t).html
    >>> html.startswith("<h2>Where the team disagrees</h2>"), "CTO &lt;b&gt;" in html
    (True, True)
    """
    html = "<h2>Where the team disagrees</h2>" + team_html(team)
    n = len(team.raters)
    text = f"Team of {n}: {team.team.create_cpo.value}; {settle_line(team)}".strip()
    return Html(html, text)
