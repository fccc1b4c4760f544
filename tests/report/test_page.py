"""`report.page`: no code, nothing loaded from the network."""

from __future__ import annotations

import pytest

from cpo_model.report.page import external_references


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
