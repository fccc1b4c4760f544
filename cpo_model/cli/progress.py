"""A progress bar on stderr for long `assess --csv` runs.

Shown once a run has taken `DELAY` seconds and only to a terminal, unless forced on or off
(`--progress` / `--no-progress`); redrawn at most every `EVERY` seconds.

>>> import io
>>> out = io.StringIO()
>>> bar = Bar(out, force=True, clock=iter([0.0, 1.0, 1.1, 3.0]).__next__)
>>> bar(50, 100, 1_000); bar(100, 100, 2_000); bar.close()
>>> out.getvalue().split("\\r")[1:]
['[##########..........]  50%  1,000 rows  1 s', '[####################] 100%  2,000 rows  3 s\\n']
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 2.0  # seconds of work before a bar appears (short runs stay quiet)
EVERY = 0.25  # seconds between redraws
WIDTH = 20  # characters of bar


class Bar:
    """Call with (bytes read, total bytes, rows done); `close()` ends the line."""

    def __init__(
        self,
        stream: TextIO,
        force: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream, self.clock = stream, clock
        tty = getattr(stream, "isatty", lambda: False)()
        self.enabled = tty if force is None else force
        self.delay = 0.0 if force else DELAY
        self.start = clock()
        self.last = -EVERY
        self.line = ""
        self.latest = (0, 0, 0)

    def __call__(self, done: int, total: int, rows: int) -> None:
        if not self.enabled:
            return
        self.latest = (done, total, rows)
        now = self.clock() - self.start
        if now < self.delay or now - self.last < EVERY:
            return
        self.last = now
        self._draw(now, done, total, rows)

    def _draw(self, now: float, done: int, total: int, rows: int) -> None:
        share = min(1.0, done / total) if total else 1.0
        filled = round(share * WIDTH)
        self.line = (
            f"[{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%}  {rows:,} rows  {now:.0f} s"
        )
        self.stream.write("\r" + self.line)
        self.stream.flush()

    def close(self) -> None:
        """Show the final state (if a bar was shown) and end the line."""
        if self.line:
            self._draw(self.clock() - self.start, *self.latest)
            self.stream.write("\n")
            self.stream.flush()
