"""`charts.bars` draw what their frames say: small literal frames in, artists out. (What the
frames hold is `analysis`'s business, tested in tests/test_analysis.py.)"""

from __future__ import annotations

import matplotlib
import pandas as pd

matplotlib.use("Agg")  # this test process only

from cpo_model import Owner, charts  # noqa: E402
from cpo_model.present import DECISION_COLOURS, OWNER_COLOURS  # noqa: E402
from cpo_model.types import Decision  # noqa: E402

CUTS = {"consider_from": 4.0, "yes_from": 7.5}


def _sensitivity_frame() -> pd.DataFrame:
    rows = [  # input, label, direction, delta, create_cpo, changes_answer, row, side, text
        ("headcount", "Headcount", "up", 2.0, "yes", True, 0, "right", "180 → 360 people: yes"),
        ("headcount", "Headcount", "down", -1.0, "consider", False, 0, "left", "180 → 90 people"),
        ("tech_company", "Tech", "down", -0.5, "consider", False, 1, "left", "yes → no"),
    ]
    cols = ["input", "label", "direction", "delta", "create_cpo", "changes_answer", "row"]
    data = pd.DataFrame(rows, columns=[*cols, "side", "text"])
    data.attrs.update(
        base_score=6.0,
        base_create_cpo="consider",
        cutoffs=CUTS,
        name="Literal",
        inputs=("Headcount", "Tech"),
    )
    return data


def test_sensitivity_draws_each_row_where_and_as_the_frame_says(by_gid, rgba):
    ax = charts.sensitivity_chart(_sensitivity_frame()).axes[0]
    up, down, tech = (
        by_gid(ax, g)[0] for g in ("headcount:up", "headcount:down", "tech_company:down")
    )
    assert (up.get_x(), up.get_width()) == (6.0, 2.0) and (down.get_x(), down.get_width()) == (
        6.0,
        -1.0,
    )
    # row 0 on top: two rows, so headcount is drawn at y = 1 and the tech row at y = 0
    assert up.get_y() + up.get_height() / 2 == 1 and tech.get_y() + tech.get_height() / 2 == 0
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Tech", "Headcount"]
    assert rgba(up.get_facecolor()) == rgba(DECISION_COLOURS[Decision.YES])
    assert up.get_hatch() and not down.get_hatch()  # only the step that changes the answer
    labels = {t.get_text(): t for t in by_gid(ax, "sensitivity_label")}
    assert set(labels) == {"180 → 360 people: yes", "180 → 90 people", "yes → no"}
    assert labels["180 → 90 people"].get_horizontalalignment() == "right"
    assert "changes the answer" in [t.get_text() for t in ax.get_legend().get_texts()]


def _responsibilities_frame(owners: list[str | None], summary: str) -> pd.DataFrame:
    status = {None: "not stated", "ceo": "at risk", "nobody": "at risk", "product_lead": "covered"}
    words = {None: "not stated", "ceo": "CEO/founder", "nobody": "nobody"}
    rows = [
        (f"r{i}", f"Duty {i}", o, words.get(o, "a product lead"), status[o], i // 2, i % 2)
        for i, o in enumerate(owners)
    ]
    cols = ["id", "name", "owner", "owner_label", "status", "grid_row", "grid_col"]
    data = pd.DataFrame(rows, columns=cols)
    data.attrs.update(name="Literal", summary=summary)
    return data


def test_responsibilities_are_cells_coloured_by_owner_with_the_at_risk_marked(by_gid, rgba):
    data = _responsibilities_frame(["ceo", "product_lead", None, "nobody"], "2 of 3 at risk")
    ax = charts.responsibilities_chart(data).axes[0]
    cells = {f"r{i}": by_gid(ax, f"owner:r{i}")[0] for i in range(4)}
    assert (cells["r0"].get_x() < cells["r1"].get_x()) and (
        cells["r0"].get_y() > cells["r2"].get_y()
    )
    assert rgba(cells["r0"].get_facecolor()) == rgba(OWNER_COLOURS[Owner.CEO])
    assert rgba(cells["r1"].get_facecolor()) == rgba(OWNER_COLOURS[Owner.PRODUCT_LEAD])
    assert rgba(cells["r2"].get_facecolor()) == rgba(OWNER_COLOURS[None])
    marked = {t.get_gid() for t in ax.texts if (t.get_gid() or "").startswith("at_risk:")}
    assert marked == {"at_risk:r0", "at_risk:r3"}
    assert by_gid(ax, "at_risk:r3")[0].get_text() == "nobody: at risk"
    assert ax.get_title(loc="left").splitlines() == [
        "CPO responsibilities at Literal",
        "2 of 3 at risk",
    ]


def test_responsibilities_empty_state_says_what_to_state(by_gid):
    data = _responsibilities_frame([None] * 4, "No owner stated: say who holds each one")
    ax = charts.responsibilities_chart(data).axes[0]
    assert not [t for t in ax.texts if (t.get_gid() or "").startswith("at_risk:")]
    assert ax.get_title(loc="left").endswith("No owner stated: say who holds each one")


def test_contributions_draw_points_coloured_by_effect_and_the_distance_words(by_gid, rgba):
    from cpo_model.present import GREY, NEGATIVE, POSITIVE

    data = pd.DataFrame(
        {
            "factor": ["size", "fit", "flag"],
            "label": ["Size", "Fit", "Flag"],
            "value": ["150 people", "no", "no"],
            "points": [3.0, -2.0, 0.0],
            "text": ["Size (150 people)", "Fit (no)", "Flag (no)"],
            "effect": ["raises", "lowers", "none"],
        }
    )
    data.attrs.update(score=1.0, create_cpo="no", cutoffs=CUTS, name="Literal", where="far off")
    ax = charts.contributions_chart(data).axes[0]
    bars = [by_gid(ax, f"factor:{k}")[0] for k in ("size", "fit", "flag")]
    assert [b.get_width() for b in bars] == [3.0, -2.0, 0.0]
    assert [rgba(b.get_facecolor()) for b in bars] == [rgba(c) for c in (POSITIVE, NEGATIVE, GREY)]
    (score,) = by_gid(ax, "score")
    assert score.get_width() == 1.0
    assert rgba(score.get_facecolor()) == rgba(DECISION_COLOURS[Decision.NO])
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Size (150 people)",
        "Fit (no)",
        "Flag (no)",
        "Score",
    ]
    assert ax.get_title(loc="left").endswith("Score 1: far off")
