"""Charts of the model's answers: matplotlib, object-oriented, no global pyplot state.

Every chart function takes an optional `ax` and returns the `Figure` it drew on. Colours are
the Okabe-Ito palette (colour-blind safe); user text (company names) is drawn as plain text.

>>> from cpo_model import Company, assess
>>> from cpo_model.charts import decision_map
>>> fig = decision_map(assess(Company(headcount=300, complexity=3, name="Acme")))
>>> sorted(set(fig.cpo_grid["create_cpo"].dropna()))
['consider', 'no', 'yes']
>>> fig.savefig("acme_map.png")  # doctest: +SKIP
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, NullLocator
from matplotlib.transforms import blended_transform_factory

from .analysis import GRID_MAX, decision_grid, responsibilities_at_risk, sensitivity_data
from .assessment import Assessment
from .company import Company
from .policy import Policy, SizeStandard, resolve
from .render import DECISION_COLOURS
from .types import DECISION_LABELS, OWNER_LABELS, Decision, Owner, Stage
from .words import people

DECISIONS = tuple(Decision)
CMAP = ListedColormap([DECISION_COLOURS[d] for d in DECISIONS], name="cpo_decision").with_extremes(bad=(0, 0, 0, 0))
NORM = BoundaryNorm([-0.5, 0.5, 1.5, 2.5], CMAP.N)
POSITIVE, NEGATIVE, GREY = "#56B4E9", "#D55E00", "#BBBBBB"  # Okabe-Ito sky blue and vermillion; neutral grey
OWNER_COLOURS = {Owner.PRODUCT_LEAD: "#009E73", Owner.CEO: "#E69F00", Owner.NOBODY: "#D55E00", None: GREY}
NOT_POSSIBLE = {"facecolor": "#E5E5E5", "edgecolor": "#8C8C8C", "hatch": "///", "linewidth": 0}
BOX = {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5}
BAR = {"edgecolor": "black", "linewidth": 0.5}
NOTE = {"textcoords": "offset points", "fontsize": 8}  # annotation text offset from its point
CUTS = (("consider_from", Decision.CONSIDER), ("yes_from", Decision.YES))
FACTOR_LABELS = {
    "size": "Company size",
    "headcount": "Headcount (÷2 / ×2)",
    "complexity": "Product complexity",
    "product_managers": "Product managers",
    "uncovered_responsibilities": "Responsibilities with CEO/nobody",
    "founder_overloaded": "Founder overloaded",
    "tech_company": "Technology company",
    "product_market_fit": "Product/market fit",
    "ceo_leads_product": "CEO leads product",
}


def plain(text: object, limit: int = 24) -> str:
    """User text as plain matplotlib text: one line, at most `limit` characters, `$` escaped (no mathtext)."""
    s = " ".join(str(text).split())
    s = s if len(s) <= limit else s[: limit - 1] + "…"
    return s.replace("$", r"\$")


def _figure(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        return fig, fig.add_subplot()
    fig = ax.figure
    while not isinstance(fig, Figure):  # a SubFigure: return the figure holding it
        fig = fig.figure
    return fig, ax


def _people(x: float, _pos: object = None) -> str:
    """Tick label for a headcount: 1, 10, 100, 1k, 10k, 100k, 1M (plain text, no mathtext)."""
    for unit, size in (("M", 1e6), ("k", 1e3)):
        if x >= size:
            return f"{x / size:g}{unit}"
    return f"{x:g}"


def _people_axis(ax: Axes) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(_people))
    ax.xaxis.set_minor_locator(NullLocator())  # unlabelled minor ticks cost a draw pass and add little


def _name(company: Company) -> str:
    return plain(company.name) if company.name else "this company"


def _answer_handles(extra: list | None = None) -> list:
    return [Patch(color=DECISION_COLOURS[d], label=f"{d.value}: {DECISION_LABELS[d]}") for d in DECISIONS] + (extra or [])


def _bands(ax: Axes, std: SizeStandard, hi: float) -> None:
    """The standard's stage boundaries as dashed lines; each band named above the axes with where it starts."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    edges = (1, std.midsize_from, std.large_from, hi)
    for stage, lo, up in zip(Stage, edges[:-1], edges[1:], strict=True):
        label = f"{stage.value}\n" + (f"under {up:,}" if lo == 1 else f"from {lo:,}")
        ax.text(math.sqrt(lo * up), 1.01, label, transform=top, ha="center", va="bottom", fontsize=8, gid="band_label")
    for x in edges[1:3]:
        ax.axvline(x, color="black", linestyle="--", linewidth=1.2, gid="band_boundary")


def _cutoffs(ax: Axes, cutoffs: dict[str, float]) -> None:
    """Dashed lines at the consider and yes cut-offs, labelled above the axes."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    for key, d in CUTS:
        x, label = cutoffs[key], f"'{d.value}' from {cutoffs[key]:g}"
        ax.axvline(x, color=DECISION_COLOURS[d], linestyle="--", linewidth=2, gid=f"cutoff:{key}", label=label)
        ha = "right" if d is Decision.CONSIDER else "left"  # the two labels point away from each other
        ax.text(x, 1.005, label, transform=top, ha=ha, va="bottom", fontsize=8, gid=f"cutoff_label:{key}")


def _answer_grid(ax: Axes, grid: pd.DataFrame, std: SizeStandard) -> float:
    """The answer over headcount x complexity as coloured cells (impossible ones hatched); returns the top headcount."""
    hs, levels = np.sort(grid["headcount"].unique()), np.sort(grid["complexity"].unique())
    rank = grid["create_cpo"].astype(object).map({d.value: d.rank for d in DECISIONS}).astype(float)
    wide = grid.assign(rank=rank).pivot(index="complexity", columns="headcount", values="rank").loc[levels, hs]
    ranks = np.ma.masked_invalid(wide.to_numpy(dtype=float))
    xs = np.append(hs, hs[-1] * 1.05).astype(float)  # cell j spans [hs[j], hs[j+1]): the answer from hs[j] on
    ys = np.concatenate([[levels[0] - 0.5], (levels[1:] + levels[:-1]) / 2, [levels[-1] + 0.5]])
    ax.pcolormesh(xs, ys, ranks, cmap=CMAP, norm=NORM, gid="decision_mesh")
    for i, row in enumerate(np.ma.getmaskarray(ranks)):  # one hatched rectangle per run of impossible cells
        edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(np.int8), [0]])))
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            ax.add_patch(Rectangle((xs[start], ys[i]), xs[stop] - xs[start], ys[i + 1] - ys[i], gid="not_possible", **NOT_POSSIBLE))
    hi = float(hs[-1])
    ax.set(xscale="log", xlim=(1, hi), ylim=(ys[0], ys[-1]), yticks=levels)
    _people_axis(ax)
    _bands(ax, std, hi)
    return hi


EVENT_MARKERS = {"first_cpo": "*", "cpo_appointed": "^", "no_cpo": "o", "cpo_removed": "X", "fractional_cpo": "D"}


def precedents_chart(table: pd.DataFrame, grid: pd.DataFrame, standard: SizeStandard, ax: Axes | None = None) -> Figure:
    """Real companies' decisions (a `calibration.judge` table) over the model's answers (a `decision_grid`).

    Markers by event; white when the model agrees, vermillion and named when it does not.
    """
    fig, ax = _figure(ax, (10, 6))
    _answer_grid(ax, grid, standard)
    from .precedents import EVENTS

    handles = []
    offsets = np.linspace(-0.25, 0.25, len(EVENT_MARKERS))  # events side by side within a level
    for (event, marker), dy in zip(EVENT_MARKERS.items(), offsets, strict=True):
        rows = table[table["event"] == event]
        for agrees, face in ((True, "white"), (False, NEGATIVE)):
            part = rows[rows["agrees"] == agrees]
            if len(part):
                ax.scatter(part["headcount"], part["complexity"] + dy, marker=marker, s=90, c=face, edgecolors="black", linewidths=1, zorder=5,
                           gid=f"precedent:{event}:{'agrees' if agrees else 'disagrees'}")  # fmt: skip
        for r in rows[~rows["agrees"]].itertuples():
            ax.annotate(f"{plain(r.company)} {r.year}", xy=(r.headcount, r.complexity + dy), xytext=(7, 4), bbox=BOX, zorder=6, gid="disagrees_label", **NOTE)
        handles.append(Line2D([], [], marker=marker, color="black", markerfacecolor="white", linestyle="none", markersize=8, label=EVENTS[event]))
    handles.append(Patch(facecolor=NEGATIVE, edgecolor="black", label="the model disagrees"))
    ax.legend(handles=_answer_handles(handles), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="Model's answer / what happened")
    ax.set_xlabel("Headcount at the time (people, log scale)")
    ax.set_ylabel("Product complexity level")
    agree, n = int(table["agrees"].sum()), len(table)
    ax.set_title(f"Real decisions over the model's answers: agrees with {agree} of {n}", pad=26)
    return fig


def decision_map(assessment: Assessment, policy: Policy | None = None, ax: Axes | None = None) -> Figure:
    """Where the answer changes: create_cpo over headcount x complexity, the company and its next changes.

    The grid drawn is `fig.cpo_grid` (see `decision_grid`). `policy` must be the one `assessment` used.
    """
    a = assessment
    policy, std = resolve(policy, a.standard)
    if policy.version != a.policy_version:
        raise ValueError(f"the assessment used policy {a.policy_version!r}; pass that policy, not {policy.version!r}")
    grid = decision_grid(a, policy)
    fig, ax = _figure(ax, (10, 5.5))
    fig.cpo_grid = grid
    hi = _answer_grid(ax, grid, std)
    h, c = a.company.headcount, a.complexity
    label = f"{_name(a.company)}: {people(h)}, level {c} → {a.create_cpo.value}"
    ax.plot([h], [c], "o", color="black", markersize=10, markeredgecolor="white", markeredgewidth=1.5, zorder=5, gid="company", label=label)
    moves = [ch for ch in a.next_change if ch.factor in ("headcount", "complexity")]
    side = -1 if math.log10(h) > 0.6 * math.log10(hi) else 1  # level labels on the roomier side of the arrow
    for ch in moves:
        by_size, up = ch.factor == "headcount", ch.direction == "up"
        end = (ch.target, c) if by_size else (h, ch.target)
        arrow = {"arrowstyle": "-|>", "color": "black", "lw": 1.6, "shrinkA": 6, "shrinkB": 0, "mutation_scale": 14}
        ax.annotate("", xy=end, xytext=(h, c), arrowprops=arrow, zorder=4, gid=f"next_change:{ch.factor}:{ch.direction}")
        text = people(int(ch.target)) if by_size else f"level {int(ch.target)}"
        offset, ha = ((0, 8), "left" if up else "right") if by_size else ((8 * side, -10 if up else 10), "left" if side > 0 else "right")
        text, va = f"{text} → {ch.decision.value}", "bottom" if by_size else "center"
        ax.annotate(text, xy=end, xytext=offset, ha=ha, va=va, bbox=BOX, zorder=6, gid="next_change_label", **NOTE)
    extra = [Line2D([], [], marker="o", color="black", linestyle="none", markersize=8, label=label)]
    if moves:
        extra.append(Line2D([], [], color="black", marker=">", lw=1.6, label="smallest change that moves the answer"))
    if grid["error"].notna().any():
        extra.append(Patch(label="not possible (PMs + engineers > headcount)", **NOT_POSSIBLE))
    extra.append(Line2D([], [], color="black", linestyle="--", label=f"size bands: {std.label}"))
    ax.legend(handles=_answer_handles(extra), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="Create a CPO?")
    ax.set_xlabel("Headcount (people, log scale)")
    ax.set_ylabel("Product complexity level (1 = simple, 5 = broad portfolio)")
    ax.set_title(f"Decision map for {_name(a.company)}: other inputs held as given", pad=26)
    return fig


def _distance(score: float, cut: float, name: str) -> str:
    gap = score - cut
    return f"exactly at '{name}' ({cut:g})" if gap == 0 else f"{abs(gap):g} {'above' if gap > 0 else 'below'} '{name}' ({cut:g})"


def _factor_value(a: Assessment, key: str) -> str:
    owners = a.company.owners
    uncovered = f"{sum(o.at_risk for o in owners.values())} of {len(owners)}" if owners else "not stated"
    pms = f"{int(a.product_managers):,}" + (" est." if "product_managers" in a.estimated else "")
    value = {"size": people(a.company.headcount), "complexity": f"level {a.complexity}", "product_managers": pms, "uncovered_responsibilities": uncovered}
    if key in value:
        return value[key]
    return ("yes" if a.effective[key] else "no") + (" assumed" if key in a.assumed else "")


def _value_labels(ax: Axes, xs, ys, fmt: str = "{:+g}") -> None:
    for x, y in zip(xs, ys, strict=True):
        ax.annotate(fmt.format(x), xy=(x, y), xytext=(4 if x >= 0 else -4, 0), va="center", ha="left" if x >= 0 else "right", **NOTE)


def contributions_chart(assessment: Assessment, ax: Axes | None = None) -> Figure:
    """Points per factor and the score, against the consider and yes cut-offs."""
    a = assessment
    fig, ax = _figure(ax, (9, 4.8))
    keys = list(a.contributions)
    values = [a.contributions[k] for k in keys] + [a.score]
    ys = np.arange(len(values))[::-1]
    colours = [POSITIVE if v > 0 else NEGATIVE if v < 0 else GREY for v in values[:-1]] + [DECISION_COLOURS[a.create_cpo]]
    for y, v, colour, gid in zip(ys, values, colours, [f"factor:{k}" for k in keys] + ["score"], strict=True):
        ax.barh(y, v, color=colour, height=0.6, gid=gid, **BAR)
    _value_labels(ax, values, ys)
    ax.set_yticks(ys, [f"{FACTOR_LABELS.get(k, k.replace('_', ' '))} ({_factor_value(a, k)})" for k in keys] + ["Score"])
    ax.axhline(0.5, color="#777777", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    _cutoffs(ax, dict(a.cutoffs))
    ax.set_xlim(min(0, *values) - 1.5, max(*values, *a.cutoffs.values()) + 1.5)
    ax.set_xlabel("Points (the score is their sum)")
    where = _distance(a.score, a.cutoffs["consider_from"], "consider") + ", " + _distance(a.score, a.cutoffs["yes_from"], "yes")
    ax.set_title(f"Why {_name(a.company)}: {DECISION_LABELS[a.create_cpo].lower()}\nScore {a.score:g}: {where}", loc="left", pad=16)
    return fig


def _room(ax: Axes, fig: Figure, lo: float, hi: float, left_chars: int, right_chars: int) -> tuple[float, float]:
    """x limits leaving room for labels of so many characters (8 pt text) left of `lo` and right of `hi`."""
    width = ax.get_position().width * fig.get_figwidth() * 72 * 0.75  # points; a legend outside takes some
    left, right = (6 + 5 * n for n in (left_chars, right_chars))
    span = (hi - lo) / max(0.2, 1 - (left + right) / width)
    return lo - max(1.0, left / width * span), hi + max(1.0, right / width * span)


def sensitivity_chart(company: Company, policy: Policy | None = None, standard: str | None = None, ax: Axes | None = None) -> Figure:
    """Tornado: how far one step of each input moves the score, bars coloured by the answer it gives."""
    data = sensitivity_data(company, policy, standard)
    base = data.attrs["base_score"]
    order = list(data.groupby("input", sort=False)["delta"].agg(lambda d: d.abs().max()).sort_values(kind="stable").index)
    fig, ax = _figure(ax, (10, 0.55 * len(order) + 2.4))
    chars = {True: 0, False: 0}  # longest label left / right of its bar
    for row in data.itertuples():
        y, left = order.index(row.input), row.delta < 0 or (row.delta == 0 and row.direction == "down")
        colour = DECISION_COLOURS[Decision(row.create_cpo)]
        ax.barh(y, row.delta, left=base, height=0.6, color=colour, gid=f"{row.input}:{row.direction}", **BAR)
        text, xy, ha = f"{row.value_label} → {row.create_cpo}", (base + row.delta, y), "right" if left else "left"
        ax.annotate(text, xy=xy, xytext=(-5 if left else 5, 0), ha=ha, va="center", bbox=BOX, zorder=4, gid="sensitivity_label", **NOTE)
        chars[left] = max(chars[left], len(text))
    ax.set_yticks(range(len(order)), [FACTOR_LABELS.get(k, k) for k in order])
    ax.axvline(base, color="black", linewidth=1.5, gid="base_score", label=f"base score {base:g} ({data.attrs['base_create_cpo']})")
    _cutoffs(ax, data.attrs["cutoffs"])
    scores = [base, *data["score"], *data.attrs["cutoffs"].values()]
    ax.set(xlim=_room(ax, fig, min(scores), max(scores), chars[True], chars[False]), ylim=(-0.6, len(order) - 0.4))
    ax.set_xlabel("Score after one step of the input (bars start at the base score)")
    ax.set_title(f"Sensitivity for {_name(company)}: one step of each input", pad=16)
    ax.legend(handles=_answer_handles(ax.get_legend_handles_labels()[0]), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return fig


def responsibilities_chart(company: Company, ax: Axes | None = None) -> Figure:
    """Who holds each of the nine CPO responsibilities; those with the CEO or nobody are marked at risk."""
    company = getattr(company, "company", company)  # an Assessment works too
    items = responsibilities_at_risk(company)
    fig, ax = _figure(ax, (9, 4.8))
    risky = 0
    for i, r in enumerate(items):
        y, owner = len(items) - 1 - i, company.owners.get(r["id"])
        ax.barh(y, 1, color=OWNER_COLOURS[owner], edgecolor="white", height=0.8, gid=f"owner:{r['id']}")
        ax.text(0.02, y, r["owner"], va="center", fontsize=9)
        if r["status"] == "at risk":
            risky += 1
            ax.text(1.03, y, "at risk", va="center", fontsize=9, fontweight="bold", color=NEGATIVE, gid=f"at_risk:{r['id']}")
    ax.set_yticks(range(len(items))[::-1], [r["name"] for r in items])
    ax.set(xlim=(0, 1.22), xticks=[])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=colour, label=OWNER_LABELS[o] if o else "not stated") for o, colour in OWNER_COLOURS.items()]
    ax.legend(handles=handles, title="Held by", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title(f"CPO responsibilities at {_name(company)}\n{risky} of {len(items)} at risk (held by the CEO or nobody)")
    return fig


def _valid(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    ok = frame["create_cpo"].notna() & (frame["error"].isna() if "error" in frame else True)
    return frame[ok], frame[~ok]


def _names(frame: pd.DataFrame) -> list[str]:
    names = frame["name"] if "name" in frame else pd.Series(pd.NA, index=frame.index)
    return [plain(n) if isinstance(n, str) and n.strip() else f"row {i}" for i, n in zip(frame.index, names, strict=True)]


def _label_offsets(xs: np.ndarray, ys: np.ndarray, labels: list[str], decades: float, width_pt: float) -> list[tuple[int, int]]:
    """Greedy offsets (points) so labels on the same level do not overlap: above, below, higher, lower."""
    slots, ends, out = (7, -13, 19, -25), {}, [(6, 7)] * len(xs)
    for k in sorted(range(len(xs)), key=lambda k: (ys[k], xs[k])):
        x = math.log10(max(xs[k], 1)) / decades * width_pt
        for s in slots:
            if ends.get((ys[k], s), -math.inf) < x:
                break
        ends[(ys[k], s)] = x + 6 + 4.6 * len(labels[k])
        out[k] = (6, s)
    return out


def portfolio_chart(frame: pd.DataFrame, policy: Policy | None = None, standard: str | None = None, ax: Axes | None = None) -> Figure:
    """The valid companies of an `assess_frame` result on headcount x complexity, coloured by answer."""
    _, std = resolve(policy, standard)
    ok, bad = _valid(frame)
    fig, ax = _figure(ax, (10, 6))
    hs, levels = ok["headcount"].astype(float).to_numpy(), ok["complexity_level"].astype(float).to_numpy()
    answers = ok["create_cpo"].astype(str).to_numpy()
    for d in DECISIONS:
        m = answers == d.value
        label = f"{d.value}: {DECISION_LABELS[d]} ({int(m.sum())})"
        ax.scatter(hs[m], levels[m], s=70, color=DECISION_COLOURS[d], zorder=3, gid=f"portfolio:{d.value}", label=label, **BAR)
    hi = max(GRID_MAX, float(hs.max()) * 2 if len(hs) else 0)
    names = _names(ok)
    width_pt = ax.get_position().width * fig.get_figwidth() * 72 * 0.8
    for x, y, label, offset in zip(hs, levels, names, _label_offsets(hs, levels, names, math.log10(hi), width_pt), strict=True):
        ax.annotate(label, xy=(x, y), xytext=offset, va="center", bbox=BOX, zorder=4, gid="company_name", **NOTE)
    ax.set(xscale="log", xlim=(1, hi), ylim=(0.5, 5.5), yticks=range(1, 6))
    _people_axis(ax)
    _bands(ax, std, hi)
    if len(bad):
        listed = ", ".join(_names(bad)[:3]) + (", …" if len(bad) > 3 else "")
        note = f"{len(bad)} invalid row{'s' if len(bad) != 1 else ''} not plotted ({listed}): see the error column"
        ax.annotate(note, xy=(0, 0), xycoords="axes fraction", xytext=(0, -38), va="top", gid="invalid_note", **NOTE)
    ax.legend(title="Create a CPO?", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_xlabel("Headcount (people, log scale)")
    ax.set_ylabel("Product complexity level")
    ax.set_title(f"Portfolio: {len(ok)} companies, size bands {std.label}", pad=26)
    return fig


def portfolio_bars(frame: pd.DataFrame, policy: Policy | None = None, ax: Axes | None = None) -> Figure:
    """Valid companies of an `assess_frame` result ranked by score, coloured by answer, with the policy's cut-offs."""
    decision = resolve(policy)[0].decision
    ok, bad = _valid(frame)
    ok = ok.sort_values("score", kind="stable")
    fig, ax = _figure(ax, (9, min(40.0, 2.0 + 0.32 * len(ok))))
    scores = ok["score"].astype(float).to_numpy()
    colours = [DECISION_COLOURS[Decision(v)] for v in ok["create_cpo"].astype(str)]
    ax.barh(np.arange(len(ok)), scores, color=colours, height=0.7, gid="portfolio_bars", **BAR)
    _value_labels(ax, scores, np.arange(len(ok)), "{:g}")
    ax.set_yticks(np.arange(len(ok)), _names(ok))
    ax.axvline(0, color="black", linewidth=0.8)
    _cutoffs(ax, {key: n.value for key, n in decision.items()})
    ax.set_xlim(min([0, *scores]) - 1.5, max([decision["yes_from"].value, *scores]) + 1.5)
    ax.set_xlabel("Score")
    ax.set_title(f"Companies ranked by score ({len(ok)})" + (f"; {len(bad)} invalid not shown" if len(bad) else ""), loc="left", pad=16)
    ax.legend(handles=_answer_handles(), loc="lower right", fontsize=8)
    return fig


def readiness_chart(readiness, ax: Axes | None = None) -> Figure:
    """A candidate's rating on each of the eight CPO skills against the target; gaps marked."""
    from .readiness import SUGGESTION_LABELS
    from .resources import skills

    names = {s["id"]: s["name"] for s in skills()}
    keys = list(readiness.ratings)
    fig, ax = _figure(ax, (8, 4.2))
    ys = np.arange(len(keys))[::-1]
    values = [readiness.ratings[k] for k in keys]
    colours = [NEGATIVE if readiness.gaps[k] else DECISION_COLOURS[Decision.YES] for k in keys]
    ax.barh(ys, values, color=colours, height=0.7, gid="ratings")
    ax.axvline(readiness.target, color="black", linestyle="--", linewidth=1, gid="target")
    ax.text(readiness.target, len(keys) - 0.4, f" target {readiness.target}", fontsize=9, va="bottom")
    for y, k in zip(ys, keys, strict=True):
        if readiness.gaps[k]:
            ax.text(readiness.ratings[k] + 0.05, y, f"gap {readiness.gaps[k]}", va="center", fontsize=9, color=NEGATIVE, gid=f"gap:{k}")
    ax.set_yticks(ys, [names[k] for k in keys])
    ax.set(xlim=(0, 5.6), xlabel="Rating (1-5)", xticks=range(0, 6))
    ax.set_title(f"{SUGGESTION_LABELS[readiness.suggestion]}\naverage {readiness.average:.2f}")
    return fig
