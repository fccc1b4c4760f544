"""What stops a report: `ReportError`, and a failed template cell told in one line.

>>> cell_error(RuntimeError("boom\\n  in cell 3"))
'RuntimeError: boom in cell 3'
"""

from __future__ import annotations

from ..present import shorten


class ReportError(RuntimeError):
    """A report that cannot be produced (render failure, PDF unavailable); one line."""


def cell_error(exc: BaseException) -> str:
    """One printable line for an exception, using the cell's `ename: evalue` when the kernel raised
    it."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(exc).__name__}: {exc}"
    return shorten(" ".join(text.split()), 300)
