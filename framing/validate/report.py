"""Every stage against the hand-annotated gold at once: one summary, one errors table each.

In: the tables of a scored corpus (:func:`framing.pipeline.score_corpus`) and the gold tables
(``tests/gold/*.csv`` read by the caller). Out: :class:`GoldReport`, whose ``summary`` has one
row per measure with its value, its target, whether the target is met and the count it rests
on; the other fields list the errors so a researcher can see what kind of mistakes are made.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..segment import sentence_spans
from ..topics import Codebook, load_codebook
from .lines import body_line_errors, body_line_scores
from .quotes import quote_scores
from .sentences import sentence_boundary_scores
from .topics import topic_agreement, topic_comparison, topic_errors

SUMMARY_COLUMNS = ["stage", "measure", "value", "target", "met", "n", "unit"]
# The targets of the project's issues; None where a figure is reported without one.
TARGETS = {
    ("cleaning", "body precision"): 0.97,
    ("cleaning", "body recall"): 0.99,
    ("sentences", "boundary F1"): 0.98,
    ("quotes", "statement F1"): 0.90,
    ("quotes", "speaker accuracy"): 0.90,
    ("topics", "Krippendorff's alpha"): 0.80,
}


class GoldReport(NamedTuple):
    """The tables :func:`gold_report` returns."""

    summary: pd.DataFrame
    cleaning_errors: pd.DataFrame
    quote_errors: pd.DataFrame
    topic_errors: pd.DataFrame


def gold_report(
    tables,
    gold: dict[str, pd.DataFrame],
    codebook: Codebook | None = None,
) -> GoldReport:
    """Score cleaning, sentences, quotes and topics against gold in one call.

    Parameters
    ----------
    tables
        :class:`framing.pipeline.Tables` of the gold's corpus (with ``_lines``).
    gold
        Gold tables by name: any of ``lines``, ``sentences``, ``quotes``, ``topics`` (the
        files of ``tests/gold/``); a stage whose gold is missing is left out.
    codebook
        The codebook the topics were coded with (for its residual topic); default: the
        packaged event codebook.
    """
    codebook = load_codebook() if codebook is None else codebook
    rows: list[tuple] = []
    cleaning_errors = quote_errors = topic_errs = pd.DataFrame()
    lines = tables["_lines"]
    if "lines" in gold:
        scores = body_line_scores(gold["lines"], lines).set_index("article_id").loc["all"]
        rows += [
            ("cleaning", "body precision", scores["precision"], int(scores["n_pred_body"]),
             "predicted body lines"),
            ("cleaning", "body recall", scores["recall"], int(scores["n_gold_body"]),
             "gold body lines"),
        ]  # fmt: skip
        cleaning_errors = body_line_errors(gold["lines"], lines)
    if "sentences" in gold:
        raw = {(a, int(n)): t for a, n, t in lines[["article_id", "line_no", "text"]].itertuples(
            index=False)}  # fmt: skip
        scores = sentence_boundary_scores(gold["sentences"], sentence_spans, raw)
        overall = scores.set_index("article_id").loc["all"]
        rows.append(("sentences", "boundary F1", overall["f1"], int(overall["n_gold"]),
                     "gold boundaries inside lines"))  # fmt: skip
    if "quotes" in gold:
        result = quote_scores(gold["quotes"], tables["quotes"], tables["sentences"])
        statements = result.statements
        for kind in ("all", "direct", "indirect"):
            row = statements[(statements["article_id"] == "all") & (statements["kind"] == kind)]
            if len(row):
                label = "statement F1" if kind == "all" else f"statement F1 ({kind})"
                rows.append(("quotes", label, float(row["f1"].iloc[0]),
                             int(row["n_gold"].iloc[0]), "gold statements"))  # fmt: skip
        speakers = result.speakers
        overall = speakers[speakers["by"] == "all"]
        if len(overall):
            rows.append(("quotes", "speaker accuracy", float(overall["accuracy"].iloc[0]),
                         int(overall["n_matched"].iloc[0]), "matched statements"))  # fmt: skip
        quote_errors = result.errors
    if "topics" in gold:
        comparison = topic_comparison(gold["topics"], tables["topic_scores"], tables["sentences"],
                                      codebook)  # fmt: skip
        agreement = topic_agreement(comparison).iloc[0]
        n = len(comparison)
        rows += [
            ("topics", "accuracy", agreement["accuracy"], n, "gold sentences"),
            ("topics", "macro F1", agreement["macro_f1"], n, "gold sentences"),
            ("topics", "Krippendorff's alpha", agreement["alpha"], n, "gold sentences"),
        ]
        topic_errs = topic_errors(comparison)
    summary = pd.DataFrame(
        [
            (stage, measure, float(value), TARGETS.get((stage, measure)), n, unit)
            for stage, measure, value, n, unit in rows
        ],
        columns=["stage", "measure", "value", "target", "n", "unit"],
    )
    summary["met"] = [
        None if pd.isna(t) else bool(v >= t)
        for v, t in zip(summary["value"], summary["target"], strict=True)
    ]
    return GoldReport(summary[SUMMARY_COLUMNS], cleaning_errors, quote_errors, topic_errs)


GOLD_FILES = ("lines", "sentences", "quotes", "topics")


def read_gold(folder, names=GOLD_FILES) -> dict[str, pd.DataFrame]:
    """Read the gold CSVs present in ``folder`` (``lines.csv``, ``quotes.csv``, ...) by name.

    Empty cells stay empty strings (a blank gold line is ``""``, not NaN).
    """
    folder = Path(folder)
    return {
        name: pd.read_csv(folder / f"{name}.csv", keep_default_na=False, dtype={"article_id": str})
        for name in names
        if (folder / f"{name}.csv").exists()
    }
