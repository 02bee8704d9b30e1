"""Outlet comparison: distinctive terms per outlet and the similarity between outlets."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .palette import outlet_colors

PANEL_SIZE = (3.4, 3.0)
MAX_COLUMNS = 3
HEATMAP_SIZE = (6.4, 5.4)


def distinctive_terms_plot(terms: pd.DataFrame, top_n: int = 10, ax=None):
    """Small multiples: per outlet, horizontal bars of its most distinctive terms' z-scores.

    Parameters
    ----------
    terms
        The table of :func:`framing.compare.distinctive_terms` (``outlet``, ``term``, ``z``,
        ``rank``, ``n_outlet``).
    top_n
        Terms drawn per outlet (the ``top_n`` best ranked).
    ax
        Optional sequence of Axes, one per outlet (sorted by name); a new figure of fixed size
        is made when None.

    Returns
    -------
    matplotlib.figure.Figure
    """
    outlets = sorted(terms["outlet"].astype(str).unique())
    if ax is None:
        n_cols = min(MAX_COLUMNS, max(1, len(outlets)))
        n_rows = max(1, math.ceil(len(outlets) / n_cols))
        fig, axes = plt.subplots(
            n_rows,
            n_cols,
            figsize=(PANEL_SIZE[0] * n_cols, PANEL_SIZE[1] * n_rows),
            squeeze=False,
            sharex=True,
        )
        axes = list(axes.ravel())
        for extra in axes[len(outlets) :]:
            extra.set_visible(False)
    else:
        axes = list(np.ravel(ax))
        fig = axes[0].figure
    colors = outlet_colors(outlets)
    for panel, outlet in zip(axes, outlets, strict=False):
        rows = terms[(terms["outlet"].astype(str) == outlet) & (terms["rank"] <= top_n)]
        rows = rows.sort_values("rank", ascending=False, kind="stable")
        labels = [f"{t} ({n})" for t, n in zip(rows["term"], rows["n_outlet"], strict=True)]
        panel.barh(labels, rows["z"], color=colors[outlet])
        panel.axvline(0, color="black", linewidth=0.6)
        panel.set_title(outlet, fontsize=9)
        panel.tick_params(axis="y", labelsize=7)
        panel.set_xlabel("z-score (log-odds / s.e.)")
    fig.suptitle(
        "Most distinctive terms per outlet against all others (count in outlet in brackets)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig


def similarity_heatmap(similarity: pd.DataFrame, ax=None, title: str | None = None):
    """Heatmap of a square similarity matrix, each cell labelled with its value.

    Parameters
    ----------
    similarity
        The square table of :func:`framing.compare.similarity_matrix`.
    ax
        Optional Axes; a new figure of fixed size is made when None.
    title
        Figure title; by default names the level (the index name).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=HEATMAP_SIZE)
    else:
        fig = ax.figure
    values = similarity.to_numpy(dtype=float)
    labels = [str(x) for x in similarity.index]
    image = ax.imshow(values, cmap="Blues", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(len(labels)), labels, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            value = values[i, j]
            ax.text(
                j,
                i,
                f"{value:.2f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value > 0.6 else "black",
            )
    level = similarity.index.name or "document"
    ax.set_xlabel(level)
    ax.set_ylabel(level)
    fig.colorbar(image, ax=ax, label="cosine similarity of TF-IDF vectors (0–1)", shrink=0.8)
    plural = {"article_id": "articles", "outlet": "outlets"}.get(level, f"{level}s")
    ax.set_title(title or f"Text similarity between {plural}")
    fig.tight_layout()
    return fig
