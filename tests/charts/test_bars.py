"""`charts.bars`: points, sensitivity, responsibilities, portfolio by score, readiness."""

from __future__ import annotations

import matplotlib
import pytest

from cpo_model import (
    Company,
    Decision,
    Owner,
    assess,
    load_policy,
    responsibilities,
)
from tests.charts.cases import COMPANIES, CUTOFFS, OWNERS

matplotlib.use("Agg")  # this test process only


from cpo_model import charts
from cpo_model.analysis import contributions_data, responsibilities_at_risk, sensitivity_data
from cpo_model.present import DECISION_COLOURS, DECISION_LABELS, OWNER_COLOURS


@pytest.mark.parametrize("company", COMPANIES, ids=lambda c: c.name or f"h{c.headcount}")
def test_contribution_bars_are_the_points_and_cutoff_lines_the_cutoffs(by_gid, rgba, company):
    a = assess(company)
    ax = charts.contributions_chart(contributions_data(a)).axes[0]
    for factor, points in a.contributions.items():
        (bar,) = by_gid(ax, f"factor:{factor}")
        assert bar.get_width() == points and bar.get_x() == 0
    (score,) = by_gid(ax, "score")
    assert score.get_width() == a.score and rgba(score.get_facecolor()) == rgba(
        DECISION_COLOURS[a.create_cpo]
    )
    for key, cut in a.cutoffs.items():
        (line,) = by_gid(ax, f"cutoff:{key}")
        assert line.get_xdata()[0] == cut
        assert by_gid(ax, f"cutoff_label:{key}")[0].get_text().endswith(f"from {cut:g}")
    gap = a.score - a.cutoffs["yes_from"]
    expected = (
        f"{abs(gap):g} {'above' if gap > 0 else 'below'} 'yes'" if gap else "exactly at 'yes'"
    )
    assert expected in ax.get_title(loc="left") and f"Score {a.score:g}" in ax.get_title(loc="left")


def test_sensitivity_chart_bars_match_the_data(by_gid, rgba):
    company = Company(
        headcount=180, complexity=3, product_managers=4, founder_overloaded=True, name="Tornado"
    )
    data = sensitivity_data(company)
    ax = charts.sensitivity_chart(sensitivity_data(company)).axes[0]
    base = data.attrs["base_score"]
    assert by_gid(ax, "base_score")[0].get_xdata()[0] == base == assess(company).score
    labels = [t.get_text() for t in by_gid(ax, "sensitivity_label")]
    assert len(labels) == len(data)
    for row in data.itertuples():
        (bar,) = by_gid(ax, f"{row.input}:{row.direction}")
        assert (bar.get_x(), bar.get_width()) == (base, row.delta)
        assert rgba(bar.get_facecolor()) == rgba(DECISION_COLOURS[Decision(row.create_cpo)])
        assert f"{row.short_label} → {DECISION_LABELS[row.create_cpo].lower()}" in labels
    # next to the input's name a yes/no step is "yes" or "no"; a number keeps its unit
    assert "no → consider it" in labels and "90 people → consider it" in labels
    assert not any("founder/CEO" in t for t in labels)
    widest = set(data.loc[data["delta"].abs() == data["delta"].abs().max(), "input"])
    top_row = len(ax.get_yticks()) - 1  # tornado: a largest effect on top
    on_top = {
        gid.split(":")[0]
        for p in ax.patches
        if (gid := p.get_gid()) and abs(p.get_y() + p.get_height() / 2 - top_row) < 1e-9
    }
    assert on_top <= widest and on_top


def test_responsibilities_marks_ceo_and_nobody_as_at_risk(by_gid, rgba, texts):
    company = Company(headcount=80, owners=OWNERS)
    ax = charts.responsibilities_chart(responsibilities_at_risk(company), company.name).axes[0]
    risky = {a.get_gid() for a in ax.texts if (a.get_gid() or "").startswith("at_risk:")}
    assert risky == {"at_risk:product_strategy", "at_risk:user_research"}
    for rid in ("product_strategy", "user_research"):
        (bar,) = by_gid(ax, f"owner:{rid}")
        (mark,) = by_gid(ax, f"at_risk:{rid}")
        assert (
            mark.get_text() == "at risk"
            and mark.get_position()[1] == bar.get_y() + bar.get_height() / 2
        )
    assert rgba(by_gid(ax, "owner:product_design")[0].get_facecolor()) == rgba(
        OWNER_COLOURS[Owner.PRODUCT_LEAD]
    )
    assert rgba(by_gid(ax, "owner:product_vision")[0].get_facecolor()) == rgba(OWNER_COLOURS[None])
    assert [t.get_text() for t in ax.get_yticklabels()] == [r["name"] for r in responsibilities()]
    assert "2 of 9 at risk" in ax.get_title()
    assert {"CEO/founder", "nobody", "a product lead", "not stated"} <= set(texts(ax))
    none = charts.responsibilities_chart(responsibilities_at_risk(Company(headcount=80))).axes[0]
    assert (
        not [t for t in none.texts if t.get_text() == "at risk"]
        and texts(none).count("not stated") == 9
    )


def test_portfolio_bars_rank_valid_companies_by_score(by_gid, rgba, portfolio_frame):
    frame = portfolio_frame
    valid = frame[frame["error"].isna()].sort_values("score", kind="stable")
    ax = charts.portfolio_bars(frame, CUTOFFS).axes[0]
    bars = by_gid(ax, "portfolio_bars")
    assert [b.get_width() for b in bars] == valid["score"].tolist()
    assert [rgba(b.get_facecolor()) for b in bars] == [
        rgba(DECISION_COLOURS[Decision(v)]) for v in valid["create_cpo"]
    ]
    assert [t.get_text().replace(r"\$", "$") for t in ax.get_yticklabels()] == [
        charts.plain(n).replace(r"\$", "$") for n in valid["name"]
    ]
    cuts = load_policy().decision
    assert [by_gid(ax, f"cutoff:{k}")[0].get_xdata()[0] for k in ("consider_from", "yes_from")] == [
        cuts["consider_from"].value,
        cuts["yes_from"].value,
    ]
    assert "2 invalid not shown" in ax.get_title(loc="left")


def test_readiness_chart_draws_ratings_target_and_gaps():
    from cpo_model.readiness import rate_candidate
    from cpo_model.resources import skills

    ids = [s["id"] for s in skills()]
    r = rate_candidate(dict.fromkeys(ids, 4) | {"leadership": 2})
    fig = charts.readiness_chart(r)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_gid() == "ratings" or p.get_gid() is None]
    assert sorted(b.get_width() for b in bars) == sorted(r.ratings.values())
    (target,) = [line for line in ax.lines if line.get_gid() == "target"]
    assert target.get_xdata()[0] == r.target
    gaps = {t.get_gid() for t in ax.texts if (t.get_gid() or "").startswith("gap:")}
    assert gaps == {"gap:leadership"}
