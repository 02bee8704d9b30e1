"""framing.corpus: every input becomes a row with a status and a reason."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.corpus import ARTICLE_COLUMNS, CorpusError, decode_bytes, load_corpus

ENGLISH = (
    "Japan's prime minister met the US president in Tokyo on Tuesday. The two leaders signed "
    "an agreement on critical minerals and promised to deepen their alliance."
)
SPANISH = (
    "La primera ministra de Japón se reunió con el presidente de Estados Unidos en Tokio. "
    "Los dos líderes firmaron un acuerdo sobre minerales críticos y tierras raras."
)
ITALIAN = (
    "La prima ministra giapponese ha incontrato il presidente degli Stati Uniti a Tokyo. "
    "I due leader hanno firmato un accordo sui minerali critici e sulle terre rare."
)


def row(articles: pd.DataFrame, article_id: str) -> pd.Series:
    return articles.set_index("article_id").loc[article_id]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ENGLISH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), "utf-8-sig"),
        (ENGLISH.encode("utf-16"), "utf-16"),
        (ENGLISH.replace("Japan's", "Japan\u2019s").encode("cp1252"), "cp1252"),
        (ENGLISH.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_encodings_decode_to_the_same_text(write_corpus, data, encoding):
    articles = load_corpus(write_corpus({"a.txt": data}))
    a = row(articles, "a")
    assert a["status"] == "ok"
    assert a["encoding"] == encoding
    assert a["raw_text"].replace("\u2019", "'") == ENGLISH


def test_cp1252_curly_quotes_and_latin1_fallback():
    text, encoding = decode_bytes("“Peace” — café".encode("cp1252"))
    assert (text, encoding) == ("“Peace” — café", "cp1252")
    text, encoding = decode_bytes(b"caf\xe9 \x81")  # 0x81 is undefined in cp1252
    assert encoding == "latin-1" and text.startswith("café")


def test_crlf_is_normalised():
    assert decode_bytes(b"one\r\ntwo\rthree")[0] == "one\ntwo\nthree"


def test_empty_and_binary_files_are_skipped_with_reasons(write_corpus):
    folder = write_corpus(
        {
            "good.txt": ENGLISH,
            "empty.txt": b"",
            "blank.txt": "  \n\n",
            "img.txt": b"\x89PNG\x00\x01\x02" * 50,
        }
    )
    articles = load_corpus(folder)
    assert list(articles["article_id"]) == ["blank", "empty", "good", "img"]
    assert row(articles, "good")["status"] == "ok"
    assert row(articles, "empty")["status"] == "skipped"
    assert "empty file" in row(articles, "empty")["reason"]
    assert "empty file" in row(articles, "blank")["reason"]
    assert row(articles, "img")["status"] == "skipped"
    assert "binary" in row(articles, "img")["reason"]
    assert "img.txt" in row(articles, "img")["reason"]


def test_manifest_missing_file_and_path_outside_are_error_rows(write_corpus):
    manifest = (
        "file,outlet,country,outlet_type,date,headline,byline,url\n"
        "a.txt,Daily A,,,2025-10-28,,,\n"
        "missing.txt,Daily B,,,,,,\n"
        "../outside.txt,Daily C,,,,,,\n"
    )
    folder = write_corpus({"a.txt": ENGLISH, "manifest.csv": manifest})
    (folder.parent / "outside.txt").write_text(ENGLISH, encoding="utf-8")
    articles = load_corpus(folder)
    assert len(articles) == 3
    assert row(articles, "a")["outlet"] == "Daily A"
    missing = row(articles, "missing")
    assert missing["status"] == "error"
    assert missing["reason"] == "manifest.csv line 3: file missing.txt not found"
    outside = row(articles, "outside")
    assert outside["status"] == "error"
    assert "line 4" in outside["reason"] and "outside the corpus folder" in outside["reason"]


def test_files_not_in_manifest_are_still_loaded(write_corpus):
    folder = write_corpus(
        {"a.txt": ENGLISH, "b.txt": ENGLISH, "manifest.csv": "file,outlet\na.txt,Daily A\n"}
    )
    articles = load_corpus(folder)
    assert list(articles["article_id"]) == ["a", "b"]
    assert list(articles["status"]) == ["ok", "ok"]
    assert row(articles, "b")["outlet"] == ""


def test_manifest_without_file_column_is_a_clear_error(write_corpus):
    folder = write_corpus({"a.txt": ENGLISH, "manifest.csv": "name,outlet\na.txt,A\n"})
    with pytest.raises(CorpusError, match=r"manifest.csv line 1: manifest needs a 'file' column"):
        load_corpus(folder)


def test_duplicate_ids_are_reported(write_corpus):
    manifest = "file,outlet\na.txt,First\na.txt,Second\n"
    articles = load_corpus(write_corpus({"a.txt": ENGLISH, "manifest.csv": manifest}))
    assert len(articles) == 2
    first, second = articles.iloc[0], articles.iloc[1]
    assert first["status"] == "ok" and "occurs 2 times" in first["reason"]
    assert second["status"] == "error" and "duplicate article_id 'a'" in second["reason"]


@pytest.mark.parametrize(("text", "language"), [(SPANISH, "es"), (ITALIAN, "it")])
def test_non_english_articles_are_kept_flagged_and_not_scored(write_corpus, text, language):
    articles = load_corpus(write_corpus({"en.txt": ENGLISH, "other.txt": text}))
    other = row(articles, "other")
    assert other["language"] == language
    assert other["status"] == "skipped"
    assert "English-only" in other["reason"] and other["raw_text"] == text
    assert row(articles, "en")["language"] == "en"


def test_missing_corpus_raises_one_line_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus not found"):
        load_corpus(tmp_path / "nope")


def test_folder_without_articles_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no .txt files"):
        load_corpus(tmp_path)


def test_csv_table(tmp_path):
    path = tmp_path / "articles.csv"
    pd.DataFrame({"article_id": ["x1", "x2"], "outlet": ["A", "B"], "text": [ENGLISH, ""]}).to_csv(
        path, index=False
    )
    articles = load_corpus(path)
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert list(articles["status"]) == ["ok", "skipped"]
    assert row(articles, "x2")["reason"] == "articles.csv line 3: empty 'text'"


def test_jsonl_table_and_bad_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "j1", "body": ENGLISH}) + "\n\n{broken\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a.jsonl line 3: not valid JSON"):
        load_corpus(path)
    path.write_text(json.dumps({"id": "j1", "body": ENGLISH}) + "\n", encoding="utf-8")
    assert list(load_corpus(path)["article_id"]) == ["j1"]


def test_parquet_table_without_ids(tmp_path):
    path = tmp_path / "a.parquet"
    pd.DataFrame({"content": [ENGLISH, ENGLISH]}).to_parquet(path)
    articles = load_corpus(path)
    assert list(articles["article_id"]) == ["a_000001", "a_000002"]
    assert set(articles["status"]) == {"ok"}


def test_table_without_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,author\nx,y\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no text column"):
        load_corpus(path)


def test_unsupported_path(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with pytest.raises(CorpusError, match="not a folder or a table"):
        load_corpus(path)


def test_seed_corpus_loads_with_manifest(seed_tables):
    articles = seed_tables.articles
    assert len(articles) == 5
    assert set(articles["status"]) == {"ok"}
    assert set(articles["language"]) == {"en"}
    assert articles["outlet"].ne("").all()


def test_outlet_labels_fall_back_to_the_article_id():
    from framing.corpus import outlet_labels

    articles = pd.DataFrame(
        {"article_id": ["a", "b", "c", "a"], "outlet": [" Daily ", "", None, "Daily"]}
    )
    labels = outlet_labels(articles)
    assert labels.values.tolist() == [["a", "Daily"], ["b", "b"], ["c", "c"]]
    assert outlet_labels(articles[["article_id"]])["outlet"].tolist() == ["a", "b", "c"]


def test_every_measure_groups_unnamed_outlets_the_same_way():
    """Articles without an outlet are their own groups in topic share as in voice share."""
    from framing.quotes import voice_share
    from framing.topics import topic_share

    articles = pd.DataFrame({"article_id": ["x", "y"], "outlet": ["", ""]})
    sentences = pd.DataFrame({"article_id": ["x", "y"], "sent_id": [0, 0], "n_words": [5, 5]})
    scores = pd.DataFrame(
        {"article_id": ["x", "y"], "sent_id": [0, 0], "topic": ["t", "t"], "weight": [1.0, 1.0],
         "matched": ["", ""]}
    )  # fmt: skip
    quotes = pd.DataFrame(
        {"article_id": ["x", "y"], "quote_id": [0, 0], "kind": ["direct"] * 2,
         "affiliation": ["US", "US"], "n_words": [3, 3]}
    )  # fmt: skip
    topic_groups = set(topic_share(scores, sentences, articles, n_boot=10)["outlet"])
    voice_groups = set(voice_share(quotes, articles, n_boot=10)["outlet"])
    assert topic_groups == voice_groups == {"x", "y"}
