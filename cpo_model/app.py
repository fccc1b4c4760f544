"""The Explorer as a web app for people who never open Jupyter: the page, and serving it.

`app_page()` is what `notebooks/app.ipynb` shows: a title, a short intro, the Explorer (answers
in words, no code labels) and a note on sources, styled by `app.css`. `cpo-model app` serves it
(`cpo_model.server`: one process per core for every visitor, behind the project's guard) on
127.0.0.1 unless told otherwise; the page loads nothing from the network.

cpo-model app [--port 8866] [--host 127.0.0.1] [--max-sessions N] [--idle-minutes M] [--workers N]
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8866


def app_css() -> str:
    """The app's stylesheet (`cpo_model/app.css`)."""
    return files("cpo_model").joinpath("app.css").read_text(encoding="utf-8")


def header_html(policy=None) -> str:
    """The page's header: the question, a short intro and the three possible answers (also the
    skeleton the server shows before the app is up); a policy other than the bundled one is
    named, with the numbers that differ."""
    from .policy import policy_from_env, resolve
    from .policy_box import custom_policy_html

    policy = resolve(policy if policy is not None else policy_from_env())[0]
    from .present import DECISION_COLOURS, DECISION_LABELS
    from .types import Decision

    chips = "".join(
        "<span class='cpo-chip'><i "
        f"style='background:{DECISION_COLOURS[d]}'></i>{escape(DECISION_LABELS[d])}</span>"
        for d in Decision
    )
    return (
        "<header class='cpo-header'><h1>Should we create a Chief Product Officer role?</h1>"
        "<p class='cpo-intro'>Set your company's <b>headcount</b> and <b>product "
        "complexity</b> and get an answer "
        "you can defend: the role that fits today, every reason with its source, the "
        "smallest change that would "
        "move the answer, and real companies of your size. Open <b>Advanced</b> for the "
        "product team, signals and "
        "who owns each product responsibility today.</p>"
        f"<div class='cpo-answers'><span>Three possible answers:</span>{chips}</div>"
        + custom_policy_html(policy)
        + "</header>"
    )


def share_html(company, standard: str | None = None, pdf: bool = False) -> str:
    """The share bar: a link that reproduces the inputs, the memo for them (HTML, and PDF when
    `pdf`), and print. Links are relative to the app's page (the server answers them)."""
    from .report.names import slugify
    from .server.share import query_of

    query = query_of(company, standard)
    q = escape(query, quote=True)
    name = slugify(company.name or "") or "company"
    links = [
        f"<a class='cpo-share-link' href='./?{q}' title='Copy this link to share these inputs'>"
        "Link to these inputs</a>",
        f"<a class='cpo-memo' href='./memo.html?{q}' download='cpo-memo-{escape(name)}.html'>"
        "Download the memo (HTML)</a>",
    ]
    if pdf:
        links.append(
            f"<a class='cpo-memo-pdf' href='./memo.pdf?{q}' "
            f"download='cpo-memo-{escape(name)}.pdf'>Download the memo (PDF)</a>"
        )
    links.append("<a class='cpo-print' href='#print' role='button'>Print</a>")
    return f"<nav class='cpo-share' aria-label='Share'>{''.join(links)}</nav>"


def app_page(
    company=None,
    query=None,
    share: bool = False,
    policy=None,
    lazy=False,
    narrow: bool = False,
    lazy_team: bool | None = None,
):
    """The web app's page: a title, a short intro, the Explorer and a team's views (two tabs),
    and a note on sources.

    `query` (a link's query string) sets the inputs, as the share link writes them; `share`
    adds the share bar (link, memo, print), which only the app's server can answer. `policy`: a
    `Policy` or a path; None is the one `cpo-model app --policy` named (the CPO_MODEL_POLICY
    environment variable), else the bundled one. `lazy` (the app's server: a visitor's first
    answer waits for nothing else) builds the team tab's panel only when the tab is first opened
    and draws the first chart after the answer (`lazy` may be a function that runs the drawing
    when it sees fit: see `Explorer`); `page.team` is the panel (None until built) and
    `page.open_team()` builds it. (`lazy_team`, its name in 0.5.0, still works.)
    `narrow` draws the decision map for a phone's screen (the app's page asks for it below
    600 px).

    >>> page = app_page(lazy=True)
    >>> page.team is None, page.open_team() is page.team
    (True, True)
    """
    import ipywidgets as W

    from .method import footer_text
    from .widgets import Explorer, TeamPanel

    if lazy_team is not None:
        lazy = lazy_team
    policy, link, company = _inputs(policy, query, company)
    header = W.HTML(f"<style>{app_css()}</style>{header_html(policy)}")
    notice = W.HTML(
        "".join(
            f"<p class='cpo-link-problem' role='status'>{escape(p)}.</p>" for p in link.problems
        )
        if link
        else ""
    )
    explorer = Explorer(
        company,
        code_labels=False,
        standard=link.standard if link else None,
        policy=policy,
        narrow=narrow,
        lazy=lazy,
    )
    footer = W.HTML(  # the stages as the policy words them, and the policy's name
        f"<footer class='cpo-footer'>{escape(footer_text(policy))}</footer>"
    )
    team_intro = W.HTML(
        "<p class='cpo-intro'>A CPO is created by a leadership team, not by one person. Add "
        "each person's view of the judgement calls; the team's answer takes the median and the "
        "majority, and the first line says which disagreement to settle first.</p>"
    )
    team_tab = W.VBox([team_intro])
    views = W.Tab(children=[explorer, team_tab])
    views.set_title(0, "Your view")
    views.set_title(1, "A team's views")
    views.add_class("cpo-views")
    parts = [header, notice]
    if share:
        parts.append(_share_bar(explorer))
        # served: the share bar downloads the memo; the panel's button would write it on the
        # server's disk, where the visitor never sees it
        explorer.memo_button.layout.display = explorer.memo_status.layout.display = "none"
    page = W.VBox([*parts, views, footer], layout=W.Layout(width="100%"))
    page.add_class("cpo-app")
    page.explorer, page.team = explorer, None

    def open_team(_=None):
        """The team's panel, built once, from the company on "Your view" at that moment."""
        if page.team is None:
            page.team = TeamPanel(explorer.assessment.company, policy=explorer.policy)
            team_tab.children = [team_intro, page.team]
        return page.team

    page.open_team = open_team
    if (
        lazy
    ):  # the team tab is built when the visitor first opens the tab: no first answer waits for it
        views.observe(lambda c: c["new"] == 1 and open_team(), "selected_index")
    else:
        open_team()
    return page


def _inputs(policy, query, company):
    """The policy (given, else `cpo-model app --policy`, else the bundled one), what the link
    says (None without a query), and the company: the link's, else the one given."""
    from .policy import policy_from_env, resolve

    policy = resolve(policy if policy is not None else policy_from_env())[0]
    link = None
    if query is not None:
        from .server.share import read_query

        link = read_query(query, standards=tuple(policy.standards))
        company = link.company or company
    return policy, link, company


def first_answer_html(query: str | None = None, policy=None) -> str:
    """The answer card `app_page(query=...)` opens with, without building the page: what the
    app's server puts in the page it first sends, so a visitor reads the answer before the
    controls arrive ('' for a link with a problem: the app's page says what it was).

    >>> "Role that fits today" in first_answer_html("headcount=300&complexity=3")
    True
    >>> first_answer_html("headcount=abc")
    ''
    """
    from .company import Company
    from .model import assess
    from .widgets.explorer import DEFAULT_COMPANY, explorer_card_html

    policy, link, company = _inputs(policy, query, None)
    if link is not None and link.problems:  # the app says what was wrong with the link first
        return ""
    company = company or Company(**DEFAULT_COMPANY)
    standard = link.standard if link else None
    return explorer_card_html(assess(company, policy, standard or policy.default_standard))


def _share_bar(explorer):
    """The share bar, kept in step with the answer on screen (the last valid inputs)."""
    import ipywidgets as W

    from .report import pdf_unavailable

    pdf = pdf_unavailable() is None
    bar = W.HTML()
    bar.add_class("cpo-share-bar")

    def refresh(_=None):
        bar.value = share_html(explorer.assessment.company, _standard(explorer), pdf)

    for w in [
        *explorer.fields.values(),
        explorer.standard,
        explorer.from_factors,
        *explorer.owners.values(),
    ]:
        w.observe(refresh, "value")  # observers run in order: the Explorer's update came first
    refresh()
    return bar


def _standard(explorer) -> str | None:
    """The size bands, when not the policy's default (a link leaves the default out)."""
    value = explorer.standard.value
    return None if value == explorer.policy.default_standard else value
