"""The bundled notebooks, copied to a folder of the user's: the installed package is only read.

>>> import tempfile, pathlib
>>> dest = pathlib.Path(tempfile.mkdtemp()) / "my-notebooks"
>>> sorted(p.name for p in copy_notebooks(dest))[:2]
['app.ipynb', 'calibration.ipynb']
>>> copy_notebooks(dest)
Traceback (most recent call last):
...
cpo_model.errors.InputFileError: ...app.ipynb exists; add --force to overwrite (... files exist)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import InputFileError
from .resources import data_path, notebooks_dir

EXAMPLES = "examples"  # the example data goes to DIR/examples/


def bundled() -> list[tuple[Path, str]]:
    """(source, path relative to the destination) of every notebook and example data file."""
    notebooks = sorted(notebooks_dir().glob("*.ipynb"))
    examples = sorted(data_path(EXAMPLES).glob("*.csv"))
    return [(p, p.name) for p in notebooks] + [(p, f"{EXAMPLES}/{p.name}") for p in examples]


def copy_notebooks(dest: str | Path, force: bool = False, missing_only: bool = False) -> list[Path]:
    """Copy the bundled notebooks (and the example data) into `dest`; the files written.

    An existing file is never overwritten without `force`: `InputFileError` names it (or, with
    `missing_only`, it is kept and only the missing ones are copied)."""
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise InputFileError(f"{dest}: not a folder")
    files = bundled()
    existing = [dest / rel for _, rel in files if (dest / rel).exists()]
    if existing and not force and not missing_only:
        raise InputFileError(
            f"{existing[0]} exists; add --force to overwrite ({len(existing)} of {len(files)} "
            "files exist)"
        )
    written = []
    try:
        for src, rel in files:
            target = dest / rel
            if target.exists() and missing_only and not force:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
            written.append(target)
    except OSError as exc:
        raise InputFileError(f"{dest}: cannot write ({exc.strerror})") from None
    return written
