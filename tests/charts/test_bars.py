"""`charts.bars`: portfolio by score, readiness. (Points, sensitivity and responsibilities are
drawn from literal frames in test_frames.py.)"""

from __future__ import annotations

import matplotlib

from cpo_model import (
    Decision,
    load_policy,
)
from tests.charts.cases import CUTOFFS

matplotlib.use("Agg")  # this test process only


from cpo_model import charts
from cpo_model.present import DECISION_COLOURS


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
