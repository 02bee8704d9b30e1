"""Speed of quote extraction against bare VADER on the same sentences, and its gold scores.

What it measures, in one process, each on distinct text (every call starts with empty
caches, as a pipeline run does):

* the seeds: the ``sentences`` table of ``framing.pipeline.score_corpus("seeds")`` (115
  quote-dense sentences; 84 statements), ``extract_quotes`` called ``SEED_CALLS`` times in a
  row against VADER over the same sentences as many times;
* the 1,067 distinct news sentences of ``../shared/benchmarks/newsmtsc_rw`` (US hard news;
  one article per source article id): about one statement every two sentences;
* the 5,190 NYT editorial sentences of ``../shared/benchmarks/vader_nyt_editorials`` (one
  article per editorial): opinion prose that quotes far less;
* (a) ``framing.quotes.extract_quotes`` then ``share_names`` on the table (the whole call,
  table included; the registry and lexicon are compiled once per process, as in a pipeline
  run), (b) VADER
  ``SentimentIntensityAnalyzer().polarity_scores`` on the same sentence texts; each timed
  with ``time.perf_counter``, best of ``REPEATS``, reported as sentences per second and the
  ratio extraction time / VADER time (target: at most 0.25);
* statement precision / recall / F1 and speaker accuracy against the hand gold of the seeds
  (``tests/gold/quotes.csv``), of the made-up corpus (``tests/gold/mini_quotes.csv``) and
  of the nine held-out made-up corpora (``tests/gold/heldout*_quotes.csv``), via
  ``framing.validate.quotes.quote_scores``.

An earlier version timed the seeds copied 44 times into one call. That flattered extraction
(0.68 against 1.4 on the seeds once): its caches of subject phrases and names are shared by
the articles of a call, and 44 identical copies hit them every time. The benchmark folders
are skipped with a message when ``../shared`` is absent.

Run from the repository root::

    .venv/bin/python bench/bench_quotes.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from timing import best_time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.pipeline import score_corpus
from framing.quotes import (
    _CAPITAL_RUN,
    _Context,
    _default_countries,
    _default_lexicon,
    _default_registry,
    _find_hits,
    extract_quotes,
    quote_spans,
    share_names,
)
from framing.validate.quotes import quote_scores

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BENCHMARKS = ROOT / ".." / "shared" / "benchmarks"
NYT = BENCHMARKS / "vader_nyt_editorials" / "nytEditorialSnippets_GroundTruth.txt"
NEWSMTSC = BENCHMARKS / "newsmtsc_rw" / "devtest_rw.jsonl"
GOLD_CORPORA = {
    "seeds": (SEEDS, ROOT / "tests" / "gold" / "quotes.csv"),
    "mini corpus": (
        ROOT / "tests" / "fixtures" / "mini_corpus",
        ROOT / "tests" / "gold" / "mini_quotes.csv",
    ),
    **{
        f"held-out corpus {n}": (
            ROOT / "tests" / "fixtures" / f"heldout{suffix}_corpus",
            ROOT / "tests" / "gold" / f"heldout{suffix}_quotes.csv",
        )
        for n, suffix in [(1, ""), *((k, str(k)) for k in range(2, 10))]
    },
}
SENTENCE_COLUMNS = ["article_id", "sent_id", "para_id", "start", "end", "text"]
SEED_CALLS = 20  # one seed call takes about 15 ms: time 20 in a row
REPEATS = 5
MAX_RATIO = 0.25


def nyt_sentences(path: Path = NYT) -> pd.DataFrame | None:
    """The NYT editorial snippets as a sentences table, or None when the file is absent."""
    if not path.exists():
        return None
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item, _, text = line.rstrip("\n").split("\t", 2)
            doc, number = item.split("_")
            rows.append((doc, int(number), int(number), 0, len(text), text))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def newsmtsc_sentences(path: Path = NEWSMTSC) -> pd.DataFrame | None:
    """The NewsMTSC sentences (each once) as a sentences table, one article per source
    article (``allsides_703_283`` of ``allsides_703_283_55_...``), or None when absent."""
    if not path.exists():
        return None
    rows, seen = [], set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            text = item["sentence_normalized"]
            if text in seen:
                continue
            seen.add(text)
            parts = item["primary_gid"].split("_")
            article, number = "_".join(parts[:3]), int(parts[3])
            rows.append((article, number, number, 0, len(text), text))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def compare(
    name: str,
    sentences: pd.DataFrame,
    analyzer: SentimentIntensityAnalyzer,
    articles: pd.DataFrame | None = None,
    calls: int = 1,
) -> float:
    """Time extraction and VADER on the same sentences, print both, return the ratio."""
    texts = sentences["text"].tolist()

    def attribute():
        # What the pipeline runs: extraction per article, then names linked across articles.
        return share_names(extract_quotes(sentences, articles=articles), sentences, articles)

    n_quotes = len(attribute())
    ours = best_time(lambda: [attribute() for _ in range(calls)], REPEATS)
    vader = best_time(
        lambda: [[analyzer.polarity_scores(t) for t in texts] for _ in range(calls)], REPEATS
    )
    n = len(texts) * calls
    table = pd.DataFrame(
        [
            ("framing.quotes.extract_quotes", n, ours, n / ours),
            ("VADER polarity_scores", n, vader, n / vader),
        ],
        columns=["method", "sentences", "seconds", "sentences_per_s"],
    )
    repeat = f" ({calls} calls of {len(texts)})" if calls > 1 else ""
    print(f"\n== {name}: {len(texts):,} sentences{repeat}, {n_quotes:,} statements a call;"
          f" best of {REPEATS}")  # fmt: skip
    print(table.to_string(index=False, float_format=lambda x: f"{x:,.3f}"))
    ratio = ours / vader
    verdict = "meets" if ratio <= MAX_RATIO else "misses"
    print(f"extraction time / VADER time: {ratio:.3f} ({verdict} the target <= {MAX_RATIO})")
    report_stages(sentences, vader, calls)
    return ratio


def report_stages(sentences: pd.DataFrame, vader: float, calls: int) -> None:
    """Time the stages every call must run, each as a share of VADER time.

    ``candidates``: quotation marks and cue words in every sentence, the least any
    extractor of this spec does before deciding anything. ``capitalised runs``: the one
    regular expression that finds name candidates (speakers outside the registry are kept
    and pronouns go to the person named before, so every article is read for names).
    ``people named``: those runs parsed into people with their roles, as extraction does.
    The gap between their sum and the whole call is the reading of each cue's
    neighbourhood. Uses the module's private stages on purpose: this is a measurement.
    """
    texts = sentences["text"].tolist()
    articles = [group["text"].tolist() for _, group in sentences.groupby("article_id", sort=False)]
    registry, lexicon, countries = _default_registry(), _default_lexicon(), _default_countries()

    def context(article: list[str]) -> _Context:
        return _Context(registry, lexicon, article, cache={}, countries=countries, name_words={})

    def candidates() -> None:
        for article in articles:
            ctx = context(article)
            for text in article:
                _find_hits(text, quote_spans(text)[0], ctx)

    def people() -> None:
        for article in articles:
            ctx = context(article)
            ctx.current = len(article) - 1
            ctx.people()

    stages = {
        "candidates (quote marks, cue words)": candidates,
        "capitalised runs (one regex)": lambda: [_CAPITAL_RUN.findall(t) for t in texts],
        "people named (runs parsed into people)": people,
    }
    for stage, function in stages.items():
        seconds = best_time(lambda run=function: [run() for _ in range(calls)], REPEATS)
        print(f"  stage {stage}: {seconds / vader:.3f} of VADER time")


def main() -> None:
    tables = score_corpus(SEEDS)
    analyzer = SentimentIntensityAnalyzer()
    extract_quotes(tables.sentences)  # compile the registry and lexicon once
    outlets = tables.articles[["article_id", "country"]]  # as the pipeline passes them
    compare("seed articles", tables.sentences, analyzer, outlets, calls=SEED_CALLS)
    for name, sentences, source in (
        ("NewsMTSC news sentences", newsmtsc_sentences(), NEWSMTSC),
        ("NYT editorial sentences", nyt_sentences(), NYT),
    ):
        if sentences is None:
            print(f"\n{source} not found: {name} timing skipped")
        else:
            compare(name, sentences, analyzer)
    for name, (corpus, gold_path) in GOLD_CORPORA.items():
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
