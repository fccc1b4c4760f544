"""assess_frame: every row kept, bad rows marked, extra columns passed through."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpo_model import Company, InvalidInputError, assess, assess_frame
from cpo_model.csvio import read_companies
from cpo_model.resources import data_path


def test_bundled_examples_are_varied_and_valid():
    df = read_companies(data_path("examples/companies.csv"))
    out = assess_frame(df)
    assert len(df) >= 12 and out["error"].isna().all()
    heads = pd.to_numeric(df["headcount"])
    assert heads.min() <= 10 and heads.max() >= 20000
    assert {"no", "consider", "yes"} <= set(out["create_cpo"])
    assert {"pm_only", "midsize", "large"} <= set(out["stage"])
    assert (df["tech_company"].str.lower() == "false").any()


def test_invalid_rows_are_kept_and_marked_with_the_same_message_as_company():
    df = pd.DataFrame(
        {
            "name": ["ok", "neg", "text", "nan", "team", "owner"],
            "headcount": ["100", "-4", "many", "nan", "10", "10"],
            "complexity": ["2", "2", "2", "2", "9", "1"],
            "engineers": ["", "", "", "", "20", ""],
            "owner_user_research": ["", "", "", "", "", "intern"],
            "crm_id": ["a", "b", "c", "d", "e", "f"],
        }
    )
    out = assess_frame(df)
    assert len(out) == len(df) and out["crm_id"].tolist() == df["crm_id"].tolist()
    assert out["error"].isna().tolist() == [True, False, False, False, False, False]
    assert out.loc[0, "create_cpo"] == assess(Company(headcount=100, complexity=2)).create_cpo.value
    assert out.loc[1:, "create_cpo"].isna().all() and out.loc[1:, "score"].isna().all()
    for i, record in enumerate(df.to_dict("records")):
        if i == 0:
            continue
        with pytest.raises(InvalidInputError) as exc:
            Company.from_record(record)
        assert out.loc[i, "error"] == str(exc.value)
    assert "complexity=" in out.loc[4, "error"] and "owner_user_research" in out.loc[5, "error"]


def test_numeric_and_mixed_columns():
    df = pd.DataFrame(
        {
            "headcount": [10, 300.0, np.nan, 2.5, np.inf],
            "tech_company": [True, False, True, True, True],
        }
    )
    out = assess_frame(df)
    assert out["error"].isna().tolist() == [True, True, False, False, False]
    assert (
        out.loc[1, "create_cpo"]
        == assess(Company(headcount=300, tech_company=False)).create_cpo.value
    )


def test_missing_required_column_marks_every_row():
    out = assess_frame(pd.DataFrame({"name": ["a", "b"], "complexity": [1, 2]}))
    assert len(out) == 2 and out["error"].str.contains("headcount=None").all()


def test_input_is_not_modified_and_rerun_replaces_results():
    df = pd.DataFrame({"headcount": [100, 1000]})
    before = df.copy()
    once = assess_frame(df)
    pd.testing.assert_frame_equal(df, before)
    twice = assess_frame(once)
    assert list(twice.columns) == list(once.columns)
    pd.testing.assert_series_equal(twice["score"], once["score"])


def test_empty_frame():
    out = assess_frame(pd.DataFrame({"headcount": pd.Series([], dtype=float)}))
    assert len(out) == 0 and "create_cpo" in out.columns


def test_large_frame_is_vectorised():
    n = 200_000
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {"headcount": rng.integers(1, 100_000, n), "complexity": rng.integers(1, 6, n)}
    )
    out = assess_frame(df)
    assert len(out) == n and out["error"].isna().all()
    sample = out.sample(50, random_state=1)
    for row in sample.itertuples():
        assert (
            row.create_cpo
            == assess(
                Company(headcount=int(row.headcount), complexity=int(row.complexity))
            ).create_cpo.value
        )
