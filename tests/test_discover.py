"""Tests of :mod:`framing.discover`: the NMF cross-check follows scikit-learn's conventions."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from framing.discover import (
    MATCH_COLUMNS,
    SENTENCE_COMPONENT_COLUMNS,
    TOP_TERM_COLUMNS,
    NMFTopics,
    codebook_vocabulary,
    match_components,
    top_terms_table,
)
from framing.topics import code_sentences, parse_codebook

# Two themes that share no words, and one sentence with no known term.
TEXTS = [
    "tariffs on cars hurt the trade balance",
    "the trade balance and tariffs on steel",
    "steel tariffs and car tariffs in the trade deal",
    "a trade deal cuts tariffs on cars",
    "the navy base hosts an aircraft carrier",
    "sailors on the aircraft carrier at the navy base",
    "the carrier left the navy base with sailors",
    "navy sailors board the aircraft carrier",
    "it is of the and",
]
SENTENCES = pd.DataFrame(
    {
        "article_id": ["a"] * 4 + ["b"] * 5,
        "sent_id": [0, 1, 2, 3, 0, 1, 2, 3, 4],
        "para_id": [0, 1, 2, 3, 0, 1, 2, 3, 4],
        "text": TEXTS,
    }
)
CODEBOOK = parse_codebook(
    {
        "topics": [
            {"id": "trade", "label": "Trade", "description": "t", "include": ["tariff*"]},
            {"id": "navy", "label": "Navy", "description": "n", "include": ["aircraft carrier"]},
        ]
    }
)


def fitted(**params) -> NMFTopics:
    return NMFTopics(n_components=2, min_df=1, max_df=1.0, ngram_range=(1, 1), **params).fit(
        SENTENCES
    )


def test_init_only_stores_parameters_and_clones():
    model = NMFTopics(n_components=3, random_state=7)
    assert model.get_params()["n_components"] == 3
    assert not hasattr(model, "components_")
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert twin.set_params(n_top_terms=4).n_top_terms == 4


def test_transform_before_fit_raises():
    with pytest.raises(NotFittedError):
        NMFTopics().transform(["a text"])


def test_fit_returns_self_and_learns_attributes():
    model = NMFTopics(n_components=2, min_df=1, max_df=1.0, ngram_range=(1, 1))
    assert model.fit(SENTENCES) is model
    assert model.components_.shape == (2, len(model.feature_names_))
    assert list(model.top_terms_.columns) == TOP_TERM_COLUMNS
    assert model.transform(TEXTS).shape == (len(TEXTS), 2)


def test_components_separate_the_two_themes_deterministically():
    first, second = fitted(), fitted()
    pd.testing.assert_frame_equal(first.top_terms_, second.top_terms_)
    terms = top_terms_table(first).set_index("component")["terms"]
    themes = sorted("tariffs" in t for t in terms)
    assert themes == [False, True]
    components = first.sentence_components(SENTENCES)
    assert list(components.columns) == SENTENCE_COMPONENT_COLUMNS
    assert components["component"].iloc[:4].nunique() == 1
    assert components["component"].iloc[4:8].nunique() == 1
    assert components["component"].iloc[0] != components["component"].iloc[4]
    assert pd.isna(components["component"].iloc[8])  # no known term


def test_fit_accepts_a_list_but_not_a_single_string():
    assert NMFTopics(n_components=2, min_df=1, max_df=1.0).fit(TEXTS).components_.shape[0] == 2
    with pytest.raises(TypeError, match="not one string"):
        NMFTopics().fit("one text")


def test_match_components_maps_each_component_to_its_codebook_topic():
    model = fitted()
    scores = code_sentences(SENTENCES, CODEBOOK)
    table = match_components(model, SENTENCES, scores, CODEBOOK)
    assert list(table.columns) == MATCH_COLUMNS
    by_topic = table.set_index("topic")
    assert set(by_topic.index) == {"trade", "navy"}
    assert by_topic.loc["trade", ["n_sentences", "overlap", "jaccard"]].tolist() == [4, 1.0, 1.0]
    # "the carrier left the navy base" names no codebook phrase: left unassigned
    assert by_topic.loc["navy", ["n_sentences", "overlap"]].tolist() == [4, 0.75]
    assert by_topic.loc["navy", "unassigned_share"] == 0.25
    # "sailors" and "navy" are in no codebook phrase: what the codebook misses
    assert "sailors" in by_topic.loc["navy", "uncovered_terms"]
    assert "tariffs" not in by_topic.loc["trade", "uncovered_terms"]


def test_codebook_vocabulary_words_and_stems():
    words, stems = codebook_vocabulary(CODEBOOK)
    assert {"aircraft", "carrier"} <= words
    assert stems == ("tariff",)
