"""Sentence boundaries against the gold split of every body line (``tests/gold/sentences.csv``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

SENTENCE_SCORE_COLUMNS = ["article_id", "n_gold", "n_pred", "tp", "precision", "recall", "f1"]


def sentence_boundary_scores(
    gold: pd.DataFrame,
    predict: Callable[[str], list[tuple[int, int]]],
    lines: Mapping[tuple[str, int], str],
) -> pd.DataFrame:
    """Score a sentence splitter against gold sentence boundaries.

    Parameters
    ----------
    gold
        ``tests/gold/sentences.csv``: columns ``article_id, line_no, sent_no, text``, the
        sentences of each body line in order, each an exact substring of its line.
    predict
        A splitter ``str -> [(start, end), ...]`` such as :func:`framing.segment.sentence_spans`.
    lines
        The raw line texts, ``{(article_id, line_no): text}`` (the caller reads the files).

    Returns
    -------
    DataFrame
        Columns ``article_id, n_gold, n_pred, tp, precision, recall, f1``: one row per
        article, then an ``all`` row (micro-averaged). A boundary is the end offset of a
        sentence within its line, the last sentence of a line excepted (the line's end is
        trivially right). A zero denominator scores 1.0 when gold and prediction are both
        empty, else 0.0.

    Raises
    ------
    KeyError
        When a gold line is missing from ``lines``.
    ValueError
        When a gold sentence is not found, in order, in its line.
    """
    counts: dict[str, list[int]] = {}
    ordered = gold.sort_values(["article_id", "line_no", "sent_no"], kind="stable")
    for (article_id, line_no), group in ordered.groupby(["article_id", "line_no"], sort=True):
        line = lines[(article_id, int(line_no))]
        gold_ends, cursor = [], 0
        for sentence in group["text"]:
            found = line.find(sentence, cursor)
            if found < 0:
                raise ValueError(
                    f"gold sentence not found in {article_id} line {line_no}: {sentence[:60]!r}"
                )
            cursor = found + len(sentence)
            gold_ends.append(cursor)
        gold_set = set(gold_ends[:-1])
        pred_set = {end for _, end in predict(line)[:-1]}
        n_gold, n_pred, tp = counts.setdefault(str(article_id), [0, 0, 0])
        counts[str(article_id)] = [
            n_gold + len(gold_set),
            n_pred + len(pred_set),
            tp + len(gold_set & pred_set),
        ]
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    rows = []
    for article_id, (n_gold, n_pred, tp) in [*counts.items(), ("all", totals)]:
        precision = _ratio(tp, n_pred, n_gold)
        recall = _ratio(tp, n_gold, n_pred)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append([article_id, n_gold, n_pred, tp, precision, recall, f1])
    return pd.DataFrame(rows, columns=SENTENCE_SCORE_COLUMNS)


def _ratio(tp: int, denominator: int, other: int) -> float:
    """tp / denominator; if that is 0/0, 1.0 when ``other`` is zero too, else 0.0."""
    if denominator:
        return tp / denominator
    return 1.0 if other == 0 else 0.0
