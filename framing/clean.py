"""Separating article body from site furniture, with an audit trail.

In: ``articles`` (``article_id``, ``status``, ``raw_text`` and metadata columns).
Out:

* :func:`classify_lines` — one row per raw line: ``article_id, line_no, text, label, reason``
  with ``label`` one of ``body``, ``meta`` (headline, byline, date), ``furniture`` or ``blank``;
* :func:`clean_articles` — ``articles`` with ``body`` (body lines joined by blank lines),
  ``n_words``, metadata pulled from the text (``text_headline``, ``text_byline``, ``text_date``,
  ``dateline``) and the empty metadata columns filled from it; and ``removed``
  (``article_id, line_no, text, label, reason``): every non-blank line that is not body.

The furniture rules are patterns in ``data/furniture.yaml``; structural rules (all-caps labels,
lines with no sentence in them, the headline) are below. None names a particular site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

BODY, META, FURNITURE, BLANK = "body", "meta", "furniture", "blank"
LINE_COLUMNS = ["article_id", "line_no", "text", "label", "reason"]
REMOVED_COLUMNS = LINE_COLUMNS
PARAGRAPH_SEPARATOR = "\n\n"

WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
# A line that ends like a sentence: a stop, optionally followed by closing quotes/brackets.
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$|[\"”’»][.!?]\s*$")
# Lines this long are prose even without final punctuation.
MIN_WORDS_UNPUNCTUATED_PARAGRAPH = 20
# A line this long ending in a colon introduces what follows ("Dr. Ferreira joined us live.
# Here is part of that conversation:"); shorter ones are labels ("Share this article:").
MIN_WORDS_LEAD_IN = 10
MIN_WORDS_SENTENCE_LINE = 3
MIN_WORDS_HEADLINE, MAX_WORDS_HEADLINE = 4, 30
MAX_WORDS_CAPS_LABEL = 12
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "%Y-%m-%d", "{0}-{1}-{2}"),
    (re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b"), "%d %B %Y", "{0} {1} {2}"),
    (re.compile(rf"\b({MONTHS}) (\d{{1,2}}),? (\d{{4}})\b"), "%B %d %Y", "{0} {1} {2}"),
)
BYLINE_NAME = re.compile(r"^\s*(?i:by)\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})")
DATELINE = re.compile(
    r"^([A-Z][A-Za-z.'’ -]{1,40}?)(?:,[^:()]{0,30})?(?:\s*\([^)]{1,40}\))?"
    r"\s*(?::|—|–|\s-)\s+(?=[A-Z“\"])"
)


@dataclass(frozen=True)
class FurnitureRule:
    """One rule of the furniture file: a reason, a label and compiled patterns."""

    reason: str
    label: str
    patterns: tuple[re.Pattern, ...]


class FurnitureFileError(ValueError):
    """A furniture rules file that can't be used; the message names the file and rule."""


def load_furniture_rules(path: str | Path | None = None) -> tuple[FurnitureRule, ...]:
    """Read furniture rules from ``path`` (default: the packaged ``data/furniture.yaml``)."""
    if path is None:
        return _packaged_rules()
    return _parse_rules(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _packaged_rules() -> tuple[FurnitureRule, ...]:
    source = resources.files("framing") / "data" / "furniture.yaml"
    return _parse_rules(source.read_text(encoding="utf-8"), "framing/data/furniture.yaml")


def _parse_rules(text: str, where: str) -> tuple[FurnitureRule, ...]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FurnitureFileError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise FurnitureFileError(f"{where}: expected a mapping with a 'rules' list")
    rules = []
    for number, rule in enumerate(data["rules"], start=1):
        if not isinstance(rule, dict) or not rule.get("reason") or not rule.get("patterns"):
            raise FurnitureFileError(f"{where}: rule {number} needs 'reason' and 'patterns'")
        label = rule.get("label", FURNITURE)
        if label not in (META, FURNITURE):
            raise FurnitureFileError(f"{where}: rule {number}: label must be meta or furniture")
        compiled = []
        for pattern in rule["patterns"]:
            try:
                compiled.append(re.compile(str(pattern), re.IGNORECASE))
            except re.error as exc:
                raise FurnitureFileError(
                    f"{where}: rule {number} ({rule['reason']}): bad pattern {pattern!r}: {exc}"
                ) from None
        rules.append(FurnitureRule(str(rule["reason"]), label, tuple(compiled)))
    return tuple(rules)


def classify_lines(
    articles: pd.DataFrame, rules: tuple[FurnitureRule, ...] | None = None
) -> pd.DataFrame:
    """Label every raw line of every ``ok`` article as body, meta, furniture or blank.

    Returns the line table (:data:`LINE_COLUMNS`), ``line_no`` counting from 1, sorted by
    ``article_id, line_no``.
    """
    rules = _packaged_rules() if rules is None else rules
    rows = []
    for article_id, raw_text in articles.loc[
        articles["status"] == "ok", ["article_id", "raw_text"]
    ].itertuples(index=False):
        for line_no, (text, label, reason) in enumerate(_label_lines(raw_text, rules), start=1):
            rows.append((article_id, line_no, text, label, reason))
    lines = pd.DataFrame(rows, columns=LINE_COLUMNS)
    lines["line_no"] = lines["line_no"].astype("int64")
    return lines.sort_values(["article_id", "line_no"], kind="stable").reset_index(drop=True)


def _label_lines(raw_text: str, rules) -> list[tuple[str, str, str]]:
    lines = raw_text.split("\n")
    labels: list[tuple[str, str, str]] = []
    seen_body = False
    headline: str | None = None
    for text in lines:
        label, reason = _label_one(text, rules)
        if label == BODY:
            seen_body = True
        elif label == "candidate":
            label, reason = FURNITURE, "short line without a sentence (label, menu or sign-off)"
            normalised = " ".join(text.split()).casefold()
            if headline is not None and normalised == headline:
                label, reason = META, "headline repeated"
            elif not seen_body and headline is None and _looks_like_headline(text):
                label, reason, headline = META, "headline", normalised
            elif _date_in(text) and len(WORD.findall(text)) <= 8:
                label, reason = META, "date line"
        labels.append((text, label, reason))
    return labels


def _label_one(text: str, rules) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return BLANK, ""
    for rule in rules:
        if any(pattern.search(stripped) for pattern in rule.patterns):
            return rule.label, rule.reason
    words = WORD.findall(stripped)
    letters = [ch for ch in stripped if ch.isalpha()]
    all_caps = len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    if all_caps and len(words) <= MAX_WORDS_CAPS_LABEL:
        return FURNITURE, "all-capitals label (section or navigation)"
    if len(words) >= MIN_WORDS_UNPUNCTUATED_PARAGRAPH:
        return BODY, ""
    is_sentence = (len(words) >= MIN_WORDS_SENTENCE_LINE and SENTENCE_END.search(stripped)) or (
        len(words) >= MIN_WORDS_LEAD_IN and stripped.endswith(":")
    )
    if is_sentence and any(ch.islower() for ch in letters):
        return BODY, ""
    return "candidate", ""


def _looks_like_headline(text: str) -> bool:
    words = WORD.findall(text)
    return MIN_WORDS_HEADLINE <= len(words) <= MAX_WORDS_HEADLINE and any(
        ch.islower() for ch in text
    )


def _date_in(text: str) -> str:
    """The first date written in ``text`` as ISO ``YYYY-MM-DD``, or ``""``."""
    for pattern, fmt, template in DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                return datetime.strptime(template.format(*match.groups()), fmt).strftime("%Y-%m-%d")
            except ValueError:
                continue
    return ""


def clean_articles(
    articles: pd.DataFrame, rules: tuple[FurnitureRule, ...] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split each ``ok`` article into body and removed lines.

    Returns ``(articles, removed)``: a copy of ``articles`` with ``body``, ``n_words``,
    ``n_removed``, ``text_headline``, ``text_byline``, ``text_date`` and ``dateline`` added
    (empty ``headline``/``byline``/``date`` filled from the text), and the ``removed`` table.
    An ``ok`` article whose body comes out empty becomes ``skipped`` with that reason.
    """
    lines = classify_lines(articles, rules)
    return articles_from_lines(articles, lines), removed_lines(lines)


def removed_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The ``removed`` table: every non-blank, non-body line with its reason."""
    removed = lines[~lines["label"].isin([BODY, BLANK])]
    return removed[REMOVED_COLUMNS].reset_index(drop=True)


def articles_from_lines(articles: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Add body and text-derived metadata to ``articles`` from a line table."""
    out = articles.copy()
    by_article = {key: group for key, group in lines.groupby("article_id", sort=False)}
    bodies, headlines, bylines, dates, datelines, n_removed = [], [], [], [], [], []
    for article_id in out["article_id"]:
        group = by_article.get(article_id)
        if group is None:
            bodies.append("")
            headlines.append("")
            bylines.append("")
            dates.append("")
            datelines.append("")
            n_removed.append(0)
            continue
        body_lines = [t.strip() for t in group.loc[group["label"] == BODY, "text"]]
        meta = group[group["label"] == META]
        bodies.append(PARAGRAPH_SEPARATOR.join(body_lines))
        headlines.append(_first(meta.loc[meta["reason"] == "headline", "text"]).strip())
        bylines.append(_byline_name(meta.loc[meta["reason"] == "byline", "text"]))
        dates.append(next((d for d in map(_date_in, meta["text"]) if d), ""))
        if not dates[-1]:
            dates[-1] = next((d for d in map(_date_in, group["text"]) if d), "")
        datelines.append(_dateline(body_lines[0]) if body_lines else "")
        n_removed.append(int((~group["label"].isin([BODY, BLANK])).sum()))
    out["body"] = bodies
    out["n_words"] = [len(WORD.findall(body)) for body in bodies]
    out["n_removed"] = n_removed
    out["text_headline"], out["text_byline"] = headlines, bylines
    out["text_date"], out["dateline"] = dates, datelines
    for column, source in (
        ("headline", "text_headline"),
        ("byline", "text_byline"),
        ("date", "text_date"),
    ):
        if column in out.columns:
            out[column] = out[column].where(out[column].astype(str) != "", out[source])
    empty = (out["status"] == "ok") & (out["n_words"] == 0)
    out.loc[empty, "status"] = "skipped"
    out.loc[empty, "reason"] = "no article body found: every line looks like site furniture"
    return out


def _first(values: pd.Series) -> str:
    return str(values.iloc[0]) if len(values) else ""


def _byline_name(values: pd.Series) -> str:
    for text in values:
        match = BYLINE_NAME.match(text)
        if match:
            name = " ".join(match.group(1).split())
            return name.title() if name.isupper() else name
    return ""


def _dateline(first_paragraph: str) -> str:
    """Place name that opens a story (``Tokyo: ...``, ``TOKYO, Oct 28 (Reuters) - ...``)."""
    match = DATELINE.match(first_paragraph)
    if not match:
        return ""
    place = match.group(1).strip()
    return place.title() if place.isupper() else place


def removal_summary(removed: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Removed lines counted by reason (rows) and article (columns), with a total column.

    Columns are labelled by outlet when ``articles`` is given, else by ``article_id``.
    Rows are sorted by total, most frequent first.
    """
    table = removed.copy()
    if articles is not None:
        names = articles.set_index("article_id")["outlet"].astype(str)
        table["article_id"] = table["article_id"].map(lambda a: names.get(a) or a)
    counts = pd.crosstab(table["reason"], table["article_id"])
    counts.columns.name = None
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values(["total"], ascending=False, kind="stable")
