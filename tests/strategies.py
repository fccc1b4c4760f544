"""Hypothesis strategies for valid companies (shared by the property tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from cpo_model import Company, Owner
from cpo_model.resources import responsibility_ids

headcounts = st.integers(1, 10_000_000) | st.integers(1, 3000)
maybe = st.none().__or__


@st.composite
def companies(draw) -> Company:
    headcount = draw(headcounts)
    engineers = draw(maybe(st.integers(0, headcount)))
    pm_room = headcount - (engineers or 0)
    owners = draw(st.dictionaries(st.sampled_from(responsibility_ids()), st.sampled_from(list(Owner)), max_size=9))
    return Company(
        headcount=headcount,
        complexity=draw(maybe(st.integers(1, 5))),
        product_lines=draw(maybe(st.integers(1, 20))),
        platforms=draw(maybe(st.integers(1, 8))),
        customer_segments=draw(maybe(st.integers(1, 8))),
        markets=draw(maybe(st.integers(1, 60))),
        regulated=draw(maybe(st.booleans())),
        product_managers=draw(maybe(st.integers(0, min(pm_room, 400)))),
        engineers=engineers,
        tech_company=draw(st.booleans()),
        product_market_fit=draw(st.booleans()),
        founder_overloaded=draw(st.booleans()),
        annual_growth=draw(maybe(st.floats(-0.5, 3, allow_nan=False))),
        owners=owners,
        name=draw(maybe(st.text(max_size=30))),
    )


def to_record(c: Company) -> dict:
    """A Company as a row of assess_frame input (owners as owner_<id> columns)."""
    row = {k: getattr(c, k) for k in c.__dataclass_fields__ if k != "owners"}
    for rid in responsibility_ids():
        row[f"owner_{rid}"] = c.owners[rid].value if rid in c.owners else None
    return row
