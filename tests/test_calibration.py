"""The bundled policy against every precedent: the agreement rules are tests."""

from __future__ import annotations

import pytest

from cpo_model import Company, assess
from cpo_model.calibration import (
    agreement,
    agrees,
    choose,
    current_numbers,
    disagreements,
    excluded,
    judge,
    overall,
    rule_breaks,
    variant,
)
from cpo_model.precedents import precedents

# Rows whose headcount is more than a year from the event (data/precedents.md, headcount basis)
STALE = {
    ("Ada Health", 2022), ("Eventbrite", 2021), ("lululemon", 2013), ("lululemon", 2015),
    ("lululemon", 2024), ("Merrell (Wolverine World Wide)", 2024),
    ("Michael Kors (Capri Holdings)", 2024), ("Monzo", 2022), ("Peloton", 2023),
    ("ServiceNow", 2024), ("Sonos", 2023), ("Under Armour", 2023), ("Valve", 2012),
    ("Wikimedia Foundation", 2022),
}  # fmt: skip
# Where the bundled policy and the companies differ (the README lists them)
DISAGREE = {
    ("Atlassian", 2018), ("Axios", 2019), ("Nubank", 2019), ("Quibi", 2020), ("Robinhood", 2022),
    ("The Atlantic", 2018), ("Twitter", 2015), ("Yahoo", 2012),
}  # fmt: skip


@pytest.fixture(scope="module")
def table():
    return judge()


def _answer(p) -> tuple[str, tuple[str, ...]]:
    a = assess(
        Company(
            headcount=p.headcount,
            complexity=p.complexity,
            tech_company=p.tech_company,
            product_market_fit=p.product_market_fit,
            ceo_leads_product=p.ceo_leads_product,
        )
    )
    return a.create_cpo.value, a.gates


def test_tech_companies_that_named_a_first_cpo_get_consider_or_yes():
    for p in precedents():
        if p.event == "first_cpo" and p.tech_company and p.calibrated:
            answer, _ = _answer(p)
            assert answer in ("consider", "yes"), p
            if (
                p.headcount >= 1000 and p.complexity >= 3
            ):  # the source text: essential in large technology companies
                assert answer == "yes", p


def test_companies_under_100_without_a_cpo_get_no():
    small = [p for p in precedents() if p.event == "no_cpo" and p.calibrated and p.headcount < 100]
    assert len(small) >= 3
    for p in small:
        assert _answer(p)[0] == "no", p


def test_a_ceo_who_leads_product_means_at_most_consider():
    led = [p for p in precedents() if p.ceo_leads_product and p.headcount]
    assert len(led) >= 4
    for p in led:
        answer, gates = _answer(p)
        assert answer != "yes" and "ceo_leads_product" in gates, p


def test_never_yes_before_product_market_fit():
    for p in precedents():
        if not p.product_market_fit and p.headcount:
            assert _answer(p)[0] != "yes", p


def test_stale_headcounts_are_left_out_and_counted(table):
    used = set(zip(table["company"], table["year"], strict=True))
    left = excluded()
    assert set(zip(left["company"], left["year"], strict=True)) == STALE
    assert not used & STALE and len(used) + len(STALE) == len(precedents())
    assert set(left["why"]) == {"headcount stale"}
    assert set(table["headcount_basis"]) == {"stated", "interpolated"}


def test_what_counts_as_agreement_for_each_event():
    """Hand-written table: (event, headcount, answer) -> agrees."""
    cases = {
        ("first_cpo", 500, "consider"): True,
        ("cpo_appointed", 500, "no"): False,
        ("cpo_in_place", 800, "yes"): True,  # a CPO at this size: read like an appointment
        ("cpo_in_place", 800, "no"): False,
        ("no_cpo", 50, "consider"): False,
        ("no_cpo", 500, "consider"): True,
        ("cpo_removed", 3000, "yes"): False,
        ("interim_cpo", 6000, "yes"): True,  # the role is kept and filled for a while
        ("interim_cpo", 6000, "no"): False,
        ("fractional_cpo", 80, "consider"): True,  # a part-time bridge before a hire
        ("fractional_cpo", 80, "yes"): False,
    }
    assert {k: agrees(*k) for k in cases} == cases


def test_agreement_is_counted_per_kind_event_and_business_model(table):
    assert rule_breaks(table) == []
    for by in (("kind", "event"), "event", "business_model"):
        per = agreement(table, by)
        assert per["cases"].sum() == len(table) and (per["agree"] <= per["cases"]).all()
    assert "cpo_in_place" in set(agreement(table, "event")["event"])
    assert set(agreement(table, "business_model")["business_model"]) >= {"b2b_saas", "media"}
    rows = overall(table).set_index("companies")
    assert rows.loc["all", "cases"] == rows.loc["tech", "cases"] + rows.loc["non-tech", "cases"]
    # what the README states: 34 of 40 technology companies, 45 of 53 in all
    assert (rows.loc["tech", "agree"], rows.loc["tech", "cases"]) == (34, 40)
    assert (rows.loc["all", "agree"], rows.loc["all", "cases"]) == (45, 53)


def test_the_disagreements_are_listed_in_words(table):
    lines = disagreements(table)
    off = table[~table["agrees"]]
    assert set(zip(off["company"], off["year"], strict=True)) == DISAGREE
    assert len(lines) == len(DISAGREE)
    assert (
        "Quibi (media) had a CPO at about 250 people (2020); the model says no "
        "(no product/market fit yet)"
    ) in lines


def test_the_sweep_choice_is_the_bundled_policy():
    """The calibration's rule for choosing, applied to a small grid around the bundled numbers,
    picks them."""
    from cpo_model.calibration import sweep

    now = current_numbers()
    grid = {
        "consider_from": [3, 4, 5],
        "yes_from": [8, 9, 10],
        "size_step": [1.0, 1.5],
        "complexity_step": [0.5, 0.75, 1.0],
    }
    checks = [
        ({"headcount": 10}, "eu", "no"),
        ({"headcount": 150}, "eu", "consider"),
        ({"headcount": 20000}, "eu", "yes"),
    ]
    picked = choose(sweep(grid, checks=checks), previous={**now, "complexity_step": 1.0})
    assert {k: picked[k] for k in now} == now


def test_a_variant_changes_only_its_numbers():
    v = variant({"consider_from": 5, "yes_from": 11, "size_step": 1.5, "complexity_step": 0.5})
    assert (
        v.decision["yes_from"].value == 11
        and v.factors["size"].bands[2].points == 3.0
        and v.factors["complexity"].points[5] == 2.0
    )


@pytest.mark.slow
def test_the_calibration_notebook_runs_under_a_policy_of_ones_own(tmp_path):
    """The notebook's POLICY parameter: a policy whose `yes` is out of reach gives first CPOs at
    1,000+ people *consider*, so the notebook shows agreement rules broken and another overall
    agreement than the bundled run (the stored outputs: 45 of 53, no rule broken)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from cpo_model.resources import data_path, notebooks_dir

    text = data_path("policy.yaml").read_text(encoding="utf-8")
    assert 'version: "2026.12-1"' in text and "yes_from: {value: 9," in text
    mine = tmp_path / "my-policy.yaml"
    mine.write_text(
        text.replace('version: "2026.12-1"', 'version: "mine-1"').replace(
            "yes_from: {value: 9,", "yes_from: {value: 90,"
        ),
        encoding="utf-8",
    )
    stored = nbformat.read(notebooks_dir() / "calibration.ipynb", as_version=4)
    nb = nbformat.read(notebooks_dir() / "calibration.ipynb", as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and params[0] is next(c for c in nb.cells if c.cell_type == "code")
    params[0].source = f"POLICY = {str(mine)!r}"
    # the part that runs the policy on the precedents; the sweep after it tries its own policies
    sweep = next(i for i, c in enumerate(nb.cells) if c.source.startswith("checks = ["))
    nb.cells = nb.cells[:sweep]
    nbclient.NotebookClient(
        nb, timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()

    def out(book, starts: str) -> str:
        cell = next(c for c in book.cells if c.cell_type == "code" and c.source.startswith(starts))
        return "".join(o.get("text", o.get("data", {}).get("text/plain", "")) for o in cell.outputs)

    assert out(nb, "%matplotlib").startswith("policy mine-1: 53 precedents")
    assert out(stored, 'print("Agreement rules broken:"') == "Agreement rules broken: none\n"
    broken = out(nb, 'print("Agreement rules broken:"')
    assert "first CPO at 1,000+ people, complexity 3+, the model says consider" in broken
    assert "45" in out(stored, "overall(table)")
    assert out(nb, "overall(table)") != out(stored, "overall(table)")
