"""Sentence boundaries of :func:`framing.segment.sentence_spans` against the hand-made gold.

``tests/gold/sentences.csv`` holds the sentences of every body line of the seed articles
(``seeds/<article_id>.txt``, lines split on ``"\\n"`` and numbered from 1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.segment import sentence_spans
from framing.validate import sentence_boundary_scores

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "sentences.csv"
SEEDS = HERE.parent / "seeds"
MIN_F1 = 0.98


def seed_lines(folder: Path = SEEDS) -> dict[tuple[str, int], str]:
    """``{(article_id, line_no): text}`` for every line of every seed (1-based, as ``cat -n``)."""
    lines = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for line_no, line in enumerate(text.split("\n"), start=1):
            lines[(path.stem, line_no)] = line
    return lines


def test_splitter_matches_gold_boundaries():
    if not GOLD.exists():
        pytest.skip(f"gold sentence splits not written yet: {GOLD} is missing")
    gold = pd.read_csv(GOLD, dtype={"article_id": str}, keep_default_na=False)
    scores = sentence_boundary_scores(gold, sentence_spans, seed_lines())
    overall = scores.set_index("article_id").loc["all"]
    assert overall["f1"] >= MIN_F1, scores.to_string()


def test_scorer_counts_on_a_made_up_example():
    lines = {
        ("a", 1): "One. Two. Three.",
        ("a", 2): "Solo line.",
        ("b", 1): "Alpha beta. Gamma.",
        ("c", 1): "Just one.",
    }
    gold = pd.DataFrame(
        [
            ("a", 1, 1, "One."),
            ("a", 1, 2, "Two."),
            ("a", 1, 3, "Three."),
            ("a", 2, 4, "Solo line."),
            ("b", 1, 1, "Alpha beta."),
            ("b", 1, 2, "Gamma."),
            ("c", 1, 1, "Just one."),
        ],
        columns=["article_id", "line_no", "sent_no", "text"],
    )
    predictions = {
        "One. Two. Three.": [(0, 4), (5, 16)],  # finds 1 of 2 gold boundaries
        "Solo line.": [(0, 4), (5, 10)],  # a false boundary
        "Alpha beta. Gamma.": [(0, 11), (12, 18)],  # right
        "Just one.": [(0, 9)],  # no boundaries in gold or prediction
    }
    scores = sentence_boundary_scores(gold, predictions.__getitem__, lines)
    scores = scores.set_index("article_id")
    assert list(scores.index) == ["a", "b", "c", "all"]
    assert scores.loc["a", ["n_gold", "n_pred", "tp"]].tolist() == [2, 2, 1]
    assert scores.loc["a", "precision"] == pytest.approx(0.5)
    assert scores.loc["a", "recall"] == pytest.approx(0.5)
    assert scores.loc["b", "f1"] == pytest.approx(1.0)
    assert scores.loc["c", ["n_gold", "n_pred", "tp"]].tolist() == [0, 0, 0]
    assert scores.loc["c", "f1"] == pytest.approx(1.0)
    assert scores.loc["all", ["n_gold", "n_pred", "tp"]].tolist() == [3, 3, 2]
    assert scores.loc["all", "f1"] == pytest.approx(2 / 3)


def test_scorer_rejects_gold_text_missing_from_its_line():
    gold = pd.DataFrame(
        [("a", 1, 1, "Not there.")], columns=["article_id", "line_no", "sent_no", "text"]
    )
    with pytest.raises(ValueError, match="not found"):
        sentence_boundary_scores(gold, sentence_spans, {("a", 1): "Something else."})
