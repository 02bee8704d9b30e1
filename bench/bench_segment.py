"""Speed of the sentence splitter against pysbd and VADER, and pysbd's agreement with gold.

What it measures, in one process, on the seed articles:

* the bodies are every non-blank line of ``seeds/*.txt`` longer than 60 characters, joined
  with blank lines per article, split into paragraphs by ``framing.segment.paragraph_spans``,
  and the paragraphs replicated until there are about 5,000 sentences;
* (a) ``framing.segment.sentence_spans`` on each paragraph,
  (b) pysbd (``Segmenter(language="en", clean=False, char_span=True)``) on the same paragraphs,
  (c) VADER ``SentimentIntensityAnalyzer().polarity_scores`` on the sentences from (a);
* each is timed with ``time.perf_counter``, best of 3 repeats, and reported as sentences per
  second (each splitter's own sentence count; the input is identical) with the speed ratios
  framing/pysbd and framing/VADER;
* when ``tests/gold/sentences.csv`` exists, the sentence-boundary precision / recall / F1 of
  both splitters against it (``framing.validate.sentence_boundary_scores``).

Run from the repository root::

    .venv/bin/python bench/bench_segment.py
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pysbd
from timing import best_time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.segment import paragraph_spans, sentence_spans
from framing.validate import sentence_boundary_scores

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "sentences.csv"
TARGET_SENTENCES = 5_000
MIN_LINE_CHARS = 60
REPEATS = 3


def seed_bodies(folder: Path = SEEDS) -> list[str]:
    """One body per seed: its non-blank lines longer than 60 characters, blank-line joined."""
    bodies = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        kept = [line.strip() for line in lines if len(line.strip()) > MIN_LINE_CHARS]
        bodies.append("\n\n".join(kept))
    return bodies


def seed_lines(folder: Path = SEEDS) -> dict[tuple[str, int], str]:
    """``{(article_id, line_no): text}`` for every seed line (1-based, split on newlines)."""
    return {
        (path.stem, line_no): line
        for path in sorted(folder.glob("*.txt"))
        for line_no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
    }


def pysbd_spans(segmenter: pysbd.Segmenter) -> Callable[[str], list[tuple[int, int]]]:
    """pysbd as a ``str -> [(start, end)]`` splitter, spans stripped of whitespace."""

    def predict(text: str) -> list[tuple[int, int]]:
        spans = []
        for span in segmenter.segment(text):
            stripped = span.sent.strip()
            if stripped:
                start = span.start + len(span.sent) - len(span.sent.lstrip())
                spans.append((start, start + len(stripped)))
        return spans

    return predict


def main() -> None:
    paragraphs = [body[s:e] for body in seed_bodies() for s, e in paragraph_spans(body)]
    per_copy = sum(len(sentence_spans(p)) for p in paragraphs)
    copies = max(1, math.ceil(TARGET_SENTENCES / per_copy))
    paragraphs = paragraphs * copies
    sentences = [p[s:e] for p in paragraphs for s, e in sentence_spans(p)]
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    n_pysbd = sum(len(segmenter.segment(p)) for p in paragraphs)
    analyzer = SentimentIntensityAnalyzer()

    timings = {
        "framing.segment.sentence_spans": (
            len(sentences),
            best_time(lambda: [sentence_spans(p) for p in paragraphs]),
        ),
        "pysbd.Segmenter.segment": (
            n_pysbd,
            best_time(lambda: [segmenter.segment(p) for p in paragraphs]),
        ),
        "VADER polarity_scores": (
            len(sentences),
            best_time(lambda: [analyzer.polarity_scores(s) for s in sentences]),
        ),
    }
    print(
        f"{len(paragraphs):,} paragraphs ({copies} copies of the seed bodies), "
        f"{len(sentences):,} sentences; best of {REPEATS}\n"
    )
    table = pd.DataFrame(
        [(name, n, seconds, n / seconds) for name, (n, seconds) in timings.items()],
        columns=["method", "sentences", "seconds", "sentences_per_s"],
    )
    print(table.to_string(index=False, float_format=lambda x: f"{x:,.3f}"))
    ours = timings["framing.segment.sentence_spans"][1]
    pysbd_ratio = timings["pysbd.Segmenter.segment"][1] / ours
    vader_ratio = timings["VADER polarity_scores"][1] / ours
    print(f"\nspeed ratio framing/pysbd (time on the same paragraphs): {pysbd_ratio:,.1f}x")
    print(f"speed ratio framing/VADER (time on the same sentences): {vader_ratio:,.1f}x")

    if not GOLD.exists():
        print(f"\n{GOLD} not found: no gold agreement reported")
        return
    gold = pd.read_csv(GOLD, dtype={"article_id": str}, keep_default_na=False)
    lines = seed_lines()
    for name, predict in [
        ("framing.segment.sentence_spans", sentence_spans),
        ("pysbd", pysbd_spans(segmenter)),
    ]:
        scores = sentence_boundary_scores(gold, predict, lines)
        print(f"\nsentence boundaries vs gold: {name}")
        print(scores.to_string(index=False, float_format=lambda x: f"{x:.3f}"))


if __name__ == "__main__":
    main()
