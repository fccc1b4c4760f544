"""`cpo-model app`: the Explorer as a web app, on 127.0.0.1 unless --host says otherwise."""

from __future__ import annotations

import argparse
import sys

from .args import PROG, UsageError


def add(sub) -> None:
    app = sub.add_parser(
        "app",
        help=(
            "serve the Explorer as a web app (Voila), bound to 127.0.0.1 unless --host says "
            "otherwise"
        ),
        description=(
            "The Explorer for people who never open Jupyter: no code in sight, nothing loaded "
            "from the network."
        ),
    )
    app.add_argument("--port", default="8866", metavar="N", help="port to listen on (default 8866)")
    app.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    app.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..app import LOOPBACK, serve

    port = args.port.strip()
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UsageError(f"--port {args.port}: expected a whole number from 1 to 65535")
    host = args.host.strip()
    if not host or any(c.isspace() for c in host):
        raise UsageError(f"--host {args.host!r}: expected an address such as 127.0.0.1")
    if host not in LOOPBACK:
        print(
            f"{PROG}: warning: --host {host} makes the app reachable from other machines",
            file=sys.stderr,
        )
    return serve(host, int(port))
