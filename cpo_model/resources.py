"""Where the bundled data lives, from a checkout or an installed wheel.

>>> data_path("policy.yaml").name
'policy.yaml'
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# An installed wheel carries data/ inside the package; a checkout keeps it at the top level.
_CANDIDATES = (_HERE / "data", _HERE.parent / "data")


def notebooks_dir() -> Path:
    """The folder of the bundled notebooks: inside the package (a wheel) or notebooks/ (a
    checkout)."""
    for folder in (_HERE / "notebooks", _HERE.parent / "notebooks"):
        if (folder / "explore.ipynb").is_file():
            return folder
    raise FileNotFoundError(f"cpo_model notebooks not found next to {_HERE}")


def data_dir() -> Path:
    """The folder holding policy.yaml, responsibilities.csv, skills.csv and examples/."""
    for folder in _CANDIDATES:
        if (folder / "policy.yaml").is_file():
            return folder
    raise FileNotFoundError(f"cpo_model data not found in {', '.join(map(str, _CANDIDATES))}")


def data_path(name: str) -> Path:
    """Path of one bundled data file, e.g. ``data_path("examples/companies.csv")``."""
    return data_dir() / name


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a bundled CSV as immutable-by-convention dicts."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def responsibilities() -> tuple[dict[str, str], ...]:
    """The nine CPO responsibilities of the source text (id, name, source)."""
    return read_table("responsibilities.csv")


def skills() -> tuple[dict[str, str], ...]:
    """The eight CPO skills of the source text (id, name, description, source)."""
    return read_table("skills.csv")
