"""Splitting article bodies into paragraphs and sentences.

In: the ``articles`` table, columns ``article_id``, ``body`` and ``status`` (rows whose
``status`` is not ``"ok"`` are ignored; a missing or empty ``body`` gives no sentences).

Out: the ``sentences`` table, columns :data:`SENTENCE_COLUMNS`:

``article_id``
    as in ``articles``.
``sent_id``, ``para_id``
    0-based sentence and paragraph numbers within the article.
``start``, ``end``
    character offsets into the article's ``body``, so ``body[start:end] == text``.
``text``
    the sentence, without surrounding whitespace.
``n_words``
    number of word tokens (:data:`WORD_PATTERN`; ``U.S.`` counts two, ``US-Japan`` one).

The splitter is hand-written and rule-based (no model, no network). Paragraphs are the runs of
text between newlines. Within a paragraph a sentence may end at a run of ``.``, ``?``, ``!``,
``...`` or ``…``, together with any closing quotes or brackets right after it
(``… stronger than ever.”``), but only where whitespace follows and the next word (after any
opening quotes or brackets) starts with a capital letter, a digit or a currency sign. Then:

* a stop followed by a lower-case word is never a boundary (so a garbled
  ``... the agreements. rare earth and Business.`` stays one sentence);
* titles that precede a name (``Mr.``, ``Dr.``, ``Gen.``, ``Sen.``, ``Gov.`` ...) are never a
  boundary; ``No.``, ``Vol.`` and month abbreviations (``Jan.`` ... ``Dec.``) are not a
  boundary before a number;
* abbreviations that may also end a sentence — dotted acronyms (``U.S.``, ``U.K.``, ``U.N.``,
  ``a.m.``), single-letter initials (``Donald J. Trump``), ``Inc.``, ``Jr.``, ``St.`` (Saint
  or Street) ... — are a boundary only when the next word is a common sentence starter
  (:data:`SENTENCE_STARTERS`: *The*, *It*, *He*, *In*, *But* ...) or an opening quote. So
  ``... in the U.S. The deal`` splits while ``U.S. President Donald Trump`` does not; the known
  miss is a sentence ending in ``U.S.`` followed by one that starts with a name or a number
  (``... the U.S. Trump said``);
* a question or exclamation mark inside a closing quote followed by an attribution
  (``“Why?” Trump asked.``) is not a boundary, just as ``“...,” Trump said.`` is one sentence;
* a stretch with no letters or digits (``“... Stronger``) is not a sentence of its own.

Every pattern is linear-time (no nested, overlapping quantifiers; candidate runs are matched
possessively from their first character only), and look-behind / look-ahead windows are of
bounded size, so a megabyte without punctuation is scanned in a few milliseconds.
"""

from __future__ import annotations

import re

import pandas as pd

SENTENCE_COLUMNS = ["article_id", "sent_id", "para_id", "start", "end", "text", "n_words"]

# --- knowledge: abbreviations and sentence starters (all lower case, without the final dot) ---

# Titles written before a name: a full stop after them never ends a sentence.
TITLE_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "mx", "messrs", "mmes", "dr", "drs", "prof", "profs", "gen", "gens",
        "lt", "col", "maj", "capt", "cpt", "cmdr", "adm", "sgt", "cpl", "pvt", "brig", "gov",
        "govs", "sen", "sens", "rep", "reps", "pres", "supt", "insp", "det", "amb", "hon",
        "rev", "fr", "mt", "ft",
    }
)  # fmt: skip
# Abbreviations written before a number ("No. 10", "Jan. 5", "Vol. 3"): no boundary when a
# digit follows, an ordinary word otherwise ("No. That is not true.").
NUMBER_ABBREVIATIONS = frozenset(
    {
        "no", "nos", "vol", "vols", "art", "arts", "fig", "figs", "sec", "ch", "pp", "p",
        "op", "para", "ed", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec",
    }
)  # fmt: skip
# Abbreviations that never end a sentence in news prose.
INNER_ABBREVIATIONS = frozenset({"e.g", "i.e", "cf", "viz", "vs", "v", "approx", "ca", "esp"})
# Abbreviations that may end a sentence: a boundary only before a sentence starter. Dotted
# acronyms (U.S., U.K., U.N., D.C., a.m., p.m.) and single-letter initials are treated the
# same way without being listed.
FINAL_ABBREVIATIONS = frozenset(
    {
        "inc", "corp", "co", "cos", "ltd", "plc", "llc", "bros", "jr", "sr", "st", "etc",
        "al", "dept", "govt", "ph.d", "est", "min", "max", "mln", "bln", "trn", "yr", "yrs",
        "hrs",
    }
)  # fmt: skip
ABBREVIATIONS = TITLE_ABBREVIATIONS | NUMBER_ABBREVIATIONS | INNER_ABBREVIATIONS
ABBREVIATIONS |= FINAL_ABBREVIATIONS

# Words that commonly open a news sentence and rarely follow "U.S."/"Inc." inside a name.
SENTENCE_STARTERS = frozenset(
    {
        "a", "about", "after", "against", "all", "also", "although", "an", "and", "another",
        "as", "at", "because", "before", "both", "but", "by", "despite", "during", "each",
        "earlier", "even", "for", "from", "he", "her", "here", "his", "how", "however", "i",
        "if", "in", "it", "its", "last", "later", "many", "meanwhile", "more", "most", "my",
        "neither", "no", "nor", "not", "now", "on", "one", "or", "other", "our", "over",
        "she", "since", "so", "some", "still", "such", "that", "the", "their", "then",
        "there", "these", "they", "this", "those", "though", "thus", "to", "today", "under",
        "unlike", "we", "what", "when", "where", "whether", "which", "while", "who", "why",
        "with", "without", "yet", "you", "your",
    }
)  # fmt: skip
# Verbs of an attribution after a quoted question or exclamation ("“Why?” Trump asked.").
SPEECH_VERBS = frozenset(
    {
        "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes",
        "replied", "replies", "noted", "notes", "declared", "declares", "insisted", "insists",
        "explained", "explains", "continued", "shouted", "cried", "exclaimed", "tweeted",
        "posted", "argued", "argues", "warned", "warns", "recalled", "remarked", "quipped",
        "joked", "responded", "answered", "wondered", "demanded", "stated", "urged",
    }
)  # fmt: skip

WORD_PATTERN = r"\w+(?:[’'\-]\w+)*"

_STOPS = ".?!…"
_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"
_CURRENCY = "$€£¥₹"
# A run of terminal punctuation, then closing quotes/brackets, then whitespace. The
# look-behind makes each run match from its first character only; possessive quantifiers
# stop any backtracking, so the scan is linear.
_CANDIDATE = re.compile(rf"(?<![{_STOPS}])[{_STOPS}]++[{re.escape(_CLOSERS)}]*+(?=\s)")
_PARAGRAPH = re.compile(r"[^\n\r\u2028\u2029]+")
_WORD = re.compile(WORD_PATTERN)
_ALNUM = re.compile(r"[^\W_]")
_NONSPACE = re.compile(r"\S")
_LAST_TOKEN = re.compile(r"\S+\Z")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_SPEECH_VERB = "|".join(sorted(SPEECH_VERBS))
_ATTRIBUTION = re.compile(
    rf"[{re.escape(_OPENERS)}]?[A-Z][\w’'.\-]*"  # the speaker's first word, capitalised,
    rf"(?:\s+[\w’'.\-]+){{0,4}}?\s+(?:{_SPEECH_VERB})\b"  # up to four more, the verb,
    r"(?:\s+[\w’'\-]+){0,3}\s*(?:[.,;:!?]|\Z)"  # up to three words, the clause's end
)
_LOOKBEHIND = 40  # characters searched back for the token before a full stop
_LOOKAHEAD = 120  # characters searched ahead for an attribution


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Split a body into paragraphs.

    Parameters
    ----------
    body
        The article text. Paragraphs are separated by one or more newlines.

    Returns
    -------
    list of (start, end)
        Character offsets of each non-blank paragraph, without surrounding whitespace.
    """
    spans = []
    for match in _PARAGRAPH.finditer(body):
        span = _strip_span(body, match.start(), match.end())
        if span is not None:
            spans.append(span)
    return spans


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split a paragraph into sentences.

    Parameters
    ----------
    text
        One paragraph (newlines inside it are treated as ordinary whitespace).
    offset
        Added to every returned offset, e.g. the paragraph's start in its article body.

    Returns
    -------
    list of (start, end)
        One span per sentence, without surrounding whitespace, such that
        ``text[start - offset:end - offset]`` is the sentence.
    """
    spans = []
    start = 0
    checked = 0  # text[start:checked] has been searched for a letter or digit
    has_alnum = False
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if not _is_boundary(text, match):
            continue
        if not has_alnum:
            has_alnum = _ALNUM.search(text, checked, end) is not None
            checked = end
            if not has_alnum:
                continue
        span = _strip_span(text, start, end)
        if span is not None:
            spans.append((span[0] + offset, span[1] + offset))
        start = checked = end
        has_alnum = False
    span = _strip_span(text, start, len(text))
    if span is not None:
        spans.append((span[0] + offset, span[1] + offset))
    return spans


def segment(articles: pd.DataFrame) -> pd.DataFrame:
    """Split the ``articles`` table into the ``sentences`` table.

    Parameters
    ----------
    articles
        Columns ``article_id`` and ``body``, and ``status`` (rows whose status is not
        ``"ok"`` are skipped; without the column every row is used). Not modified.

    Returns
    -------
    DataFrame
        Columns :data:`SENTENCE_COLUMNS`, one row per sentence, sorted by ``article_id`` and
        ``sent_id``, with a fresh RangeIndex; ``body[start:end] == text``.
    """
    missing = [c for c in ("article_id", "body") if c not in articles.columns]
    if missing:
        raise KeyError(f"segment() needs column(s) {missing} in the articles table")
    rows = articles
    if "status" in articles.columns:
        rows = articles[articles["status"] == "ok"]
    ids, sent_ids, para_ids, starts, ends, texts, n_words = [], [], [], [], [], [], []
    for article_id, body in zip(rows["article_id"], rows["body"], strict=True):
        if not isinstance(body, str):
            continue
        sent_id = 0
        for para_id, (p_start, p_end) in enumerate(paragraph_spans(body)):
            for s_start, s_end in sentence_spans(body[p_start:p_end], offset=p_start):
                sentence = body[s_start:s_end]
                ids.append(article_id)
                sent_ids.append(sent_id)
                para_ids.append(para_id)
                starts.append(s_start)
                ends.append(s_end)
                texts.append(sentence)
                n_words.append(len(_WORD.findall(sentence)))
                sent_id += 1
    sentences = pd.DataFrame(
        {
            "article_id": pd.Series(ids, dtype=articles["article_id"].dtype),
            "sent_id": pd.Series(sent_ids, dtype="int64"),
            "para_id": pd.Series(para_ids, dtype="int64"),
            "start": pd.Series(starts, dtype="int64"),
            "end": pd.Series(ends, dtype="int64"),
            "text": pd.Series(texts, dtype=str),
            "n_words": pd.Series(n_words, dtype="int64"),
        },
        columns=SENTENCE_COLUMNS,
    )
    return sentences.sort_values(["article_id", "sent_id"], kind="stable", ignore_index=True)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``text[start:end]`` to exclude surrounding whitespace; None when blank."""
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return None
    new_start = start + len(piece) - len(stripped)
    return new_start, new_start + len(stripped.rstrip())


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Decide whether a candidate stop (punctuation + closers + whitespace) ends a sentence."""
    stops = match.group().rstrip(_CLOSERS)
    closers = match.group()[len(stops) :]
    after = _NONSPACE.search(text, match.end())
    if after is None:  # only whitespace follows: the end of the text, not an inner boundary
        return False
    next_pos = after.start()
    opened = False
    while next_pos < len(text) and text[next_pos] in _OPENERS:
        next_pos += 1
        opened = True
    if next_pos >= len(text):
        return False
    first = text[next_pos]
    if first.islower():
        return False
    if not (first.isalpha() or first.isdigit() or first in _CURRENCY):
        return False
    if stops[-1] in "?!" and any(c in "\"'”’»" for c in closers):
        # "“Why?” Trump asked." is one sentence.
        return _ATTRIBUTION.match(text[after.start() : after.start() + _LOOKAHEAD]) is None
    if stops != "." or any(c in "\"'”’»" for c in closers):
        return True  # ?, !, ellipses, and a full stop inside a closing quote
    window = text[max(0, match.start() - _LOOKBEHIND) : match.start()]
    token_match = _LAST_TOKEN.search(window)
    if token_match is None:
        return True
    token = token_match.group().lstrip(_OPENERS)
    key = token.lower()
    initial = len(token) == 1 and token.isalpha() and token.isupper()
    if not initial:
        if key in TITLE_ABBREVIATIONS and token[:1].isupper():
            return False
        if key in INNER_ABBREVIATIONS:
            return False
        if key in NUMBER_ABBREVIATIONS:
            return not (first.isdigit() or first == "#")
        if key not in FINAL_ABBREVIATIONS and _DOTTED_ACRONYM.fullmatch(token) is None:
            return True  # an ordinary word
    # An abbreviation that may end a sentence: split only before a likely sentence opening.
    if opened:
        return True
    word = _NEXT_WORD.match(text, next_pos)
    return word is not None and word.group().lower() in SENTENCE_STARTERS
