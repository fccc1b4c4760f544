"""`report.memo`: bad input refused before anything is written; the make target works."""

from __future__ import annotations

import re

import pytest

from cpo_model import (
    Company,
    InvalidInputError,
)


def test_makefile_report_target_renders_the_example(root):
    makefile = (root / "Makefile").read_text()
    target = re.search(r"^report: install\n((?:\t.*\n)+)", makefile, re.M)
    assert (
        target
        and "cpo-model report" in target.group(1)
        and "reports/example.html" in target.group(1)
    )


def test_render_report_rejects_bad_input_before_writing(tmp_path):
    from cpo_model.report import render_report

    with pytest.raises(InvalidInputError, match="headcount"):
        render_report({"headcount": -1, "name": "x"}, tmp_path / "x.html")
    with pytest.raises(ValueError, match="fmt"):
        render_report(Company(headcount=10), tmp_path / "x.html", fmt="docx")
    assert list(tmp_path.iterdir()) == []


def test_importing_the_report_package_loads_neither_pandas_nor_matplotlib():
    """The command line checks its flags before any drawing library loads."""
    import subprocess
    import sys

    code = (
        "import sys, cpo_model.report, cpo_model.cli; "
        "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stderr
