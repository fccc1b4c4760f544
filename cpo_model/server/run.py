"""The app's server: one socket (SO_REUSEADDR, so a restart takes the same port at once), one
process per core taking visitors from it (one interpreter builds one page at a time), Solara's
server for the page in each, the project's guard in front, offline front-end files."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
import traceback
import uuid
import warnings
from pathlib import Path

from ..errors import InputFileError
from .settings import Limits

VISIT = Path(__file__).resolve().parent / "visit.py"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
RESTART_PAUSE_SECONDS = 1.0  # before a server process that ended is replaced (never a tight loop)
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


def build_app(limits: Limits, boot: str | None = None, census=None):
    """The guarded ASGI app (Solara's server must be configured first: `solara_env`); `boot`
    names the server's start and `census` counts the sessions of its other processes."""
    from solara.server.starlette import app as solara_app

    from .guard import Guard, few_arenas
    from .memo import MemoMaker
    from .outbox import use_outbox
    from .page import page_answer

    few_arenas()
    use_outbox(limits.send_buffer_bytes)

    return Guard(
        solara_app,
        limits,
        memo=MemoMaker(limits),
        first_answer=page_answer,
        boot=boot,
        census=census,
    )


def serve(host: str = "127.0.0.1", port: int = 8866, limits: Limits | None = None) -> int:
    """Serve the app until interrupted (Ctrl-C); 0 on a clean stop. With `limits.workers` above
    one, that many processes take visitors from the one socket (a page's session stays in the
    process its websocket reached); a process that ends is replaced."""
    limits = limits or Limits.from_env(os.environ)
    sock = bind(host, port)
    os.environ.update(solara_env(limits))
    os.environ.pop("MPLBACKEND", None)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    if host not in LOOPBACK:
        print(exposed_line(host, port), file=sys.stderr, flush=True)
    print(f"cpo-model app: serving at {url} (Ctrl-C to stop)", flush=True)
    boot = uuid.uuid4().hex
    if limits.workers == 1:
        _serve_here(sock, limits, boot)
        return 0
    return _supervise(sock, limits, boot)


def _serve_here(sock: socket.socket, limits: Limits, boot: str, census=None) -> None:
    """Run the server in this process on `sock` until it is stopped."""
    import uvicorn

    # Solara explains, on every page served over plain http, why its cookie is samesite=lax
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    app = build_app(limits, boot, census)
    from .page import warm

    warm()
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


def _supervise(sock: socket.socket, limits: Limits, boot: str) -> int:
    """Start `limits.workers` server processes on `sock`, replace any that ends, and stop them
    all on Ctrl-C or SIGTERM."""
    import multiprocessing

    from .guard import Census

    shared = multiprocessing.get_context("fork")
    slots, lock = shared.RawArray("i", limits.workers), shared.Lock()
    children: dict[int, int] = {}  # pid -> slot
    stopping = False

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the new process: it serves until stopped, and never returns here
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 0
            try:
                _serve_here(sock, limits, boot, Census(slots, slot, lock))
            except BaseException:  # noqa: BLE001 - said, then the process ends
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        children[pid] = slot

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    for slot in range(limits.workers):
        start(slot)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        slot = children.pop(pid, None)
        if slot is None:
            continue
        slots[slot] = 0
        if not stopping:
            code = os.waitstatus_to_exitcode(status)
            print(
                f"cpo-model app: a server process ended (exit code {code}); starting another",
                file=sys.stderr,
                flush=True,
            )
            time.sleep(RESTART_PAUSE_SECONDS)
            if not stopping:
                start(slot)
    return 0
