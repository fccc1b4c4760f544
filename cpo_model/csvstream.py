"""A companies CSV of any size, assessed in chunks: memory stays flat, rows in = rows out.

`assess_csv` reads `CHUNK_ROWS` rows at a time with the same reading rules as
`csvio.read_companies`, assesses each chunk with `assess_frame` and appends it to the output, in
order. Written to a file, the output appears only when complete (a temporary file is renamed
over it); on standard output rows appear as they are assessed.

>>> import io, tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp()) / "in.csv"
>>> _ = src.write_text("name,headcount,complexity\\nA,10,1\\nB,-1,2\\n")
>>> out = io.StringIO()
>>> assess_csv(src, out)
Counts(rows=2, invalid=1)
>>> out.getvalue().splitlines()[1][:19]
'A,10,1,,pm_only,no,'
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

import pandas as pd

from .csvio import EMPTY, TOO_MANY_FIELDS, check_file, neutralised, read_options, sniff_delimiter
from .errors import InputFileError
from .frame import assess_frame
from .policy import Policy

CHUNK_ROWS = 100_000  # rows held in memory at once: ~20 MiB of results
BLOCK = 1 << 20  # bytes per read when checking the encoding


class Counts(NamedTuple):
    rows: int
    invalid: int


Progress = Callable[[int, int, int], None]  # (bytes read, total bytes, rows done)


def assess_csv(
    src: str | Path,
    dst: str | Path | IO[str],
    policy: Policy | str | Path | None = None,
    standard: str | None = None,
    fmt: str = "csv",
    raw: bool = False,
    chunk_rows: int = CHUNK_ROWS,
    progress: Progress | None = None,
) -> Counts:
    """Assess every row of the CSV `src` into `dst` (a path, or an open text stream), as CSV
    (spreadsheet-safe unless `raw`) or a JSON array of records (`fmt="json"`). With next-change
    columns, as `cpo-model assess --csv` writes them. Raises `InputFileError` naming the file,
    its `source` "csv" (`src`) or "out" (`dst`)."""
    total = check_file(src)
    sep = _header_delimiter(src)
    check_utf8(src)
    rows = invalid = 0
    with _output(dst) as out, open(src, "rb") as handle:
        writer = _JsonWriter(out) if fmt == "json" else _CsvWriter(out, raw)
        for chunk in _chunks(handle, src, sep, chunk_rows):
            result = assess_frame(chunk, policy, standard, next_change=True)
            writer.write(result)
            rows += len(result)
            invalid += int(result["error"].notna().sum())
            if progress:
                progress(handle.tell(), total, rows)
        writer.close()
    return Counts(rows, invalid)


def check_utf8(path: str | Path) -> None:
    """Raise `InputFileError` at the first byte that is not UTF-8, reading in blocks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as f:
        while True:
            block = f.read(BLOCK)
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                pending = len(exc.object) - len(block)  # bytes carried from the last block
                at = offset - pending + exc.start
                raise InputFileError(
                    f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {at}); "
                    "save it as UTF-8",
                    path,
                    "csv",
                ) from None
            if not block:
                return
            offset += len(block)


def _header_delimiter(path: str | Path) -> str:
    with open(path, "rb") as f:
        for line in f:
            text = line.decode("utf-8-sig", errors="replace")
            if text.strip():
                return sniff_delimiter(text)
    raise InputFileError(EMPTY, path, "csv")


def _chunks(handle: IO[bytes], src, sep: str, rows: int) -> Iterator[pd.DataFrame]:
    reader = pd.read_csv(handle, encoding="utf-8-sig", chunksize=rows, **read_options(sep))
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            for chunk in reader:  # a header and no rows: one empty chunk
                chunk.columns = [str(c).strip() for c in chunk.columns]
                yield chunk
        except pd.errors.ParserWarning:
            raise InputFileError(TOO_MANY_FIELDS, src, "csv") from None
        except (pd.errors.ParserError, ValueError) as exc:
            msg = " ".join(str(exc).split())
            raise InputFileError(f"malformed CSV ({msg})", src, "csv") from None


class _CsvWriter:
    def __init__(self, out: IO[str], raw: bool) -> None:
        self.out, self.raw, self.header = out, raw, True

    def write(self, frame: pd.DataFrame) -> None:
        (frame if self.raw else neutralised(frame)).to_csv(
            self.out, index=False, header=self.header, lineterminator="\n"
        )
        self.header = False

    def close(self) -> None:
        pass


class _JsonWriter:
    """One JSON array, written a chunk of records at a time."""

    def __init__(self, out: IO[str]) -> None:
        self.out, self.first = out, True

    def write(self, frame: pd.DataFrame) -> None:
        records = json.loads(frame.to_json(orient="records"))
        if not records:
            return
        body = json.dumps(records, indent=2, ensure_ascii=False)[2:-2]  # without "[\n" and "\n]"
        self.out.write(("[\n" if self.first else ",\n") + body)
        self.first = False

    def close(self) -> None:
        self.out.write("[]\n" if self.first else "\n]\n")


@contextlib.contextmanager
def _output(dst: str | Path | IO[str]) -> Iterator[IO[str]]:
    """An open stream as it is; a path through a temporary file renamed over it at the end."""
    if not isinstance(dst, str | Path):
        yield dst
        return
    target = Path(dst)
    if not target.parent.is_dir():
        raise InputFileError(f"folder {target.parent} does not exist", dst, "out")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise InputFileError(f"cannot write ({exc.strerror})", dst, "out") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        raise InputFileError(f"cannot write ({exc.strerror})", dst, "out") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _mode_for(target: Path) -> int:
    """The mode of the file being replaced, or what a new file would get."""
    with contextlib.suppress(FileNotFoundError):
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
