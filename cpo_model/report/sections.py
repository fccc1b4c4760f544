"""The memo, section by section: what the template `report.ipynb` calls, as HTML or a Figure.

The template holds no logic: each cell calls one `Report` method, so every section (and the
escaping of every user string in it) is made and tested here.

>>> r = Report.build({"headcount": 120, "complexity": 3, "name": "<Acme>"}, report_date="2026-11-30")
>>> r.name, "&lt;Acme&gt;" in r.header().html
('<Acme>', True)
>>> r.reasons()
1. ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..assessment import Assessment
from ..company import Company
from ..model import assess
from ..policy import Policy, resolve
from ..render import DECISION_COLOURS, assumed_words, title_of
from ..resources import responsibilities
from ..schema import complexity_levels, input_schema
from ..types import DECISION_LABELS, ROLE_LABELS, Decision
from ..words import percent, signed, years
from .markup import Html, Safe, esc, num, table, unlink, version
from .page import FIGURE_DPI
from .template import parse_date, to_company

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

    @classmethod
    def build(
        cls,
        company: Company | Mapping[str, Any],
        policy_path: str | Path | None = None,
        standard: str | None = None,
        report_date: date | str | None = None,
    ) -> Report:
        """Assess `company` (a Company, a params dict or a CSV record) with the policy file and standard given."""
        policy, std = resolve(policy_path, standard)
        company = to_company(company)
        return cls(company, policy, std.key, assess(company, policy, std.key), parse_date(report_date))

    @property
    def name(self) -> str:
        return title_of(self.assessment)

    # header and card

    def header(self) -> Html:
        a = self.assessment
        when = self.as_of.isoformat()
        html = (
            "<header class='memo-head'>"
            "<p class='kicker'>Board memo · product leadership</p>"
            f"<h1 class='memo-title'>Should {esc(self.name)} create a Chief Product Officer role?</h1>"
            f"<p class='meta'><span>As of <strong>{esc(when)}</strong></span>"
            f"<span>Policy <strong>{esc(a.policy_version)}</strong></span>"
            f"<span>Size standard <strong>{esc(a.standard_label)}</strong></span>"
            f"<span>cpo-model {esc(version())}</span></p>"
            "</header>"
        )
        return Html(html, f"{self.name}: CPO decision memo as of {when}, policy {a.policy_version}, {a.standard_label}")

    def card(self) -> Html:
        a = self.assessment
        colour = DECISION_COLOURS[a.create_cpo]
        label = DECISION_LABELS[a.create_cpo]
        notes = "".join(f"<li>{esc(n.text)} <span class='muted'>[{esc(n.citation)}]</span></li>" for n in a.role_notes)
        cut = a.cutoffs
        size = f"({a.company.headcount:,} people, {esc(a.standard_label)})"
        facts = [
            ("Role that fits today", Safe(f"<strong>{esc(ROLE_LABELS[a.role])}</strong>")),
            ("Stage", Safe(f"<strong>{esc(a.stage_says)}</strong> <span class='muted'>{size}</span>")),
            ("Score", Safe(f"<strong>{a.score:g}</strong> <span class='muted'>(consider from {cut['consider_from']:g}, yes from {cut['yes_from']:g})</span>")),
        ]
        if a.gates:
            facts.append(("Gates", "; ".join(a.gate_words)))
        if a.assumed:
            facts.append(("Assumed (not stated)", ", ".join(assumed_words(a))))
        dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
        html = (
            f"<section class='cpo-answer decision-{esc(a.create_cpo.value)}' style='border-left-color:{colour}'>"
            f"<p class='answer-line'><span class='swatch' style='background:{colour}'></span><span class='answer'>{esc(label)}</span></p>"
            f"<dl class='facts'>{dl}</dl>"
            + (f"<div class='notes'><p class='notes-title'>Notes on the role</p><ul>{notes}</ul></div>" if notes else "")
            + "</section>"
        )
        text = f"{label}; role {ROLE_LABELS[a.role]}; stage {a.stage_says}; score {a.score:g}"
        if a.gates:
            text += "; gates: " + "; ".join(a.gate_words)
        return Html(html, text)

    def reasons(self) -> Html:
        rows = [(i, r.text, r.citation) for i, r in enumerate(self.assessment.reasons, start=1)]
        html = table(["#", "Reason", "Source"], rows, cls="reasons", numeric=(0,))
        return Html(html, "\n".join(f"{i}. {t} [{c}]" for i, t, c in rows))

    def precedents(self) -> Html:
        """Companies like yours: the nearest public precedents, one sourced line each."""
        from ..precedents import precedents

        a = self.assessment
        kind = "technology companies" if a.effective["tech_company"] else "companies outside tech"
        pool = sum(1 for p in precedents() if p.headcount and p.tech_company == a.effective["tech_company"])
        rows = [(str(p), p.confidence, Safe(f"{esc(p.source)}<br><span class='url'>{esc(p.address)}</span>")) for p in a.precedents]
        lead = (
            f"<p>The {len(rows)} cases nearest to {esc(self.name)} in headcount and product complexity, among the {pool} public "
            f"decisions of {kind} in the model's precedents. What they did is evidence, not a verdict: sizes are from "
            "public sources and may be approximate.</p>"
        )
        html = lead + table(["What happened", "Confidence", "Source"], rows, cls="precedents")
        return Html(html, "\n".join(p.cited() for p in a.precedents))

    # figures (the inline backend displays them; see setup_notebook)

    def decision_map(self) -> Figure:
        from ..charts import decision_map

        return decision_map(self.assessment, self.policy)

    def contributions(self) -> Figure:
        from ..charts import contributions_chart

        return contributions_chart(self.assessment)

    def sensitivity(self) -> Figure:
        from ..charts import sensitivity_chart

        return sensitivity_chart(self.company, self.policy, self.standard)

    def sensitivity_table(self) -> Html:
        from ..analysis import sensitivity_data
        from ..charts import FACTOR_LABELS

        data = sensitivity_data(self.company, self.policy, self.standard)
        rows = [
            (FACTOR_LABELS.get(r.input, r.input), r.value_label, f"{r.score:g}", signed(r.delta), DECISION_LABELS[Decision(r.create_cpo)])
            for r in data.itertuples()
        ]
        html = table(["Input", "One step to", "Score", "Change", "Answer"], rows, cls="sensitivity", numeric=(2, 3))
        return Html(html, "\n".join(" | ".join(map(str, r)) for r in rows))

    # responsibilities

    def responsibilities_summary(self) -> Html:
        from ..analysis import responsibilities_at_risk

        owners = self.company.owners
        if not owners:
            html = (
                "<p class='muted'>Who holds the nine CPO responsibilities was not stated, so none is counted as at risk. "
                "State them (<code>--owner RESPONSIBILITY=ceo|product_lead|nobody</code>) to include this in the score.</p>"
            )
            return Html(html, "Owners not stated.")
        items = responsibilities_at_risk(self.company)
        risky = [r["name"] for r in items if r["status"] == "at risk"]
        rows = [(r["name"], r["owner"], Safe(f"<span class='status {r['status'].replace(' ', '-')}'>{r['status']}</span>")) for r in items]
        n = len(owners)
        stated = "the one responsibility stated" if n == 1 else f"the {n} responsibilities stated"
        lead = (
            f"<p><strong>{len(risky)} of {stated}</strong> {'sits' if len(risky) == 1 else 'sit'} with the CEO or nobody: {esc(', '.join(risky))}.</p>"
            if risky
            else f"<p>None of {stated} sits with the CEO or nobody.</p>"
        )
        html = lead + table(["Responsibility", "Held by", "Status"], rows, cls="owners")
        return Html(html, f"{len(risky)} of {stated} at risk: {', '.join(risky) or 'none'}")

    def responsibilities_chart(self) -> Figure | None:
        """The owners chart, or None (nothing shown) when no owner was stated."""
        if not self.company.owners:
            return None
        from ..charts import responsibilities_chart

        return responsibilities_chart(self.company)

    # what would change it

    def next_change(self) -> Html:
        a = self.assessment
        labels = {k: input_schema()[k]["label"] for k in ("headcount", "complexity", "product_managers")}
        rows = []
        for c in a.next_change:
            when = ""
            if c.years is not None:
                when = f"{years(c.years)} (around {c.date_from(self.as_of).isoformat()})"
            rows.append((labels[c.factor], c.direction, num(c.current), num(c.target), DECISION_LABELS[c.decision], when))
        if rows:
            headers = ["Input", "Direction", "Now", "Smallest change to", "Answer becomes", "Growth alone gets there"]
            body = table(headers, rows, cls="changes", numeric=(2, 3))
        else:
            body = "<p>No single change of a stated headcount, complexity or number of product managers moves the answer.</p>"
        if a.next_change and ("product_managers" in a.estimated or a.complexity_how == "assumed"):
            body += "<p class='muted'>Inputs the model estimated or assumed are not offered as levers: state them to see their effect.</p>"
        growth = self._growth_sentence()
        text = "\n".join(str(c) for c in a.next_change) or "no single change moves the answer"
        return Html(body + f"<p class='growth'>{esc(growth)}</p>", text + "\n" + growth)

    def _growth_sentence(self) -> str:
        a, g = self.assessment, self.company.annual_growth
        if g is None:
            return "No annual growth was given, so no date is projected."
        change = a.growth_change
        now = DECISION_LABELS[a.create_cpo].lower()
        if change is None:
            if g <= 0:
                return f"At {percent(g)} a year headcount does not grow, so growth alone does not change the answer."
            return f"At {percent(g)} a year, growth in headcount alone does not change the answer ('{now}')."
        when = change.date_from(self.as_of)
        return (
            f"At {percent(g)} headcount growth a year, the company reaches {num(change.target)} people {years(change.years)} "
            f"— around {when.isoformat()} — and the answer becomes '{DECISION_LABELS[change.decision].lower()}'."
        )

    # appendix

    def inputs(self) -> Html:
        c, a, schema = self.company, self.assessment, input_schema()
        rows = []
        for name, spec in schema.items():
            if name == "name":
                continue
            value = getattr(c, name)
            if name == "complexity" and value is None:
                how = "derived from the factors" if a.complexity_how == "derived" else "assumed"
                shown = f"not given: level {a.complexity} {how} ({complexity_levels()[a.complexity].rstrip('.').lower()})"
            elif name in ("product_managers", "engineers") and value is None:
                est = a.product_managers if name == "product_managers" else a.engineers
                shown = f"not given: about {num(round(est))} estimated"
            elif name in a.effective and value is None:
                shown = f"not given: assumed {spec['true_words' if a.effective[name] else 'false_words']}"
            elif value is None:
                shown = "not given"
            elif isinstance(value, bool):
                shown = "yes" if value else "no"
            elif name == "annual_growth":
                shown = f"{percent(value)} a year"
            else:
                shown = num(value)
            rows.append((spec["label"], shown, spec["help"]))
        stated = f"{len(c.owners)} of {len(responsibilities())} stated (see Responsibilities at risk)" if c.owners else "not stated"
        rows.append(("Who holds each responsibility", stated, "Who holds each of the nine CPO responsibilities today."))
        return Html(table(["Input", "Value", "Meaning"], rows, cls="inputs"), "\n".join(f"{r[0]}: {r[1]}" for r in rows))

    def method(self) -> Html:
        p, std = self.policy, self.policy.standard(self.standard)
        d = p.decision
        html = (
            "<p>The model places the company in one of three stages by headcount alone "
            f"(standard used: {esc(std.label)}: midsize from {std.midsize_from:,}, large from {std.large_from:,} people). "
            "It then adds points for size (one per public size class), product complexity, the number of product managers, "
            "the responsibilities left with the CEO or nobody, and three signals (founder overloaded, not a technology company, "
            f"no product/market fit). A score from {d['consider_from'].value:g} means <em>consider</em>, from "
            f"{d['yes_from'].value:g} <em>yes</em>. Three gates from the sources come last: a small company, a company "
            "before product/market fit, and one whose CEO leads product by choice get at most <em>consider</em>. "
            "Inputs left out are assumed and listed as such. Most sources are practitioners' opinions, not statistics; "
            "where a source gives only the direction, the size of the step is marked as the model's own judgement.</p>"
        )
        return Html(html, f"Method: policy {p.version}, standard {std.label}, consider from {d['consider_from'].value:g}, yes from {d['yes_from'].value:g}")

    def rules(self) -> Html:
        from ..method import policy_rows

        rows, last = [], None
        for r in policy_rows(self.policy):
            key = (r["factor"], r["source"])
            # a factor's name and source once, at its first band
            rows.append(("", r["condition"], r["points"], "") if key == last else (r["factor"], r["condition"], r["points"], unlink(r["source"])))
            last = key
        return Html(table(["Factor", "Condition", "Points", "Source"], rows, cls="rules", numeric=(2,)), f"{len(rows)} rules of policy {self.policy.version}")

    def sources(self) -> Html:
        rows = []
        for s in sorted(self.policy.sources.values(), key=lambda s: s.title.lower()):
            url = Safe(f"<span class='url'>{esc(s.url)}</span>") if s.url else Safe("<span class='muted'>no public URL</span>")
            rows.append((s.cite(), s.kind, url))
        return Html(table(["Source", "Kind", "Address"], rows, cls="sources"), f"{len(rows)} sources")


def setup_notebook() -> None:
    """Show `Figure` objects inline as PNG at `FIGURE_DPI` (the template calls this first).

    Figures are built with `matplotlib.figure.Figure`, without pyplot, so the inline backend has
    to be told to render them; the environment's MPLBACKEND is left alone.
    """
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", dpi=FIGURE_DPI, bbox_inches=None)
