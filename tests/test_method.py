"""`method`: the README's policy table is the policy."""

from __future__ import annotations


def test_readme_policy_table_matches_policy(root):
    from cpo_model.method import policy_markdown

    readme = (root / "README.md").read_text()
    table = (
        readme.split("<!-- policy-table:start -->")[1].split("<!-- policy-table:end -->")[0].strip()
    )
    assert table == policy_markdown()
