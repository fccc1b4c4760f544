"""Errors that name every bad field, its value and what is allowed. Imports nothing of the
package: every layer may raise them. A problem names the input's field, never a command-line
flag (the CLI maps fields to flags).

>>> err = InvalidInputError([Problem("headcount", -3, "a whole number from 1 to 10,000,000")])
>>> str(err)
'headcount=-3: expected a whole number from 1 to 10,000,000'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def quoted(value: object, limit: int = 60) -> str:
    """A value in an error message: its repr, line breaks escaped, at most `limit` characters.

    >>> quoted("a\\nb")
    "'a\\\\nb'"
    """
    text = repr(value).replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One invalid value: where it is, what it was, what is allowed."""

    field: str
    value: Any
    allowed: str

    def __str__(self) -> str:
        return f"{self.field}={quoted(self.value)}: expected {self.allowed}"


class InvalidInputError(ValueError):
    """Raised for invalid company inputs; lists every problem at once, on one line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)


class PolicyError(InvalidInputError):
    """Raised for an invalid policy file; each problem's field is a key path."""


class InputFileError(ValueError):
    """A file (CSV, output path) that cannot be read or written; one line naming the file by its
    path, never by a flag. `source` says which file it is ("csv", "raters", "out", ...): the CLI
    maps it to the flag that gave the file.

    >>> err = InputFileError("not a file", path="data", source="csv")
    >>> str(err), err.source, err.problem
    ('data: not a file', 'csv', 'not a file')
    """

    def __init__(self, problem: str, path: object = None, source: str | None = None) -> None:
        self.problem, self.source = problem, source
        self.path = None if path is None else str(path)
        super().__init__(problem if path is None else f"{path}: {problem}")


class MissingExtraError(ImportError):
    """A feature whose optional packages are not installed; one line saying how to add them.

    >>> print(MissingExtraError("assess_dask", "scale", ["dask"]))  # doctest: +NORMALIZE_WHITESPACE
    assess_dask needs the scale extra (dask not installed); install it with:
    pip install "cpo-model[scale]"
    """

    def __init__(self, what: str, extra: str, missing: list[str] | tuple[str, ...] = ()) -> None:
        self.extra, self.missing = extra, tuple(missing)
        gone = f" ({', '.join(self.missing)} not installed)" if self.missing else ""
        super().__init__(
            f"{what} needs the {extra} extra{gone}; install it with: "
            f'pip install "cpo-model[{extra}]"'
        )
