"""Cleaning against the hand-labelled lines of the seeds (tests/gold/lines.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.clean import classify_lines
from framing.corpus import load_corpus
from framing.validate import body_line_errors, body_line_scores

from .conftest import GOLD, SEEDS

BODY_RECALL_TARGET = 0.99
BODY_PRECISION_TARGET = 0.97


@pytest.fixture(scope="module")
def gold_and_predicted():
    gold = pd.read_csv(GOLD / "lines.csv", keep_default_na=False)
    return gold, classify_lines(load_corpus(SEEDS))


def test_gold_covers_every_raw_line(gold_and_predicted):
    gold, predicted = gold_and_predicted
    assert len(gold) == len(predicted)
    assert (gold["text"].to_numpy() == predicted["text"].to_numpy()).all()


def test_body_precision_and_recall_meet_targets(gold_and_predicted):
    gold, predicted = gold_and_predicted
    scores = body_line_scores(gold, predicted).set_index("article_id")
    print("\n" + scores.to_string())
    print(body_line_errors(gold, predicted).to_string())
    overall = scores.loc["all"]
    assert overall["recall"] >= BODY_RECALL_TARGET
    assert overall["precision"] >= BODY_PRECISION_TARGET


def test_scorer_counts_on_a_made_up_example():
    gold = pd.DataFrame(
        {
            "article_id": ["a"] * 4,
            "line_no": [1, 2, 3, 4],
            "label": ["body", "body", "furniture", "blank"],
        }
    )
    predicted = gold.assign(label=["body", "furniture", "body", "body"], text="", reason="")
    row = body_line_scores(gold, predicted).set_index("article_id").loc["all"]
    assert (row["n_lines"], row["tp"], row["n_pred_body"], row["n_gold_body"]) == (3, 1, 2, 2)
    assert row["precision"] == row["recall"] == 0.5
    assert len(body_line_errors(gold, predicted)) == 2
