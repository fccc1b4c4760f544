"""`cpo-model app`: the Explorer as a web app, on 127.0.0.1 unless --host says otherwise."""

from __future__ import annotations

import argparse
import sys

from .args import PROG, address_of
from .policy import add_policy_flag, checked_policy


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
    add_policy_flag(app)
    app.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..extras import require

    require("notebooks", f"{PROG} app")  # before a server starts
    from ..app import LOOPBACK, serve

    host, port = address_of(args.host, args.port)
    policy = checked_policy(args.policy)
    if host not in LOOPBACK:
        print(
            f"{PROG}: warning: --host {host} makes the app reachable from other machines",
            file=sys.stderr,
        )
    return serve(host, port, policy)
