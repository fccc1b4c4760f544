"""`render`: the text and HTML cards, escaped, in plain words."""

from __future__ import annotations

from cpo_model import (
    Company,
    assess,
)


def test_card_renders_and_escapes():
    a = assess(
        Company(headcount=300, complexity=5, product_managers=12, name="<script>alert(1)</script>")
    )
    html = a._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Create the role now" in html and "Chief Product Officer" in html
    text = a.to_text()
    assert (
        text.startswith("<script>alert(1)</script>: Create the role now")
        and "What would change it" in text
    )
    assert "create_cpo" not in text and "vp_product" not in text
