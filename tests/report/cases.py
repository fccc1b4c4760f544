"""Hostile and long names the report tests write into memos (plain constants)."""

import re

HOSTILE = (
    "<script>alert(1)</script>",
    '"onerror=x </title><img src=//evil.example/x.png> $5M ../../escape',
)
# right-to-left override, markup, the longest name allowed
RTL_LONG = ("\u202eשלום חברה <i>rtl</i> " + "long name " * 20)[:200]
OWNERS = ("product_strategy=ceo", "product_vision=nobody", "product_design=product_lead")
REMOTE = re.compile(r"^\s*(https?:|//)", re.I)
