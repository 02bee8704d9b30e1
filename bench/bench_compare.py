"""Speed of the outlet comparison (framing.compare) on a synthetic 1,000-article corpus.

What it measures, in one process:

* the corpus: the seed sentences (``score_corpus("seeds")``) are the pool; each of 1,000
  synthetic articles, spread over 25 outlets, takes 22 sentences drawn from the pool with
  ``numpy.random.default_rng(0)``, and every word of a drawn sentence is replaced, with
  probability 0.25, by a word drawn from the pool's vocabulary (so copies of one seed sentence
  are near-duplicates of varying closeness, as rewritten wire copy is). Additionally, every
  tenth article copies three sentences verbatim from the article before it ("planted"
  syndication), and the recall of those planted pairs is reported;
* timed (``time.perf_counter``, best of 3): ``distinctive_terms`` (unigrams and bigrams),
  ``similarity_matrix`` at outlet and at article level, ``shared_passages`` (defaults), and,
  as the yardstick the project uses, bare VADER ``polarity_scores`` on the same sentences;
  reported as seconds and as a ratio to VADER.

Run from the repository root::

    .venv/bin/python bench/bench_compare.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.compare import distinctive_terms, shared_passages, similarity_matrix
from framing.pipeline import score_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
N_ARTICLES = 1_000
N_OUTLETS = 25
SENTENCES_PER_ARTICLE = 22
REPLACE_RATE = 0.25
PLANT_EVERY = 10
PLANTED_PER_ARTICLE = 3
REPEATS = 3
SEED = 0


def synthetic_corpus(pool: list[str], seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame, set]:
    """``(articles, sentences, planted)``; ``planted`` holds ``(article_a, sent_a, article_b,
    sent_b)`` of the verbatim copies."""
    rng = np.random.default_rng(seed)
    vocabulary = sorted({w for text in pool for w in text.split()})
    articles, sentences, planted = [], [], set()
    previous: list[str] = []
    for k in range(N_ARTICLES):
        article_id = f"syn_{k:04d}"
        texts = []
        for i in rng.integers(0, len(pool), SENTENCES_PER_ARTICLE):
            words = pool[i].split()
            replace = rng.random(len(words)) < REPLACE_RATE
            picks = rng.integers(0, len(vocabulary), len(words))
            texts.append(
                " ".join(
                    vocabulary[p] if r else w for w, r, p in zip(words, replace, picks, strict=True)
                )
            )
        if k % PLANT_EVERY == PLANT_EVERY - 1:
            for j in range(PLANTED_PER_ARTICLE):
                texts[j] = previous[j]
                planted.add((f"syn_{k - 1:04d}", j, article_id, j))
        previous = texts
        start = 0
        for sent_id, text in enumerate(texts):
            sentences.append((article_id, sent_id, start, start + len(text), text))
            start += len(text) + 1
        articles.append((article_id, f"outlet_{k % N_OUTLETS:02d}"))
    return (
        pd.DataFrame(articles, columns=["article_id", "outlet"]),
        pd.DataFrame(sentences, columns=["article_id", "sent_id", "start", "end", "text"]),
        planted,
    )


def best_of(fn: Callable[[], object], repeats: int = REPEATS) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    pool = score_corpus(SEEDS).sentences["text"].astype(str).tolist()
    articles, sentences, planted = synthetic_corpus(pool)
    print(
        f"synthetic corpus: {len(articles):,} articles, {articles['outlet'].nunique()} outlets, "
        f"{len(sentences):,} sentences, {sentences['text'].str.split().str.len().sum():,} words"
    )
    analyzer = SentimentIntensityAnalyzer()
    texts = sentences["text"].tolist()
    vader_s, _ = best_of(lambda: [analyzer.polarity_scores(t) for t in texts])
    runs = {
        "distinctive_terms (1-2 grams)": lambda: distinctive_terms(sentences, articles),
        "similarity_matrix (outlet)": lambda: similarity_matrix(sentences, articles),
        "similarity_matrix (article)": lambda: similarity_matrix(
            sentences, articles, level="article"
        ),
        "shared_passages": lambda: shared_passages(sentences, articles),
    }
    print(f"{'step':<32}{'seconds':>9}{'x VADER':>9}")
    print(f"{'VADER polarity_scores (bare)':<32}{vader_s:>9.2f}{1.0:>9.2f}")
    results = {}
    for name, fn in runs.items():
        seconds, results[name] = best_of(fn)
        print(f"{name:<32}{seconds:>9.2f}{seconds / vader_s:>9.2f}")
    passages = results["shared_passages"]
    found = set(
        zip(
            passages["article_a"],
            passages["sent_id_a"],
            passages["article_b"],
            passages["sent_id_b"],
            strict=True,
        )
    )
    print(
        f"shared_passages: {len(passages):,} sentence pairs reported; planted verbatim pairs "
        f"found {len(planted & found)}/{len(planted)}"
    )


if __name__ == "__main__":
    main()
