"""The app's server for a leadership team: one visitor alone vs 10 and 20 opening the link at
once, measured side by side in one run with websocket clients that do not render (a browser per
visitor would measure the browsers on the same cores as much as the server).

Each visitor: GET the page, open its session's websocket, ask for the app, wait until the app is
up, stay until its first chart has come, then leave. Two times per visitor: "answer shown" (the
page's first response carries the link's answer card) and "app ready" (every widget of the page
sent, so a browser draws the controls). Rounds alternate "alone" (one visitor after another),
"10 at once" and "20 at once" (all
started within one second). Memory: the server's RSS before the visitors, with 10 idle pages
open, and after they leave.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
from common import fmt_mib, fmt_s

from cpo_model.server.probe import PICTURE, Visitor
from cpo_model.server.settings import Limits

TITLE = (
    "App server: first answer and app ready for one visitor alone vs 10 and 20 at once (target: "
    "10 at once p95 ≤ 3× alone; 20 at once: no failure; each idle visitor ≤ 50 MiB)"
)
ROOT = Path(__file__).resolve().parent.parent
Row = dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int) -> subprocess.Popen:
    env = dict(os.environ, CPO_MODEL_APP_MAX_SESSIONS="60")
    env.pop("MPLBACKEND", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpo_model", "app", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the app server did not start")


def _visit(url: str, i: int, out: list, timeout: float = 60) -> None:
    """One visitor; appends its timings ({"answer": s, "ready": s}) or None if it failed."""
    v = Visitor(url, f"headcount={120 + i}&complexity=3")
    try:
        v.first_answer(timeout)
        v.wait_for(PICTURE, timeout, regex=True)  # a visitor stays: their chart is drawn too
        out.append(v.timings)
    except Exception:
        out.append(None)
    finally:
        v.close()


def _at_once(url: str, n: int) -> list:
    out: list = []
    threads = [threading.Thread(target=_visit, args=(url, i, out)) for i in range(n)]
    for t in threads:
        t.start()
        time.sleep(0.9 / n)  # all started within one second
    for t in threads:
        t.join(120)
    return out


class Tree:
    """The server's processes (it runs one per core), measured together."""

    def __init__(self, proc: psutil.Process):
        self.proc = proc

    def _all(self) -> list[psutil.Process]:
        return [self.proc, *self.proc.children(recursive=True)]

    def memory(self) -> int:
        return sum(p.memory_info().rss for p in self._all())

    def cpu(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self._all())


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def bench(quick: bool) -> list[Row]:
    rounds = 1 if quick else 3
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = _start(port)
    server = Tree(psutil.Process(proc.pid))
    try:
        for i in range(6):  # each server process loads the app's code once
            _visit(url, i, [])
        time.sleep(3)
        base = server.memory()
        alone: list = []
        ten: list = []
        twenty: list = []
        cpu = 0.0
        for _ in range(rounds):
            before = server.cpu()
            for i in range(5):
                _visit(url, i, alone)
            cpu += server.cpu() - before
            ten += _at_once(url, 10)
            time.sleep(3)
            twenty += _at_once(url, 20)
            time.sleep(3)
        # memory: 10 pages open and idle, then gone
        idle = [Visitor(url, f"headcount={300 + i}") for i in range(10)]
        for v in idle:
            v.first_answer(60)
        time.sleep(1)
        held = server.memory()
        for v in idle:
            v.close()
        time.sleep(
            Limits().reconnect_seconds + 4
        )  # a page that left: its session ends, then the sweep
        after = server.memory()
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    rows: list[Row] = []
    alone_p95 = {k: _p95([x[k] for x in alone if x]) for k in ("answer", "ready")}
    for name, xs in (("one visitor alone", alone), ("10 at once", ten), ("20 at once", twenty)):
        ok = [x for x in xs if x is not None]
        row = {"visitors": name, "visits": str(len(xs)), "failures": str(len(xs) - len(ok))}
        for key, label in (("answer", "answer shown"), ("ready", "app ready")):
            ts = [x[key] for x in ok]
            row[f"{label} p50"] = fmt_s(statistics.median(ts)) if ts else "-"
            row[f"{label} p95"] = fmt_s(_p95(ts)) if ts else "-"
            row[f"{label} p95 / alone"] = f"{_p95(ts) / alone_p95[key]:.1f}×" if ts else "-"
        rows.append(row)
    rows.append(
        {
            "visitors": (
                f"memory: {fmt_mib(base)} before, {fmt_mib(held)} with 10 idle pages "
                f"({fmt_mib((held - base) / 10)} each), {fmt_mib(after)} after they left"
            )
        }
    )
    rows.append({"visitors": f"server CPU per visit, alone: {fmt_s(cpu / max(1, len(alone)))}"})
    return rows
