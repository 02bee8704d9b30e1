"""Quote attribution against the hand-made gold (``tests/gold/quotes.csv``).

Gold: one row per attributed statement per sentence, columns :data:`GOLD_COLUMNS`
(``article_id, line_no, kind, speaker, text``; ``text`` is an exact substring of raw line
``line_no`` of ``seeds/<article_id>.txt``). Predictions: the ``quotes`` table
(:func:`framing.quotes.extract_quotes`, spans as body offsets) and the ``sentences`` table that
places them (``article_id, sent_id, start, end, text, line_no``).

Both sides are put in body coordinates: a gold span is found in the body paragraph of its line,
rebuilt from that line's sentences. A predicted span matches a gold span of the same article
when they overlap by at least half of the shorter one; matching is one-to-one, greedily by
overlap / union. Reported: statement precision, recall and F1 (all, and per kind), speaker
accuracy on matched statements (canonical name exact) and the errors behind the numbers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

GOLD_COLUMNS = ["article_id", "line_no", "kind", "speaker", "text"]
STATEMENT_SCORE_COLUMNS = [
    "kind",
    "article_id",
    "n_gold",
    "n_pred",
    "matched_gold",
    "matched_pred",
    "precision",
    "recall",
    "f1",
]
SPEAKER_SCORE_COLUMNS = [
    "by",
    "value",
    "n_matched",
    "n_correct",
    "accuracy",
    "n_kind_agree",
    "kind_accuracy",
]
ERROR_COLUMNS = [
    "article_id",
    "line_no",
    "error",
    "gold_kind",
    "pred_kind",
    "gold_speaker",
    "pred_speaker",
    "cue",
    "resolved_by",
    "gold_text",
    "pred_text",
    "quote_id",
]
MIN_OVERLAP = 0.5  # of the shorter span
ALL = "all"


class QuoteScores(NamedTuple):
    """The tables :func:`quote_scores` returns."""

    statements: pd.DataFrame
    speakers: pd.DataFrame
    errors: pd.DataFrame


def quote_scores(gold: pd.DataFrame, quotes: pd.DataFrame, sentences: pd.DataFrame) -> QuoteScores:
    """Score predicted statements and speakers against gold.

    Parameters
    ----------
    gold
        ``tests/gold/quotes.csv`` (:data:`GOLD_COLUMNS`; other columns are ignored).
    quotes
        The ``quotes`` table: ``article_id, quote_id, sent_id, kind, speaker, cue, text,
        resolved_by, start, end``.
    sentences
        The ``sentences`` table with ``line_no``.

    Returns
    -------
    QuoteScores
        ``statements``: :data:`STATEMENT_SCORE_COLUMNS`, one row per kind (``all``,
        ``direct``, ``indirect``) and article, plus ``article_id="all"`` (micro-averaged).
        Per kind, recall counts matched gold statements of that kind and precision matched
        predictions of that kind. ``speakers``: :data:`SPEAKER_SCORE_COLUMNS`, accuracy of the
        canonical speaker (and agreement of kind) on matched pairs, overall (``by="all"``) and
        by gold kind, article and the prediction's ``resolved_by``. ``errors``:
        :data:`ERROR_COLUMNS`, one row per miss, false alarm, wrong speaker or wrong kind.
        Gold text that cannot be found in the body is a miss with error
        ``gold_not_in_body``.
    """
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise KeyError(f"gold needs column(s) {missing}")
    missing = [
        c
        for c in ("article_id", "sent_id", "start", "end", "text", "line_no")
        if c not in sentences
    ]
    if missing:
        raise KeyError(f"sentences needs column(s) {missing}")
    gold_spans = _gold_spans(gold, sentences)
    pred = _pred_spans(quotes, sentences)
    pairs = _match(gold_spans, pred)
    return QuoteScores(
        _statement_scores(gold_spans, pred, pairs),
        _speaker_scores(gold_spans, pred, pairs),
        _errors(gold_spans, pred, pairs),
    )


def _paragraphs(sentences: pd.DataFrame) -> dict[tuple[str, int], tuple[int, str]]:
    """``{(article_id, line_no): (body offset, paragraph text)}`` rebuilt from sentences."""
    out = {}
    table = sentences.dropna(subset=["line_no"])
    for (article_id, line_no), group in table.groupby(["article_id", "line_no"], sort=True):
        start = int(group["start"].min())
        chars = [" "] * (int(group["end"].max()) - start)
        for s, text in zip(group["start"], group["text"], strict=True):
            chars[int(s) - start : int(s) - start + len(text)] = text
        out[(str(article_id), int(line_no))] = (start, "".join(chars))
    return out


def _gold_spans(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    paragraphs = _paragraphs(sentences)
    rows = []
    cursor: dict[tuple[str, int], int] = {}
    for row in gold.itertuples(index=False):
        key = (str(row.article_id), int(row.line_no))
        text = str(row.text)
        start = end = -1
        if key in paragraphs:
            offset, para = paragraphs[key]
            found = para.find(text, cursor.get(key, 0))
            if found < 0:
                found = para.find(text)
            length = len(text)
            if found < 0:
                pattern = r"\s+".join(re.escape(w) for w in text.split())
                match = re.search(pattern, para) if pattern else None
                if match is not None:
                    found, length = match.start(), match.end() - match.start()
            if found >= 0:
                cursor[key] = found
                start, end = offset + found, offset + found + length
        rows.append((key[0], key[1], str(row.kind), str(row.speaker), text, start, end))
    table = pd.DataFrame(
        rows, columns=["article_id", "line_no", "kind", "speaker", "text", "start", "end"]
    )
    return table.reset_index(names="gold_id")


def _pred_spans(quotes: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    lines = sentences[["article_id", "sent_id", "line_no"]]
    table = quotes.merge(lines, on=["article_id", "sent_id"], how="left")
    keep = ["article_id", "quote_id", "line_no", "kind", "speaker", "cue", "resolved_by"]
    table = table[[*keep, "text", "start", "end"]].copy()
    table["article_id"] = table["article_id"].astype(str)
    return table.reset_index(drop=True).reset_index(names="pred_id")


def _match(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """One-to-one pairs (gold_id, pred_id) overlapping by >= half the shorter span."""
    candidates = []
    found = gold[gold["start"] >= 0]
    for article_id, g_group in found.groupby("article_id", sort=True):
        p_group = pred[pred["article_id"] == article_id]
        for g in g_group.itertuples(index=False):
            for p in p_group.itertuples(index=False):
                overlap = min(g.end, p.end) - max(g.start, p.start)
                shorter = min(g.end - g.start, p.end - p.start)
                if overlap <= 0 or shorter <= 0 or overlap < MIN_OVERLAP * shorter:
                    continue
                union = max(g.end, p.end) - min(g.start, p.start)
                candidates.append((overlap / union, g.gold_id, p.pred_id))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for _, gold_id, pred_id in candidates:
        if gold_id in used_gold or pred_id in used_pred:
            continue
        used_gold.add(gold_id)
        used_pred.add(pred_id)
        pairs.append((gold_id, pred_id))
    return pd.DataFrame(pairs, columns=["gold_id", "pred_id"], dtype="int64")


def _prf(matched_gold: int, n_gold: int, matched_pred: int, n_pred: int) -> tuple:
    precision = matched_pred / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    recall = matched_gold / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _statement_scores(gold, pred, pairs) -> pd.DataFrame:
    matched_gold = set(pairs["gold_id"])
    matched_pred = set(pairs["pred_id"])
    articles = sorted(set(gold["article_id"]) | set(pred["article_id"]))
    rows = []
    for kind in (ALL, "direct", "indirect"):
        g_kind = gold if kind == ALL else gold[gold["kind"] == kind]
        p_kind = pred if kind == ALL else pred[pred["kind"] == kind]
        for article_id in [*articles, ALL]:
            g = g_kind if article_id == ALL else g_kind[g_kind["article_id"] == article_id]
            p = p_kind if article_id == ALL else p_kind[p_kind["article_id"] == article_id]
            mg = int(g["gold_id"].isin(matched_gold).sum())
            mp = int(p["pred_id"].isin(matched_pred).sum())
            rows.append((kind, article_id, len(g), len(p), mg, mp, *_prf(mg, len(g), mp, len(p))))
    return pd.DataFrame(rows, columns=STATEMENT_SCORE_COLUMNS)


def _paired(gold, pred, pairs) -> pd.DataFrame:
    table = pairs.merge(gold, on="gold_id").merge(pred, on="pred_id", suffixes=("_gold", "_pred"))
    table["correct"] = table["speaker_gold"] == table["speaker_pred"]
    table["kind_agree"] = table["kind_gold"] == table["kind_pred"]
    return table


def _speaker_scores(gold, pred, pairs) -> pd.DataFrame:
    table = _paired(gold, pred, pairs)
    rows = []
    groupings = [
        (ALL, pd.Series(ALL, index=table.index, dtype=object)),
        ("kind", table["kind_gold"]),
        ("article_id", table["article_id_gold"]),
        ("resolved_by", table["resolved_by"]),
    ]
    for by, keys in groupings:
        for value in sorted(set(keys)):
            part = table[keys == value]
            n = len(part)
            correct, agree = int(part["correct"].sum()), int(part["kind_agree"].sum())
            rows.append(
                (by, value, n, correct, correct / n if n else float("nan"), agree,
                 agree / n if n else float("nan"))
            )  # fmt: skip
    if not rows:
        rows.append((ALL, ALL, 0, 0, float("nan"), 0, float("nan")))
    return pd.DataFrame(rows, columns=SPEAKER_SCORE_COLUMNS)


def _errors(gold, pred, pairs) -> pd.DataFrame:
    rows = []
    matched_gold = set(pairs["gold_id"])
    matched_pred = set(pairs["pred_id"])
    for g in gold.itertuples(index=False):
        if g.gold_id not in matched_gold:
            error = "miss" if g.start >= 0 else "gold_not_in_body"
            rows.append(
                (g.article_id, g.line_no, error, g.kind, "", g.speaker, "", "", "", g.text, "", -1)
            )
    for p in pred.itertuples(index=False):
        if p.pred_id not in matched_pred:
            line_no = int(p.line_no) if pd.notna(p.line_no) else -1
            rows.append(
                (p.article_id, line_no, "false_alarm", "", p.kind, "", p.speaker, p.cue,
                 p.resolved_by, "", p.text, int(p.quote_id))
            )  # fmt: skip
    paired = _paired(gold, pred, pairs)
    for r in paired.itertuples(index=False):
        for error, bad in (("wrong_speaker", not r.correct), ("wrong_kind", not r.kind_agree)):
            if bad:
                rows.append(
                    (r.article_id_gold, r.line_no_gold, error, r.kind_gold, r.kind_pred,
                     r.speaker_gold, r.speaker_pred, r.cue, r.resolved_by, r.text_gold,
                     r.text_pred, int(r.quote_id))
                )  # fmt: skip
    table = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    table = table.astype({"line_no": "int64", "quote_id": "int64"})
    return table.sort_values(["article_id", "line_no", "error"], kind="stable", ignore_index=True)
