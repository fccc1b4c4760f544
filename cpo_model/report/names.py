"""File-name slugs for companies: safe, distinct, never `index`.

>>> slugify("Acme, Inc. / ../../etc")
'acme-inc-etc'
>>> unique_slugs(["Acme", "acme", "", "index"])
['acme', 'acme-2', 'company-3', 'index-company']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

SLUG_MAX = 60
RESERVED_SLUGS = frozenset({"index"})


def slugify(name: object, limit: int = SLUG_MAX) -> str:
    """A file-name-safe slug: lowercase ASCII letters, digits and single dashes ('' if none)."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def unique_slugs(names: Sequence[object]) -> list[str]:
    """One distinct slug per name (`company-<n>` when a name has none; `index` is reserved)."""
    out: list[str] = []
    taken: set[str] = set(RESERVED_SLUGS)
    for i, name in enumerate(names, start=1):
        base = slugify(name) or f"company-{i}"
        if base in RESERVED_SLUGS:
            base = f"{base}-company"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out.append(slug)
    return out
