"""Shareable reports: one assessment -> a board memo (HTML or PDF); a companies CSV -> a folder
of memos and an index.

The memo is made in this process from one assessment (`memo_html`, `memo_pdf`, `write_memo`):
figures are embedded PNGs, styles are inline, there is no script, and a Content-Security-Policy
forbids any fetch. The PDF is printed by a local Chromium with page numbers and a running title.

The public API is what this module exports; the modules behind it:
- `memo` (`memo_html`, `memo_pdf`, `write_memo`, `render_report`), `front` (page one)
- `sections` (`Report`: every appendix section; `notebooks/report.ipynb` shows them one by one)
  and `appendix` (its longer sections)
- `portfolio` (`build_portfolio`) and `index` (the portfolio's index page), `pool` (workers)
- `page` (the page, its CSS, the offline check), `markup` (escaping, tables), `pdf`, `names`,
  `params`, `errors`

>>> slugify("Acme, Inc. / ../../etc")
'acme-inc-etc'
"""

from importlib import import_module

from .errors import ReportError
from .names import slugify
from .pdf import pdf_unavailable

# Loaded on first use: the command line that only checks its flags never needs pandas or
# matplotlib.
_LAZY = {
    "Report": ".sections",
    "setup_notebook": ".sections",
    "build_portfolio": ".portfolio",
    "memo_html": ".memo",
    "memo_pdf": ".memo",
    "write_memo": ".memo",
    "render_report": ".memo",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'cpo_model.report' has no attribute {name!r}")


__all__ = [
    "Report",
    "ReportError",
    "build_portfolio",
    "memo_html",
    "memo_pdf",
    "pdf_unavailable",
    "render_report",
    "setup_notebook",
    "slugify",
    "write_memo",
]
