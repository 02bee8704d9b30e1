"""Tests of :mod:`framing.compare`: distinctive terms, similarity, credits and shared passages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing.compare import (
    CREDIT_COLUMNS,
    PASSAGE_COLUMNS,
    TERM_COLUMNS,
    credited_sources,
    distinctive_terms,
    log_odds_dirichlet,
    preprocess,
    shared_passages,
    shingle_tokens,
    similarity_matrix,
)


def tables(docs: dict[str, tuple[str, list[str]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``{article_id: (outlet, [sentence, ...])}`` → ``(sentences, articles)``.

    Sentences are joined by one space into a body, so ``start``/``end`` index that body.
    """
    sents, arts = [], []
    for article_id, (outlet, texts) in docs.items():
        start = 0
        for sent_id, text in enumerate(texts):
            sents.append((article_id, sent_id, start, start + len(text), text))
            start += len(text) + 1
        arts.append((article_id, outlet, " ".join(texts)))
    return (
        pd.DataFrame(sents, columns=["article_id", "sent_id", "start", "end", "text"]),
        pd.DataFrame(arts, columns=["article_id", "outlet", "body"]),
    )


# --- distinctive terms: a worked example ------------------------------------------------
#
# Outlet A says "tariff tariff alliance", outlet B "alliance alliance missile".
# Counts: A = {tariff: 2, alliance: 1}, n_A = 3; B = {alliance: 2, missile: 1}, n_B = 3.
# Corpus: {tariff: 2, alliance: 3, missile: 1}, n = 6.
#
# prior=None → alpha_0 = n = 6, a_w = 6 * y_w / 6 = y_w: a_tariff = 2, a_alliance = 3,
# a_missile = 1.  Monroe et al. eq. 16 for A against B ("rest" = B):
#   tariff:   delta = ln((2+2)/(3+6-2-2)) - ln((0+2)/(3+6-0-2)) = ln(4/5) - ln(2/7) = ln(2.8)
#             var = 1/(2+2) + 1/(0+2) = 0.75,  z = ln(2.8) / sqrt(0.75)
#   alliance: delta = ln((1+3)/(3+6-1-3)) - ln((2+3)/(3+6-2-3)) = ln(4/5) - ln(5/4) = ln(0.64)
#             var = 1/4 + 1/5 = 0.45,  z = ln(0.64) / sqrt(0.45)
#   missile:  n_outlet = 0, so not listed for A (min_count = 1).
# For B against A the signs flip, and:
#   missile:  delta = ln((1+1)/(3+6-1-1)) - ln((0+1)/(3+6-0-1)) = ln(2/7) - ln(1/8) = ln(16/7)
#             var = 1/2 + 1/1 = 1.5,  z = ln(16/7) / sqrt(1.5) = 0.67498
#   alliance: delta = ln(1/0.64),  z = ln(1/0.64) / sqrt(0.45) = 0.66528
# so B ranks missile (z 0.675) just above alliance (z 0.665), though alliance is more frequent.

HAND_DOCS = {
    "a1": ("A", ["tariff tariff alliance"]),
    "b1": ("B", ["alliance alliance missile"]),
}
HAND_EXPECTED = [
    # outlet, term, n_outlet, n_rest, log_odds, z, rank
    ("A", "tariff", 2, 0, math.log(2.8), math.log(2.8) / math.sqrt(0.75), 1),
    ("A", "alliance", 1, 2, math.log(0.64), math.log(0.64) / math.sqrt(0.45), 2),
    ("B", "missile", 1, 0, math.log(16 / 7), math.log(16 / 7) / math.sqrt(1.5), 1),
    ("B", "alliance", 2, 1, -math.log(0.64), -math.log(0.64) / math.sqrt(0.45), 2),
]


def test_distinctive_terms_matches_hand_computation():
    sentences, articles = tables(HAND_DOCS)
    got = distinctive_terms(sentences, articles, ngram_range=(1, 1))
    expected = pd.DataFrame(HAND_EXPECTED, columns=TERM_COLUMNS)
    assert list(got.columns) == TERM_COLUMNS
    assert (
        got[["outlet", "term"]].astype(str).values.tolist()
        == expected[["outlet", "term"]].values.tolist()
    )
    assert got["n_outlet"].tolist() == expected["n_outlet"].tolist()
    assert got["n_rest"].tolist() == expected["n_rest"].tolist()
    assert got["rank"].tolist() == expected["rank"].tolist()
    np.testing.assert_allclose(got["log_odds"], expected["log_odds"], rtol=1e-12)
    np.testing.assert_allclose(got["z"], expected["z"], rtol=1e-12)
    assert got["z"].iloc[2] == pytest.approx(0.67498, abs=1e-5)


def test_prior_size_shrinks_the_estimate():
    # alpha_0 = 12 → a_w = 2 * y_w: a_tariff = 4.
    # delta = ln((2+4)/(3+12-2-4)) - ln((0+4)/(3+12-0-4)) = ln(6/9) - ln(4/11) = ln(66/36)
    # var = 1/6 + 1/4, z = ln(66/36) / sqrt(5/12) = 0.93902
    sentences, articles = tables(HAND_DOCS)
    got = distinctive_terms(sentences, articles, ngram_range=(1, 1), prior=12)
    tariff = got[got["term"] == "tariff"].iloc[0]
    assert tariff["log_odds"] == pytest.approx(math.log(66 / 36), rel=1e-12)
    assert tariff["z"] == pytest.approx(math.log(66 / 36) / math.sqrt(5 / 12), rel=1e-12)
    assert tariff["z"] == pytest.approx(0.93902, abs=1e-5)


def test_log_odds_is_antisymmetric_and_rejects_zero_prior():
    y_i, y_j, alpha = np.array([5, 1, 0]), np.array([1, 2, 4]), np.array([1.0, 0.5, 0.5])
    d_ij, z_ij = log_odds_dirichlet(y_i, y_j, alpha)
    d_ji, z_ji = log_odds_dirichlet(y_j, y_i, alpha)
    np.testing.assert_allclose(d_ij, -d_ji)
    np.testing.assert_allclose(z_ij, -z_ji)
    with pytest.raises(ValueError):
        log_odds_dirichlet(y_i, y_j, np.array([1.0, 0.0, 1.0]))


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Bigrams span only adjacent words; none with a stop word at an edge.
        (
            "the history of aggression",
            {"history", "aggression"},
            {"history aggression", "of aggression", "the history", "the", "of"},
        ),
        ("rare earths and critical minerals", {"rare earths", "critical minerals"}, {"and"}),
        # Dotted and undotted acronyms are one term; the pronoun "us" is a stop word.
        ("U.S. tariffs hurt US farmers and us", {"US", "US tariffs", "US farmers"}, {"us"}),
        ("Japan's defense and Japan’s economy", {"japan", "defense"}, {"s", "japan s"}),
    ],
)
def test_terms_and_stop_words(text, present, absent):
    sentences, articles = tables({"a": ("A", [text]), "b": ("B", ["unrelated words here"])})
    got = distinctive_terms(sentences, articles, top_n=100)
    terms = set(got.loc[got["outlet"] == "A", "term"].astype(str))
    assert present <= terms
    assert not absent & terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. President", "US president"),
        ("The AI and G20 talks", "the AI and G20 talks"),
        ("Japan's U.K.-style plan", "japan's UK-style plan"),
    ],
)
def test_preprocess(text, expected):
    assert preprocess(text) == expected


def test_distinctive_terms_needs_two_outlets_and_does_not_mutate():
    sentences, articles = tables(HAND_DOCS)
    before = (sentences.copy(), articles.copy())
    distinctive_terms(sentences, articles)
    pd.testing.assert_frame_equal(sentences, before[0])
    pd.testing.assert_frame_equal(articles, before[1])
    one = articles.assign(outlet="A")
    with pytest.raises(ValueError, match="two outlets"):
        distinctive_terms(sentences, one)


def test_top_n_and_rank():
    docs = {
        "a": ("A", ["alpha beta gamma delta epsilon zeta eta theta"]),
        "b": ("B", ["iota kappa lambda"]),
    }
    sentences, articles = tables(docs)
    got = distinctive_terms(sentences, articles, ngram_range=(1, 1), top_n=3)
    assert got.groupby("outlet")["rank"].apply(list).to_dict() == {
        "A": [1, 2, 3],
        "B": [1, 2, 3],
    }
    assert got.index.equals(pd.RangeIndex(len(got)))


# --- similarity -------------------------------------------------------------------------


def test_similarity_matrix_articles_and_outlets():
    docs = {
        "a1": ("X", ["Rare earths deal signed in Tokyo."]),
        "a2": ("Y", ["Rare earths deal signed in Tokyo."]),
        "a3": ("Z", ["Spokesman urged restraint over history."]),
    }
    sentences, articles = tables(docs)
    by_article = similarity_matrix(sentences, articles, level="article")
    assert list(by_article.index) == ["a1", "a2", "a3"]
    assert by_article.index.name == "article_id"
    assert by_article.loc["a1", "a2"] == pytest.approx(1.0)
    assert by_article.loc["a1", "a3"] == pytest.approx(0.0)
    np.testing.assert_allclose(by_article.to_numpy(), by_article.to_numpy().T)
    np.testing.assert_allclose(np.diag(by_article.to_numpy()), 1.0)
    by_outlet = similarity_matrix(sentences, articles)
    assert list(by_outlet.columns) == ["X", "Y", "Z"]
    assert by_outlet.loc["X", "Y"] == pytest.approx(1.0)


def test_outlet_similarity_is_a_centroid_not_a_concatenation():
    # Outlet X has one article like Y's and one unrelated; its similarity to Y is the cosine of
    # the centroid, strictly between 0 and 1.
    docs = {
        "x1": ("X", ["Rare earths deal signed."]),
        "x2": ("X", ["Spokesman urged restraint."]),
        "y1": ("Y", ["Rare earths deal signed."]),
    }
    sentences, articles = tables(docs)
    got = similarity_matrix(sentences, articles)
    assert 0.0 < got.loc["X", "Y"] < 1.0
    assert got.loc["X", "Y"] == pytest.approx(1 / math.sqrt(2))


def test_similarity_rejects_unknown_level():
    sentences, articles = tables(HAND_DOCS)
    with pytest.raises(ValueError, match="level"):
        similarity_matrix(sentences, articles, level="sentence")


# --- credits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders met, News.Az reports, citing Kyodo.", ["Kyodo News"]),
        ("They signed a deal, according to Kyodo News.", ["Kyodo News"]),
        ("TOKYO (Reuters) - Japan agreed on Tuesday.", ["Reuters"]),
        ("Xinhua reported that talks went well.", ["Xinhua"]),
        ("The minister told the Associated Press on Monday.", ["Associated Press"]),
        ("Citing AFP and according to Yonhap, it rained.", ["Agence France-Presse", "Yonhap"]),
        # Bare mentions, people and lower-case words are not credits.
        ("Kyodo is a news agency based in Tokyo.", []),
        ("Michael Bloomberg said he would attend.", []),
        ("We will tap the ap market, according to the minister.", []),
    ],
)
def test_credited_sources(text, expected):
    sentences, _ = tables({"a": ("A", [text])})
    got = credited_sources(sentences)
    assert list(got.columns) == CREDIT_COLUMNS
    assert got["service"].astype(str).tolist() == expected


# --- shared passages --------------------------------------------------------------------

WIRE = (
    "The two leaders affirmed the steady implementation of a trade agreement reached in July, "
    "which includes a commitment to invest $550 billion in key industries."
)
REWRITE = (
    "The leaders are also expected to have affirmed the steady implementation of a trade "
    "agreement struck in July, which includes a commitment to invest $550 billion in key U.S. "
    "industries."
)


def test_shared_passage_found_with_spans_and_nearby_credit():
    docs = {
        "a": ("Outlet One", ["Leaders met in Tokyo on Tuesday.", WIRE, "So said Kyodo News."]),
        "b": (
            "Outlet Two",
            ["A summit opened, citing Kyodo.", "Markets rose.", "Traders cheered.", REWRITE],
        ),
        "c": ("Outlet Three", ["An unrelated story about the weather in the mountains today."]),
    }
    sentences, articles = tables(docs)
    got = shared_passages(sentences, articles)
    assert list(got.columns) == PASSAGE_COLUMNS
    assert len(got) == 1
    row = got.iloc[0]
    assert (row["article_a"], row["sent_id_a"], row["article_b"], row["sent_id_b"]) == (
        "a",
        1,
        "b",
        3,
    )
    assert (row["outlet_a"], row["outlet_b"]) == ("Outlet One", "Outlet Two")
    for side in ("a", "b"):
        body = articles.set_index("article_id").loc[row[f"article_{side}"], "body"]
        assert body[row[f"start_{side}"] : row[f"end_{side}"]] == row[f"text_{side}"]
    assert row["text_a"].startswith("affirmed the steady implementation")
    # "key U.S. industries" differs from "key industries": the shared run ends at "key".
    assert row["text_a"].endswith("$550 billion in key")
    assert 0 < row["jaccard"] <= row["similarity"] <= 1
    # "citing Kyodo" is three sentences before b's match: outside the window of 1, but it is
    # credited in the article; "So said Kyodo News." is a bare mention, not a credit.
    assert row["credited_source"] == ""
    assert row["credited_in_articles"] == "Kyodo News"
    wide = shared_passages(sentences, articles, credit_window=3)
    assert wide["credited_source"].tolist() == ["Kyodo News"]


@pytest.mark.parametrize(
    ("text_a", "text_b", "found"),
    [
        # Verbatim sentence in two articles.
        (WIRE, WIRE, True),
        # Only a common 5-word phrase shared: one shingle, below min_shared.
        (
            "Japan's first female prime minister met the press.",
            "Crowds cheered for Japan's first female prime minister outside.",
            False,
        ),
        # A 6-word run shared in short sentences: two shingles and half the shingles.
        (
            "Anything I can do to help, he said.",
            "Anything I can do to help, Trump added.",
            True,
        ),
        # Same topic, different words.
        (
            "Trump last came to Japan in 2019 for the G20 summit in Osaka.",
            "Trump last visited Japan in 2019 for a Group of 20 summit in Osaka.",
            False,
        ),
    ],
)
def test_shared_passage_thresholds(text_a, text_b, found):
    sentences, articles = tables({"a": ("A", [text_a]), "b": ("B", [text_b])})
    got = shared_passages(sentences, articles)
    assert (len(got) == 1) is found


def test_no_pairs_within_one_article_and_empty_result_has_columns():
    docs = {"a": ("A", [WIRE, WIRE]), "b": ("B", ["Nothing in common with the other text."])}
    sentences, articles = tables(docs)
    got = shared_passages(sentences, articles)
    assert got.empty
    assert list(got.columns) == PASSAGE_COLUMNS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. and US", ["us", "and", "us"]),
        ("Japan's and Japan’s", ["japan", "and", "japan"]),
        ("$550 billion, 27.5 percent", ["550", "billion", "275", "percent"]),
    ],
)
def test_shingle_tokens(text, expected):
    assert [t for t, _, _ in shingle_tokens(text)] == expected


def test_seed_corpus_shared_copy_is_found(seed_tables):
    """The issue's seed pairs: Kyodo-derived copy, and one statement in different wording."""
    got = shared_passages(seed_tables.sentences, seed_tables.articles)
    assert (got["outlet_a"] != got["outlet_b"]).all()
    investment = got[got["text_a"].str.contains("550 billion")]
    assert len(investment) == 1
    assert "Kyodo News" in investment["credited_source"].iloc[0]
    statement = got[
        got["text_a"].str.contains("history of aggression")
        & got["text_b"].str.contains("history of aggression")
    ]
    assert len(statement) == 1


# --- plots ------------------------------------------------------------------------------


def test_plots_draw_one_panel_per_outlet_and_label_cells():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.plots.compare import distinctive_terms_plot, similarity_heatmap

    docs = {
        "a1": ("A", ["tariff tariff alliance"]),
        "b1": ("B", ["alliance alliance missile"]),
        "c1": ("C", ["missile tariff talks"]),
    }
    sentences, articles = tables(docs)
    fig = distinctive_terms_plot(distinctive_terms(sentences, articles, ngram_range=(1, 1)))
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["A", "B", "C"]
    plt.close(fig)
    sim = similarity_matrix(sentences, articles)
    fig = similarity_heatmap(sim)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert len(texts) == 9
    assert texts[0] == "1.00"
    plt.close(fig)


# --- voice share, profile and findings --------------------------------------------------

from framing.compare import (  # noqa: E402
    PROFILE_COLUMNS,
    findings,
    framing_profile,
    outlet_contrasts,
    profile_table,
)


def profile_rows(rows):
    """Profile rows from ``(outlet, measure, item, estimate, ci_low, ci_high, n)``."""
    frame = pd.DataFrame(
        rows, columns=["outlet", "measure", "item", "estimate", "ci_low", "ci_high", "n"]
    )
    frame["rank"] = frame.groupby(["outlet", "measure"]).cumcount() + 1
    frame["n_unit"] = "words"
    frame["detail"] = ""
    return frame[PROFILE_COLUMNS]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Intervals apart: stated, with the largest other estimate rounded up.
        (
            [
                ("A", "voice_share", "China", 0.58, 0.44, 0.71, 300),
                ("B", "voice_share", "China", 0.141, 0.05, 0.30, 200),
                ("C", "voice_share", "China", 0.02, 0.0, 0.08, 250),
            ],
            [
                "A gives 58% [CI 44–71%] of attributed words to China-affiliated speakers "
                "(n = 300 words); no other outlet exceeds 15%."
            ],
        ),
        # Intervals overlap: nothing is stated.
        (
            [
                ("A", "voice_share", "China", 0.58, 0.25, 0.71, 30),
                ("B", "voice_share", "China", 0.14, 0.0, 0.30, 20),
            ],
            [],
        ),
        (
            [
                ("A", "topic_share", "trade", 0.40, 0.30, 0.50, 500),
                ("B", "topic_share", "trade", 0.10, 0.05, 0.20, 400),
                ("A", "topic_share", "unassigned", 0.60, 0.50, 0.70, 500),
                ("B", "topic_share", "unassigned", 0.05, 0.01, 0.10, 400),
            ],
            [
                "A gives 40% [CI 30–50%] of its words to the topic 'trade' (n = 500 words); "
                "no other outlet exceeds 10%."
            ],
        ),
        # Narration against quoted speech within an outlet; a thin cell is never used.
        (
            [
                ("A", "sentiment", "narration", -0.20, -0.30, -0.10, 30),
                ("A", "sentiment", "quoted", 0.40, 0.20, 0.60, 10),
                ("B", "sentiment", "narration", -0.25, -0.35, -0.15, 30),
                ("B", "sentiment", "quoted", 0.90, 0.80, 1.00, 2),
            ],
            [
                "A's own narration is more negative (mean compound -0.20 [CI -0.30, -0.10], "
                "n = 30 sentences) than the statements it quotes (+0.40 [CI +0.20, +0.60], "
                "n = 10)."
            ],
        ),
        # Distinctive terms only from |z| >= 1.96.
        (
            [
                ("A", "distinctive_term", "guo", 2.5, np.nan, np.nan, 6),
                ("A", "distinctive_term", "asia", 1.2, np.nan, np.nan, 3),
                ("B", "distinctive_term", "tariff", 1.9, np.nan, np.nan, 4),
            ],
            ["Words A uses markedly more than the other outlets: 'guo' (z 2.5, n = 6)."],
        ),
    ],
)
def test_findings_are_stated_only_where_intervals_support_them(rows, expected):
    assert findings(profile_rows(rows)) == expected


def test_shared_copy_finding_names_a_nearby_credit_once_per_pair():
    profile = profile_rows(
        [
            ("A", "shared_copy", "B", 2, np.nan, np.nan, 2),
            ("B", "shared_copy", "A", 2, np.nan, np.nan, 2),
        ]
    )
    profile["detail"] = "credited nearby: Kyodo News (1 of 2)"
    assert findings(profile) == [
        "A and B share 2 sentences nearly word for word; credited nearby: Kyodo News (1 of 2)."
    ]


def test_framing_profile_on_small_tables():
    from framing.sentiment import score_sentences

    docs = {
        "a1": ("A", ["Beijing urged Japan to reflect on history.", "The talks were good."]),
        "b1": ("B", ["Tariffs fell sharply on cars and trucks.", "Investors were happy today."]),
    }
    sentences, articles = tables(docs)
    sentences["n_words"] = sentences["text"].str.split().str.len()
    sentences["para_id"] = 0
    topic_scores = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "b1", "b1"],
            "sent_id": [0, 1, 0, 1],
            "topic": ["china", "trade", "trade", "unassigned"],
            "weight": [1.0, 1.0, 1.0, 1.0],
            "matched": ["beijing", "talks", "tariffs", ""],
        }
    )
    quotes = pd.DataFrame(
        {"article_id": ["a1", "b1"], "quote_id": [0, 0], "kind": ["direct", "indirect"],
         "affiliation": ["China", "US"], "n_words": [6, 5]}
    )  # fmt: skip
    given = {
        "articles": articles,
        "sentences": sentences,
        "topic_scores": topic_scores,
        "quotes": quotes,
        "sentiment": score_sentences(sentences),
    }
    profile = framing_profile(given, n_boot=50)
    assert list(profile.columns) == PROFILE_COLUMNS
    assert set(profile["measure"]) == {
        "topic_share",
        "voice_share",
        "sentiment",
        "distinctive_term",
    }
    top = profile[(profile["measure"] == "topic_share") & (profile["rank"] == 1)]
    assert dict(zip(top["outlet"], top["item"], strict=True)) == {"A": "china", "B": "trade"}
    china = profile[(profile["measure"] == "voice_share") & (profile["item"] == "China")]
    assert china["estimate"].tolist() == [1.0, 0.0]
    wide = profile_table(profile)
    assert wide["outlet"].tolist() == ["A", "B"]
    assert wide.loc[0, "voice_share"].startswith("China 100%")
    # Missing per-sentence tables leave their measures out.
    only = framing_profile({"articles": articles, "sentences": sentences})
    assert set(only["measure"]) == {"distinctive_term"}


def contrast_row(estimate, ci, rest_estimate, rest_ci, measure="voice_share", item="China"):
    return {
        "outlet": "A", "measure": measure, "item": item, "estimate": estimate, "ci_low": ci[0],
        "ci_high": ci[1], "n": 300, "rest_estimate": rest_estimate, "rest_ci_low": rest_ci[0],
        "rest_ci_high": rest_ci[1], "rest_n": 900,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # Separated intervals: stated, with both intervals and counts.
        (contrast_row(0.58, (0.44, 0.71), 0.05, (0.01, 0.12)),
         "A gives 58% [CI 44–71%] of attributed words to China-affiliated speakers "
         "(n = 300 attributed words), more than the other outlets together: 5% [CI 1–12%] "
         "(n = 900)."),
        # Overlapping intervals: nothing stated.
        (contrast_row(0.42, (0.09, 0.76), 0.05, (0.0, 0.13)), None),
        # A zero-width interval (0 of a few statements) is no evidence: nothing stated.
        (contrast_row(0.0, (0.0, 0.0), 0.15, (0.05, 0.28)), None),
        (contrast_row(0.02, (0.0, 0.06), 0.31, (0.2, 0.4), measure="topic_share", item="trade"),
         "A gives 2% [CI 0–6%] of its words to the topic 'trade' (n = 300 words), less than "
         "the other outlets together: 31% [CI 20–40%] (n = 900)."),
    ],
)  # fmt: skip
def test_contrast_findings(row, expected):
    empty_profile = pd.DataFrame(columns=PROFILE_COLUMNS)
    stated = findings(empty_profile, pd.DataFrame([row]))
    assert stated == ([expected] if expected else [])


def test_outlet_contrasts_pool_the_other_outlets():
    articles = pd.DataFrame({"article_id": ["a1", "b1", "c1"], "outlet": ["A", "B", "C"]})
    quotes = pd.DataFrame(
        {"article_id": ["a1", "a1", "b1", "c1"], "quote_id": [0, 1, 0, 0],
         "kind": ["direct"] * 4, "affiliation": ["China", "US", "US", "China"],
         "n_words": [30, 10, 20, 20]}
    )  # fmt: skip
    contrasts = outlet_contrasts({"articles": articles, "quotes": quotes}, n_boot=100)
    row = contrasts.set_index(["outlet", "measure", "item"]).loc[("A", "voice_share", "China")]
    assert row["estimate"] == pytest.approx(0.75)
    assert row["rest_estimate"] == pytest.approx(0.5)  # B and C pooled: 20 of 40 words
    assert (row["n"], row["rest_n"]) == (40, 40)
    assert set(contrasts["outlet"]) == {"A", "B", "C"}


@pytest.mark.parametrize(
    ("narration_ci", "stated"),
    [((0.00, 0.10), True), ((0.05, 0.05), False)],  # a one-sentence mean: zero width
)
def test_sentiment_finding_never_rests_on_a_zero_width_interval(narration_ci, stated):
    profile = profile_rows(
        [
            ("A", "sentiment", "narration", 0.05, *narration_ci, 5),
            ("A", "sentiment", "quoted", 0.6, 0.4, 0.8, 5),
        ]
    )
    assert bool(findings(profile)) is stated
