"""`cpo-model notebooks DIR`: the bundled notebooks and example data, copied for a pip user."""

from __future__ import annotations

import argparse

EXIT_OK = 0


def add(sub) -> None:
    n = sub.add_parser(
        "notebooks",
        help="copy the bundled notebooks (and example data) into a folder of yours",
        description=(
            "Copy the notebooks that ship with cpo-model (explore, portfolio, team, method, "
            "calibration, readiness, the report template and the app) and the example data into "
            "DIR, to open and edit there. Existing files are kept unless --force."
        ),
        epilog="examples:\n  cpo-model notebooks my-notebooks\n  cpo-model lab my-notebooks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    n.add_argument("dir", metavar="DIR", help="the folder to copy into (created if needed)")
    n.add_argument("--force", action="store_true", help="overwrite files that exist")
    n.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..extras import missing
    from ..workspace import copy_notebooks

    written = copy_notebooks(args.dir, force=args.force)
    notebooks = sum(p.suffix == ".ipynb" for p in written)
    print(
        f"Copied {notebooks} notebooks and {len(written) - notebooks} example files to {args.dir}."
    )
    if missing("notebooks"):
        print('To open them, install JupyterLab: pip install "cpo-model[notebooks]"')
    print(f"Open them with: cpo-model lab {args.dir}")
    return EXIT_OK
