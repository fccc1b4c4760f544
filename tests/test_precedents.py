"""data/precedents.csv: real, sourced decisions at the date they were made; and the nearest cases
shown beside every answer."""

from __future__ import annotations

import csv
import json

import pytest

from cpo_model import Company, assess, data_path
from cpo_model.errors import InputFileError
from cpo_model.precedents import (
    BUSINESS_MODELS,
    COLUMNS,
    EVENTS,
    months_apart,
    nearest,
    precedents,
    read_precedents,
)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with data_path("precedents.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _n(r: dict[str, str]) -> int:
    return int(r["headcount"] or 0)


# The targets, counted by hand from data/precedents.csv (and its companion note).
NON_TECH_COMPANIES = {
    "Axios", "Blick Group (Ringier)", "CNN", "Columbia Sportswear (Columbia brand)", "Gymshark",
    "LEGO Group", "Levi Strauss & Co.", "lululemon", "Merrell (Wolverine World Wide)",
    "Michael Kors (Capri Holdings)", "PUMA", "The Atlantic", "Under Armour", "Vox Media", "WeWork",
}  # fmt: skip
FIRST_CPOS_100_TO_1000 = {"Axios", "Eventbrite", "Reddit", "Slack", "The Atlantic"}
NO_CPO_AT_200_PLUS = {
    "Airbnb", "Atlassian", "Duolingo", "N26", "Nubank", "Shopify", "Slack", "Snap", "Twitter",
    "Valve",
}  # fmt: skip
INTERIM_OR_FRACTIONAL = {"Ada Health", "Blick Group (Ringier)", "ServiceNow", "Under Armour"}
BEFORE_FIT = {"Clubhouse", "Instagram (Burbn)", "Notion", "Quibi", "Segment"}


def test_the_set_has_sixty_rows_each_a_different_event(rows):
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) >= 60
    assert len({(r["company"], r["year"], r["event"]) for r in rows}) == len(rows)
    assert {r["event"] for r in rows} <= set(EVENTS)


def test_the_counts_the_evidence_needs_that_the_data_meets(rows):
    non_tech = {r["company"] for r in rows if r["tech_company"] == "false"}
    assert non_tech == NON_TECH_COMPANIES and len(non_tech) >= 12
    assert all(r["product_meaning"] for r in rows), "product means software or merchandise"
    no_cpo = {r["company"] for r in rows if r["event"] == "no_cpo" and _n(r) >= 200}
    assert no_cpo == NO_CPO_AT_200_PLUS and len(no_cpo) >= 8
    pre_fit = {r["company"] for r in rows if r["product_market_fit"] == "false"}
    assert pre_fit == BEFORE_FIT and len(pre_fit) >= 5
    assert {r["business_model"] for r in rows} == set(BUSINESS_MODELS), "every model is used"


def test_the_counts_where_the_data_is_short_are_what_we_have(rows):
    """First CPOs at 100-1,000 people and interim/fractional CPOs: the sourced rows we have (the
    targets are 10 and 5; see the xfail tests below)."""
    first = {r["company"] for r in rows if r["event"] == "first_cpo" and 100 <= _n(r) <= 1000}
    assert first == FIRST_CPOS_100_TO_1000
    bridge = {r["company"] for r in rows if r["event"] in ("interim_cpo", "fractional_cpo")}
    assert bridge == INTERIM_OR_FRACTIONAL
    assert not any(r["event"] == "fractional_cpo" for r in rows), "no real fractional CPO found"


@pytest.mark.xfail(
    reason="data short: 5 sourced first CPOs at 100-1,000 people (none outside the US), "
    "10 wanted; no further row could be sourced (data/precedents.md lists the candidates)",
    strict=True,
)
def test_ten_first_cpos_at_100_to_1000_people(rows):
    assert sum(r["event"] == "first_cpo" and 100 <= _n(r) <= 1000 for r in rows) >= 10


@pytest.mark.xfail(
    reason="data short: 4 sourced interim CPOs and no fractional one, 5 wanted",
    strict=True,
)
def test_five_real_interim_or_fractional_cpos(rows):
    assert sum(r["event"] in ("interim_cpo", "fractional_cpo") for r in rows) >= 5


def test_every_row_names_its_source_and_the_basis_of_its_headcount(rows):
    for r in rows:
        where = f"{r['company']} {r['year']}"
        assert r["source"].strip() and r["url"].startswith(("http://", "https://")), where
        assert r["confidence"] in ("sourced", "partly sourced"), where
        if r["headcount"]:
            assert r["headcount_basis"] in ("stated", "interpolated", "stale"), where
            assert r["headcount_basis_note"].strip() and r["headcount_date"], where
        if r["headcount_basis"] == "stated":  # within a year of the event, however dated
            assert months_apart(r["date"], r["headcount_date"]) <= 12, where
        if r["confidence"] == "sourced":  # event and headcount both from a source, at the date
            assert r["headcount_basis"] in ("stated", "interpolated"), where
            assert r["headcount_source"].strip() and r["headcount_url"].startswith("http"), where
        else:
            assert r["note"].strip(), f"{where}: a partly sourced row says which part is missing"
        if r["event"] == "first_cpo":
            assert r["first_stated"] in ("stated", "inferred"), where
        if r["tech_company"] == "false":
            assert r["note"].strip(), f"{where}: a non-tech row says what CPO means there"


def test_the_rows_the_audit_named_are_at_the_date_of_the_decision():
    by = {(p.company, p.year): p for p in precedents()}
    assert (
        by["Eventbrite", 2021].headcount_basis == "stale"
        and by["Eventbrite", 2021].headcount < 1000
    )
    assert by["Robinhood", 2021].headcount_basis == "interpolated"
    assert by["Robinhood", 2022].headcount == 3500 and by["Patreon", 2021].headcount == 400
    assert (
        by["Monzo", 2022].headcount_basis == "stale"
        and by["Peloton", 2023].headcount_basis == "stale"
    )
    assert by["Ada Health", 2022].event == "interim_cpo" and by["N26", 2020].event == "no_cpo"
    assert {by[c, y].event for c, y in (("Etsy", 2021), ("Figma", 2022), ("Quibi", 2020))} == {
        "cpo_in_place"
    }


def _write(tmp_path, rows: list[dict[str, str]]):
    path = tmp_path / "precedents.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def test_every_bad_cell_is_named_by_line_and_column_at_once(tmp_path, rows):
    bad = [dict(r) for r in rows[:3]]
    bad[0] |= {"business_model": "saas", "headcount_basis": "guessed"}
    bad[1] |= {"product_meaning": "apparel", "customer_experience": "maybe"}
    bad[2] |= {"date": "2019-13", "headcount": "-5"}
    with pytest.raises(InputFileError) as err:
        read_precedents(_write(tmp_path, bad))
    message = str(err.value)
    assert "\n" not in message
    for where in (
        "line 2, column business_model='saas': expected one of b2b_saas, consumer_app",
        "line 2, column headcount_basis='guessed': expected one of stated, interpolated, stale",
        "line 3, column product_meaning='apparel': expected one of digital, merchandise, mixed",
        "line 3, column customer_experience='maybe': expected blank, true or false",
        "line 4, column date='2019-13': expected the event's date as YYYY, YYYY-MM or YYYY-MM-DD",
        "line 4, column headcount='-5': expected blank or a whole number from 1 to",
    ):
        assert where in message, where
    assert message.count("precedents.csv line") == 6


def test_a_headcount_two_years_off_cannot_be_called_stated(tmp_path, rows):
    row = dict(next(r for r in rows if r["company"] == "Slack" and r["year"] == "2018"))
    row |= {"headcount_date": "2016-01"}  # the event is 2018-04
    with pytest.raises(InputFileError, match="column headcount_basis='stated': expected stale"):
        read_precedents(_write(tmp_path, [row]))
    row |= {"headcount_basis": "stale"}
    assert read_precedents(_write(tmp_path, [row]))[0].headcount_basis == "stale"


def test_interim_and_fractional_are_told_apart_in_words():
    assert "interim" in EVENTS["interim_cpo"] and "part-time" in EVENTS["fractional_cpo"]
    assert EVENTS["interim_cpo"] != EVENTS["fractional_cpo"]
    ada = next(p for p in precedents() if p.company == "Ada Health")
    assert str(ada) == (
        "Ada Health (consumer app) named an interim (acting) CPO at about 120 people "
        "(2022; headcount as of 2018)"
    )


def test_peers_of_a_b2b_saas_company_are_b2b_saas_first():
    """Hand-checked: a 180-person B2B SaaS company of complexity 2 is 0.56 decades from Linear
    (50 people), 0.65 from Figma (800) and 0.78 from PostHog (30); the nearest of another model,
    Axios (175, media, not tech), is 0.01 + 1.0 (model) + 0.5 (kind) = 1.51."""
    peers = nearest(180, 2, True, business_model="b2b_saas")
    assert [p.company for p in peers] == ["Linear", "Figma", "PostHog"]
    assert {p.business_model for p in peers} == {"b2b_saas"}
    # Without a business model the same company sees the nearest technology companies of any model
    # (Clubhouse 100 people 0.26, Quibi 250 and complexity 1 0.39, Ada Health 120 and 3 0.43)
    assert [p.company for p in nearest(180, 2, True)] == ["Clubhouse", "Quibi", "Ada Health"]


def test_the_same_business_model_counts_more_than_the_same_kind():
    """A media company that calls itself a technology company sees media companies (which the
    data marks as not tech) before technology companies of other models."""
    peers = nearest(300, 2, True, business_model="media")
    assert [p.company for p in peers] == ["Quibi", "Axios", "The Atlantic"]
    assert not any(p.tech_company for p in nearest(20000, 2, False))


def test_the_weights_come_from_the_policy(tmp_path):
    import yaml

    from cpo_model import load_policy

    raw = yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))
    raw["precedents"]["business_model_weight"]["value"] = 0.0
    raw["precedents"]["kind_weight"]["value"] = 0.0
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    flat = nearest(180, 2, True, load_policy(path), business_model="b2b_saas")
    assert [p.company for p in flat] == ["Axios", "Clubhouse", "Quibi"]


def test_every_answer_carries_its_precedents_everywhere(run_cli):
    a = assess(Company(headcount=1000, complexity=3, name="Acme"))
    assert [p.company for p in a.precedents] == [p.company for p in nearest(1000, 3, True)]
    line = str(a.precedents[0])
    assert line == "Slack (B2B SaaS) named its first CPO at about 1,000 people (2018)"
    assert line in a.to_text() and a.precedents[0].source in a.to_text()
    assert (
        "Companies like this one" in a._repr_html_() and a.precedents[0].address in a._repr_html_()
    )
    d = json.loads(json.dumps(a.as_dict()))
    assert [
        set(p)
        >= {"company", "year", "date", "event", "headcount", "headcount_basis", "business_model"}
        for p in d["precedents"]
    ] == [True] * 3
    assert d["precedents"][0]["business_model"] == "b2b_saas"
    r = run_cli("assess", "--headcount", "1000", "--complexity", "3")
    assert "Companies like this one:" in r.stdout and line in r.stdout


def test_precedents_are_loaded_once_and_immutable():
    assert precedents() is precedents()
    with pytest.raises(AttributeError):
        precedents()[0].headcount = 1  # type: ignore[misc]


# Sources whose claim could not be found in any public text: dropped, their uses re-cited.
DROPPED = {"cagan_inspired", "saastr_founder_cpo"}


def test_every_citation_has_an_address_or_says_why_not():
    import yaml

    raw = yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))["sources"]
    for key, src in raw.items():
        assert src["url"] or str(src.get("no_url", "")).strip(), key
        assert src["url"] is None or src["url"].startswith("https://"), key
    assert not DROPPED & set(raw)
    # the claims the sources do not make are gone
    titles = " ".join(s["title"] for s in raw.values())
    assert "most cited" not in titles and "by elimination" not in titles
    assert "and/or" in raw["gartner_mse"]["title"] and "arbitrary" in raw["gartner_mse"]["title"]


def test_a_source_without_an_address_must_say_why_in_words(tmp_path):
    import yaml

    from cpo_model import load_policy
    from cpo_model.errors import PolicyError

    raw = yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))
    raw["sources"]["own_judgement"]["no_url"] = ""
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(PolicyError, match="sources.own_judgement.no_url=''"):
        load_policy(path)
