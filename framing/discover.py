"""Unsupervised cross-check of the codebook: NMF topics on TF-IDF of body sentences.

:class:`NMFTopics` follows the scikit-learn estimator conventions (``__init__`` stores the
hyperparameters, :meth:`NMFTopics.fit` learns attributes ending in ``_`` and returns ``self``,
``random_state`` fixes every random choice); it is a plain ``TfidfVectorizer`` followed by
``sklearn.decomposition.NMF`` (Lee & Seung 1999; NNDSVDa initialisation, Boutsidis &
Gallopoulos 2008), so the output is the same on every run.

In: the ``sentences`` table (``article_id, sent_id, text``) or any iterable of strings.

Out:

``top_terms_`` (after fit), columns :data:`TOP_TERM_COLUMNS`
    the ``n_top_terms`` heaviest terms of each component.
:meth:`NMFTopics.sentence_components`, columns :data:`SENTENCE_COMPONENT_COLUMNS`
    each sentence's dominant component (``<NA>`` when the sentence has no known term).
:func:`match_components`, columns :data:`MATCH_COLUMNS`
    each component against the codebook: the codebook topic most of its sentences have as
    primary topic, the overlap (share of the component's sentences, and Jaccard index of the
    two sentence sets), the share of its sentences the codebook leaves unassigned, and its top
    terms no codebook phrase matches — what the codebook misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .topics import (
    UNASSIGNED,
    Codebook,
    expand_phrase,
    load_codebook,
    match_sentence,
    primary_topics,
)

TOP_TERM_COLUMNS = ["component", "rank", "term", "weight"]
SENTENCE_COMPONENT_COLUMNS = ["article_id", "sent_id", "component", "weight"]
_WORD = re.compile(r"[^\W\d_]+")
MATCH_COLUMNS = [
    "component", "top_terms", "n_sentences", "topic", "overlap", "jaccard", "unassigned_share",
    "uncovered_terms",
]  # fmt: skip


class NMFTopics(TransformerMixin, BaseEstimator):
    """Non-negative matrix factorisation topics of sentences.

    Parameters
    ----------
    n_components
        Number of topics (components).
    n_top_terms
        Terms listed per component in ``top_terms_``.
    min_df, max_df
        Document-frequency limits of the TF-IDF vocabulary (counts or proportions).
    ngram_range
        Word n-grams used as terms.
    stop_words
        Passed to ``TfidfVectorizer`` (``"english"`` or a list).
    max_iter
        NMF iterations.
    random_state
        Seed of the NMF initialisation.

    Attributes
    ----------
    vectorizer_, model_
        The fitted ``TfidfVectorizer`` and ``NMF``.
    components_
        Array ``(n_components, n_terms)``: term weights per component.
    feature_names_
        The vocabulary, in column order of ``components_``.
    top_terms_
        DataFrame with :data:`TOP_TERM_COLUMNS`.
    """

    def __init__(
        self,
        n_components: int = 8,
        n_top_terms: int = 10,
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        ngram_range: tuple[int, int] = (1, 2),
        stop_words: str | list[str] | None = "english",
        max_iter: int = 500,
        random_state: int = 0,
    ):
        self.n_components = n_components
        self.n_top_terms = n_top_terms
        self.min_df = min_df
        self.max_df = max_df
        self.ngram_range = ngram_range
        self.stop_words = stop_words
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X, y=None):
        """Learn the vocabulary and the components from sentences.

        ``X``: a DataFrame with a ``text`` column, or an iterable of strings. Returns ``self``.
        """
        texts = _texts(X)
        self.vectorizer_ = TfidfVectorizer(
            min_df=self.min_df,
            max_df=self.max_df,
            ngram_range=self.ngram_range,
            stop_words=self.stop_words,
            token_pattern=r"(?u)\b[^\W\d_][\w’'-]*[^\W_]\b",  # words of 2+ chars, no numbers
        )
        tfidf = self.vectorizer_.fit_transform(texts)
        n_components = min(self.n_components, *tfidf.shape)
        self.model_ = NMF(
            n_components=n_components,
            init="nndsvda",
            max_iter=self.max_iter,
            random_state=self.random_state,
        )
        self.model_.fit(tfidf)
        self.components_ = self.model_.components_
        self.feature_names_ = self.vectorizer_.get_feature_names_out()
        self.top_terms_ = self._top_terms()
        return self

    def transform(self, X) -> np.ndarray:
        """Component weights of each sentence, array ``(n_sentences, n_components)``."""
        check_is_fitted(self, "model_")
        return self.model_.transform(self.vectorizer_.transform(_texts(X)))

    def _top_terms(self) -> pd.DataFrame:
        rows = []
        for component, weights in enumerate(self.components_):
            order = np.argsort(-weights, kind="stable")[: self.n_top_terms]
            for rank, index in enumerate(order, start=1):
                if weights[index] > 0:
                    rows.append((component, rank, self.feature_names_[index], weights[index]))
        return pd.DataFrame(rows, columns=TOP_TERM_COLUMNS)

    def sentence_components(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """Each sentence's dominant component and its weight (:data:`SENTENCE_COMPONENT_COLUMNS`).

        A sentence with no term of the vocabulary gets component ``<NA>`` and weight 0.
        """
        ordered = sentences.sort_values(["article_id", "sent_id"], kind="stable")
        weights = self.transform(ordered)
        best = weights.argmax(axis=1)
        top = weights[np.arange(len(best)), best] if len(best) else np.array([])
        component = pd.array(np.where(top > 0, best, -1), dtype="Int64")
        component[component == -1] = pd.NA
        return pd.DataFrame(
            {
                "article_id": ordered["article_id"].to_numpy(),
                "sent_id": ordered["sent_id"].to_numpy(),
                "component": component,
                "weight": top,
            },
            columns=SENTENCE_COMPONENT_COLUMNS,
        )


def _texts(X) -> list[str]:
    if isinstance(X, pd.DataFrame):
        return X["text"].astype(str).tolist()
    if isinstance(X, str):
        raise TypeError("expected several texts (a DataFrame or a list), not one string")
    return [str(x) for x in X]


def match_components(
    discovery: NMFTopics,
    sentences: pd.DataFrame,
    topic_scores: pd.DataFrame,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Map each NMF component to the codebook topic its sentences share most.

    Parameters
    ----------
    discovery
        A fitted :class:`NMFTopics`.
    sentences, topic_scores
        The sentences and their coding (:func:`framing.topics.code_sentences`).
    codebook
        Used for the primary topic's tie-break and to test which top terms the codebook's
        phrases match (default: the packaged event codebook).

    Returns
    -------
    DataFrame
        Columns :data:`MATCH_COLUMNS`, one row per component, sorted by ``component``:
        ``topic`` is the most frequent primary topic among the component's sentences (ties:
        codebook order), ``overlap`` the share of them with that topic, ``jaccard`` the size
        of the intersection over the union of the component's and the topic's sentence sets,
        ``unassigned_share`` the share the codebook leaves unassigned, ``uncovered_terms`` the
        top terms (``"; "``-joined) that no phrase of any codebook topic matches.
    """
    if codebook is None:
        codebook = load_codebook()
    keys = ["article_id", "sent_id"]
    assigned = discovery.sentence_components(sentences).merge(
        primary_topics(topic_scores, codebook)[[*keys, "topic"]], on=keys, how="left"
    )
    order = {t: i for i, t in enumerate([*codebook.ids, UNASSIGNED])}
    words, stems = codebook_vocabulary(codebook)
    topic_sizes = assigned["topic"].value_counts()
    rows = []
    for component in range(discovery.components_.shape[0]):
        terms = discovery.top_terms_.loc[discovery.top_terms_["component"] == component, "term"]
        members = assigned[assigned["component"] == component]
        uncovered = [t for t in terms if not _covered(t, codebook, words, stems)]
        if members.empty:
            rows.append((component, "; ".join(terms), 0, "", 0.0, 0.0, 0.0, "; ".join(uncovered)))
            continue
        counts = members["topic"].value_counts()
        best = min(counts.index, key=lambda t: (-counts[t], order.get(t, len(order))))
        inter = int(counts[best])
        union = len(members) + int(topic_sizes[best]) - inter
        rows.append(
            (
                component,
                "; ".join(terms),
                len(members),
                best,
                inter / len(members),
                inter / union,
                float((members["topic"] == UNASSIGNED).mean()),
                "; ".join(uncovered),
            )
        )
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def codebook_vocabulary(codebook: Codebook) -> tuple[frozenset[str], tuple[str, ...]]:
    """The lower-case words of the codebook's plain include phrases, and its wildcard stems."""
    words, stems = set(), set()
    for topic in codebook.topics:
        for phrase in topic.include:
            for variant in expand_phrase(phrase):
                if variant.startswith("re:"):
                    continue
                for word in _WORD.findall(variant.lower().replace("*", " * ")):
                    words.add(word)
                stems.update(
                    w.rstrip("*").lower() for w in variant.split() if w.endswith("*") and w != "*"
                )
    return frozenset(words), tuple(sorted(s for s in stems if s))


def _covered(term: str, codebook: Codebook, words, stems) -> bool:
    """A term is covered when a codebook phrase matches it or all its words are codebook words."""
    if match_sentence(term, codebook):
        return True
    return all(w in words or w.startswith(stems) for w in _WORD.findall(term.lower()))


def top_terms_table(discovery: NMFTopics, components: Iterable[int] | None = None) -> pd.DataFrame:
    """Top terms per component as one row each (``component``, ``terms`` ``"; "``-joined)."""
    table = discovery.top_terms_
    if components is not None:
        table = table[table["component"].isin(list(components))]
    joined = table.groupby("component", sort=True)["term"].agg("; ".join)
    return joined.rename("terms").reset_index()
