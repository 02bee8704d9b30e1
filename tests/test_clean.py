"""framing.clean: body vs furniture by general patterns, every removed line kept."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.clean import (
    FurnitureFileError,
    classify_lines,
    clean_articles,
    load_furniture_rules,
)

PARAGRAPH = (
    "The two leaders signed an agreement on Tuesday to secure supplies of critical minerals, "
    "officials said."
)


def articles_of(text: str, article_id: str = "a") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [article_id],
            "status": ["ok"],
            "reason": [""],
            "raw_text": [text],
            "headline": [""],
            "byline": [""],
            "date": [""],
        }
    )


def label_of(line: str, before: str = PARAGRAPH) -> tuple[str, str]:
    """Label ``line`` when it follows a body paragraph (so it is never the headline)."""
    lines = classify_lines(articles_of(f"{before}\n{line}"))
    last = lines.iloc[-1]
    return last["label"], last["reason"]


@pytest.mark.parametrize(
    ("line", "label", "reason_part"),
    [
        ("Copyright 2024 Some Media Group. All rights reserved.", "furniture", "copyright"),
        ("Example.com © 2025.", "furniture", "copyright"),
        (
            "Any use of materials is allowed only with a hyperlink to example.org",
            "furniture",
            "copyright",
        ),
        ("Follow us on Telegram", "furniture", "social"),
        ("Join our readers channel on WhatsApp:", "furniture", "social"),
        ("Liked the story? Share it on social media!", "furniture", "social"),
        ("Add example.com As A Trusted Source", "furniture", "social"),
        ("https://example.com/channel/abc123", "furniture", "link"),
        ("facebook", "furniture", "widget"),
        ("A+", "furniture", "widget"),
        ("Views: 1,204", "furniture", "counter"),
        (
            "The comments posted here are not ours. Kindly refrain from abuse.",
            "furniture",
            "comment",
        ),
        ("Home | World | Asia", "furniture", "breadcrumb"),
        ("BACK TO THE TOP", "furniture", "widget"),
        ("MOST READ STORIES", "furniture", "all-capitals"),
        ("Daily Planet", "furniture", "short line"),
        (
            "Soldiers stand guard in the capital on Monday. JOHN SMITH VIA AP",
            "furniture",
            "caption",
        ),
        ("Photo: John Smith", "furniture", "caption"),
        ("By JANE DOE in Paris | The Daily | Updated: 2025-10-29 09:10", "meta", "byline"),
        ("28 October 2025 10:06", "meta", "date"),
        (" date 2025-10-28 + 16 px", "meta", "date"),
        ("“We are allies,” he said.", "body", ""),
        (
            "Dr. Ana Ruiz joined us live on the evening news. Here is part of that talk:",
            "body",
            "",
        ),
        ("Send this article to a friend:", "furniture", "short line"),
        (PARAGRAPH, "body", ""),
        ("word " * 25, "body", ""),
    ],
)
def test_line_labels(line, label, reason_part):
    got_label, got_reason = label_of(line)
    assert got_label == label
    assert reason_part in got_reason


def test_headline_then_repeated_headline_then_body():
    text = f"Leaders sign a deal on minerals\n\nLeaders sign a deal on minerals\n\n{PARAGRAPH}"
    lines = classify_lines(articles_of(text))
    assert list(lines["label"]) == ["meta", "blank", "meta", "blank", "body"]
    assert list(lines["reason"][:3]) == ["headline", "", "headline repeated"]


def test_short_lines_after_body_are_never_headlines():
    lines = classify_lines(articles_of(f"{PARAGRAPH}\nThe most important world news"))
    assert lines.iloc[-1]["reason"].startswith("short line")


def test_every_line_is_accounted_for():
    text = "Nav\n\nHeadline of the story here\n" + PARAGRAPH + "\n\nfacebook\n© 2025"
    articles, removed = clean_articles(articles_of(text))
    lines = classify_lines(articles_of(text))
    assert len(lines) == text.count("\n") + 1
    assert len(removed) + (lines["label"].isin(["body", "blank"])).sum() == len(lines)
    assert articles.loc[0, "body"] == PARAGRAPH
    assert articles.loc[0, "headline"] == "Headline of the story here"
    assert articles.loc[0, "n_removed"] == 4  # Nav, headline, facebook, ©


def test_metadata_from_text_fills_empty_fields_only():
    text = (
        "Leaders sign a deal on minerals\nBy JANE DOE in Paris | The Daily | Updated: 2025-10-29\n"
        f"Paris: {PARAGRAPH}"
    )
    articles, _ = clean_articles(articles_of(text))
    a = articles.iloc[0]
    assert (a["byline"], a["date"], a["dateline"]) == ("Jane Doe", "2025-10-29", "Paris")
    given = articles_of(text).assign(headline="From the manifest")
    assert clean_articles(given)[0].loc[0, "headline"] == "From the manifest"


def test_article_with_no_body_is_skipped_with_reason():
    articles, removed = clean_articles(articles_of("facebook\ntwitter\nHome | News"))
    assert articles.loc[0, "status"] == "skipped"
    assert "no article body" in articles.loc[0, "reason"]
    assert len(removed) == 3


def test_input_is_not_mutated():
    original = articles_of(PARAGRAPH)
    copy = original.copy()
    clean_articles(original)
    pd.testing.assert_frame_equal(original, copy)


def test_custom_rules_file(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - reason: sponsor line\n    patterns: ['^sponsored by']\n", encoding="utf-8"
    )
    rules = load_furniture_rules(path)
    lines = classify_lines(articles_of(f"{PARAGRAPH}\nSponsored by a bank."), rules)
    assert lines.iloc[-1]["reason"] == "sponsor line"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rules: [", "not valid YAML"),
        ("other: 1", "a 'rules' list"),
        ("rules:\n  - reason: x\n", "rule 1 needs 'reason' and 'patterns'"),
        ("rules:\n  - reason: x\n    patterns: ['(']\n", "rule 1 (x): bad pattern"),
        ("rules:\n  - reason: x\n    label: body\n    patterns: ['a']\n", "label must be"),
    ],
)
def test_malformed_rules_file_names_file_and_rule(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FurnitureFileError, match="bad.yaml") as error:
        load_furniture_rules(path)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("By Ana Ruiz", "meta"),
        ("By Ana Ruiz and Tom Hale, Lima", "meta"),
        # a body paragraph that happens to open with "By" (tests/fixtures/heldout5_corpus)
        (
            "By Thursday afternoon, a second berth was working. The union said that was hopeful.",
            "body",
        ),
    ],
)
def test_a_byline_is_short_and_holds_no_sentence_end(line, label):
    assert label_of(line)[0] == label
