"""The memo's longer sections: responsibilities at risk, inputs as given, method, rules, sources.

>>> from cpo_model import Company, assess, load_policy
>>> repr(method(load_policy(), "eu")).startswith("Method: policy")
True
"""

from __future__ import annotations

from ..analysis import responsibilities_at_risk
from ..assessment import Assessment
from ..company import Company
from ..method import method_text, policy_rows
from ..policy import Policy
from ..present import number, percent, spelled, yes_no_words
from ..resources import responsibilities
from ..schema import complexity_levels, input_schema
from .markup import Html, Safe, esc, table, unlink


def responsibilities_summary(company: Company) -> Html:
    owners = company.owners
    if not owners:
        html = (
            f"<p class='muted'>Who holds the {spelled(len(responsibilities()))} CPO "
            "responsibilities was not stated, so "
            "none is counted as at risk. "
            "Stating who holds each one (the CEO, a product lead, or nobody) would add this "
            "to the score.</p>"
        )
        return Html(html, "Owners not stated.")
    items = responsibilities_at_risk(company)
    risky = [r["name"] for r in items if r["status"] == "at risk"]
    status = [
        Safe(f"<span class='status {r['status'].replace(' ', '-')}'>{r['status']}</span>")
        for r in items
    ]
    rows = [(r["name"], r["owner"], s) for r, s in zip(items, status, strict=True)]
    n = len(owners)
    stated = "the one responsibility stated" if n == 1 else f"the {n} responsibilities stated"
    verb = "sits" if len(risky) == 1 else "sit"
    if risky:
        lead = (
            f"<p><strong>{len(risky)} of {stated}</strong> {verb} with the CEO or nobody: "
            f"{esc(', '.join(risky))}.</p>"
        )
    else:
        lead = f"<p>None of {stated} sits with the CEO or nobody.</p>"
    html = lead + table(["Responsibility", "Held by", "Status"], rows, cls="owners")
    return Html(html, f"{len(risky)} of {stated} at risk: {', '.join(risky) or 'none'}")


def _shown(name: str, company: Company, a: Assessment) -> str:
    value = getattr(company, name)
    if name == "complexity" and value is None:
        how = "derived from the factors" if a.complexity_how == "derived" else "assumed"
        return (
            f"not given: level {a.complexity} {how} "
            f"({complexity_levels()[a.complexity].rstrip('.').lower()})"
        )
    if name in ("product_managers", "engineers") and value is None:
        est = a.product_managers if name == "product_managers" else a.engineers
        return f"not given: about {number(round(est))} estimated"
    if name in a.effective and value is None:
        return f"not given: assumed {yes_no_words(name, a.effective[name])}"
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):  # a choice such as business_model
        return value.replace("_", " ")
    if name == "annual_growth":
        return f"{percent(value)} a year"
    return number(value)


def inputs(company: Company, a: Assessment, meaning: bool = True) -> Html:
    """Every input as given (or as assumed); `meaning=False` leaves out each input's help."""
    rows = [
        (spec["label"], _shown(name, company, a), spec["help"])
        for name, spec in input_schema().items()
        if name != "name"
    ]
    stated = (
        f"{len(company.owners)} of {len(responsibilities())} stated (see Responsibilities at risk)"
        if company.owners
        else "not stated"
    )
    rows.append(
        (
            "Who holds each responsibility",
            stated,
            f"Who holds each of the {spelled(len(responsibilities()))} CPO responsibilities today.",
        )
    )
    if not meaning:  # short: the inputs not given in one line after the table
        given = [r[:2] for r in rows if r[1] != "not given"]
        missing = [r[0] for r in rows if r[1] == "not given"]
        tail = f"<p class='muted'>Not given: {esc(', '.join(missing))}.</p>" if missing else ""
        return Html(
            table(["Input", "Value"], given, cls="inputs") + tail,
            "\n".join(f"{r[0]}: {r[1]}" for r in rows),
        )
    return Html(
        table(["Input", "Value", "Meaning"], rows, cls="inputs"),
        "\n".join(f"{r[0]}: {r[1]}" for r in rows),
    )


def method(policy: Policy, standard: str) -> Html:
    std, d = policy.standard(standard), policy.decision
    consider, yes = d["consider_from"].value, d["yes_from"].value
    html = f"<p>{esc(method_text(policy, standard))}</p>"  # every rule from the policy
    return Html(
        html,
        f"Method: policy {policy.version}, standard {std.label}, consider from {consider:g}, "
        f"yes from {yes:g}",
    )


def rules(policy: Policy) -> Html:
    rows, last = [], None
    for r in policy_rows(policy):
        key = (r["factor"], r["source"])
        source = unlink(r["source"]) + (
            f"; points: {unlink(r['points_source'])}" if r["points_source"] else ""
        )
        # a factor's name once, at its first band
        rows.append(
            (
                "" if key[0] == (last or ("",))[0] else r["factor"],
                r["condition"],
                r["points"],
                source,
            )
        )
        last = key
    html = table(["Factor", "Condition", "Points", "Source"], rows, cls="rules", numeric=(2,))
    return Html(html, f"{len(rows)} rules of policy {policy.version}")


def sources(policy: Policy) -> Html:
    rows = []
    for s in sorted(policy.sources.values(), key=lambda s: s.title.lower()):
        url = (
            Safe(f"<span class='url'>{esc(s.url)}</span>")
            if s.url
            else Safe("<span class='muted'>no public URL</span>")
        )
        rows.append((s.cite(), s.kind, url))
    return Html(table(["Source", "Kind", "Address"], rows, cls="sources"), f"{len(rows)} sources")


def rules_compact(policy: Policy, standard: str) -> Html:
    """The policy's rules for a board: one row per factor, its conditions and points in one cell,
    the stage rows of the size standard used only (the sources are in the sources table)."""
    label = policy.standard(standard).label
    grouped: dict[str, list[str]] = {}
    for r in policy_rows(policy):
        factor = r["factor"]
        if factor.startswith("Stage (") and label not in factor:
            continue  # another size standard
        cell = f"{r['condition']}: {r['points']}" if r["points"] else r["condition"]
        grouped.setdefault(factor, []).append(cell)
    rows = [(factor, "; ".join(cells)) for factor, cells in grouped.items()]
    html = table(["Factor", "Conditions and points"], rows, cls="rules-compact")
    return Html(html, f"{len(rows)} factors of policy {policy.version}")


def sources_compact(policy: Policy) -> Html:
    """The sources as one short list: title and year, then the address (printed, not linked)."""
    items = []
    for s in sorted(policy.sources.values(), key=lambda s: s.title.lower()):
        where = f" <span class='url'>{esc(s.url)}</span>" if s.url else ""
        items.append(f"<li>{esc(s.cite())} <span class='muted'>({esc(s.kind)})</span>{where}</li>")
    return Html(f"<ul class='sources-list'>{''.join(items)}</ul>", f"{len(items)} sources")
