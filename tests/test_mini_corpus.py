"""The pipeline on a second, made-up corpus (tests/fixtures/mini_corpus), end to end."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.cli import main

from .conftest import REPO

MINI = REPO / "tests" / "fixtures" / "mini_corpus"


@pytest.fixture(scope="module")
def mini_tables():
    from framing.pipeline import score_corpus

    return score_corpus(MINI)


def test_every_file_is_a_row_and_spanish_is_kept_unscored(mini_tables):
    articles = mini_tables.articles.set_index("article_id")
    assert sorted(articles.index) == ["es_001", "hg_001", "hg_002", "pw_001", "scd_001"]
    assert articles.loc["es_001", "status"] == "skipped"
    assert articles.loc["es_001", "language"] == "es"
    assert (articles.drop(index="es_001")["status"] == "ok").all()
    assert "es_001" not in set(mini_tables.sentences["article_id"])


@pytest.mark.parametrize(
    ("article_id", "headline", "byline", "date", "dateline"),
    [
        (
            "hg_001",
            "Canada and Mexico sign ports accord in Ottawa",
            "Marie Tremblay",
            "2026-03-04",
            "",
        ),
        ("pw_001", "Reeve and Ortega seal $3.2bn ports pact", "", "2026-03-04", "Ottawa"),
        ("scd_001", "Brasilia warns Ottawa accord threatens fair fishing", "", "2026-03-05", ""),
    ],
)
def test_metadata_from_the_page(mini_tables, article_id, headline, byline, date, dateline):
    row = mini_tables.articles.set_index("article_id").loc[article_id]
    assert (row["headline"], row["byline"], row["date"], row["dateline"]) == (
        headline,
        byline,
        date,
        dateline,
    )


def test_no_furniture_left_in_bodies(mini_tables):
    bodies = " ".join(mini_tables.articles["body"])
    for chrome in (
        "Share on",
        "©",
        "Copyright",
        "Views:",
        "Follow us",
        "Related stories",
        "Menu |",
    ):
        assert chrome not in bodies


def test_sentences_round_trip_to_body_offsets(mini_tables):
    bodies = mini_tables["_bodies"].set_index("article_id")["body"]
    for row in mini_tables.sentences.itertuples():
        assert bodies[row.article_id][row.start : row.end] == row.text
    assert mini_tables.sentences.groupby("article_id").size().to_dict() == {
        "hg_001": 7,
        "hg_002": 6,
        "pw_001": 6,
        "scd_001": 6,
    }


def test_cli_on_the_mini_corpus(tmp_path, capsys):
    assert main(["score", str(MINI), "--out", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "(4 ok, 1 skipped, 0 error)" in out and "es_001.txt: language detected as 'es'" in out
    removed = pd.read_csv(tmp_path / "removed.csv")
    assert set(removed["article_id"]) == {"hg_001", "hg_002", "pw_001", "scd_001"}
