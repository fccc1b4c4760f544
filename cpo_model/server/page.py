"""The page a visitor sees: `app_page` with the link's inputs and the share bar."""

from __future__ import annotations

QUERY_HEADER = "x-cpo-query"  # set by the guard from the page's own query


def link_query() -> str:
    """The query of the page this session serves ('' outside the app's server)."""
    try:
        import solara.lab

        headers = solara.lab.headers.value or {}
    except Exception:  # not inside a session
        return ""
    values = headers.get(QUERY_HEADER) or [""]
    return values[0]


def visitor_page():
    """The app's page for the current visitor."""
    from ..app import app_page

    return app_page(query=link_query(), share=True, lazy_team=True)
