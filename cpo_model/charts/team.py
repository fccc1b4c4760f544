"""Where a team disagrees: one row per input (the one to settle first on top), a dot for each
value raters hold, sized by how many hold it and coloured by the answer the team would reach with
it; a ring marks the team's value.

>>> from cpo_model import Company
>>> from cpo_model.team import assess_team
>>> t = assess_team({"CEO": Company(headcount=300, complexity=2),
...                  "CTO": Company(headcount=300, complexity=5)})
>>> team_chart(t.spread()).axes[0].get_yticklabels()[0].get_text()
'Product complexity'
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..present import DECISION_COLOURS, GREY
from ..types import Decision
from .base import answer_handles, company_name, figure, plain, set_title, side_legend

DOT, PER_RATER = 70, 70  # marker area: a value held by n raters is DOT + n * PER_RATER
RING = 260  # the team's ring: this much larger than the dot it circles


def team_chart(spread: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Draw `TeamAssessment.spread()`."""
    rows = int(spread["row"].max()) + 1 if len(spread) else 0
    fig, ax = figure(ax, (10, 1.6 + 0.9 * max(rows, 1)))
    labels = []
    for row, part in spread.groupby("row", sort=True):
        y = rows - 1 - int(row)
        labels.append((y, part["label"].iloc[0]))
        xs = [(i + 0.5) / len(part) for i in range(len(part))]
        ax.plot([0, 1], [y, y], color=GREY, linewidth=0.8, zorder=1)
        for x, r in zip(xs, part.itertuples(), strict=True):
            area = DOT + PER_RATER * max(r.n_raters, 1) + RING * r.is_team
            gap = math.sqrt(area) / 2 + 3  # points from the centre to clear the marker
            colour = DECISION_COLOURS[Decision(r.create_cpo)] if r.create_cpo else GREY
            ax.scatter(
                [x],
                [y],
                s=DOT + PER_RATER * r.n_raters,
                color=colour,
                edgecolors="black" if r.n_raters else "none",
                linewidths=0.6,
                zorder=3,
                gid=f"team:{r.input}:{r.value_label}",
            )
            if r.is_team:
                ax.scatter(
                    [x],
                    [y],
                    s=area,
                    facecolors="none",
                    edgecolors="black",
                    linewidths=2,
                    zorder=4,
                    gid=f"team_value:{r.input}",
                )
            ax.annotate(
                plain(r.value_label, 28),
                (x, y),
                xytext=(0, gap),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
                fontweight="bold" if r.is_team else "normal",
            )
            ax.annotate(
                plain(r.raters or "the team's value", 40),
                (x, y),
                xytext=(0, -gap),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=7.5,
                color="#333333",
            )
    ax.set_yticks([y for y, _ in labels], [text for _, text in labels])
    ax.set(xlim=(0, 1), ylim=(-0.8, max(rows, 1) - 0.3), xticks=[])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ring = Line2D(
        [],
        [],
        marker="o",
        markersize=14,
        markerfacecolor="none",
        markeredgecolor="black",
        markeredgewidth=2,
        linestyle="none",
        label="the team's value",
    )
    side_legend(ax, answer_handles([ring]), "If the team took it")
    set_title(
        ax,
        f"Where the team disagrees at {company_name(spread.attrs.get('name'))}: "
        "settle the top row first",
        loc="left",
        pad=12,
    )
    return fig
