"""Topic share figures: stacked bars per outlet, and one topic across outlets with intervals.

Both take the table of :func:`framing.topics.topic_share` (columns ``<by>, topic, estimate,
ci_low, ci_high, n_sentences, n_words``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from ..topics import UNASSIGNED
from .palette import OKABE_ITO, outlet_colors

BAR_FIGSIZE = (10.0, 4.6)
DOT_FIGSIZE = (7.5, 4.0)
UNASSIGNED_COLOR = "#DDDDDD"
UNASSIGNED_LABEL = "unassigned (no topic matched)"
# Colours for topics: the palette without its grey (kept for `unassigned`); after one round
# the colours repeat with a hatch, so up to 21 topics stay distinguishable.
TOPIC_COLORS = tuple(c for c in OKABE_ITO if c != "#999999")
HATCHES = ("", "///", "...")


def topic_style(topics: Sequence[str]) -> dict[str, tuple[str, str]]:
    """``{topic: (colour, hatch)}`` in the order given; ``unassigned`` is light grey, hatched."""
    styles = {}
    position = 0
    for topic in topics:
        if topic == UNASSIGNED:
            styles[topic] = (UNASSIGNED_COLOR, "xx")
            continue
        color = TOPIC_COLORS[position % len(TOPIC_COLORS)]
        hatch = HATCHES[(position // len(TOPIC_COLORS)) % len(HATCHES)]
        styles[topic] = (color, hatch)
        position += 1
    return styles


def _topic_order(share: pd.DataFrame, topics: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(share["topic"]))
    if topics is None:
        totals = share.groupby("topic")["estimate"].mean()
        topics = sorted(present, key=lambda t: (-totals[t], t))
    ordered = [t for t in topics if t in present and t != UNASSIGNED]
    ordered += [t for t in present if t not in ordered and t != UNASSIGNED]
    if UNASSIGNED in present:
        ordered.append(UNASSIGNED)
    return ordered


def topic_share_bars(
    share: pd.DataFrame,
    *,
    by: str = "outlet",
    topics: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    ax=None,
):
    """Stacked horizontal bars: each group's words split by topic, ``unassigned`` visible.

    Parameters
    ----------
    share
        From :func:`framing.topics.topic_share`.
    by
        The grouping column (one bar per value).
    topics
        Topic order in the stack (default: by mean share, largest first); ``unassigned`` is
        always drawn last, in hatched grey.
    labels
        ``{topic id: label}`` for the legend (e.g. from the codebook).
    ax
        A matplotlib Axes; a new figure of fixed size is made when None.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=BAR_FIGSIZE)
    else:
        fig = ax.figure
    labels = dict(labels or {})
    order = _topic_order(share, topics)
    styles = topic_style(order)
    wide = share.pivot(index=by, columns="topic", values="estimate").fillna(0.0)
    groups = sorted(wide.index, key=str, reverse=True)  # first group on top
    words = share.drop_duplicates(by).set_index(by)["n_words"]
    rows = [f"{g} ({int(words[g])} words)" for g in groups]
    left = pd.Series(0.0, index=groups)
    for topic in order:
        values = wide.reindex(groups)[topic] if topic in wide.columns else 0.0 * left
        color, hatch = styles[topic]
        ax.barh(
            rows,
            values,
            left=left,
            color=color,
            hatch=hatch,
            edgecolor="white" if not hatch else "#555555",
            linewidth=0.4,
            label=labels.get(topic, UNASSIGNED_LABEL if topic == UNASSIGNED else topic),
        )
        left = left + values.to_numpy()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of body words (word-weighted topic weights; each bar sums to 1)")
    ax.set_title(f"Topic share per {by.replace('_', ' ')}")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def topic_share_dots(
    share: pd.DataFrame,
    topic: str,
    *,
    by: str = "outlet",
    label: str | None = None,
    ax=None,
):
    """One topic's share in each group: a dot with its bootstrap interval.

    Parameters
    ----------
    share
        From :func:`framing.topics.topic_share` (with ``ci_low``, ``ci_high``).
    topic
        The topic id to show.
    by
        The grouping column.
    label
        The topic's label for the title (default: the id).
    ax
        A matplotlib Axes; a new figure of fixed size is made when None.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = share[share["topic"] == topic]
    if rows.empty:
        raise KeyError(f"topic {topic!r} is not in the share table")
    if ax is None:
        fig, ax = plt.subplots(figsize=DOT_FIGSIZE)
    else:
        fig = ax.figure
    rows = rows.sort_values(by, key=lambda s: s.astype(str), ascending=False, kind="stable")
    names = rows[by].astype(str).tolist()
    colors = outlet_colors(names) if by == "outlet" else {n: "#0072B2" for n in names}
    ticks = [f"{n} ({s} sentences)" for n, s in zip(names, rows["n_sentences"], strict=True)]
    for y, (name, row) in enumerate(zip(names, rows.itertuples(index=False), strict=True)):
        ax.plot([row.ci_low, row.ci_high], [y, y], color="black", linewidth=1.2)
        ax.plot(row.estimate, y, "o", color=colors[name], markersize=8, markeredgecolor="black")
    ax.set_yticks(range(len(names)), ticks)
    ax.set_xlim(-0.01, max(0.0, float(rows["ci_high"].max())) * 1.1 + 0.02)
    ax.set_xlabel("share of body words (dot: estimate; line: 95% bootstrap interval)")
    ax.set_title(f"{label or topic.replace('_', ' ')}: share of each {by.replace('_', ' ')}")
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    fig.tight_layout()
    return fig
