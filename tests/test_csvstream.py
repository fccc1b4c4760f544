"""`csvstream`: a CSV of any size in chunks gives exactly what one pass gives, and a failed run
leaves no half-written file."""

from __future__ import annotations

import io
import json
import os
import stat

import pandas as pd
import pytest

from cpo_model import assess_frame
from cpo_model.csvio import read_companies
from cpo_model.csvstream import assess_csv
from cpo_model.errors import InputFileError
from cpo_model.resources import data_path

ROWS = [
    "name,headcount,complexity,product_managers,notes",
    "Acme,300,4,6,first",
    "Tiny,3,5,,",
    "Broken,-1,2,,bad headcount",
    '"Comma, Inc.","1,200",3,12,"quoted, cell"',
    "=HYPERLINK(1),40,9,,formula and bad level",
    "Mid,120,3,3,",
    "Large,5000,5,40,last",
]


def _source(tmp_path, rows=ROWS, repeat=5, name="in.csv"):
    path = tmp_path / name
    path.write_text("\n".join([rows[0], *rows[1:] * repeat]) + "\n", encoding="utf-8")
    return path


def _one_pass_csv(path) -> str:
    """What the whole file assessed at once gives (the reference for chunked output)."""
    out = io.StringIO()
    assess_csv(path, out, chunk_rows=10**9)
    return out.getvalue()


@pytest.mark.parametrize("chunk_rows", [1, 3, 7, 34, 35, 1000])
def test_chunked_output_is_the_one_pass_output(tmp_path, chunk_rows):
    src = _source(tmp_path)
    out = io.StringIO()
    counts = assess_csv(src, out, chunk_rows=chunk_rows)
    assert out.getvalue() == _one_pass_csv(src)
    assert counts.rows == 35 and counts.invalid == 10


def test_rows_in_equal_rows_out_in_order_with_bad_rows_marked(tmp_path):
    src = _source(tmp_path)
    dst = tmp_path / "out.csv"
    assess_csv(src, dst, chunk_rows=4)
    got = pd.read_csv(dst, dtype=str, keep_default_na=False)
    expected = assess_frame(read_companies(src), next_change=True)
    assert got["name"].tolist() == read_companies(src)["name"].str.replace("=", "'=").tolist()
    answers = expected["create_cpo"].astype(object)
    assert got["create_cpo"].tolist() == answers.where(answers.notna(), "").tolist()
    bad = got["error"] != ""
    assert bad.sum() == 10 and set(got.loc[bad, "notes"]) == {
        "bad headcount",
        "formula and bad level",
    }


def test_json_in_chunks_is_one_array_of_every_row(tmp_path):
    src = _source(tmp_path)
    out = io.StringIO()
    assess_csv(src, out, fmt="json", chunk_rows=4)
    records = json.loads(out.getvalue())
    one = json.loads(assess_frame(read_companies(src), next_change=True).to_json(orient="records"))
    assert records == one and len(records) == 35


def test_header_only_json_is_an_empty_array(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("name,headcount\n", encoding="utf-8")
    out = io.StringIO()
    assert assess_csv(src, out, fmt="json").rows == 0
    assert json.loads(out.getvalue()) == []


def test_a_late_malformed_row_leaves_the_old_output_untouched(tmp_path):
    src = _source(tmp_path, rows=[*ROWS, "Extra,10,1,1,x,unexpected"], repeat=30)
    dst = tmp_path / "out.csv"
    dst.write_text("yesterday's results\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="malformed CSV .*Expected 5 fields in line 9, saw 6"):
        assess_csv(src, dst, chunk_rows=5)
    assert dst.read_text(encoding="utf-8") == "yesterday's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"], "no temp left"


def test_not_utf8_past_the_first_block_names_the_exact_byte(tmp_path):
    src = tmp_path / "in.csv"
    good = b"name,headcount\n" + b"Acme,300\n" * 200_000  # 1.8 MB: past the first read block
    src.write_bytes(good + b"Caf\xe9,10\n")
    dst = tmp_path / "out.csv"
    with pytest.raises(InputFileError) as err:
        assess_csv(src, dst)
    assert f"byte 0xe9 at offset {len(good) + 3}" in str(err.value)
    assert not dst.exists()


def test_a_multibyte_character_across_blocks_is_fine(tmp_path):
    src = tmp_path / "in.csv"
    head = b"name,headcount\n"
    filler = b"x" * ((1 << 20) - len(head) - 1)  # "é" straddles the 1 MiB block boundary
    src.write_bytes(head + filler + "é,10\n".encode())
    out = io.StringIO()
    assert assess_csv(src, out).rows == 1
    assert ("x" * 10 + "é") in out.getvalue()


def test_output_file_gets_normal_permissions(tmp_path):
    dst = tmp_path / "out.csv"
    assess_csv(data_path("examples/companies.csv"), dst)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(dst.stat().st_mode) == 0o666 & ~umask


def test_the_cli_streams_with_a_progress_bar_when_asked(run_cli, tmp_path):
    src = _source(tmp_path)
    quiet = run_cli("assess", "--csv", str(src))
    shown = run_cli("assess", "--csv", str(src), "--progress")
    assert quiet.returncode == shown.returncode == 1
    assert quiet.stdout == shown.stdout == _one_pass_csv(src)
    assert quiet.stderr.strip() == "cpo-model: 10 of 35 rows invalid (see the 'error' column)"
    # text mode reads each "\r" as a line end
    *bars, summary = [line for line in shown.stderr.splitlines() if line]
    assert summary == quiet.stderr.strip()
    assert bars and all(b.startswith("[") for b in bars), shown.stderr
    assert bars[-1].startswith("[####################] 100%  35 rows"), shown.stderr


def test_progress_without_csv_is_refused(run_cli):
    r = run_cli("assess", "--headcount", "10", "--progress")
    assert r.returncode == 2 and r.stderr.strip() == "cpo-model: error: --progress needs --csv"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"  \n", "empty file; expected a header row with at least 'headcount'"),
        (b"name\nCaf\xe9\n", "not UTF-8 text (byte 0xe9 at offset 8); save it as UTF-8"),
        (b"name,headcount\nA,1,extra\n", "malformed CSV (a row has more fields than the header)"),
    ],
)
def test_a_bad_source_is_named_by_its_path_never_a_flag(tmp_path, content, problem):
    src = tmp_path / "in.csv"
    src.write_bytes(content)
    with pytest.raises(InputFileError) as err:
        assess_csv(src, io.StringIO())
    assert str(err.value) == f"{src}: {problem}" and err.value.source == "csv"


def test_an_output_in_a_missing_folder_is_named_by_its_path_never_a_flag(tmp_path):
    src, dst = _source(tmp_path), tmp_path / "gone" / "out.csv"
    with pytest.raises(InputFileError) as err:
        assess_csv(src, dst)
    assert str(err.value) == f"{dst}: folder {dst.parent} does not exist"
    assert err.value.source == "out"
