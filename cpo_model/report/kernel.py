"""Running the template: a kernel of this interpreter, and one kernel shared by many companies.

`execute_report` runs one company in a kernel of its own; a portfolio keeps one `KernelSession`
open and runs every company through it (a kernel start and the imports cost seconds each).

>>> kernel_manager_class().__name__
'CurrentEnvKernelManager'
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..company import Company
from .errors import ReportError, cell_error
from .params import Raters
from .template import parameterised, template_path

if TYPE_CHECKING:
    from nbformat import NotebookNode

KERNEL_NAME = "python3"
# The kernel's own TCP warning would otherwise land on the user's terminal for every report.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]
CELL_TIMEOUT = 180  # seconds per template cell


@functools.cache
def kernel_manager_class() -> type:
    """A kernel manager that always starts this interpreter's ipykernel.

    A `python3` kernelspec elsewhere (e.g. `~/.local/share/jupyter/kernels`) would otherwise win
    and could run the report in a Python without cpo_model.
    """
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str):
            return self.kernel_spec_class(resource_dir=RESOURCES, **get_kernel_dict())

    class CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self) -> KernelSpecManager:
            return CurrentEnvSpecs(data_dir=self.data_dir)

    return CurrentEnvKernelManager


class KernelSession:
    """One kernel for many reports: executes the template per company, resetting state in between.

    Use it as a context manager (`with KernelSession(cwd=folder) as session: session.run(nb)`):
    the kernel starts on the first `run` and stops on leaving the block.
    """

    # `%reset -f` empties the namespace and runs two full garbage collections. Freezing what
    # survives them (modules, caches) keeps later collections to one company's objects.
    RESET = "get_ipython().run_line_magic('reset', '-f'); __import__('gc').freeze()"

    def __init__(self, cwd: str | Path | None = None) -> None:
        self.cwd = str(cwd) if cwd else None
        self.km = None
        self.client = None
        self._used = False  # has a notebook run in this kernel (then reset it first)?

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self, nb: NotebookNode) -> None:
        from nbclient import NotebookClient

        self.km = kernel_manager_class()(kernel_name=KERNEL_NAME)
        self.client = NotebookClient(
            nb,
            km=self.km,
            timeout=CELL_TIMEOUT,
            record_timing=False,
            extra_arguments=list(KERNEL_ARGS),
            allow_errors=False,
            shutdown_kernel="immediate",  # nothing to save: a graceful stop costs ~0.4 s
        )
        kwargs: dict = {"cwd": self.cwd} if self.cwd else {}
        if not os.environ.get("CPO_MODEL_DEBUG"):
            # the kernel's own logging (e.g. a race at shutdown) is not the user's business; a
            # failing cell still reports through the client. CPO_MODEL_DEBUG=1 shows it.
            kwargs["stderr"] = subprocess.DEVNULL
        self.client.start_new_kernel(**kwargs)
        self.client.start_new_kernel_client()
        self._used = False

    def run(self, nb: NotebookNode) -> NotebookNode:
        """Execute `nb` (already parameterised) in the shared kernel; raises on a cell error.

        A reset cell runs first, so nothing from the previous company survives; a kernel that
        died or timed out is replaced before the next company.
        """
        import nbformat
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        if self.client is None or not self._alive():
            self.close()
            self._start(nb)
        reset = self._used
        if reset:
            nb.cells.insert(0, nbformat.v4.new_code_cell(self.RESET))
        self.client.nb = nb
        self._used = True
        try:
            self.client.execute()
        except (CellTimeoutError, DeadKernelError):
            self.close()
            raise
        finally:
            if reset:
                del nb.cells[0]
        return nb

    def _alive(self) -> bool:
        from nbclient.util import run_sync

        if self.client is None or self.km is None or self.client.kc is None:
            return False
        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):  # best effort at shutdown
                self.client._cleanup_kernel()
        self.client = self.km = None


def execute_report(
    company: Company,
    policy_path=None,
    standard: str | None = None,
    as_of: date | None = None,
    raters: Raters | None = None,
) -> NotebookNode:
    """Run the template for one company (or a team's views of it) in a kernel of its own; the
    executed notebook."""
    import nbformat
    from nbclient.exceptions import CellExecutionError

    nb = parameterised(
        nbformat.read(str(template_path()), as_version=4),
        company,
        policy_path,
        standard,
        as_of or date.today(),
        raters,
    )
    with (
        tempfile.TemporaryDirectory(prefix="cpo-report-") as tmp,
        KernelSession(cwd=tmp) as session,
    ):
        try:
            return session.run(nb)
        except CellExecutionError as exc:
            raise ReportError(f"the report template failed: {cell_error(exc)}") from None
