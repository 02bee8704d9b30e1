"""Topic coding against the hand-coded gold (``tests/gold/topics.csv``) and public benchmarks.

Gold: columns ``article_id, line_no, sent_no, topic, secondary, text`` — one primary topic per
body sentence, ``text`` an exact substring of raw line ``line_no``. Predicted: the
``sentences`` table (``article_id, sent_id, line_no, text``) and ``topic_scores``.

A gold sentence is matched to the predicted sentence of the same article and raw line that
shares the most word tokens with it (ties: the first), so a different sentence split costs
only the sentences it merges or cuts. The library's primary topic is the topic of largest
weight (:func:`framing.topics.primary_topics`). A sentence the library leaves ``unassigned``
counts as the codebook's ``residual`` topic (``other``), the code a human gives a sentence
no topic fits; :func:`topic_agreement` reports how many there were.

Scores: accuracy, per-topic precision / recall / F1, macro-F1 and Krippendorff's alpha for
nominal data (Krippendorff 2011, via the maintained ``krippendorff`` package), treating the
library and the gold as two coders.
"""

from __future__ import annotations

import re
from collections import Counter

import krippendorff
import numpy as np
import pandas as pd

from ..topics import UNASSIGNED, Codebook, primary_topics

COMPARISON_COLUMNS = [
    "article_id", "line_no", "sent_no", "sent_id", "gold", "secondary", "predicted",
    "unassigned", "weight", "matched", "correct", "text",
]  # fmt: skip
AGREEMENT_COLUMNS = [
    "n", "n_unassigned", "accuracy", "accuracy_any", "macro_f1", "alpha", "alpha_unassigned",
]  # fmt: skip
CLASS_SCORE_COLUMNS = ["topic", "n_gold", "n_pred", "tp", "precision", "recall", "f1"]
CONFUSION_COLUMNS = ["gold", "predicted", "n"]
ERROR_COLUMNS = [
    "article_id", "line_no", "sent_no", "gold", "secondary", "predicted", "weight", "matched",
    "text",
]  # fmt: skip

_TOKEN = re.compile(r"\w+")


def align_gold(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add to each gold row the ``sent_id`` of its best-matching predicted sentence.

    Returns the gold rows (sorted by ``article_id, line_no, sent_no``) with ``sent_id``
    (``<NA>`` when the line has no predicted sentence) and ``overlap`` (shared tokens).
    """
    candidates: dict[tuple[str, int], list[tuple[int, Counter]]] = {}
    for article_id, line_no, sent_id, text in sentences[
        ["article_id", "line_no", "sent_id", "text"]
    ].itertuples(index=False):
        if pd.isna(line_no):
            continue
        key = (str(article_id), int(line_no))
        candidates.setdefault(key, []).append((int(sent_id), _tokens(text)))
    ordered = gold.sort_values(["article_id", "line_no", "sent_no"], kind="stable")
    sent_ids, overlaps = [], []
    for article_id, line_no, text in ordered[["article_id", "line_no", "text"]].itertuples(
        index=False
    ):
        tokens = _tokens(text)
        best, best_overlap = None, 0
        for sent_id, other in candidates.get((str(article_id), int(line_no)), []):
            overlap = sum((tokens & other).values())
            if overlap > best_overlap:
                best, best_overlap = sent_id, overlap
        sent_ids.append(best)
        overlaps.append(best_overlap)
    out = ordered.assign(
        sent_id=pd.array(sent_ids, dtype="Int64"), overlap=pd.array(overlaps, dtype="int64")
    )
    return out.reset_index(drop=True)


def _tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall(str(text).lower()))


def topic_comparison(
    gold: pd.DataFrame,
    topic_scores: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Gold and predicted primary topic side by side, one row per gold sentence.

    ``unassigned`` predictions become ``codebook.residual`` (when the codebook has one) in
    ``predicted``, and are flagged in ``unassigned``. Columns :data:`COMPARISON_COLUMNS`.
    """
    aligned = align_gold(gold, sentences)
    primary = primary_topics(topic_scores, codebook)
    primary = primary.assign(sent_id=primary["sent_id"].astype("Int64"))
    merged = aligned.merge(
        primary.rename(columns={"topic": "predicted"}),
        on=["article_id", "sent_id"],
        how="left",
        validate="many_to_one",
    )
    merged["predicted"] = merged["predicted"].fillna(UNASSIGNED)
    merged["weight"] = merged["weight"].fillna(0.0)
    merged["matched"] = merged["matched"].fillna("")
    merged["unassigned"] = merged["predicted"] == UNASSIGNED
    residual = codebook.residual if codebook is not None else None
    if residual:
        merged.loc[merged["unassigned"], "predicted"] = residual
    merged = merged.rename(columns={"topic": "gold"})
    merged["secondary"] = merged["secondary"].fillna("").astype(str)
    merged["correct"] = merged["gold"] == merged["predicted"]
    return merged[COMPARISON_COLUMNS].reset_index(drop=True)


def class_scores(
    comparison: pd.DataFrame, labels: list[str] | None = None, *, gold="gold", predicted="predicted"
) -> pd.DataFrame:
    """Precision, recall and F1 per label (columns :data:`CLASS_SCORE_COLUMNS`).

    ``labels`` fixes the rows and their order (default: every label seen, sorted). A zero
    denominator gives 0.0 (and F1 0.0), except that a label absent from both gold and
    prediction scores NaN, so it can be left out of a macro average.
    """
    g = comparison[gold].astype(str)
    p = comparison[predicted].astype(str)
    if labels is None:
        labels = sorted(set(g) | set(p))
    rows = []
    for label in labels:
        n_gold, n_pred = int((g == label).sum()), int((p == label).sum())
        tp = int(((g == label) & (p == label)).sum())
        if n_gold == 0 and n_pred == 0:
            rows.append((label, 0, 0, 0, np.nan, np.nan, np.nan))
            continue
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((label, n_gold, n_pred, tp, precision, recall, f1))
    return pd.DataFrame(rows, columns=CLASS_SCORE_COLUMNS)


def nominal_alpha(first, second) -> float:
    """Krippendorff's alpha (nominal) between two coders' labels of the same units.

    NaN when fewer than two distinct labels occur (alpha is undefined without variation).
    """
    first = [str(v) for v in first]
    second = [str(v) for v in second]
    if len(first) != len(second):
        raise ValueError("both coders must code the same units")
    values = sorted(set(first) | set(second))
    if len(values) < 2:
        return float("nan")
    index = {v: i for i, v in enumerate(values)}
    data = np.array([[index[v] for v in first], [index[v] for v in second]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def topic_agreement(comparison: pd.DataFrame) -> pd.DataFrame:
    """Overall agreement of the library's primary topic with the gold, as one row.

    Columns :data:`AGREEMENT_COLUMNS`: ``accuracy`` (primary = gold primary),
    ``accuracy_any`` (primary = gold primary or gold secondary), ``macro_f1`` over the topics
    that occur, ``alpha`` (Krippendorff, nominal, library vs gold) and ``alpha_unassigned``,
    the same with ``unassigned`` kept as a code of its own instead of the residual topic.
    """
    scores = class_scores(comparison)
    raw = comparison["predicted"].where(~comparison["unassigned"], UNASSIGNED)
    row = (
        len(comparison),
        int(comparison["unassigned"].sum()),
        float(comparison["correct"].mean()),
        float(
            (comparison["correct"] | (comparison["predicted"] == comparison["secondary"])).mean()
        ),
        float(scores["f1"].mean(skipna=True)),
        nominal_alpha(comparison["gold"], comparison["predicted"]),
        nominal_alpha(comparison["gold"], raw),
    )
    return pd.DataFrame([row], columns=AGREEMENT_COLUMNS)


def confusion(comparison: pd.DataFrame, *, gold="gold", predicted="predicted") -> pd.DataFrame:
    """Counts of (gold, predicted) pairs, largest first (columns :data:`CONFUSION_COLUMNS`)."""
    counts = comparison.groupby([gold, predicted], sort=True).size().rename("n").reset_index()
    counts.columns = CONFUSION_COLUMNS
    return counts.sort_values(
        ["n", "gold", "predicted"], ascending=[False, True, True], kind="stable", ignore_index=True
    )


def topic_errors(comparison: pd.DataFrame) -> pd.DataFrame:
    """The gold sentences whose predicted primary topic differs (columns :data:`ERROR_COLUMNS`)."""
    wrong = comparison[~comparison["correct"]]
    return wrong[ERROR_COLUMNS].reset_index(drop=True)
