"""Sentiment throughput: sentences per second, and the overhead over bare VADER as a ratio.

Run from the repository root:  .venv/bin/python bench/bench_sentiment.py [--copies 40]

The seed corpus's sentences are repeated ``--copies`` times (each copy a new article id, so
nothing is cached across copies). Every timing is the best of 3 (time.perf_counter) in this one
process; ratios are against bare ``SentimentIntensityAnalyzer.polarity_scores`` on the same
sentence texts, so they hold across machines while the absolute rates do not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from timing import best_time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import sentiment
from framing.pipeline import score_corpus

REPO = Path(__file__).resolve().parents[1]
REPEATS = 3


def main(argv: list[str] | None = None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="repeat the seed sentences")
    args = parser.parse_args(argv)

    tables = score_corpus(REPO / "seeds")
    seeds = tables.sentences
    sentences = pd.concat(
        [seeds.assign(article_id=seeds["article_id"] + f"#{k}") for k in range(args.copies)],
        ignore_index=True,
    )
    articles = pd.concat(
        [
            tables.articles.assign(article_id=tables.articles["article_id"] + f"#{k}")
            for k in range(args.copies)
        ],
        ignore_index=True,
    )
    texts = sentences["text"].tolist()
    n = len(texts)

    bare = SentimentIntensityAnalyzer()
    sentiment.analyzer()  # build the shared instance outside the timings, like `bare`
    scored = sentiment.score_sentences(sentences)
    targets = sentiment.target_sentiment(sentences)

    base = best_time(lambda: [bare.polarity_scores(t) for t in texts])
    rows = [("bare VADER (polarity_scores per sentence)", base)]
    rows.append(
        (
            "score_sentences (VADER + voice split)",
            best_time(lambda: sentiment.score_sentences(sentences)),
        )
    )
    rows.append(
        (
            "target_sentiment (mentions + target method)",
            best_time(lambda: sentiment.target_sentiment(sentences)),
        )
    )
    rows.append(("outlet_sentiment by voice (n_boot=1000)", best_time(
        lambda: sentiment.outlet_sentiment(scored, articles))))  # fmt: skip
    out = pd.DataFrame(rows, columns=["step", "seconds"])
    out["sentences_per_s"] = n / out["seconds"]
    out["ratio_vs_bare_vader"] = out["seconds"] / base
    print(f"{n} sentences ({args.copies} copies of the seeds), {len(targets)} sentence x target")
    print(f"rows, best of {REPEATS}")
    with pd.option_context("display.width", 120, "display.precision", 3):
        print(out.to_string(index=False))
    return out


if __name__ == "__main__":
    main()
