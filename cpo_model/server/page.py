"""The page a visitor sees: `app_page` with the link's inputs and the share bar."""

from __future__ import annotations

from urllib.parse import parse_qsl

QUERY_HEADER = "x-cpo-query"  # set by the guard from the page's own query
NARROW_PARAM = "cpo_view"  # added to the query by the page's script on a phone-sized screen


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

    query = link_query()
    narrow = dict(parse_qsl(query)).get(NARROW_PARAM) == "narrow"
    return app_page(query=query, share=True, lazy_team=True, narrow=narrow)
