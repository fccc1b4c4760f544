"""A pool of worker processes that loses no job: a job whose worker dies is retried once.

`run_pool(jobs, work, workers)` starts `workers` processes; each calls `start()` once (e.g. to
open a kernel), then `work(state, job)` for one job at a time. Results come back in order of
completion as `Done(index, value, error)`. A worker that dies (killed, out of memory, a crash
in C) is replaced and its job runs again; a second death marks the job with an error. `work`
may raise `Retry` to ask for the same treatment (e.g. its kernel died).

>>> import operator  # work(state, job) is add(0, job): each worker's state is int() = 0
>>> [d.value for d in run_pool([1, 2, 3], operator.add, 2, start=int, ordered=True)]
[1, 2, 3]
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, NamedTuple

ATTEMPTS = 2  # a job is tried at most twice: once, and once more if its worker died


class Retry(Exception):
    """Raised by `work`: this attempt failed for reasons outside the job; try once more."""


class Done(NamedTuple):
    index: int
    value: Any = None
    error: str | None = None


def _nothing() -> None:
    return None


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run_pool(
    jobs: Sequence[Any],
    work: Callable[[Any, Any], Any],
    workers: int,
    start: Callable[[], Any] = _nothing,
    ordered: bool = False,
) -> Iterator[Done]:
    """Run `work(state, job)` for every job on up to `workers` processes; yield a `Done` per job
    as it finishes (in job order with `ordered`). `work` and `start` must be module-level
    functions where processes are spawned rather than forked."""
    todo = deque(range(len(jobs)))
    tries = [0] * len(jobs)
    held: dict[int, Done] = {}
    ctx = _context()
    live: list[_Worker] = []
    try:
        while todo or live:
            while todo and len(live) < max(1, min(workers, len(jobs))):
                live.append(_Worker(ctx, work, start))
            for w in [w for w in live if w.job is None]:
                if todo:
                    w.give(todo.popleft(), jobs, tries)
                else:
                    w.stop()
                    live.remove(w)
            if not live:
                break  # every job done, every worker stopped
            wait([x for w in live for x in (w.conn, w.proc.sentinel)])
            for w in list(live):
                message = w.receive()
                if message is None and w.proc.is_alive():
                    continue  # still working
                job, w.job = w.job, None
                if message is None:  # died holding the job
                    live.remove(w)
                    w.kill()
                    kind, payload = "retry", f"the worker stopped (exit code {w.proc.exitcode})"
                else:
                    kind, payload = message
                if kind == "done":
                    done = Done(job, *payload)
                elif tries[job] < ATTEMPTS:
                    todo.appendleft(job)
                    continue
                else:
                    done = Done(job, error=f"{payload} (tried {tries[job]} times)")
                if ordered:
                    held[job] = done
                else:
                    yield done
        yield from (held[i] for i in sorted(held))
    finally:
        for w in live:
            w.kill()


def _context():
    """Fork where it is safe (Linux, no threads yet): workers start at once with the parent's
    imports. Otherwise spawn."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


class _Worker:
    def __init__(self, ctx, work: Callable, start: Callable) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, work, start), daemon=True)
        self.proc.start()
        child.close()
        self.job: int | None = None

    def give(self, job: int, jobs: Sequence[Any], tries: list[int]) -> None:
        tries[job] += 1
        self.job = job
        self.conn.send(jobs[job])

    def receive(self) -> tuple[str, Any] | None:
        """The worker's answer for its job, or None (none yet, or it died)."""
        try:
            return self.conn.recv() if self.conn.poll() else None
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join()
        self.conn.close()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join()
        self.conn.close()


def _serve(conn: Connection, work: Callable, start: Callable) -> None:
    """A worker's loop: set up once, then one job per message until told to stop."""
    state = start()
    try:
        while (job := conn.recv()) is not None:
            try:
                conn.send(("done", (work(state, job), None)))
            except Retry as exc:
                conn.send(("retry", str(exc)))
            except Exception as exc:
                conn.send(("done", (None, f"{type(exc).__name__}: {exc}")))
    except (EOFError, KeyboardInterrupt):
        pass
    finally:
        close = getattr(state, "close", None)
        if close:
            close()
