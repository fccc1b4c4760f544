"""A bad file on the command line: the library names the file by its path, the CLI alone names
the flag that gave it. One line on standard error, exit status 2, no traceback; run in-process."""

from __future__ import annotations

import pytest

from cpo_model.cli import main

EMPTY = "empty file; expected a header row with at least 'headcount'"
NO_RATER = (
    "no 'rater' column; expected one row per rater, with a 'rater' column and company columns"
)
MISSING = "cannot read (No such file or directory)"


def _refused(capsys, argv: list[str]) -> str:
    """The one line the CLI prints for refused arguments (exit status 2)."""
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1, err
    return err.removeprefix("cpo-model: error: ").rstrip("\n")


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "command",
    [
        ["assess", "--csv", "{path}"],
        ["policy", "diff", "bundled", "bundled", "--csv", "{path}"],
    ],
)
def test_a_companies_csv_is_named_by_csv(tmp_path, capsys, command):
    path = _write(tmp_path, "in.csv", "\n")
    argv = [a.format(path=path) for a in command]
    assert _refused(capsys, argv) == f"--csv {path}: {EMPTY}"
    missing = str(tmp_path / "nope.csv")
    argv = [a.format(path=missing) for a in command]
    assert _refused(capsys, argv) == f"--csv {missing}: {MISSING}"


def test_an_output_file_is_named_by_out(tmp_path, capsys):
    src = _write(tmp_path, "in.csv", "name,headcount\nA,10\n")
    dst = tmp_path / "gone" / "out.csv"
    line = _refused(capsys, ["assess", "--csv", src, "--out", str(dst)])
    assert line == f"--out {dst}: folder {dst.parent} does not exist"


def test_a_raters_csv_is_named_by_the_flag_that_gave_it(tmp_path, capsys):
    path = _write(tmp_path, "raters.csv", "name,headcount\nAcme,100\n")
    assert _refused(capsys, ["team", "--csv", path]) == f"--csv {path}: {NO_RATER}"
    assert _refused(capsys, ["report", "--raters", path]) == f"--raters {path}: {NO_RATER}"
    missing = str(tmp_path / "nope.csv")
    assert _refused(capsys, ["team", "--csv", missing]) == f"--csv {missing}: {MISSING}"
    assert _refused(capsys, ["report", "--raters", missing]) == f"--raters {missing}: {MISSING}"


def test_a_bad_view_in_a_raters_csv_names_the_flag_the_rater_and_the_field(tmp_path, capsys):
    path = _write(tmp_path, "raters.csv", "rater,headcount,complexity\nCEO,300,3\nCTO,300,7\n")
    for flag, command in (("--csv", "team"), ("--raters", "report")):
        line = _refused(capsys, [command, flag, path])
        assert line.startswith(f"{flag} {path}: rater 'CTO': complexity=7: expected "), line
