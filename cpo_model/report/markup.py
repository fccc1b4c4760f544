"""HTML pieces for the memo: cell output (`Html`), escaping (`esc`, `Safe`) and tables.

Every piece of user or data text goes through `esc` unless it is already `Safe` markup.

>>> html = table(["Name", "Score"], [["<b>Acme</b>", 3]], numeric=(1,))
>>> "<td>&lt;b&gt;Acme&lt;/b&gt;</td><td class=num>3</td>" in html
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape


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
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    cls: str = "",
    numeric: Sequence[int] = (),
    row_classes: Sequence[str] | None = None,
) -> Safe:
    """An HTML table; every cell is escaped unless it is `Safe`. `numeric`: right-aligned
    columns."""
    head = "".join(
        f"<th{' class=num' if i in numeric else ''}>{esc(h)}</th>" for i, h in enumerate(headers)
    )
    body = []
    for k, row in enumerate(rows):
        rc = row_classes[k] if row_classes else ""
        cells = "".join(
            f"<td colspan={c.colspan}>{c}</td>"
            if isinstance(c, Span)
            else f"<td{' class=num' if i in numeric else ''}>{esc(c)}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr class='{esc(rc)}'>{cells}</tr>" if rc else f"<tr>{cells}</tr>")
    return Safe(
        "<table "
        f"class='{esc(cls)}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def unlink(markdown: str) -> str:
    """A Markdown source cell as plain text: `[title](url)` -> `title` (URLs go in the source
    list)."""
    return _MD_LINK.sub(r"\1", markdown)


def version() -> str:
    """The cpo-model version printed in every memo."""
    from .. import __version__

    return __version__
