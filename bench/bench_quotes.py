"""Speed of quote extraction against bare VADER on the same sentences, and its gold scores.

What it measures, in one process, on the seed corpus:

* the ``sentences`` table of ``framing.pipeline.score_corpus("seeds")``, replicated (each copy
  a new article id) until there are about 5,000 sentences;
* (a) ``framing.quotes.extract_quotes`` on that table (the whole call: registry and lexicon
  are compiled once and cached, as in a pipeline run), (b) VADER
  ``SentimentIntensityAnalyzer().polarity_scores`` on the same sentence texts;
* each timed with ``time.perf_counter``, best of 3, and reported as sentences per second and
  the ratio extraction time / VADER time (target: at most 0.25);
* the same on the 5,190 NYT editorial sentences of ``../shared/benchmarks/vader_nyt_editorials``
  (one article per editorial, one paragraph per sentence): opinion prose that quotes far less
  than the seeds, where every sentence is distinct (skipped when the folder is absent);
* statement precision / recall / F1 and speaker accuracy against the hand gold of the seeds
  (``tests/gold/quotes.csv``) and of the made-up corpus (``tests/gold/mini_quotes.csv``,
  ``tests/fixtures/mini_corpus``), via ``framing.validate.quotes.quote_scores``.

Extraction is given the ``articles`` table (outlet and its country), as the pipeline does.

Run from the repository root::

    .venv/bin/python bench/bench_quotes.py
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from timing import best_time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.pipeline import score_corpus
from framing.quotes import extract_quotes
from framing.validate.quotes import quote_scores

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NYT = ROOT / ".." / "shared" / "benchmarks" / "vader_nyt_editorials"
NYT_FILE = "nytEditorialSnippets_GroundTruth.txt"
GOLD = ROOT / "tests" / "gold" / "quotes.csv"
MINI = ROOT / "tests" / "fixtures" / "mini_corpus"
MINI_GOLD = ROOT / "tests" / "gold" / "mini_quotes.csv"
TARGET_SENTENCES = 5_000
REPEATS = 3
MAX_RATIO = 0.25


def replicated(sentences: pd.DataFrame, target: int = TARGET_SENTENCES) -> pd.DataFrame:
    """Copies of ``sentences`` under new article ids, about ``target`` rows in all."""
    copies = max(1, math.ceil(target / len(sentences)))
    parts = [
        sentences.assign(article_id=sentences["article_id"].astype(str) + f"_copy{i:03d}")
        for i in range(copies)
    ]
    return pd.concat(parts, ignore_index=True)


def nyt_sentences(folder: Path = NYT) -> pd.DataFrame | None:
    """The NYT editorial snippets as a sentences table, or None when the folder is absent."""
    path = folder / NYT_FILE
    if not path.exists():
        return None
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item, _, text = line.rstrip("\n").split("\t", 2)
            doc, number = item.split("_")
            rows.append((doc, int(number), int(number), 0, len(text), text))
    columns = ["article_id", "sent_id", "para_id", "start", "end", "text"]
    return pd.DataFrame(rows, columns=columns)


def compare(
    name: str,
    sentences: pd.DataFrame,
    analyzer: SentimentIntensityAnalyzer,
    articles: pd.DataFrame | None = None,
) -> None:
    """Time extraction and VADER on the same sentences and print the ratio."""
    texts = sentences["text"].tolist()
    n_quotes = len(extract_quotes(sentences, articles=articles))
    ours = best_time(lambda: extract_quotes(sentences, articles=articles))
    vader = best_time(lambda: [analyzer.polarity_scores(t) for t in texts])
    table = pd.DataFrame(
        [
            ("framing.quotes.extract_quotes", len(texts), ours, len(texts) / ours),
            ("VADER polarity_scores", len(texts), vader, len(texts) / vader),
        ],
        columns=["method", "sentences", "seconds", "sentences_per_s"],
    )
    print(f"\n== {name}: {len(texts):,} sentences, {n_quotes:,} statements; best of {REPEATS}")
    print(table.to_string(index=False, float_format=lambda x: f"{x:,.3f}"))
    ratio = ours / vader
    verdict = "meets" if ratio <= MAX_RATIO else "misses"
    print(f"extraction time / VADER time: {ratio:.3f} ({verdict} the target <= {MAX_RATIO})")


def main() -> None:
    tables = score_corpus(SEEDS)
    analyzer = SentimentIntensityAnalyzer()
    extract_quotes(tables.sentences)  # compile the registry and lexicon once
    copies = replicated(tables.sentences)
    n_copies = len(copies) // len(tables.sentences)
    outlets = tables.articles[["article_id", "country"]]  # as the pipeline passes them
    articles = replicated(outlets, n_copies * len(outlets))
    compare("seed articles, replicated", copies, analyzer, articles)
    nyt = nyt_sentences()
    if nyt is None:
        print(f"\n{NYT} not found: NYT editorial timing skipped")
    else:
        compare("NYT editorial sentences", nyt, analyzer)

    for name, corpus, gold_path in (("seeds", SEEDS, GOLD), ("mini corpus", MINI, MINI_GOLD)):
        if not gold_path.exists():
            print(f"\n{gold_path} not found: no gold scores reported")
            continue
        report_gold(name, corpus, gold_path)


def report_gold(name: str, corpus: Path, gold_path: Path) -> None:
    """Print statement P/R/F1 per kind and speaker accuracy of one corpus against its gold."""
    tables = score_corpus(corpus, compare_outlets_too=False)
    gold = pd.read_csv(gold_path, dtype={"article_id": str}, keep_default_na=False)
    scores = quote_scores(gold, tables.quotes, tables.sentences)  # as the pipeline makes them
    overall = scores.statements[scores.statements["article_id"] == "all"]
    print(f"\n{name}: statements vs gold (overlap >= half of the shorter span)")
    print(overall.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    speakers = scores.speakers[scores.speakers["by"].isin(["all", "kind"])]
    print(f"\n{name}: speaker accuracy on matched statements")
    print(speakers.to_string(index=False, float_format=lambda x: f"{x:.3f}"))


if __name__ == "__main__":
    main()
