"""Tests of :mod:`framing.topics`: codebook checks, phrases, coding, share, evidence, p-values."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from framing.topics import (
    EVIDENCE_COLUMNS,
    PERMUTATION_COLUMNS,
    SHARE_COLUMNS,
    TOPIC_SCORE_COLUMNS,
    UNASSIGNED,
    CodebookError,
    code_sentences,
    codebook_table,
    evidence,
    expand_phrase,
    load_codebook,
    match_sentence,
    most_varied_topic,
    parse_codebook,
    permutation_test,
    phrase_regex,
    primary_topics,
    topic_share,
)


def book(*topics, **settings) -> dict:
    """A codebook mapping from ``(id, include, exclude)`` triples or full topic dicts."""
    entries = []
    for topic in topics:
        if isinstance(topic, dict):
            entries.append(topic)
            continue
        topic_id, include, exclude = topic
        entries.append(
            {
                "id": topic_id,
                "label": topic_id.title(),
                "description": f"about {topic_id}",
                "include": list(include),
                "exclude": list(exclude),
            }
        )
    return {"name": "test", "topics": entries, **settings}


def sentences_table(rows) -> pd.DataFrame:
    """``(article_id, sent_id, para_id, text)`` rows -> a sentences table with n_words."""
    frame = pd.DataFrame(rows, columns=["article_id", "sent_id", "para_id", "text"])
    return frame.assign(n_words=frame["text"].str.split().str.len())


TRADE_SECURITY = parse_codebook(
    book(
        ("trade", ["trade", "trade deal", "tariff*", "economic"], ["economic security"]),
        ("security", ["security", "alliance", "golden age"], ["economic security"]),
    ),
    "test.yaml",
)

# --- phrase syntax ---------------------------------------------------------------------------

PHRASE_CASES = [
    ("rare earth", "supplies of rare-earth metals", True),
    ("rare earth", "rare – earth", True),
    ("rare earth", "rare earths", False),
    ("rare earth*", "rare earths", True),
    ("tariff*", "higher tariffs on cars", True),
    ("trade", "traders", False),
    ("trade", "Trade talks", True),
    ("US", "the US and Japan", True),
    ("US", "told us so", False),
    ("U.S.", "the US and Japan", True),
    ("U.S.", "the U.S. and Japan", True),
    ("China's Foreign Ministry", "China’s foreign ministry said", True),
    ("USS *", "aboard the USS George Washington", True),
    ("USS *", "the USS", False),
    ("Abe", "Abe's legacy", True),
    ("Abe", "Abeyance", False),
    ("re:\\$\\s?\\d+\\s?billion", "a $550 billion fund", True),
    ("re:\\$\\s?\\d+\\s?billion", "a 550 billion fund", False),
]


@pytest.mark.parametrize(("phrase", "text", "expected"), PHRASE_CASES)
def test_phrase_syntax(phrase, text, expected):
    found = re.search(phrase_regex(phrase), text, re.IGNORECASE) is not None
    assert found is expected


EXPANSION_CASES = [
    ("trade deal", ["trade deal"]),
    ("(China|Beijing) urged", ["China urged", "Beijing urged"]),
    ("(has|had|) urged", ["has urged", "had urged", "urged"]),
    ("(a|b) (c|d)", ["a c", "a d", "b c", "b d"]),
    ("re:(?:a|b)", ["re:(?:a|b)"]),
]


@pytest.mark.parametrize(("phrase", "expected"), EXPANSION_CASES)
def test_expand_phrase(phrase, expected):
    assert expand_phrase(phrase) == expected


# --- codebook checks -------------------------------------------------------------------------

GOOD_TOPIC = {"id": "trade", "label": "Trade", "description": "d", "include": ["trade"]}

MALFORMED = [
    ({"topics": []}, "'topics' must be a non-empty list"),
    ({"topics": [GOOD_TOPIC], "colour": "red"}, "unknown key(s) ['colour']"),
    ({"topics": [{**GOOD_TOPIC, "id": "Trade Talk"}]}, "'id' must be snake_case"),
    ({"topics": [{**GOOD_TOPIC, "id": UNASSIGNED}]}, "reserved"),
    ({"topics": [{**GOOD_TOPIC, "label": ""}]}, "topic 'trade' (topic 1): 'label' must be"),
    ({"topics": [{**GOOD_TOPIC, "include": []}]}, "topic 'trade' (topic 1): 'include' is empty"),
    ({"topics": [{**GOOD_TOPIC, "include": "trade"}]}, "'include' must be a list"),
    ({"topics": [{**GOOD_TOPIC, "include": ["re:(unclosed"]}]}, "not a valid pattern"),
    ({"topics": [{**GOOD_TOPIC, "include": ["re:x*"]}]}, "matches the empty string"),
    ({"topics": [{**GOOD_TOPIC, "include": ["ok", 3]}]}, "empty or non-text entry 3"),
    ({"topics": [{**GOOD_TOPIC, "include": ["(|)"]}]}, "'(|)' expands to no phrase"),
    ({"topics": [{**GOOD_TOPIC, "exclude": ["(a|b) (c|d)" * 6]}]}, "expands to 4096 phrases"),
    ({"topics": [{**GOOD_TOPIC, "weight": -1}]}, "'weight' must be a positive number"),
    ({"topics": [{**GOOD_TOPIC, "weight": True}]}, "'weight' must be a positive number"),
    ({"topics": [{**GOOD_TOPIC, "carry": "yes"}]}, "'carry' must be true or false"),
    ({"topics": [{**GOOD_TOPIC, "incude": ["x"]}]}, "topic 'trade' (topic 1): unknown key"),
    ({"topics": [GOOD_TOPIC, GOOD_TOPIC]}, "topic 'trade' (topic 2): duplicate id"),
    ({"topics": [GOOD_TOPIC], "residual": "other"}, "residual 'other' is not one of"),
    ({"topics": [GOOD_TOPIC], "background": {"weight": 2}}, "'weight' must be a number from 0"),
    ({"topics": [GOOD_TOPIC], "inherit_in_paragraph": "no"}, "'inherit_in_paragraph' must be"),
    ({"topics": ["trade"]}, "topic 1: expected a mapping"),
    ([1, 2], "expected a mapping with a 'topics' list"),
]


@pytest.mark.parametrize(("data", "message"), MALFORMED)
def test_malformed_codebook_names_file_topic_and_problem(data, message):
    with pytest.raises(CodebookError) as caught:
        parse_codebook(data, "my_codebook.yaml")
    assert str(caught.value).startswith("my_codebook.yaml: ")
    assert message in str(caught.value)


def test_codebook_error_is_a_value_error_and_names_a_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("topics:\n  - id: trade\n    label: Trade\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.yaml: topic 'trade' \(topic 1\): 'desc"):
        load_codebook(path)
    with pytest.raises(CodebookError, match="no such codebook file"):
        load_codebook(tmp_path / "missing.yaml")
    path.write_text("topics: [unclosed", encoding="utf-8")
    with pytest.raises(CodebookError, match="not valid YAML"):
        load_codebook(path)


def test_residual_topic_may_have_no_phrases():
    codebook = parse_codebook(
        book(("trade", ["trade"], []), {**GOOD_TOPIC, "id": "other", "include": []})
        | {"residual": "other"}
    )
    assert codebook.residual == "other"
    assert codebook.topic("other").include == ()


def test_packaged_codebooks_load():
    event = load_codebook()
    assert event.ids[:1] and "china_reaction" in event.ids and event.residual == "other"
    assert set(event.ids) == {
        "us_japan_alliance_security", "trade_investment", "critical_minerals",
        "china_reaction", "history_militarism", "defense_spending", "personal_diplomacy",
        "north_korea", "asia_tour", "other",
    }  # fmt: skip
    frames = load_codebook("policy_frames")
    assert len(frames.ids) == 15 and frames.residual == "other"
    assert {"economic", "morality", "security_defense", "external_regulation"} <= set(frames.ids)
    assert frames.labels["security_defense"] == "Security and defence"
    table = codebook_table(frames)
    assert table["topic"].tolist() == frames.ids
    assert (table.loc[table["topic"] != "other", "n_include"] > 0).all()


# --- matching one sentence -------------------------------------------------------------------

MATCH_CASES = [
    ("They signed a trade deal.", {"trade": (2.0, ["trade deal"])}),
    ("Tariffs and trade.", {"trade": (2.0, ["tariffs", "trade"])}),
    ("It is about economic security.", {}),  # excluded for both topics
    ("A golden age of the alliance.", {"security": (3.0, ["golden age", "alliance"])}),
    ("Nothing here.", {}),
    (
        "Security and trade.",
        {"trade": (1.0, ["trade"]), "security": (1.0, ["security"])},
    ),
]


@pytest.mark.parametrize(("text", "expected"), MATCH_CASES)
def test_match_sentence_scores_words_of_matches(text, expected):
    assert match_sentence(text, TRADE_SECURITY) == expected


def test_background_clause_counts_half():
    codebook = parse_codebook(
        book(("trade", ["trade"], []), ("security", ["alliance"], []))
        | {"background": {"weight": 0.5, "openers": ["ahead of"]}}
    )
    leading = match_sentence("Ahead of trade talks, the alliance grew.", codebook)
    assert leading == {"trade": (0.5, ["trade"]), "security": (1.0, ["alliance"])}
    relative = match_sentence("The alliance, which began with trade, grew.", codebook)
    assert relative == {"security": (1.0, ["alliance"]), "trade": (0.5, ["trade"])}


# --- coding a sentences table ----------------------------------------------------------------

SEEDLIKE = sentences_table(
    [
        ("a", 0, 0, "They signed a trade deal."),
        ("a", 1, 0, "Security and trade."),
        ("a", 2, 1, "Nothing to see."),
        ("b", 0, 0, "The alliance is strong."),
    ]
)


def test_code_sentences_rows_weights_and_unassigned():
    original = SEEDLIKE.copy()
    scores = code_sentences(SEEDLIKE, TRADE_SECURITY)
    pd.testing.assert_frame_equal(SEEDLIKE, original)  # input untouched
    assert list(scores.columns) == TOPIC_SCORE_COLUMNS
    assert scores.index.equals(pd.RangeIndex(len(scores)))
    rows = [
        tuple(r)
        for r in scores[["article_id", "sent_id", "topic", "weight"]].itertuples(index=False)
    ]
    assert rows == [
        ("a", 0, "trade", 1.0),
        ("a", 1, "trade", 0.5),  # codebook order within a sentence
        ("a", 1, "security", 0.5),
        ("a", 2, UNASSIGNED, 1.0),
        ("b", 0, "security", 1.0),
    ]
    assert scores.loc[scores["topic"] == UNASSIGNED, "matched"].tolist() == [""]
    assert scores.groupby(["article_id", "sent_id"])["weight"].sum().eq(1.0).all()


def test_code_sentences_sorts_shuffled_input():
    shuffled = SEEDLIKE.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        code_sentences(shuffled, TRADE_SECURITY), code_sentences(SEEDLIKE, TRADE_SECURITY)
    )


def test_primary_topic_ties_follow_codebook_order():
    scores = code_sentences(SEEDLIKE, TRADE_SECURITY)
    primary = primary_topics(scores, TRADE_SECURITY)
    assert primary["topic"].tolist() == ["trade", "trade", UNASSIGNED, "security"]
    reordered = parse_codebook(
        book(
            ("security", ["security", "alliance", "golden age"], ["economic security"]),
            ("trade", ["trade", "trade deal", "tariff*", "economic"], ["economic security"]),
        )
    )
    assert primary_topics(scores, reordered)["topic"].tolist()[1] == "security"


INHERIT = parse_codebook(
    book(("trade", ["trade"], []), ("security", ["alliance"], [])) | {"inherit_in_paragraph": True}
)


def test_unmatched_sentence_inherits_within_its_paragraph_only():
    sentences = sentences_table(
        [
            ("a", 0, 0, "Trade grew."),
            ("a", 1, 0, "It grew a lot."),
            ("a", 2, 1, "It kept growing."),
        ]
    )
    scores = code_sentences(sentences, INHERIT)
    assert scores["topic"].tolist() == ["trade", "trade", UNASSIGNED]
    assert scores["matched"].tolist() == ["trade", "trade [sent 0]", ""]


VOICE = parse_codebook(
    book(
        {
            "id": "china",
            "label": "China",
            "description": "China's official voice",
            "carry": True,
            "include": ["Chinese Foreign Ministry"],
        },
        ("security", ["alliance", "security"], []),
        ("history", ["aggression"], []),
    )
)

CARRY_CASES = [
    # (sentence after the voice, same paragraph?, carried?)
    ("The alliance should serve peace.", True, True),  # no attribution of its own
    ("The alliance should serve peace.", False, False),  # a new paragraph, no attribution
    ("Japan must reflect on its aggression, he said.", False, True),  # pronoun attribution
    ("Guo urged Japan to reflect on its aggression.", False, True),  # same surname
    ("Tanaka said the alliance is strong.", True, False),  # someone else speaks
]


@pytest.mark.parametrize(("text", "same_paragraph", "carried"), CARRY_CASES)
def test_voice_topic_carries_into_reported_speech(text, same_paragraph, carried):
    sentences = sentences_table(
        [
            ("a", 0, 0, "Chinese Foreign Ministry spokesman Guo Jiakun said peace matters."),
            ("a", 1, 0 if same_paragraph else 1, text),
        ]
    )
    scores = code_sentences(sentences, VOICE)
    second = scores[scores["sent_id"] == 1]
    assert ("china" in second["topic"].tolist()) is carried
    if carried:
        assert second.loc[second["topic"] == "china", "matched"].item().endswith("[sent 0]")


# --- share, evidence, permutation test -------------------------------------------------------

SHARE_SENTENCES = pd.DataFrame(
    {
        "article_id": ["a", "a", "b", "b"],
        "sent_id": [0, 1, 0, 1],
        "n_words": [10, 30, 20, 20],
        "text": ["w1", "w2", "w3", "w4"],
    }
)
SHARE_SCORES = pd.DataFrame(
    {
        "article_id": ["a", "a", "a", "b", "b"],
        "sent_id": [0, 1, 1, 0, 1],
        "topic": ["trade", "trade", "security", UNASSIGNED, "security"],
        "weight": [1.0, 0.5, 0.5, 1.0, 1.0],
        "matched": ["trade", "trade", "alliance", "", "alliance"],
    }
)
SHARE_ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})


def test_topic_share_is_word_weighted_and_reports_unassigned():
    share = topic_share(SHARE_SCORES, SHARE_SENTENCES, SHARE_ARTICLES, n_boot=200)
    assert list(share.columns) == ["outlet", *SHARE_COLUMNS]
    got = share.set_index(["outlet", "topic"])["estimate"]
    assert got[("X", "trade")] == pytest.approx((10 + 15) / 40)
    assert got[("X", "security")] == pytest.approx(15 / 40)
    assert got[("X", UNASSIGNED)] == 0.0
    assert got[("Y", UNASSIGNED)] == pytest.approx(0.5)
    assert got.groupby(level="outlet").sum().to_numpy() == pytest.approx([1.0, 1.0])
    assert (share["ci_low"] <= share["estimate"] + 1e-12).all()
    assert (share["estimate"] <= share["ci_high"] + 1e-12).all()
    assert share.set_index("outlet").loc["X", "n_words"].iloc[0] == 40


def test_most_varied_topic_is_the_one_that_sets_groups_apart():
    share = topic_share(SHARE_SCORES, SHARE_SENTENCES, SHARE_ARTICLES, n_boot=0)
    assert most_varied_topic(share) == "trade"  # 0.625 vs 0; unassigned (0 vs 0.5) is skipped


def test_topic_share_is_deterministic_and_per_group_seeded():
    first = topic_share(SHARE_SCORES, SHARE_SENTENCES, SHARE_ARTICLES)
    pd.testing.assert_frame_equal(first, topic_share(SHARE_SCORES, SHARE_SENTENCES, SHARE_ARTICLES))
    only_x = topic_share(
        SHARE_SCORES[SHARE_SCORES["article_id"] == "a"],
        SHARE_SENTENCES[SHARE_SENTENCES["article_id"] == "a"],
        SHARE_ARTICLES,
    )
    x_rows = first[(first["outlet"] == "X") & first["topic"].isin(only_x["topic"])]
    np.testing.assert_allclose(x_rows["ci_low"].to_numpy(), only_x["ci_low"].to_numpy())


def test_topic_share_per_article_needs_no_articles_table():
    share = topic_share(SHARE_SCORES, SHARE_SENTENCES, by="article_id", n_boot=0)
    assert share["article_id"].unique().tolist() == ["a", "b"]
    assert share["ci_low"].isna().all()


def test_topic_share_refuses_uncoded_sentences():
    with pytest.raises(ValueError, match="no rows in topic_scores"):
        topic_share(
            SHARE_SCORES[SHARE_SCORES["article_id"] == "a"], SHARE_SENTENCES, by="article_id"
        )


def test_evidence_lists_the_sentences_behind_a_share():
    rows = evidence(SHARE_SCORES, SHARE_SENTENCES, SHARE_ARTICLES, topic="security", group="Y")
    assert list(rows.columns) == [EVIDENCE_COLUMNS[0], "outlet", *EVIDENCE_COLUMNS[1:]]
    assert rows[["article_id", "sent_id", "topic_words"]].values.tolist() == [["b", 1, 20.0]]
    everywhere = evidence(SHARE_SCORES, SHARE_SENTENCES, topic="security")
    assert everywhere["topic_words"].sum() == pytest.approx(15 + 20)


def permutation_corpus(n_per_outlet: int, a_rate: float, b_rate: float) -> tuple:
    """Outlet A's sentences are on topic t at ``a_rate``, outlet B's at ``b_rate``."""
    rows, scores = [], []
    for outlet, rate in (("A", a_rate), ("B", b_rate)):
        for i in range(n_per_outlet):
            article_id = f"{outlet}{i // 5}"
            rows.append((article_id, i % 5, 10, "text"))
            on_topic = i < rate * n_per_outlet
            scores.append((article_id, i % 5, "t" if on_topic else "u", 1.0, ""))
    sentences = pd.DataFrame(rows, columns=["article_id", "sent_id", "n_words", "text"])
    topic_scores = pd.DataFrame(scores, columns=TOPIC_SCORE_COLUMNS)
    articles = (
        sentences[["article_id"]].drop_duplicates().assign(outlet=lambda f: f["article_id"].str[0])
    )
    return topic_scores, sentences, articles


@pytest.mark.parametrize(
    ("a_rate", "b_rate", "small_p"),
    [(0.8, 0.1, True), (0.3, 0.3, False), (0.1, 0.8, False)],
)
def test_permutation_test_p_value(a_rate, b_rate, small_p):
    scores, sentences, articles = permutation_corpus(40, a_rate, b_rate)
    result = permutation_test(scores, sentences, articles, group="A", topic="t", n_perm=999)
    assert list(result.columns) == ["outlet", *PERMUTATION_COLUMNS]
    row = result.iloc[0]
    assert row["estimate"] == pytest.approx(a_rate)
    assert bool(row["p_value"] < 0.01) is small_p
    assert 1 / 1000 <= row["p_value"] <= 1
    again = permutation_test(scores, sentences, articles, group="A", topic="t", n_perm=999)
    pd.testing.assert_frame_equal(result, again)


def test_permutation_test_by_article_keeps_articles_together():
    scores, sentences, articles = permutation_corpus(40, 0.8, 0.1)
    result = permutation_test(
        scores, sentences, articles, group="A", topic="t", unit="article", n_perm=999
    )
    assert result["n_articles"].item() == 8
    assert result["p_value"].item() < 0.05
    with pytest.raises(ValueError, match="unit must be"):
        permutation_test(scores, sentences, articles, group="A", topic="t", unit="word")
    with pytest.raises(KeyError, match="no sentences with outlet == 'C'"):
        permutation_test(scores, sentences, articles, group="C", topic="t")


# --- figures (framing.plots.topics draws from the share table) -------------------------------


def test_share_figures_draw_every_topic_and_the_unassigned_share():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.plots.topics import UNASSIGNED_LABEL, topic_share_bars, topic_share_dots

    share = topic_share(SHARE_SCORES, SHARE_SENTENCES, SHARE_ARTICLES, n_boot=50)
    fig = topic_share_bars(share, labels={"trade": "Trade"})
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["security", "Trade", UNASSIGNED_LABEL]  # by mean share; unassigned last
    assert fig.axes[0].get_xlim() == (0.0, 1.0)
    dots = topic_share_dots(share, "security")
    assert [t.get_text() for t in dots.axes[0].get_yticklabels()] == [
        "Y (2 sentences)",
        "X (2 sentences)",
    ]
    with pytest.raises(KeyError, match="not in the share table"):
        topic_share_dots(share, "weather")
    plt.close("all")


def test_focus_topic_prefers_the_asked_topic_only_where_it_occurs():
    from framing.topics import focus_topic

    share = pd.DataFrame(
        {"outlet": ["A", "A", "B", "B"], "topic": ["trade", "china", "trade", "china"],
         "estimate": [0.9, 0.0, 0.1, 0.0]}
    )  # fmt: skip
    assert focus_topic(share, "china") == "trade"  # nobody gives 'china' any share
    assert focus_topic(share, "missing") == "trade"
    assert focus_topic(share.assign(estimate=[0.5, 0.5, 0.4, 0.2]), "china") == "china"
    assert focus_topic(share) == "trade"
