"""`cpo-model lab [DIR]`: JupyterLab on the notebooks in DIR (copied there first if missing),
bound to 127.0.0.1 unless --host says otherwise."""

from __future__ import annotations

import argparse
import os
import sys

from .args import PROG, address_of
from .policy import add_policy_flag, checked_policy

DEFAULT_DIR = "cpo-model-notebooks"
FIRST = "explore.ipynb"  # the notebook JupyterLab opens


def add(sub) -> None:
    lab = sub.add_parser(
        "lab",
        help="open JupyterLab on the notebooks (copied into DIR first when missing)",
        description=(
            "Open JupyterLab on the cpo-model notebooks in DIR (default ./cpo-model-notebooks). "
            "Notebooks missing from DIR are copied there first; existing ones are never "
            "overwritten. Arguments after -- go to JupyterLab."
        ),
        epilog="examples:\n  cpo-model lab\n  cpo-model lab my-notebooks --port 8890\n"
        "  cpo-model lab my-notebooks --no-browser -- --ServerApp.token=secret\n"
        "  cpo-model lab my-notebooks --policy my-policy.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lab.add_argument("dir", nargs="?", default=DEFAULT_DIR, metavar="DIR")
    lab.add_argument("--port", default="8888", metavar="N", help="port (default 8888)")
    lab.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    add_policy_flag(lab)
    lab.set_defaults(run=run)


def command(args: argparse.Namespace) -> list[str]:
    """The JupyterLab command line for these arguments."""
    host, port = address_of(args.host, args.port)
    extra = list(getattr(args, "passthrough", []))
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={host}",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={os.path.abspath(args.dir)}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # JupyterLab refuses root otherwise (containers run as root)
    if args.no_browser:
        cmd.append("--no-browser")
    return [*cmd, *extra, os.path.join(os.path.abspath(args.dir), FIRST)]


def run(args: argparse.Namespace) -> int:
    from ..app import LOOPBACK
    from ..extras import require
    from ..workspace import copy_notebooks

    require("notebooks", f"{PROG} lab")
    cmd = command(args)
    policy = checked_policy(args.policy)  # a bad --policy stops here, before anything is copied
    copied = copy_notebooks(args.dir, missing_only=True)
    if copied:
        print(f"{PROG} lab: copied {len(copied)} files to {args.dir}", flush=True)
    if args.host.strip() not in LOOPBACK:
        print(
            f"{PROG}: warning: --host {args.host} makes JupyterLab reachable from other machines",
            file=sys.stderr,
        )
    print(f"{PROG} lab: JupyterLab on {args.dir} (Ctrl-C to stop)", flush=True)
    if policy is not None:  # the notebooks' kernels read it: cpo_model.policy.policy_from_env()
        from ..policy import POLICY_ENV

        os.environ[POLICY_ENV] = os.path.abspath(policy)
    os.execv(cmd[0], cmd)  # JupyterLab replaces this process: its signals and exit status
    return 0  # pragma: no cover - not reached
