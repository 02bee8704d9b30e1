"""Quote attribution against the hand-made gold, and the scorer itself on made-up data.

``tests/gold/quotes.csv`` holds every attributed statement of the seed articles (one row per
statement per sentence; ``text`` is a substring of raw line ``line_no`` of
``seeds/<article_id>.txt``), annotated by reading the articles (see ``README_quotes.md``).
``tests/gold/mini_quotes.csv`` does the same for the made-up corpus in
``tests/fixtures/mini_corpus/`` (raw lines of ``<article_id>.txt``), whose speakers are not in
the actor registry: it checks the rules that must hold on any corpus.
``tests/gold/heldout*_quotes.csv`` do the same for ``tests/fixtures/heldout*_corpus/``: nine
sets of eight made-up articles, each written by someone who had not read the rules.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.pipeline import score_corpus
from framing.validate.quotes import ERROR_COLUMNS, quote_scores

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "quotes.csv"
SEEDS = HERE.parent / "seeds"
MINI_GOLD = HERE / "gold" / "mini_quotes.csv"
MINI = HERE / "fixtures" / "mini_corpus"
FIXTURES = HERE / "fixtures"


# (corpus, gold, minimum statement F1, minimum speaker accuracy), each floor just under the
# current score. Each held-out corpus was written by someone who had not read the rules; the
# first time the library saw them they scored (F1 / speaker accuracy) 0.934 / 0.566,
# 0.916 / 0.473, 0.941 / 0.742, 0.886 / 0.681, 0.854 / 0.627, 0.858 / 0.635, 0.889 / 0.525,
# 0.862 / 0.571 and 0.836 / 0.635. All but the fifth and the ninth were then used to find general
# rules, so they are in-sample now; the fifth was left untuned, the ninth is untouched (README,
# "Validation"), its floor just under its first score.
def _heldout(n: int, f1: float, accuracy: float) -> tuple:
    suffix = "" if n == 1 else str(n)
    return (
        FIXTURES / f"heldout{suffix}_corpus",
        HERE / "gold" / f"heldout{suffix}_quotes.csv",
        f1,
        accuracy,
    )


CORPORA = {
    "seeds": (SEEDS, GOLD, 0.90, 0.90),
    "mini": (MINI, MINI_GOLD, 0.95, 0.95),
    "heldout": _heldout(1, 0.94, 0.86),
    "heldout2": _heldout(2, 0.92, 0.76),
    "heldout3": _heldout(3, 0.95, 0.87),
    "heldout4": _heldout(4, 0.91, 0.82),
    "heldout5": _heldout(5, 0.86, 0.68),
    "heldout6": _heldout(6, 0.95, 0.79),
    "heldout7": _heldout(7, 0.90, 0.75),
    "heldout8": _heldout(8, 0.86, 0.68),
    "heldout9": _heldout(9, 0.82, 0.62),
}


def scores_of(name: str):
    corpus, gold_path, _, _ = CORPORA[name]
    if not gold_path.exists():
        pytest.skip(f"gold statements not written yet: {gold_path} is missing")
    gold = pd.read_csv(gold_path, dtype={"article_id": str}, keep_default_na=False)
    # The quotes the pipeline itself produces (each article with its own country only).
    tables = score_corpus(corpus, compare_outlets_too=False)
    return quote_scores(gold, tables.quotes, tables.sentences)


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus_scores(request):
    return request.param, scores_of(request.param)


def test_statement_f1_meets_target(corpus_scores):
    name, scores = corpus_scores
    overall = scores.statements.set_index(["kind", "article_id"]).loc[("all", "all")]
    assert overall["f1"] >= CORPORA[name][2], scores.errors.to_string()


def test_speaker_accuracy_meets_target(corpus_scores):
    name, scores = corpus_scores
    overall = scores.speakers.set_index(["by", "value"]).loc[("all", "all")]
    assert overall["n_matched"] > 0
    assert overall["accuracy"] >= CORPORA[name][3], scores.errors.to_string()


def test_every_gold_span_is_found_in_the_body(corpus_scores):
    _, scores = corpus_scores
    assert not (scores.errors["error"] == "gold_not_in_body").any()


# --- the scorer on a made-up example ---------------------------------------------------

# Article "a" has one paragraph (raw line 3): BODY, two sentences.
BODY = "Kim said the plan was bold. “It will work,” Lee told us."
SENTENCES = pd.DataFrame(
    {
        "article_id": ["a", "a"],
        "sent_id": [0, 1],
        "para_id": [0, 0],
        "start": [0, 28],
        "end": [27, 56],
        "text": ["Kim said the plan was bold.", "“It will work,” Lee told us."],
        "line_no": [3, 3],
    }
)


def at(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


GOLD_EXAMPLE = pd.DataFrame(
    [
        ("a", 3, "indirect", "Kim", "the plan was bold"),
        ("a", 3, "direct", "Lee", "It will work,"),
        ("a", 3, "indirect", "Park", "Kim said"),
    ],
    columns=["article_id", "line_no", "kind", "speaker", "text"],
)


def quotes_table(rows) -> pd.DataFrame:
    columns = ["article_id", "quote_id", "sent_id", "kind", "speaker", "cue", "text"]
    columns += ["resolved_by", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


def test_scorer_counts_overlap_and_speakers():
    predicted = quotes_table(
        [
            # inside "the plan was bold": overlaps all of the shorter span, right speaker
            ("a", 0, 0, "indirect", "Kim", "said", "the plan", "alias", *at("the plan")),
            # the quote, wrong speaker and kind
            ("a", 1, 1, "indirect", "Kim", "told", "It will work,", "alias", *at("It will work,")),
            # a false alarm: no gold span overlaps it
            ("a", 2, 1, "direct", "Lee", "told", "us", "alias", *at("us")),
        ]
    )
    scores = quote_scores(GOLD_EXAMPLE, predicted, SENTENCES)
    overall = scores.statements.set_index(["kind", "article_id"]).loc[("all", "all")]
    assert overall[["n_gold", "n_pred", "matched_gold", "matched_pred"]].tolist() == [3, 3, 2, 2]
    assert overall["precision"] == pytest.approx(2 / 3)
    assert overall["recall"] == pytest.approx(2 / 3)
    direct = scores.statements.set_index(["kind", "article_id"]).loc[("direct", "all")]
    # gold direct: 1 statement, matched; predicted direct: 1, the false alarm
    assert direct[["n_gold", "matched_gold", "n_pred", "matched_pred"]].tolist() == [1, 1, 1, 0]
    speakers = scores.speakers.set_index(["by", "value"])
    assert speakers.loc[("all", "all"), ["n_matched", "n_correct"]].tolist() == [2, 1]
    assert speakers.loc[("all", "all"), "kind_accuracy"] == pytest.approx(0.5)
    errors = scores.errors
    assert list(errors.columns) == ERROR_COLUMNS
    assert sorted(errors["error"]) == ["false_alarm", "miss", "wrong_kind", "wrong_speaker"]
    assert errors.loc[errors["error"] == "miss", "gold_text"].tolist() == ["Kim said"]


def test_scorer_matches_one_to_one():
    # Two predictions over the same gold span: one match, one false alarm.
    predicted = quotes_table(
        [
            ("a", 0, 0, "indirect", "Kim", "said", "the plan was", "alias", *at("the plan was")),
            ("a", 1, 0, "indirect", "Kim", "said", "plan was bold", "alias", *at("plan was bold")),
        ]
    )
    scores = quote_scores(GOLD_EXAMPLE.iloc[:1], predicted, SENTENCES)
    overall = scores.statements.set_index(["kind", "article_id"]).loc[("all", "all")]
    assert overall[["matched_gold", "matched_pred", "n_pred"]].tolist() == [1, 1, 2]
    assert scores.errors["error"].tolist() == ["false_alarm"]
    # both lie inside the gold span; the larger overlap / union (13/17 vs 12/17) wins
    assert scores.errors["pred_text"].tolist() == ["the plan was"]


def test_scorer_reports_gold_text_missing_from_the_body():
    gold = pd.DataFrame(
        [("a", 3, "direct", "Kim", "not in the text")],
        columns=["article_id", "line_no", "kind", "speaker", "text"],
    )
    scores = quote_scores(gold, quotes_table([]), SENTENCES)
    assert scores.errors["error"].tolist() == ["gold_not_in_body"]
    assert scores.statements.set_index(["kind", "article_id"]).loc[("all", "all"), "recall"] == 0
