"""Tests of :mod:`framing.segment`: paragraph and sentence spans and the ``sentences`` table."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.segment import (
    ABBREVIATIONS,
    SENTENCE_COLUMNS,
    paragraph_spans,
    segment,
    sentence_spans,
)


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


# --- sentence boundaries ----------------------------------------------------------------

ABBREVIATION_CASES = [
    (
        "Japan's new PM and U.S. President Donald Trump met. Both smiled.",
        ["Japan's new PM and U.S. President Donald Trump met.", "Both smiled."],
    ),
    (
        "The U.K. and the U.N. agreed with the U.S. on Tuesday. The E.U. did not.",
        ["The U.K. and the U.N. agreed with the U.S. on Tuesday.", "The E.U. did not."],
    ),
    (
        "Mr. Smith met Mrs. Jones, Ms. Lee and Dr. Brown. Gen. Milley came too.",
        ["Mr. Smith met Mrs. Jones, Ms. Lee and Dr. Brown.", "Gen. Milley came too."],
    ),
    (
        "Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom spoke. They left.",
        ["Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom spoke.", "They left."],
    ),
    (
        "He lives on St. Mark's Place near No. 10 Downing Street. It is old.",
        ["He lives on St. Mark's Place near No. 10 Downing Street.", "It is old."],
    ),
    ("No. That is not true.", ["No.", "That is not true."]),
    (
        "He lives at 10 Downing St. The house is old.",
        ["He lives at 10 Downing St.", "The house is old."],
    ),
    (
        "It began on Jan. 5 and ended Dec. 12. Talks resume in Sept. 2026 or Oct. 3.",
        ["It began on Jan. 5 and ended Dec. 12.", "Talks resume in Sept. 2026 or Oct. 3."],
    ),
    (
        "Feb. 1, Mar. 2, Apr. 3, Aug. 4 and Nov. 5 are dates. So is Jul. 6.",
        ["Feb. 1, Mar. 2, Apr. 3, Aug. 4 and Nov. 5 are dates.", "So is Jul. 6."],
    ),
    (
        "President Donald J. Trump arrived. George W. Bush did not.",
        ["President Donald J. Trump arrived.", "George W. Bush did not."],
    ),
    (
        "Apple Inc. Chief Executive Tim Cook spoke. Sales rose.",
        ["Apple Inc. Chief Executive Tim Cook spoke.", "Sales rose."],
    ),
    (
        "They met at 5 p.m. The talks lasted an hour.",
        ["They met at 5 p.m.", "The talks lasted an hour."],
    ),
    (
        "Some goods, e.g. Rice, were exempt. Others, i.e. Cars, were not.",
        ["Some goods, e.g. Rice, were exempt.", "Others, i.e. Cars, were not."],
    ),
]

US_AT_SENTENCE_END_CASES = [
    # "U.S." ends the sentence and a common sentence starter follows: a boundary.
    ("The deal was made in the U.S. The talks lasted a day.", 2),
    ("Investment will flow to the U.S. It is worth $550 billion.", 2),
    ("He praised the U.S. But he warned of tariffs.", 2),
    ("She flew to the U.S. “We are allies,” she said.", 2),
    # A capitalised word that can continue a name: no boundary (the documented trade-off).
    ("The U.S. Navy base in Yokosuka is large.", 1),
    ("Japan's new PM and U.S. President Donald Trump met.", 1),
    ("The deal was made in the U.S. Trump praised it.", 1),
]

NUMBER_CASES = [
    (
        "Japan pledged $550 billion. Tariffs fell to 27.5 percent. It was $1.5 trn in all.",
        ["Japan pledged $550 billion.", "Tariffs fell to 27.5 percent.", "It was $1.5 trn in all."],
    ),
    (
        "He was assassinated in 2022. 250 cherry trees will be donated.",
        ["He was assassinated in 2022.", "250 cherry trees will be donated."],
    ),
    (
        "Output grew 3.2% in Q1. $400 billion is planned.",
        ["Output grew 3.2% in Q1.", "$400 billion is planned."],
    ),
]

ELLIPSIS_CASES = [
    ("He paused... and then spoke. It was over.", ["He paused... and then spoke.", "It was over."]),
    ("He paused… and then spoke.", ["He paused… and then spoke."]),
    ("It was over... Then silence fell.", ["It was over...", "Then silence fell."]),
    ("It was over… Then silence fell.", ["It was over…", "Then silence fell."]),
    ("“... stronger than ever,” he said.", ["“... stronger than ever,” he said."]),
    ("“… Stronger than ever,” he said.", ["“… Stronger than ever,” he said."]),
]

QUOTE_CASES = [
    (
        "Ties would be “stronger than ever.” He left.",
        ["Ties would be “stronger than ever.”", "He left."],
    ),
    (
        'Ties would be "...stronger than ever." He left.',
        ['Ties would be "...stronger than ever."', "He left."],
    ),
    ("“We will be there,” Trump said.", ["“We will be there,” Trump said."]),
    ('"We will be there," Trump said.', ['"We will be there," Trump said.']),
    (
        "“Anything I can do to help Japan, we will be there,” Trump said. “You’re going to do "
        "a fantastic job.”",
        [
            "“Anything I can do to help Japan, we will be there,” Trump said.",
            "“You’re going to do a fantastic job.”",
        ],
    ),
    (
        "It was a “big deal.” He was referring to Abe.",
        ["It was a “big deal.”", "He was referring to Abe."],
    ),
    (
        "He urged “a new golden age”. Trump agreed.",
        ["He urged “a new golden age”.", "Trump agreed."],
    ),
    (
        'Steps for "a new golden age". Trump agreed.',
        ['Steps for "a new golden age".', "Trump agreed."],
    ),
    ("She said: ‘We will win.’ Then she left.", ["She said: ‘We will win.’", "Then she left."]),
    ("“Why not?” Trump asked. He smiled.", ["“Why not?” Trump asked.", "He smiled."]),
    ('"Never!" Mr. Trump shouted at reporters.', ['"Never!" Mr. Trump shouted at reporters.']),
    (
        "“Why not?” Trump said the deal was dead.",
        ["“Why not?”", "Trump said the deal was dead."],
    ),
    ("“It is over,” he said. “We won.”", ["“It is over,” he said.", "“We won.”"]),
]

PUNCTUATION_CASES = [
    ("Why? Because. Really! Yes.", ["Why?", "Because.", "Really!", "Yes."]),
    ("Is it true?! Nobody knows.", ["Is it true?!", "Nobody knows."]),
    (
        "Spending rose to 2 percent — two years early. Japan–US ties are strong.",
        ["Spending rose to 2 percent — two years early.", "Japan–US ties are strong."],
    ),
    (
        "“I want to just let you know -- any time you need help, we will be there.” Trump added.",
        [
            "“I want to just let you know -- any time you need help, we will be there.”",
            "Trump added.",
        ],
    ),
    ("(He left early.) Then he came back.", ["(He left early.)", "Then he came back."]),
    ("He left [early.] Then he returned.", ["He left [early.]", "Then he returned."]),
    (
        "Goods—soybeans, trucks—were included. Tariffs fell.",
        ["Goods—soybeans, trucks—were included.", "Tariffs fell."],
    ),
    ("It ended at 9:30. Then: silence.", ["It ended at 9:30.", "Then: silence."]),
]

NON_BOUNDARY_CASES = [
    ("He signed the agreements. rare earth deals followed.", 1),  # lower case after a stop
    ("Yahoo! said nothing.", 1),
    ("News.Az reports, citing Kyodo.", 1),  # no space after the stop
    ("Visit thelocalreport.in As A Trusted Source", 1),
    ("It was over.", 1),
    ("   Padded sentence.   ", 1),
    ("", 0),
    ("   ", 0),
    ("...", 1),
]


@pytest.mark.parametrize(("text", "expected"), ABBREVIATION_CASES)
def test_abbreviations_and_initials(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(("text", "n_sentences"), US_AT_SENTENCE_END_CASES)
def test_us_at_the_end_of_a_sentence(text, n_sentences):
    assert len(split(text)) == n_sentences


@pytest.mark.parametrize(("text", "expected"), NUMBER_CASES)
def test_decimals_and_money(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(("text", "expected"), ELLIPSIS_CASES)
def test_ellipses(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(("text", "expected"), QUOTE_CASES)
def test_quotations(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(("text", "expected"), PUNCTUATION_CASES)
def test_question_marks_dashes_and_brackets(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(("text", "n_sentences"), NON_BOUNDARY_CASES)
def test_non_boundaries(text, n_sentences):
    assert len(split(text)) == n_sentences


def test_abbreviations_are_one_lower_case_frozenset():
    assert isinstance(ABBREVIATIONS, frozenset)
    assert {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "no", "jan"} <= ABBREVIATIONS
    assert all(a == a.lower() and not a.endswith(".") for a in ABBREVIATIONS)


def test_sentence_spans_offset_and_stripping():
    text = "  First one.  Second one.  "
    assert sentence_spans(text) == [(2, 12), (14, 25)]
    assert sentence_spans(text, offset=100) == [(102, 112), (114, 125)]


def test_pathological_megabyte_without_punctuation_returns():
    text = "a" * 1_000_000
    assert sentence_spans(text) == [(0, 1_000_000)]
    words = "word " * 200_000
    assert sentence_spans(words) == [(0, len(words) - 1)]


def test_pathological_megabyte_of_stops_returns():
    assert len(sentence_spans(". " * 500_000)) == 1
    assert len(sentence_spans("." * 1_000_000)) == 1


# --- paragraphs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("  One. \n \n\n  Two.\r\nThree.  ", ["One.", "Two.", "Three."]),
        ("\n\n", []),
        ("", []),
        ("Single paragraph.", ["Single paragraph."]),
    ],
)
def test_paragraph_spans(body, expected):
    assert [body[s:e] for s, e in paragraph_spans(body)] == expected


# --- offset invariants on random text -------------------------------------------------------

ALPHABET = st.sampled_from(
    list("abcXYZ 019") + [".", "?", "!", "…", "...", "“", "”", '"', "'", "’", "(", ")", "—"]
    + ["\n", "\n\n", "U.S.", "Mr.", "J.", " The ", " said ", "\t", "\xa0", "$1.5"]
)  # fmt: skip
RANDOM_TEXT = st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(RANDOM_TEXT)
def test_sentence_spans_are_ordered_stripped_substrings(text):
    spans = sentence_spans(text, offset=7)
    previous_end = 7
    for start, end in spans:
        assert previous_end <= start < end <= len(text) + 7
        sentence = text[start - 7 : end - 7]
        assert sentence == sentence.strip()
        previous_end = end
    # Nothing but whitespace is left out.
    covered = "".join(text[s - 7 : e - 7] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(st.lists(RANDOM_TEXT, max_size=4))
def test_segment_offsets_index_the_body(bodies):
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(bodies))],
            "body": bodies,
            "status": ["ok"] * len(bodies),
        }
    )
    sentences = segment(articles)
    by_id = dict(zip(articles["article_id"], articles["body"], strict=True))
    for row in sentences.itertuples(index=False):
        assert by_id[row.article_id][row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text
        assert "\n" not in row.text


# --- the sentences table ----------------------------------------------------------------------


def test_segment_builds_the_sentences_table():
    articles = pd.DataFrame(
        {
            "article_id": ["b", "a", "c", "d"],
            "body": [
                "Second article. It has U.S. ties.\n\nNew paragraph here.",
                "First article’s only sentence, Trump’s US-Japan deal.",
                "Skipped because of its status.",
                "",
            ],
            "status": ["ok", "ok", "skipped", "ok"],
        }
    )
    before = articles.copy(deep=True)
    sentences = segment(articles)
    pd.testing.assert_frame_equal(articles, before)  # the input is not mutated
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert isinstance(sentences.index, pd.RangeIndex)
    assert sentences["article_id"].tolist() == ["a", "b", "b", "b"]
    assert sentences["sent_id"].tolist() == [0, 0, 1, 2]
    assert sentences["para_id"].tolist() == [0, 0, 0, 1]
    assert sentences["text"].tolist() == [
        "First article’s only sentence, Trump’s US-Japan deal.",
        "Second article.",
        "It has U.S. ties.",
        "New paragraph here.",
    ]
    assert sentences["n_words"].tolist() == [7, 2, 5, 3]
    for row in sentences.itertuples(index=False):
        body = articles.set_index("article_id").loc[row.article_id, "body"]
        assert body[row.start : row.end] == row.text
    for column in ("sent_id", "para_id", "start", "end", "n_words"):
        assert sentences[column].dtype == "int64"


def test_segment_of_empty_input_has_the_columns():
    empty = pd.DataFrame({"article_id": pd.Series([], dtype=str), "body": [], "status": []})
    sentences = segment(empty)
    assert list(sentences.columns) == SENTENCE_COLUMNS
    assert len(sentences) == 0
    assert sentences["start"].dtype == "int64"
    assert sentences["n_words"].dtype == "int64"


def test_segment_skips_missing_bodies_and_needs_its_columns():
    articles = pd.DataFrame({"article_id": ["a"], "body": [None], "status": ["ok"]})
    assert segment(articles).empty
    with pytest.raises(KeyError, match="body"):
        segment(pd.DataFrame({"article_id": ["a"]}))
