"""The app's server process: one socket (SO_REUSEADDR, so a restart takes the same port at
once), Solara's server for the page, the project's guard in front, offline front-end files."""

from __future__ import annotations

import os
import socket
import sys
import warnings
from pathlib import Path

from ..errors import InputFileError
from .settings import Limits

VISIT = Path(__file__).resolve().parent / "visit.py"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
PING_SECONDS = 20  # websocket keep-alive: a page whose network is gone is noticed in ~40 s


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, reusable at once after a restart; one clear line if
    the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        msg = (
            f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); choose another "
            "port with --port"
        )
        raise InputFileError(msg) from None
    sock.set_inheritable(True)
    return sock


def solara_env(limits: Limits, env: dict | None = None) -> dict[str, str]:
    """Settings for Solara's server, read when it is first imported: our page, production
    mode, no telemetry (nothing leaves the machine), sessions culled after the idle time."""
    out = dict(os.environ if env is None else env)
    out.pop("MPLBACKEND", None)
    out |= {
        "SOLARA_APP": f"{VISIT}:page",
        "SOLARA_MODE": "production",
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_KERNEL_CULL_TIMEOUT": f"{limits.idle_seconds:g}s",
        "SOLARA_THEME_LOADER": "plain",
    }
    return out


def exposed_line(host: str, port: int) -> str:
    """The one line `cpo-model app` prints when it listens beyond this machine."""
    return (
        f"cpo-model app: listening on {host}:{port}: anyone who can reach this address can use "
        "the app (the page and its memo downloads; no files, no code, no other notebooks)"
    )


def build_app(limits: Limits):
    """The guarded ASGI app (Solara's server must be configured first: `solara_env`)."""
    from solara.server.starlette import app as solara_app

    from .guard import Guard, few_arenas
    from .memo import MemoMaker

    few_arenas()

    return Guard(solara_app, limits, memo=MemoMaker(limits))


def serve(host: str = "127.0.0.1", port: int = 8866, limits: Limits | None = None) -> int:
    """Serve the app until interrupted (Ctrl-C); 0 on a clean stop."""
    limits = limits or Limits.from_env(os.environ)
    sock = bind(host, port)
    os.environ.update(solara_env(limits))
    os.environ.pop("MPLBACKEND", None)
    import uvicorn

    # Solara explains, on every page served over plain http, why its cookie is samesite=lax
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")

    app = build_app(limits)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if host not in LOOPBACK:
        print(exposed_line(host, port), file=sys.stderr, flush=True)
    print(f"cpo-model app: serving at {url} (Ctrl-C to stop)", flush=True)
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        ws="websockets-sansio",
        ws_max_size=limits.max_message_bytes,
        ws_ping_interval=PING_SECONDS,
        ws_ping_timeout=PING_SECONDS,
        timeout_keep_alive=5,
        server_header=False,
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0
