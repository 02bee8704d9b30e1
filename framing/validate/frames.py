"""The generic Policy Frames codebook scored on two public frame benchmarks.

Read in place from ``../shared/benchmarks/`` (never copied into the project); a missing folder
raises :class:`framing.validate.sentiment.BenchmarkMissing`, and :func:`frame_benchmarks`
turns it into a ``skipped`` row. ``bench/bench_frames.py`` prints every table below; the
method, the label mappings and what is reported are described there.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from .. import topics
from .sentiment import BenchmarkMissing, benchmark_dir
from .topics import class_scores

FRAC_DIR, FRAC_FILE = "frac_sentence_frames", "final_gold_single.csv"
CLIMATE_DIR, CLIMATE_FILE = "narrative_frames_climate", "articles_metadata.tsv"

# Policy Frames codebook topic -> FrAC code (see the benchmark README's label table).
FRAC_CODES = {
    "economic": "1",
    "capacity_resources": "1",
    "morality": "3",
    "fairness_equality": "4",
    "legality": "5",
    "crime_punishment": "5",
    "policy_prescription": "6",
    "political": "6",
    "security_defense": "8",
    "health_safety": "9",
    "cultural_identity": "11",
    "public_opinion": "12",
    "quality_of_life": "15",
    "external_regulation": "15",
    "other": "15",
    topics.UNASSIGNED: "15",
}
FRAC_LABELS = ["1", "3", "4", "5", "6", "8", "9", "11", "12", "15"]
# While the Policy Frames phrases were written, the first 6 sentences of each code (file
# order, 60 in all) were read to understand the label set; terms taken from them were then
# removed. The "unseen" rows leave those 60 out.
VIEWED_PER_CODE = 6
# Gold climate frame -> the codebook topics whose shares add up to it.
CLIMATE_FRAMES = {
    "EC": ("economic", "capacity_resources"),
    "MO": ("morality",),
    "CO": ("political",),
    "RE": ("policy_prescription",),
}
SHARE_THRESHOLD = 0.10
TOP_K = 2
MIN_OUTLET_ARTICLES = 10
N_BOOT = 1000
RANDOM_STATE = 0


# --- FrAC ------------------------------------------------------------------------------------


def frac_predictions(codebook: topics.Codebook, root: str | Path | None = None) -> pd.DataFrame:
    """FrAC sentences with gold code, predicted code, top-k codes and mapped weights."""
    gold = pd.read_csv(benchmark_dir(FRAC_DIR, root) / FRAC_FILE, dtype=str, keep_default_na=False)
    sentences = pd.DataFrame(
        {
            "article_id": [f"s{i:04d}" for i in range(len(gold))],
            "sent_id": 0,
            "para_id": 0,
            "text": gold["sentence"],
        }
    )
    scores = topics.code_sentences(sentences, codebook)
    primary = topics.primary_topics(scores, codebook).set_index("article_id")["topic"]
    mapped = scores.assign(code=scores["topic"].map(FRAC_CODES))
    any_codes = mapped.groupby("article_id")["code"].agg(set)
    weights = mapped.pivot_table(
        index="article_id", columns="code", values="weight", aggfunc="sum", fill_value=0.0
    ).reindex(columns=FRAC_LABELS, fill_value=0.0)
    out = pd.DataFrame(
        {
            "article_id": sentences["article_id"],
            "type": gold["type"].replace("", "unknown"),
            "gold": gold["label"],
            "topic": sentences["article_id"].map(primary),
        }
    )
    out["predicted"] = out["topic"].map(FRAC_CODES)
    out["viewed"] = gold.groupby("label").cumcount() < VIEWED_PER_CODE
    out["any_correct"] = [
        g in any_codes[a] for a, g in zip(out["article_id"], out["gold"], strict=True)
    ]
    return out.join(weights, on="article_id")


def frac_summary(predictions: pd.DataFrame) -> pd.DataFrame:
    """Accuracy, macro-F1, top-k and share fidelity for all sentences, articles, comments."""
    rows = []
    for name, part in [
        ("all", predictions),
        ("article", predictions[predictions["type"] == "article"]),
        ("comment", predictions[predictions["type"] == "comment"]),
        ("unseen", predictions[~predictions["viewed"]]),
        (
            "unseen article",
            predictions[~predictions["viewed"] & (predictions["type"] == "article")],
        ),
    ]:
        scores = class_scores(part, FRAC_LABELS)
        gold_dist = part["gold"].value_counts(normalize=True).reindex(FRAC_LABELS, fill_value=0)
        pred_dist = part[FRAC_LABELS].mean()
        rows.append(
            {
                "subset": name,
                "n": len(part),
                "accuracy": (part["gold"] == part["predicted"]).mean(),
                "macro_f1": scores["f1"].fillna(0.0).mean(),
                "any_frame_correct": part["any_correct"].mean(),
                "unassigned": (part["topic"] == topics.UNASSIGNED).mean(),
                "tvd": 0.5 * np.abs(gold_dist - pred_dist).sum(),
                "jsd": _jensen_shannon(gold_dist.to_numpy(), pred_dist.to_numpy()),
            }
        )
    return pd.DataFrame(rows)


def _jensen_shannon(p: np.ndarray, q: np.ndarray) -> float:
    p, q = p / p.sum(), q / q.sum()
    m = (p + q) / 2

    def kl(a, b):
        mask = a > 0
        return float((a[mask] * np.log2(a[mask] / b[mask])).sum())

    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def frac_share_errors(predictions: pd.DataFrame) -> pd.DataFrame:
    """Gold share, predicted mean weight and absolute error per FrAC code (articles, all)."""
    rows = []
    for name, part in [
        ("all", predictions),
        ("article", predictions[predictions["type"] == "article"]),
    ]:
        gold = part["gold"].value_counts(normalize=True).reindex(FRAC_LABELS, fill_value=0)
        pred = part[FRAC_LABELS].mean()
        for code in FRAC_LABELS:
            rows.append((name, code, gold[code], pred[code], abs(gold[code] - pred[code])))
    return pd.DataFrame(rows, columns=["subset", "code", "gold_share", "pred_share", "l1"])


# --- narrative frames (climate) ---------------------------------------------------------------


def read_climate(root: str | Path | None = None) -> pd.DataFrame:
    """The labelled articles: article_id, outlet (normalised), mbfc, text and gold frames."""
    csv.field_size_limit(sys.maxsize)
    path = benchmark_dir(CLIMATE_DIR, root) / CLIMATE_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        records = [
            dict(zip(header, row, strict=False)) for row in reader if len(row) == len(header)
        ]
    frame = pd.DataFrame(records)
    frame["outlet"] = frame["source"].map(_normalise_outlet)
    for label in ("RE", "HI", "CO", "MO", "EC"):
        frame[label] = frame[label].str.strip(" )").str.lower() == "true"
    frame["article_id"] = frame["ID"].str.zfill(4)
    return frame[["article_id", "outlet", "mbfc", "date", "text", "RE", "HI", "CO", "MO", "EC"]]


def _normalise_outlet(name: str) -> str:
    name = name.strip().lower()
    if name.startswith("the"):
        name = name[3:]
    return name.replace(" ", "")


def climate_frame_shares(articles: pd.DataFrame, codebook: topics.Codebook):
    """Load, clean, segment and code the articles; return (per-article frame shares, tables,
    seconds).

    The pipeline's own stages, as ``framing score`` runs them, stopping after topic coding
    (quotes and sentiment are not needed for frames).
    """
    from ..clean import clean_articles
    from ..corpus import load_corpus
    from ..pipeline import Tables
    from ..segment import segment

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "climate.csv"
        articles[["article_id", "outlet", "date", "text"]].to_csv(path, index=False)
        cleaned, _ = clean_articles(load_corpus(path))
    tables = Tables({"articles": cleaned, "sentences": segment(cleaned)})
    scores = topics.code_sentences(tables.sentences, codebook)
    shares = topics.topic_share(scores, tables.sentences, by="article_id", n_boot=0)
    seconds = time.perf_counter() - started
    wide = shares.pivot(index="article_id", columns="topic", values="estimate")
    wide = wide.reindex(articles["article_id"]).fillna(0.0)
    frames = [t for t in codebook.ids if t != codebook.residual]
    top = wide[frames].apply(
        lambda row: set(row.nlargest(TOP_K).index[row.nlargest(TOP_K) > 0]), axis=1
    )
    out = articles[["article_id", "outlet", "mbfc", *CLIMATE_FRAMES]].copy()
    for frame, members in CLIMATE_FRAMES.items():
        share = wide[list(members)].sum(axis=1).to_numpy()
        out[f"{frame}_share"] = share
        out[f"{frame}_pred"] = share >= SHARE_THRESHOLD
        out[f"{frame}_top"] = [bool(set(members) & t) for t in top]
    return out, tables, seconds


def climate_detection(predictions: pd.DataFrame, rule: str = "pred") -> pd.DataFrame:
    """Per-frame precision, recall, F1 of detection (``rule``: ``pred`` share, ``top`` top-2)."""
    rows = []
    for frame in CLIMATE_FRAMES:
        gold = predictions[frame].to_numpy()
        pred = predictions[f"{frame}_{rule}"].to_numpy()
        tp = int((gold & pred).sum())
        precision = tp / pred.sum() if pred.sum() else 0.0
        recall = tp / gold.sum() if gold.sum() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((frame, int(gold.sum()), int(pred.sum()), tp, precision, recall, f1))
    return pd.DataFrame(
        rows, columns=["frame", "n_gold", "n_pred", "tp", "precision", "recall", "f1"]
    )


def climate_groups(
    predictions: pd.DataFrame, by: str, n_boot: int = N_BOOT
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gold vs predicted prevalence per group, and Spearman rho across groups with a CI.

    ``n_boot=0`` skips the interval (``ci_low``/``ci_high`` NaN).
    """
    if by == "outlet":
        size = predictions.groupby(by)["article_id"].transform("size")
        predictions = predictions[size >= MIN_OUTLET_ARTICLES]
    prevalence = _prevalence(predictions, by)
    rng = np.random.default_rng(RANDOM_STATE)
    columns = [c for f in CLIMATE_FRAMES for c in (f, f"{f}_pred", f"{f}_share")]
    groups = [part[columns].to_numpy(dtype=float) for _, part in predictions.groupby(by, sort=True)]
    # replicate x group x column means, resampling each group's articles with replacement
    means = (
        np.stack(
            [
                np.stack([g[rng.integers(0, len(g), len(g))].mean(axis=0) for g in groups])
                for _ in range(n_boot)
            ]
        )
        if n_boot
        else np.empty((0, len(groups), len(columns)))
    )
    rows = []
    for i, frame in enumerate(CLIMATE_FRAMES):
        part = prevalence[prevalence["frame"] == frame]
        gold = means[:, :, 3 * i]
        for measure, column, offset in (("prevalence", "pred", 1), ("mean share", "share", 2)):
            boot = [_rho(gold[b], means[b, :, 3 * i + offset]) for b in range(n_boot)]
            low, high = np.nanquantile(boot, [0.025, 0.975]) if n_boot else (np.nan, np.nan)
            rows.append(
                (by, frame, measure, len(part), _rho(part["gold"], part[column]), low, high)
            )
    rhos = pd.DataFrame(
        rows, columns=["by", "frame", "predicted", "n_groups", "spearman", "ci_low", "ci_high"]
    )
    return prevalence, rhos


def _prevalence(predictions: pd.DataFrame, by: str) -> pd.DataFrame:
    rows = []
    for group, part in predictions.groupby(by, sort=True):
        for frame in CLIMATE_FRAMES:
            gold = part[frame].mean()
            pred = part[f"{frame}_pred"].mean()
            share = part[f"{frame}_share"].mean()
            rows.append((group, frame, len(part), gold, pred, abs(pred - gold), share))
    return pd.DataFrame(
        rows, columns=[by, "frame", "n_articles", "gold", "pred", "abs_error", "share"]
    )


def _rho(a, b) -> float:
    if np.std(a) == 0 or np.std(b) == 0:
        return float("nan")
    return float(spearmanr(a, b).statistic)


SUMMARY_COLUMNS = ["benchmark", "subset", "measure", "value", "n", "status"]


def frame_benchmarks(root: str | Path | None = None) -> pd.DataFrame:
    """Both frame benchmarks in one table (Policy Frames codebook); ``skipped`` rows when absent.

    FrAC: accuracy and macro-F1 over all sentences and over article sentences. Climate: the
    macro-F1 of per-article frame detection (share >= :data:`SHARE_THRESHOLD`), each frame's
    F1, and the Spearman rank correlation of predicted with gold frame prevalence across
    outlets with at least :data:`MIN_OUTLET_ARTICLES` articles.
    """
    codebook = topics.load_codebook("policy_frames")
    rows = []
    try:
        summary = frac_summary(frac_predictions(codebook, root)).set_index("subset")
        for subset in ("all", "article"):
            for measure in ("accuracy", "macro_f1"):
                rows.append((FRAC_DIR, subset, measure, summary.loc[subset, measure],
                             summary.loc[subset, "n"], "ok"))  # fmt: skip
    except BenchmarkMissing:
        rows.append((FRAC_DIR, "all", "", np.nan, 0, "skipped: benchmark folder not found"))
    try:
        climate = read_climate(root)
        predicted, _, _ = climate_frame_shares(climate, codebook)
        detection = climate_detection(predicted)
        rows.append((CLIMATE_DIR, "articles", "detection macro_f1", detection["f1"].mean(),
                     len(predicted), "ok"))  # fmt: skip
        for row in detection.itertuples(index=False):
            rows.append((CLIMATE_DIR, f"frame {row.frame}", "detection f1", row.f1,
                         row.n_gold, "ok"))  # fmt: skip
        _, rhos = climate_groups(predicted, "outlet", n_boot=0)
        for row in rhos[rhos["predicted"] == "prevalence"].itertuples(index=False):
            rows.append((CLIMATE_DIR, f"frame {row.frame}", "spearman across outlets",
                         row.spearman, row.n_groups, "ok"))  # fmt: skip
    except BenchmarkMissing:
        rows.append((CLIMATE_DIR, "articles", "", np.nan, 0, "skipped: benchmark folder not found"))
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    out["value"] = out["value"].astype(float)
    out["n"] = out["n"].astype("int64")
    return out
