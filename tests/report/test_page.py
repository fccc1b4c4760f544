"""`report.page`: no code, nothing loaded from the network, parameters not shown."""

from __future__ import annotations

import copy

import nbformat
import pytest

from cpo_model import (
    Company,
)
from cpo_model.report.page import external_references
from cpo_model.report.template import parameterised, template_path


@pytest.mark.slow
def test_report_hides_code_and_loads_nothing(check_offline, check_no_code, single):
    html, page, _ = single
    check_no_code(page)
    check_offline(page, html)
    assert len(html) < 3_000_000


def test_external_references_finds_remote_loads():
    html = (
        "<img src='data:image/png;base64,xx'><a href='b.html'>ok</a><a href='#x'>ok</a>"
        "<img src='//cdn.example/x.png'><link href='https://f.example/a.css'><div "
        "style=\"background:url('http://x/y')\"></div>"
        "<style>@import 'https://fonts.example/f.css';</style>"
    )
    assert external_references(html) == [
        "//cdn.example/x.png",
        "https://f.example/a.css",
        "http://x/y",
        "https://fonts.example/f.css",
    ]


def test_embedded_images_hide_no_remote_load():
    image = "data:image/png;base64," + "iVBORw0KGgo+/=" * 1000
    html = f"<img src='{image}'><img src=https://e.example/x.png><img src=\"{image}\">"
    assert external_references(html) == ["https://e.example/x.png"]
    assert external_references(f"<style>a{{background:url('{image}')}}</style>") == []


def test_injected_parameters_are_not_shown(tmp_path):
    from cpo_model.report.page import clean_for_export

    nb = parameterised(
        nbformat.read(template_path(), as_version=4), Company(headcount=10, name="Zed")
    )
    cleaned = clean_for_export(copy.deepcopy(nb))
    tags = [t for c in cleaned.cells for t in c.metadata.get("tags", [])]
    assert (
        "parameters" not in tags and "injected-parameters" not in tags and "remove-cell" not in tags
    )
