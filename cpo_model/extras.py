"""Optional parts of the install: which packages each extra brings, and a clear message when
one is missing. The lists come from the package's own metadata (`pyproject.toml`), so they are
written once.

>>> "nbformat" in requirements("notebooks")
True
>>> missing("no-such-extra")
[]
"""

from __future__ import annotations

import re
from functools import cache
from importlib import metadata

from .errors import MissingExtraError

DISTRIBUTION = "cpo-model"
EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@cache
def requirements(extra: str) -> tuple[str, ...]:
    """The distributions the extra `extra` installs (self-references such as `all` expanded)."""
    try:
        reqs = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return ()
    out: list[str] = []
    for req in reqs:
        spec, _, marker = req.partition(";")
        found = EXTRA.search(marker)
        if not found or found.group(1) != extra:
            continue
        name = re.match(r"\s*([A-Za-z0-9_.\-]+)(\[([^\]]*)\])?", spec)
        if name.group(1).lower() == DISTRIBUTION:  # e.g. all = cpo-model[notebooks,scale]
            for sub in (name.group(3) or "").split(","):
                out += [r for r in requirements(sub.strip()) if r not in out]
        elif name.group(1) not in out:
            out.append(name.group(1))
    return tuple(out)


def missing(extra: str) -> list[str]:
    """The distributions of `extra` that are not installed."""
    gone = []
    for dist in requirements(extra):
        try:
            metadata.version(dist)
        except metadata.PackageNotFoundError:
            gone.append(dist)
    return gone


def require(extra: str, what: str) -> None:
    """Raise `MissingExtraError` (one line: what needs it, what is missing, the pip command)
    when part of `extra` is not installed."""
    gone = missing(extra)
    if gone:
        raise MissingExtraError(what, extra, gone)
