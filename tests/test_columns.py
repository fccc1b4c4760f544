"""`columns`: vectorised parsing agrees with `Company` on odd text."""

from __future__ import annotations

import pandas as pd
import pytest

from cpo_model import (
    Company,
    InvalidInputError,
    assess_frame,
)


@pytest.mark.parametrize(
    "cell, field",
    [
        ("-5", "headcount"),
        ("1e400", "headcount"),
        ("NaN", "headcount"),
        ("12.5", "headcount"),
        ("٣", None),
        (" 40 ", None),
        ("4_0", "headcount"),
    ],
)
def test_frame_and_company_agree_on_odd_text(cell, field):
    df = pd.DataFrame({"headcount": [cell]}, dtype="str")
    out = assess_frame(df)
    try:
        Company.from_record({"headcount": cell})
        expected = None
    except InvalidInputError as exc:
        expected = str(exc)
    got = out.loc[0, "error"]
    assert (None if pd.isna(got) else got) == expected
    assert (expected is None) == (field is None)
