"""`report.names`: safe, unique file names."""

from __future__ import annotations

import re

from cpo_model.report.names import slugify, unique_slugs


def test_slugs_are_safe_and_unique():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Café Ünïcode GmbH") == "cafe-unicode-gmbh"
    assert slugify("<script>alert(1)</script>") == "script-alert-1-script"
    assert slugify("////") == "" and slugify(None) == ""
    assert len(slugify("x" * 500)) <= 60
    slugs = unique_slugs(["Acme", "ACME", "acme!", "", "index", "Index", "..", "Acme-2"])
    assert slugs == [
        "acme",
        "acme-2",
        "acme-3",
        "company-4",
        "index-company",
        "index-company-2",
        "company-7",
        "acme-2-2",
    ]
    assert len(set(slugs)) == len(slugs) and all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)
