"""Hypothesis strategies for valid companies (shared by the property tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from cpo_model import Company, Owner
from cpo_model.schema import responsibility_ids

headcounts = st.integers(1, 10_000_000) | st.integers(1, 3000)
maybe = st.none().__or__


@st.composite
def companies(draw) -> Company:
    headcount = draw(headcounts)
    engineers = draw(maybe(st.integers(0, headcount)))
    pm_room = headcount - (engineers or 0)
    owners = draw(
        st.dictionaries(
            st.sampled_from(responsibility_ids()), st.sampled_from(list(Owner)), max_size=9
        )
    )
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
        tech_company=draw(maybe(st.booleans())),
        product_market_fit=draw(maybe(st.booleans())),
        founder_overloaded=draw(maybe(st.booleans())),
        ceo_leads_product=draw(maybe(st.booleans())),
        annual_growth=draw(maybe(st.floats(-0.5, 3, allow_nan=False))),
        owners=owners,
        name=draw(maybe(st.text(max_size=30))),
    )


def to_row(c: Company) -> dict:
    """A Company as a row of assess_frame input: every column present (None = not stated)."""
    row = {k: None for k in c.__dataclass_fields__ if k != "owners"} | {
        f"owner_{rid}": None for rid in responsibility_ids()
    }
    return row | c.to_record()
