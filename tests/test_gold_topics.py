"""The event codebook against the hand-coded topic of every seed body sentence.

``tests/gold/topics.csv`` (see ``README_topics.md``) holds one primary topic per sentence,
coded by reading. Target: Krippendorff's alpha (nominal) of library vs gold >= 0.80, the usual
threshold for reliable content-analysis coding (Krippendorff 2004).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.topics import UNASSIGNED, code_sentences, load_codebook
from framing.validate.topics import (
    AGREEMENT_COLUMNS,
    align_gold,
    class_scores,
    nominal_alpha,
    topic_agreement,
    topic_comparison,
    topic_errors,
)

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "topics.csv"
SEEDS = HERE.parent / "seeds"
MIN_ALPHA = 0.80


def read_gold() -> pd.DataFrame:
    if not GOLD.exists():
        pytest.skip(f"gold topics not written yet: {GOLD} is missing")
    return pd.read_csv(GOLD, dtype={"article_id": str}, keep_default_na=False)


def test_gold_is_well_formed():
    gold = read_gold()
    ids = set(load_codebook().ids)
    assert set(gold["topic"]) <= ids
    assert set(gold["secondary"]) - {""} <= ids - {"other"}
    assert not (gold["topic"] == gold["secondary"]).any()
    for article_id, line_no, text in gold[["article_id", "line_no", "text"]].itertuples(
        index=False
    ):
        lines = (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8").split("\n")
        assert text in lines[int(line_no) - 1], (article_id, line_no, text[:60])


def test_event_codebook_agrees_with_gold(seed_tables):
    gold = read_gold()
    codebook = load_codebook()
    scores = code_sentences(seed_tables.sentences, codebook)
    comparison = topic_comparison(gold, scores, seed_tables.sentences, codebook)
    assert len(comparison) == len(gold)
    agreement = topic_agreement(comparison)
    assert list(agreement.columns) == AGREEMENT_COLUMNS
    alpha = agreement["alpha"].item()
    assert alpha >= MIN_ALPHA, (
        f"alpha {alpha:.3f} < {MIN_ALPHA}\n{topic_errors(comparison).to_string()}"
    )


# --- the scorers on made-up examples ---------------------------------------------------------


def test_nominal_alpha_worked_example():
    # Two coders, four units; coincidences o_aa=4, o_bb=2, o_ab=o_ba=1, n_a=5, n_b=3, n=8:
    # alpha = 1 - (n - 1) * (o_ab + o_ba) / (2 * n_a * n_b) = 1 - 7 * 2 / 30 = 8/15.
    assert nominal_alpha(["a", "a", "b", "b"], ["a", "a", "b", "a"]) == pytest.approx(8 / 15)
    assert nominal_alpha(["a", "b", "c"], ["a", "b", "c"]) == pytest.approx(1.0)
    assert pd.isna(nominal_alpha(["a", "a"], ["a", "a"]))
    with pytest.raises(ValueError, match="same units"):
        nominal_alpha(["a"], ["a", "b"])


GOLD_EXAMPLE = pd.DataFrame(
    [
        ("x", 1, 1, "trade", "", "Tariffs rose."),
        ("x", 1, 2, "navy", "trade", "The carrier sailed."),
        ("x", 2, 3, "other", "", "Rain fell."),
    ],
    columns=["article_id", "line_no", "sent_no", "topic", "secondary", "text"],
)
# The splitter merged line 1 into one sentence; line 2 is its own.
PREDICTED_SENTENCES = pd.DataFrame(
    [("x", 0, 1, "Tariffs rose. The carrier sailed."), ("x", 1, 2, "Rain fell.")],
    columns=["article_id", "sent_id", "line_no", "text"],
)
PREDICTED_SCORES = pd.DataFrame(
    [
        ("x", 0, "trade", 0.6, "tariffs"),
        ("x", 0, "navy", 0.4, "carrier"),
        ("x", 1, UNASSIGNED, 1.0, ""),
    ],
    columns=["article_id", "sent_id", "topic", "weight", "matched"],
)


def test_align_gold_matches_by_line_and_shared_words():
    aligned = align_gold(GOLD_EXAMPLE, PREDICTED_SENTENCES)
    assert aligned["sent_id"].tolist() == [0, 0, 1]
    assert aligned["overlap"].tolist() == [2, 3, 2]


def test_comparison_scores_and_errors():
    codebook = load_codebook()  # residual "other"
    comparison = topic_comparison(GOLD_EXAMPLE, PREDICTED_SCORES, PREDICTED_SENTENCES, codebook)
    assert comparison["predicted"].tolist() == ["trade", "trade", "other"]
    assert comparison["unassigned"].tolist() == [False, False, True]
    agreement = topic_agreement(comparison).iloc[0]
    assert agreement["accuracy"] == pytest.approx(2 / 3)
    assert agreement["accuracy_any"] == pytest.approx(1.0)  # navy's secondary is trade
    assert agreement["n_unassigned"] == 1
    errors = topic_errors(comparison)
    assert errors[["gold", "predicted"]].values.tolist() == [["navy", "trade"]]
    scores = class_scores(comparison).set_index("topic")
    assert scores.loc["trade", ["n_gold", "n_pred", "tp"]].tolist() == [1, 2, 1]
    assert scores.loc["trade", "precision"] == pytest.approx(0.5)
    assert scores.loc["navy", "recall"] == 0.0
