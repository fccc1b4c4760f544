"""Charts, tested through the data they draw: artists, positions, colours and texts (not pixels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # this test process only

import ast
import inspect
import io
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib import cbook
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from cpo_model import Company, InvalidInputError, assess, assess_frame, charts, load_policy, responsibilities
from cpo_model.render import DECISION_COLOURS
from cpo_model.types import Decision, Owner

OWNERS = {"product_strategy": "ceo", "user_research": "nobody", "product_design": "product_lead"}
COMPANIES = [
    Company(headcount=180, complexity=3, product_managers=4, engineers=40, name="Given team"),
    Company(headcount=40, product_lines=3, platforms=3, tech_company=False, founder_overloaded=True),
    Company(headcount=5000, complexity=5, product_market_fit=False, owners=OWNERS, name="Pre-fit"),
    Company(headcount=12, engineers=10, regulated=True, markets=4),
]
FIELDS = ("complexity", "product_lines", "platforms", "customer_segments", "markets", "regulated", "product_managers", "engineers")
FIELDS += ("tech_company", "product_market_fit", "founder_overloaded", "owners")


def rgba(colour) -> tuple:
    return tuple(np.round(to_rgba(colour), 6))


def by_gid(ax, gid: str, kind=None) -> list:
    return [a for a in ax.get_children() if a.get_gid() == gid and (kind is None or isinstance(a, kind))]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def mesh_colours(ax) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The map's drawn RGBA per (level, headcount) cell and the cells' left/bottom edges."""
    (mesh,) = by_gid(ax, "decision_mesh", QuadMesh)
    coords = mesh.get_coordinates()
    colours = mesh.to_rgba(mesh.get_array()).reshape(coords.shape[0] - 1, coords.shape[1] - 1, 4)
    return colours, coords[0, :-1, 0], coords[:-1, 0, 1]


def check_grid_against_points(company: Company, grid: pd.DataFrame, standard: str, ax=None) -> int:
    """Every grid point: same answer and score as `assess` of that one company; same colour drawn."""
    kept = {f: getattr(company, f) for f in FIELDS}
    if ax is not None:
        colours, lefts, bottoms = mesh_colours(ax)
        hatched = [(r.get_x(), r.get_x() + r.get_width(), r.get_y()) for r in by_gid(ax, "not_possible")]
    for row in grid.itertuples():
        h, level = int(row.headcount), int(row.complexity)
        if pd.notna(row.error):
            with pytest.raises(InvalidInputError):
                Company(headcount=h, **{**kept, "complexity": level})
            assert pd.isna(row.create_cpo)
        else:
            a = assess(Company(headcount=h, **{**kept, "complexity": level}), standard=standard)
            assert (a.create_cpo.value, a.score) == (row.create_cpo, row.score), (h, level)
        if ax is not None:
            i, j = np.flatnonzero(bottoms == level - 0.5)[0], np.flatnonzero(lefts == h)[0]
            if pd.isna(row.error):
                assert tuple(np.round(colours[i, j], 6)) == rgba(DECISION_COLOURS[Decision(row.create_cpo)])
            else:
                assert colours[i, j][3] == 0 and any(x0 <= h < x1 and y == level - 0.5 for x0, x1, y in hatched)
    return len(grid)


# --- decision grid and map -------------------------------------------------------------------------


@pytest.mark.parametrize("standard", ["eu", "gartner"])
@pytest.mark.parametrize("company", COMPANIES, ids=lambda c: c.name or f"h{c.headcount}")
def test_map_agrees_with_point_answers_and_draws_their_colours(company, standard):
    fig = charts.decision_map(assess(company, standard=standard))
    grid = fig.cpo_grid
    assert check_grid_against_points(company, grid, standard, fig.axes[0]) >= 200
    assert set(grid.columns) == {"headcount", "complexity", "create_cpo", "score", "error"}


@st.composite
def valid_companies(draw):
    h = draw(st.integers(1, 300_000))
    pms = draw(st.none() | st.integers(0, min(h, 30)))
    eng = draw(st.none() | st.integers(0, min(h - (pms or 0), 300)))
    kw = {
        "complexity": draw(st.none() | st.integers(1, 5)),
        "product_lines": draw(st.none() | st.integers(1, 6)),
        "regulated": draw(st.none() | st.booleans()),
        "tech_company": draw(st.booleans()),
        "product_market_fit": draw(st.booleans()),
        "founder_overloaded": draw(st.booleans()),
        "owners": draw(st.dictionaries(st.sampled_from([r["id"] for r in responsibilities()]), st.sampled_from(list(Owner)), max_size=9)),
    }
    return Company(headcount=h, product_managers=pms, engineers=eng, **kw)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company=valid_companies(), standard=st.sampled_from(["eu", "gartner"]))
def test_grid_agrees_with_point_answers_for_random_companies(company, standard):
    grid = charts.decision_grid(company, standard=standard, headcounts=25)
    assert check_grid_against_points(company, grid, standard) == len(grid) > 0
    assert company.headcount in set(grid["headcount"])


def test_grid_spans_log_spaced_unique_headcounts_with_one_frame_call(monkeypatch):
    calls = {"frame": 0, "assess": 0}
    from cpo_model import analysis

    real_frame, real_assess = analysis.assess_frame, analysis.assess

    def counting_frame(*args, **kwargs):
        calls["frame"] += 1
        return real_frame(*args, **kwargs)

    def counting_assess(*args, **kwargs):
        calls["assess"] += 1
        return real_assess(*args, **kwargs)

    monkeypatch.setattr(analysis, "assess_frame", counting_frame)
    monkeypatch.setattr(analysis, "assess", counting_assess)
    grid = charts.decision_grid(Company(headcount=300, complexity=2), standard="gartner")
    assert calls == {"frame": 1, "assess": 1}  # one frame call; one assess for the company's own next changes
    charts.decision_map(assess(Company(headcount=300, complexity=2), standard="gartner"))
    assert calls == {"frame": 2, "assess": 1}  # the map uses the assessment it is given: no second assess
    hs = np.sort(grid["headcount"].unique())
    assert hs[0] == 1 and hs[-1] == 100_000 and len(hs) >= 100
    assert {100, 1000, 300} <= set(hs)  # band boundaries and the company's headcount are grid points
    assert len(grid) == 5 * len(hs) and not grid.duplicated(["headcount", "complexity"]).any()
    assert sorted(grid["complexity"].unique()) == [1, 2, 3, 4, 5]


def test_grid_marks_impossible_headcounts_as_errors():
    grid = charts.decision_grid(Company(headcount=500, product_managers=20, engineers=100))
    bad = grid[grid["error"].notna()]
    assert not bad.empty and (bad["headcount"] < 120).all() and bad["create_cpo"].isna().all()
    assert (grid.loc[grid["headcount"] >= 120, "error"].isna()).all()
    assert grid.loc[grid["error"].isna(), "headcount"].min() == 120  # the smallest possible headcount is a grid point
    assert bad["error"].str.contains("product_managers\\+engineers").all()


@pytest.mark.parametrize("standard", ["eu", "gartner"])
def test_map_band_boundaries_are_at_the_standard_and_labelled(standard):
    std = load_policy().standards[standard]
    ax = charts.decision_map(assess(Company(headcount=300, complexity=3), standard=standard)).axes[0]
    lines = by_gid(ax, "band_boundary")
    assert sorted(line.get_xdata()[0] for line in lines) == [std.midsize_from, std.large_from]
    labels = [t.get_text() for t in by_gid(ax, "band_label")]
    assert labels == [f"pm_only\nunder {std.midsize_from:,}", f"midsize\nfrom {std.midsize_from:,}", f"large\nfrom {std.large_from:,}"]


def test_map_marks_the_company_at_its_headcount_and_effective_complexity():
    company = Company(headcount=700, product_lines=4, platforms=3, name="Factor Co")  # complexity derived: level 4
    a = assess(company)
    ax = charts.decision_map(a).axes[0]
    (marker,) = by_gid(ax, "company")
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (700, a.complexity) and a.complexity == 4
    assert "Factor Co" in marker.get_label() and a.create_cpo.value in marker.get_label()
    assert any("Factor Co" in t.get_text() for t in ax.get_legend().get_texts())
    unnamed = charts.decision_map(assess(Company(headcount=7))).axes[0]
    assert by_gid(unnamed, "company")[0].get_label().startswith("this company")


@pytest.mark.parametrize("company", [COMPANIES[0], Company(headcount=40, complexity=2), Company(headcount=900, complexity=1)])
def test_map_next_change_arrows_end_at_the_change_targets(company):
    a = assess(company)
    fig = charts.decision_map(a)
    ax, grid = fig.axes[0], fig.cpo_grid
    wanted = [c for c in a.next_change if c.factor in ("headcount", "complexity")]
    assert wanted  # each case has something to draw
    arrows = {t.get_gid(): t for t in ax.get_children() if isinstance(t, Annotation) and (t.get_gid() or "").startswith("next_change:")}
    assert set(arrows) == {f"next_change:{c.factor}:{c.direction}" for c in wanted}
    labels = [t.get_text() for t in by_gid(ax, "next_change_label")]
    for c in wanted:
        arrow = arrows[f"next_change:{c.factor}:{c.direction}"]
        end = (c.target, a.complexity) if c.factor == "headcount" else (company.headcount, c.target)
        assert tuple(arrow.xy) == end and tuple(arrow.xyann) == (company.headcount, a.complexity)
        cell = grid[(grid["headcount"] == end[0]) & (grid["complexity"] == end[1])]
        assert cell["create_cpo"].tolist() == [c.decision.value]  # the map's colour at the arrow head is the change's answer
        assert any(label.endswith(f"→ {c.decision.value}") and f"{int(c.target):,}" in label for label in labels)


def test_map_needs_the_policy_the_assessment_used(policy_file):
    custom = load_policy(policy_file(lambda d: d.update(version="custom-1")))
    a = assess(Company(headcount=300, complexity=2), policy=custom)
    with pytest.raises(ValueError, match="custom-1"):
        charts.decision_map(a)
    assert charts.decision_map(a, policy=custom).cpo_grid["create_cpo"].notna().all()


# --- contributions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("company", COMPANIES, ids=lambda c: c.name or f"h{c.headcount}")
def test_contribution_bars_are_the_points_and_cutoff_lines_the_cutoffs(company):
    a = assess(company)
    ax = charts.contributions_chart(a).axes[0]
    for factor, points in a.contributions.items():
        (bar,) = by_gid(ax, f"factor:{factor}")
        assert bar.get_width() == points and bar.get_x() == 0
    (score,) = by_gid(ax, "score")
    assert score.get_width() == a.score and rgba(score.get_facecolor()) == rgba(DECISION_COLOURS[a.create_cpo])
    for key, cut in a.cutoffs.items():
        (line,) = by_gid(ax, f"cutoff:{key}")
        assert line.get_xdata()[0] == cut
        assert by_gid(ax, f"cutoff_label:{key}")[0].get_text().endswith(f"from {cut:g}")
    gap = a.score - a.cutoffs["yes_from"]
    expected = f"{abs(gap):g} {'above' if gap > 0 else 'below'} 'yes'" if gap else "exactly at 'yes'"
    assert expected in ax.get_title(loc="left") and f"Score {a.score:g}" in ax.get_title(loc="left")


# --- sensitivity -------------------------------------------------------------------------------


def test_sensitivity_product_market_fit_costs_the_policy_points():
    points = load_policy().factors["product_market_fit"].points
    company = Company(headcount=300, complexity=3, product_managers=5)
    data = charts.sensitivity_data(company)
    row = data[data["input"] == "product_market_fit"].iloc[0]
    assert row["direction"] == "down" and row["delta"] == points[False] - points[True] < 0
    assert row["score"] == assess(company).score + row["delta"] == assess(replace(company, product_market_fit=False)).score


def test_sensitivity_steps_are_the_documented_moves():
    company = Company(headcount=300, complexity=5, engineers=70, tech_company=False)  # PMs estimated: 10
    base = assess(company)
    data = charts.sensitivity_data(company).set_index(["input", "direction"])
    assert data.loc[("headcount", "down"), "value_label"] == "150 people" and data.loc[("headcount", "up"), "value_label"] == "600 people"
    assert data.loc[("complexity", "down"), "value_label"] == "level 4" and ("complexity", "up") not in data.index  # no level 6
    assert data.loc[("product_managers", "up"), "value_label"] == f"{int(base.product_managers) + 1} PMs"
    assert data.loc[("tech_company", "up"), "value_label"] == "a technology company"
    assert (data["delta"] == data["score"] - base.score).all()
    clamped = charts.sensitivity_data(Company(headcount=100, product_managers=10, engineers=80)).set_index(["input", "direction"])
    assert clamped.loc[("headcount", "down"), "value_label"] == "90 people"  # never below PMs + engineers
    assert ("product_managers", "up") in clamped.index and ("product_managers", "down") in clamped.index


def test_sensitivity_chart_bars_match_the_data():
    company = Company(headcount=180, complexity=3, product_managers=4, founder_overloaded=True, name="Tornado")
    data = charts.sensitivity_data(company)
    ax = charts.sensitivity_chart(company).axes[0]
    base = data.attrs["base_score"]
    assert by_gid(ax, "base_score")[0].get_xdata()[0] == base == assess(company).score
    labels = [t.get_text() for t in by_gid(ax, "sensitivity_label")]
    assert len(labels) == len(data)
    for row in data.itertuples():
        (bar,) = by_gid(ax, f"{row.input}:{row.direction}")
        assert (bar.get_x(), bar.get_width()) == (base, row.delta)
        assert rgba(bar.get_facecolor()) == rgba(DECISION_COLOURS[Decision(row.create_cpo)])
        assert f"{row.value_label} → {row.create_cpo}" in labels
    widest = set(data.loc[data["delta"].abs() == data["delta"].abs().max(), "input"])
    top_row = len(ax.get_yticks()) - 1  # tornado: a largest effect on top
    on_top = {gid.split(":")[0] for p in ax.patches if (gid := p.get_gid()) and abs(p.get_y() + p.get_height() / 2 - top_row) < 1e-9}
    assert on_top <= widest and on_top


# --- responsibilities ----------------------------------------------------------------------------


def test_responsibilities_marks_ceo_and_nobody_as_at_risk():
    company = Company(headcount=80, owners=OWNERS)
    ax = charts.responsibilities_chart(company).axes[0]
    risky = {a.get_gid() for a in ax.texts if (a.get_gid() or "").startswith("at_risk:")}
    assert risky == {"at_risk:product_strategy", "at_risk:user_research"}
    for rid in ("product_strategy", "user_research"):
        (bar,) = by_gid(ax, f"owner:{rid}")
        (mark,) = by_gid(ax, f"at_risk:{rid}")
        assert mark.get_text() == "at risk" and mark.get_position()[1] == bar.get_y() + bar.get_height() / 2
    assert rgba(by_gid(ax, "owner:product_design")[0].get_facecolor()) == rgba(charts.OWNER_COLOURS[Owner.PRODUCT_LEAD])
    assert rgba(by_gid(ax, "owner:product_vision")[0].get_facecolor()) == rgba(charts.OWNER_COLOURS[None])
    assert [t.get_text() for t in ax.get_yticklabels()] == [r["name"] for r in responsibilities()]
    assert "2 of 9 at risk" in ax.get_title()
    assert {"CEO/founder", "nobody", "a product lead", "not stated"} <= set(texts(ax))
    none = charts.responsibilities_chart(Company(headcount=80)).axes[0]
    assert not [t for t in none.texts if t.get_text() == "at risk"] and texts(none).count("not stated") == 9


# --- portfolio ------------------------------------------------------------------------------------


def portfolio_frame() -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "name": ["$x$ <script>", "Tiny", "Bad headcount", "Big portfolio", "Team too big", "A" * 60],
            "headcount": [2000, 8, -5, 40_000, 10, 300],
            "complexity": [4, 1, 2, 5, 2, 3],
            "product_managers": [None, None, None, 40, 9, None],
            "engineers": [None, None, None, None, 9, None],
        }
    )
    return assess_frame(df, standard="gartner")


def test_portfolio_plots_valid_rows_only_and_notes_the_invalid():
    frame = portfolio_frame()
    valid = frame[frame["error"].isna()]
    ax = charts.portfolio_chart(frame, standard="gartner").axes[0]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in scatters) == len(valid) == 4
    for d in Decision:
        (points,) = by_gid(ax, f"portfolio:{d.value}")
        mine = valid[valid["create_cpo"] == d.value]
        assert sorted(map(tuple, points.get_offsets().tolist())) == sorted(zip(mine["headcount"], mine["complexity_level"], strict=True))
        if len(mine):
            assert rgba(points.get_facecolor()[0]) == rgba(DECISION_COLOURS[d])
    plotted = {x for c in scatters for x, _ in c.get_offsets().tolist()}
    assert not plotted & {-5.0, 10.0}
    (note,) = by_gid(ax, "invalid_note")
    assert note.get_text().startswith("2 invalid rows not plotted") and "Bad headcount" in note.get_text()
    gartner = load_policy().standards["gartner"]
    assert sorted(line.get_xdata()[0] for line in by_gid(ax, "band_boundary")) == [gartner.midsize_from, gartner.large_from]


def test_portfolio_names_are_plain_text_verbatim_and_truncated():
    fig = charts.portfolio_chart(portfolio_frame())
    names = [t.get_text() for t in by_gid(fig.axes[0], "company_name")]
    shown = [n.replace(r"\$", "$") for n in names]
    assert "$x$ <script>" in shown and not any(cbook.is_math_text(n) for n in names)  # drawn verbatim, not as mathtext
    assert "A" * 23 + "…" in shown and max(map(len, shown)) == 24
    fig.savefig(io.BytesIO(), format="png")  # renders without a mathtext error


def test_portfolio_bars_rank_valid_companies_by_score():
    frame = portfolio_frame()
    valid = frame[frame["error"].isna()].sort_values("score", kind="stable")
    ax = charts.portfolio_bars(frame).axes[0]
    bars = by_gid(ax, "portfolio_bars")
    assert [b.get_width() for b in bars] == valid["score"].tolist()
    assert [rgba(b.get_facecolor()) for b in bars] == [rgba(DECISION_COLOURS[Decision(v)]) for v in valid["create_cpo"]]
    assert [t.get_text().replace(r"\$", "$") for t in ax.get_yticklabels()] == [charts.plain(n).replace(r"\$", "$") for n in valid["name"]]
    cuts = load_policy().decision
    assert [by_gid(ax, f"cutoff:{k}")[0].get_xdata()[0] for k in ("consider_from", "yes_from")] == [
        cuts["consider_from"].value,
        cuts["yes_from"].value,
    ]
    assert "2 invalid not shown" in ax.get_title(loc="left")


# --- shared behaviour -----------------------------------------------------------------------------


def test_charts_draw_on_a_given_axes_and_return_its_figure():
    fig = Figure()
    axes = fig.subplots(2, 3)
    a = assess(COMPANIES[0])
    frame = portfolio_frame()
    drawn = [
        charts.decision_map(a, ax=axes[0, 0]),
        charts.contributions_chart(a, ax=axes[0, 1]),
        charts.sensitivity_chart(a.company, ax=axes[0, 2]),
        charts.responsibilities_chart(a.company, ax=axes[1, 0]),
        charts.portfolio_chart(frame, ax=axes[1, 1]),
        charts.portfolio_bars(frame, ax=axes[1, 2]),
    ]
    assert all(f is fig for f in drawn) and len(fig.axes) >= 6
    assert all(ax.has_data() for ax in axes.flat)
    assert isinstance(fig.cpo_grid, pd.DataFrame)


def test_charts_module_keeps_no_pyplot_state():
    tree = ast.parse(inspect.getsource(charts))
    imported = [a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert imported and not [m for m in imported if "pyplot" in m]
    fig = charts.contributions_chart(assess(Company(headcount=50)))
    assert type(fig) is Figure and fig.get_layout_engine() is not None


def test_plain_text_is_one_short_line_without_mathtext():
    assert charts.plain("a\nb $1 and $2") == r"a b \$1 and \$2"
    assert charts.plain("x" * 30) == "x" * 23 + "…"
    assert not cbook.is_math_text(charts.plain("$\\alpha$"))


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


def test_precedents_chart_draws_every_case_where_it_happened():
    from cpo_model.analysis import decision_grid
    from cpo_model.calibration import judge

    table = judge()
    tech = table[table["kind"] == "tech"]
    ax = charts.precedents_chart(tech, decision_grid(Company(headcount=1)), load_policy().standard()).axes[0]
    drawn = [c for c in ax.collections if (c.get_gid() or "").startswith("precedent:")]
    assert sum(len(c.get_offsets()) for c in drawn) == len(tech)
    xs = sorted(x for c in drawn for x, _ in c.get_offsets())
    assert xs == sorted(tech["headcount"].astype(float))
    named = {t.get_text() for t in ax.texts if t.get_gid() == "disagrees_label"}
    assert named == {f"{r.company} {r.year}" for r in tech[~tech["agrees"]].itertuples()}
    assert f"agrees with {int(tech['agrees'].sum())} of {len(tech)}" in ax.get_title()
