"""Servers and a headless Chromium for the browser tests (tests/test_browser.py).

Servers run on a free 127.0.0.1 port in their own process group and are stopped by process
group, also when a test fails. Readiness is a TCP connect to the port: a GET on a Voilà page
would start a kernel. The browser is Debian's /usr/bin/chromium, never a downloaded one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cpo_model.report.pdf import CHROMIUM_ARGS as PDF_CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = list(PDF_CHROMIUM_ARGS)  # the same quiet, offline flags the PDF export uses
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LOGS = ROOT / "test-artifacts" / "logs"
START_TIMEOUT = 90  # seconds for a server to listen
STOP_TIMEOUT = 15  # seconds between SIGTERM and SIGKILL


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    """The environment for servers: this one without MPLBACKEND (kernels would inherit it)."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def python_cmd(*args: str) -> list[str]:
    """Run with this venv's python, so the kernels it starts are this venv's too."""
    return [sys.executable, *args]


@dataclass
class Server:
    """A started server: its process, port, base URL and log file."""

    proc: subprocess.Popen
    port: int
    log: Path
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def wait_listening(self, timeout: float = START_TIMEOUT) -> None:
        """Poll the TCP port until it accepts a connection; fail early if the server exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with status {self.proc.returncode} before listening on {self.port}:\n{self.log_tail()}")
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.settimeout(1)
                if s.connect_ex((self.host, self.port)) == 0:
                    return
            time.sleep(0.25)
        raise TimeoutError(f"server not listening on {self.host}:{self.port} after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM the process group (servers shut their kernels down), SIGKILL what is left."""
        descendants = _descendants(self.proc.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        # Kernels run in sessions of their own (jupyter_client); end any the server left behind.
        for proc in descendants:
            with contextlib.suppress(Exception):
                proc.wait(timeout=STOP_TIMEOUT)
            with contextlib.suppress(Exception):
                if proc.is_running():
                    proc.kill()


def _descendants(pid: int) -> list:
    try:
        import psutil

        return psutil.Process(pid).children(recursive=True)
    except Exception:
        return []


@contextlib.contextmanager
def running_server(
    cmd: Sequence[str], port: int, name: str, cwd: Path | None = None, env: dict | None = None, timeout: float = START_TIMEOUT
) -> Iterator[Server]:
    """Start `cmd` in a new process group, wait for `port`, yield the `Server`, stop it at the end."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            list(cmd), cwd=cwd or ROOT, env=env or server_env(), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(proc, port, log)
    try:
        server.wait_listening(timeout)
        yield server
    finally:
        server.stop()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
