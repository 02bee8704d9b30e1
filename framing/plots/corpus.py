"""The corpus at a glance: how long each article's body is and what cleaning removed."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .palette import category_colors

FIGSIZE = (10.0, 4.4)
# Reasons beyond this many (by frequency) are drawn together as "other reasons".
MAX_REASONS = 6


def corpus_overview(articles: pd.DataFrame, removed: pd.DataFrame, ax=None):
    """Two panels: body words per article, and removed lines per article by reason.

    Parameters
    ----------
    articles
        The ``articles`` table after cleaning (``article_id``, ``outlet``, ``n_words``,
        ``status``).
    removed
        The ``removed`` table (``article_id``, ``reason``).
    ax
        Optional pair of Axes; a new figure of fixed size is made when None.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if ax is None:
        fig, (ax_words, ax_removed) = plt.subplots(
            1, 2, figsize=FIGSIZE, sharey=True, gridspec_kw={"width_ratios": [1, 1.3]}
        )
    else:
        ax_words, ax_removed = ax
        fig = ax_words.figure
    scored = articles[articles["status"] == "ok"].copy()
    scored["row"] = _row_labels(scored)
    scored = scored.sort_values("row", ascending=False)
    labels = scored["row"].tolist()

    ax_words.barh(labels, scored["n_words"], color="#0072B2")
    for y, n in enumerate(scored["n_words"]):
        ax_words.text(n, y, f" {n}", va="center", fontsize=8)
    ax_words.set_xlabel("body length (words)")
    ax_words.set_title("Article body")
    ax_words.margins(x=0.18)

    counts = (
        removed.merge(scored[["article_id", "row"]], on="article_id")
        .groupby(["row", "reason"])
        .size()
        .unstack(fill_value=0)
        .reindex(labels, fill_value=0)
    )
    totals = counts.sum().sort_values(ascending=False, kind="stable")
    if len(totals) > MAX_REASONS:
        rest = totals.index[MAX_REASONS:]
        counts = counts.drop(columns=rest).assign(**{"other reasons": counts[rest].sum(axis=1)})
    reasons = counts.columns[counts.sum().argsort(kind="stable")[::-1]].tolist()
    if "other reasons" in reasons:
        reasons.remove("other reasons")
        reasons.append("other reasons")
    colors = category_colors(reasons)
    left = pd.Series(0, index=counts.index)
    for reason in reasons:
        ax_removed.barh(labels, counts[reason], left=left, color=colors[reason], label=reason)
        left = left + counts[reason]
    ax_removed.set_xlabel("removed lines (count)")
    ax_removed.set_title("Removed as furniture or metadata, by reason")
    ax_removed.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.suptitle("The corpus at a glance", fontsize=12)
    fig.tight_layout()
    return fig


def _row_labels(articles: pd.DataFrame) -> pd.Series:
    outlet = articles["outlet"].where(articles["outlet"].astype(str) != "", articles["article_id"])
    return outlet.astype(str) + " (" + articles["article_id"].str[:3] + ")"
