"""Shareable reports: one company -> a self-contained HTML memo; a companies CSV -> a folder of
them.

The report is the notebook template `notebooks/report.ipynb`, executed for one company and
exported with nbconvert (no code, no prompts) into a page that loads nothing from the network:
figures are embedded PNGs, styles are inline, there is no script, and a Content-Security-Policy
forbids any fetch. The template only calls `Report` methods, so all the logic (and all the
escaping of user text) lives in this package.

The public API is what this module exports; the modules behind it:
- `sections` (`Report`, what the template calls) and `appendix` (its longer sections)
- `memo` (`render_report`), `portfolio` (`build_portfolio`) and `index` (the portfolio's index page)
- `template` (where the template is), `params` (a company as its parameters), `kernel` (running it)
- `page` (the page, its CSS, the offline check), `markup` (escaping, tables), `pdf`, `names`,
`errors`

>>> slugify("Acme, Inc. / ../../etc")
'acme-inc-etc'
"""

from importlib import import_module

from .errors import ReportError
from .memo import render_report
from .names import slugify
from .pdf import pdf_unavailable

# Loaded on first use: a memo is drawn in its kernel, so the command line that starts it never
# needs pandas or matplotlib (half a second).
_LAZY = {"Report": ".sections", "setup_notebook": ".sections", "build_portfolio": ".portfolio"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'cpo_model.report' has no attribute {name!r}")


__all__ = [
    "Report",
    "ReportError",
    "build_portfolio",
    "pdf_unavailable",
    "render_report",
    "setup_notebook",
    "slugify",
]
