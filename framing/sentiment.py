"""Sentence sentiment with VADER: per sentence, per voice, per target, and per outlet.

VADER (Hutto & Gilbert, ICWSM 2014, ``vaderSentiment``) is a lexicon and rule-based scorer built
for social media. One analyzer instance is created on first use and reused.

Per sentence (:func:`score_sentences`)
    In: ``sentences`` (``article_id, sent_id, text``; ``para_id, start, end`` when present) and,
    optionally, ``quotes`` (``article_id, sent_id``; ``start, end`` as offsets into the article
    body when present). Out: the ``sentiment`` table, columns :data:`SENTIMENT_COLUMNS`:
    ``neg, neu, pos, compound`` are plain VADER on the whole sentence text, exactly as
    ``SentimentIntensityAnalyzer().polarity_scores`` gives them (the public benchmarks check
    that the wrapper loses nothing). ``voice`` says whose words the sentence holds:
    ``narration`` (the outlet's own words), ``quoted`` (all inside statements) or ``mixed``
    (both, e.g. ``"We will be there," Trump said.``). A mixed sentence is not forced into one
    voice: its quoted and narration parts are scored separately (``compound_quoted``,
    ``compound_narration``, with their word counts), so outlet figures can weigh each voice by
    the words it actually has. Quoted spans come from the quotes table when it is given (every
    statement, direct or indirect, overlapping the sentence); without it, from double quotation
    marks, carried across the sentences of a paragraph (direct quotes only).

Per target (:func:`find_mentions`, :func:`target_sentiment`, :func:`target_compound`)
    Targets (US, Japan, China, the alliance) and their names come from ``data/targets.yaml``
    plus, optionally, actor aliases by affiliation. ``target_sentiment`` returns one row per
    sentence x target mentioned, columns :data:`TARGET_COLUMNS`, with ``compound`` from the
    target method (see :func:`target_compound`); join the ``sentiment`` table for the plain
    sentence score.

Per outlet (:func:`outlet_sentiment`, :func:`sentiment_by_topic`, :func:`outlet_target_sentiment`)
    Weighted means with a bootstrap percentile CI (sentences resampled within the cell), the
    counts they rest on, and ``low_n`` (fewer than :data:`MIN_SENTENCES` sentences). Every outlet x
    category cell is returned, empty ones included (estimate NaN, ``n_sentences`` 0), so a thin
    cell is flagged, never hidden.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from .corpus import outlet_labels

# One reading of quotation marks for the whole library (straight, curly, guillemets, nested).
from .quotes import quote_spans as quote_mark_spans
from .segment import WORD_PATTERN
from .stats import bootstrap_ratio, seeded_rng

SENTIMENT_COLUMNS = [
    "article_id",
    "sent_id",
    "neg",
    "neu",
    "pos",
    "compound",
    "voice",
    "n_words",
    "n_words_narration",
    "n_words_quoted",
    "compound_narration",
    "compound_quoted",
]
# article_id keeps the dtype it came with.
SENTIMENT_DTYPES = {
    "sent_id": "int64",
    "neg": "float64",
    "neu": "float64",
    "pos": "float64",
    "compound": "float64",
    "voice": "string",
    "n_words": "int64",
    "n_words_narration": "int64",
    "n_words_quoted": "int64",
    "compound_narration": "float64",
    "compound_quoted": "float64",
}
MENTION_COLUMNS = ["article_id", "sent_id", "target", "start", "end", "mention"]
TARGET_COLUMNS = [
    "article_id",
    "sent_id",
    "target",
    "n_mentions",
    "mentions",
    "compound",
]
OUTLET_SENTIMENT_COLUMNS = [
    "outlet",
    "voice",
    "estimate",
    "ci_low",
    "ci_high",
    "n_sentences",
    "n_words",
    "low_n",
]
TOPIC_SENTIMENT_COLUMNS = [
    "outlet",
    "topic",
    "estimate",
    "ci_low",
    "ci_high",
    "n_sentences",
    "n_words",
    "low_n",
]
TARGET_SENTIMENT_COLUMNS = [
    "outlet",
    "target",
    "estimate",
    "ci_low",
    "ci_high",
    "n_sentences",
    "n_mentions",
    "low_n",
]

NARRATION, QUOTED, MIXED, ALL = "narration", "quoted", "mixed", "all"
VOICES = (NARRATION, QUOTED)
# A cell resting on fewer sentences than this is flagged (`low_n`), not hidden.
MIN_SENTENCES = 3
# VADER's own cut-offs for a positive / negative label (Hutto & Gilbert 2014).
POS_THRESHOLD, NEG_THRESHOLD = 0.05, -0.05
# Target method: a word d words away from the mention counts 1 / (1 + d / SCALE) ** POWER.
# Chosen on NewsMTSC devtest-rw (see framing.validate.sentiment); nearby values score within
# about 0.01 macro-F1 of it.
SCALE, POWER = 4.0, 1.5
# Words away from a mention in which a reporting word makes the mention the speaker.
CUE_WINDOW = 2

TARGETS_FILE = Path(__file__).resolve().parent / "data" / "targets.yaml"
TARGET_KINDS = ("names", "adjectives", "capitals", "people")

_WORD = re.compile(WORD_PATTERN)
_TOKEN = re.compile(r"\S+")
_WHOLE_WORD = r"(?<![\w.])(?:{})(?!\w)"
_DATELINE_OR_NAME = re.compile(r"\s*[:(—–]|\s+-\s|\s+[A-Z][a-z]")
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "“", "”", "«", "(", "[")


# --- the analyzer -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def analyzer():
    """The one shared :class:`vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer`."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def polarity(text: str) -> dict[str, float]:
    """Plain VADER scores ``{neg, neu, pos, compound}`` of ``text``."""
    return analyzer().polarity_scores(text)


def label(compound: float) -> str:
    """``pos`` / ``neg`` / ``neu`` by VADER's thresholds (>= 0.05, <= -0.05)."""
    if compound >= POS_THRESHOLD:
        return "pos"
    if compound <= NEG_THRESHOLD:
        return "neg"
    return "neu"


# --- sentences and voice ----------------------------------------------------------------------


def score_sentences(sentences: pd.DataFrame, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Score every sentence with VADER and split it into narration and quoted parts.

    Parameters
    ----------
    sentences
        ``article_id, sent_id, text``; ``para_id`` (quotation marks carry over within a
        paragraph) and ``start, end`` (to place quotes given as body offsets) when present.
    quotes
        Optional quotes table: ``article_id, sent_id`` and, when present, ``start, end``
        (offsets into the article body). A quote without offsets makes its whole sentence
        quoted. When None, quoted spans are read from double quotation marks.

    Returns
    -------
    DataFrame
        :data:`SENTIMENT_COLUMNS`, one row per sentence, sorted by ``article_id, sent_id``.
        ``compound_narration`` / ``compound_quoted`` are NaN when the part has no words.
    """
    _require(sentences, ["article_id", "sent_id", "text"], "sentences")
    ordered = sentences.sort_values(["article_id", "sent_id"], kind="stable")
    if quotes is None:
        spans = _quote_mark_spans(ordered)
    else:
        _require(quotes, ["article_id", "sent_id"], "quotes")
        spans = _quote_table_spans(ordered, quotes)
    rows = []
    for article_id, sent_id, text in zip(
        ordered["article_id"], ordered["sent_id"], ordered["text"], strict=True
    ):
        text = "" if pd.isna(text) else str(text)
        rows.append(_score_one(article_id, sent_id, text, spans.get((article_id, sent_id), [])))
    return pd.DataFrame(rows, columns=SENTIMENT_COLUMNS).astype(SENTIMENT_DTYPES)


def _score_one(article_id, sent_id, text: str, spans: list[tuple[int, int]]) -> list:
    whole = polarity(text)
    quoted_text, narration_text = _split_by_spans(text, spans)
    n_quoted = len(_WORD.findall(quoted_text))
    n_narration = len(_WORD.findall(narration_text))
    if n_quoted == 0:
        voice = NARRATION
        c_narration, c_quoted = whole["compound"], math.nan
    elif n_narration == 0:
        voice = QUOTED
        c_narration, c_quoted = math.nan, whole["compound"]
    else:
        voice = MIXED
        c_narration = polarity(narration_text)["compound"]
        c_quoted = polarity(quoted_text)["compound"]
    return [
        article_id,
        sent_id,
        whole["neg"],
        whole["neu"],
        whole["pos"],
        whole["compound"],
        voice,
        len(_WORD.findall(text)),
        n_narration,
        n_quoted,
        c_narration,
        c_quoted,
    ]


def _split_by_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, str]:
    """(text inside ``spans``, text outside), each part's pieces joined by a space."""
    inside, outside, cursor = [], [], 0
    for start, end in spans:
        outside.append(text[cursor:start])
        inside.append(text[start:end])
        cursor = end
    outside.append(text[cursor:])
    return " ".join(p.strip() for p in inside), " ".join(p.strip() for p in outside)


def _quote_mark_spans(ordered: pd.DataFrame) -> dict[tuple, list[tuple[int, int]]]:
    """Quoted spans per sentence from quotation marks; an open quote runs to paragraph end."""
    para = ordered["para_id"] if "para_id" in ordered else ordered["sent_id"]
    out, state, previous = {}, False, None
    for article_id, sent_id, para_id, text in zip(
        ordered["article_id"], ordered["sent_id"], para, ordered["text"], strict=True
    ):
        if (article_id, para_id) != previous:
            state, previous = False, (article_id, para_id)
        spans, state = quote_mark_spans("" if pd.isna(text) else str(text), state)
        if spans:
            out[(article_id, sent_id)] = spans
    return out


def _quote_table_spans(
    ordered: pd.DataFrame, quotes: pd.DataFrame, affiliation: str | None = None
) -> dict[tuple, list[tuple[int, int]]]:
    """Quoted spans per sentence (sentence-relative, merged) from a quotes table.

    With ``affiliation``, only quotes whose speaker has that affiliation count.
    """
    if affiliation is not None:
        if "affiliation" not in quotes:
            return {}
        quotes = quotes[quotes["affiliation"].astype("string") == affiliation]
    has_offsets = {"start", "end"} <= set(quotes.columns) and {"start", "end"} <= set(
        ordered.columns
    )
    found: dict[tuple, list[tuple[int, int]]] = {}
    lengths = {
        (a, s): len(str(t)) if not pd.isna(t) else 0
        for a, s, t in zip(ordered["article_id"], ordered["sent_id"], ordered["text"], strict=True)
    }
    by_article = {a: g for a, g in ordered.groupby("article_id", sort=False)} if has_offsets else {}
    for row in quotes.itertuples(index=False):
        q_start = getattr(row, "start", None) if has_offsets else None
        q_end = getattr(row, "end", None) if has_offsets else None
        if q_start is None or q_end is None or pd.isna(q_start) or pd.isna(q_end):
            key = (row.article_id, row.sent_id)
            if key in lengths:
                found.setdefault(key, []).append((0, lengths[key]))
            continue
        group = by_article.get(row.article_id)
        if group is None:
            continue
        hit = group[(group["start"] < q_end) & (group["end"] > q_start)]
        for s_id, s_start, s_end in zip(hit["sent_id"], hit["start"], hit["end"], strict=True):
            start = max(int(q_start), int(s_start)) - int(s_start)
            end = min(int(q_end), int(s_end)) - int(s_start)
            found.setdefault((row.article_id, s_id), []).append((start, end))
    return {key: _merge_spans(spans) for key, spans in found.items()}


def _merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


# --- targets ----------------------------------------------------------------------------------


def load_targets(path: str | Path | None = None) -> dict:
    """Read and check a targets file (default: the packaged ``data/targets.yaml``).

    Returns
    -------
    dict
        ``{"speech_cues": frozenset[str], "place_words": frozenset[str], "targets": [{"id",
        "label", "affiliation", "names", "adjectives", "capitals", "people"}, ...]}``, targets
        in file order.

    Raises
    ------
    ValueError
        Naming the file and target when an entry is missing, misspelled or not a valid pattern.
    """
    path = Path(path) if path is not None else TARGETS_FILE
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return _check_targets(raw, str(path.name))


def _check_targets(raw: Mapping, source: str) -> dict:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("targets"), list):
        raise ValueError(f"{source}: needs a `targets:` list")
    words = {}
    for key in ("speech_cues", "place_words"):
        values = raw.get(key) or []
        if not isinstance(values, list) or not all(isinstance(c, str) for c in values):
            raise ValueError(f"{source}: `{key}` must be a list of words")
        words[key] = frozenset(c.lower() for c in values)
    targets, seen = [], set()
    for i, entry in enumerate(raw["targets"]):
        if not isinstance(entry, Mapping) or not entry.get("id"):
            raise ValueError(f"{source}: target #{i + 1} has no `id`")
        tid = str(entry["id"])
        unknown = set(entry) - {"id", "label", "affiliation", *TARGET_KINDS}
        if unknown:
            raise ValueError(f"{source}: target {tid!r}: unknown keys {sorted(unknown)}")
        if tid in seen:
            raise ValueError(f"{source}: target {tid!r} is listed twice")
        seen.add(tid)
        clean = {
            "id": tid,
            "label": str(entry.get("label") or tid),
            "affiliation": None if entry.get("affiliation") is None else str(entry["affiliation"]),
        }
        for kind in TARGET_KINDS:
            values = entry.get(kind) or []
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ValueError(f"{source}: target {tid!r}: `{kind}` must be a list of strings")
            for value in values:
                try:
                    re.compile(_alias_pattern(value))
                except re.error as err:
                    raise ValueError(
                        f"{source}: target {tid!r}: bad pattern {value!r}: {err}"
                    ) from err
            clean[kind] = list(values)
        if not any(clean[kind] for kind in TARGET_KINDS):
            raise ValueError(f"{source}: target {tid!r} has no names")
        targets.append(clean)
    return {**words, "targets": targets}


def _registry(targets: str | Path | Mapping | None) -> dict:
    if targets is None:
        return load_targets_default()
    if isinstance(targets, str | Path):
        return load_targets(targets)
    if isinstance(targets.get("speech_cues"), frozenset):
        return dict(targets)
    return _check_targets(targets, "targets")


def _alias_pattern(alias: str) -> str:
    """Regex for one alias: whole word, case-sensitive, ' ~ ’ and - ~ dashes, spaces ~ runs."""
    if alias.startswith("re:"):
        return alias[3:]
    return _WHOLE_WORD.format(_alias_body(alias))


def _alias_body(alias: str) -> str:
    parts = []
    for ch in alias:
        if ch in "'’":
            parts.append("['’]")
        elif ch in "-–—":
            parts.append("[-–—]")
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _compile(aliases: Iterable[str]) -> re.Pattern | None:
    """One pattern for many aliases: the plain ones share a single word-boundary test."""
    ordered = sorted(set(aliases), key=lambda a: (-len(a), a))
    plain = [_alias_body(a) for a in ordered if not a.startswith("re:")]
    branches = [f"(?:{a[3:]})" for a in ordered if a.startswith("re:")]
    if plain:
        branches.insert(0, _WHOLE_WORD.format("|".join(plain)))
    return re.compile("|".join(branches)) if branches else None


class _TargetPattern(NamedTuple):
    target: str
    words: re.Pattern | None  # names, adjectives, people (and actor aliases)
    capitals: re.Pattern | None


def _target_patterns(registry: dict, actors: pd.DataFrame | None) -> list[_TargetPattern]:
    """The compiled patterns of every target, in registry order."""
    extra: dict[str, list[str]] = {}
    if actors is not None:
        _require(actors, ["alias", "affiliation"], "actors")
        for alias, affiliation in zip(actors["alias"], actors["affiliation"], strict=True):
            if not pd.isna(alias) and not pd.isna(affiliation) and str(alias).strip():
                extra.setdefault(str(affiliation), []).append(str(alias).strip())
    out = []
    for target in registry["targets"]:
        words = target["names"] + target["adjectives"] + target["people"]
        if target["affiliation"] is not None:
            words = words + extra.get(target["affiliation"], [])
        out.append(_TargetPattern(target["id"], _compile(words), _compile(target["capitals"])))
    return out


def _is_government_capital(text: str, start: int, end: int, place_words: frozenset[str]) -> bool:
    """A capital stands for its government unless it names a place or sits in a longer name."""
    before = text[:start].rstrip()
    previous = before.rsplit(None, 1)[-1] if before else ""
    if previous.lower().strip("“\"'(") in place_words:
        return False
    if previous[:1].isupper() and not previous.endswith(_SENTENCE_END) and previous.isalpha():
        return False
    # "Tokyo: ...", "Tokyo (Reuters)": a dateline; "Tokyo Electric": a longer name.
    return not _DATELINE_OR_NAME.match(text, end)


def _sentence_mentions(
    text: str, patterns: Sequence[_TargetPattern], place_words: frozenset[str]
) -> list[tuple[str, int, int, str]]:
    """``(target, start, end, mention)`` for every target mention in one sentence, in order."""
    found = []
    for target, words, capitals in patterns:
        if words is not None:
            found.extend((target, m.start(), m.end(), m.group()) for m in words.finditer(text))
        if capitals is not None:
            found.extend(
                (target, m.start(), m.end(), m.group())
                for m in capitals.finditer(text)
                if _is_government_capital(text, m.start(), m.end(), place_words)
            )
    return sorted(found, key=lambda f: (f[1], f[2], f[0]))


def find_mentions(
    sentences: pd.DataFrame,
    targets: str | Path | Mapping | None = None,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every mention of a target in every sentence.

    Parameters
    ----------
    sentences
        ``article_id, sent_id, text``.
    targets
        A targets file, an already loaded registry (:func:`load_targets`), or None for the
        packaged ``data/targets.yaml``.
    actors
        Optional ``alias, affiliation`` table (e.g. from the actor registry); each alias is
        added as a mention of the target with that ``affiliation``.

    Returns
    -------
    DataFrame
        :data:`MENTION_COLUMNS`; ``start, end`` are offsets into the sentence ``text``.
    """
    _require(sentences, ["article_id", "sent_id", "text"], "sentences")
    registry = _registry(targets)
    patterns = _target_patterns(registry, actors)
    rows = []
    ordered = sentences.sort_values(["article_id", "sent_id"], kind="stable")
    for article_id, sent_id, text in zip(
        ordered["article_id"], ordered["sent_id"], ordered["text"], strict=True
    ):
        if pd.isna(text):
            continue
        for target, start, end, mention in _sentence_mentions(
            str(text), patterns, registry["place_words"]
        ):
            rows.append([article_id, sent_id, target, start, end, mention])
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"sent_id": "int64", "target": "string", "start": "int64", "end": "int64",
         "mention": "string"}
    )  # fmt: skip
    return out.sort_values(["article_id", "sent_id", "start", "target"], kind="stable").reset_index(
        drop=True
    )


def _token_valences(text: str) -> tuple[list[re.Match], list[float]]:
    """VADER's per-word valences for ``text`` (after its booster, negation and *but* rules).

    This is the loop inside ``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment
    3.3.2), kept token by token so the target method can weigh words by their distance to a
    mention; the sum of these valences normalised is VADER's ``compound`` (without ! and ?
    emphasis). ``tests/test_sentiment.py`` checks that equality, so a change in vaderSentiment
    shows up as a failing test, not as silently different numbers.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    vader = analyzer()
    tokens = list(_TOKEN.finditer(text))
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    if len(words) != len(tokens):  # pragma: no cover - str.split and \S+ agree on whitespace
        raise ValueError(f"token mismatch in {text[:60]!r}")
    valences: list[float] = []
    for i, item in enumerate(words):
        lower = item.lower()
        if lower in BOOSTER_DICT or (
            lower == "kind" and i + 1 < len(words) and words[i + 1].lower() == "of"
        ):
            valences.append(0.0)
            continue
        valences = vader.sentiment_valence(0, sentitext, item, i, valences)
    valences = vader._but_check(words, valences)
    return tokens, [float(v) for v in valences]


def _normalize(score: float, alpha: float = 15.0) -> float:
    """VADER's squashing of a valence sum into (-1, 1)."""
    return score / math.sqrt(score * score + alpha) if score else 0.0


def target_compound(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    own_spans: Sequence[tuple[int, int]] = (),
    speech_cues: Iterable[str] | None = None,
    scale: float = SCALE,
    power: float = POWER,
    mask_names: bool = True,
    speaker_rule: bool = True,
) -> float:
    """Sentiment of one sentence toward a target mentioned at ``spans`` (VADER compound scale).

    VADER's word valences (with its negation, booster and *but* rules) are summed with a
    weight that falls with the distance to the nearest mention, ``1 / (1 + d / scale) ** power``
    for a word ``d`` words away, and squashed like VADER's compound. Three news-specific rules:

    * the mention itself does not count ("United States", "Justice Kennedy");
    * capitalised words inside the sentence are names, not sentiment ("Democratic Party",
      "Security Council", "Liberty"), unless they open a sentence or a quotation;
    * when a mention is the speaker of the sentence's quotation (a reporting word from
      ``speech_cues`` within two words, outside the quotation marks), the quoted words are the
      target's own voice, not sentiment toward it, and do not count. ``own_spans`` adds spans
      known to be the target's own words (e.g. from the quotes table).

    Parameters
    ----------
    text
        One sentence.
    spans
        ``(start, end)`` offsets of the target's mentions in ``text``.
    own_spans
        Offsets of words spoken by the target (they do not count).
    speech_cues
        Reporting words; default those of the packaged targets file.
    scale, power
        The distance decay (words).
    mask_names, speaker_rule
        Switch the two news rules off (for ablation in the benchmark).

    Returns
    -------
    float
        In (-1, 1), rounded to 4 decimals like VADER's compound; 0.0 when nothing counts.

    Raises
    ------
    ValueError
        When no span covers a word of ``text``.
    """
    if speech_cues is None:
        speech_cues = load_targets_default()["speech_cues"]
    return _target_score(
        _prepare(text),
        spans,
        own_spans=own_spans,
        cues=frozenset(speech_cues),
        scale=scale,
        power=power,
        mask_names=mask_names,
        speaker_rule=speaker_rule,
    )


class _Prepared(NamedTuple):
    """What the target method needs from a sentence, computed once for all its targets."""

    text: str
    tokens: list[re.Match]
    valences: list[float]
    in_quotes: list[bool]
    is_name: list[bool]


def _prepare(text: str) -> _Prepared:
    tokens, valences = _token_valences(text)
    quoted_spans, _ = quote_mark_spans(text)
    in_quotes = [_inside(tok, quoted_spans) for tok in tokens]
    is_name = [_is_name(tokens, i) for i in range(len(tokens))]
    return _Prepared(text, tokens, valences, in_quotes, is_name)


def _target_score(
    prepared: _Prepared,
    spans: Sequence[tuple[int, int]],
    *,
    own_spans: Sequence[tuple[int, int]],
    cues: frozenset[str],
    scale: float,
    power: float,
    mask_names: bool,
    speaker_rule: bool,
) -> float:
    tokens, in_quotes = prepared.tokens, prepared.in_quotes
    mention_idx = sorted(
        {i for i, tok in enumerate(tokens) for a, b in spans if tok.end() > a and tok.start() < b}
    )
    if not mention_idx:
        raise ValueError(f"no mention span {list(spans)} covers a word of {prepared.text[:60]!r}")
    drop_quoted = speaker_rule and any(
        not in_quotes[i] and _near_cue(tokens, i, cues) for i in mention_idx
    )
    mention_set = set(mention_idx)
    total = 0.0
    for i, valence in enumerate(prepared.valences):
        if valence == 0 or i in mention_set:
            continue
        if mask_names and prepared.is_name[i]:
            continue
        if drop_quoted and in_quotes[i]:
            continue
        if own_spans and _inside(tokens[i], own_spans):
            continue
        distance = min(abs(i - j) for j in mention_idx)
        total += valence / (1.0 + distance / scale) ** power
    return round(_normalize(total), 4)


@lru_cache(maxsize=1)
def load_targets_default() -> dict:
    """The packaged targets registry, read once."""
    return load_targets(None)


def _inside(token: re.Match, spans: Sequence[tuple[int, int]]) -> bool:
    word = _WORD.search(token.group())
    position = token.start() + (word.start() if word else 0)
    return any(a <= position < b for a, b in spans)


def _near_cue(tokens: list[re.Match], i: int, cues: frozenset[str]) -> bool:
    lo, hi = max(0, i - CUE_WINDOW), min(len(tokens), i + CUE_WINDOW + 1)
    for j in range(lo, hi):
        if j != i and tokens[j].group().strip(".,;:!?\"'“”‘’()[]—–-").lower() in cues:
            return True
    return False


def _is_name(tokens: list[re.Match], i: int) -> bool:
    """A capitalised word that neither opens the sentence nor follows an end mark or quote."""
    if i == 0:
        return False
    word = tokens[i].group()
    if not word[:1].isupper() or word.isupper():
        return False
    return not tokens[i - 1].group().endswith(_SENTENCE_END)


def target_sentiment(
    sentences: pd.DataFrame,
    targets: str | Path | Mapping | None = None,
    quotes: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Sentiment toward each target in each sentence that mentions it.

    Parameters
    ----------
    sentences
        ``article_id, sent_id, text`` (and ``start, end`` to place quotes by body offsets).
    targets
        Targets file or registry (default: packaged ``data/targets.yaml``).
    quotes
        Optional quotes table with ``affiliation``: statements by a speaker with a target's
        affiliation are that target's own words and do not count toward its sentiment.
    actors
        Optional ``alias, affiliation`` table adding mentions (see :func:`find_mentions`).

    Returns
    -------
    DataFrame
        :data:`TARGET_COLUMNS`, one row per sentence x target mentioned, sorted by
        ``article_id, sent_id, target``. ``mentions`` lists the mention texts ("; ").
    """
    registry = _registry(targets)
    mentions = find_mentions(sentences, registry, actors)
    texts = {
        (a, s): str(t)
        for a, s, t in zip(sentences["article_id"], sentences["sent_id"], sentences["text"],
                           strict=True)
        if not pd.isna(t)
    }  # fmt: skip
    affiliations = {t["id"]: t["affiliation"] for t in registry["targets"]}
    own: dict[str, dict] = {}
    if quotes is not None:
        _require(quotes, ["article_id", "sent_id"], "quotes")
        ordered = sentences.sort_values(["article_id", "sent_id"], kind="stable")
        for tid, affiliation in affiliations.items():
            if affiliation is not None:
                own[tid] = _quote_table_spans(ordered, quotes, affiliation)
    cues = registry["speech_cues"]
    rows, prepared = [], {}
    keys = zip(mentions["article_id"], mentions["sent_id"], mentions["target"], strict=True)
    spans_of: dict[tuple, list] = {}
    for key, start, end, mention in zip(
        keys, mentions["start"], mentions["end"], mentions["mention"], strict=True
    ):
        spans_of.setdefault(key, []).append((start, end, mention))
    for (article_id, sent_id, target), found in sorted(spans_of.items()):
        key = (article_id, sent_id)
        if key not in prepared:
            prepared[key] = _prepare(texts[key])
        compound = _target_score(
            prepared[key],
            [(start, end) for start, end, _ in found],
            own_spans=own.get(target, {}).get(key, ()),
            cues=cues,
            scale=SCALE,
            power=POWER,
            mask_names=True,
            speaker_rule=True,
        )
        mention_texts = "; ".join(dict.fromkeys(m for _, _, m in found))
        rows.append([article_id, sent_id, target, len(found), mention_texts, compound])
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).astype(
        {"sent_id": "int64", "target": "string", "n_mentions": "int64", "mentions": "string",
         "compound": "float64"}
    )  # fmt: skip


# --- outlet level -----------------------------------------------------------------------------


def outlet_sentiment(
    sentiment: pd.DataFrame,
    articles: pd.DataFrame,
    by: str | None = "voice",
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Mean compound per outlet (and voice), weighted by words, with a bootstrap CI.

    Parameters
    ----------
    sentiment
        The ``sentiment`` table (:func:`score_sentences`).
    articles
        ``article_id, outlet``; an article without an outlet counts under its ``article_id``.
    by
        ``"voice"``: one row per outlet x voice (``narration``, ``quoted``); a mixed sentence
        contributes its narration part to one and its quoted part to the other. None: one row
        per outlet over whole sentences (``voice`` = ``all``).
    n_boot, random_state
        Bootstrap resamples (sentences, within each cell) and seed.

    Returns
    -------
    DataFrame
        :data:`OUTLET_SENTIMENT_COLUMNS`, every outlet x voice, sorted. ``estimate`` is the
        word-weighted mean compound (each sentence part weighs its word count, so a bare
        "Trump said." weighs little against the quotation it attributes); ``n_sentences`` the
        sentences (or parts) it rests on; ``low_n`` when fewer than 3.
    """
    _require(sentiment, ["article_id", "sent_id", "compound", "n_words"], "sentiment")
    if by == "voice":
        units = _voice_units(sentiment)
        categories = list(VOICES)
    elif by is None:
        units = sentiment.assign(value=sentiment["compound"], weight=sentiment["n_words"],
                                 category=ALL)  # fmt: skip
        categories = [ALL]
    else:
        raise ValueError(f"by must be 'voice' or None, not {by!r}")
    table = _cells(units, articles, categories, n_boot, random_state)
    table = table.rename(columns={"category": "voice", "weight": "n_words"})
    table["n_words"] = table["n_words"].round().astype("int64")
    return table[OUTLET_SENTIMENT_COLUMNS]


def _voice_units(sentiment: pd.DataFrame) -> pd.DataFrame:
    _require(
        sentiment,
        ["compound_narration", "compound_quoted", "n_words_narration", "n_words_quoted"],
        "sentiment",
    )
    parts = []
    for voice in VOICES:
        part = sentiment[sentiment[f"n_words_{voice}"] > 0]
        parts.append(
            part.assign(
                value=part[f"compound_{voice}"], weight=part[f"n_words_{voice}"], category=voice
            )
        )
    return pd.concat(parts, ignore_index=True)


def sentiment_by_topic(
    sentiment: pd.DataFrame,
    topic_scores: pd.DataFrame,
    articles: pd.DataFrame,
    voice: str | None = None,
    topics: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Mean compound per outlet x topic, each sentence weighted by its topic weight x words.

    Parameters
    ----------
    sentiment
        The ``sentiment`` table.
    topic_scores
        ``article_id, sent_id, topic, weight`` (weights of a sentence sum to 1; a sentence
        with no topic is ``unassigned`` and shows as its own column if present).
    articles
        ``article_id, outlet``.
    voice
        None for whole sentences, or ``"narration"`` / ``"quoted"`` for that part only.
    topics
        The topics of the grid, in display order (e.g. the codebook's); default: those in
        ``topic_scores``, alphabetically, ``unassigned`` last. Topics outside it are dropped.
    n_boot, random_state
        Bootstrap resamples and seed.

    Returns
    -------
    DataFrame
        :data:`TOPIC_SENTIMENT_COLUMNS`, every outlet x topic. ``n_sentences`` counts sentences
        with a positive weight for the topic, ``n_words`` their topic-weighted words (the
        words the topic takes, as in topic share); ``low_n`` when ``n_sentences`` < 3.
    """
    _require(topic_scores, ["article_id", "sent_id", "topic", "weight"], "topic_scores")
    if voice is None:
        units = sentiment.assign(value=sentiment["compound"], weight=sentiment["n_words"])
    elif voice in VOICES:
        units = _voice_units(sentiment)
        units = units[units["category"] == voice]
    else:
        raise ValueError(f"voice must be None, 'narration' or 'quoted', not {voice!r}")
    scores = topic_scores[["article_id", "sent_id", "topic", "weight"]].rename(
        columns={"weight": "topic_weight"}
    )
    units = units[["article_id", "sent_id", "value", "weight"]].merge(
        scores, on=["article_id", "sent_id"], how="inner"
    )
    units["weight"] = units["weight"] * units["topic_weight"]
    units = units[units["weight"] > 0].rename(columns={"topic": "category"})
    if topics is None:
        topics = sorted(
            set(topic_scores["topic"].astype(str)), key=lambda t: (t == "unassigned", t)
        )
    table = _cells(units, articles, [str(t) for t in topics], n_boot, random_state)
    table = table.rename(columns={"category": "topic", "weight": "n_words"})
    table["n_words"] = table["n_words"].round(1)
    return table[TOPIC_SENTIMENT_COLUMNS]


def outlet_target_sentiment(
    target_scores: pd.DataFrame,
    articles: pd.DataFrame,
    targets: str | Path | Mapping | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Mean target compound per outlet x target (each sentence counts once), with a CI.

    Parameters
    ----------
    target_scores
        The table of :func:`target_sentiment`.
    articles
        ``article_id, outlet``.
    targets
        The registry whose targets lay out the grid (default: the packaged file).
    n_boot, random_state
        Bootstrap resamples and seed.

    Returns
    -------
    DataFrame
        :data:`TARGET_SENTIMENT_COLUMNS`, every outlet x target in registry order.
    """
    _require(target_scores, ["article_id", "sent_id", "target", "compound"], "target_scores")
    ids = [t["id"] for t in _registry(targets)["targets"]]
    extra = sorted(set(target_scores["target"].astype(str)) - set(ids))
    units = target_scores.assign(
        value=target_scores["compound"], weight=1.0, category=target_scores["target"]
    )
    table = _cells(units, articles, ids + extra, n_boot, random_state)
    mentions = (
        units.merge(_outlets(articles), on="article_id", how="inner")
        .groupby(["outlet", "category"])["n_mentions"]
        .sum()
        .rename("n_mentions")
    )
    table = table.merge(mentions, left_on=["outlet", "category"], right_index=True, how="left")
    table["n_mentions"] = table["n_mentions"].fillna(0).astype("int64")
    table = table.rename(columns={"category": "target"})
    return table[TARGET_SENTIMENT_COLUMNS]


def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    _require(articles, ["article_id", "outlet"], "articles")
    return outlet_labels(articles)


def _cells(
    units: pd.DataFrame,
    articles: pd.DataFrame,
    categories: list[str],
    n_boot: int,
    random_state: int,
) -> pd.DataFrame:
    """Weighted mean + bootstrap CI per outlet x category, the full grid."""
    outlets = _outlets(articles)
    units = units.merge(outlets, on="article_id", how="inner")
    units = units.assign(category=units["category"].astype(str))
    groups = {key: g for key, g in units.groupby(["outlet", "category"], sort=True)}
    rows = []
    for outlet in sorted(set(outlets["outlet"])):
        for category in categories:
            group = groups.get((outlet, category))
            if group is None or group.empty:
                rows.append([outlet, category, math.nan, math.nan, math.nan, 0, 0.0, True])
                continue
            values = group["value"].to_numpy(dtype=float)
            weights = group["weight"].to_numpy(dtype=float)
            rng = seeded_rng(random_state, outlet, category)
            estimate, low, high = bootstrap_mean(values, weights, n_boot, rng)
            n = len(group)
            rows.append(
                [outlet, category, estimate, low, high, n, float(weights.sum()), n < MIN_SENTENCES]
            )
    out = pd.DataFrame(
        rows,
        columns=["outlet", "category", "estimate", "ci_low", "ci_high", "n_sentences", "weight",
                 "low_n"],
    )  # fmt: skip
    return out.astype(
        {"outlet": "string", "category": "string", "n_sentences": "int64", "low_n": "bool"}
    )


def bootstrap_mean(
    values: np.ndarray,
    weights: np.ndarray,
    n_boot: int = 1000,
    rng: np.random.Generator | None = None,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Weighted mean and its bootstrap percentile interval (units resampled with replacement).

    Returns ``(estimate, ci_low, ci_high)``; all NaN when there are no units or no weight.
    Resamples whose weights sum to zero are left out of the percentiles.
    """
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if values.size == 0 or weights.sum() <= 0:
        return math.nan, math.nan, math.nan
    estimate = float(np.dot(values, weights) / weights.sum())
    rng = np.random.default_rng(0) if rng is None else rng
    low, high = bootstrap_ratio(values * weights, weights, n_boot=n_boot, level=level, rng=rng)
    return estimate, float(low[0]), float(high[0])


def _require(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing columns {missing}")
