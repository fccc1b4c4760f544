"""The app server's limits: how many visitors at once, when an idle page is let go, and how
big and how frequent a page's messages may be.

The defaults are the project's own operational judgement for a leadership team's meeting on a
small machine (one visitor's session holds a few tens of MiB; see benchmarks/results.md).
Each can be set from the environment (`CPO_MODEL_APP_<NAME>`, e.g. CPO_MODEL_APP_MAX_SESSIONS)
or from `cpo-model app` flags.

>>> Limits().max_sessions
40
>>> Limits.from_env({"CPO_MODEL_APP_IDLE_SECONDS": "5"}).idle_seconds
5.0
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import InputFileError

ENV_PREFIX = "CPO_MODEL_APP_"


DEFAULT_MAX_WORKERS = 4  # our own judgement: beyond 4 processes memory grows, not speed


def default_workers() -> int:
    """One server process per core this process may use, at most `DEFAULT_MAX_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(DEFAULT_MAX_WORKERS, cores))


@dataclass(frozen=True)
class Limits:
    """What the server allows; every field is a positive number."""

    # visitors with a live session (open tabs, and tabs closed without a goodbye until culled)
    max_sessions: int = 40
    # a page that sends nothing for this long is let go (its tab shows a one-click reload)
    idle_seconds: float = 600.0
    # one websocket message; a page's largest (a typed name, an owner change) is under 4 KiB
    max_message_bytes: int = 65_536
    # a page whose connection dropped may come back this long; then its session ends (its tab's
    # goodbye may reach another server process)
    reconnect_seconds: float = 5.0
    # messages a page may send in a burst, and per second after it (a dragged slider sends ~30)
    burst_messages: int = 300
    messages_per_second: float = 60.0
    # the query string of a link (every input stated fits in under 1,000 characters)
    max_query_chars: int = 2_000
    # what the server holds for a page that is not reading its messages (a first page is about
    # 0.3 MiB); past it the page's session ends
    send_buffer_bytes: int = 16 * 2**20
    # server processes: one per core, at most 4 unless told (each ~200 MiB); one process
    # serves one visitor's first page at a time, so ten visitors at once need the cores
    workers: int = dataclasses.field(default_factory=lambda: default_workers())
    # memos rendered at once; the next request waits this long before "busy, try again"
    memo_workers: int = 1
    memo_wait_seconds: float = 30.0

    def __post_init__(self):
        bad = [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in dataclasses.fields(self)
            if not getattr(self, f.name) > 0
        ]
        if bad:
            raise InputFileError(f"app limits: {', '.join(bad)}: expected a positive number")

    @classmethod
    def from_env(cls, env: Mapping[str, str], **given) -> Limits:
        """The defaults, then `CPO_MODEL_APP_*` from `env`, then `given` (flags, not None)."""
        values: dict = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or not raw.strip():
                continue
            kind = int if f.type in ("int", int) else float
            try:
                values[f.name] = kind(raw.strip())
            except ValueError:
                what = "a whole number" if kind is int else "a number"
                msg = f"{ENV_PREFIX}{f.name.upper()}={raw!r}: expected {what}"
                raise InputFileError(msg) from None
        values |= {k: v for k, v in given.items() if v is not None}
        return cls(**values)
