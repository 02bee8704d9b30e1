"""Voice share: whose words each outlet carries, as stacked bars by affiliation."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .palette import category_colors

FIGSIZE = (9.0, 4.2)
# Fixed order (and so fixed colours) for the registry's affiliations; others follow sorted.
AFFILIATION_ORDER = ("US", "Japan", "China", "media", "other", "unknown")
MEASURE_LABEL = {
    "words": "share of quoted and paraphrased words (%)",
    "statements": "share of attributed statements (%)",
}
KIND_LABEL = {"all": "direct and indirect", "direct": "direct quotes", "indirect": "indirect"}


def voice_share_bars(share_table: pd.DataFrame, ax=None, measure: str = "words", kind: str = "all"):
    """Stacked horizontal bars: per outlet, the share of voice each group is given.

    Parameters
    ----------
    share_table
        The table of :func:`framing.quotes.voice_share` (``outlet, kind, affiliation`` or
        ``speaker``, ``measure, estimate, n_statements, n_words``).
    ax
        Optional Axes; a new figure of fixed size is made when None.
    measure
        ``"words"`` (share of quoted words) or ``"statements"``.
    kind
        ``"all"``, ``"direct"`` or ``"indirect"``.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per outlet (0-100%), segments in a fixed affiliation order; each bar is labelled
        with the statements and words it rests on. Percentile intervals are in the table, not
        drawn: they do not stack.
    """
    if measure not in MEASURE_LABEL:
        raise ValueError(f"measure must be one of {sorted(MEASURE_LABEL)}, got {measure!r}")
    group = "affiliation" if "affiliation" in share_table.columns else "speaker"
    table = share_table[(share_table["measure"] == measure) & (share_table["kind"] == kind)]
    if ax is None:
        fig, ax = plt.subplots(figsize=FIGSIZE)
    else:
        fig = ax.figure
    if table.empty:
        ax.text(0.5, 0.5, f"no {KIND_LABEL.get(kind, kind)} statements", ha="center")
        ax.set_axis_off()
        return fig
    wide = table.pivot_table(index="outlet", columns=group, values="estimate", aggfunc="sum")
    wide = wide.fillna(0.0).sort_index(ascending=False)
    present = list(wide.columns)
    order = [g for g in AFFILIATION_ORDER if g in present] + sorted(
        g for g in present if g not in AFFILIATION_ORDER
    )
    colors = category_colors([*AFFILIATION_ORDER, *order])
    outlets = list(wide.index)
    left = pd.Series(0.0, index=outlets)
    for name in order:
        values = wide[name] * 100
        ax.barh(outlets, values, left=left, color=colors[name], label=name, edgecolor="white")
        for y, (value, start) in enumerate(zip(values, left, strict=True)):
            if value >= 8:
                ax.text(start + value / 2, y, f"{value:.0f}", ha="center", va="center", fontsize=8)
        left = left + values
    counts = table.drop_duplicates("outlet").set_index("outlet")
    for y, outlet in enumerate(outlets):
        row = counts.loc[outlet]
        note = f" n={int(row['n_statements'])} statements, {int(row['n_words'])} words"
        ax.text(101, y, note, va="center", fontsize=7)
    ax.set_xlim(0, 130)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel(MEASURE_LABEL[measure])
    ax.set_title(f"Whose voice each outlet carries ({KIND_LABEL.get(kind, kind)}), by {group}")
    ax.legend(
        title=group, fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0),
        frameon=False,
    )  # fmt: skip
    fig.tight_layout()
    return fig
