"""Cleaning against the line-by-line gold (``tests/gold/lines.csv``).

Gold and predicted tables both have ``article_id, line_no, label`` (body / meta / furniture /
blank). Blank lines are left out of the scores: keeping or dropping them changes nothing.
"""

from __future__ import annotations

import pandas as pd

LINE_SCORE_COLUMNS = [
    "article_id",
    "n_lines",
    "n_gold_body",
    "n_pred_body",
    "tp",
    "precision",
    "recall",
    "f1",
]
BODY = "body"


def _aligned(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    merged = gold[["article_id", "line_no", "label"]].merge(
        predicted[["article_id", "line_no", "label", "text", "reason"]],
        on=["article_id", "line_no"],
        how="left",
        suffixes=("_gold", "_pred"),
        validate="one_to_one",
    )
    if merged["label_pred"].isna().any():
        missing = merged.loc[merged["label_pred"].isna(), ["article_id", "line_no"]].head(3)
        raise ValueError(
            f"predicted lines missing for gold lines such as {missing.values.tolist()}"
        )
    return merged[merged["label_gold"] != "blank"]


def body_line_scores(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Body-line precision, recall and F1 per article and overall (``article_id == "all"``).

    ``predicted`` is :func:`framing.clean.classify_lines` output for the same articles.
    """
    merged = _aligned(gold, predicted)
    rows = [_scores(article_id, group) for article_id, group in merged.groupby("article_id")]
    rows.append(_scores("all", merged))
    return pd.DataFrame(rows, columns=LINE_SCORE_COLUMNS)


def body_line_errors(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """The non-blank lines where predicted body/not-body disagrees with gold, with the rule."""
    merged = _aligned(gold, predicted)
    wrong = (merged["label_gold"] == BODY) != (merged["label_pred"] == BODY)
    return merged.loc[
        wrong, ["article_id", "line_no", "label_gold", "label_pred", "reason", "text"]
    ].reset_index(drop=True)


def _scores(article_id: str, merged: pd.DataFrame) -> dict:
    gold_body = merged["label_gold"] == BODY
    pred_body = merged["label_pred"] == BODY
    tp = int((gold_body & pred_body).sum())
    n_gold, n_pred = int(gold_body.sum()), int(pred_body.sum())
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "article_id": article_id,
        "n_lines": len(merged),
        "n_gold_body": n_gold,
        "n_pred_body": n_pred,
        "tp": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }
