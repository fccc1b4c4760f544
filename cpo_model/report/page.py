"""The memo page: one self-contained HTML file that loads nothing remote.

Styles are inline (`memo.css`), figures embedded PNGs, there is no script, and a
Content-Security-Policy forbids any fetch; `external_references` checks the result.

>>> html = page("Acme <memo>", "<p>Hello</p>")
>>> "<title>Acme &lt;memo&gt;</title>" in html, external_references(html)
(True, [])
>>> external_references("<img src='https://example.com/x.png'>")
['https://example.com/x.png']
"""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser
from importlib.resources import files
from typing import TYPE_CHECKING

from .markup import esc, version

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Pixels per inch of every figure in a memo or index: a 10-inch chart is 1,000 px wide. The charts
# lay themselves out (constrained layout), so no tight bounding box, which would draw each twice.
FIGURE_DPI = 100
CSS = files(__package__).joinpath("memo.css").read_text(encoding="utf-8")
# Defence in depth: even a bug that let markup through could not run script or fetch anything.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action "
    "'none'"
)


def page(title: str, body: str, footer: str = "") -> str:
    """A complete, self-contained HTML page. `title` is plain text (escaped here); `body` is
    markup."""
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<meta name='generator' content='cpo-model {esc(version())}'>\n"
        f"<title>{esc(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
        f"<main class='memo'>\n{body}\n</main>\n"
        + (f"<footer>{footer}</footer>\n" if footer else "")
        + "</body>\n</html>\n"
    )


def figure_img(fig: Figure, alt: str) -> str:
    """A Figure as an embedded PNG `<img>` at `FIGURE_DPI` (what the index page shows)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (
        f"<img src='data:image/png;base64,{data}' "
        f"width='{round(fig.get_figwidth() * FIGURE_DPI)}' alt='{esc(alt)}'>"
    )


class _Refs(HTMLParser):
    ATTRS = frozenset(
        {
            "src",
            "href",
            "srcset",
            "action",
            "formaction",
            "poster",
            "data",
            "background",
            "xlink:href",
            "manifest",
            "cite",
            "ping",
        }
    )

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
# An embedded image's data is long and never remote: parsed as the bare scheme, the check is
# several times faster on a memo with charts.
DATA_URI = re.compile(r"(?<=['\"])data:[\w/+=;,.-]*")


def external_references(html: str) -> list[str]:
    """Every src/href/url() in `html` that would reach the network (http:, https:, //...)."""
    p = _Refs()
    p.feed(DATA_URI.sub("data:", html))
    p.close()
    return [r for r in p.refs if REMOTE.match(r)]
