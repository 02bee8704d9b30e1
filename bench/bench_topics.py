"""Speed of topic coding against bare VADER on the same sentences, in one process.

What it measures:

* the sentences: the seed corpus scored by :func:`framing.pipeline.score_corpus`, replicated
  (each copy under new article ids) until there are about 5,000 sentences; and, when
  ``../shared/benchmarks/narrative_frames_climate`` is present, the body sentences of its 427
  articles (a real multi-outlet corpus);
* (a) bare VADER: ``SentimentIntensityAnalyzer().polarity_scores(text)`` on every sentence;
  (b) :func:`framing.topics.code_sentences` on the sentences table, with the event codebook
  and with the Policy Frames codebook. Analyzer and codebooks are built before timing
  (patterns are compiled once, at load);
* each timed with ``time.perf_counter``, best of 3, the runs of (a) and (b) interleaved so
  that a busy machine slows both alike. The first, cold call after loading a codebook (empty
  span cache) is reported too;
* reported: sentences per second and the ratio coding time / VADER time. Target: coding adds
  at most 25% to VADER's time (ratio <= 0.25).

Run from the repository root::

    .venv/bin/python bench/bench_topics.py
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import topics
from framing.pipeline import score_corpus

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CLIMATE = (
    ROOT / ".." / "shared" / "benchmarks" / "narrative_frames_climate" / "articles_metadata.tsv"
)
TARGET_SENTENCES = 5_000
REPEATS = 3
MAX_RATIO = 0.25
DATA = ROOT / "framing" / "data"
CODEBOOK_FILES = {"event": "codebook.yaml", "policy_frames": "policy_frames.yaml"}


def seed_sentences(target: int = TARGET_SENTENCES) -> pd.DataFrame:
    """The seed sentences, copied under new article ids until about ``target`` rows."""
    sentences = score_corpus(SEEDS).sentences
    copies = max(1, round(target / len(sentences)))
    return pd.concat(
        [sentences.assign(article_id=sentences["article_id"] + f"_{i:03d}") for i in range(copies)],
        ignore_index=True,
    )


def climate_sentences() -> pd.DataFrame | None:
    """Body sentences of the climate benchmark's articles (None when it is absent)."""
    if not CLIMATE.exists():
        return None
    csv.field_size_limit(sys.maxsize)
    with CLIMATE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:] if len(row) == len(header)]
    articles = pd.DataFrame(
        {"article_id": [r["ID"].zfill(4) for r in records], "text": [r["text"] for r in records]}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "climate.csv"
        articles.to_csv(path, index=False)
        return score_corpus(path).sentences


def time_once(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def measure(name: str, sentences: pd.DataFrame) -> list[dict]:
    """Interleaved best-of-3 timings of VADER and of coding with both codebooks."""
    analyzer = SentimentIntensityAnalyzer()
    texts = sentences["text"].tolist()
    # Parsed afresh from the files (not the per-process cache), so the first call is cold.
    books = {name: topics.load_codebook(DATA / file) for name, file in CODEBOOK_FILES.items()}
    cold = {
        book: time_once(lambda b=codebook: topics.code_sentences(sentences, b))
        for book, codebook in books.items()
    }
    best = {"vader": float("inf"), **{book: float("inf") for book in books}}
    for _ in range(REPEATS):
        best["vader"] = min(
            best["vader"], time_once(lambda: [analyzer.polarity_scores(t) for t in texts])
        )
        for book, codebook in books.items():
            best[book] = min(
                best[book], time_once(lambda b=codebook: topics.code_sentences(sentences, b))
            )
    rows = [
        {
            "sentences": name,
            "n": len(texts),
            "method": "VADER polarity_scores",
            "seconds": best["vader"],
            "per_second": len(texts) / best["vader"],
            "ratio_to_vader": 1.0,
            "cold_ratio": float("nan"),
        }
    ]
    for book in books:
        rows.append(
            {
                "sentences": name,
                "n": len(texts),
                "method": f"code_sentences ({book})",
                "seconds": best[book],
                "per_second": len(texts) / best[book],
                "ratio_to_vader": best[book] / best["vader"],
                "cold_ratio": cold[book] / best["vader"],
            }
        )
    return rows


def main() -> int:
    pd.set_option("display.width", 160)
    pd.set_option("display.precision", 3)
    rows = measure("seeds (replicated)", seed_sentences())
    climate = climate_sentences()
    if climate is None:
        print(f"note: {CLIMATE.parent} is absent; timing on the seeds only")
    else:
        rows += measure("climate benchmark", climate)
    table = pd.DataFrame(rows)
    print(table.to_string(index=False))
    coding = table[table["method"] != "VADER polarity_scores"]
    worst = coding["ratio_to_vader"].max()
    verdict = "met" if worst <= MAX_RATIO else "MISSED"
    print(f"\ntarget: coding <= {MAX_RATIO:.2f} x VADER time; worst ratio {worst:.3f} ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
