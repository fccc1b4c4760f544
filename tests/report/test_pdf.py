"""`report.pdf`: PDF through a local Chromium."""

from __future__ import annotations

import pytest

from cpo_model import (
    Company,
)


@pytest.mark.slow
def test_pdf_through_local_chromium(tmp_path):
    from cpo_model.report import render_report
    from cpo_model.report.pdf import find_chromium

    if not find_chromium():
        pytest.skip("no local Chromium: --format pdf refuses (tested below)")
    out = render_report(
        Company(headcount=300, complexity=4, name="Acme"),
        tmp_path / "acme.pdf",
        fmt="pdf",
        report_date="2026-11-30",
    )
    data = out.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 20_000
