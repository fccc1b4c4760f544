"""Hostile input at the API and CLI: every bad value refused by name, nothing crashes."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpo_model import Company, InvalidInputError, assess
from cpo_model.cli import main
from cpo_model.company import input_schema

FIELDS = [f for f in input_schema()]
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.lists(st.integers(), max_size=3),
    st.just(""),
    st.just("\u202eevil"),
)


@pytest.mark.parametrize("field", FIELDS)
@given(value=anything)
@settings(max_examples=60, deadline=None)
def test_any_value_of_any_field_is_accepted_or_refused_by_name(field, value):
    kwargs = {"headcount": 100, field: value}
    try:
        c = Company(**kwargs)
    except InvalidInputError as exc:
        (named,) = exc.fields
        assert field in named.split("+"), str(exc)  # the field itself, or the team-size check it takes part in
        assert str(exc).startswith(f"{named}=") and "\n" not in str(exc)
        return
    assess(c)  # a value that is accepted can be assessed
    got = getattr(c, field)
    assert got is None or isinstance(got, (bool, int, float, str))
    if isinstance(got, float):
        assert math.isfinite(got)


@pytest.mark.parametrize("field", [f for f in FIELDS if input_schema()[f]["type"] in ("int", "float")])
@given(text=st.text(max_size=20))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cli_flags_never_trace_back(field, text, capsys):
    flag = "--" + field.replace("_", "-")
    args = ["assess", flag, text] + ([] if field == "headcount" else ["--headcount", "100"])
    if text.startswith("-") and len(text) > 1:
        args = ["assess", f"{flag}={text}"] + args[3:]
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("cpo-model: error:") and "Traceback" not in err
    else:
        assert "What would change it" in out


@given(owner_key=st.text(max_size=30), owner=st.text(max_size=30))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_owner_flags_never_trace_back(owner_key, owner, capsys):
    capsys.readouterr()
    code = main(["assess", "--headcount", "100", f"--owner={owner_key}={owner}"])
    _, err = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in err
