"""Shareable reports: one company -> a self-contained HTML memo; a companies CSV -> a folder of them.

The report is the notebook template `notebooks/report.ipynb`, executed for one company and
exported with nbconvert (no code, no prompts) into a page that loads nothing from the network:
figures are embedded PNGs, styles are inline, there is no script, and a Content-Security-Policy
forbids any fetch. The template only calls `Report` methods, so all the logic (and all the
escaping of user text) lives in this package:

- `sections`: `Report`, the memo section by section (what the template calls)
- `markup`: `Html`, `Safe`, `esc`, `table`; `page`: the page, its CSS and the offline check
- `template`: where the template is, and a company as its parameters
- `kernel`: running the template (`KernelSession`: one kernel for a whole portfolio)
- `memo`: `render_report` (one company); `pdf`: printing it with a local Chromium
- `portfolio`: `build_portfolio`; `index`: the portfolio's index page
- `names`: file-name slugs and terminal-safe text; `errors`: `ReportError`

>>> slugify("Acme, Inc. / ../../etc")
'acme-inc-etc'
>>> unique_slugs(["Acme", "acme", "", "index"])
['acme', 'acme-2', 'company-3', 'index-company']
"""

from .errors import ReportError
from .index import RESULT_KEYS, Entry, portfolio_index
from .kernel import CELL_TIMEOUT, KERNEL_ARGS, KERNEL_NAME, KernelSession, execute_report, kernel_manager_class
from .markup import Html, Safe, Span, esc, table
from .memo import FORMATS, render_report
from .names import RESERVED_SLUGS, SLUG_MAX, slugify, unique_slugs
from .page import CSP, CSS, FIGURE_DPI, REMOTE, export_html, external_references, page, report_title
from .page import _clean_for_export as _clean_for_export
from .pdf import CHROMIUM_ARGS, CHROMIUM_NAMES, find_chromium, html_to_pdf, pdf_unavailable
from .portfolio import Portfolio, build_portfolio
from .sections import Report, setup_notebook
from .template import TEMPLATE_CANDIDATES, company_params, parameterised, template_path, to_company

__all__ = [
    "CELL_TIMEOUT",
    "CHROMIUM_ARGS",
    "CHROMIUM_NAMES",
    "CSP",
    "CSS",
    "FIGURE_DPI",
    "FORMATS",
    "KERNEL_ARGS",
    "KERNEL_NAME",
    "REMOTE",
    "RESERVED_SLUGS",
    "RESULT_KEYS",
    "SLUG_MAX",
    "TEMPLATE_CANDIDATES",
    "Entry",
    "Html",
    "KernelSession",
    "Portfolio",
    "Report",
    "ReportError",
    "Safe",
    "Span",
    "build_portfolio",
    "company_params",
    "esc",
    "execute_report",
    "export_html",
    "external_references",
    "find_chromium",
    "html_to_pdf",
    "kernel_manager_class",
    "page",
    "parameterised",
    "pdf_unavailable",
    "portfolio_index",
    "render_report",
    "report_title",
    "setup_notebook",
    "slugify",
    "table",
    "template_path",
    "to_company",
    "unique_slugs",
]
