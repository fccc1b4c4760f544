"""The report template `report.ipynb`: where it is, and a copy with one company's parameters
injected.

>>> template_path().name
'report.ipynb'
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..company import Company
from .errors import ReportError
from .params import Raters, template_params

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATE = "report.ipynb"


def template_path() -> Path:
    """The report notebook template (with the bundled notebooks: `resources.notebooks_dir`)."""
    from ..resources import notebooks_dir

    try:
        path = notebooks_dir() / TEMPLATE
    except FileNotFoundError as exc:
        raise ReportError(f"report template not found: {exc}") from None
    if not path.is_file():
        raise ReportError(f"report template not found: {path}")
    return path


def parameterised(
    template: NotebookNode,
    company: Company,
    policy_path=None,
    standard: str | None = None,
    as_of: date | None = None,
    raters: Raters | None = None,
) -> NotebookNode:
    """A copy of the template with papermill's injected-parameters cell for `company`."""
    import copy

    from papermill.parameterize import parameterize_notebook

    nb = copy.deepcopy(template)
    nb.metadata["papermill"] = {}
    for cell in nb.cells:  # papermill expects every cell to carry a tags list
        cell.metadata["tags"] = list(cell.metadata.get("tags", []))
    nb = parameterize_notebook(
        nb, template_params(company, policy_path, standard, as_of or date.today(), raters)
    )
    nb.metadata.pop("papermill", None)
    return nb
