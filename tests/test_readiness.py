"""Readiness of an internal candidate: thresholds from data/readiness.yaml."""

from __future__ import annotations

import pytest

from cpo_model import InvalidInputError
from cpo_model.readiness import rate_candidate, readiness_policy
from cpo_model.resources import skills
from cpo_model.types import Suggestion

IDS = [s["id"] for s in skills()]


def test_the_eight_skills_of_the_source_text():
    assert len(IDS) == 8 and "communication" in IDS and "keen_eye" in IDS


def test_suggestions_follow_the_thresholds():
    p = readiness_policy().thresholds
    strong = dict.fromkeys(IDS, 5) | {"leadership": p[Suggestion.PROMOTE][1]}
    assert rate_candidate(strong).suggestion == "promote"
    one_weak = dict.fromkeys(IDS, 5) | {"leadership": p[Suggestion.PROMOTE][1] - 1}
    assert rate_candidate(one_weak).suggestion == "develop"
    middling = dict.fromkeys(IDS, 3)
    assert rate_candidate(middling).suggestion == "develop"
    weak = dict.fromkeys(IDS, 2)
    assert rate_candidate(weak).suggestion == "hire_externally"


def test_gaps_and_weakest():
    target = readiness_policy().target
    r = rate_candidate(dict.fromkeys(IDS, 4) | {"persuasiveness": 1, "keen_eye": 5})
    assert r.gaps["persuasiveness"] == target - 1 and r.gaps["keen_eye"] == 0
    assert r.weakest == ("persuasiveness",)
    assert "Persuasiveness" in r._repr_html_()


@pytest.mark.parametrize("bad", [0, 6, 2.5, "3", None, float("nan"), True])
def test_bad_ratings_are_named(bad):
    with pytest.raises(InvalidInputError) as exc:
        rate_candidate(dict.fromkeys(IDS, 3) | {"leadership": bad})
    assert exc.value.fields == ("leadership",)


def test_missing_and_unknown_skills_all_reported():
    ratings = dict.fromkeys(IDS[1:], 3) | {"juggling": 5}
    with pytest.raises(InvalidInputError) as exc:
        rate_candidate(ratings)
    assert set(exc.value.fields) == {IDS[0], "ratings['juggling']"}


def test_readiness_yaml_is_validated_by_key_path():
    import pytest

    from cpo_model.errors import PolicyError
    from cpo_model.readiness import check_readiness

    bad = {"scale": {"min": 5, "max": 1}, "target": {"value": 9}, "suggestions": {"promote": {}}}
    with pytest.raises(PolicyError) as exc:
        check_readiness(bad)
    message = str(exc.value)
    for key in (
        "scale.max=1",
        "target.value=9",
        "suggestions=",
        "suggestions.promote.min_average",
        "target.source",
    ):
        assert key in message, key
