"""One input specification, one parser: numbers as spreadsheets write them read the same through
`Company`, `assess_frame`, the CLI (flags and --csv) and the Explorer; the README's table is the
specification's."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpo_model import Company, InvalidInputError, assess_frame
from cpo_model.cli import main
from cpo_model.resources import data_path
from cpo_model.schema import fields, inputs_markdown, read_number

WHOLE = "expected a whole number from 1 to 10,000,000"
# (typed, headcount read, or the one-line message), written by hand
TYPED = [
    ("1,200", 1200, None),
    (" 300 ", 300, None),
    ("12 000", 12000, None),
    ("1e3", 1000, None),
    ("1.200.000", 1200000, None),
    ("1.200", None, f"headcount=1.2: {WHOLE}"),
    ("2.5", None, f"headcount=2.5: {WHOLE}"),
    ("1,5", None, f"headcount=1.5: {WHOLE}"),
    ("0", None, f"headcount=0: {WHOLE}"),
    ("lots", None, f"headcount='lots': {WHOLE}"),
]


@pytest.mark.parametrize("typed, expected, message", TYPED)
def test_company_reads_numbers_as_typed(typed, expected, message):
    if message is None:
        assert Company.from_record({"headcount": typed}).headcount == expected
    else:
        with pytest.raises(InvalidInputError) as exc:
            Company.from_record({"headcount": typed})
        assert str(exc.value) == message


def test_frame_and_csv_read_the_same_numbers(tmp_path, capsys):
    cells = [t for t, _, _ in TYPED]
    frame = assess_frame(pd.DataFrame({"headcount": cells}))
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("headcount\n" + "".join(f'"{c}"\n' for c in cells), encoding="utf-8")
    assert main(["assess", "--csv", str(src), "--out", str(out)]) == 1  # some rows invalid
    csv = pd.read_csv(out, dtype=str, keep_default_na=False)
    for i, (typed, expected, message) in enumerate(TYPED):
        assert (None if pd.isna(frame["error"][i]) else frame["error"][i]) == message, typed
        assert (csv["error"][i] or None) == message, typed
        if expected is not None:  # the answer is the stated number's
            plain = assess_frame(pd.DataFrame({"headcount": [expected]}))
            assert frame["create_cpo"][i] == plain["create_cpo"][0]
            assert frame["score"][i] == plain["score"][0]
            assert csv["create_cpo"][i] == plain["create_cpo"][0]


@pytest.mark.parametrize("typed, expected, message", TYPED)
def test_cli_flags_read_numbers_as_typed(typed, expected, message, capsys):
    code = main(["assess", "--headcount", typed, "--format", "json"])
    out = capsys.readouterr()
    if message is None:
        assert code == 0
        same = main(["assess", "--headcount", str(expected), "--format", "json"])
        assert same == 0 and capsys.readouterr().out == out.out
    else:
        assert code == 2 and "Traceback" not in out.err
        flag_message = message.replace("headcount=", "--headcount ").replace("'", "")
        assert flag_message in out.err


@pytest.mark.parametrize("typed, expected, message", TYPED)
def test_explorer_box_card_and_answer_show_the_same_number(typed, expected, message):
    from cpo_model.widgets import Explorer

    ex = Explorer(Company(headcount=40))
    ex.headcount.value = typed
    if message is None:
        assert ex.message.value == ""
        assert ex.assessment.company.headcount == expected
        assert round(ex.headcount_slider.value) == expected
    else:  # refused with the same line; the last answer stays, and says so
        assert message in ex.message.value.replace("&#x27;", "'")
        assert ex.assessment.company.headcount == 40


def test_decimal_comma_and_grouping_forms():
    forms = ["1.200,5", "2,5", "12 000,5", "1\u00a0200", "-3", "+7", "1_000", "inf", "nan", ""]
    assert [read_number(f) for f in forms] == [
        1200.5,
        2.5,
        12000.5,
        1200.0,
        -3.0,
        7.0,
        None,
        None,
        None,
        None,
    ]


CELLS = {
    "headcount": st.sampled_from(["", "40", "1,200", " 300 ", "2.5", "0", "x", "1e3"]),
    "complexity": st.sampled_from(["", "1", "5", "9", "2,0", "yes"]),
    "product_managers": st.sampled_from(["", "3", "1,000", "-1"]),
    "engineers": st.sampled_from(["", "10", "2 000"]),
    "tech_company": st.sampled_from(["", "yes", "NO", "maybe", "1"]),
    "business_model": st.sampled_from(["", "B2B SaaS", "fintech", "not stated", "bank"]),
    "customer_experience": st.sampled_from(["", "no", "y"]),
    "annual_growth": st.sampled_from(["", "0,4", "0.4", "25"]),
    "owner_product_vision": st.sampled_from(["", "CEO", "cfo"]),
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=6))
def test_a_company_alone_and_in_a_frame_parse_identically(rows):
    out = assess_frame(pd.DataFrame(rows))
    for i, row in enumerate(rows):
        try:
            alone = Company.from_record(row)
            message = None
        except InvalidInputError as exc:
            alone, message = None, str(exc)
        got = out["error"][i]
        assert (None if pd.isna(got) else got) == message
        if alone is not None:
            one = assess_frame(pd.DataFrame([alone.to_record()]))
            assert out["score"][i] == one["score"][0]
            assert out["create_cpo"][i] == one["create_cpo"][0]


def test_company_has_exactly_the_specified_inputs():
    names = {f.name for f in dataclasses.fields(Company)} - {"owners"}
    assert names == {f.name for f in fields()}


def test_every_problem_names_its_field_not_a_flag():
    with pytest.raises(InvalidInputError) as exc:
        Company.from_record(
            {"headcount": "2.5", "business_model": "bank", "customer_experience": "maybe"}
        )
    assert exc.value.fields == ("headcount", "business_model", "customer_experience")
    assert "--" not in str(exc.value)


def test_readme_input_table_is_the_specification():
    readme = (data_path("inputs.yaml").parents[1] / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- inputs-table:start -->\n(.*?)<!-- inputs-table:end -->", readme, re.S)
    assert table is not None and table.group(1) == inputs_markdown()
