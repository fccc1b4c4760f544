"""The "Custom policy" box a memo or the app shows when it runs a policy other than the bundled
one: each number (and cap) that differs, old → new, with its source. Text and escaped HTML.

>>> custom_policy_html(None)  # the bundled policy: no box
''
"""

from __future__ import annotations

from html import escape

from .policy import Policy, load_policy
from .policy_diff import Difference, custom_differences, show_value

TITLE = "Custom policy: these numbers differ from the bundled, calibrated policy"


def _policy(policy: Policy | str | None) -> Policy:
    return policy if isinstance(policy, Policy) else load_policy(policy)


def _line(d: Difference) -> str:
    return str(d) + (f" (source: {d.source})" if d.source else "")


def custom_policy_lines(policy: Policy | str | None) -> list[str]:
    """The box as plain lines (empty for the bundled policy): a title naming the policy, then
    one line per number that differs."""
    policy = _policy(policy)
    if policy.bundled:
        return []
    diffs = custom_differences(policy)
    where = f", {policy.path}" if policy.path else ""
    head = f"{TITLE} (policy {policy.identity.label}{where}):"
    return [head, *(f"- {_line(d)}" for d in diffs)] if diffs else [head, "- none (texts only)"]


def custom_policy_html(policy: Policy | str | None, css_class: str = "custom-policy") -> str:
    """The box as HTML (an `<aside>`; empty for the bundled policy). Every value is escaped."""
    policy = _policy(policy)
    if policy.bundled:
        return ""
    diffs = custom_differences(policy)
    items = "".join(
        f"<li><code>{escape(d.path)}</code>: {escape(show_value(d.old))} → "
        f"<strong>{escape(show_value(d.new))}</strong>"
        + (f" <span class='source'>({escape(d.source)})</span>" if d.source else "")
        + "</li>"
        for d in diffs
    )
    where = f" · {escape(policy.path)}" if policy.path else ""
    return (
        f"<aside class='{escape(css_class)}' role='note'>"
        f"<strong>{escape(TITLE)}</strong>"
        f"<div>Policy {escape(policy.identity.label)}{where}</div>"
        + (f"<ul>{items}</ul>" if items else "<p>None: only texts differ.</p>")
        + "</aside>"
    )
