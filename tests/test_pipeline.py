"""framing.pipeline: per-article stages give the same rows on any subset of articles."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.corpus import load_corpus
from framing.pipeline import concat_tables, load_knowledge, score_articles, score_corpus

from .conftest import REPO, SEEDS

PER_ARTICLE = (
    "articles", "removed", "sentences", "quotes", "topic_scores", "sentiment", "target_sentiment",
)  # fmt: skip


@pytest.mark.parametrize("folder", [SEEDS, REPO / "tests" / "fixtures" / "mini_corpus"])
def test_one_article_at_a_time_gives_the_same_rows(folder):
    articles = load_corpus(folder)
    knowledge = load_knowledge()
    whole = score_articles(articles, knowledge)
    parts = concat_tables(
        [score_articles(articles.iloc[[i]], knowledge) for i in range(len(articles))]
    )
    for name in PER_ARTICLE:
        keys = [c for c in ("article_id", "line_no", "sent_id", "quote_id", "topic", "target")
                if c in whole[name].columns]  # fmt: skip
        expected = whole[name].sort_values(keys, kind="stable").reset_index(drop=True)
        got = parts[name].sort_values(keys, kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=name)


def test_chunked_corpus_equals_whole_corpus():
    whole = score_corpus(SEEDS, compare_outlets_too=False)
    chunked = score_corpus(SEEDS, compare_outlets_too=False, chunk_size=2)
    for name in PER_ARTICLE:
        pd.testing.assert_frame_equal(chunked[name], whole[name], check_dtype=False, obj=name)


def test_outlet_tables_and_profile_are_deterministic():
    first, second = score_corpus(SEEDS), score_corpus(SEEDS)
    for name in ("topic_share", "voice_share", "outlet_sentiment", "profile", "contrasts"):
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)
    assert len(first.profile) == first.articles["outlet"].nunique()


def test_names_are_linked_once_over_the_whole_corpus():
    held_out = REPO / "tests" / "fixtures" / "heldout6_corpus"
    whole = score_corpus(held_out, compare_outlets_too=False)
    chunked = score_corpus(held_out, compare_outlets_too=False, chunk_size=3)
    for name in PER_ARTICLE:
        pd.testing.assert_frame_equal(chunked[name], whole[name], check_dtype=False, obj=name)
    articles = load_corpus(held_out)
    unlinked = score_articles(articles, load_knowledge()).quotes
    # the corpus completes names that single articles leave short
    assert (unlinked["speaker"] != whole.quotes["speaker"]).any()
