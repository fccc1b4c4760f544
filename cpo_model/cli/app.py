"""`cpo-model app`: the Explorer as a web app, on 127.0.0.1 unless --host says otherwise."""

from __future__ import annotations

import argparse
import os

from ..errors import InputFileError
from ..server.settings import DEFAULT_MAX_WORKERS, Limits
from .args import PROG, address_of
from .policy import add_policy_flag, checked_policy


def _positive(flag: str, raw: str | None, kind=float):
    if raw is None:
        return None
    try:
        value = kind(raw)
    except ValueError:
        value = 0
    if not value > 0:
        what = "a whole number" if kind is int else "a number"
        raise InputFileError(f"{flag} {raw}: expected {what} above 0")
    return value


def add(sub) -> None:
    app = sub.add_parser(
        "app",
        help=(
            "serve the Explorer as a web app for a team, bound to 127.0.0.1 unless --host says "
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
    app.add_argument(
        "--max-sessions",
        metavar="N",
        help=f"visitors at once; the next one sees a 'busy' page (default {Limits.max_sessions})",
    )
    app.add_argument(
        "--idle-minutes",
        metavar="M",
        help=(
            "let a page go after this many minutes without a change "
            f"(default {Limits.idle_seconds / 60:g})"
        ),
    )
    app.add_argument(
        "--workers",
        metavar="N",
        help=(
            "server processes taking visitors (default: one per core, at most "
            f"{DEFAULT_MAX_WORKERS}; each holds about 200 MiB)"
        ),
    )
    add_policy_flag(app)
    app.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..extras import require

    require("server", f"{PROG} app")  # before a server starts
    from ..server import serve

    host, port = address_of(args.host, args.port)
    sessions = _positive("--max-sessions", args.max_sessions, int)
    idle = _positive("--idle-minutes", args.idle_minutes)
    workers = _positive("--workers", args.workers, int)
    limits = Limits.from_env(
        os.environ,
        max_sessions=sessions,
        idle_seconds=None if idle is None else idle * 60,
        workers=workers,
    )
    policy = checked_policy(args.policy)
    if policy is not None:  # every visitor's page reads it (`app_page`)
        from ..policy import POLICY_ENV

        os.environ[POLICY_ENV] = os.path.abspath(policy)
    return serve(host, port, limits)
