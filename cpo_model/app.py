"""Serve the Explorer as a web app with Voilà: controls and answer, no code in sight.

cpo-model app [--port 8866] [--host 127.0.0.1]
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from .errors import InputFileError

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8866
APP_NOTEBOOK = "app.ipynb"


def app_notebook() -> Path:
    """The app notebook: notebooks/app.ipynb in a checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "notebooks", here.parent / "notebooks"):
        if (folder / APP_NOTEBOOK).is_file():
            return folder / APP_NOTEBOOK
    raise InputFileError(f"app notebook {APP_NOTEBOOK} not found next to the package; run from a checkout")


def check_port(host: str, port: int) -> None:
    """Raise `InputFileError` with one clear line when `port` cannot be bound on `host`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise InputFileError(f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); choose another port with --port") from None


def voila_command(host: str, port: int, notebook: Path | None = None) -> list[str]:
    """The Voilà command line that serves the app."""
    nb = notebook or app_notebook()
    return [
        sys.executable,
        "-m",
        "voila",
        str(nb),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={host}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
    ]


def serve(host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> int:
    """Run the app until interrupted; returns Voilà's exit status."""
    check_port(host, port)
    nb = app_notebook()
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(f"cpo-model app: serving {nb.name} at {url} (Ctrl-C to stop)", flush=True)
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # inherited by kernels, it would stop inline figures
    cmd = voila_command(host, port, nb)
    os.chdir(nb.parent)
    os.execve(cmd[0], cmd, env)  # Voila replaces this process: signals and exit status are its own
    return 0  # pragma: no cover - not reached
