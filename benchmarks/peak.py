"""Run Python code and record its own peak resident memory: `python peak.py OUT -m MODULE ARGS`
or `python peak.py OUT -c CODE ARGS`.

The kernel's high-water mark of this process (`VmHWM`, in KiB) is written to OUT at exit. The
rusage a parent sees is not used: it can include the parent's own memory at the fork.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def _record(out: str) -> None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            Path(out).write_text(line.split()[1])


def main() -> None:
    out, kind, target, *rest = sys.argv[1:]
    atexit.register(_record, out)
    if kind == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["-c", *rest]
        exec(compile(target, "<code>", "exec"), {"__name__": "__main__"})


if __name__ == "__main__":
    main()
