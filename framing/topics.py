"""Topic coding with an editable codebook, topic share per article and outlet, and its evidence.

A codebook (``framing/data/codebook.yaml``, the event codebook, or ``policy_frames.yaml``, the
generic Policy Frames Codebook, or a researcher's own file) lists topics, each with include and
exclude phrases; :func:`load_codebook` checks it and compiles every pattern once.

In: the ``sentences`` table (columns ``article_id, sent_id, para_id, text, n_words``; ``para_id``
is optional) and, for outlet-level numbers, the ``articles`` table (``article_id`` and the
grouping column, e.g. ``outlet``).

Out:

``topic_scores`` (:func:`code_sentences`), columns :data:`TOPIC_SCORE_COLUMNS`
    one row per sentence × topic with ``weight > 0``; the weights of a sentence sum to 1. A
    sentence that matches no topic gets one row with topic :data:`UNASSIGNED`, weight 1 and no
    matched terms, so shares always add up to 1 and the unassigned part stays visible.
    ``matched`` lists the matched terms (``"; "``-joined, lower case); a term carried from
    another sentence is followed by ``[sent N]``, the sentence it came from.
topic share (:func:`topic_share`), columns ``<by>`` + :data:`SHARE_COLUMNS`
    word-weighted share of each topic per group with a bootstrap percentile interval.
evidence (:func:`evidence`), columns :data:`EVIDENCE_COLUMNS`
    the sentences behind one share.
permutation test (:func:`permutation_test`), columns :data:`PERMUTATION_COLUMNS`.

How a sentence is coded.

1. One scanner (all phrases of all topics in a trie, compiled once per codebook) finds,
   leftmost-longest, the stretches of the sentence some phrase matches. Within each stretch
   every topic's own include phrases are matched, minus those overlapping one of the topic's
   exclude phrases ("economic security" is not alliance security). So where phrases overlap,
   the longer one decides, for every topic.
2. Each include match adds the topic's ``weight`` times the number of words it spans (at most
   :data:`MAX_WORDS_PER_MATCH`) to the topic's score; inside a background clause (a leading
   adverbial phrase such as "Ahead of ...," or a non-restrictive relative clause
   ", which ...,") it adds ``background.weight`` times that: the main clause decides.
3. A topic marked ``carry`` (a voice, e.g. China's Foreign Ministry) also scores in the
   reported speech that follows it: the next sentences of the same paragraph without an
   attribution of their own, and sentences attributed only by a pronoun or the same surname
   ("..., he said."; "Guo urged ...").
4. With ``inherit_in_paragraph`` a sentence that still matches nothing takes the weights of
   the sentence before it in its paragraph; otherwise (and in a paragraph's first sentence) it
   is ``unassigned``.
5. Weights are the scores divided by their sum; the primary topic (:func:`primary_topics`) is
   the one with the largest weight, ties going to the topic listed first in the codebook.

This is dictionary-based content analysis in the manner of Lexicoder (Young & Soroka 2012);
the Policy Frames Codebook is Boydstun, Card, Gross, Resnik & Smith (2014).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .corpus import outlet_labels
from .segment import SPEECH_VERBS
from .stats import bootstrap_ratio, seeded_rng

TOPIC_SCORE_COLUMNS = ["article_id", "sent_id", "topic", "weight", "matched"]
PRIMARY_COLUMNS = TOPIC_SCORE_COLUMNS
SHARE_COLUMNS = ["topic", "estimate", "ci_low", "ci_high", "n_sentences", "n_words"]
EVIDENCE_COLUMNS = [
    "article_id", "sent_id", "topic", "weight", "n_words", "topic_words", "matched", "text",
]  # fmt: skip
PERMUTATION_COLUMNS = [
    "topic", "unit", "estimate", "others", "difference", "p_value", "n_perm",
    "n_sentences", "n_words", "n_articles",
]  # fmt: skip
CODEBOOK_COLUMNS = ["topic", "label", "description", "weight", "carry", "n_include", "n_exclude"]

UNASSIGNED = "unassigned"
# Packaged codebooks by name; `load_codebook()` without an argument loads the event codebook.
PACKAGED_CODEBOOKS = {"event": "codebook.yaml", "policy_frames": "policy_frames.yaml"}
DEFAULT_CODEBOOK = "event"

_TOP_KEYS = {"name", "description", "residual", "inherit_in_paragraph", "background", "topics"}
_TOPIC_KEYS = {"id", "label", "description", "weight", "carry", "include", "exclude"}
_BACKGROUND_KEYS = {"weight", "openers"}
_TOPIC_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_WORD_SEPARATOR = r"[\s\-‐‑–—]+"
_SPLIT_WORDS = re.compile(_WORD_SEPARATOR)
_SPACES = re.compile(r"\s+")
_GROUP = re.compile(r"\(([^()]*)\)")
# A phrase with alternative groups may stand for at most this many plain phrases.
MAX_EXPANSIONS = 1000
_WORD = re.compile(r"\w+")
# A match scores its number of words, up to this many: a longer phrase is more specific
# evidence ("free and open Indo-Pacific" outweighs "mentor"), but a long regular expression
# match does not swamp the sentence.
MAX_WORDS_PER_MATCH = 3

# Attribution of a sentence: a reporting verb (the splitter's list) and the word before it
# (its subject), or the pronoun after it ("..., said he"). Used only to let `carry` continue.
_VERBS = "|".join(sorted(SPEECH_VERBS))
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_ADVERBS = frozenset({"also", "further", "then", "later", "again", "repeatedly"})
_QUOTES_AND_COMMAS = "\"'“”‘’,.:;"
# A non-restrictive relative clause, to the next comma: background to the main clause.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b[^,;]*")


class CodebookError(ValueError):
    """A codebook that can't be used; the message names the file, the topic and the problem."""


@dataclass(frozen=True)
class Topic:
    """One codebook topic with its compiled include and exclude patterns."""

    id: str
    label: str
    description: str
    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    weight: float = 1.0
    carry: bool = False
    include_re: re.Pattern | None = field(default=None, repr=False, compare=False)
    exclude_re: re.Pattern | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Codebook:
    """A checked codebook: topics in priority order and the coding settings."""

    name: str
    source: str
    topics: tuple[Topic, ...]
    description: str = ""
    residual: str | None = None
    inherit_in_paragraph: bool = False
    background_weight: float = 1.0
    background_openers: tuple[str, ...] = ()
    background_re: re.Pattern | None = field(default=None, repr=False, compare=False)
    scanner: re.Pattern | None = field(default=None, repr=False, compare=False)
    scanner_ignorecase: re.Pattern | None = field(default=None, repr=False, compare=False)
    # surface text of a scanner match -> its per-topic hits (filled lazily; pure cache)
    span_cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def ids(self) -> list[str]:
        """Topic ids in codebook (priority) order."""
        return [t.id for t in self.topics]

    @property
    def labels(self) -> dict[str, str]:
        """``{topic id: label}`` in codebook order (for tables and figure legends)."""
        return {t.id: t.label for t in self.topics}

    def topic(self, topic_id: str) -> Topic:
        """The topic with id ``topic_id`` (KeyError when absent)."""
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)


# --- loading and checking -------------------------------------------------------------------


def load_codebook(source: Codebook | str | Path | None = None) -> Codebook:
    """Load, check and compile a codebook.

    Parameters
    ----------
    source
        ``None`` (the packaged event codebook), the name of a packaged codebook
        (:data:`PACKAGED_CODEBOOKS`: ``"event"``, ``"policy_frames"``; loaded once per
        process), the path of a YAML file in the same layout, or a loaded :class:`Codebook`
        (returned as is). Load a file once and pass the :class:`Codebook` on: compiling
        takes a fraction of a second.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        When the file is missing, is not YAML, or a topic is malformed; the message names the
        file, the topic and what is wrong.
    """
    if source is None:
        source = DEFAULT_CODEBOOK
    if isinstance(source, Codebook):
        return source
    if isinstance(source, str) and source in PACKAGED_CODEBOOKS:
        return _packaged_codebook(source)
    path = Path(source)
    if not path.is_file():
        raise CodebookError(f"{path}: no such codebook file")
    return parse_codebook(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=len(PACKAGED_CODEBOOKS))
def _packaged_codebook(name: str) -> Codebook:
    filename = PACKAGED_CODEBOOKS[name]
    text = (resources.files("framing") / "data" / filename).read_text(encoding="utf-8")
    return parse_codebook(text, f"framing/data/{filename}")


def parse_codebook(data: str | Mapping, where: str = "<codebook>") -> Codebook:
    """Check and compile a codebook given as YAML text or as an already parsed mapping.

    ``where`` names the source in error messages. See ``framing/data/codebook.yaml`` for the
    layout. Raises :class:`CodebookError`.
    """
    if isinstance(data, str):
        try:
            data = yaml.safe_load(data)
        except yaml.YAMLError as exc:
            raise CodebookError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(data, Mapping):
        raise CodebookError(f"{where}: expected a mapping with a 'topics' list")
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise CodebookError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(_TOP_KEYS)}")
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise CodebookError(f"{where}: 'topics' must be a non-empty list")
    residual = data.get("residual")
    topics: list[Topic] = []
    for number, raw in enumerate(raw_topics, start=1):
        topic = _parse_topic(raw, number, where, residual)
        if topic.id in {t.id for t in topics}:
            raise CodebookError(f"{where}: topic '{topic.id}' (topic {number}): duplicate id")
        topics.append(topic)
    ids = [t.id for t in topics]
    if residual is not None and residual not in ids:
        raise CodebookError(f"{where}: residual '{residual}' is not one of the topics {ids}")
    inherit = data.get("inherit_in_paragraph", False)
    if not isinstance(inherit, bool):
        raise CodebookError(f"{where}: 'inherit_in_paragraph' must be true or false")
    weight, openers, background_re = _parse_background(data.get("background"), where)
    scanner, scanner_ignorecase = _build_scanner(topics)
    return Codebook(
        name=str(data.get("name") or Path(where).stem),
        source=where,
        topics=tuple(topics),
        description=str(data.get("description") or ""),
        residual=residual,
        inherit_in_paragraph=inherit,
        background_weight=weight,
        background_openers=openers,
        background_re=background_re,
        scanner=scanner,
        scanner_ignorecase=scanner_ignorecase,
    )


def _parse_topic(raw, number: int, where: str, residual) -> Topic:
    if not isinstance(raw, Mapping):
        raise CodebookError(f"{where}: topic {number}: expected a mapping with id and include")
    topic_id = raw.get("id")
    name = f"topic '{topic_id}' (topic {number})" if topic_id else f"topic {number}"

    def fail(problem: str) -> CodebookError:
        return CodebookError(f"{where}: {name}: {problem}")

    unknown = sorted(set(map(str, raw)) - _TOPIC_KEYS)
    if unknown:
        raise fail(f"unknown key(s) {unknown}; allowed: {sorted(_TOPIC_KEYS)}")
    if not isinstance(topic_id, str) or not _TOPIC_ID.match(topic_id):
        raise fail("'id' must be snake_case text (a-z, 0-9, _), starting with a letter")
    if topic_id == UNASSIGNED:
        raise fail(f"'{UNASSIGNED}' is reserved for sentences no topic matches")
    for key in ("label", "description"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(f"'{key}' must be non-empty text")
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise fail(f"'weight' must be a positive number, not {weight!r}")
    if not math.isfinite(weight) or weight <= 0:
        raise fail(f"'weight' must be a positive number, not {weight!r}")
    carry = raw.get("carry", False)
    if not isinstance(carry, bool):
        raise fail("'carry' must be true or false")
    include = _phrase_list(raw.get("include"), "include", fail, allow_empty=topic_id == residual)
    exclude = _phrase_list(raw.get("exclude", []), "exclude", fail, allow_empty=True)
    return Topic(
        id=topic_id,
        label=raw["label"].strip(),
        description=_SPACES.sub(" ", raw["description"]).strip(),
        include=include,
        exclude=exclude,
        weight=float(weight),
        carry=carry,
        include_re=_compile_phrases(include, "include", fail),
        exclude_re=_compile_phrases(exclude, "exclude", fail),
    )


def _phrase_list(value, key: str, fail, *, allow_empty: bool) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list):
        raise fail(f"'{key}' must be a list of phrases")
    if not value and not allow_empty:
        raise fail(f"'{key}' is empty: a topic needs at least one phrase")
    for item in value:
        if not isinstance(item, str) or not item.strip() or item.strip() == "re:":
            raise fail(f"'{key}' has an empty or non-text entry {item!r}")
    return tuple(item.strip() for item in value)


def expand_phrase(phrase: str) -> list[str]:
    """The plain phrases a phrase with ``(a|b|)`` alternative groups stands for, in order."""
    if phrase.startswith("re:") or "(" not in phrase:
        return [phrase]
    pieces: list[list[str]] = []
    position = 0
    for match in _GROUP.finditer(phrase):
        pieces.append([phrase[position : match.start()]])
        pieces.append(match.group(1).split("|"))
        position = match.end()
    pieces.append([phrase[position:]])
    total = math.prod(len(p) for p in pieces)
    if total > MAX_EXPANSIONS:
        raise ValueError(f"expands to {total} phrases (at most {MAX_EXPANSIONS})")
    variants = []
    for combination in itertools.product(*pieces):
        variant = _SPACES.sub(" ", "".join(combination)).strip()
        if variant and variant not in variants:
            variants.append(variant)
    return variants


def phrase_regex(phrase: str) -> str:
    """The regular expression for one plain phrase (syntax in ``data/codebook.yaml``).

    Plain phrases match whole words, case-insensitively; a space or hyphen between words
    matches any run of spaces, hyphens or dashes; a trailing ``*`` matches any word ending
    and a lone ``*`` any one word; ``'`` also matches ``’``; dots inside an abbreviation are
    optional; a word written in capitals (two letters or more) matches only in capitals.
    ``re:...`` is used as written, within word boundaries. Alternative groups ``(a|b)`` are
    expanded first (:func:`expand_phrase`).
    """
    if phrase.startswith("re:"):
        return rf"(?<!\w)(?:{phrase[3:].strip()})(?!\w)"
    parts = []
    for word in _words(phrase):
        piece = "".join(_char_regex(c, word) for c in word.rstrip("*"))
        if _is_capitals(word):
            piece = f"(?-i:{piece})"
        parts.append(piece + _wildcard(word))
    return rf"(?<!\w){_WORD_SEPARATOR.join(parts)}(?!\w)"


def _words(phrase: str) -> list[str]:
    return [w for w in _SPLIT_WORDS.split(phrase.strip()) if w]


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _wildcard(word: str) -> str:
    if word == "*":
        return r"\w+"
    return r"\w*" if word.endswith("*") else ""


def _char_regex(char: str, word: str) -> str:
    if char in "'’":
        return "['’]"
    if char == "." and any(c.isalpha() for c in word) and len(word) <= 6:
        return r"\.?"  # "U.S." also finds "US"
    return re.escape(char)


def _compile_phrases(phrases: tuple[str, ...], key: str, fail) -> re.Pattern | None:
    """One case-insensitive pattern for a topic's phrases (a trie; the longest phrase wins)."""
    if not phrases:
        return None
    for phrase in phrases:
        try:
            variants = expand_phrase(phrase)
        except ValueError as exc:
            raise fail(f"{key} phrase {phrase!r} {exc}") from None
        if not variants:
            raise fail(f"{key} phrase {phrase!r} expands to no phrase")
    try:
        compiled = re.compile(_phrases_pattern(phrases, keep_case=True), re.IGNORECASE)
        if not compiled.fullmatch(""):
            return compiled
    except re.error:
        pass
    # Something is wrong: find the phrase to blame, one at a time.
    for phrase in phrases:
        for variant in expand_phrase(phrase):
            try:
                single = re.compile(phrase_regex(variant), re.IGNORECASE)
            except re.error as exc:
                raise fail(f"{key} phrase {phrase!r} is not a valid pattern ({exc})") from None
            if single.fullmatch(""):
                raise fail(f"{key} phrase {phrase!r} matches the empty string")
    raise fail(f"{key} phrases do not combine into one pattern")  # pragma: no cover


def _build_scanner(topics: list[Topic]) -> tuple[re.Pattern, re.Pattern]:
    """One pattern that finds, leftmost-longest, every stretch some phrase of any topic matches.

    It runs on lower-cased text; case and exclusions are checked per match afterwards.
    """
    phrases = [p for topic in topics for p in (*topic.include, *topic.exclude)]
    pattern = _phrases_pattern(phrases, keep_case=False)
    return re.compile(pattern), re.compile(pattern, re.IGNORECASE)


def _phrases_pattern(phrases, *, keep_case: bool) -> str:
    """Plain phrases as a trie (shared prefixes, so most positions fail on their first
    character), regular expressions as further alternatives, all behind one word-start guard.
    ``keep_case``: words in capitals match only in capitals (else all is lower case)."""
    trie: dict = {}
    expressions: list[str] = []
    for phrase in phrases:
        for variant in expand_phrase(phrase):
            if variant.startswith("re:"):
                expressions.append(f"(?i:{variant[3:].strip()})(?!\\w)")
                continue
            node = trie
            for atom in _atoms(variant, keep_case):
                node = node.setdefault(atom, {})
            node[_END] = True
    alternatives = [_trie_regex(trie)] if trie else []
    alternatives.extend(expressions)
    return rf"(?<!\w)(?:{'|'.join(alternatives)})" if alternatives else r"(?!)"


_END = ""  # trie key marking the end of a phrase (no atom is empty)


def _atoms(variant: str, keep_case: bool) -> list[str]:
    atoms: list[str] = []
    for number, word in enumerate(_words(variant)):
        if number:
            atoms.append(_WORD_SEPARATOR)
        core = word.rstrip("*")
        if keep_case and _is_capitals(word):
            atoms.extend(
                f"(?-i:{re.escape(c)})" if c.isalpha() else _char_regex(c, word) for c in core
            )
        else:
            atoms.extend(_char_regex(c, word) for c in core.lower())
        if _wildcard(word):
            atoms.append(_wildcard(word))
    return atoms


def _trie_regex(node: dict) -> str:
    # Literal characters first, wildcards last, the end of a phrase after every continuation:
    # the first alternative that matches is then the longest phrase.
    children = sorted((a for a in node if a != _END), key=lambda a: (a.startswith("\\w"), a))
    alternatives = [atom + _trie_regex(node[atom]) for atom in children]
    if _END in node:
        alternatives.append(r"(?!\w)")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _parse_background(value, where: str) -> tuple[float, tuple[str, ...], re.Pattern | None]:
    if value is None:
        return 1.0, (), None  # no background clauses: every match counts in full
    if not isinstance(value, Mapping):
        raise CodebookError(f"{where}: 'background' must be a mapping with weight and openers")
    unknown = sorted(set(map(str, value)) - _BACKGROUND_KEYS)
    if unknown:
        raise CodebookError(f"{where}: background: unknown key(s) {unknown}")
    weight = value.get("weight", 0.5)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1:
        raise CodebookError(f"{where}: background: 'weight' must be a number from 0 to 1")
    openers = value.get("openers", [])
    if not isinstance(openers, list) or not all(isinstance(o, str) and o.strip() for o in openers):
        raise CodebookError(f"{where}: background: 'openers' must be a list of phrases")
    alternatives = [phrase_regex(o) for o in sorted(openers, key=len, reverse=True)]
    opener = None
    if alternatives:
        opener = re.compile(rf"\W*(?:{'|'.join(alternatives)})[^,;]*,", re.IGNORECASE)
    return float(weight), tuple(o.strip() for o in openers), opener


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """The codebook as a table (columns :data:`CODEBOOK_COLUMNS`), topics in codebook order."""
    rows = [
        (t.id, t.label, t.description, t.weight, t.carry, len(t.include), len(t.exclude))
        for t in codebook.topics
    ]
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)


# --- coding ---------------------------------------------------------------------------------


def match_sentence(text: str, codebook: Codebook) -> dict[str, tuple[float, list[str]]]:
    """Score one sentence against the codebook, before any context is used.

    Returns ``{topic_id: (score, matched terms)}`` for the topics with a match.
    """
    lowered = text.lower()
    scanner = codebook.scanner
    if len(lowered) != len(text):  # rare characters whose lower case is longer
        lowered, scanner = text, codebook.scanner_ignorecase
    found: dict[str, list] = {}
    background = None
    cache = codebook.span_cache
    for match in scanner.finditer(lowered):
        start = match.start()
        surface = text[start : match.end()]
        hits = cache.get(surface)
        if hits is None:
            hits = cache[surface] = _span_hits(surface, codebook)
        if not hits:
            continue
        if background is None:
            background = _background_spans(text, codebook)
        factor = 1.0
        for low, high in background:
            if low <= start < high:
                factor = codebook.background_weight
        for topic_id, score, terms in hits:
            entry = found.get(topic_id)
            if entry is None:
                found[topic_id] = [score * factor, list(terms)]
            else:
                entry[0] += score * factor
                entry[1].extend(t for t in terms if t not in entry[1])
    return {topic_id: (entry[0], entry[1]) for topic_id, entry in found.items()}


def _span_hits(surface: str, codebook: Codebook) -> tuple[tuple[str, float, tuple[str, ...]], ...]:
    """Per-topic score and terms of one scanned stretch of text (include minus exclude)."""
    hits = []
    for topic in codebook.topics:
        if topic.include_re is None:
            continue
        matches = list(topic.include_re.finditer(surface))
        if matches and topic.exclude_re is not None:
            vetoes = [m.span() for m in topic.exclude_re.finditer(surface)]
            matches = [m for m in matches if not _overlaps(m.span(), vetoes)]
        if not matches:
            continue
        score = sum(min(MAX_WORDS_PER_MATCH, len(_WORD.findall(m.group()))) for m in matches)
        terms = tuple(dict.fromkeys(_SPACES.sub(" ", m.group()).lower() for m in matches))
        hits.append((topic.id, topic.weight * score, terms))
    return tuple(hits)


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _background_spans(text: str, codebook: Codebook) -> list[tuple[int, int]]:
    if codebook.background_weight == 1.0:
        return []
    spans = []
    if codebook.background_re is not None:
        leading = codebook.background_re.match(text)
        if leading is not None:
            spans.append(leading.span())
    if ", " in text:
        spans.extend(m.span() for m in _RELATIVE_CLAUSE.finditer(text))
    return spans


def code_sentences(
    sentences: pd.DataFrame, codebook: Codebook | str | Path | None = None
) -> pd.DataFrame:
    """Code every sentence with topic weights: the ``topic_scores`` table.

    Parameters
    ----------
    sentences
        Columns ``article_id, sent_id, text`` and optionally ``para_id`` (without it every
        sentence is its own paragraph). Not modified.
    codebook
        A :class:`Codebook`, or what :func:`load_codebook` takes (default: the packaged event
        codebook).

    Returns
    -------
    DataFrame
        Columns :data:`TOPIC_SCORE_COLUMNS`, one row per sentence × topic with weight > 0 (or
        one :data:`UNASSIGNED` row with weight 1), sorted by ``article_id``, ``sent_id`` and
        codebook order of ``topic``, with a fresh RangeIndex.
    """
    codebook = load_codebook(codebook)
    missing = [c for c in ("article_id", "sent_id", "text") if c not in sentences.columns]
    if missing:
        raise KeyError(f"code_sentences() needs column(s) {missing} in the sentences table")
    ordered = sentences.sort_values(["article_id", "sent_id"], kind="stable")
    has_paras = "para_id" in ordered.columns
    paras = ordered["para_id"].tolist() if has_paras else [None] * len(ordered)
    carry_ids = [t.id for t in codebook.topics if t.carry]
    order = {topic_id: i for i, topic_id in enumerate(codebook.ids)}
    article_ids = ordered["article_id"].tolist()
    sent_ids = ordered["sent_id"].tolist()
    texts = ordered["text"].fillna("").astype(str).tolist()
    columns: tuple[list, ...] = ([], [], [], [], [])
    out_article, out_sent, out_topic, out_weight, out_matched = columns
    start = 0
    while start < len(article_ids):
        article_id = article_ids[start]
        end = start
        while end < len(article_ids) and article_ids[end] == article_id:
            end += 1
        coded = _code_article(
            texts[start:end], sent_ids[start:end], paras[start:end], codebook, carry_ids
        )
        for sent_id, scores in zip(sent_ids[start:end], coded, strict=True):
            total = sum(score for score, _ in scores.values())
            if total <= 0:
                scores = {UNASSIGNED: (1.0, [])}
                total = 1.0
            ranked = sorted(scores, key=order.get) if len(scores) > 1 else scores
            for topic_id in ranked:
                score, terms = scores[topic_id]
                out_article.append(article_id)
                out_sent.append(sent_id)
                out_topic.append(topic_id)
                out_weight.append(score / total)
                out_matched.append("; ".join(terms))
        start = end
    dtypes = (str, "int64", str, "float64", str)
    return pd.DataFrame(
        {
            name: pd.Series(values, dtype=dtype)
            for name, values, dtype in zip(TOPIC_SCORE_COLUMNS, columns, dtypes, strict=True)
        }
    )


def _code_article(
    texts: list[str], sent_ids: list[int], paras: list, codebook: Codebook, carry_ids: list[str]
) -> list[dict[str, tuple[float, list[str]]]]:
    """Own matches, then carried voices, then paragraph inheritance, for one article."""
    coded = [match_sentence(text, codebook) for text in texts]
    if carry_ids:
        _carry_voices(coded, texts, sent_ids, paras, carry_ids)
    if codebook.inherit_in_paragraph:
        for i in range(1, len(coded)):
            if not coded[i] and coded[i - 1] and paras[i] is not None and paras[i] == paras[i - 1]:
                coded[i] = {
                    t: (score, _tagged(terms, sent_ids[i - 1]))
                    for t, (score, terms) in coded[i - 1].items()
                }
    return coded


def _carry_voices(coded, texts, sent_ids, paras, carry_ids) -> None:
    """Let a voice topic continue into the reported speech that follows it (in place)."""
    chain = None  # (scores, origin sent_id, paragraph, speaker name tokens)
    for i, text in enumerate(texts):
        own = {t: coded[i][t] for t in carry_ids if t in coded[i]}
        if own:
            chain = (own, sent_ids[i], paras[i], _speaker_tokens(text))
            continue
        if chain is None:
            continue
        subject = _attribution(text)
        same_paragraph = paras[i] is not None and paras[i] == chain[2]
        if subject is None:
            continues = same_paragraph
        else:
            continues = subject in _PRONOUNS or subject in chain[3]
        if not continues:
            chain = None
            continue
        for topic_id, (score, terms) in chain[0].items():
            coded[i][topic_id] = (score, _tagged(terms, chain[1]))
        chain = (chain[0], chain[1], paras[i], chain[3])


def _tagged(terms: list[str], sent_id: int) -> list[str]:
    return [term if term.endswith("]") else f"{term} [sent {sent_id}]" for term in terms]


def _attribution(text: str) -> str | None:
    """The subject of the sentence's first reporting verb (lower case), or None without one.

    "..., he said" and "..., said he" give "he"; "Guo urged ..." gives "guo".
    """
    match = _VERB.search(text)
    if match is None:
        return None
    after = text[match.end() : match.end() + 12].split()
    if after and after[0].strip(_QUOTES_AND_COMMAS).lower() in _PRONOUNS:
        return after[0].strip(_QUOTES_AND_COMMAS).lower()
    before = text[max(0, match.start() - 80) : match.start()].split()
    while before and before[-1].lower() in _ADVERBS:
        before.pop()
    return before[-1].strip(_QUOTES_AND_COMMAS).lower() if before else ""


def _speaker_tokens(text: str) -> frozenset[str]:
    """Lower-case words of the capitalised name right before each reporting verb."""
    tokens = set()
    for match in _VERB.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].split()
        while before and before[-1].lower() in _ADVERBS:
            before.pop()
        for word in reversed(before[-4:]):
            word = word.strip(_QUOTES_AND_COMMAS)
            if not word[:1].isupper():
                break
            tokens.add(word.lower())
    return frozenset(tokens)


def primary_topics(topic_scores: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per sentence: its topic of largest weight.

    Ties go to the topic listed first in ``codebook`` (without a codebook: the alphabetically
    first id); :data:`UNASSIGNED` only when nothing matched. Columns :data:`PRIMARY_COLUMNS`,
    sorted by ``article_id, sent_id``.
    """
    rank = {t: i for i, t in enumerate(codebook.ids)} if codebook else {}
    frame = topic_scores.assign(
        _rank=topic_scores["topic"].map(lambda t: rank.get(t, len(rank))),
        _neg=-topic_scores["weight"],
    )
    frame = frame.sort_values(["article_id", "sent_id", "_neg", "_rank", "topic"], kind="stable")
    first = frame.drop_duplicates(["article_id", "sent_id"], keep="first")
    return first[PRIMARY_COLUMNS].reset_index(drop=True)


# --- topic share ----------------------------------------------------------------------------


def _weight_matrix(
    topic_scores: pd.DataFrame, sentences: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Sentences (article_id, sent_id, n_words) joined to one weight column per topic."""
    keys = ["article_id", "sent_id"]
    wide = topic_scores.pivot_table(
        index=keys, columns="topic", values="weight", aggfunc="sum", fill_value=0.0
    )
    if UNASSIGNED not in wide.columns:
        wide[UNASSIGNED] = 0.0
    topics = sorted(wide.columns)
    base = sentences[[*keys, "n_words"]]
    joined = base.merge(wide[topics].reset_index(), on=keys, how="left", validate="one_to_one")
    uncoded = joined[topics].isna().all(axis=1)
    if uncoded.any():
        first = joined.loc[uncoded, keys].iloc[0].tolist()
        raise ValueError(
            f"{int(uncoded.sum())} sentence(s) have no rows in topic_scores (first: {first}); "
            "code the same sentences table with code_sentences()"
        )
    return joined, topics


def _with_group(frame: pd.DataFrame, articles: pd.DataFrame | None, by: str) -> pd.DataFrame:
    if by in frame.columns:
        return frame
    if articles is None or by not in articles.columns:
        raise KeyError(f"grouping column {by!r} is in neither sentences nor articles")
    if by == "outlet":
        groups = outlet_labels(articles)  # the label every outlet-level table uses
    else:
        groups = articles[["article_id", by]].drop_duplicates("article_id")
    return frame.merge(groups, on="article_id", how="left", validate="many_to_one")


def topic_share(
    topic_scores: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Word-weighted topic share per group, with bootstrap percentile intervals.

    The share of topic T in a group is ``sum(n_words * weight_T) / sum(n_words)`` over the
    group's sentences; :data:`UNASSIGNED` is reported like a topic, so the shares of a group
    sum to 1. The interval resamples the group's sentences with replacement ``n_boot`` times.

    Parameters
    ----------
    topic_scores
        From :func:`code_sentences`.
    sentences
        Columns ``article_id, sent_id, n_words`` (and ``by`` if it is a sentence column).
    articles
        Columns ``article_id`` and ``by`` when ``by`` is an article column (``outlet``).
    by
        The grouping column: ``"outlet"``, ``"article_id"`` or any other column.
    n_boot, ci, random_state
        Bootstrap replicates, interval coverage and seed.

    Returns
    -------
    DataFrame
        Columns ``by`` + :data:`SHARE_COLUMNS`, one row per group × topic (every topic present
        in ``topic_scores``, and ``unassigned``), sorted by ``by`` and ``topic``.
    """
    joined, topics = _weight_matrix(topic_scores, sentences)
    joined = _with_group(joined, articles, by)
    rows = []
    for group, part in joined.groupby(by, sort=True, dropna=False):
        words = part["n_words"].to_numpy(dtype=float)
        weighted = part[topics].to_numpy(dtype=float) * words[:, None]
        total = words.sum()
        estimate = weighted.sum(axis=0) / total if total else np.zeros(len(topics))
        low, high = bootstrap_ratio(
            weighted, words, n_boot=n_boot, level=ci, rng=seeded_rng(random_state, group)
        )
        for j, topic in enumerate(topics):
            rows.append((group, topic, estimate[j], low[j], high[j], len(part), int(total)))
    out = pd.DataFrame(rows, columns=[by, *SHARE_COLUMNS])
    return out.sort_values([by, "topic"], kind="stable", ignore_index=True)


def evidence(
    topic_scores: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    topic: str,
    group=None,
    by: str = "outlet",
    min_weight: float = 0.0,
) -> pd.DataFrame:
    """The sentences behind a topic share: every sentence with weight on ``topic``.

    Parameters
    ----------
    topic
        A topic id, or :data:`UNASSIGNED`.
    group, by
        Keep only sentences whose ``by`` column (an article or sentence column, e.g.
        ``outlet``) equals ``group``; ``group=None`` keeps all.
    min_weight
        Keep rows with ``weight > min_weight``.

    Returns
    -------
    DataFrame
        Columns :data:`EVIDENCE_COLUMNS` (plus ``by`` when grouped), where ``topic_words``
        is ``weight * n_words``, what the sentence adds to the share's numerator; sorted by
        ``article_id, sent_id``.
    """
    rows = topic_scores[(topic_scores["topic"] == topic) & (topic_scores["weight"] > min_weight)]
    keys = ["article_id", "sent_id"]
    out = rows.merge(sentences[[*keys, "n_words", "text"]], on=keys, how="left")
    columns = list(EVIDENCE_COLUMNS)
    if group is not None:
        out = _with_group(out, articles, by)
        out = out[out[by] == group]
        columns.insert(1, by)
    out = out.assign(topic_words=out["weight"] * out["n_words"])
    return out[columns].sort_values(keys, kind="stable", ignore_index=True)


def permutation_test(
    topic_scores: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    group,
    topic: str,
    by: str = "outlet",
    unit: str = "sentence",
    n_perm: int = 9999,
    random_state: int = 0,
) -> pd.DataFrame:
    """Test whether ``group`` gives ``topic`` a larger word-weighted share than the others.

    The statistic is the group's share minus the share in all other groups' text pooled. The
    group labels are permuted over sentences (``unit="sentence"``: treats sentences as
    exchangeable, which overstates the evidence when an outlet's sentences cluster by article)
    or over whole articles (``unit="article"``: keeps each article's sentences together; with
    few articles the smallest attainable p-value is large). One-sided p-value
    ``(1 + #{permuted >= observed}) / (1 + n_perm)``.

    Returns
    -------
    DataFrame
        One row, columns ``by`` + :data:`PERMUTATION_COLUMNS` (``estimate``: the group's
        share, ``others``: the rest's, ``difference``: their difference; the counts are the
        group's).
    """
    if unit not in ("sentence", "article"):
        raise ValueError(f"unit must be 'sentence' or 'article', not {unit!r}")
    joined, topics = _weight_matrix(topic_scores, sentences)
    joined = _with_group(joined, articles, by)
    if topic not in topics:
        raise KeyError(f"topic {topic!r} does not occur in topic_scores")
    if not (joined[by] == group).any():
        raise KeyError(f"no sentences with {by} == {group!r}")
    words = joined["n_words"].to_numpy(dtype=float)
    values = joined[topic].to_numpy(dtype=float) * words
    member = (joined[by] == group).to_numpy()
    if unit == "article":
        codes, uniques = pd.factorize(joined["article_id"], sort=True)
        words = np.bincount(codes, weights=words, minlength=len(uniques))
        values = np.bincount(codes, weights=values, minlength=len(uniques))
        member = np.bincount(codes, weights=member, minlength=len(uniques)) > 0
    observed = _share_difference(values, words, member[None, :])[0]
    rng = np.random.default_rng(random_state)
    exceed = 0
    chunk = max(1, min(n_perm, 2_000_000 // max(len(words), 1)))
    for done in range(0, n_perm, chunk):
        size = min(chunk, n_perm - done)
        permuted = rng.permuted(np.tile(member, (size, 1)), axis=1)
        exceed += int((_share_difference(values, words, permuted) >= observed - 1e-12).sum())
    in_group = joined[by] == group
    row = (
        group,
        topic,
        unit,
        values[member].sum() / words[member].sum(),
        values[~member].sum() / words[~member].sum() if (~member).any() else np.nan,
        observed,
        (1 + exceed) / (1 + n_perm),
        n_perm,
        int(in_group.sum()),
        int(joined.loc[in_group, "n_words"].sum()),
        int(joined.loc[in_group, "article_id"].nunique()),
    )
    return pd.DataFrame([row], columns=[by, *PERMUTATION_COLUMNS])


def _share_difference(values: np.ndarray, words: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Share inside minus share outside, for each row of a boolean membership matrix."""
    inside_words = member @ words
    outside_words = words.sum() - inside_words
    inside = member @ values
    outside = values.sum() - inside
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(inside / inside_words - outside / outside_words, nan=-np.inf)


def most_varied_topic(share: pd.DataFrame, by: str = "outlet") -> str:
    """The topic whose share differs most between groups (largest max - min; ties: by id).

    ``unassigned`` is never chosen. For a figure of the topic that sets the outlets apart.
    """
    rows = share[share["topic"] != UNASSIGNED]
    spread = rows.groupby("topic")["estimate"].agg(lambda s: s.max() - s.min())
    return min(spread.index, key=lambda t: (-spread[t], t))


def focus_topic(share: pd.DataFrame, preferred: str | None = None, by: str = "outlet") -> str:
    """The topic to examine: ``preferred`` when some group gives it a share, else the most
    varied one (:func:`most_varied_topic`).

    For notebooks parameterised on the corpus: the topic a researcher asks about may not
    occur in another corpus, and then the topic that sets the groups apart is shown instead.
    """
    if preferred:
        rows = share[share["topic"] == preferred]
        if len(rows) and rows["estimate"].max() > 0:
            return preferred
    return most_varied_topic(share, by=by)


def topics_in_order(codebook: Codebook, extra: Iterable[str] = (UNASSIGNED,)) -> list[str]:
    """Codebook topic ids in codebook order followed by ``extra`` (for tables and figures)."""
    return [*codebook.ids, *extra]
