"""CSV input as people really export it: rows in = rows out, bad ones marked. The command line
runs in this process (`cpo_model.cli.main`); one subprocess test elsewhere covers the entry
point."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from cpo_model import Company, assess, assess_frame
from cpo_model.cli import main
from cpo_model.csvio import read_companies
from cpo_model.errors import InputFileError


@pytest.fixture
def run_cli(capsys):
    """`cpo-model ARGS` in this process: (returncode, stdout, stderr) like a finished process."""

    def run(*args: str) -> SimpleNamespace:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)

    return run


def _write(tmp_path, data: bytes | str, name="in.csv"):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def _run(run_cli, tmp_path, data, *extra):
    src = _write(tmp_path, data)
    out = tmp_path / "out.csv"
    r = run_cli("assess", "--csv", str(src), "--out", str(out), *extra)
    df = pd.read_csv(out, dtype=str, keep_default_na=False) if out.exists() else None
    return r, df


def test_bom_semicolons_quotes_and_blank_lines(run_cli, tmp_path):
    data = (
        '\ufeffname;headcount;complexity;notes\n"Smith; Jones & Co";300;4;"a, '
        'b"\n\n"Tiny";12;1;""\n\n'
    )
    r, df = _run(run_cli, tmp_path, data)
    assert r.returncode == 0, r.stderr
    assert df["name"].tolist() == ["Smith; Jones & Co", "Tiny"]
    assert df["notes"].tolist() == ["a, b", ""]
    assert df["create_cpo"].tolist() == [
        assess(Company(headcount=300, complexity=4)).create_cpo.value,
        "no",
    ]


def test_quoted_commas_in_comma_files(run_cli, tmp_path):
    r, df = _run(run_cli, tmp_path, 'name,headcount,complexity\n"Acme, Inc.","1,200",3\n')
    assert r.returncode == 0, r.stderr
    assert (
        df.loc[0, "name"] == "Acme, Inc."
        and df.loc[0, "headcount"] == "1,200"
        and df.loc[0, "stage"] == "large"
    )


def test_missing_required_column_keeps_rows_and_fails_them(run_cli, tmp_path):
    r, df = _run(run_cli, tmp_path, "name,complexity\nA,1\nB,2\n")
    assert r.returncode == 1 and "2 of 2 rows invalid" in r.stderr
    assert len(df) == 2 and df["error"].str.startswith("headcount=None").all()


def test_unknown_columns_pass_through_in_order(run_cli, tmp_path):
    r, df = _run(
        run_cli, tmp_path, "crm_id,headcount,region,owner_user_research\n7,100,EMEA,nobody\n"
    )
    assert r.returncode == 0, r.stderr
    assert list(df.columns[:4]) == ["crm_id", "headcount", "region", "owner_user_research"]
    assert df.loc[0, "region"] == "EMEA"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_empty_file_is_a_usage_error(run_cli, tmp_path, data):
    r, df = _run(run_cli, tmp_path, data)
    assert (
        r.returncode == 2
        and "empty file" in r.stderr
        and len(r.stderr.strip().splitlines()) == 1
        and df is None
    )


def test_header_only_gives_header_only(run_cli, tmp_path):
    r, df = _run(run_cli, tmp_path, "name,headcount\n")
    assert r.returncode == 0 and len(df) == 0 and "create_cpo" in df.columns


def test_non_utf8_bytes_are_refused_clearly(run_cli, tmp_path):
    r, df = _run(run_cli, tmp_path, "name,headcount\nM\xfcller GmbH,40\n".encode("latin-1"))
    assert (
        r.returncode == 2
        and "not UTF-8" in r.stderr
        and "0xfc" in r.stderr
        and "Traceback" not in r.stderr
    )


def test_ragged_rows_are_a_clear_error(run_cli, tmp_path):
    r, _ = _run(run_cli, tmp_path, "name,headcount\nA,1,extra,cells\n")
    assert (
        r.returncode == 2
        and "malformed CSV" in r.stderr
        and len(r.stderr.strip().splitlines()) == 1
    )


def test_duplicate_names_are_both_kept(run_cli, tmp_path):
    r, df = _run(run_cli, tmp_path, "name,headcount\nAcme,10\nAcme,5000\n")
    assert (
        r.returncode == 0
        and df["name"].tolist() == ["Acme", "Acme"]
        and df["stage"].tolist() == ["pm_only", "large"]
    )


def test_unicode_and_hostile_text_survive(run_cli, tmp_path):
    names = ["שלום חברה", '=HYPERLINK("x")', "<script>alert(1)</script>", "Ünïcødé 🚀"]
    data = "name,headcount\n" + "".join(f'"{n.replace(chr(34), chr(34) * 2)}",50\n' for n in names)
    r, df = _run(run_cli, tmp_path, data, "--raw-csv")
    assert r.returncode == 0, r.stderr
    assert df["name"].tolist() == names


@pytest.mark.parametrize(
    "cell, safe",
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("-3.5", "-3.5"),  # a real negative number stays a number
        ("Acme", "Acme"),
    ],
)
def test_csv_output_is_safe_in_spreadsheets_unless_raw(run_cli, tmp_path, cell, safe):
    data = (
        "name,headcount,notes\n"
        + f'"{cell.replace(chr(34), chr(34) * 2)}",50,"{cell.replace(chr(34), chr(34) * 2)}"\n'
    )
    r, df = _run(run_cli, tmp_path, data)
    assert r.returncode == 0, r.stderr
    assert df["name"].tolist() == [safe] and df["notes"].tolist() == [safe]
    assert df["create_cpo"].tolist() == ["no"]  # results stay plain values
    raw, df = _run(run_cli, tmp_path, data, "--raw-csv")
    assert df["name"].tolist() == [cell]


def test_million_rows_in_and_out(tmp_path):
    n = 1_000_000
    rows = ["10", "300", "-1", "5000"]
    body = "\n".join(rows[i % 4] for i in range(n))
    src = _write(tmp_path, "headcount\n" + body + "\n")
    df = read_companies(src)
    out = assess_frame(df)
    assert len(out) == n
    assert out["error"].notna().sum() == n // 4
    assert out["create_cpo"].isna().sum() == n // 4


# (file's name, its bytes or None for no file, the problem): written by hand
BAD_FILES = [
    ("nope.csv", None, "cannot read (No such file or directory)"),
    ("empty.csv", b"  \n\n", "empty file; expected a header row with at least 'headcount'"),
    ("latin1.csv", b"name\nCaf\xe9\n", "not UTF-8 text (byte 0xe9 at offset 8); save it as UTF-8"),
    (
        "wide.csv",
        b"name,headcount\nA,1,extra\n",
        "malformed CSV (a row has more fields than the header)",
    ),
]


@pytest.mark.parametrize("name, content, problem", BAD_FILES)
def test_a_bad_file_is_named_by_its_path_and_source_never_a_flag(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError) as err:
        read_companies(path)
    assert str(err.value) == f"{path}: {problem}"
    assert (err.value.path, err.value.source, err.value.problem) == (str(path), "csv", problem)
    with pytest.raises(InputFileError) as err:
        read_companies(path, "raters")
    assert err.value.source == "raters" and "--" not in str(err.value)


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputFileError) as err:
        read_companies(tmp_path)
    assert str(err.value) == f"{tmp_path}: not a file" and err.value.source == "csv"
