"""Sentiment figures: tone by outlet and voice (dot plot), and outlet x topic/target (heatmap)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from .palette import outlet_colors

DOTS_FIGSIZE = (8.5, 4.6)
HEATMAP_FIGSIZE = (10.0, 4.6)
# Marker and vertical offset per voice; "all" is used for a table made with by=None.
VOICE_STYLE = {
    "narration": {"marker": "o", "filled": True, "offset": -0.17, "label": "narration (own words)"},
    "quoted": {"marker": "D", "filled": False, "offset": 0.17, "label": "quoted (statements)"},
    "all": {"marker": "o", "filled": True, "offset": 0.0, "label": "all sentences"},
}
# Diverging, colour-blind safe (ColorBrewer); grey for cells with no sentences.
HEATMAP_CMAP = "RdBu"
EMPTY_COLOR = "#DDDDDD"
COMPOUND_LABEL = "VADER compound (−1 negative … +1 positive)"


def sentiment_dots(outlet_sentiment: pd.DataFrame, ax=None):
    """Diverging dot plot of mean compound by outlet, one dot per voice, with 95% intervals.

    Parameters
    ----------
    outlet_sentiment
        The table of :func:`framing.sentiment.outlet_sentiment` (``outlet, voice, estimate,
        ci_low, ci_high, n_sentences, low_n``).
    ax
        Optional Axes; a new figure of fixed size is made when None.

    Returns
    -------
    matplotlib.figure.Figure
        Dots left of zero lean negative, right lean positive. Cells on fewer than 3 sentences
        are drawn faint and labelled ``n<3``; empty cells are named at the zero line.
    """
    fig, ax = _figure(ax, DOTS_FIGSIZE)
    table = outlet_sentiment.sort_values(["outlet", "voice"], kind="stable")
    outlets = sorted(set(table["outlet"].astype(str)), reverse=True)
    colors = outlet_colors(outlets)
    y_of = {outlet: i for i, outlet in enumerate(outlets)}
    ax.axvline(0.0, color="black", linewidth=0.8)
    for row in table.itertuples(index=False):
        style = VOICE_STYLE.get(str(row.voice), VOICE_STYLE["all"])
        y = y_of[str(row.outlet)] + style["offset"]
        color = colors[str(row.outlet)]
        if row.n_sentences == 0 or math.isnan(row.estimate):
            ax.text(0.0, y, f" no {row.voice} text", va="center", fontsize=7, color="#555555")
            continue
        alpha = 0.45 if row.low_n else 1.0
        ax.plot([row.ci_low, row.ci_high], [y, y], color=color, alpha=alpha, linewidth=2)
        ax.plot(
            row.estimate,
            y,
            marker=style["marker"],
            markersize=7,
            color=color,
            markerfacecolor=color if style["filled"] else "white",
            markeredgewidth=1.5,
            alpha=alpha,
            linestyle="none",
        )
        note = f"n={row.n_sentences}" + (" (n<3)" if row.low_n else "")
        ax.text(max(row.ci_high, row.estimate), y, f"  {note}", va="center", fontsize=7)
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    limit = _symmetric_limit(table[["ci_low", "ci_high", "estimate"]].to_numpy(dtype=float))
    ax.set_xlim(-limit, limit * 1.25)
    ax.set_xlabel(f"{COMPOUND_LABEL}: word-weighted mean, 95% bootstrap CI")
    ax.set_title("Tone by outlet: the outlet's own words vs the statements it quotes")
    voices = [v for v in VOICE_STYLE if v in set(table["voice"].astype(str))]
    for voice in voices:
        style = VOICE_STYLE[voice]
        ax.plot(
            [],
            [],
            marker=style["marker"],
            color="black",
            markerfacecolor="black" if style["filled"] else "white",
            linestyle="none",
            label=style["label"],
        )
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    ax.grid(axis="x", color="#EEEEEE")
    fig.tight_layout()
    return fig


def sentiment_heatmap(
    table: pd.DataFrame, column: str = "topic", ax=None, title: str | None = None
):
    """Heatmap of mean compound, outlets x ``column``, with the sentence count in every cell.

    Parameters
    ----------
    table
        :func:`framing.sentiment.sentiment_by_topic` (``column="topic"``) or
        :func:`framing.sentiment.outlet_target_sentiment` (``column="target"``): ``outlet,
        <column>, estimate, n_sentences, low_n``.
    column
        The category on the horizontal axis, in the table's order.
    ax
        Optional Axes; a new figure of fixed size is made when None.
    title
        Axes title; the default names the column and the flag.

    Returns
    -------
    matplotlib.figure.Figure
        Each cell shows the mean and ``n=``; cells on fewer than 3 sentences are hatched and
        marked ``*``, empty cells grey.
    """
    fig, ax = _figure(ax, HEATMAP_FIGSIZE)
    outlets = sorted(set(table["outlet"].astype(str)))
    categories = list(dict.fromkeys(table[column].astype(str)))
    grid = table.assign(outlet=table["outlet"].astype(str), col=table[column].astype(str))
    grid = grid.set_index(["outlet", "col"])
    values = np.full((len(outlets), len(categories)), np.nan)
    counts = np.zeros((len(outlets), len(categories)), dtype=int)
    low = np.zeros((len(outlets), len(categories)), dtype=bool)
    for i, outlet in enumerate(outlets):
        for j, category in enumerate(categories):
            if (outlet, category) in grid.index:
                cell = grid.loc[(outlet, category)]
                values[i, j] = cell["estimate"]
                counts[i, j] = int(cell["n_sentences"])
                low[i, j] = bool(cell["low_n"])
    limit = _symmetric_limit(values)
    cmap = plt.get_cmap(HEATMAP_CMAP).with_extremes(bad=EMPTY_COLOR)
    image = ax.imshow(
        np.ma.masked_invalid(values), cmap=cmap, vmin=-limit, vmax=limit, aspect="auto"
    )
    for i in range(len(outlets)):
        for j in range(len(categories)):
            if counts[i, j] == 0:
                ax.text(j, i, "n=0", ha="center", va="center", fontsize=7, color="#555555")
                continue
            if low[i, j]:
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5), 1, 1, fill=False, hatch="//", edgecolor="#AAAAAA",
                        linewidth=0,
                    )
                )  # fmt: skip
            dark = abs(values[i, j]) > 0.6 * limit
            star = "*" if low[i, j] else ""
            ax.text(
                j,
                i,
                f"{values[i, j]:+.2f}\nn={counts[i, j]}{star}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if dark else "black",
            )
    ax.set_xticks(range(len(categories)), categories, rotation=30, ha="right")
    ax.set_yticks(range(len(outlets)), outlets)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("mean compound (−1 … +1)")
    ax.set_xlabel(column)
    if title is None:
        what = "Tone toward each target" if column == "target" else f"Tone by {column}"
        title = f"{what} by outlet (mean compound; n = sentences, * = fewer than 3)"
    ax.set_title(title)
    fig.tight_layout()
    return fig


def _figure(ax, size):
    if ax is None:
        fig, ax = plt.subplots(figsize=size)
        return fig, ax
    return ax.figure, ax


def _symmetric_limit(values: np.ndarray) -> float:
    """Half-width of a symmetric axis around zero: the largest magnitude, rounded up to 0.1."""
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    return max(0.2, math.ceil(top * 10.0 - 1e-9) / 10.0)
