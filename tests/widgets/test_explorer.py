"""`widgets.explorer`: every change updates the assessment, card and charts."""

from __future__ import annotations

import io
import re

import matplotlib
import pytest

from cpo_model import (
    Company,
    analysis,
    assess,
    charts,
)

matplotlib.use("Agg")  # this test process only

from cpo_model.widgets import CHARTS, Explorer


def _marker_x(fig) -> float:
    ax = fig.axes[0]
    for line in ax.lines:
        if line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1:
            return float(line.get_xdata()[0])
    raise AssertionError("no company marker on the map")


@pytest.fixture
def ex():
    return Explorer(Company(headcount=150, complexity=3, name="Acme"))


def test_setting_headcount_updates_assessment_card_slider_and_map(ex):
    before = ex.images["map"].value
    ex.headcount.value = 5000
    assert ex.assessment == assess(Company(headcount=5000, complexity=3, name="Acme"))
    assert ex.assessment.create_cpo == "yes"
    assert "Create the role now" in ex.card.value
    assert "create_cpo" not in ex.card.value  # no code label unless asked for
    assert "create_cpo = yes" in Explorer(ex.assessment.company, code_labels=True).card.value
    assert round(ex.headcount_slider.value) == 5000
    assert _marker_x(ex.figures["map"]) == 5000
    assert ex.images["map"].value != before and bytes(ex.images["map"].value).startswith(b"\x89PNG")


def test_slider_drives_the_number_box(ex):
    ex.headcount_slider.value = 20.4
    assert ex.headcount.value == "20" and ex.assessment.company.headcount == 20


def test_complexity_and_words(ex):
    ex.complexity.value = 5
    assert ex.assessment.complexity == 5
    from cpo_model.schema import complexity_levels

    assert complexity_levels()[5] in ex.complexity_words.value


def test_factors_mode_uses_factors(ex):
    ex.from_factors.value = True
    ex.fields["product_lines"].value = "5"
    ex.fields["platforms"].value = "4"
    expected = assess(Company(headcount=150, product_lines=5, platforms=4, name="Acme"))
    assert ex.assessment.complexity == expected.complexity and ex.complexity.disabled


def test_advanced_inputs_reach_the_model(ex):
    ex.fields["tech_company"].value = "no"
    ex.fields["product_managers"].value = "2"
    ex.owners["product_strategy"].value = "ceo"
    ex.standard.value = "gartner"
    c = Company(
        headcount=150,
        complexity=3,
        name="Acme",
        tech_company=False,
        product_managers=2,
        owners={"product_strategy": "ceo"},
    )
    assert ex.assessment == assess(c, standard="gartner")


@pytest.mark.parametrize(
    "field, value, needle",
    [
        ("headcount", -5, "headcount=-5"),
        ("headcount", 0, "headcount=0"),
        ("headcount", 10**9, "headcount=1000000000"),
        ("engineers", "lots", "engineers='lots'"),
        ("engineers", "1000", "product_managers+engineers"),
        ("annual_growth", "inf", "annual_growth='inf'"),
        ("name", "x" * 300, "name="),
    ],
)
def test_invalid_entry_shows_message_and_keeps_last_answer(ex, field, value, needle):
    last = ex.assessment
    ex.fields[field].value = value
    assert ex.assessment is last
    assert (
        needle in ex.message.value.replace("&#x27;", "'")
        and "last valid answer" in ex.message.value
    )
    # the panel keeps working
    ex.fields[field].value = {"headcount": 300, "name": "Acme"}.get(field, "")
    ex.complexity.value = 4
    assert ex.message.value == "" and ex.assessment.company.complexity == 4


def test_hostile_name_is_escaped_in_the_card(ex):
    ex.fields["name"].value = "<img src=x onerror=alert(1)>"
    assert "<img src=x" not in ex.card.value and "&lt;img src=x" in ex.card.value


def test_only_the_visible_chart_is_redrawn_and_others_on_open(ex):
    assert set(ex.figures) == {"map"}
    ex.tabs.selected_index = list(CHARTS).index("responsibilities")
    assert "responsibilities" in ex.figures
    old_png, old_x = ex.images["map"].value, _marker_x(ex.figures["map"])
    ex.headcount.value = 400
    assert ex.images["map"].value == old_png, "the hidden map waits until its tab is opened"
    assert _marker_x(ex.figures["map"]) == old_x
    ex.tabs.selected_index = 0
    assert ex.images["map"].value != old_png and _marker_x(ex.figures["map"]) == 400


def test_the_live_map_is_the_full_map():
    """Blitting the company onto a kept background shows what a full redraw shows."""
    import numpy as np
    from PIL import Image

    from cpo_model.charts.live import figure_png

    ex = Explorer(Company(headcount=150, complexity=3), debounce=0)
    for h, c in [(900, 3), (40, 5), (2_000, 2)]:
        ex.headcount.value, ex.complexity.value = h, c
    fresh = charts.decision_map(ex.assessment, analysis.decision_grid(ex.assessment))
    live, full = (
        np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
        for png in (bytes(ex.images["map"].value), figure_png(fresh))
    )
    assert ex.live.rebuilt == 1, "moving the company must not redraw the map"
    assert live.shape == full.shape
    # the same picture: at most anti-aliasing differences on a few edge pixels
    assert (np.abs(live - full).max(axis=2) > 60).mean() < 0.002


def test_growth_date_shown():
    from datetime import date

    from cpo_model.notes import growth_sentence

    ex = Explorer(Company(headcount=120, complexity=3, annual_growth=0.5))
    sentence = growth_sentence(ex.assessment, date.today())
    assert sentence.replace("'", "&#x27;") in ex.card.value
    # to the quarter, counted from today: "around Q2 2033", never a day
    assert re.search(r"— around Q[1-4] 20\d\d —", sentence)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", ex.card.value)


def test_chart_redraws_are_debounced_inside_a_running_kernel_loop():
    import asyncio

    async def burst():
        ex = Explorer(Company(headcount=150, complexity=3), debounce=0.05)
        draws = []
        original = ex.draw
        ex.draw = lambda key: (draws.append(ex.assessment.company.headcount), original(key))[1]
        for h in (200, 400, 800, 1600):
            ex.headcount.value = h
            assert ex.assessment.company.headcount == h, "the card and assessment update at once"
        assert draws == []
        await asyncio.sleep(0.3)
        return ex, draws

    # a loop of its own, in a thread of its own: a browser test in this worker may hold one
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        ex, draws = pool.submit(asyncio.run, burst()).result(timeout=60)
    assert draws == [1600], "one redraw, for the last value"
    assert _marker_x(ex.figures["map"]) == 1600


def test_an_unstated_complexity_shows_not_stated_in_the_list():
    ex = Explorer(Company(headcount=150))
    assert ex.complexity.label == "not stated"  # not an empty list
    assert ex.assessment.company.complexity is None
    ex.complexity.value = 3
    ex.complexity.index = 0  # back to "not stated": the answer assumes again
    assert ex.assessment.company.complexity is None and ex.assessment.complexity_how == "assumed"


def test_a_lazy_explorer_shows_the_answer_first_and_its_chart_when_told():
    later = []
    ex = Explorer(Company(headcount=300, complexity=3), lazy=later.append)
    assert "Role that fits today" in ex.card.value
    assert ex.images["map"].value == b"" and len(later) == 1  # no picture yet: it waits
    later[0]()
    assert ex.images["map"].value[:4] == b"\x89PNG" and "map" in ex.figures


def test_a_lazy_explorer_builds_an_advanced_section_when_opened_and_keeps_its_values():
    company = Company(headcount=300, complexity=3, engineers=60, ceo_leads_product=True)
    ex = Explorer(company, lazy=True)
    assert ex.controls == {}  # nothing of Advanced is built yet
    ex.fields["engineers"].value = "90"  # a held value, set from Python as on a widget
    assert ex.assessment.company.engineers == 90
    team = ex.open_section("Product team and growth")
    assert [w.value for w in team] == ["", "90", ""]  # PMs, engineers, growth as they stand
    signals = ex.open_section("Signals and size bands")
    ceo = next(w for w in signals if w.description == "CEO leads product")
    assert ceo.value == "yes"
    before = ex.assessment
    ceo.value = "no"  # the built control drives the answer, as in the eager Explorer
    eager = Explorer(company.with_changes(engineers=90, ceo_leads_product=False))
    assert ex.assessment == eager.assessment and ex.assessment != before
    assert ex.card.value == eager.card.value
    assert ex.record() == eager.record()
