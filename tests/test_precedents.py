"""data/precedents.csv: real, sourced decisions; and the nearest cases shown beside every answer."""

from __future__ import annotations

import csv
import json

import pytest

from cpo_model import Company, assess, data_path
from cpo_model.precedents import COLUMNS, EVENTS, nearest, precedents


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with data_path("precedents.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_at_least_thirty_sourced_decisions_of_every_kind(rows):
    assert len(rows) >= 30
    assert tuple(rows[0]) == COLUMNS
    events = {r["event"] for r in rows}
    assert {"first_cpo", "no_cpo", "cpo_removed", "fractional_cpo"} <= events <= set(EVENTS)
    assert any(r["tech_company"] == "false" for r in rows), "non-tech companies are marked"
    assert any(r["event"] == "no_cpo" and int(r["headcount"] or 0) < 100 for r in rows), (
        "small founder-led companies"
    )
    assert any(
        r["event"] == "no_cpo" and r["ceo_leads_product"] == "true" and int(r["headcount"]) >= 1000
        for r in rows
    ), "large, CEO-led"
    assert len({(r["company"], r["year"], r["event"]) for r in rows}) == len(rows)


def test_every_row_names_its_source_and_says_how_sure_it_is(rows):
    for r in rows:
        where = f"{r['company']} {r['year']}"
        assert r["source"].strip() and r["url"].startswith(("http://", "https://")), where
        assert r["confidence"] in ("sourced", "partly sourced"), where
        if r["confidence"] == "sourced":  # both the event and the headcount come from a source
            assert (
                r["headcount"]
                and r["headcount_source"].strip()
                and r["headcount_url"].startswith("http")
            ), where
        else:
            assert r["note"].strip(), f"{where}: a partly sourced row says which part is missing"
        if r["event"] == "first_cpo":
            assert r["first_stated"] in ("stated", "inferred"), where
        if r["tech_company"] == "false":
            assert r["note"].strip(), f"{where}: a non-tech row says what CPO means there"


def test_nearest_cases_are_alike_and_of_the_same_kind():
    tech = nearest(1000, 3, True)
    assert len(tech) == 3 and len({p.company for p in tech}) == 3
    assert all(p.tech_company for p in tech) and tech[0].company == "Slack"
    other = nearest(20000, 2, False)
    assert other and not any(p.tech_company for p in other)
    small = nearest(40, 2, True)
    assert all(p.headcount < 200 for p in small)


def test_every_answer_carries_its_precedents_everywhere(run_cli):
    a = assess(Company(headcount=1000, complexity=3, name="Acme"))
    assert [p.company for p in a.precedents] == [p.company for p in nearest(1000, 3, True)]
    line = str(a.precedents[0])
    assert line == "Slack named its first CPO at about 1,000 people (2018)"
    assert line in a.to_text() and a.precedents[0].source in a.to_text()
    assert (
        "Companies like this one" in a._repr_html_() and a.precedents[0].address in a._repr_html_()
    )
    d = json.loads(json.dumps(a.as_dict()))
    assert [
        set(p) >= {"company", "year", "event", "headcount", "source", "url"}
        for p in d["precedents"]
    ] == [True] * 3
    r = run_cli("assess", "--headcount", "1000", "--complexity", "3")
    assert "Companies like this one:" in r.stdout and line in r.stdout


def test_precedents_are_loaded_once_and_immutable():
    assert precedents() is precedents()
    with pytest.raises(AttributeError):
        precedents()[0].headcount = 1  # type: ignore[misc]
