"""`scale.assess_dask`: per partition of a Dask DataFrame, exactly what pandas gives."""

from __future__ import annotations

import pickle
import sys

import pandas as pd
import pytest

from cpo_model import Policy, assess_frame, load_policy
from cpo_model.csvio import read_companies
from cpo_model.errors import MissingExtraError
from cpo_model.resources import data_path

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def companies() -> pd.DataFrame:
    """The bundled examples four times over, with invalid rows in between (text, as from a CSV)."""
    base = read_companies(data_path("examples/companies.csv"))
    bad = pd.DataFrame({"name": ["Minus", "Blank"], "headcount": ["-4", ""]})
    df = pd.concat([base, bad, base, bad, base, base], ignore_index=True).fillna("")
    return df


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_identical_to_pandas_on_every_local_scheduler(companies, scheduler):
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(companies, npartitions=5)
        from cpo_model.scale import assess_dask

        out = assess_dask(ddf, next_change=True).compute(scheduler=scheduler)
    expected = assess_frame(companies, next_change=True)
    pd.testing.assert_frame_equal(out, expected)
    assert out["error"].notna().sum() == 4


def test_rows_in_rows_out_with_dask_string_columns(companies):
    from cpo_model.scale import assess_dask

    ddf = dd.from_pandas(companies, npartitions=3)  # Dask's default: pyarrow string columns
    out = assess_dask(ddf, standard="gartner").compute(scheduler="sync")
    expected = assess_frame(companies, standard="gartner")
    assert len(out) == len(companies) and out.index.tolist() == companies.index.tolist()
    assert out["name"].tolist() == companies["name"].tolist()
    for col in ("create_cpo", "stage", "role", "score", "error"):
        got, want = out[col].astype(object), expected[col].astype(object)
        assert got.where(got.notna(), None).tolist() == want.where(want.notna(), None).tolist()


def test_an_edited_policy_file_travels_to_worker_processes(companies, policy_file):
    def stricter(d):
        d["decision"]["consider_from"]["value"] = 6

    path = policy_file(stricter)
    from cpo_model.scale import assess_dask

    ddf = dd.from_pandas(companies, npartitions=2)
    out = assess_dask(ddf, path).compute(scheduler="processes")
    strict, bundled = assess_frame(companies, path), assess_frame(companies)
    assert out["create_cpo"].astype(str).tolist() == strict["create_cpo"].astype(str).tolist()
    assert (strict["create_cpo"] != bundled["create_cpo"]).any(), "the edit changes answers"


def test_a_policy_travels_as_its_text_and_one_built_in_memory_says_why_it_cannot(raw_policy):
    policy = load_policy()
    again = pickle.loads(pickle.dumps(policy))
    assert again.version == policy.version and again.text == policy.text
    with pytest.raises(TypeError, match="load it from a file with load_policy"):
        pickle.dumps(Policy.from_dict(raw_policy))


def test_without_dask_one_line_says_how_to_install(monkeypatch, companies):
    from cpo_model.scale import assess_dask

    ddf = dd.from_pandas(companies, npartitions=2)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(MissingExtraError) as err:
        assess_dask(ddf)
    assert str(err.value) == (
        "assess_dask needs the scale extra (dask.dataframe not installed); install it with: "
        'pip install "cpo-model[scale]"'
    )
