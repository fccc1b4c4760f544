"""`team_inputs`: raters' rows parsed with their names, and the team values, checked by hand."""

from __future__ import annotations

import pytest

from cpo_model.errors import InputFileError, InvalidInputError
from cpo_model.team_inputs import parse_view, read_raters, team_values, unique_names


@pytest.mark.parametrize(
    "stated, expected",
    [
        ([2, 3, 3, 5], 3),  # median 3
        ([2, 3], 3),  # 2.5: halves round up (data/inputs.yaml team.halves)
        ([1, 2, 3, 4], 3),  # 2.5 again
        ([4, 2, 4], 4),
        ([5], 5),
    ],
)
def test_whole_numbers_take_the_median_with_halves_up(stated, expected):
    values, notes = team_values([{"complexity": c} for c in stated])
    assert values == {"complexity": expected} and notes == []


def test_fractions_take_the_plain_median():
    values, _ = team_values([{"annual_growth": 0.2}, {"annual_growth": 0.5}])
    assert values == {"annual_growth": pytest.approx(0.35)}


def test_yes_no_takes_the_majority_and_a_tie_is_not_stated_and_said():
    values, notes = team_values(
        [
            {"founder_overloaded": True, "product_market_fit": True},
            {"founder_overloaded": True, "product_market_fit": False},
            {"founder_overloaded": False},
        ]
    )
    assert values == {"founder_overloaded": True}
    assert notes == [
        "Product/market fit: a tie (yes 1, no 1), taken as not stated, so the model assumes yes"
    ]


def test_owners_take_the_most_common_and_a_tie_is_not_stated():
    values, notes = team_values(
        [
            {"owner_product_vision": "ceo", "owner_user_research": "ceo"},
            {"owner_product_vision": "ceo", "owner_user_research": "nobody"},
            {"owner_product_vision": "product_lead"},
        ]
    )
    assert values == {"owner_product_vision": "ceo"}
    assert notes == ["Owner of user research: a tie (CEO/founder 1, nobody 1), taken as not stated"]


def test_no_view_is_left_out_not_counted():
    values, _ = team_values([{"complexity": 4}, {}, {}])
    assert values == {"complexity": 4}


def test_a_bad_cell_names_the_rater_and_the_field_every_one_at_once():
    with pytest.raises(InvalidInputError) as err:
        parse_view("CTO", {"headcount": "-3", "complexity": "9", "owner_product_vision": "cfo"})
    message = str(err.value)
    assert "rater 'CTO': headcount=-3: expected a whole number from 1 to 10,000,000" in message
    assert "rater 'CTO': complexity=9: expected a whole number from 1 to 5" in message
    assert "rater 'CTO': owner_product_vision='cfo': expected one of" in message


def test_blank_cells_are_no_view_and_unknown_columns_are_ignored():
    view = parse_view("CEO", {"headcount": " 1,200 ", "complexity": "", "notes": "x"})
    assert view == {"headcount": 1200}


def test_names_are_told_apart_and_said():
    names, notes = unique_names(["Alex", "Sam", "Alex", None, "Alex"])
    assert names == ["Alex (1)", "Sam", "Alex (2)", "rater 4", "Alex (3)"]
    assert notes == ["3 raters are named 'Alex': told apart as 'Alex (1)' to 'Alex (3)'"]


def test_a_raters_csv(tmp_path):
    path = tmp_path / "raters.csv"
    path.write_text(
        "rater,headcount,complexity,notes\nCEO,120,3,keen\n,,,\nCTO,,4,\nCEO,,2,\n",
        encoding="utf-8",
    )
    raters = read_raters(path)
    assert [n for n, _ in raters] == ["CEO", "CTO", "CEO"]  # told apart by assess_team
    assert raters[1][1]["complexity"] == "4" and "rater" not in raters[1][1]


@pytest.mark.parametrize(
    "text, needle",
    [
        ("name,headcount\nAcme,100\n", "no 'rater' column"),
        ("rater,headcount\n", "no raters"),
        ("rater,headcount\n,\n", "no raters"),
    ],
)
def test_a_raters_csv_without_raters_is_refused(tmp_path, text, needle):
    path = tmp_path / "raters.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match=needle) as err:
        read_raters(path)
    assert str(err.value).startswith(f"{path}: ") and err.value.source == "raters"


def test_a_missing_raters_file_is_the_raters_source_not_a_flag(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(InputFileError) as err:
        read_raters(path)
    assert str(err.value) == f"{path}: cannot read (No such file or directory)"
    assert err.value.source == "raters"
