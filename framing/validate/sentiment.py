"""Sentiment against public benchmarks in ``../shared/benchmarks/`` (read there, never copied).

* ``vader_nyt_editorials``: 5,190 NYT editorial sentences, each with the mean of 20 human
  ratings. Scored: Pearson r of the library's sentence ``compound``
  (:func:`framing.sentiment.score_sentences`) against the mean rating, and 3-class macro-F1 /
  accuracy with the README's thresholds (gold ``rating / 4``; both sides >= 0.05 pos,
  <= -0.05 neg).
* ``newsmtsc_rw``: 1,146 targets (persons) in 1,067 news sentences, each with the sentiment
  toward that person. Scored: 3-class macro-F1 and accuracy of the library's target method
  (:func:`framing.sentiment.target_compound` at the gold mention) against plain sentence VADER
  on the same items, on all targets and on single-target sentences.

Every function returns a tidy table with columns :data:`BENCHMARK_COLUMNS`: ``benchmark,
subset, method, metric, value, n`` and ``reference`` (the published figure to compare with,
NaN where there is none). :func:`sentiment_benchmarks` returns ``status`` rows instead of
raising when the benchmark folder is absent (a researcher's clone has no ``../shared``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from .. import sentiment

BENCHMARKS = Path(__file__).resolve().parents[2] / ".." / "shared" / "benchmarks"
NYT_DIR, NEWSMTSC_DIR = "vader_nyt_editorials", "newsmtsc_rw"
NYT_FILE = "nytEditorialSnippets_GroundTruth.txt"
NEWSMTSC_FILE = "devtest_rw.jsonl"

BENCHMARK_COLUMNS = ["benchmark", "subset", "method", "metric", "value", "n", "reference"]
NYT_COLUMNS = ["item_id", "doc_id", "sent_no", "mean_rating", "text"]
NEWSMTSC_COLUMNS = [
    "item_id",
    "crawl",
    "text",
    "n_targets",
    "target_no",
    "start",
    "end",
    "mention",
    "gold",
]
LABELS = ["neg", "neu", "pos"]
POLARITY = {2.0: "neg", 4.0: "neu", 6.0: "pos"}
# Methods, as named in the tables.
PLAIN_VADER = "vader (plain)"
LIBRARY_SENTENCE = "framing sentence"
LIBRARY_TARGET = "framing target"
# Published figures: Hutto & Gilbert 2014, Table 4 (r) and Table 5 (F1, support-weighted);
# Hamborg & Donnay 2021, Table 2 (GRU-TSC with RoBERTa, F1m on their 70% test-rw split).
REFERENCES = {
    (NYT_DIR, "pearson_r"): 0.492,
    (NEWSMTSC_DIR, "macro_f1"): 0.831,
}
MISSING = (
    "skipped: benchmark folder not found (expected ../shared/benchmarks next to the repository)"
)


class BenchmarkMissing(FileNotFoundError):
    """The public benchmark folder (or one of its files) is not there."""


def benchmark_dir(name: str, root: str | Path | None = None) -> Path:
    """Path of one benchmark folder; raises :class:`BenchmarkMissing` when it is absent."""
    folder = (Path(root) if root is not None else BENCHMARKS) / name
    if not folder.is_dir():
        raise BenchmarkMissing(f"benchmark {name!r} not found under ../shared/benchmarks")
    return folder


def load_nyt_editorials(root: str | Path | None = None) -> pd.DataFrame:
    """The NYT editorial snippets with their mean human rating (:data:`NYT_COLUMNS`)."""
    path = benchmark_dir(NYT_DIR, root) / NYT_FILE
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            item_id, rating, text = line.split("\t", 2)
            doc_id, sent_no = item_id.split("_")
            rows.append([item_id, doc_id, int(sent_no), float(rating), text])
    return pd.DataFrame(rows, columns=NYT_COLUMNS)


def load_newsmtsc(root: str | Path | None = None) -> pd.DataFrame:
    """NewsMTSC devtest-rw, one row per target (:data:`NEWSMTSC_COLUMNS`)."""
    path = benchmark_dir(NEWSMTSC_DIR, root) / NEWSMTSC_FILE
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            targets = item["targets"]
            for k, target in enumerate(targets):
                rows.append(
                    [
                        item["primary_gid"],
                        item["primary_gid"].split("_", 1)[0],
                        item["sentence_normalized"],
                        len(targets),
                        k,
                        int(target["from"]),
                        int(target["to"]),
                        target["mention"],
                        POLARITY[float(target["polarity"])],
                    ]
                )
    return pd.DataFrame(rows, columns=NEWSMTSC_COLUMNS)


def nyt_editorial_scores(root: str | Path | None = None) -> pd.DataFrame:
    """Pearson r, macro-F1 and accuracy on the NYT editorials: the library vs plain VADER.

    The library row runs the snippets through :func:`framing.sentiment.score_sentences` as a
    ``sentences`` table (one snippet per sentence, ``article_id`` = editorial); the plain row
    calls a fresh ``SentimentIntensityAnalyzer`` directly. They should agree to about 0.01.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    data = load_nyt_editorials(root)
    sentences = pd.DataFrame(
        {"article_id": data["doc_id"], "sent_id": data["sent_no"], "text": data["text"]}
    )
    scored = sentiment.score_sentences(sentences)
    library = data[["doc_id", "sent_no"]].merge(
        scored, left_on=["doc_id", "sent_no"], right_on=["article_id", "sent_id"], how="left"
    )["compound"]
    plain_analyzer = SentimentIntensityAnalyzer()
    plain = data["text"].map(lambda t: plain_analyzer.polarity_scores(t)["compound"])
    gold = data["mean_rating"].to_numpy(dtype=float)
    gold_labels = [sentiment.label(g / 4.0) for g in gold]
    rows = []
    for method, compound in [(PLAIN_VADER, plain), (LIBRARY_SENTENCE, library)]:
        values = compound.to_numpy(dtype=float)
        predicted = [sentiment.label(c) for c in values]
        r = float(np.corrcoef(values, gold)[0, 1])
        rows += [
            [NYT_DIR, "all", method, "pearson_r", r, len(gold)],
            [NYT_DIR, "all", method, "macro_f1", _macro_f1(gold_labels, predicted), len(gold)],
            [NYT_DIR, "all", method, "accuracy", accuracy_score(gold_labels, predicted), len(gold)],
        ]
    return _table(rows)


def newsmtsc_scores(root: str | Path | None = None, ablation: bool = False) -> pd.DataFrame:
    """Macro-F1 and accuracy toward persons in news: target method vs sentence VADER.

    Parameters
    ----------
    root
        The benchmarks folder (default ``../shared/benchmarks`` next to the repository).
    ablation
        Also score the target method with each news rule switched off (``- mask names``,
        ``- speaker rule``) and with neither (distance weighting alone).

    Returns
    -------
    DataFrame
        :data:`BENCHMARK_COLUMNS`; subsets ``all`` (every target) and ``single_target``
        (sentences with one target), plus ``allsides`` and ``polusa`` (the two crawls) to show
        the gain is not one source's quirk.
    """
    data = load_newsmtsc(root)
    cues = sentiment.load_targets_default()["speech_cues"]
    methods = {
        PLAIN_VADER: data["text"].map(lambda t: sentiment.polarity(t)["compound"]),
        LIBRARY_TARGET: _target_method(data, cues),
    }
    if ablation:
        methods[f"{LIBRARY_TARGET} - mask names"] = _target_method(data, cues, mask_names=False)
        methods[f"{LIBRARY_TARGET} - speaker rule"] = _target_method(data, cues, speaker_rule=False)
        methods[f"{LIBRARY_TARGET} (distance only)"] = _target_method(
            data, cues, mask_names=False, speaker_rule=False
        )
    subsets = {
        "all": np.ones(len(data), dtype=bool),
        "single_target": (data["n_targets"] == 1).to_numpy(),
        "allsides": (data["crawl"] == "allsides").to_numpy(),
        "polusa": (data["crawl"] == "polusa").to_numpy(),
    }
    gold = data["gold"].to_numpy()
    rows = []
    for subset, mask in subsets.items():
        for method, compound in methods.items():
            predicted = np.array([sentiment.label(c) for c in compound.to_numpy(dtype=float)])
            g, p = gold[mask], predicted[mask]
            rows += [
                [NEWSMTSC_DIR, subset, method, "macro_f1", _macro_f1(g, p), int(mask.sum())],
                [NEWSMTSC_DIR, subset, method, "accuracy", accuracy_score(g, p), int(mask.sum())],
            ]
    return _table(rows)


def _target_method(data: pd.DataFrame, cues, **options) -> pd.Series:
    values = [
        sentiment.target_compound(text, [(start, end)], speech_cues=cues, **options)
        for text, start, end in zip(data["text"], data["start"], data["end"], strict=True)
    ]
    return pd.Series(values, index=data.index, dtype=float)


def sentiment_benchmarks(root: str | Path | None = None, ablation: bool = False) -> pd.DataFrame:
    """Both benchmarks in one table; one ``skipped`` row per benchmark when it is absent.

    Returns
    -------
    DataFrame
        :data:`BENCHMARK_COLUMNS` plus ``status`` (``ok`` or why it was skipped).
    """
    parts = []
    for name, scorer in [
        (NYT_DIR, lambda: nyt_editorial_scores(root)),
        (NEWSMTSC_DIR, lambda: newsmtsc_scores(root, ablation=ablation)),
    ]:
        try:
            parts.append(scorer().assign(status="ok"))
        except BenchmarkMissing:
            skipped = _table([[name, "all", "", "", math.nan, 0]])
            parts.append(skipped.assign(status=MISSING))
    return pd.concat(parts, ignore_index=True)


def _macro_f1(gold, predicted) -> float:
    return float(f1_score(gold, predicted, labels=LABELS, average="macro", zero_division=0))


def _table(rows: list[list]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=BENCHMARK_COLUMNS[:-1])
    out["value"] = out["value"].astype(float)
    out["n"] = out["n"].astype("int64")
    out["reference"] = [
        REFERENCES.get((b, m), math.nan) if subset == "all" else math.nan
        for b, subset, m in zip(out["benchmark"], out["subset"], out["metric"], strict=True)
    ]
    return out
