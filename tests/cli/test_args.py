"""The command line's arguments: bad input is exit 2 and one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpo_model.cli import main
from cpo_model.schema import input_schema

FIELDS = list(input_schema())


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--headcount", "-3"], "--headcount -3: expected a whole number from 1 to 10,000,000"),
        (["--headcount", "0"], "--headcount 0"),
        (["--headcount", "nan"], "--headcount nan"),
        (["--headcount", "inf"], "--headcount inf"),
        (["--headcount", "lots"], "--headcount lots"),
        (["--headcount", "20000000"], "--headcount 20000000"),
        (
            ["--headcount", "10", "--complexity", "6"],
            "--complexity 6: expected a whole number from 1 to 5",
        ),
        (["--headcount", "10", "--standard", "iso"], "--standard iso: expected one of eu, gartner"),
        (["--headcount", "10", "--policy", "missing.yaml"], "--policy"),
        (
            ["--headcount", "10", "--owner", "vision"],
            "--owner vision: expected RESPONSIBILITY=OWNER",
        ),
        (["--complexity", "3"], "--headcount is required"),
        (["--headcount", "10", "--format", "xml"], "invalid choice: 'xml'"),
        (["--csv", "does-not-exist.csv"], "--csv does-not-exist.csv: cannot read"),
        (["--headcount", "10", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(run_cli, args, needle):
    r = run_cli("assess", *args)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert needle in lines[0] and "Traceback" not in r.stderr


def test_bad_policy_file_exits_2(run_cli, policy_file):
    path = policy_file(lambda d: d["decision"]["consider_from"].update(value=99))
    r = run_cli("assess", "--headcount", "10", "--policy", str(path))
    assert (
        r.returncode == 2
        and "decision.yes_from.value" in r.stderr
        and len(r.stderr.strip().splitlines()) == 1
    )


def test_module_and_console_script_agree(run_cli, run_cli_process):
    import shutil

    script = shutil.which("cpo-model", path=str(Path(sys.executable).parent))
    assert script, "the console script is installed"
    r = subprocess.run(
        [script, "assess", "--headcount", "150", "--complexity", "3"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    args = ("assess", "--headcount", "150", "--complexity", "3")
    module = run_cli_process(*args)  # `python -m cpo_model`, a process of its own
    assert r.returncode == module.returncode == 0
    assert r.stdout == module.stdout == run_cli(*args).stdout  # and the tests' in-process run


@pytest.mark.parametrize(
    "field", [f for f in FIELDS if input_schema()[f]["type"] in ("int", "float")]
)
@given(text=st.text(max_size=20))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_cli_flags_never_trace_back(field, text, capsys):
    flag = "--" + field.replace("_", "-")
    args = ["assess", flag, text] + ([] if field == "headcount" else ["--headcount", "100"])
    if text.startswith("-") and len(text) > 1:
        args = ["assess", f"{flag}={text}"] + args[3:]
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        lines = err.strip().splitlines()
        assert (
            len(lines) == 1 and lines[0].startswith("cpo-model: error:") and "Traceback" not in err
        )
    else:
        assert "What would change it" in out


@given(owner_key=st.text(max_size=30), owner=st.text(max_size=30))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_owner_flags_never_trace_back(owner_key, owner, capsys):
    capsys.readouterr()
    code = main(["assess", "--headcount", "100", f"--owner={owner_key}={owner}"])
    _, err = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in err


def test_a_bad_flag_in_a_real_process_is_one_line_and_exit_2(run_cli_process):
    r = run_cli_process("assess", "--headcount", "-3")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "headcount" in r.stderr and "Traceback" not in r.stderr
