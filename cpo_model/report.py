"""Shareable reports: one company -> a self-contained HTML memo; a companies CSV -> a folder of them.

The report is the notebook template `notebooks/report.ipynb`, executed for one company with
papermill and exported with nbconvert (no code, no prompts) into a page that loads nothing
from the network: figures are embedded PNGs, styles are inline, there is no script, and a
Content-Security-Policy forbids any fetch. The template only calls `Report` methods, so all
the logic (and all the escaping of user text) lives here.

A portfolio runs every company through one kernel (`KernelSession`), not one kernel each.

>>> slugify("Acme, Inc. / ../../etc")
'acme-inc-etc'
>>> unique_slugs(["Acme", "acme", "", "index"])
['acme', 'acme-2', 'company-3', 'index-company']
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assessment import Assessment
from .company import OWNER_PREFIX, Company, complexity_levels, input_schema
from .errors import InputFileError, InvalidInputError
from .model import assess, resolve
from .policy import Policy, load_policy
from .render import DECISION_COLOURS, title_of
from .resources import responsibilities
from .types import DECISION_LABELS, OWNER_LABELS, ROLE_LABELS, STAGE_LABELS, Decision, Owner, Role

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from nbformat import NotebookNode

_HERE = Path(__file__).resolve().parent
# A checkout (or editable install) keeps the template at the top level; a wheel may carry it inside.
TEMPLATE_CANDIDATES = (_HERE.parent / "notebooks" / "report.ipynb", _HERE / "notebooks" / "report.ipynb")
KERNEL_NAME = "python3"
# The kernel's own TCP warning would otherwise land on the user's terminal for every report.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]
CELL_TIMEOUT = 180  # seconds per template cell
FORMATS = ("html", "pdf")
SLUG_MAX = 60
RESERVED_SLUGS = frozenset({"index"})


class ReportError(RuntimeError):
    """A report that cannot be produced (render failure, PDF unavailable); one line."""


def template_path() -> Path:
    """The report notebook template."""
    for p in TEMPLATE_CANDIDATES:
        if p.is_file():
            return p
    raise ReportError(f"report template not found in {', '.join(map(str, TEMPLATE_CANDIDATES))}")


# --- company <-> papermill parameters -------------------------------------------------------


def company_params(company: Company) -> dict[str, Any]:
    """The company as a plain dict of its given fields (owners as {responsibility: owner})."""
    out: dict[str, Any] = {}
    for f in fields(Company):
        value = getattr(company, f.name)
        if f.name == "owners":
            if value:
                out["owners"] = {k: Owner(v).value for k, v in value.items()}
        elif value is not None:
            out[f.name] = value
    return out


def to_company(company: Company | Mapping[str, Any]) -> Company:
    """A `Company` from a Company, a params dict (`company_params`) or a text record (CSV row)."""
    if isinstance(company, Company):
        return company
    data = dict(company)
    owners = data.pop("owners", None) or {}
    if all(isinstance(v, str) or v is None for v in data.values()):  # a CSV row or CLI record
        return Company.from_record({**data, **{f"{OWNER_PREFIX}{k}": v for k, v in owners.items()}})
    known = {f.name for f in fields(Company)}
    unknown = sorted(set(data) - known)
    if unknown:
        from .errors import Problem

        raise InvalidInputError([Problem(k, data[k], "a Company field") for k in unknown])
    return Company(**data, owners=owners)


# --- safe names -------------------------------------------------------------------------------


def slugify(name: object, limit: int = SLUG_MAX) -> str:
    """A file-name-safe slug: lowercase ASCII letters, digits and single dashes ('' if none)."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def unique_slugs(names: Sequence[object]) -> list[str]:
    """One distinct slug per name (`company-<n>` when a name has none; `index` is reserved)."""
    out: list[str] = []
    taken: set[str] = set(RESERVED_SLUGS)
    for i, name in enumerate(names, start=1):
        base = slugify(name) or f"company-{i}"
        if base in RESERVED_SLUGS:
            base = f"{base}-company"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out.append(slug)
    return out


def _printable(text: object, limit: int = 60) -> str:
    """One terminal-safe line: control characters (ANSI escapes too) become spaces."""
    s = "".join(ch if ch.isprintable() else " " for ch in str(text))
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# --- HTML pieces ------------------------------------------------------------------------------


class Html:
    """Markup for a notebook cell: renders as HTML, reprs as plain text (what nbval compares)."""

    def __init__(self, html: str, text: str = "") -> None:
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or "(html)"

    def __str__(self) -> str:
        return self.html


class Safe(str):
    """Markup that is already escaped (a table cell that must not be escaped again)."""


class Span(Safe):
    """A `Safe` table cell spanning `colspan` columns."""

    colspan: int = 1

    @classmethod
    def of(cls, html: str, colspan: int) -> Span:
        cell = cls(html)
        cell.colspan = colspan
        return cell


def esc(value: object) -> str:
    """Escape user or data text for HTML text and attribute values (quotes too)."""
    return value if isinstance(value, Safe) else escape(str(value), quote=True)


def table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "", numeric: Sequence[int] = (), row_classes: Sequence[str] | None = None
) -> Safe:
    """An HTML table; every cell is escaped unless it is `Safe`. `numeric`: right-aligned columns."""
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{esc(h)}</th>" for i, h in enumerate(headers))
    body = []
    for k, row in enumerate(rows):
        rc = row_classes[k] if row_classes else ""
        cells = "".join(
            f"<td colspan={c.colspan}>{c}</td>" if isinstance(c, Span) else f"<td{' class=num' if i in numeric else ''}>{esc(c)}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr class='{esc(rc)}'>{cells}</tr>" if rc else f"<tr>{cells}</tr>")
    return Safe(f"<table class='{esc(cls)}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _unlink(markdown: str) -> str:
    """A Markdown source cell as plain text: `[title](url)` -> `title` (URLs go in the source list)."""
    return _MD_LINK.sub(r"\1", markdown)


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x) == int(x) else f"{x:,.1f}"


def _parse_date(value: date | str | None) -> date:
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"report date {value!r}: expected YYYY-MM-DD") from None


# --- the report, section by section (what the template calls) --------------------------------


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
        policy, std = resolve(load_policy(policy_path) if policy_path else None, standard)
        company = to_company(company)
        return cls(company, policy, std.key, assess(company, policy, std.key), _parse_date(report_date))

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
            f"<span>cpo-model {esc(_version())}</span></p>"
            "</header>"
        )
        return Html(html, f"{self.name}: CPO decision memo as of {when}, policy {a.policy_version}, {a.standard_label}")

    def card(self) -> Html:
        a = self.assessment
        colour = DECISION_COLOURS[a.create_cpo]
        label = DECISION_LABELS[a.create_cpo]
        notes = "".join(f"<li>{esc(n)}</li>" for n in a.role_notes)
        cut = a.cutoffs
        stage_says = STAGE_LABELS[a.stage].partition(": ")[2] or STAGE_LABELS[a.stage]
        size = f"({a.company.headcount:,} people, {esc(a.standard_label)})"
        facts = [
            ("Role that fits today", Safe(f"<strong>{esc(ROLE_LABELS[a.role])}</strong> <code>role = {esc(a.role.value)}</code>")),
            ("Stage", Safe(f"<strong>{esc(a.stage.value)}</strong>: {esc(stage_says)} <span class='muted'>{size}</span>")),
            ("Score", Safe(f"<strong>{a.score:g}</strong> <span class='muted'>(consider from {cut['consider_from']:g}, yes from {cut['yes_from']:g})</span>")),
        ]
        dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
        html = (
            f"<section class='cpo-answer decision-{esc(a.create_cpo.value)}' style='border-left-color:{colour}'>"
            f"<p class='answer-line'><span class='swatch' style='background:{colour}'></span><span class='answer'>{esc(label)}</span>"
            f"<code class='create-cpo'>create_cpo = {esc(a.create_cpo.value)}</code></p>"
            f"<dl class='facts'>{dl}</dl>"
            + (f"<div class='notes'><p class='notes-title'>Notes on the role</p><ul>{notes}</ul></div>" if notes else "")
            + "</section>"
        )
        text = f"{label} (create_cpo = {a.create_cpo.value}); role {ROLE_LABELS[a.role]}; stage {a.stage.value}; score {a.score:g}"
        return Html(html, text)

    def reasons(self) -> Html:
        rows = [(i, r.text, r.citation) for i, r in enumerate(self.assessment.reasons, start=1)]
        html = table(["#", "Reason", "Source"], rows, cls="reasons", numeric=(0,))
        return Html(html, "\n".join(f"{i}. {t} [{c}]" for i, t, c in rows))

    # figures (the inline backend displays them; see setup_notebook)

    def decision_map(self) -> Figure:
        from .charts import decision_map

        return decision_map(self.assessment, self.policy)

    def contributions(self) -> Figure:
        from .charts import contributions_chart

        return contributions_chart(self.assessment)

    def sensitivity(self) -> Figure:
        from .charts import sensitivity_chart

        return sensitivity_chart(self.company, self.policy, self.standard)

    def sensitivity_table(self) -> Html:
        from .charts import FACTOR_LABELS, sensitivity_data

        data = sensitivity_data(self.company, self.policy, self.standard)
        rows = [
            (FACTOR_LABELS.get(r.input, r.input).replace("Company size", "Headcount"), r.value_label, f"{r.score:g}", f"{r.delta:+g}", r.create_cpo)
            for r in data.itertuples()
        ]
        html = table(["Input", "One step to", "Score", "Change", "Answer"], rows, cls="sensitivity", numeric=(2, 3))
        return Html(html, "\n".join(" | ".join(map(str, r)) for r in rows))

    # responsibilities

    def responsibilities_summary(self) -> Html:
        owners = self.company.owners
        if not owners:
            html = (
                "<p class='muted'>Who holds the nine CPO responsibilities was not stated, so none is counted as at risk. "
                "State them (<code>--owner RESPONSIBILITY=ceo|product_lead|nobody</code>) to include this in the score.</p>"
            )
            return Html(html, "Owners not stated.")
        rows, risky = [], []
        for r in responsibilities():
            owner = owners.get(r["id"])
            status = "not stated" if owner is None else "at risk" if owner in (Owner.CEO, Owner.NOBODY) else "covered"
            if status == "at risk":
                risky.append(r["name"])
            rows.append((r["name"], OWNER_LABELS[owner] if owner else "not stated", Safe(f"<span class='status {status.replace(' ', '-')}'>{status}</span>")))
        lead = (
            f"<p><strong>{len(risky)} of {len(owners)}</strong> stated responsibilities sit with the CEO or nobody: {esc(', '.join(risky))}.</p>"
            if risky
            else f"<p>None of the {len(owners)} stated responsibilities sits with the CEO or nobody.</p>"
        )
        html = lead + table(["Responsibility", "Held by", "Status"], rows, cls="owners")
        return Html(html, f"{len(risky)} of {len(owners)} stated responsibilities at risk: {', '.join(risky) or 'none'}")

    def responsibilities_chart(self) -> Figure | None:
        """The owners chart, or None (nothing shown) when no owner was stated."""
        if not self.company.owners:
            return None
        from .charts import responsibilities_chart

        return responsibilities_chart(self.company)

    # what would change it

    def next_change(self) -> Html:
        a = self.assessment
        labels = {"headcount": "Headcount", "complexity": "Complexity level", "product_managers": "Product managers"}
        rows = []
        for c in a.next_change:
            when = ""
            if c.years is not None:
                when = f"about {c.years:.1f} years (around {c.date_from(self.as_of).isoformat()})"
            rows.append((labels.get(c.factor, c.factor), "up" if c.direction == "up" else "down", _num(c.current), _num(c.target), c.decision.value, when))
        if rows:
            headers = ["Input", "Direction", "Now", "Smallest change to", "Answer becomes", "Growth alone gets there in"]
            body = table(headers, rows, cls="changes", numeric=(2, 3))
        else:
            body = "<p>No single change of headcount, complexity or product managers moves the answer.</p>"
        growth = self._growth_sentence()
        text = "\n".join(str(c) for c in a.next_change) or "no single change moves the answer"
        return Html(body + f"<p class='growth'>{esc(growth)}</p>", text + "\n" + growth)

    def _growth_sentence(self) -> str:
        a, g = self.assessment, self.company.annual_growth
        if g is None:
            return "No annual growth was given, so no date is projected."
        change = a.growth_change
        if change is None:
            if g <= 0:
                return f"At {g:.0%} a year headcount does not grow, so growth alone does not change the answer."
            return f"At {g:.0%} a year, growth in headcount alone does not change the answer ('{a.create_cpo.value}')."
        when = change.date_from(self.as_of)
        return (
            f"At {g:.0%} headcount growth a year, the company reaches {_num(change.target)} people in about {change.years:.1f} years "
            f"— around {when.isoformat()} — and the answer becomes '{change.decision.value}'."
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
                shown = f"not given: level {a.complexity} derived from the factors ({complexity_levels()[a.complexity]})"
            elif name == "product_managers" and value is None:
                shown = f"not given: about {int(a.product_managers):,} estimated"
            elif value is None:
                shown = "not given"
            elif isinstance(value, bool):
                shown = "yes" if value else "no"
            elif name == "annual_growth":
                shown = f"{value:.0%} a year"
            else:
                shown = f"{value:,}" if isinstance(value, int) else f"{value:g}"
            rows.append((name.replace("_", " "), shown, spec["help"]))
        stated = f"{len(c.owners)} of {len(responsibilities())} stated (see Responsibilities at risk)" if c.owners else "not stated"
        rows.append(("owners", stated, "Who holds each of the nine CPO responsibilities today."))
        return Html(table(["Input", "Value", "Meaning"], rows, cls="inputs"), "\n".join(f"{r[0]}: {r[1]}" for r in rows))

    def method(self) -> Html:
        p, std = self.policy, self.policy.standard(self.standard)
        d = p.decision
        html = (
            "<p>The model places the company in one of three stages by headcount alone "
            f"(standard used: {esc(std.label)}: midsize from {std.midsize_from:,}, large from {std.large_from:,} people). "
            "It then adds points for size, product complexity, the number of product managers, the responsibilities "
            "left with the CEO or nobody, and three signals (founder overloaded, not a tech company, no product/market fit). "
            f"A score from {d['consider_from'].value:g} means <em>consider</em>, from {d['yes_from'].value:g} <em>yes</em>. "
            "Most sources are practitioners' opinions, not statistics; numbers no source backs are marked as the model's own judgement.</p>"
        )
        return Html(html, f"Method: policy {p.version}, standard {std.label}, consider from {d['consider_from'].value:g}, yes from {d['yes_from'].value:g}")

    def rules(self) -> Html:
        from .method import policy_rows

        rows, last = [], None
        for r in policy_rows(self.policy):
            key = (r["factor"], r["source"])
            # a factor's name and source once, at its first band
            rows.append(("", r["condition"], r["points"], "") if key == last else (r["factor"], r["condition"], r["points"], _unlink(r["source"])))
            last = key
        return Html(table(["Factor", "Condition", "Points", "Source"], rows, cls="rules", numeric=(2,)), f"{len(rows)} rules of policy {self.policy.version}")

    def sources(self) -> Html:
        rows = []
        for s in sorted(self.policy.sources.values(), key=lambda s: s.title.lower()):
            url = Safe(f"<span class='url'>{esc(s.url)}</span>") if s.url else Safe("<span class='muted'>no public URL</span>")
            rows.append((s.cite(), s.kind, url))
        return Html(table(["Source", "Kind", "Address"], rows, cls="sources"), f"{len(rows)} sources")


def _version() -> str:
    from . import __version__

    return __version__


def setup_notebook() -> None:
    """Show `Figure` objects inline as PNG at twice their pixel size (the template calls this first).

    Figures are built with `matplotlib.figure.Figure`, without pyplot, so the inline backend has
    to be told to render them; the environment's MPLBACKEND is left alone.
    """
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("retina")


# --- notebook -> page -------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #f4f3ef; }
body { margin: 0; padding: 32px 16px 48px; color: #1d1d1f;
  font: 16px/1.55 "Georgia", "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; }
main.memo { max-width: 900px; margin: 0 auto; background: #fff; padding: 40px 56px 48px;
  border: 1px solid #dedbd2; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
h1, h2, h3, .kicker, .meta, table, .answer-line, dl.facts, footer, .muted, code {
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .2em 0 .4em; }
h2 { font-size: 1.2rem; margin: 2.2em 0 .7em; padding-bottom: .25em; border-bottom: 2px solid #1d1d1f; }
h3 { font-size: 1.02rem; margin: 1.6em 0 .5em; }
p { margin: .5em 0 .9em; }
a.anchor-link { display: none; }
code { font-size: .85em; background: #f1f0ec; padding: .05em .35em; border-radius: 3px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: #6b6b6b; margin: 0; }
.meta { color: #555; font-size: .85rem; display: flex; flex-wrap: wrap; gap: .3em 1.4em; margin-bottom: 1.4em; }
.memo-head { border-bottom: 1px solid #dedbd2; margin-bottom: 1.2em; }
.cpo-answer { border: 1px solid #dedbd2; border-left: 8px solid #999; border-radius: 4px; padding: 14px 20px 8px; margin: 1em 0 1.4em; background: #fbfbf9; }
.answer-line { font-size: 1.7rem; font-weight: 700; margin: 0 0 .5em; display: flex; align-items: center; flex-wrap: wrap; gap: .2em .5em; }
.answer-line code { font-size: .8rem; font-weight: 400; }
.notes-title { font-family: system-ui, "DejaVu Sans", sans-serif; font-weight: 600; font-size: .9rem; margin: .8em 0 .2em; }
.notes ul { font-size: .95rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%; }
dl.facts { display: grid; grid-template-columns: 11em 1fr; gap: .25em 1em; margin: 0 0 .6em; font-size: .95rem; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
.notes ul { margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; line-height: 1.4; margin: .4em 0 1.2em; }
th, td { text-align: left; vertical-align: top; padding: .4em .6em; border-bottom: 1px solid #e4e2dc; }
thead th { border-bottom: 2px solid #bdb9ae; font-weight: 600; background: #f7f6f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.reasons td:last-child, table.sources td:first-child { color: #444; }
table.reasons td:last-child { width: 32%; font-size: .8rem; }
table.rules { font-size: .78rem; }
table.rules td { border-bottom-color: #f0eee9; }
table.rules td:first-child { font-weight: 600; width: 26%; }
table.rules td:last-child { width: 44%; }
table.inputs td:first-child { width: 22%; white-space: nowrap; }
table.inputs td:last-child { width: 42%; color: #555; }
table.changes td:last-child { width: 28%; }
.url { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .75rem; word-break: break-all; color: #444; }
.status { font-weight: 600; }
.status.at-risk { color: #B34700; }
.status.covered { color: #00785A; }
.status.not-stated { color: #777; font-weight: 400; }
.muted { color: #666; }
.growth { font-style: italic; }
img { display: block; max-width: 100%; height: auto; margin: .6em auto 1.2em; }
.output_png { margin: 0 -40px; }
.output_subarea, .output_html, .jp-RenderedHTMLCommon { overflow-x: visible; }
.error-row td { background: #fff4ef; }
table.portfolio td:nth-child(2) { font-weight: 600; }
table.portfolio .swatch { width: .7em; height: .7em; vertical-align: baseline; }
table.portfolio td:nth-child(6), table.portfolio td:nth-child(9) { white-space: nowrap; }
.error { color: #9d2f00; }
.counts { display: flex; flex-wrap: wrap; gap: .6em; margin: .4em 0 1.2em; padding: 0; list-style: none;
  font-family: system-ui, "DejaVu Sans", sans-serif; font-size: .9rem; }
.counts li { border: 1px solid #dedbd2; border-radius: 4px; padding: .3em .8em; }
footer { max-width: 900px; margin: 14px auto 0; color: #777; font-size: .75rem; text-align: center; }
@media (max-width: 700px) { main.memo { padding: 20px; } dl.facts { grid-template-columns: 1fr; } .output_png { margin: 0; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html, body { background: #fff; padding: 0; }
  main.memo { border: 0; box-shadow: none; padding: 0; max-width: none; }
  .output_png { margin: 0; }
  h2 { break-after: avoid; }
  img, table.reasons tr, .cpo-answer { break-inside: avoid; }
  footer { display: none; }
  @page { size: A4; margin: 16mm 14mm; }
}
"""
# Defence in depth: even a bug that let markup through could not run script or fetch anything.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def page(title: str, body: str, footer: str = "") -> str:
    """A complete, self-contained HTML page. `title` is plain text (escaped here); `body` is markup."""
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<meta name='generator' content='cpo-model {esc(_version())}'>\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<main class='memo'>\n{body}\n</main>\n" + (f"<footer>{footer}</footer>\n" if footer else "") + "</body>\n</html>\n"
    )


def _clean_for_export(nb: NotebookNode) -> NotebookNode:
    """Drop what a memo must not show: cells tagged `remove-cell`, parameter cells, stderr, empty outputs."""
    import copy

    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "remove-cell" in tags:
            continue
        if cell.cell_type == "code":
            if tags & {"parameters", "injected-parameters"}:
                continue
            cell.outputs = [o for o in cell.get("outputs", []) if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            if not cell.outputs:
                continue
        elif cell.cell_type == "raw":
            continue
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def export_html(nb: NotebookNode, title: str) -> str:
    """An executed report notebook as a self-contained page: no code, no prompts, nothing remote."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True, anchor_link_text="")
    body, _ = exporter.from_notebook_node(_clean_for_export(nb))
    footer = f"Produced by cpo-model {esc(_version())} from public sources; see the method and sources appendix."
    html = page(title, body, footer)
    remote = external_references(html)
    if remote:
        raise ReportError(f"the report would load {remote[0]!r} from the network")
    return html


def report_title(company: Company) -> str:
    return f"CPO decision memo: {company.name or 'this company'}"


class _Refs(HTMLParser):
    ATTRS = frozenset({"src", "href", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href", "manifest", "cite", "ping"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if v is None:
                continue
            if k in self.ATTRS:
                self.refs.append(v)
            elif k == "style":
                self.refs += re.findall(r"url\(\s*['\"]?([^'\")]+)", v)
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.refs += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
            self.refs += re.findall(r"@import\s+['\"]?([^'\";\s]+)", data)


REMOTE = re.compile(r"^\s*(https?:|//|ftp:|ws:|wss:)", re.I)


def external_references(html: str) -> list[str]:
    """Every src/href/url() in `html` that would reach the network (http:, https:, //...)."""
    p = _Refs()
    p.feed(html)
    p.close()
    return [r for r in p.refs if REMOTE.match(r)]


# --- executing the template -------------------------------------------------------------------


def _params(company: Company, policy_path: str | Path | None, standard: str | None, as_of: date) -> dict[str, Any]:
    return {
        "company": company_params(company),
        "policy_path": str(Path(policy_path).resolve()) if policy_path else None,
        "standard": standard,
        "report_date": as_of.isoformat(),
    }


def _cell_error(exc: BaseException) -> str:
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(exc).__name__}: {exc}"
    return _printable(" ".join(text.split()), 300)


@functools.cache
def kernel_manager_class() -> type:
    """A kernel manager that always starts this interpreter's ipykernel.

    A `python3` kernelspec elsewhere (e.g. `~/.local/share/jupyter/kernels`) would otherwise win
    and could run the report in a Python without cpo_model.
    """
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str):
            return self.kernel_spec_class(resource_dir=RESOURCES, **get_kernel_dict())

    class CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self) -> KernelSpecManager:
            return CurrentEnvSpecs(data_dir=self.data_dir)

    return CurrentEnvKernelManager


def execute_report(company: Company, policy_path=None, standard: str | None = None, as_of: date | None = None) -> NotebookNode:
    """Run the template for one company with papermill (its own kernel); the executed notebook."""
    import papermill as pm

    as_of = as_of or date.today()
    with tempfile.TemporaryDirectory(prefix="cpo-report-") as tmp:
        try:
            return pm.execute_notebook(
                str(template_path()),
                None,
                parameters=_params(company, policy_path, standard, as_of),
                kernel_name=KERNEL_NAME,
                progress_bar=False,
                log_output=False,
                cwd=tmp,
                execution_timeout=CELL_TIMEOUT,
                extra_arguments=KERNEL_ARGS,
                kernel_manager_class=kernel_manager_class(),
            )
        except pm.PapermillExecutionError as exc:
            raise ReportError(f"the report template failed: {_cell_error(exc)}") from None


class KernelSession:
    """One kernel for many reports: executes the template per company, resetting state in between."""

    RESET = "get_ipython().run_line_magic('reset', '-f')"

    def __init__(self, cwd: str | Path | None = None) -> None:
        self.cwd = str(cwd) if cwd else None
        self.km = None
        self.client = None

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, nb: NotebookNode) -> None:
        from nbclient import NotebookClient

        self.km = kernel_manager_class()(kernel_name=KERNEL_NAME)
        self.client = NotebookClient(nb, km=self.km, timeout=CELL_TIMEOUT, record_timing=False, extra_arguments=list(KERNEL_ARGS), allow_errors=False)
        kwargs = {"cwd": self.cwd} if self.cwd else {}
        self.client.start_new_kernel(**kwargs)
        self.client.start_new_kernel_client()

    def run(self, nb: NotebookNode) -> NotebookNode:
        """Execute `nb` (already parameterised) in the shared kernel; raises on a cell error.

        A reset cell runs first, so nothing from the previous company survives; a kernel that
        died or timed out is replaced before the next company.
        """
        import nbformat
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        if self.client is None or not self._alive():
            self.close()
            self._start(nb)
        nb.cells.insert(0, nbformat.v4.new_code_cell(self.RESET))
        self.client.nb = nb
        try:
            self.client.execute()
        except (CellTimeoutError, DeadKernelError):
            self.close()
            raise
        finally:
            del nb.cells[0]
        return nb

    def _alive(self) -> bool:
        from nbclient.util import run_sync

        if self.client is None or self.km is None or self.client.kc is None:
            return False
        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):  # best effort at shutdown
                self.client._cleanup_kernel()
        self.client = self.km = None


def parameterised(template: NotebookNode, company: Company, policy_path=None, standard: str | None = None, as_of: date | None = None) -> NotebookNode:
    """A copy of the template with papermill's injected-parameters cell for `company`."""
    import copy

    from papermill.parameterize import parameterize_notebook

    nb = copy.deepcopy(template)
    nb.metadata["papermill"] = {}
    for cell in nb.cells:  # papermill expects every cell to carry a tags list
        cell.metadata["tags"] = list(cell.metadata.get("tags", []))
    nb = parameterize_notebook(nb, _params(company, policy_path, standard, as_of or date.today()))
    nb.metadata.pop("papermill", None)
    return nb


# --- PDF ---------------------------------------------------------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """A locally installed Chromium (never downloaded), or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_unavailable() -> str | None:
    """Why `--format pdf` cannot work here (one line), or None when it can."""
    if find_chromium():
        return None
    return (
        "--format pdf needs a local Chromium ('apt-get install chromium'); it is not installed, and the other routes "
        "(nbconvert webpdf downloads its own browser, --to pdf needs TeX) are not available offline"
    )


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 120) -> Path:
    """Print a local HTML file to PDF with headless Chromium."""
    why = pdf_unavailable()
    if why:
        raise ReportError(why)
    with tempfile.TemporaryDirectory(prefix="cpo-chromium-") as profile:
        cmd = [find_chromium(), *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ReportError(f"Chromium did not finish printing the PDF within {timeout:g} s") from None
    if not pdf_path.is_file() or pdf_path.read_bytes()[:5] != b"%PDF-":
        tail = " ".join((r.stderr or "").split())[-200:]
        raise ReportError(f"Chromium could not print the PDF (exit {r.returncode}): {tail}")
    return pdf_path


# --- one company -------------------------------------------------------------------------------


def _out_file(out_path: str | Path) -> Path:
    out = Path(out_path)
    if out.is_dir():
        raise InputFileError(f"--out {out_path}: is a folder; give a file name, e.g. {out / 'report.html'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(f"--out {out_path}: cannot create folder {out.parent} ({exc.strerror})") from None
    return out


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot write ({exc.strerror})") from None


def render_report(
    company: Company | Mapping[str, Any],
    out_path: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    fmt: str = "html",
    report_date: date | str | None = None,
) -> Path:
    """Render one company's report to `out_path` (HTML, or PDF through a local Chromium); the path.

    Invalid input raises `InvalidInputError`, a bad policy `PolicyError`, anything else that stops
    the report `ReportError` -- all before a kernel starts where they can be checked up front.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "pdf" and pdf_unavailable():
        raise ReportError(pdf_unavailable())
    company = to_company(company)
    resolve(load_policy(policy_path) if policy_path else None, standard)  # validate before starting a kernel
    as_of = _parse_date(report_date)
    out = _out_file(out_path)
    nb = execute_report(company, policy_path, standard, as_of)
    html = export_html(nb, report_title(company))
    if fmt == "html":
        _write(out, html)
        return out
    with tempfile.TemporaryDirectory(prefix="cpo-report-") as tmp:
        src = Path(tmp) / "report.html"
        _write(src, html)
        return html_to_pdf(src, out)


# --- a portfolio -------------------------------------------------------------------------------


@dataclass
class Entry:
    """One CSV row in the portfolio index."""

    row: int
    name: str
    file: str | None
    error: str | None = None
    result: dict[str, Any] = field(default_factory=dict)


def _progress(enabled: bool, i: int, n: int, name: str, note: str = "") -> None:
    if enabled:
        print(f"[{i}/{n}] {_printable(name)}{'  ' + note if note else ''}", file=sys.stderr, flush=True)


def _figure_img(fig: Figure, alt: str, dpi: int = 110) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi * 2, bbox_inches="tight", metadata={"Software": None})
    width = int(fig.get_figwidth() * dpi)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f"<img src='data:image/png;base64,{data}' width='{width}' alt='{esc(alt)}'>"


@dataclass
class Portfolio:
    """What `render_portfolio` wrote: the index page and one entry per CSV row."""

    index: Path
    entries: list[Entry]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.error]


def render_portfolio(
    csv_path: str | Path,
    out_dir: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    progress: bool = True,
    report_date: date | str | None = None,
) -> Path:
    """One report per CSV row in `out_dir` plus `index.html` linking them all; the index path.

    Every row gets an entry in the index: an invalid row or a failed render is listed with its
    error and the others still render. All companies run through one kernel.
    """
    return build_portfolio(csv_path, out_dir, policy_path, standard, progress, report_date).index


def build_portfolio(
    csv_path: str | Path,
    out_dir: str | Path,
    policy_path: str | Path | None = None,
    standard: str | None = None,
    progress: bool = True,
    report_date: date | str | None = None,
    template: str | Path | None = None,
) -> Portfolio:
    """`render_portfolio`, returning the entries too (which rows failed and why).

    `template`: another report notebook (default `notebooks/report.ipynb`).
    """
    from .csvio import read_companies
    from .frame import assess_frame

    policy, std = resolve(load_policy(policy_path) if policy_path else None, standard)
    as_of = _parse_date(report_date)
    df = read_companies(csv_path)
    frame = assess_frame(df, policy, std.key)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(f"--out-dir {out_dir}: cannot create it ({exc.strerror})") from None
    records = df.to_dict("records")
    raw_names = [str(r.get("name") or "").strip() for r in records]
    slugs = unique_slugs(raw_names)
    template_nb = None
    entries: list[Entry] = []
    n = len(records)
    with tempfile.TemporaryDirectory(prefix="cpo-report-") as scratch, KernelSession(cwd=scratch) as session:
        for i, (record, slug, raw) in enumerate(zip(records, slugs, raw_names, strict=True)):
            name = raw or f"row {i + 1}"
            res = frame.iloc[i]
            entry = Entry(i + 1, name, None, result={k: res.get(k) for k in RESULT_KEYS})
            entries.append(entry)
            if isinstance(res.get("error"), str):
                entry.error = f"invalid input: {res['error']}"
                _progress(progress, i + 1, n, name, "invalid input, skipped")
                continue
            _progress(progress, i + 1, n, name)
            try:
                company = Company.from_record(record)
                if template_nb is None:
                    import nbformat

                    template_nb = nbformat.read(str(template or template_path()), as_version=4)
                nb = session.run(parameterised(template_nb, company, policy_path, std.key, as_of))
                _write(out / f"{slug}.html", export_html(nb, report_title(company)))
                entry.file = f"{slug}.html"
            except InvalidInputError as exc:
                entry.error = f"invalid input: {exc}"
            except Exception as exc:  # one bad row must not stop the others
                entry.error = f"report failed: {_cell_error(exc)}"
                _progress(progress, i + 1, n, name, "failed")
    index = out / "index.html"
    _write(index, portfolio_index(entries, frame, policy, std.key, as_of, Path(csv_path).name))
    return Portfolio(index, entries)


RESULT_KEYS = ("headcount", "complexity_level", "stage", "create_cpo", "role", "score")


def portfolio_index(entries: Sequence[Entry], frame: pd.DataFrame, policy: Policy, standard: str, as_of: date, source: str) -> str:
    """The index page: counts, the portfolio chart, and a table linking every report."""
    from .charts import portfolio_bars, portfolio_chart

    std = policy.standard(standard)
    ok = [e for e in entries if e.file]
    bad = [e for e in entries if e.error]
    counts = {d: sum(1 for e in ok if e.result.get("create_cpo") == d.value) for d in Decision}
    count_items = "".join(
        f"<li><span class='swatch' style='background:{DECISION_COLOURS[d]}'></span> {esc(DECISION_LABELS[d])} "
        f"(<code>{esc(d.value)}</code>): <strong>{k}</strong></li>"
        for d, k in counts.items()
    ) + (f"<li class='error'>Not rendered: <strong>{len(bad)}</strong></li>" if bad else "")
    rows, classes = [], []
    for e in entries:
        classes.append("error-row" if e.error else "")
        if e.error:
            rows.append([e.row, e.name, Span.of(f"<span class='error'>{esc(e.error)}</span>", 7)])
            continue
        r = {k: _cell(v) for k, v in e.result.items()}
        answer = r.get("create_cpo", "")
        colour = DECISION_COLOURS.get(Decision(answer)) if answer in {d.value for d in Decision} else None
        role = r.get("role", "")
        rows.append(
            [
                e.row,
                Safe(f"<a href='{esc(e.file)}'>{esc(e.name)}</a>"),
                r.get("headcount", ""),
                r.get("complexity_level", ""),
                r.get("stage", ""),
                Safe(f"<span class='swatch' style='background:{colour}'></span> {esc(answer)}") if colour else answer,
                ROLE_LABELS[Role(role)] if role in {x.value for x in Role} else role,
                r.get("score", ""),
                Safe(f"<a href='{esc(e.file)}'>open the memo</a>"),
            ]
        )
    headers = ["#", "Company", "Headcount", "Complexity", "Stage", "Create CPO", "Role", "Score", "Report"]
    tbl = table(headers, rows, cls="portfolio", numeric=(0, 2, 3, 7), row_classes=classes)
    charts = ""
    if ok:
        charts = (
            "<h2>Where the companies sit</h2>"
            + _figure_img(portfolio_chart(frame, policy, standard), "Portfolio: companies by headcount and complexity, coloured by answer")
            + "<h2>Ranked by score</h2>"
            + _figure_img(portfolio_bars(frame, policy), "Companies ranked by score")
        )
    body = (
        "<header class='memo-head'><p class='kicker'>Board memo · product leadership · portfolio</p>"
        f"<h1 class='memo-title'>Should these {len(entries)} companies create a Chief Product Officer role?</h1>"
        f"<p class='meta'><span>As of <strong>{esc(as_of.isoformat())}</strong></span><span>Policy <strong>{esc(policy.version)}</strong></span>"
        f"<span>Size standard <strong>{esc(std.label)}</strong></span><span>Input <strong>{esc(source)}</strong></span></p></header>"
        f"<ul class='counts'>{count_items}</ul>"
        "<h2>Companies</h2><p>Each name opens that company's memo.</p>" + tbl + charts
    )
    return page(f"CPO decision memos: {len(entries)} companies", body, f"Produced by cpo-model {esc(_version())}.")


def _cell(value: object) -> str:
    """A frame value as index text: blank for missing, numbers without trailing .0."""
    if value is None or str(value) in ("<NA>", "nan", "NaN", "None"):
        return ""
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        return f"{float(value):g}"
    return str(value)
