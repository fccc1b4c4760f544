"""The memo for a link's inputs, as the app's "Download the memo" gives it (HTML, or PDF where
Chromium is present), rendered by `cpo_model.report` one at a time."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from ..errors import InputFileError, InvalidInputError
from .settings import Limits
from .share import read_query
from .shell import plain_page


class NoMemo(ValueError):
    """A link the memo cannot be written for (its text says why, in one line)."""


TYPES = {"html": b"text/html; charset=utf-8", "pdf": b"application/pdf"}


def _html(status: int, title: str, text: str):
    page = plain_page(title, text).encode("utf-8")
    return status, [(b"content-type", TYPES["html"]), (b"cache-control", b"no-store")], page


def render_memo(query: str, fmt: str) -> tuple[str, bytes]:
    """The memo for `query` as (file name, bytes); `NoMemo` (one plain line) if there is none."""
    from ..policy import resolve
    from ..report import render_report, slugify

    policy = resolve(None)[0]
    link = read_query(query, standards=tuple(policy.standards))
    if link.company is None:
        problem = link.problems[0] if link.problems else "The link holds no headcount"
        raise NoMemo(problem)
    with tempfile.TemporaryDirectory(prefix="cpo-memo-") as tmp:
        out = render_report(
            link.company, Path(tmp) / f"memo.{fmt}", standard=link.standard, fmt=fmt
        )
        data = out.read_bytes()
    name = slugify(link.company.name or "") or "company"
    return f"cpo-memo-{name}.{fmt}", data


class MemoMaker:
    """Answers /memo.html and /memo.pdf: at most `limits.memo_workers` memos at once; a request
    that waits longer than `limits.memo_wait_seconds` is told the server is busy."""

    def __init__(self, limits: Limits, render=render_memo):
        self.limits, self.render = limits, render
        self.slots = asyncio.Semaphore(limits.memo_workers)

    async def __call__(self, query: str, fmt: str):
        try:
            await asyncio.wait_for(self.slots.acquire(), self.limits.memo_wait_seconds)
        except asyncio.TimeoutError:
            return _html(503, "Busy", "Other memos are being written; try again in a minute.")
        try:
            name, data = await asyncio.to_thread(self.render, query, fmt)
        except (NoMemo, InvalidInputError, InputFileError) as exc:
            return _html(400, "No memo for this link", str(exc))
        except Exception as exc:  # the page says so in one line; the server keeps running
            return _html(
                500, "The memo failed", f"The memo could not be written ({type(exc).__name__})."
            )
        finally:
            self.slots.release()
        headers = [
            (b"content-type", TYPES[fmt]),
            (b"content-disposition", f'attachment; filename="{name}"'.encode()),
            (b"cache-control", b"no-store"),
        ]
        return 200, headers, data
