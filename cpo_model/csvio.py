"""Reading company CSVs robustly and writing results. Every row in is a row out.

Accepts UTF-8 with or without a BOM, `,` `;` or tab delimiters, quoted fields and blank
lines. All cells are read as text and parsed by the model's own rules.

>>> from cpo_model.resources import data_path
>>> len(read_companies(data_path("examples/companies.csv"))) >= 12
True
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import pandas as pd

from .errors import InputFileError

DELIMITERS = ",;\t"
MAX_CSV_BYTES = 2 << 30  # refuse files past 2 GiB unread


def check_file(path: str | Path, source: str = "csv") -> int:
    """The size of the file at `path`; `InputFileError` naming it (and its `source`) if it
    cannot be read."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise InputFileError("not a file", path, source)
    except OSError as exc:
        raise InputFileError(f"cannot read ({exc.strerror})", path, source) from None
    return size


def read_companies(path: str | Path, source: str = "csv") -> pd.DataFrame:
    """Read a companies CSV as text columns; raise `InputFileError` naming the file, with
    `source` saying which file it is (``"raters"`` for a raters CSV).

    The whole file is held in memory (for reports); `csvstream.assess_csv` reads in chunks.
    """
    size = check_file(path, source)
    if size > MAX_CSV_BYTES:
        raise InputFileError(
            f"{size:,} bytes; at most {MAX_CSV_BYTES:,} allowed here "
            "(cpo-model assess reads any size)",
            path,
            source,
        )
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            path,
            source,
        ) from None
    return parse_companies(text, str(path), source)


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header row: whichever of `DELIMITERS` it holds most (',' if none).

    >>> sniff_delimiter("name;headcount;complexity")
    ';'
    """
    counts = {d: header.count(d) for d in DELIMITERS}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def read_options(sep: str) -> dict:
    """The `pandas.read_csv` options every companies CSV is read with: all cells as text."""
    return dict(
        sep=sep,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=True,
        skipinitialspace=True,
        index_col=False,
        engine="c",
    )


EMPTY = "empty file; expected a header row with at least 'headcount'"
TOO_MANY_FIELDS = "malformed CSV (a row has more fields than the header)"


def parse_companies(text: str, label: str = "CSV", source: str = "csv") -> pd.DataFrame:
    """Parse CSV text (header row required) into a DataFrame of strings; an `InputFileError`
    names the file as `label`.

    >>> parse_companies("name;headcount\\nAcme;1,200\\n").to_dict("records")
    [{'name': 'Acme', 'headcount': '1,200'}]
    """
    header = next((line for line in text.splitlines() if line.strip()), None)
    if header is None:
        raise InputFileError(EMPTY, label, source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            df = pd.read_csv(io.StringIO(text), **read_options(sniff_delimiter(header)))
    except pd.errors.ParserWarning:
        raise InputFileError(TOO_MANY_FIELDS, label, source) from None
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        msg = " ".join(str(exc).split())
        raise InputFileError(f"malformed CSV ({msg})", label, source) from None
    df.columns = [str(c).strip() for c in df.columns]
    return df


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: cells a spreadsheet may run as a formula
NEGATIVE_NUMBER = re.compile(r"-(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with ' (a real negative number
    stays).

    >>> print(spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("-3.5"), spreadsheet_safe("Acme"))
    '=SUM(A1) -3.5 Acme
    """
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not NEGATIVE_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def neutralised(out: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers are safe to open in a spreadsheet (numbers untouched)."""
    safe = out.rename(columns=lambda c: spreadsheet_safe(str(c)))
    for col in safe.columns[[not pd.api.types.is_numeric_dtype(t) for t in safe.dtypes]]:
        values = safe[col]
        if isinstance(values.dtype, pd.CategoricalDtype):
            continue  # the model's own labels
        safe[col] = values.map(spreadsheet_safe, na_action="ignore")
    return safe
