"""framing.sentiment: sentence scores, voice, targets and outlet tables on tiny synthetic tables."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from framing import sentiment as S  # noqa: E402
from framing.plots.sentiment import sentiment_dots, sentiment_heatmap  # noqa: E402

PLAIN = SentimentIntensityAnalyzer()


def sentences_table(texts: dict[tuple[str, int], str], para=None) -> pd.DataFrame:
    """A sentences table from ``{(article_id, sent_id): text}``; offsets as if joined by spaces."""
    rows, cursor = [], {}
    for (article_id, sent_id), text in texts.items():
        start = cursor.get(article_id, 0)
        rows.append(
            {
                "article_id": article_id,
                "sent_id": sent_id,
                "para_id": (para or {}).get((article_id, sent_id), 0),
                "start": start,
                "end": start + len(text),
                "text": text,
            }
        )
        cursor[article_id] = start + len(text) + 1
    return pd.DataFrame(rows)


ARTICLES = pd.DataFrame({"article_id": ["a1", "a2", "b1"], "outlet": ["Alpha", "Alpha", "Beta"]})


# --- sentence scores and voice -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The summit was a great success.",
        "Critics called the deal a disaster and a betrayal.",
        "The meeting took place on Tuesday.",
        "It was not good, but it was not terrible either!",
        "",
    ],
)
def test_sentence_scores_are_plain_vader(text):
    got = S.score_sentences(sentences_table({("a1", 0): text})).iloc[0]
    want = PLAIN.polarity_scores(text)
    assert [got["neg"], got["neu"], got["pos"], got["compound"]] == [
        want["neg"],
        want["neu"],
        want["pos"],
        want["compound"],
    ]


@pytest.mark.parametrize(
    "text, voice, n_quoted",
    [
        ("The two leaders met in Tokyo.", "narration", 0),
        ("“We will be there for you.”", "quoted", 6),
        ("“We will be there,” Trump said.", "mixed", 4),
        ('Trump said it was a "big deal" for both sides.', "mixed", 2),
        # Single curly quotes that can't be apostrophes quote too (framing.quotes.quote_spans).
        ("He called it a ‘big deal’ for both sides.", "mixed", 2),
        ("The leaders’ talks went well.", "narration", 0),  # an apostrophe, not a quote
        ("“", "narration", 0),
    ],
)
def test_voice_from_quotation_marks(text, voice, n_quoted):
    row = S.score_sentences(sentences_table({("a1", 0): text})).iloc[0]
    assert row["voice"] == voice
    assert row["n_words_quoted"] == n_quoted


def test_open_quote_carries_to_the_next_sentence_of_the_paragraph_only():
    texts = {
        ("a1", 0): "“We are allies.",
        ("a1", 1): "We will stay allies,” he said.",
        ("a1", 2): "Nobody objected.",
        ("a1", 3): "“Unclosed quote in a paragraph.",
        ("a1", 4): "A new paragraph starts in the outlet's voice.",
    }
    para = {("a1", 0): 0, ("a1", 1): 0, ("a1", 2): 0, ("a1", 3): 1, ("a1", 4): 2}
    out = S.score_sentences(sentences_table(texts, para))
    assert out["voice"].tolist() == ["quoted", "mixed", "narration", "quoted", "narration"]


@pytest.mark.parametrize(
    "text, spans, open_at_end",
    [
        ("no quotes here", [], False),
        ("a “b c” d", [(3, 6)], False),
        ('a "b" c "d e" f', [(3, 4), (9, 12)], False),
        ("“open to the end", [(1, 16)], True),
        ("«guillemets» too", [(1, 11)], False),
    ],
)
def test_quote_mark_spans(text, spans, open_at_end):
    assert S.quote_mark_spans(text) == (spans, open_at_end)


def test_mixed_sentence_scores_each_part_separately():
    text = "“This is a wonderful, happy day,” the spokesman said, amid anger and protests."
    row = S.score_sentences(sentences_table({("a1", 0): text})).iloc[0]
    assert row["voice"] == "mixed"
    assert row["compound_quoted"] > 0.5
    assert row["compound_narration"] < -0.3
    assert row["n_words_quoted"] + row["n_words_narration"] == row["n_words"]


def test_quotes_table_decides_voice_by_offsets():
    texts = {
        ("a1", 0): "The minister praised the wonderful deal.",
        ("a1", 1): "Officials met on Tuesday.",
    }
    sentences = sentences_table(texts)
    # An indirect statement covering "praised the wonderful deal" (no quotation marks).
    start = texts[("a1", 0)].index("praised")
    quotes = pd.DataFrame(
        {"article_id": ["a1"], "sent_id": [0], "start": [start], "end": [start + 26]}
    )
    out = S.score_sentences(sentences, quotes=quotes)
    assert out["voice"].tolist() == ["mixed", "narration"]
    assert out.loc[0, "n_words_quoted"] == 4
    assert out.loc[0, "compound_quoted"] > 0


def test_quote_without_offsets_makes_its_sentence_quoted():
    sentences = sentences_table({("a1", 0): "A fine day.", ("a1", 1): "Rain fell."})
    quotes = pd.DataFrame({"article_id": ["a1"], "sent_id": [1]})
    out = S.score_sentences(sentences, quotes=quotes)
    assert out["voice"].tolist() == ["narration", "quoted"]


def test_quote_spanning_two_sentences_marks_both():
    texts = {("a1", 0): "He spoke at length.", ("a1", 1): "It went well."}
    sentences = sentences_table(texts)
    quotes = pd.DataFrame(
        {"article_id": ["a1"], "sent_id": [0], "start": [3], "end": [int(sentences["end"][1])]}
    )
    out = S.score_sentences(sentences, quotes=quotes)
    assert out["voice"].tolist() == ["mixed", "quoted"]


def test_score_sentences_is_pure_sorted_and_typed():
    sentences = sentences_table({("b1", 1): "Bad news.", ("a1", 0): "Good news.", ("b1", 0): "Hi."})
    sentences = sentences.iloc[::-1].set_index(pd.Index([7, 8, 9]))
    before = sentences.copy()
    out = S.score_sentences(sentences)
    pd.testing.assert_frame_equal(sentences, before)
    assert list(out.columns) == S.SENTIMENT_COLUMNS
    assert list(zip(out["article_id"], out["sent_id"], strict=True)) == [
        ("a1", 0),
        ("b1", 0),
        ("b1", 1),
    ]
    assert out.index.equals(pd.RangeIndex(3))


def test_missing_columns_raise():
    with pytest.raises(ValueError, match="text"):
        S.score_sentences(pd.DataFrame({"article_id": ["a"], "sent_id": [0]}))


def test_one_analyzer_instance():
    assert S.analyzer() is S.analyzer()


# --- the target method -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The summit was a great success for everyone.",
        "Critics called the deal a disaster and a betrayal.",
        "It was not good, but it was not terrible either.",
        "The talks were hardly productive, and very tense.",
        "He is kind of worried about the extremely bad outlook.",
    ],
)
def test_token_valences_reproduce_vader_compound(text):
    # Guard on the vaderSentiment internals the target method relies on.
    _, valences = S._token_valences(text)
    assert round(S._normalize(sum(valences)), 4) == PLAIN.polarity_scores(text)["compound"]


def _tc(text: str, mention: str, **options) -> float:
    start = text.index(mention)
    return S.target_compound(text, [(start, start + len(mention))], **options)


@pytest.mark.parametrize(
    "text, mention, sign",
    [
        # the mention itself is not sentiment
        ("The United States sent officials.", "United States", 0),
        # capitalised words inside the sentence are names
        ("Smith joined the Democratic Party.", "Smith", 0),
        # the speaker's own quoted words are not sentiment toward the speaker
        ("“This is a terrible, awful idea,” Smith said.", "Smith", 0),
        ("Smith said: “This is a terrible, awful idea.”", "Smith", 0),
        # ... but quoted words about a target are
        ("“Smith is a terrible, awful leader,” Jones said.", "Smith", -1),
        # the near clause weighs more than the far one
        ("Japan won praise for its great leadership, but China faced harsh criticism and "
         "anger over the disaster.", "Japan", 1),
        ("Japan won praise for its great leadership, but China faced harsh criticism and "
         "anger over the disaster.", "China", -1),
        ("Critics said Smith failed badly.", "Smith", -1),
        ("Smith won a great victory.", "Smith", 1),
    ],
)  # fmt: skip
def test_target_compound_sign(text, mention, sign):
    value = _tc(text, mention)
    assert np.sign(round(value, 2)) == sign, value


def test_news_rules_can_be_switched_off():
    text = "“This is a terrible, awful idea,” Smith said."
    assert _tc(text, "Smith", speaker_rule=False) < -0.05
    text = "Smith joined the Democratic Party."
    assert _tc(text, "Smith", mask_names=False) > 0.05


def test_own_spans_do_not_count():
    text = "Smith praised the wonderful, brilliant deal."
    start = text.index("praised")
    assert _tc(text, "Smith") > 0.05
    assert _tc(text, "Smith", own_spans=[(start, len(text))]) == 0.0


def test_target_compound_rejects_a_span_on_no_word():
    with pytest.raises(ValueError, match="no mention span"):
        S.target_compound("Good news.", [(40, 45)])


# --- targets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. officials met Japanese diplomats.", {("US", "U.S."), ("Japan", "Japanese")}),
        ("They told us so.", set()),
        ("The USS George Washington docked.", set()),
        ("Trump met Takaichi in Tokyo.", {("US", "Trump"), ("Japan", "Takaichi")}),
        ("Tokyo has pledged more money.", {("Japan", "Tokyo")}),
        ("Tokyo: The prime minister spoke.", set()),
        ("Tokyo Electric Power said so.", set()),
        ("The rivalry between Washington and Beijing grew.",
         {("US", "Washington"), ("China", "Beijing")}),
        ("The US-Japan alliance is strong.",
         {("US", "US"), ("Japan", "Japan"), ("alliance", "US-Japan alliance")}),
        ("Japan–U.S. relations improved.",
         {("US", "U.S."), ("Japan", "Japan"), ("alliance", "Japan–U.S. relations")}),
        ("China’s exports fell.", {("China", "China")}),
        ("The Washington Post reported it.", set()),
    ],
)  # fmt: skip
def test_find_mentions(text, expected):
    found = S.find_mentions(sentences_table({("a1", 0): text}))
    assert set(zip(found["target"], found["mention"], strict=True)) == expected
    for start, end, mention in zip(found["start"], found["end"], found["mention"], strict=True):
        assert text[start:end] == mention


def test_actor_aliases_add_mentions_by_affiliation():
    sentences = sentences_table({("a1", 0): "Spokesperson Zhang Wei spoke."})
    assert S.find_mentions(sentences).empty
    actors = pd.DataFrame({"alias": ["Zhang Wei"], "affiliation": ["China"]})
    found = S.find_mentions(sentences, actors=actors)
    assert found["target"].tolist() == ["China"]


@pytest.mark.parametrize(
    "raw, message",
    [
        ({}, "targets"),
        ({"targets": [{"label": "x"}]}, "no `id`"),
        ({"targets": [{"id": "x"}]}, "no names"),
        ({"targets": [{"id": "x", "names": ["a"], "nmes": ["b"]}]}, "unknown keys"),
        ({"targets": [{"id": "x", "names": ["re:("]}]}, "bad pattern"),
        ({"targets": [{"id": "x", "names": "a"}]}, "list of strings"),
        ({"targets": [{"id": "x", "names": ["a"]}, {"id": "x", "names": ["b"]}]}, "twice"),
        ({"speech_cues": "said", "targets": [{"id": "x", "names": ["a"]}]}, "list of words"),
        ({"place_words": [1], "targets": [{"id": "x", "names": ["a"]}]}, "list of words"),
    ],
)
def test_bad_target_registry_raises(raw, message):
    with pytest.raises(ValueError, match=message):
        S.target_sentiment(sentences_table({("a1", 0): "a"}), targets=raw)


def test_packaged_targets_load():
    registry = S.load_targets()
    assert [t["id"] for t in registry["targets"]] == ["US", "Japan", "China", "alliance"]
    assert "said" in registry["speech_cues"]
    assert "in" in registry["place_words"]


def test_target_sentiment_rows_and_quotes_table():
    texts = {
        ("a1", 0): "China praised the wonderful, peaceful talks.",
        ("a1", 1): "The weather was fine.",
    }
    sentences = sentences_table(texts)
    out = S.target_sentiment(sentences)
    assert list(out.columns) == S.TARGET_COLUMNS
    assert out[["sent_id", "target", "n_mentions"]].values.tolist() == [[0, "China", 1]]
    assert out.loc[0, "compound"] > 0.05
    # The same words as a statement by a Chinese speaker are China's own voice.
    start = texts[("a1", 0)].index("praised")
    quotes = pd.DataFrame(
        {
            "article_id": ["a1"],
            "sent_id": [0],
            "start": [start],
            "end": [len(texts[("a1", 0)])],
            "affiliation": ["China"],
        }
    )
    assert S.target_sentiment(sentences, quotes=quotes).loc[0, "compound"] == 0.0
    quotes["affiliation"] = "US"
    assert S.target_sentiment(sentences, quotes=quotes).loc[0, "compound"] > 0.05


# --- outlet tables ------------------------------------------------------------------------------


def _sentiment(rows):
    """rows: (article_id, sent_id, compound, n_words[, voice parts])"""
    frame = pd.DataFrame(rows, columns=["article_id", "sent_id", "compound", "n_words"])
    return frame.assign(
        voice="narration",
        n_words_narration=frame["n_words"],
        n_words_quoted=0,
        compound_narration=frame["compound"],
        compound_quoted=math.nan,
    )


def test_outlet_sentiment_weighted_mean_counts_and_low_n():
    sentiment = _sentiment(
        [("a1", 0, 0.5, 10), ("a1", 1, -0.5, 30), ("a2", 0, 0.1, 10), ("b1", 0, 0.8, 5)]
    )
    out = S.outlet_sentiment(sentiment, ARTICLES, by=None)
    assert list(out.columns) == S.OUTLET_SENTIMENT_COLUMNS
    alpha = out.set_index("outlet").loc["Alpha"]
    assert alpha["estimate"] == pytest.approx((0.5 * 10 - 0.5 * 30 + 0.1 * 10) / 50)
    assert (alpha["n_sentences"], alpha["n_words"], alpha["low_n"]) == (3, 50, False)
    assert alpha["ci_low"] <= alpha["estimate"] <= alpha["ci_high"]
    beta = out.set_index("outlet").loc["Beta"]
    assert (beta["n_sentences"], bool(beta["low_n"])) == (1, True)
    assert beta["ci_low"] == beta["ci_high"] == pytest.approx(0.8)


def test_outlet_sentiment_by_voice_splits_mixed_sentences_and_keeps_empty_cells():
    sentiment = _sentiment([("a1", 0, 0.2, 10), ("b1", 0, 0.3, 4)])
    sentiment.loc[0, ["voice", "n_words_narration", "n_words_quoted"]] = ["mixed", 3, 7]
    sentiment.loc[0, ["compound_narration", "compound_quoted"]] = [-0.4, 0.9]
    out = S.outlet_sentiment(sentiment, ARTICLES)
    got = {(r.outlet, r.voice): (r.estimate, r.n_words) for r in out.itertuples()}
    assert got[("Alpha", "narration")] == (pytest.approx(-0.4), 3)
    assert got[("Alpha", "quoted")] == (pytest.approx(0.9), 7)
    beta_quoted = out[(out["outlet"] == "Beta") & (out["voice"] == "quoted")].iloc[0]
    assert beta_quoted["n_sentences"] == 0 and beta_quoted["low_n"]
    assert math.isnan(beta_quoted["estimate"])


def test_bootstrap_is_deterministic_and_seeded():
    rng = np.random.default_rng(1)
    rows = [("a1", i, float(v), 10) for i, v in enumerate(rng.uniform(-1, 1, 40))]
    sentiment = _sentiment(rows)
    first = S.outlet_sentiment(sentiment, ARTICLES, by=None, n_boot=200)
    again = S.outlet_sentiment(sentiment, ARTICLES, by=None, n_boot=200)
    other = S.outlet_sentiment(sentiment, ARTICLES, by=None, n_boot=200, random_state=5)
    pd.testing.assert_frame_equal(first, again)
    assert first.loc[0, "ci_low"] != other.loc[0, "ci_low"]
    assert first.loc[0, "ci_low"] < first.loc[0, "estimate"] < first.loc[0, "ci_high"]


def test_a_cell_does_not_depend_on_the_other_outlets():
    rows = [("a1", i, v, 5) for i, v in enumerate([0.1, 0.5, -0.2, 0.7])]
    alone = S.outlet_sentiment(_sentiment(rows), ARTICLES[ARTICLES["outlet"] == "Alpha"], by=None)
    both = S.outlet_sentiment(_sentiment([*rows, ("b1", 0, 0.3, 5)]), ARTICLES, by=None)
    pd.testing.assert_frame_equal(alone, both[both["outlet"] == "Alpha"])


def test_bootstrap_mean_edge_cases():
    assert all(math.isnan(x) for x in S.bootstrap_mean(np.array([]), np.array([])))
    assert S.bootstrap_mean(np.array([0.4]), np.array([2.0])) == (0.4, 0.4, 0.4)


def test_sentiment_by_topic_weights_by_topic_weight_times_words():
    sentiment = _sentiment([("a1", 0, 0.6, 10), ("a1", 1, -0.4, 10), ("b1", 0, 0.2, 10)])
    topic_scores = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a1", "b1"],
            "sent_id": [0, 0, 1, 0],
            "topic": ["trade", "security", "trade", "unassigned"],
            "weight": [0.75, 0.25, 1.0, 1.0],
            "matched": ["", "", "", ""],
        }
    )
    out = S.sentiment_by_topic(sentiment, topic_scores, ARTICLES, n_boot=100)
    assert list(out.columns) == S.TOPIC_SENTIMENT_COLUMNS
    assert out["topic"].tolist() == ["security", "trade", "unassigned"] * 2
    cell = out.set_index(["outlet", "topic"]).loc[("Alpha", "trade")]
    assert cell["estimate"] == pytest.approx((0.6 * 7.5 - 0.4 * 10) / 17.5)
    assert (cell["n_sentences"], cell["n_words"], bool(cell["low_n"])) == (2, 17.5, True)
    empty = out.set_index(["outlet", "topic"]).loc[("Beta", "trade")]
    assert empty["n_sentences"] == 0 and math.isnan(empty["estimate"])
    ordered = S.sentiment_by_topic(sentiment, topic_scores, ARTICLES, topics=["trade"])
    assert ordered["topic"].tolist() == ["trade", "trade"]


def test_outlet_target_sentiment_grid():
    scores = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a2", "b1"],
            "sent_id": [0, 1, 0, 0],
            "target": ["US", "US", "US", "China"],
            "n_mentions": [1, 2, 1, 1],
            "compound": [0.2, 0.4, 0.0, -0.3],
        }
    )
    out = S.outlet_target_sentiment(scores, ARTICLES, n_boot=100)
    assert list(out.columns) == S.TARGET_SENTIMENT_COLUMNS
    assert len(out) == 2 * 4
    us = out.set_index(["outlet", "target"]).loc[("Alpha", "US")]
    assert us["estimate"] == pytest.approx(0.2)
    assert (us["n_sentences"], us["n_mentions"], bool(us["low_n"])) == (3, 4, False)
    assert out.set_index(["outlet", "target"]).loc[("Beta", "China"), "low_n"]


def test_outlet_falls_back_to_article_id():
    articles = pd.DataFrame({"article_id": ["x1"], "outlet": [""]})
    out = S.outlet_sentiment(_sentiment([("x1", 0, 0.1, 3)]), articles, by=None)
    assert out["outlet"].tolist() == ["x1"]


def test_outlet_sentiment_rejects_unknown_by():
    with pytest.raises(ValueError, match="by must be"):
        S.outlet_sentiment(_sentiment([("a1", 0, 0.1, 3)]), ARTICLES, by="topic")


# --- figures ------------------------------------------------------------------------------------


def test_figures_draw_and_print_counts():
    sentiment = _sentiment([("a1", 0, 0.5, 10), ("a1", 1, -0.2, 8), ("b1", 0, 0.1, 5)])
    fig = sentiment_dots(S.outlet_sentiment(sentiment, ARTICLES, n_boot=50))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("n=2" in t for t in texts) and any("(n<3)" in t for t in texts)
    plt.close(fig)
    topic_scores = pd.DataFrame(
        {"article_id": ["a1", "b1"], "sent_id": [0, 0], "topic": ["t", "t"], "weight": [1.0, 1.0]}
    )
    table = S.sentiment_by_topic(sentiment, topic_scores, ARTICLES, n_boot=50)
    _, ax = plt.subplots()
    fig = sentiment_heatmap(table, ax=ax)
    assert fig is ax.figure
    cells = [t.get_text() for t in ax.texts]
    assert "+0.50\nn=1*" in cells and "+0.10\nn=1*" in cells
    plt.close(fig)
