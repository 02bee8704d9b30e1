"""Quote attribution: who is given a voice, directly or indirectly, and how much.

In: the ``sentences`` table (:data:`SENTENCE_INPUT_COLUMNS`: ``article_id, sent_id, para_id,
start, end, text``; ``start``/``end`` are offsets into the article body, and sentences of one
paragraph are separated there by whitespace only).

Out: the ``quotes`` table, one row per attributed statement per sentence, columns
:data:`QUOTE_COLUMNS`:

``article_id, quote_id``
    the article and a 0-based statement number within it, in text order.
``sent_id``
    the sentence the statement is in (a quote running over several sentences gives one row per
    sentence; the rows without their own cue are ``resolved_by="continuation"``).
``kind``
    ``direct`` when the span contains words in quotation marks, else ``indirect``.
``speaker, affiliation``
    the canonical name and affiliation from the actor registry (:func:`load_actors`); a source
    missing from the registry keeps its written form with affiliation ``unknown``; a quote
    nobody can be found for has speaker ``unknown``.
``cue``
    the reporting verb or phrase as written (``said``, ``according to``, ``reports, citing``);
    empty for continuations.
``text, start, end, n_words``
    the statement's content without cue and speaker (for a pure quotation: the words between the
    marks), its offsets into the body, and its word count.
``resolved_by``
    how the speaker was found: ``name``, ``alias``, ``fuzzy`` (near-miss spelling, rapidfuzz),
    ``title`` (role, description or "both leaders"), ``pronoun``, ``continuation``,
    ``surface`` (kept as written, not in the registry) or ``none`` (unattributed quotation).
``speaker_surface``
    the words that name the speaker in the text.

Method. Rule-based, in the tradition of cue-based attribution (Pareti 2016, PARC 3.0; textacy's
``direct_quotations``; the Gender Gap Tracker, Asr et al. 2021): a lexicon of reporting cues
(``data/reporting_verbs.yaml``) is matched outside quotation marks; each cue's speaker is the
noun phrase before it (``Trump said``), after it (``said Trump``, ``according to Kyodo``) or,
for participles and second predicates (``..., saying``; ``and recalled``), the subject of its
clause. The content is the complement after the cue, or the clause before a trailing
attribution (``"...," Trump said.``). Speakers are looked up in the actor registry by name,
alias, fuzzy match (a near-miss spelling of a registry name word, never a word of an unknown
full name), the article's own people (a name written with its title, "Chilean President Marta
Ibarra", is "Marta Ibarra"; a later "Ibarra" or "the president" is her too, before any registry
title; nationality comes from ``data/demonyms.yaml`` or the outlet's country), title, pronoun
(the nearest compatible earlier speaker; gender decides
unless the article has quoted that person several times without ever using a pronoun of their
gender, as machine translation does) and continuation. Every pattern is a single linear pass
over a bounded window, so long or malformed input cannot blow up.

:func:`voice_share` turns the quotes table into per-outlet shares of quoted words and of
statements by affiliation or speaker, with bootstrap confidence intervals over statements.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from rapidfuzz import fuzz, process

from .corpus import outlet_labels
from .segment import ABBREVIATIONS, WORD_PATTERN
from .stats import bootstrap_ratio, seeded_rng

logger = logging.getLogger(__name__)

SENTENCE_INPUT_COLUMNS = ["article_id", "sent_id", "para_id", "start", "end", "text"]
QUOTE_COLUMNS = [
    "article_id",
    "quote_id",
    "sent_id",
    "kind",
    "speaker",
    "affiliation",
    "cue",
    "text",
    "n_words",
    "resolved_by",
    "start",
    "end",
    "speaker_surface",
]
# One row per written form of an actor; ``alias`` is the form, ``form`` says which kind it is.
ACTOR_COLUMNS = ["speaker", "affiliation", "type", "gender", "members", "alias", "form"]
# voice_share() returns outlet, kind, <by>, measure and these.
SHARE_VALUE_COLUMNS = [
    "estimate",
    "ci_low",
    "ci_high",
    "n_statements",
    "n_words",
    "group_statements",
    "group_words",
]
AFFILIATIONS = ("US", "Japan", "China", "media", "other")
UNKNOWN = "unknown"
ACTOR_TYPES = ("person", "government", "organization", "media", "group", "joint")
FORMS = ("name", "alias", "misspelling", "title")
KINDS = ("direct", "indirect")
RESOLUTIONS = (
    "name",
    "alias",
    "fuzzy",
    "title",
    "pronoun",
    "continuation",
    "surface",
    "none",
)
MEASURES = ("words", "statements")
DEFAULT_ACTORS = "actors.yaml"
DEFAULT_CUES = "reporting_verbs.yaml"
DEFAULT_DEMONYMS = "demonyms.yaml"
# One row per written form of a country (``form``: country, alias, demonym or capital;
# ``given_name`` marks a country name that is also a first name, such as Jordan).
COUNTRY_COLUMNS = ["country", "demonym", "affiliation", "surface", "form"]

# Fuzzy matching of a capitalised word against the registry's person names (rapidfuzz ratio,
# 0-100); "Takachi" vs "Takaichi" scores 93, "Takata" 71. Only a word of about the same length
# is a near miss ("Lund" is not a misspelling of anything).
FUZZY_CUTOFF = 85
FUZZY_MIN_CHARS = 5
FUZZY_MAX_LENGTH_DIFF = 2
# A person's name as written: at most this many capitalised words.
MAX_NAME_WORDS = 4
# Words before a name searched for its title or role ("Foreign Ministry spokesman").
MAX_ROLE_WORDS = 6
# Bounds that keep every step linear on pathological input.
LEFT_WINDOW = 200  # characters searched before a cue for its subject
RIGHT_WINDOW = 100  # characters searched after a cue for its speaker, object or rest
MAX_CUES_PER_SENTENCE = 64
MAX_SUBJECT_WORDS = 12
MAX_PARENTHETICAL_CHUNKS = 4
# Sentences searched back for the organisation "the agency" or "the company" refers to.
BACK_REFERENCE_SENTENCES = 8
# Words of a subject before a parenthetical (", who ..., said"): "A spokeswoman for Tanzania's
# Ministry of Energy" has 7.
MAX_PARENTHETICAL_SUBJECT = 8
# Statements by a person after which an article that never uses their gender's pronouns is
# taken to have unreliable pronoun genders.
MIN_PRONOUN_OPPORTUNITIES = 3

_WORD = re.compile(WORD_PATTERN)  # as sentences.n_words counts them
# Tokens: words (with inner apostrophes, hyphens, dots: "Japan’s", "U.S.") or one symbol.
_TOKEN = re.compile(r"\w+(?:[’'\-.&]\w+)*(?:(?<=\.\w)\.)?|[^\w\s]")
_OPEN_DOUBLE = "“«„"
_CLOSE_DOUBLE = "”»"
_QUOTE_CHARS = '“”«»„"‘’'
_QUOTE_MARK = re.compile("[" + _QUOTE_CHARS + "]")
_GENDER_PRONOUNS = {
    "female": re.compile(r"(?i)\b(?:she|her|hers|herself)\b"),
    "male": re.compile(r"(?i)\b(?:he|him|his|himself)\b"),
}
_CLOSE_TOKENS = frozenset('”»"’')
_OPEN_TOKENS = frozenset('“«„"‘')
_BREAK_TOKENS = frozenset(",;:()[]—–.!?-")  # a "-" token stands alone: a dash, as in datelines
_COMMA_TOKENS = frozenset(",;")


# --- loading the knowledge files -----------------------------------------------------------


def _read_yaml(path: str | Path | None, default: str) -> tuple[object, str]:
    if path is None:
        text = resources.files("framing").joinpath("data", default).read_text(encoding="utf-8")
        name = f"framing/data/{default}"
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise FileNotFoundError(f"{name}: cannot read the file ({error})") from error
    try:
        return yaml.safe_load(text), name
    except yaml.YAMLError as error:
        raise ValueError(f"{name}: not valid YAML ({error})") from error


def _string_list(value, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list):
        raise ValueError(f"{where} must be a list of strings, got {type(value).__name__}")
    bad = [v for v in value if not isinstance(v, str) or not v.strip()]
    if bad:
        raise ValueError(f"{where} must hold non-empty strings, got {bad[0]!r}")
    return [v.strip() for v in value]


def load_actors(path: str | Path | None = None) -> pd.DataFrame:
    """Read the actor registry (speakers, their written forms and affiliations).

    Parameters
    ----------
    path
        A YAML file laid out like ``framing/data/actors.yaml`` (the default when None).

    Returns
    -------
    DataFrame
        Columns :data:`ACTOR_COLUMNS`, one row per written form of each actor (its canonical
        name too, ``form="name"``); ``members`` is the ``|``-joined member list of a joint actor.
        Sorted by speaker, then form and alias.

    Raises
    ------
    ValueError
        When the file is not valid YAML or an entry is malformed; the message names the file,
        the entry and the problem.
    """
    data, name = _read_yaml(path, DEFAULT_ACTORS)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ValueError(f"{name}: expected a mapping with an 'actors' list")
    rows, seen, owner = [], set(), {}
    entries = data["actors"]
    for i, entry in enumerate(entries):
        where = f"{name}: actors[{i}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a mapping, got {type(entry).__name__}")
        speaker = entry.get("name")
        if not isinstance(speaker, str) or not speaker.strip():
            raise ValueError(f"{where}: missing 'name'")
        speaker = speaker.strip()
        where = f"{where} ({speaker!r})"
        unknown_keys = set(entry) - {
            "name", "affiliation", "type", "gender", "aliases", "misspellings", "titles",
            "members",
        }  # fmt: skip
        if unknown_keys:
            raise ValueError(f"{where}: unknown key(s) {sorted(unknown_keys)}")
        if speaker in seen:
            raise ValueError(f"{where}: duplicate name")
        seen.add(speaker)
        affiliation = entry.get("affiliation")
        if affiliation not in AFFILIATIONS:
            raise ValueError(
                f"{where}: affiliation must be one of {AFFILIATIONS}, got {affiliation!r}"
            )
        kind = entry.get("type")
        if kind not in ACTOR_TYPES:
            raise ValueError(f"{where}: type must be one of {ACTOR_TYPES}, got {kind!r}")
        gender = entry.get("gender") or ""
        if gender not in ("", "female", "male"):
            raise ValueError(f"{where}: gender must be 'female' or 'male', got {gender!r}")
        members = _string_list(entry.get("members"), f"{where}: members")
        if kind == "joint" and len(members) < 2:
            raise ValueError(f"{where}: a joint actor needs at least two members")
        if kind != "joint" and members:
            raise ValueError(f"{where}: only a joint actor has members")
        forms = [("name", speaker)] if kind != "joint" else []
        for form, key in (
            ("alias", "aliases"),
            ("misspelling", "misspellings"),
            ("title", "titles"),
        ):
            forms += [(form, s) for s in _string_list(entry.get(key), f"{where}: {key}")]
        for form, surface in forms:
            norm = _norm(surface)
            if form != "title":
                previous = owner.setdefault(norm, speaker)
                if previous != speaker:
                    raise ValueError(f"{where}: {surface!r} also names {previous!r}")
            rows.append((speaker, affiliation, kind, gender, "|".join(members), surface, form))
        if kind == "joint":
            rows.append((speaker, affiliation, kind, gender, "|".join(members), "", "name"))
    for i, entry in enumerate(entries):
        for member in _string_list(entry.get("members"), f"{name}: actors[{i}]"):
            if member not in seen:
                raise ValueError(
                    f"{name}: actors[{i}] ({entry['name']!r}): member {member!r} is not an actor"
                )
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    order = table["form"].map({f: i for i, f in enumerate(FORMS)})
    table = table.assign(_order=order).sort_values(["speaker", "_order", "alias"], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def load_cues(path: str | Path | None = None) -> dict:
    """Read the reporting-cue lexicon and grammar word lists (``data/reporting_verbs.yaml``).

    Raises
    ------
    ValueError
        When the file is not valid YAML or a section is malformed (the message names both).
    """
    data, name = _read_yaml(path, DEFAULT_CUES)
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), dict):
        raise ValueError(f"{name}: expected a mapping with a 'verbs' mapping")
    verbs = {}
    for lemma, spec in data["verbs"].items():
        where = f"{name}: verbs[{lemma!r}]"
        if not isinstance(spec, dict):
            raise ValueError(f"{where}: expected a mapping")
        forms = _string_list(spec.get("forms"), f"{where}: forms")
        if not forms:
            raise ValueError(f"{where}: no forms")
        verbs[str(lemma)] = {
            "forms": [f.lower() for f in forms],
            "clause": bool(spec.get("clause", False)),
            "object": bool(spec.get("object", False)),
            "needs": [n.lower() for n in _string_list(spec.get("needs"), f"{where}: needs")],
            "window": int(spec.get("window", 8)),
        }
    out = {"verbs": verbs, "name": name}
    for key in (
        "source_phrases", "relay_cues", "source_nouns", "document_nouns", "determiners",
        "modals", "negations", "be_forms", "auxiliaries", "adverbs", "clause_words",
        "relative_words", "coordinators", "participle_links", "prepositions",
        "source_prepositions", "postmodifiers", "fronting_words", "np_words", "time_words",
        "stance_markers", "title_words", "former_words", "role_modifiers", "institution_nouns",
        "lowercase_institutions", "honorifics", "anonymity_phrases", "organization_nouns",
        "media_nouns", "company_nouns", "refusal_phrases", "interviewer_labels",
        "answer_labels", "source_descriptions", "numerals", "legal_suffixes",
        "generic_organization_nouns", "representative_nouns", "describing_compounds",
    ):  # fmt: skip
        out[key] = [s.lower() for s in _string_list(data.get(key), f"{name}: {key}")]
    pairs = data.get("pair_nouns") or {}
    if not isinstance(pairs, dict):
        raise ValueError(f"{name}: pair_nouns must map an actor type to a list of nouns")
    out["pair_nouns"] = {
        str(k): [s.lower() for s in _string_list(v, f"{name}: pair_nouns[{k!r}]")]
        for k, v in pairs.items()
    }
    pronouns = data.get("pronouns") or {}
    if not isinstance(pronouns, dict) or not all(isinstance(v, dict) for v in pronouns.values()):
        raise ValueError(f"{name}: pronouns must map a pronoun to {{type, gender}}")
    out["pronouns"] = {str(k).lower(): dict(v) for k, v in pronouns.items()}
    out["min_unattributed_words"] = int(data.get("min_unattributed_words", 8))
    synonyms = data.get("institution_synonyms") or {}
    if not isinstance(synonyms, dict):
        raise ValueError(f"{name}: institution_synonyms must map a name to its usual form")
    out["institution_synonyms"] = {
        " ".join(str(k).lower().split()): " ".join(str(v).lower().split())
        for k, v in synonyms.items()
    }
    return out


def load_demonyms(path: str | Path | None = None) -> pd.DataFrame:
    """Read the table of countries, their demonyms and affiliations (``data/demonyms.yaml``).

    Parameters
    ----------
    path
        A YAML file laid out like ``framing/data/demonyms.yaml`` (the default when None).

    Returns
    -------
    DataFrame
        Columns :data:`COUNTRY_COLUMNS`, one row per written form of each country (its name,
        ``form="country"``; its aliases; its demonym), sorted by country, form and surface.

    Raises
    ------
    ValueError
        When the file is not valid YAML or an entry is malformed (the message names both).
    """
    data, name = _read_yaml(path, DEFAULT_DEMONYMS)
    if not isinstance(data, dict) or not isinstance(data.get("countries"), list):
        raise ValueError(f"{name}: expected a mapping with a 'countries' list")
    rows = []
    for i, entry in enumerate(data["countries"]):
        where = f"{name}: countries[{i}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a mapping, got {type(entry).__name__}")
        country, demonym = entry.get("country"), entry.get("demonym")
        if not isinstance(country, str) or not country.strip():
            raise ValueError(f"{where}: missing 'country'")
        if not isinstance(demonym, str) or not demonym.strip():
            raise ValueError(f"{where} ({country!r}): missing 'demonym'")
        known_keys = {"country", "demonym", "aliases", "affiliation", "given_name", "capital"}
        unknown_keys = set(entry) - known_keys
        if unknown_keys:
            raise ValueError(f"{where} ({country!r}): unknown key(s) {sorted(unknown_keys)}")
        affiliation = entry.get("affiliation", "other")
        if affiliation not in AFFILIATIONS:
            raise ValueError(
                f"{where} ({country!r}): affiliation must be one of {AFFILIATIONS}, "
                f"got {affiliation!r}"
            )
        country, demonym = country.strip(), demonym.strip()
        forms = [("country", country), ("demonym", demonym)]
        forms += [("alias", a) for a in _string_list(entry.get("aliases"), f"{where}: aliases")]
        if entry.get("given_name", False) is True:
            forms.append(("given_name", country))
        if isinstance(entry.get("capital"), str) and entry["capital"].strip():
            forms.append(("capital", entry["capital"].strip()))
        rows += [(country, demonym, affiliation, surface, form) for form, surface in forms]
    table = pd.DataFrame(rows, columns=COUNTRY_COLUMNS)
    return table.sort_values(["country", "form", "surface"], ignore_index=True)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


# --- compiled registry and lexicon ---------------------------------------------------------


@dataclass(frozen=True)
class _Actor:
    name: str
    affiliation: str
    type: str
    gender: str
    members: tuple[str, ...] = ()


@dataclass(slots=True)
class _Speaker:
    name: str
    affiliation: str
    type: str
    gender: str
    resolved_by: str
    surface: str


def _trie_regex(words: list[str]) -> str:
    """One regular expression matching any of ``words``, factored as a trie.

    Python's ``re`` tries the branches of an alternation one by one at every position; sharing
    prefixes makes matching several times faster. Longer words win (optional tails are
    greedy); a space matches any run of whitespace.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) if words else r"(?!x)x"


def _fold(text: str) -> str:
    """Same-length normalisation for matching: typographic apostrophes and dashes."""
    if "’" in text:
        text = text.replace("’", "'")
    if "–" in text or "‐" in text:
        text = text.replace("–", "-").replace("‐", "-")
    return text


class _Registry:
    """The actor table compiled for matching: one alternation of every written form."""

    def __init__(self, actors: pd.DataFrame):
        missing = [c for c in ("speaker", "affiliation", "alias", "form") if c not in actors]
        if missing:
            raise KeyError(f"the actors table needs column(s) {missing} (see load_actors)")
        self.actors: dict[str, _Actor] = {}
        self.forms: dict[str, list[tuple[str, str]]] = {}
        self.tokens_of: dict[str, set[str]] = {}  # words of a person's names and aliases
        columns = [actors[c].tolist() for c in ACTOR_COLUMNS if c in actors]
        names = [c for c in ACTOR_COLUMNS if c in actors]
        fuzzy: dict[str, set[str]] = {}
        for values in zip(*columns, strict=True):
            row = dict(zip(names, values, strict=True))
            name = str(row["speaker"])
            members = tuple(m for m in str(row.get("members") or "").split("|") if m)
            self.actors.setdefault(
                name,
                _Actor(
                    name,
                    str(row["affiliation"]),
                    str(row.get("type") or "person"),
                    str(row.get("gender") or ""),
                    members,
                ),
            )
            surface = str(row["alias"] or "")
            if not surface or (row["form"] == "name" and "|" in surface):
                continue
            self.forms.setdefault(_norm(surface), []).append((name, str(row["form"])))
            if row.get("type", "person") == "person" and row["form"] != "title":
                for token in surface.split():
                    self.tokens_of.setdefault(name, set()).add(token)
                    if len(token) >= FUZZY_MIN_CHARS and token[:1].isupper():
                        fuzzy.setdefault(token, set()).add(name)
        surfaces = {s for s in actors["alias"].tolist() if s and "|" not in s}
        # Matched ignoring case; case is checked afterwards (see _case_ok).
        self.exact = {
            _norm(s): _fold(s) for s in surfaces if len(s.split()) == 1 and not s.islower()
        }
        folded = sorted({_fold(" ".join(s.split())).lower() for s in surfaces})
        self.pattern = re.compile(rf"(?<![\w.])(?:{_trie_regex(folded)})(?![\w])", re.IGNORECASE)
        self.fuzzy_tokens = {t: next(iter(n)) for t, n in fuzzy.items() if len(n) == 1}
        self.fuzzy_choices = sorted(self.fuzzy_tokens)
        self.joint = {frozenset(a.members): a.name for a in self.actors.values() if a.members}
        # Names and aliases as written (no titles): enough to count who is mentioned.
        self.name_of = {}
        for surface in surfaces:
            owners = self.forms.get(_norm(surface), [])
            if owners and len({o[0] for o in owners}) == 1 and owners[0][1] != "title":
                self.name_of[_fold(" ".join(surface.split()))] = owners[0][0]
        self.name_pattern = re.compile(rf"(?:{_trie_regex(sorted(self.name_of))})(?![\w])")
        self.government = {}
        for actor in self.actors.values():
            if actor.type == "government":
                self.government.setdefault(actor.affiliation, actor.name)

    def lookup(self, phrase: str) -> list[tuple[str, str]] | None:
        """The owners of ``phrase`` when it is exactly one registry form (case rules apply)."""
        key = _norm(phrase)
        owners = self.forms.get(key)
        if owners is None or not self._case_ok(_fold(phrase), key):
            return None
        return owners

    def _case_ok(self, word: str, key: str) -> bool:
        exact = self.exact.get(key)
        if exact is not None:
            return word == exact  # "US" is not "us"; "Trump" is not "trump card"
        return " " in key or word.islower() or word[1:].islower()

    def mentions(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, [(name, form), ...]) for each registry form in ``text[start:end]``."""
        end = len(text) if end is None else end
        found = []
        for m in self.pattern.finditer(_fold(text[start:end])):
            word = m.group()
            key = _norm(word)
            if not self._case_ok(word, key):
                continue
            found.append((start + m.start(), start + m.end(), self.forms.get(key, [])))
        return found

    def fuzzy(self, token: str, titles: frozenset = frozenset()) -> str | None:
        """The person whose name word ``token`` is a near-miss spelling of: a high ratio on
        the whole word and about the same length; title words ("Minister") never match."""
        if len(token) < FUZZY_MIN_CHARS or not self.fuzzy_choices:
            return None
        for choice, _, _ in process.extract(
            token, self.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
        ):
            if choice.lower() in titles:
                continue
            if abs(len(choice) - len(token)) <= FUZZY_MAX_LENGTH_DIFF:
                return self.fuzzy_tokens[choice]
        return None


class _Countries:
    """The country table compiled: written forms (as word tuples) to countries."""

    def __init__(self, table: pd.DataFrame):
        missing = [c for c in COUNTRY_COLUMNS if c not in table]
        if missing:
            raise KeyError(f"the demonym table needs column(s) {missing} (see load_demonyms)")
        self.forms: dict[tuple[str, ...], tuple[str, str]] = {}
        self.demonym: dict[str, str] = {}
        self.affiliation: dict[str, str] = {}
        self.by_affiliation: dict[str, str] = {}
        # Country names that are also first names ("Jordan Ellis"): a name word before
        # another capitalised word.
        self.given_names: frozenset[str] = frozenset(
            _norm(str(s)) for s, f in zip(table["surface"], table["form"], strict=True)
            if f == "given_name"
        )  # fmt: skip
        # Capitals speak for their governments ("Lisbon said") but, being also names and
        # words ("Victoria", "Male"), are never read as a nationality inside a phrase.
        self.capital_of: dict[tuple[str, ...], str] = {}
        rows = zip(*(table[c].tolist() for c in COUNTRY_COLUMNS), strict=True)
        for country, demonym, affiliation, surface, form in rows:
            if form == "capital":
                self.capital_of.setdefault(tuple(_norm(str(surface)).split()), str(country))
            if form in ("given_name", "capital"):
                continue
            key = tuple(_norm(str(surface)).split())
            self.forms.setdefault(key, (str(country), str(form)))
            self.demonym[country] = str(demonym)
            self.affiliation[country] = str(affiliation)
            if affiliation != "other":
                self.by_affiliation.setdefault(str(affiliation), str(country))
        self.longest = max((len(k) for k in self.forms), default=0)
        self.first_words = frozenset(k[0] for k in self.forms if k)

    def match(self, lower: list[str], i: int) -> tuple[str, str, int] | None:
        """(country, form, n_words) of the longest country form starting at word ``i``.

        A possessive last word counts ("Chile's" is Chile, form ``possessive``)."""
        first = lower[i].replace("’", "'") if i < len(lower) else ""
        if first not in self.first_words and first.removesuffix("'s") not in self.first_words:
            return None
        for n in range(min(self.longest, len(lower) - i), 0, -1):
            words = [w.replace("’", "'") for w in lower[i : i + n]]
            possessive = words[-1].endswith("'s")
            if possessive:
                words[-1] = words[-1][:-2]
            found = self.forms.get(tuple(words))
            if found is not None:
                return found[0], "possessive" if possessive else found[1], n
        return None

    def of_name(self, name: str) -> str:
        """The country written as ``name`` ("Canada", "USA"), or ""."""
        found = self.forms.get(tuple(_norm(str(name)).split()))
        return found[0] if found is not None and found[1] != "demonym" else ""


@lru_cache(maxsize=8)
def _default_countries() -> _Countries:
    return _Countries(load_demonyms())


@dataclass(frozen=True)
class _Cue:
    lemma: str
    role: str  # verb | source | relay
    clause: bool = False
    object: bool = False
    needs: tuple[str, ...] = ()
    window: int = 8


class _Lexicon:
    """The cue lexicon compiled: one alternation of every cue form, plus word sets."""

    def __init__(self, cues: dict):
        self.info: dict[str, _Cue] = {}
        for lemma, spec in cues["verbs"].items():
            for form in spec["forms"]:
                self.info[form] = _Cue(
                    lemma, "verb", spec["clause"], spec["object"], tuple(spec["needs"]),
                    spec["window"],
                )  # fmt: skip
        for phrase in cues["source_phrases"]:
            self.info[phrase] = _Cue(phrase, "source")
        for relay in cues["relay_cues"]:
            self.info[relay] = _Cue(relay, "relay")
        written = []
        for form in self.info:
            written.append(form)
            # Sentence-initial capitals only where a cue can open a sentence.
            if self.info[form].role != "verb" or form.endswith("ing"):
                written.append(form[:1].upper() + form[1:])
        self.pattern = re.compile(r"(?<![\w\-’'])(?:" + _trie_regex(written) + r")(?![\w\-])")
        self.sets = {
            key: frozenset(value) for key, value in cues.items() if isinstance(value, list)
        }
        self.pair_nouns = {
            noun: kind for kind, nouns in cues["pair_nouns"].items() for noun in nouns
        }
        self.pronouns = cues["pronouns"]
        self.institution_synonyms = cues["institution_synonyms"]
        self.min_unattributed_words = cues["min_unattributed_words"]
        stance = sorted(cues["stance_markers"], key=len, reverse=True)
        self.stance = re.compile(
            r"(?i)(?<![\w’'])(?:" + "|".join(re.escape(s) for s in stance) + r")(?![\w’'])"
        )
        self.source_heads = self.sets["source_nouns"] | self.sets["document_nouns"]
        self.organization_heads = self.sets["organization_nouns"] | self.sets["institution_nouns"]
        self.source_descriptions = tuple(f"{p} " for p in cues["source_descriptions"])
        # Common words lower-cased in a speaker kept as written ("Critics" -> "critics").
        self.common_words = self.source_heads | self.sets["np_words"] | self.sets["adverbs"]
        # Capitalised only because they open a sentence: never the first word of a name.
        self.function_words = frozenset().union(
            *(
                self.sets[k]
                for k in (
                    "determiners",
                    "prepositions",
                    "fronting_words",
                    "clause_words",
                    "coordinators",
                    "adverbs",
                    "be_forms",
                    "modals",
                    "auxiliaries",
                    "negations",
                    "time_words",
                )
            ),  # fmt: skip
            self.pronouns,
        )
        self.titles = self.sets["title_words"]
        # Closed-class words: never a name, even capitalised ("The", "Both", "He").
        self.closed_words = frozenset().union(
            *(
                self.sets[k]
                for k in (
                    "determiners",
                    "prepositions",
                    "clause_words",
                    "coordinators",
                    "be_forms",
                    "negations",
                )
            ),  # fmt: skip
            self.pronouns,
            ("both", "all", "some", "many", "several"),
        )

    def __getitem__(self, key: str) -> frozenset:
        return self.sets[key]


@lru_cache(maxsize=8)
def _default_lexicon() -> _Lexicon:
    return _Lexicon(load_cues())


@lru_cache(maxsize=8)
def _default_registry() -> _Registry:
    return _Registry(load_actors())


_REGISTRIES: dict[tuple, _Registry] = {}


def _registry_for(actors: pd.DataFrame) -> _Registry:
    """The compiled registry of an actor table, compiled once per distinct table."""
    columns = [c for c in ACTOR_COLUMNS if c in actors.columns]
    key = tuple(actors[columns].astype(str).itertuples(index=False, name=None))
    if key not in _REGISTRIES:
        if len(_REGISTRIES) >= 8:
            _REGISTRIES.clear()
        _REGISTRIES[key] = _Registry(actors)
    return _REGISTRIES[key]


# --- quotation marks -----------------------------------------------------------------------


def quote_spans(text: str, open_at_start: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Spans of quoted text in ``text``, and whether a quotation is still open at its end.

    Double quotation marks (curly, straight, guillemets) delimit quotations; curly double
    marks nest. Single curly marks count only outside double ones and only where they cannot
    be apostrophes. A quotation that never closes runs to the end of the text. One pass,
    linear time.

    Parameters
    ----------
    text
        A sentence or paragraph.
    open_at_start
        True when a quotation opened before ``text`` is still open (multi-sentence quotes).

    Returns
    -------
    (spans, open_at_end)
        ``spans`` are ``(start, end)`` offsets of the quoted words, without the marks.
    """
    spans = []
    depth = 1 if open_at_start else 0
    kind = "double" if open_at_start else ""
    start = 0
    n = len(text)
    for mark in _QUOTE_MARK.finditer(text):
        i, char = mark.start(), mark.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if char in _OPEN_DOUBLE:
            if depth == 0 or kind != "double":
                depth, kind, start = 1, "double", i + 1
            else:
                depth += 1
        elif char in _CLOSE_DOUBLE:
            if kind == "double" and depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, i))
                    kind = ""
        elif char == '"':
            opening = before.isspace() or before in "([{—–-/" or i == 0
            if kind == "double" and depth and not (opening and not after.isspace()):
                depth = 0
                spans.append((start, i))
                kind = ""
            elif depth == 0 and not after.isspace():
                depth, kind, start = 1, "double", i + 1
        elif depth == 0 and char == "‘" and (before.isspace() or i == 0 or before in "(["):
            depth, kind, start = 1, "single", i + 1
        elif kind == "single" and char == "’" and not after.isalnum() and not before.isspace():
            depth = 0
            spans.append((start, i))
            kind = ""
    if depth and kind:
        spans.append((start, n))
        return spans, kind == "double"
    return spans, False


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


# --- the per-article state -----------------------------------------------------------------


@dataclass(slots=True)
class _Person:
    """A person an article names in full: "Chilean President Marta Ibarra"."""

    name: str  # the name without titles: "Marta Ibarra"
    role: tuple[str, ...]  # the title words, lower case, without nationality: ("president",)
    country: str  # from the nationality in the title, else the outlet's for a bare title
    registry: str = ""  # the registry actor, when the name is one
    last: int = 0  # the sentence of the last full mention
    count: int = 1
    introduced: bool = False  # set off by a description: "Rosa Lago, who runs the cooperative,"


@dataclass
class _Context:
    """What earlier sentences of an article tell about later ones."""

    registry: _Registry
    lexicon: _Lexicon
    texts: list[str]
    history: list[_Speaker] = field(default_factory=list)
    history_at: list[int] = field(default_factory=list)  # the sentence of each history entry
    looking_back: bool = False  # resolving the sentence before's subject for a pronoun
    acronyms: dict[str, str] = field(default_factory=dict)  # "KDSA" -> "Korea Drug Safety Agency"
    acronyms_scanned: int = 0

    def acronym(self, word: str) -> str:
        """The full name an article defined ``word`` as ("the Korea Drug Safety Agency
        (KDSA)") up to the current sentence, or ""."""
        self.volatile = True
        while self.acronyms_scanned <= self.current and self.acronyms_scanned < len(self.texts):
            text = self.texts[self.acronyms_scanned]
            for m in _ACRONYM_MARK.finditer(text):
                name = _NAME_BEFORE.search(text, max(0, m.start() - ACRONYM_WINDOW), m.start())
                if name is None:
                    continue
                words = name[0].split()
                if words[0] in ("The", "A", "An"):
                    words = words[1:]
                words[-1] = words[-1].removesuffix("'s").removesuffix("’s")
                short = m[1] or m[2]
                initials = "".join(w[0] for w in words if w[:1].isupper())
                if initials == short or initials.startswith(short) or short.startswith(initials):
                    self.acronyms.setdefault(short, " ".join(words))
            self.acronyms_scanned += 1
        return self.acronyms.get(word, "")

    scanned: int = 0
    counts: Counter = field(default_factory=Counter)
    last_seen: dict[str, int] = field(default_factory=dict)
    pronoun_use: dict[str, bool] = field(default_factory=dict)
    current: int = 0
    cache: dict = field(default_factory=dict)  # shared by the articles of one call
    name_words: dict[str, bool] = field(default_factory=dict)  # shared like ``cache``
    surname_scan: dict[str, tuple[int, bool]] = field(default_factory=dict)
    volatile: bool = False  # the answer being worked out depends on the article
    countries: _Countries | None = None
    home: str = ""  # the country of the article's outlet, when known
    persons: dict[str, _Person] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    first_names: dict[str, list[str]] = field(default_factory=dict)
    people_scanned: int = 0
    answerer: _Speaker | None = None  # who answers "A:" in a question-and-answer interview

    def salience(self) -> tuple[Counter, dict[str, int]]:
        """Mention counts and last mention order of each actor up to the current sentence."""
        while self.scanned <= self.current and self.scanned < len(self.texts):
            text = self.texts[self.scanned]
            for m in self.registry.name_pattern.finditer(_fold(text)):
                if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "."):
                    continue
                name = self.registry.name_of[m[0]]
                self.counts[name] += 1
                self.last_seen[name] = self.scanned * 100_000 + m.start()
            self.scanned += 1
        return self.counts, self.last_seen

    def people(self, upto: int | None = None) -> dict[str, _Person]:
        """People named in full (with their titles) up to the current sentence."""
        self.volatile = True
        upto = self.current if upto is None else upto
        while self.people_scanned <= upto and self.people_scanned < len(self.texts):
            for person in _names_in(self.texts[self.people_scanned], self):
                person.last = self.people_scanned
                known = self.persons.get(person.name)
                if known is None:
                    self.persons[person.name] = person
                    if not person.registry:
                        for surname in _surname_forms(person.name):
                            self.surnames.setdefault(surname, []).append(person.name)
                        first = person.name.split()[0]
                        self.first_names.setdefault(first, []).append(person.name)
                else:
                    known.last = person.last
                    known.count += 1
                    if person.role and not known.role:
                        known.role, known.country = person.role, person.country
            self.people_scanned += 1
        return self.persons

    def person_named(self, word: str) -> _Person | None:
        """The unknown person an article named in full whose surname (else first name) is
        ``word``, when there is exactly one."""
        if not word[:1].isupper():
            return None
        self.people()
        for index in (self.surnames, self.first_names):
            names = index.get(word)
            if names is not None:
                return self.persons[names[0]] if len(names) == 1 else None
        return None

    def uses_pronouns_of(self, gender: str) -> bool:
        """Whether the article ever refers to anyone with a pronoun of ``gender``."""
        if gender not in self.pronoun_use:
            text = " ".join(self.texts)
            self.pronoun_use[gender] = _GENDER_PRONOUNS[gender].search(text) is not None
        return self.pronoun_use[gender]


def _surname_forms(name: str) -> set[str]:
    """Every later name word, and every run of them, can be the surname: "Teresa Amaral
    Quintas" is "Quintas", "Amaral" or "Amaral Quintas"."""
    words = name.split()
    return {
        " ".join(words[i:j]) for i in range(1, len(words)) for j in range(i + 1, len(words) + 1)
    }


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    text: str
    cue: _Cue
    mode: str = ""  # lead | trail | inherit | fronted | source | relay
    attach: int = -1
    cuts: bool = True
    region: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    speaker: _Speaker | None = None
    fronted: bool = False
    chunk_end: int = -1
    relay_end: int = -1


# --- speakers ------------------------------------------------------------------------------


def _speaker_of(actor: _Actor, resolved_by: str, surface: str) -> _Speaker:
    return _Speaker(actor.name, actor.affiliation, actor.type, actor.gender, resolved_by, surface)


def _pick_owner(owners: list[tuple[str, str]], ctx: _Context) -> tuple[str, str]:
    """A form listed for several actors (a shared title) goes to the one mentioned last."""
    if len(owners) == 1 or all(o[0] == owners[0][0] for o in owners):
        return owners[0]
    ctx.volatile = True
    _, last_seen = ctx.salience()
    return max(owners, key=lambda o: last_seen.get(o[0], -1))


def _form_rank(form: str) -> int:
    return {"name": 0, "alias": 1, "misspelling": 1, "title": 3}.get(form, 4)


# --- people named in the text --------------------------------------------------------------

# Two or more capitalised words in a row (a name, perhaps with its title).
_CAPITAL_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*"
_CAPITAL_RUN = re.compile(rf"(?<![\w’'.\-]){_CAPITAL_WORD}(?:[ \t]+{_CAPITAL_WORD})+")


_DIGIT = re.compile(r"\d")
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_CAPITALISED_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'\-]*")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _name_word(word: str, low: str, ctx: _Context) -> bool:
    """A word that can be part of a person's name: capitalised, no title, no nationality."""
    known = ctx.name_words.get(word)
    if known is None:
        known = ctx.name_words[word] = _is_name_word(word, low, ctx)
    return known


def _is_name_word(word: str, low: str, ctx: _Context) -> bool:
    if not _capitalised(word) or _DIGIT.search(word):
        return False
    lex = ctx.lexicon
    if low in lex.titles or low.rstrip(".") in lex.titles or low in lex.closed_words:
        return False
    return low in ctx.countries.given_names or ctx.countries.match([low], 0) is None


# Words that join an office's name to the capitalised word ending it: "Minister of Energy and
# Mines", "head of the NCDB", "member of the Seimas".
_PORTFOLIO_LINKS = frozenset({"of", "for", "and", "&", "the"})
_PORTFOLIO_OPENERS = frozenset({"of", "for"})
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}$")


def _ends_portfolio(words: list[str], lowers: list[str], begin: int, floor: int, lex) -> bool:
    """Whether the first of three or more name words ends the name of an office written
    right before them: a link word before it, and before that only capitalised, title and
    link words back to a title (not "of"/"for"); a name ending in an organisation's noun
    ("... Workers' Union") is no person's."""
    if begin - 1 < floor or lowers[begin - 1] not in _PORTFOLIO_LINKS:
        return False
    last = lowers[-1]
    if last in lex["organization_nouns"] or last in lex["institution_nouns"]:
        return False
    for k in range(begin - 2, max(floor, begin - 2 - MAX_ROLE_WORDS) - 1, -1):
        if lowers[k] in lex.titles and lowers[k] not in _PORTFOLIO_LINKS:
            return True
        if not (_capitalised(words[k]) or lowers[k] in _PORTFOLIO_LINKS):
            return False
    return False


def _parse_name(words: list[str], ctx: _Context, floor: int = 0):
    """Split a phrase ending in a name into (name start, role, country, nationality given).

    The name is the trailing run of name words ("Marta Ibarra"); the role is the title words
    right before it, without nationality and modifiers (``("president",)``); the country comes
    from a demonym or possessive there ("Chilean", "Chile's"). None when the phrase does not
    end in a name.
    """
    lex = ctx.lexicon
    lowers = [w.lower() for w in words]
    end = len(words)
    if end and lowers[-1] in ("'s", "’s"):
        return None  # "Lund's office": the possessor is not the phrase
    begin = end
    known = ctx.name_words
    while begin > floor:
        word = words[begin - 1]
        if begin < end and word.endswith(("'s", "’s")):
            break  # "Gaonbit Pharmaceutical's Osong": the possessor is not part of the name
        is_name = known.get(word)
        if is_name is None:
            is_name = known[word] = _is_name_word(word, lowers[begin - 1], ctx)
        if not is_name:
            break
        if end - begin >= 2 and lowers[begin - 1] in lex.organization_heads:
            break  # "... Cooperative Society Anthony Rohan Fernando": the society is no name
        begin -= 1
        if end - begin >= 3 and _INITIALS.match(word) and not _INITIALS.match(words[begin + 1]):
            # Initials open a name ("... Aquatic Resources W.M. Sunil Premaratne"); one before
            # a lone surname is a middle initial ("John F. Kennedy", "George H. W. Bush").
            break
        if end - begin > MAX_NAME_WORDS:
            return None
    if begin == end:
        return None
    portfolio = end - begin >= 3 and _ends_portfolio(words, lowers, begin, floor, lex)
    if portfolio:
        begin += 1  # "Minister of Energy and Mines Khamphoui Vongsay": "Mines" is the office's
    start = begin
    in_office = True  # only capitalised words so far: maybe the end of an office's name
    while (
        start > floor
        and begin - start < MAX_ROLE_WORDS
        and (
            lowers[start - 1] in lex.titles
            or _capitalised(words[start - 1])
            or lowers[start - 1] in ("'s", "’s")
            # "Minister of Fisheries and Aquatic Resources W.M. Sunil Premaratne"
            or ((portfolio or in_office) and lowers[start - 1] in _PORTFOLIO_LINKS)
        )
    ):
        start -= 1
        in_office = in_office and lowers[start] not in lex.titles
    while start < begin and lowers[start] in _PORTFOLIO_LINKS:
        start += 1
    country, given, role = "", False, []
    k = start
    while k < begin:
        found = ctx.countries.match(lowers, k)
        if found is not None and k + found[2] <= begin:
            country, given = country or found[0], True
            k += found[2]
            continue
        if role and lowers[k] in _PORTFOLIO_OPENERS:
            break  # "Minister of Fisheries": the role is "minister", the rest its portfolio
        if lowers[k] in lex.titles:
            role.append(lowers[k])
        k += 1
    if role:
        if not lex["former_words"].isdisjoint(role):
            role = []  # a former prime minister holds no title now
        modifiers = lex["role_modifiers"]
        role = tuple(w for w in role if w not in modifiers)
    return begin, tuple(role), country, given, start


def _names_in(text: str, ctx: _Context) -> list[_Person]:
    """People named in full in a sentence ("Prime Minister Petra Lund" -> Petra Lund)."""
    key = ("names", text, ctx.home)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _find_names(text, ctx)
    return [_Person(p.name, p.role, p.country, p.registry, introduced=p.introduced) for p in found]


def _find_names(text: str, ctx: _Context) -> list[_Person]:
    lex, reg = ctx.lexicon, ctx.registry
    found = []
    for run in _CAPITAL_RUN.finditer(text):
        words = run[0].split()
        if all(w.isupper() and len(w) > 1 for w in words):
            continue  # "LUIS ALBERTO TAPIA:" labels and headlines in capitals name nobody
        last = words[-1].rstrip(".") if not _initial(words[-1]) else words[-1]
        words[-1] = last.removesuffix("'s").removesuffix("’s") or last
        at_start = run.start() == 0 or text[: run.start()].isspace()
        floor = 0
        if at_start and words[0].lower() in lex.function_words:
            floor = 1  # "After Trump": capitalised only because it opens the sentence
        elif run.start() and text[run.start() - 1] in _QUOTE_CHARS:
            floor = 1 if words[0].lower() in lex.function_words else 0
        if len(words) - floor < 2:
            continue
        parsed = _parse_name(words, ctx, floor)
        if parsed is None or len(words) - parsed[0] < 2:
            continue
        if parsed[4] == 0 and not at_start:
            # The title may go on before the run ("... spokesman Omar Diallo").
            context = max(0, run.start() - 16 * MAX_ROLE_WORDS)
            before = _TOKEN.findall(text, context, run.start())[-MAX_ROLE_WORDS:]
            if (
                len(before) >= 2
                and before[-1].lower() in ("of", "for")
                and before[-2].lower() in lex.titles
                and parsed[0] == 0
            ):
                continue  # "Ministry for Ecological Transition": a portfolio, not a person
            if before and before[-1] not in _BREAK_TOKENS:
                words = [*before, *words]
                parsed = _parse_name(words, ctx)
        begin, role, country, given, _ = parsed
        name = " ".join(words[begin:])
        owners = reg.lookup(name)
        if owners:
            actor = reg.actors[owners[0][0]]
            if actor.type == "person":
                home = ctx.countries.by_affiliation.get(actor.affiliation, "")
                found.append(_Person(actor.name, role, home, registry=actor.name))
        else:
            if not role or set(role) <= lex["honorifics"]:
                role, country, given = _appositive_role(text, run.start(), run.end(), ctx)
            if not given:
                country = ctx.home if role else ""
            after = _INTRODUCED.match(text, run.end())
            introduced = after is not None and (
                after[1].lower() in _INTRODUCING_WORDS or after[1].lower() in lex.titles
            )
            found.append(_Person(name, role, country, introduced=introduced))
    return found


# A name and its acronym: "the Korea Drug Safety Agency (KDSA)", "the Xe Kamang Power Company,
# or XKPC". The mark is found first and the name read back over a bounded window, so a long run
# of capitalised words costs linear time.
_ACRONYM_MARK = re.compile(r"\s+\(([A-Z]{2,8})\)|,\s+or\s+([A-Z]{2,8})\b")
_NAME_BEFORE = re.compile(
    r"[A-Z][\w’'\-]*(?:\s+(?:of|for|and|&|on|the|[A-Z][\w’'\-]*)){0,9}\s+[A-Z][\w’'\-]*$"
)
ACRONYM_WINDOW = 160  # characters read back from "(KDSA)" for the name

# A name followed by its description: "Rosa Lago, who ...", "Ana Ruiz, a lawyer ...", "Luis
# Brito, professor of ...".
_INTRODUCED = re.compile(r",\s+(\w+)")
_INTRODUCING_WORDS = frozenset({"a", "an", "the", "who", "whose", "one", "now", "then"})


def _appositive_role(text: str, start: int, end: int, ctx: _Context):
    """``(role, country, nationality given)`` of a name set off by commas from its
    description: "the ministry's spokesperson, Ms Miriam Nalwoga," or "Samuel Kagwa,
    Uganda's minister of water,"; ``((), "", False)`` when there is none."""
    lex = ctx.lexicon
    comma_before = text[max(0, start - 16) : start].rstrip().endswith(",")
    comma_after = text[end : end + 16].lstrip().startswith(",")
    if not comma_before and not comma_after:
        return (), "", False  # no description set off by commas (most names)
    before = _TOKEN.findall(text, max(0, start - 16 * MAX_ROLE_WORDS), start)
    if len(before) >= 2 and before[-1] == ",":
        words = before[-1 - MAX_ROLE_WORDS : -1]
        k = len(words)
        while k > 0 and _role_word(words[k - 1].lower(), lex):
            k -= 1
        lowers = [w.lower() for w in words]
        if k == len(words) and (opener := _last_portfolio_opener(lowers)) > 0:
            # "the minister of health and wellness, Dr Andrea Campbell-Hines,"
            k = opener
            while k > 0 and _role_word(lowers[k - 1], lex):
                k -= 1
            words = words[:opener]
        if k < len(words):
            country = ""
            if k > 0 and (found := ctx.countries.match([words[k - 1].lower()], 0)) is not None:
                country = found[0]
            return _role_of(words[k:], lex), country, bool(country)
    after = _TOKEN.findall(text, end, min(len(text), end + 16 * MAX_ROLE_WORDS))
    if len(after) >= 3 and after[0] == ",":
        lowers = [w.lower() for w in after[1 : 2 + MAX_ROLE_WORDS]]
        k, country = 0, ""
        while k < len(lowers) and lowers[k] in lex["determiners"]:
            k += 1
        if k < len(lowers) and (found := ctx.countries.match(lowers, k)) is not None:
            country, k = found[0], k + found[2]
        first = k
        while k < len(lowers) and _role_word(lowers[k], lex) and lowers[k] not in ("of", "for"):
            k += 1
        if k > first:
            return _role_of(after[1 + first : 1 + k], lex), country, bool(country)
    return (), "", False


def _last_portfolio_opener(lowers: list[str]) -> int:
    """Index of the last "of"/"for" in a description, -1 when there is none."""
    for i in range(len(lowers) - 1, -1, -1):
        if lowers[i] in _PORTFOLIO_OPENERS:
            return i
    return -1


def _role_word(low: str, lex: _Lexicon) -> bool:
    """A word of a role description: a title word, or a possessive one ("ministry's")."""
    if low in lex["determiners"]:
        return False
    return low in lex.titles or (low.endswith(("'s", "’s")) and low[:-2] in lex.titles)


def _role_of(words: list[str], lex: _Lexicon) -> tuple[str, ...]:
    """The role key of description words: title words, lower case, without modifiers."""
    lowers = [w.lower() for w in words]
    if not lex["former_words"].isdisjoint(lowers):
        return ()
    modifiers = lex["role_modifiers"]
    return tuple(w for w in lowers if w in lex.titles and w not in modifiers)


def _person_speaker(person: _Person, how: str, surface: str, ctx: _Context) -> _Speaker:
    if person.registry:
        return _speaker_of(ctx.registry.actors[person.registry], how, surface)
    affiliation = ctx.countries.affiliation.get(person.country, UNKNOWN)
    return _Speaker(person.name, affiliation, "person", "", how, surface)


def _without_determiners(surface: str, lex: _Lexicon) -> str:
    words = surface.split()
    while len(words) > 1 and words[0].lower() in lex["determiners"]:
        words = words[1:]
    return " ".join(words)


def _title_holder(title: str, ctx: _Context) -> _Speaker | None:
    """The person the article names with the role ``title`` describes, most recent first.

    "the prime minister" after "Prime Minister Petra Lund" is Lund; "the Prime Minister's
    Office" is then the Norwegian one when Lund's country is known, else kept as written.
    None when nobody in the article holds the role.
    """
    lex = ctx.lexicon
    lowers = [w.lower() for w in _TOKEN.findall(title)]
    country, role, k = "", [], 0
    while k < len(lowers):
        found = ctx.countries.match(lowers, k)
        if found is not None:
            country = found[0]
            k += found[2]
            continue
        if lowers[k] not in lex["determiners"]:
            role.append(lowers[k])
        k += 1
    for i, word in enumerate(role):
        if i and word in _PORTFOLIO_OPENERS:
            role = role[:i]  # "the Minister of Fisheries" holds the role "minister"
            break
    office: list[str] = []
    for i, word in enumerate(role):
        if word.endswith(("'s", "’s")) and i + 1 < len(role):
            if word[:-2] not in lex.titles:
                role = role[i + 1 :]  # "the company's chief executive": the owner's role
            else:
                role, office = [*role[:i], word[:-2]], role[i + 1 :]
            break
    if any(w in lex["former_words"] for w in role):
        return None
    key = tuple(w for w in role if w in lex.titles and w not in lex["role_modifiers"])
    if not key or len(key) < len(role) - 1:
        return None
    best = None
    for person in ctx.people().values():
        if len(person.role) < len(key) or person.role[-len(key) :] != key:
            continue
        if country and person.country != country:
            continue
        if best is None or person.last >= best.last:
            best = person
    if best is None and office and country:
        # "The Ugandan President's Office" nobody is named for: that country's.
        best = _Person("", key, country)
    if best is None:
        return None
    if not office:
        return _person_speaker(best, "title", title, ctx)
    label = " ".join(w.capitalize() for w in key) + "'s " + " ".join(w.capitalize() for w in office)
    if not best.country:
        kept = _without_determiners(title, lex)
        return _Speaker(kept, UNKNOWN, "organization", "", "surface", title)
    name = f"{ctx.countries.demonym[best.country]} {label}"
    owners = ctx.registry.lookup(name)
    if owners:
        return _speaker_of(ctx.registry.actors[owners[0][0]], "title", title)
    affiliation = ctx.countries.affiliation.get(best.country, UNKNOWN)
    return _Speaker(name, affiliation, "organization", "", "title", title)


def _institution(words: list[str], surface: str, ctx: _Context) -> _Speaker | None:
    """ "Chile's foreign ministry", "the Chilean Foreign Ministry" -> Chilean Foreign
    Ministry (the registry's actor when it has one, e.g. "Japan's government")."""
    lex = ctx.lexicon
    lowers = [w.lower() for w in words]
    k = 0
    while k < len(lowers) and lowers[k] in lex["determiners"]:
        k += 1
    found = ctx.countries.match(lowers, k)
    if found is None or k + found[2] >= len(words):
        return None
    rest = []
    tail = " ".join(lowers[k + found[2] :])
    if tail in lex.institution_synonyms:
        words = lowers = lex.institution_synonyms[tail].split()
        k, found = 0, (found[0], found[1], 0)
    for word, low in zip(words[k + found[2] :], lowers[k + found[2] :], strict=True):
        word = word.replace("’", "'")
        if (
            low in lex["lowercase_institutions"]
            or low in lex["prepositions"]
            or low in lex["coordinators"]
        ):
            rest.append(low)
        else:
            rest.append(word[:1].upper() + word[1:])
    name = f"{ctx.countries.demonym[found[0]]} {' '.join(rest)}"
    owners = ctx.registry.lookup(name)
    if owners:
        return _speaker_of(ctx.registry.actors[owners[0][0]], "name", surface)
    affiliation = ctx.countries.affiliation.get(found[0], UNKNOWN)
    return _Speaker(name, affiliation, "organization", "", "surface", surface)


def _honorific_then_name(words: list[str], lower: list[str], head: int, lex: _Lexicon) -> bool:
    """A description and then an honorific and a name ending the phrase: "Opposition
    spokesman on health Mr Howard Blackwood", "Consultant paediatrician at the hospital Dr
    Simone Ricketts"."""
    for i in range(len(words) - 2, head, -1):
        if lower[i] in lex["honorifics"]:
            described = any(
                w.islower() and w not in lex["coordinators"] and w not in lex["determiners"]
                for w in words[:i]
            )  # not "Mr Trump and Mr Abe"
            return described and all(_capitalised(w) for w in words[i + 1 :])
    return False


def _office_then_name(words: list[str], ctx: _Context) -> bool:
    """A phrase that is an office with "and" in its name and then a person's name ("Minister
    of Energy and Mines Khamphoui Vongsay"): one speaker, not two."""
    parsed = _parse_name(words, ctx)
    if parsed is None or parsed[0] < 2:
        return False
    lowers = [w.lower() for w in words]
    return _ends_portfolio(words, lowers, parsed[0] - 1, 0, ctx.lexicon)


def _title_then_name(words: list[str], lower: list[str], ctx: _Context) -> bool:
    """A long capitalised title and then a person's name: "Portuguese Minister of Environment
    and Energy Teresa Amaral Quintas"."""
    parsed = _parse_name(words, ctx)
    if parsed is None or len(words) - parsed[0] < 2 or parsed[0] == 0:
        return False
    lex = ctx.lexicon
    before = lower[parsed[0] - 1]
    opening = next((w for w in lower if w not in lex["determiners"]), "")
    person_title = (
        opening in lex.titles
        and opening not in lex["institution_nouns"]
        and opening not in lex["organization_nouns"]
    )
    if not person_title and (before not in lex.titles or before in lex["role_modifiers"]):
        return False  # "the Ministry for Ecological Transition" ends in no person
    return all(
        _capitalised(w) or low in _PORTFOLIO_LINKS
        for w, low in zip(words[: parsed[0]], lower[: parsed[0]], strict=True)
    )


def _organization(text: str, tokens: list, ctx: _Context) -> _Speaker | None:
    """The capitalised run ending in an organisation or media noun, as its name ("Green group
    Blue Estuary Alliance" -> Blue Estuary Alliance; "the Korea Economic Herald", a media
    outlet); None for a single word."""
    lex = ctx.lexicon
    k = len(tokens) - 1
    while k > 0 and (
        _capitalised(tokens[k - 1][2])
        or (tokens[k - 1][3] in ("of", "for", "and", "&", "de", "'", "’") and k - 1 > 0
            and _capitalised(tokens[k - 2][2]))
    ):  # fmt: skip
        k -= 1
    while k < len(tokens) and (
        tokens[k][3] in lex["determiners"]
        or ("-" in tokens[k][3] and tokens[k][3].rpartition("-")[2] in lex["describing_compounds"])
    ):
        k += 1  # "the Malé-based Indian Ocean Marine Watch"
    if len(tokens) - k < 2:
        return None
    written = text[tokens[k][0] : tokens[-1][1]]
    name = " ".join(written.replace("’", "'").split()).removesuffix("'s")
    *rest, last = name.split()
    if len(rest) >= 2 and last.lower() in lex["legal_suffixes"]:
        name = " ".join(rest).rstrip(",")  # "Maplecrest Nutrition Inc." -> Maplecrest Nutrition
    lowers = [t[3] for t in tokens[k:]]
    if lowers[-1] in lex["media_nouns"] and lowers[-1] not in lex["organization_nouns"]:
        return _Speaker(name, "media", "media", "", "surface", written)
    found = ctx.countries.match(lowers, 0)
    affiliation = ctx.countries.affiliation.get(found[0], UNKNOWN) if found else UNKNOWN
    return _Speaker(name, affiliation, "organization", "", "surface", written)


def _institution_words(lower: list[str], words: list[str], head: int, ctx: _Context):
    """The words of an institution's name for :func:`_institution`, its country first:
    "the Government of Uganda" and "the government in Kampala" -> Uganda government;
    "Kenya's Ministry of Energy and Water" keeps its capitalised "of" phrase; otherwise the
    words up to the head."""
    rest = lower[head + 1 :]
    if len(rest) < 2 or rest[0] not in ("of", "in", "for"):
        return words[: head + 1]
    found = ctx.countries.match(rest, 1)
    country = found[0] if found is not None and 1 + found[2] == len(rest) else ""
    country = country or ctx.countries.capital_of.get(tuple(rest[1:]), "")
    if country:  # "the Government of Uganda", "the government in Lisbon"
        determiners = ctx.lexicon["determiners"]
        own = [
            w
            for w, low in zip(words[: head + 1], lower[: head + 1], strict=True)
            if low not in determiners
        ]
        return [*country.split(), *own]
    if rest[0] not in ("of", "for"):
        return words[: head + 1]
    tail = words[head + 1 :]
    if all(
        _capitalised(w) or low in ("of", "for", "and", "&")
        for w, low in zip(tail, rest, strict=True)
    ):
        for j in range(len(rest) - 2, 0, -1):
            found = ctx.countries.match(rest, j + 1) if rest[j] == "of" else None
            if found is not None and j + 1 + found[2] == len(rest):
                # "the Ministry of Foreign Relations of Peru": Peru's, by its own name
                determiners = ctx.lexicon["determiners"]
                own = [w for w in words[: head + 1] if w.lower() not in determiners]
                return [*found[0].split(), *own, *tail[:j]]
        return words
    return words[: head + 1]


def _country_only(lower: list[str], ctx: _Context) -> str:
    """The country a phrase consists of, by name or capital ("Uganda", "Kampala"), or ""."""
    k = 0
    while k < len(lower) and lower[k] in ctx.lexicon["determiners"]:
        k += 1
    capital = ctx.countries.capital_of.get(tuple(w.replace("’", "'") for w in lower[k:]))
    if capital is not None and k == 0:
        return "" if ctx.person_named(" ".join(lower).title()) is not None else capital
    found = ctx.countries.match(lower, k) if k < len(lower) else None
    if found is None or k + found[2] != len(lower) or found[1] in ("demonym", "possessive"):
        return ""
    if found[2] == 1 and ctx.person_named(lower[k].capitalize()) is not None:
        return ""  # "Jordan" after "Jordan Greenstein" is the person
    return found[0]


def _government_of(country: str, surface: str, ctx: _Context) -> _Speaker:
    """A country's government: the registry's actor when it has one, else "<Demonym>
    government" with the country's affiliation."""
    name = f"{ctx.countries.demonym[country]} government"
    owners = ctx.registry.lookup(name)
    if owners:
        return _speaker_of(ctx.registry.actors[owners[0][0]], "title", surface)
    affiliation = ctx.countries.affiliation.get(country, UNKNOWN)
    return _Speaker(name, affiliation, "government", "", "title", surface)


def _initial(word: str) -> bool:
    return len(word) <= 2 or (len(word) == 3 and word.endswith("."))


def _unknown_name(name_words: list[str], owner: str, ctx: _Context) -> bool:
    """Whether a name of several words is someone other than registry person ``owner``: a
    word that is neither one of the owner's name words nor a near miss of one."""
    if len(name_words) < 2:
        return False
    own = ctx.registry.tokens_of.get(owner, set())
    for word in name_words:
        if word in own or _initial(word):
            continue
        if not any(fuzz.ratio(word, t) >= FUZZY_CUTOFF for t in own):
            return True
    return False


def _resolve_name(name_words: list[str], surface: str, ctx: _Context) -> _Speaker:
    """A person's name without titles: registry, near miss, or the article's own people."""
    reg, lex = ctx.registry, ctx.lexicon
    if len(name_words) >= 2:
        full = " ".join(name_words)
        owners = reg.lookup(full)
        if owners:
            return _registry_speaker(owners[0][0], owners[0][1], surface, ctx)
        owner = reg.fuzzy(name_words[-1], lex.titles)
        if owner is not None and not _unknown_name(name_words, owner, ctx):
            return _speaker_of(reg.actors[owner], "fuzzy", surface)
        person = ctx.people().get(full) or ctx.person_named(full) or _person_by_initials(full, ctx)
        if person is not None:
            return _person_speaker(person, "surface", surface, ctx)
        return _Speaker(full, UNKNOWN, "person", "", "surface", surface)
    word = name_words[0]
    person = ctx.person_named(word)
    if person is not None:
        return _person_speaker(person, "surface", surface, ctx)
    owner = reg.fuzzy(word, lex.titles)
    if owner is not None:
        # An exact name word hidden by a longer overlapping form is not a near miss.
        how = "alias" if word in reg.fuzzy_tokens else "fuzzy"
        return _speaker_of(reg.actors[owner], how, surface)
    return _Speaker(word, UNKNOWN, "person", "", "surface", surface)


def _person_by_initials(name: str, ctx: _Context) -> _Person | None:
    """ "W.M. Premaratne", "R. Vaitkute": the person named in full whose surname is the last
    word and whose given names start with those initials."""
    if not _by_initials(name):
        return None
    words = name.split()
    ctx.people()
    fits = [
        ctx.persons[full]
        for full in ctx.surnames.get(words[-1], [])
        if full != name and _initials_fit(words[:-1], full)
    ]
    return fits[0] if len(fits) == 1 else None


def _initials_fit(initials: list[str], full_name: str) -> bool:
    """Whether initials ("W.M.") begin the given names of ``full_name`` ("W.M. Sunil X")."""
    wanted = "".join(ch for w in initials for ch in w if ch.isalpha())
    given = "".join(
        "".join(ch for ch in w if ch.isalpha()) if _INITIALS.match(w) else w[:1]
        for w in full_name.split()[:-1]
    )
    return given.startswith(wanted)


def _title_in_context(title: str, actor: _Actor, ctx: _Context) -> bool:
    """Whether a registry title can mean ``actor`` here: it names a country ("the Japanese
    leader"), or the article names someone of the actor's affiliation ("the prime minister"
    in an article that never mentions anyone from Japan is somebody else)."""
    lowers = [w.lower() for w in _TOKEN.findall(title)]
    if any(ctx.countries.match(lowers, k) is not None for k in range(len(lowers))):
        return True
    counts, _ = ctx.salience()
    actors = ctx.registry.actors
    return any(actors[n].affiliation == actor.affiliation for n in counts)


def _registry_speaker(name: str, form: str, surface: str, ctx: _Context, mention: str = ""):
    """A registry actor named by ``surface``, unless the article says otherwise.

    A title ("the prime minister") goes to the article's own holder of that role when it
    names one, and to the registry's actor only when the article is about that actor's side
    at all. A registry surname ("Abe") goes to an unknown person the article named in full
    with that surname.
    """
    actor = ctx.registry.actors[name]
    if form == "title":
        held = _title_holder(mention or surface, ctx)
        if held is not None:
            return held
        if not _title_in_context(mention or surface, actor, ctx):
            return _Speaker(
                _without_determiners(mention or surface, ctx.lexicon), UNKNOWN, actor.type, "",
                "surface", surface,
            )  # fmt: skip
        return _speaker_of(actor, "title", surface)
    if (
        actor.type == "person"
        and " " not in surface
        and _capitalised(surface)
        and _may_be_surname(surface, ctx)
    ):
        person = ctx.person_named(surface)
        if person is not None and person.name.split()[-1] == surface:
            return _person_speaker(person, "surface", surface, ctx)
    return _speaker_of(actor, form if form != "misspelling" else "alias", surface)


def _may_be_surname(word: str, ctx: _Context) -> bool:
    """Whether the article so far could name someone outside the registry in full with the
    surname ``word``.

    A cheap necessary condition for :meth:`_Context.person_named`: such a name is a run of
    capitalised name words ending in ``word``. "Donald Trump" alone is the registry's own
    name, so it does not count; "Eric Trump" and "Mary Lee Trump" do. Scanning the article for
    people costs about 25 µs a sentence, and most registry surnames never meet a namesake.
    """
    ctx.volatile = True
    key = ("surname", word)
    pattern = ctx.cache.get(key)
    if pattern is None:
        pattern = ctx.cache[key] = re.compile(
            rf"(?<![\w’'.\-])(?:({_CAPITAL_WORD})[ \t]+)?({_CAPITAL_WORD})[ \t]+{re.escape(word)}"
        )
    scanned, found = ctx.surname_scan.get(word, (0, False))
    while not found and scanned <= ctx.current and scanned < len(ctx.texts):
        for m in pattern.finditer(ctx.texts[scanned]):
            outer, first = m[1], m[2]
            if (outer is not None and _name_word(outer, outer.lower(), ctx)) or (
                _name_word(first, first.lower(), ctx) and not ctx.registry.lookup(f"{first} {word}")
            ):
                found = True
                break
        scanned += 1
    ctx.surname_scan[word] = (scanned, found)
    return found


def _bare_word(speaker: _Speaker, ctx: _Context) -> bool:
    """A speaker that is one capitalised word the article never names anyone by ("Energy" of
    "Energy and Water Cabinet Secretary ..."): a coordinated modifier, not a speaker."""
    name = speaker.name
    if speaker.resolved_by != "surface" or speaker.type != "person" or not _capitalised(name):
        return False
    if " " in name:
        # "Kenya's Energy" of "Kenya's Energy and Water Cabinet Secretary ...": no name ends
        # in a title word.
        return name.split()[-1].lower() in ctx.lexicon.titles
    return ctx.person_named(name) is None


def _group_speaker(speakers: list[_Speaker], ctx: _Context, surface: str, how: str) -> _Speaker:
    names = sorted({s.name for s in speakers})
    if len(names) == 1:
        return speakers[0]
    name = ctx.registry.joint.get(frozenset(names))
    if name is not None:
        return _speaker_of(ctx.registry.actors[name], how, surface)
    affiliations = {s.affiliation for s in speakers}
    affiliation = affiliations.pop() if len(affiliations) == 1 else "other"
    return _Speaker("|".join(names), affiliation, "joint", "", how, surface)


def _resolve_np(
    sent: _Sentence, start: int, end: int, ctx: _Context, depth: int = 0, strong: bool = False
):
    """The speaker named by ``sent.text[start:end]``, or None when it cannot be a source.

    ``strong``: the phrase stands where only a speaker can (", traders said"), so an unknown
    common noun is kept rather than rejected. Answers that do not depend on the article
    (anything but pronouns, "the statement", "both leaders" and shared titles) are memoised
    for the rest of the call: the same subject phrases recur throughout a corpus.
    """
    key = (sent.text[start:end], strong, start == 0, depth)
    cached = ctx.cache.get(key, _MISSING)
    if cached is not _MISSING:
        return cached
    outer, ctx.volatile = ctx.volatile, False
    speaker = _resolve_phrase(sent, start, end, ctx, depth, strong)
    if not ctx.volatile:
        ctx.cache[key] = speaker
    ctx.volatile = outer or ctx.volatile
    return speaker


_MISSING = object()


def _resolve_phrase(sent: _Sentence, start: int, end: int, ctx: _Context, depth: int, strong: bool):
    """:func:`_resolve_np` without the memo."""
    lex, reg = ctx.lexicon, ctx.registry
    text = sent.text
    # Fast paths: the phrase is one registry form or a pronoun ("Trump", "he").
    phrase = text[start:end].strip()
    whole = reg.lookup(phrase) if phrase else None
    if whole:
        name, form = _pick_owner(whole, ctx)
        return _registry_speaker(name, form, phrase, ctx)
    if phrase.lower() in lex.pronouns:
        return _resolve_pronoun(phrase.lower(), phrase, ctx)
    tokens = sent.between(start, end)
    # Trim leading conjunctions/prepositions and trailing time phrases and punctuation.
    a, b = 0, len(tokens)
    while a < b and (
        tokens[a][3] in lex["coordinators"]
        or tokens[a][3] in lex["prepositions"]
        or tokens[a][2] in _BREAK_TOKENS
        or tokens[a][2] in _QUOTE_CHARS
    ):
        a += 1
    while b > a and (
        tokens[b - 1][2] in _BREAK_TOKENS
        or tokens[b - 1][2] in _QUOTE_CHARS
        or (tokens[b - 1][3] in lex["time_words"] and b - a > 1)
    ):
        b -= 1
    tokens = tokens[a:b]
    if not tokens or len(tokens) > MAX_SUBJECT_WORDS:
        return None
    s, e = tokens[0][0], tokens[-1][1]
    surface = text[s:e]
    words = [t[2] for t in tokens]
    lower = [t[3] for t in tokens]
    # A pronoun on its own.
    if len(words) == 1 and lower[0] in lex.pronouns:
        return _resolve_pronoun(lower[0], surface, ctx)
    whole = reg.lookup(surface)
    if whole is None and lower[0] in lex["determiners"] and len(tokens) > 1:
        whole = reg.lookup(text[tokens[1][0] : e])
    if whole:
        # The whole phrase is a registry form: "Trump", "the White House", "analysts".
        name, form = _pick_owner(whole, ctx)
        return _registry_speaker(name, form, surface, ctx)
    # An acronym the article defined: "The KDSA said" is the Korea Drug Safety Agency.
    bare = [t[2] for t in tokens if t[3] not in lex["determiners"]]
    if len(bare) == 1 and bare[0].isupper() and depth == 0 and (full := ctx.acronym(bare[0])):
        spelled = _Sentence(full, [])
        found = _resolve_np(spelled, 0, len(full), ctx, depth + 1)
        if found is not None:
            return found
    # A country on its own speaks through its government: "Uganda said".
    country = _country_only(lower, ctx)
    if country:
        return _government_of(country, surface, ctx)
    mentions = reg.mentions(text, s, e)
    # Coordinated subjects: "Takaichi and Trump", "the U.S. and Japan".
    if (
        depth == 0
        and ("and" in lower or "&" in lower)
        and not _office_then_name(words, ctx)
        and not _honorific_then_name(words, lower, 0, lex)
    ):
        cut = [i for i, w in enumerate(lower) if w in ("and", "&")]
        parts, begin = [], 0
        for i in [*cut, len(tokens)]:
            if i > begin:
                parts.append((tokens[begin][0], tokens[i - 1][1]))
            begin = i + 1
        # "the Japanese and US leaders" coordinates adjectives, not speakers.
        if len(parts) >= 2 and not (words[-1].islower() and lower[-1] in lex.pair_nouns):
            resolved = [_resolve_np(sent, a, b, ctx, depth + 1) for a, b in parts]
            if all(
                r is not None and r.name != UNKNOWN and not _bare_word(r, ctx) for r in resolved
            ):
                how = max((r.resolved_by for r in resolved), key=RESOLUTIONS.index)
                return _group_speaker(resolved, ctx, surface, how)
    # The head: the last word before the first preposition or modifier outside a mention.
    inside = [(ms, me) for ms, me, _ in mentions]
    head_index = len(tokens) - 1
    for i, (ts, _, _, low) in enumerate(tokens):
        if (
            i
            and (low in lex["prepositions"] or low in lex["postmodifiers"])
            and not _inside(inside, ts)
        ):
            head_index = i - 1
            break
    if head_index < len(tokens) - 1 and (
        _title_then_name(words, lower, ctx) or _honorific_then_name(words, lower, head_index, lex)
    ):
        head_index = len(tokens) - 1  # "Minister of Environment and Energy Teresa Quintas"
    head_start, head_end, head, head_lower = tokens[head_index]
    head_lower = head_lower.replace("’", "'")
    words_to_head = words[: head_index + 1]
    # A person's name at the head ("Chilean President Marta Ibarra"), unless it is a common
    # noun opening the sentence ("Critics").
    parsed = None
    if _capitalised(head) and head_lower not in lex["source_nouns"]:
        parsed = _parse_name(words_to_head, ctx)
    # 1. A registry form covering the head.
    covering = [m for m in mentions if m[0] <= head_start and head_end <= m[1] and m[2]]
    if covering and parsed is not None:
        # A registry surname inside a longer unknown name ("Professor Jane Abe") is not that
        # registry person.
        owner = covering[0][2][0][0]
        if reg.actors[owner].type == "person" and _unknown_name(
            words[parsed[0] : head_index + 1], owner, ctx
        ):
            covering = []
    if covering:
        ms, me, owners = max(covering, key=lambda m: m[1] - m[0])
        name, form = _pick_owner(owners, ctx)
        if form == "title":
            # A full name in the same phrase identifies better than a description of a role.
            named = [
                m for m in mentions
                if m[1] <= ms and m[2][0][1] == "name"
                and reg.actors[m[2][0][0]].type == "person"
                and text[m[1] : m[1] + 2] not in ("'s", "’s")
            ]  # fmt: skip
            if named:
                name, form = named[-1][2][0]
        return _registry_speaker(name, form, surface, ctx, mention=text[ms:me])
    # A country's institution: "Chile's foreign ministry", "the Government of Uganda",
    # "Kenya's Ministry of Energy and Water".
    if head_lower in lex["institution_nouns"] and parsed is None:
        named = _institution_words(lower, words, head_index, ctx)
        institution = _institution(named, surface, ctx)
        if institution is not None:
            return institution
        if _capitalised(head) and len(named) > head_index + 1:
            # "the Ministry for Ecological Transition": no country given, the name as written.
            kept = [w for w in named if w.lower() not in lex["determiners"]]
            name = " ".join(kept).replace("’", "'")
            return _Speaker(name, UNKNOWN, "organization", "", "surface", surface)
        if lower[0] in lex["determiners"] and len(tokens) <= 3:
            # "The ministry said": the institution of that kind quoted last.
            earlier = _earlier_institution(head_lower, surface, ctx, text[:s], depth)
            if earlier is not None:
                return earlier
    # An organisation's proper name: "the Iberian-Atlantic Energy Commission".
    if head_lower in lex["organization_nouns"] or head_lower in lex["media_nouns"]:
        if _capitalised(head) and len(tokens) > 1:
            organization = _organization(sent.text, tokens[: head_index + 1], ctx)
            if organization is not None:
                return organization
        elif lower[0] in lex["determiners"] and head_index == len(tokens) - 1:
            # "The company said", "the union said": the organisation of that kind quoted last.
            earlier = _earlier_institution(head_lower, surface, ctx, text[:s], depth)
            if earlier is not None:
                return earlier
    # 2. A document or source noun: a source named before the head ("a White House
    # statement") or after of/from/by/for ("a release from the White House") speaks; a
    # place after "in" does not ("lawmakers in Tokyo"). A document alone refers back.
    if head_lower in lex.source_heads:
        after = tokens[head_index + 1][3] if head_index + 1 < len(tokens) else ""
        named = [
            m for m in mentions
            if m[2] and (m[1] <= head_start or after in lex["source_prepositions"])
        ]  # fmt: skip
        if named:
            best = min(named, key=lambda m: (_form_rank(m[2][0][1]), -m[1]))
            name, form = _pick_owner(best[2], ctx)
            return _registry_speaker(name, form, surface, ctx, mention=text[best[0] : best[1]])
        owner = _source_owner(sent, tokens, head_index, depth, ctx)
        if owner is not None:
            if head_lower in lex["document_nouns"]:
                return owner  # "a statement from Kenya's Ministry of Energy"
            # "A spokeswoman for Tanzania's Ministry of Energy", "a Ugandan official"
            name = f"{owner.name} {head_lower}"
            return _Speaker(name, owner.affiliation, "person", "", "surface", surface)
        if head_lower in lex["document_nouns"]:
            return _resolve_document(surface, ctx)
    # 3. "Both leaders", "the two countries".
    if head_lower in lex.pair_nouns and (
        "both" in lower or "two" in lower or (lower[0] == "the" and len(words) <= 3)
    ):
        pair = _resolve_pair(lex.pair_nouns[head_lower], surface, ctx, head_lower)
        if pair is not None:
            return pair
    # 4. A person's name: the full name of someone outside the registry, the surname of a
    # person the article named in full, or a near-miss spelling of a registry name
    # ("Takachi", "Sanae Takachi"); an unknown full name stays itself ("Omar Diallo").
    if parsed is not None:
        name_words = words[parsed[0] : head_index + 1]
        speaker = _resolve_name(name_words, surface, ctx)
        if speaker is not None:
            return speaker
    # 5. A person's full name anywhere in a short phrase (garbled machine translation).
    people = [m for m in mentions if m[2] and reg.actors[m[2][0][0]].type == "person"]
    if people and head_lower not in lex.source_heads:
        best = min(people, key=lambda m: (_form_rank(m[2][0][1]), -m[1]))
        if _form_rank(best[2][0][1]) == 0:
            name, form = best[2][0]
            return _speaker_of(reg.actors[name], form, surface)
    # 6. Not in the registry: kept as written, a kind of source ("critics", "a senior
    # Japanese official") or a name ("Smith"). After a trailing cue any noun phrase will do
    # (", traders said").
    if head_lower in lex["determiners"] or not head[:1].isalpha():
        return None
    if head_lower in lex.titles and (
        not _capitalised(head)
        or (lower[0] in lex["determiners"] and parsed is None and head_index == len(tokens) - 1)
    ):
        # A role without a name ("the finance minister", "The Cabinet Secretary"): the
        # article's holder of it.
        held = _title_holder(surface, ctx) or _unnamed_holder(head_lower, lower, surface, ctx)
        if held is not None:
            return held
    common = head_lower in lex["source_nouns"] or (strong and not head[:1].isupper())
    if common or head[:1].isupper():
        # Lower-case a common word capitalised only because it opens the sentence.
        # Lower-case a word capitalised only because it opens the sentence ("Union leaders"),
        # unless it names a country ("Chinese officials").
        opener = (
            common
            and tokens[0][0] == 0
            and not tokens[0][3].endswith(("'s", "’s"))
            and (
                tokens[0][3] in lex.common_words
                or (
                    len(tokens) > 1
                    and tokens[1][2].islower()
                    and not tokens[0][2].isupper()
                    and ctx.countries.match([tokens[0][3]], 0) is None
                )
            )
        )
        # A determiner inside starts the phrase ("Image caption The Vatican").
        first = max(
            (i for i in range(1, head_index) if tokens[i][3] in lex["determiners"]), default=0
        )
        kept = [
            t[3] if opener and t[0] == 0 else t[2]
            for t in tokens[first : head_index + 1]
            if t[3] not in lex["determiners"]
            and t[3] != "both"
            and t[3] not in lex["numerals"]
            and not t[2].isdigit()
        ]
        # "A BCSC spokesperson": the organisation an acronym stands for, as the article spells it.
        kept = [
            (ctx.acronym(w) or w) if w.isupper() and len(w) > 1 and depth == 0 else w for w in kept
        ]
        if (
            len(kept) == 2
            and depth == 0
            and head_lower in lex["representative_nouns"]
            and kept[0].lower() in lex["organization_nouns"]
        ):
            # "A company spokeswoman": the company's, when the article has quoted or named one.
            owner = _earlier_institution(kept[0].lower(), surface, ctx, text[:s], depth)
            if owner is not None:
                kept = [owner.name, kept[1]]
        after = " ".join(lower[head_index + 1 :])
        if head_lower in lex["source_nouns"] and after.startswith(lex.source_descriptions):
            # "people familiar with the matter": the description is what identifies them.
            kept += [t[2] for t in tokens[head_index + 1 :]]
        kind = "group" if common and head_lower.endswith("s") else "person"
        return _Speaker(" ".join(kept), UNKNOWN, kind, "", "surface", surface)
    return None


def _resolve_pronoun(pronoun: str, surface: str, ctx: _Context) -> _Speaker:
    ctx.volatile = True
    spec = ctx.lexicon.pronouns.get(pronoun, {})
    kind, gender = spec.get("type", ""), spec.get("gender", "")
    if kind == "person":
        check_gender = bool(gender)
        named = _newly_named(gender, ctx)
        if named is not None:
            return _person_speaker(named, "pronoun", surface, ctx)
        subject = _previous_subject(gender, ctx)
        if subject is not None:
            return _Speaker(
                subject.name, subject.affiliation, subject.type, subject.gender, "pronoun",
                surface,
            )  # fmt: skip
        for speaker in reversed(ctx.history):
            if speaker.type != "person" or speaker.name == UNKNOWN:
                continue
            if check_gender and speaker.gender and speaker.gender != gender:
                # Gender decides, unless the article has quoted this person several times yet
                # never used a pronoun of their gender: then its pronouns are not to be
                # trusted (machine translation writes "he" for everyone) and recency decides.
                opportunities = sum(s.name == speaker.name for s in ctx.history)
                if opportunities < MIN_PRONOUN_OPPORTUNITIES or ctx.uses_pronouns_of(
                    speaker.gender
                ):
                    continue
            return _Speaker(
                speaker.name, speaker.affiliation, speaker.type, speaker.gender, "pronoun",
                surface,
            )  # fmt: skip
        # No earlier speaker: the last person named before.
        counts, last_seen = ctx.salience()
        people = [
            n for n in last_seen
            if ctx.registry.actors[n].type == "person"
            and not (check_gender and ctx.registry.actors[n].gender not in ("", gender))
        ]  # fmt: skip
        if people:
            name = max(people, key=last_seen.get)
            return _speaker_of(ctx.registry.actors[name], "pronoun", surface)
    else:
        wanted = ("joint", "group") if kind == "plural" else ("organization", "government", "media")
        if 0 < ctx.current < len(ctx.texts) and not ctx.looking_back:
            # "Opposition legislators were not persuaded. They accused ...": the group (or
            # organisation) the sentence before is about, though it said nothing there.
            ctx.looking_back = True
            try:
                before = _main_subject(_Sentence(ctx.texts[ctx.current - 1], []), ctx)
            finally:
                ctx.looking_back = False
            fits = ("group",) if kind == "plural" else ("organization", "government")
            if before is not None and before.type in fits and before.name != UNKNOWN:
                return _Speaker(
                    before.name, before.affiliation, before.type, "", "pronoun", surface
                )
        for speaker in reversed(ctx.history):
            if speaker.type in wanted and speaker.name != UNKNOWN:
                return _Speaker(
                    speaker.name, speaker.affiliation, speaker.type, speaker.gender, "pronoun",
                    surface,
                )  # fmt: skip
    return _Speaker(UNKNOWN, UNKNOWN, "person", "", "pronoun", surface)


def _source_owner(sent: _Sentence, tokens: list, head: int, depth: int, ctx: _Context):
    """The institution a source noun outside the registry belongs to: a country before it
    ("the Ugandan complaint": the Ugandan government) for a document, or an institution after
    for/of/from ("a spokeswoman for Tanzania's Ministry of Energy"). None otherwise."""
    lex = ctx.lexicon
    lower = [t[3] for t in tokens]
    after = lower[head + 1] if head + 1 < len(lower) else ""
    if after in lex["source_prepositions"] and head + 2 < len(tokens) and depth == 0:
        owner = _resolve_np(sent, tokens[head + 2][0], tokens[-1][1], ctx, depth + 1)
        if owner is not None and owner.type in ("organization", "government"):
            return owner
        return None
    if lower[head] not in lex["document_nouns"]:
        return None
    for k in range(head):
        found = ctx.countries.match(lower, k)
        if (
            found is not None
            and k + found[2] <= head
            and not _capitalised(tokens[k + found[2]][2])  # not "Jordan Greenstein letter"
        ):
            return _government_of(found[0], sent.text[tokens[0][0] : tokens[-1][1]], ctx)
    return None


def _unnamed_holder(head: str, lower: list[str], surface: str, ctx: _Context):
    """ "The spokesperson said" after "a Gaonbit spokesperson said": the last unnamed speaker
    quoted with that role, when the phrase is definite and is only the role."""
    if lower[0] != "the" or len(lower) != 2:
        return None
    ctx.volatile = True
    for speaker in reversed(ctx.history):
        if speaker.type == "person" and speaker.name.lower().endswith(" " + head):
            return _Speaker(
                speaker.name, speaker.affiliation, speaker.type, speaker.gender, "title", surface
            )
    return None


def _earlier_institution(
    head: str, surface: str, ctx: _Context, before: str = "", depth: int = 0
) -> _Speaker | None:
    """ "The agency said": the last institution quoted before whose name has that word, else
    the last one named with it as its head ("the Korea Drug Safety Agency") in the text so far
    (``before`` is the current sentence up to the phrase)."""
    ctx.volatile = True
    kinds = ("organization", "government", "media")
    heads = sorted(ctx.lexicon["company_nouns"]) if head in ("company", "firm") else [head]
    generic = head in ctx.lexicon["generic_organization_nouns"]
    for speaker in reversed(ctx.history):
        if speaker.type in kinds and (
            generic or not set(heads).isdisjoint(speaker.name.lower().split())
        ):
            return _Speaker(
                speaker.name, speaker.affiliation, speaker.type, speaker.gender, "title", surface
            )
    if depth:
        return None
    key = ("named head", head)
    pattern = ctx.cache.get(key)
    if pattern is None:
        word = "(?:" + "|".join(re.escape(h[:1].upper() + h[1:]) for h in heads) + ")"
        pattern = ctx.cache[key] = re.compile(
            rf"(?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and|&)\s+)?){{1,6}}{word}\b"
            r"(?:\s+(?:of|for)\s+[A-Z][\w’'\-]*(?:\s+(?:and\s+)?[A-Z][\w’'\-]*)*)?"
        )
    first = max(-1, ctx.current - 1 - BACK_REFERENCE_SENTENCES)
    earlier = (ctx.texts[i] for i in range(ctx.current - 1, first, -1))
    for text in (before, *earlier):
        for m in reversed(list(pattern.finditer(text))):
            phrase = m[0]
            found = _resolve_np(_Sentence(phrase, []), 0, len(phrase), ctx, depth + 1)
            if found is not None and found.type in kinds:
                return _Speaker(found.name, found.affiliation, found.type, "", "title", surface)
            if len(heads) > 1:  # a company's name: "Gaonbit Pharmaceutical"
                named = _organization(phrase, _Sentence(phrase, []).between(0, len(phrase)), ctx)
                if named is not None:
                    return _Speaker(named.name, named.affiliation, named.type, "", "title", surface)
    return None


def _newly_named(gender: str, ctx: _Context) -> _Person | None:
    """A person introduced in this sentence, else in the one before, after the last person
    quoted: "Rosa Meixide Lago, who runs the cooperative, walked me along the beach. “...,” she
    said." is Meixide Lago, not the speaker quoted before her. Only a name set off by its
    description counts ("South Atlantic" and "Lake Victoria" are capitalised runs too); None
    when there is none or the last person quoted is as recent."""
    last_quoted = -1
    for speaker, at in zip(reversed(ctx.history), reversed(ctx.history_at), strict=True):
        if speaker.type == "person" and speaker.name != UNKNOWN:
            last_quoted = at
            break
    for index in (ctx.current, ctx.current - 1):
        if index <= last_quoted or index < 0 or index >= len(ctx.texts):
            continue
        for person in _names_in(ctx.texts[index], ctx):
            if person.introduced and not person.registry:
                return person
    return None


def _previous_subject(gender: str, ctx: _Context) -> _Speaker | None:
    """The person the sentence before is about, when nobody was quoted there or since: "Ms
    Kim was less sure. “They will make new rules,” she said." None otherwise."""
    index = ctx.current - 1
    if index < 0 or ctx.looking_back or (ctx.history_at and ctx.history_at[-1] >= index):
        return None
    ctx.looking_back = True
    try:
        subject = _main_subject(_Sentence(ctx.texts[index], []), ctx)
    finally:
        ctx.looking_back = False
    if subject is None or subject.type != "person" or subject.name == UNKNOWN:
        return None
    if subject.resolved_by in ("pronoun", "continuation"):
        return None
    if gender and subject.gender and subject.gender != gender:
        return None
    # Only someone known to be a person: quoted before, or named with a title or description
    # ("There", "Only" and "Rhode Island" open sentences too).
    person = ctx.people().get(subject.name)
    known = any(s.name == subject.name for s in ctx.history) or (
        person is not None and (bool(person.role) or person.introduced or person.registry)
    )
    return subject if known else None


def _resolve_document(surface: str, ctx: _Context) -> _Speaker:
    """ "The statement said": the last institution (or joint source) quoted before."""
    ctx.volatile = True
    for speaker in reversed(ctx.history):
        if speaker.type in ("organization", "government", "media", "joint"):
            return _Speaker(
                speaker.name, speaker.affiliation, speaker.type, speaker.gender, "title", surface
            )
    return _Speaker(UNKNOWN, UNKNOWN, "organization", "", "title", surface)


def _resolve_pair(kind: str, surface: str, ctx: _Context, head: str = "") -> _Speaker | None:
    """ "Both leaders": the two most mentioned actors of the kind so far (ties: most recent).

    A government's count includes the mentions of people affiliated with it."""
    ctx.volatile = True
    counts, last_seen = ctx.salience()
    reg = ctx.registry
    scores: Counter = Counter()
    recency: dict[str, int] = {}
    for name, count in counts.items():
        actor = reg.actors[name]
        target = None
        if kind == "person" and actor.type == "person":
            target = name
        elif kind == "government":
            if actor.type == "government":
                target = name
            elif actor.type == "person":
                target = reg.government.get(actor.affiliation)
        if target is not None:
            scores[target] += count
            recency[target] = max(recency.get(target, -1), last_seen.get(name, -1))
    # People outside the registry that the article names with a title count too, for their
    # country's government ("Prime Minister Petra Lund" -> the Norwegian government).
    extra: dict[str, _Speaker] = {}
    title = head[:-1] if head.endswith("s") else head
    for person in ctx.people().values():
        if person.registry or not person.role:
            continue
        if title in ctx.lexicon.titles and title not in person.role:
            continue  # "the two ministers" are two people titled minister
        if kind == "person":
            target, speaker = person.name, _person_speaker(person, "title", surface, ctx)
        elif kind == "government" and person.country:
            affiliation = ctx.countries.affiliation.get(person.country, "other")
            target = reg.government.get(affiliation) if affiliation != "other" else None
            if target is None:
                target = f"{ctx.countries.demonym[person.country]} government"
                speaker = _Speaker(target, affiliation, "government", "", "title", surface)
            else:
                speaker = _speaker_of(reg.actors[target], "title", surface)
        else:
            continue
        extra.setdefault(target, speaker)
        scores[target] += person.count
        recency[target] = max(recency.get(target, -1), person.last * 100_000)
    if len(scores) < 2:
        return None
    top = sorted(scores, key=lambda n: (-scores[n], -recency[n]))[:2]
    members = [
        extra[n] if n in extra else _speaker_of(reg.actors[n], "title", surface) for n in top
    ]
    return _group_speaker(members, ctx, surface, "title")


# --- cues in a sentence --------------------------------------------------------------------

# One token at a position: forwards, and backwards over the reversed text ("U.S." reversed is
# ".S.U"). Reading tokens one by one, only as far as needed, keeps the cost per cue small.
_TOKEN_AT = re.compile(r"\s*(\w+(?:[’'\-.&]\w+)*(?:(?<=\.\w)\.)?|[^\w\s])")
_REV_TOKEN_AT = re.compile(r"\s*((?:\.(?=\w\.))?\w+(?:[’'\-.&]\w+)*|[^\w\s])")


# A word before a stop the splitter kept inside the sentence ("Dr.", "Inc."): the stop ends
# no clause.
_WORD_BEFORE_STOP = re.compile(r"(?<![\w.])(\w+)$")


def _abbreviated(text: str, stop: int) -> bool:
    """Whether the stop at ``stop`` ends an abbreviation the sentence splitter knows."""
    before = _WORD_BEFORE_STOP.search(text, max(0, stop - 8), stop)
    return before is not None and before[1].lower() in ABBREVIATIONS


class _Tokens:
    """Tokens ``(start, end, word, lower-case word)`` read lazily from a position.

    ``tokens[k]`` is the k-th token after ``pos`` (or before it, nearest first, when
    ``backwards``); None past the end of the window.
    """

    __slots__ = ("text", "scan", "n", "pos", "limit", "backwards", "toks", "match", "closers")

    def __init__(self, sent: _Sentence, pos: int, backwards: bool = False, window: int = 0):
        self.text, self.n, self.backwards, self.toks = sent.text, len(sent.text), backwards, []
        self.closers = sent.closers
        if backwards:
            self.scan, self.pos, self.match = sent.reversed, self.n - pos, _REV_TOKEN_AT.match
            self.limit = self.n - max(0, pos - (window or LEFT_WINDOW))
        else:
            self.scan, self.pos, self.match = sent.text, pos, _TOKEN_AT.match
            self.limit = min(self.n, pos + (window or RIGHT_WINDOW))

    def __getitem__(self, k: int):
        toks = self.toks
        if k < len(toks):
            return toks[k]
        while len(toks) <= k:
            m = self.match(self.scan, self.pos, self.limit)
            if m is None:
                return None
            a, b = m.span(1)
            self.pos = m.end()
            if self.backwards:
                a, b = self.n - b, self.n - a
            word = self.text[a:b]
            if word == "’" and a not in self.closers:
                continue  # an apostrophe ("Kestrel Securities’ Tan Wei Ling"), not a quote
            if word == "." and _abbreviated(self.text, a):
                continue  # the stop of "Dr." or "Inc." ends no clause
            toks.append((a, b, word, word.lower()))
        return toks[k]


class _Sentence:
    """A sentence, its quotation spans and its reversed text (for reading leftwards)."""

    __slots__ = ("text", "quotes", "closers", "reversed", "_main", "_readers")

    def __init__(self, text: str, quotes: list[tuple[int, int]]):
        self.text = text
        self.quotes = quotes
        self.closers = frozenset(end for _, end in quotes)  # where a closing mark can be
        self.reversed = text[::-1]
        self._main = -1
        # Readers are shared: several steps read the same tokens around a cue.
        self._readers: dict[tuple[int, bool, int], _Tokens] = {}

    def left(self, pos: int, window: int = 0) -> _Tokens:
        reader = self._readers.get((pos, True, window))
        if reader is None:
            reader = self._readers[pos, True, window] = _Tokens(self, pos, True, window)
        return reader

    def right(self, pos: int, window: int = 0) -> _Tokens:
        reader = self._readers.get((pos, False, window))
        if reader is None:
            reader = self._readers[pos, False, window] = _Tokens(self, pos, False, window)
        return reader

    def between(self, start: int, end: int) -> list[tuple]:
        return [
            (m.start(), m.end(), m[0], m[0].lower()) for m in _TOKEN.finditer(self.text, start, end)
        ]

    def main_start(self, lex: _Lexicon) -> int:
        """Offset where the main clause starts, after fronted adverbials ("On Tuesday, ...")."""
        if self._main < 0:
            text = self.text
            dateline = _DATELINE.match(text)
            pos = dateline.end() if dateline else 0
            for _ in range(3):
                comma = text.find(",", pos)
                first = self.right(pos)[0]
                if comma < 0 or first is None or first[0] >= comma:
                    break
                word = first[3]
                if word in lex["fronting_words"] or (
                    word.endswith("ing") and word not in lex.pronouns
                ):
                    pos = comma + 1
                else:
                    break
            self._main = pos
        return self._main


# A wire dateline before the first clause: "KAMPALA — ", "ARUSHA, Tanzania, May 12 (Agency) - ".
_DATELINE = re.compile(
    r"\s*[A-ZÀ-Þ]{2}[A-ZÀ-Þ .’'/\-]{0,40}(?:,[^,—–\n]{1,40}){0,3}?(?:\s*\([^)]{1,40}\))?"
    r"\s+[—–-]{1,2}\s+"
)


def _is_ing(hit: _Hit) -> bool:
    return hit.text.split()[0].lower().endswith("ing")


def _needs_met(sent: _Sentence, hit: _Hit) -> bool:
    needs = hit.cue.needs
    if not needs:
        return True
    right = sent.right(hit.end)
    for k in range(hit.cue.window + 1):
        token = right[k]
        if token is None:
            break
        word = token[2]
        if word in _BREAK_TOKENS and word not in (",", "—", "–", ":"):
            break
        if ("quote" in needs and word in _OPEN_TOKENS) or token[3] in needs:
            return True
    return False


def _find_hits(sent: str, quotes, ctx: _Context) -> list[_Hit]:
    lex = ctx.lexicon
    hits = []
    for m in lex.pattern.finditer(sent):
        if quotes and _inside(quotes, m.start()):
            continue
        word = m[0]
        key = word.lower() if " " not in word else " ".join(word.lower().split())
        hits.append(_Hit(m.start(), m.end(), word, lex.info[key]))
        if len(hits) >= MAX_CUES_PER_SENTENCE:
            logger.warning("more than %d cues in one sentence; the rest skipped", len(hits))
            break
    return hits


def _main_subject(sent: _Sentence, ctx: _Context) -> _Speaker | None:
    lex = ctx.lexicon
    start = sent.main_start(lex)
    end = start
    right = sent.right(start)
    for k in range(MAX_SUBJECT_WORDS + 4):
        token = right[k]
        if token is None:
            break
        _, te, word, low = token
        if word in _BREAK_TOKENS or word in _QUOTE_CHARS:
            if end > start:
                break
            continue
        if (
            word[:1].isupper()
            or low in lex["np_words"]
            or low in lex.pronouns
            or low in lex.pair_nouns
            or low in lex["source_nouns"]
        ):
            end = te
        else:
            break
    if end <= start:
        return None
    return _resolve_np(sent, start, end, ctx)


def _skip_back(left: _Tokens, k: int, lex: _Lexicon) -> int:
    """Distance of the first token at or beyond ``k`` that is not an adverb or auxiliary."""
    while True:
        token = left[k]
        if token is None:
            return k
        low = token[3]
        if (
            low in lex["adverbs"]
            or low in lex["auxiliaries"]
            or (low.endswith("ly") and len(low) > 3 and token[2].islower())
        ):
            k += 1
        elif (
            low in lex["time_words"]
            and (before := left[k + 1]) is not None
            and before[3] in ("on", "in", "at", "last", "this", "next", "by")
        ):
            k += 2  # "and on Wednesday told parliament"
        elif (
            token[2] == ")"
            and (inner := left[k + 1]) is not None
            and inner[2].isupper()
            and (opening := left[k + 2]) is not None
            and opening[2] == "("
        ):
            k += 3  # "The Australian Medicines Review Board (AMRB) estimates"
        else:
            return k


def _analyse_left(sent: _Sentence, hit: _Hit, ctx: _Context) -> bool:
    """Set the hit's mode, subject region and attach point; False when it is not a cue.

    ``left[k]`` is the k-th token before the cue, nearest first.
    """
    lex = ctx.lexicon
    left = sent.left(hit.start)
    ing = _is_ing(hit)
    # Nouns and unreal uses: "the report", "is expected to stress", "did not say".
    k = _skip_back(left, 0, lex)
    last = left[k]
    hit.attach = hit.start
    if last is None:
        # Sentence-initial: only a participle can open a clause without a subject.
        if ing:
            hit.mode = "fronted"
            return True
        return False
    word, low = last[2], last[3]
    if low in lex["modals"] or low in lex["negations"]:
        return False
    if low in lex["be_forms"] and not ing:
        return False
    if low in lex["determiners"] or (not ing and word[:1].isupper() and low.endswith(("'s", "’s"))):
        return False
    previous = left[k + 1]
    if low == "what" or (previous is not None and previous[3] == "what" and low in lex.pronouns):
        return False  # "what she called ..." names, it does not report
    pair = f"{previous[3]} {low}" if previous is not None else ""
    if low in lex["coordinators"] or pair in lex["coordinators"]:
        hit.mode = "inherit"
        j = k + 1 if pair in lex["coordinators"] else k
        hit.attach = left[j][0]
        before = left[j + 1]
        if before is not None and before[2] in _COMMA_TOKENS:
            hit.attach = before[0]
        return True
    if ing and (word in _COMMA_TOKENS or low in lex["participle_links"] or word in _CLOSE_TOKENS):
        hit.mode = "inherit"
        if word in _CLOSE_TOKENS:  # '“...,” saying': the quotation belongs before
            hit.attach = last[1]
            return True
        j = k
        while left[j + 1] is not None and (
            left[j + 1][3] in lex["participle_links"] or left[j + 1][2] in _COMMA_TOKENS
        ):
            j += 1
        hit.attach = left[j][0]
        return True
    if word in _CLOSE_TOKENS or (
        word in _COMMA_TOKENS and previous is not None and previous[2] in _CLOSE_TOKENS
    ):
        # "“...,” said Trump."
        hit.mode = "trail"
        hit.attach = last[0] if word in _COMMA_TOKENS else last[1]
        hit.region = _region_after(sent, hit.end)
        return hit.region is not None
    if word in _COMMA_TOKENS:
        return _parenthetical(sent, hit, k, ctx)
    if low in lex["relative_words"]:
        # "a gesture that highlighted": the subject is what the pronoun refers to.
        j = k + 1
        if left[j] is not None and left[j][2] in _COMMA_TOKENS:
            j += 1
        b = _clause_start(left, j, lex)
        if left[j] is None or b == j:
            return False
        hit.mode, hit.cuts = "lead", False
        hit.region = (left[b - 1][0], left[j][1])
        hit.attach = left[b - 1][0]
        return True
    if low in lex["clause_words"] or word in _BREAK_TOKENS or word in _OPEN_TOKENS:
        if ing:
            hit.mode = "inherit"
            hit.attach = last[0]
            return True
        return False
    # A subject right before the cue: walk back to the clause boundary.
    b = min(_clause_start(left, k, lex), k + MAX_SUBJECT_WORDS)
    boundary, before = left[b], left[b + 1]
    if (
        boundary is not None
        and boundary[3] == "who"
        and before is not None
        and before[2][:1].isalpha()
        and before[3] not in lex["clause_words"]
    ):
        # "Fishermen who gathered at the harbour said": the subject ends before "who".
        b = min(_clause_start(left, b + 1, lex), b + 1 + MAX_SUBJECT_WORDS)
    first = left[b - 1]
    region = (first[0], last[1])
    boundary = left[b]
    if ing:
        if first[3] != "with":  # "a document affirming ..." is a reduced relative clause
            return False
        hit.mode = "lead"  # "With Trump demanding that ..."
        hit.region = region
        hit.attach = first[0]
        return True
    hit.region = region
    hit.attach = boundary[0] if boundary is not None else region[0]
    beyond = left[b + 1] if boundary is not None else None
    if boundary is not None and boundary[3] in lex["clause_words"]:
        # A subordinate clause inside a complement does not end it, unless set off or
        # contrasting ("..., though analysts have questioned").
        after_comma = beyond is not None and beyond[2] in _COMMA_TOKENS
        hit.cuts = boundary[3] in _CONTRAST or (after_comma and boundary[3] != "that")
    quote_before = boundary is not None and (
        boundary[2] in _CLOSE_TOKENS
        or (boundary[2] in _COMMA_TOKENS and beyond is not None and beyond[2] in _CLOSE_TOKENS)
    )
    comma_before = boundary is not None and boundary[2] in _COMMA_TOKENS
    hit.mode = "trail" if quote_before or (comma_before and _short_rest(sent, hit, ctx)) else "lead"
    return True


_CONTRAST = frozenset({"though", "although", "while", "whereas", "but"})


def _clause_start(left: _Tokens, k: int, lex: _Lexicon) -> int:
    """Distance of the boundary token (punctuation or clause word) at or beyond ``k``.

    Past the start of the sentence (or the window) it is the distance of the missing token.
    """
    while True:
        token = left[k]
        if token is None:
            return k
        if token[2] in _BREAK_TOKENS or token[2] in _QUOTE_CHARS or token[3] in lex["clause_words"]:
            return k
        k += 1


def _short_rest(sent: _Sentence, hit: _Hit, ctx: _Context) -> bool:
    """After ", X said" only a short adverbial or listener follows: a trailing attribution."""
    lex = ctx.lexicon
    right = sent.right(hit.end)
    first = right[1] if right[0] is not None and right[0][2] == ":" else right[0]
    if first is not None and any(qs - 1 == first[0] for qs, _ in sent.quotes):
        return False  # ", Ms Nalwoga said “all options remain”": the quotation follows
    words = []
    for k in range(12):
        token = right[k]
        if token is None or token[2] in _BREAK_TOKENS or token[2] in _OPEN_TOKENS:
            break
        words.append(token[3])
    if not words:
        return True
    if "that" in words or len(words) > 10:
        return False
    if words[0] in lex["prepositions"] and words[0] != "to":
        return True
    if all(w in lex["time_words"] for w in words):
        return True  # "..., Dr Hines disclosed yesterday."
    if hit.cue.object and len(words) >= 2 and words[1] in lex["prepositions"]:
        return True  # "..., Sandhu told reporters on a conference call."
    return hit.cue.object and len(words) <= 3


def _region_after(sent: _Sentence, pos: int) -> tuple[int, int] | None:
    """The speaker after an inverted cue ("said Trump", "according to Kyodo News")."""
    right = sent.right(pos)
    first = end = -1
    for k in range(MAX_SUBJECT_WORDS + 1):
        token = right[k]
        if token is None or token[2] in _BREAK_TOKENS or token[2] in _QUOTE_CHARS:
            break
        first = token[0] if first < 0 else first
        end = token[1]
    return None if end < 0 else (first, end)


def _parenthetical(sent: _Sentence, hit: _Hit, k: int, ctx: _Context) -> bool:
    """ ", who ..., pledged": the subject is before the parenthetical; else a participle."""
    lex = ctx.lexicon
    left = sent.left(hit.start)
    comma_at = left[k][0]
    seen = 0
    j = k + 1
    fallback = None
    # A chain of descriptions ("Alvaro Ibarguren, the minister, a former engineer who ...,
    # insists"): the name further back wins over a description nearer the cue.
    while seen < MAX_PARENTHETICAL_CHUNKS and left[j] is not None:
        if left[j][2] not in _COMMA_TOKENS:
            j += 1
            continue
        seen += 1
        if seen == 1 and (speaker := _appositive_name(sent, left, k, j, ctx)) is not None:
            # "Its spokeswoman, Miriam Nalwoga, said": the name in apposition is the speaker.
            hit.region, hit.speaker = (left[j - 1][0], left[k + 1][1]), speaker
            b = _clause_start(left, j + 1, lex)
            boundary = left[b]
            if (
                boundary is not None
                and boundary[2] in _COMMA_TOKENS
                and _short_rest(sent, hit, ctx)
            ):
                # "..., its executive secretary, Maria Dizon, said on Tuesday."
                hit.mode, hit.attach = "trail", boundary[0]
            else:
                hit.mode, hit.attach = "lead", left[j][0]
            return True
        b = _clause_start(left, j + 1, lex)
        if (
            1 <= b - j - 1 <= MAX_PARENTHETICAL_SUBJECT
            and left[b - 1][3] not in lex["relative_words"]
        ):
            region = (left[b - 1][0], left[j + 1][1])
            speaker = _resolve_np(sent, region[0], region[1], ctx)
            if speaker is not None and _named(speaker):
                _place_subject(hit, left, b, region, speaker)
                return True
            if speaker is not None and fallback is None:
                fallback = (b, region, speaker)
        j += 1
    if fallback is not None:
        # Only a description ("the minister for ecological transition") before the cue and
        # no name further back: the description is the speaker.
        _place_subject(hit, left, *fallback)
        return True
    # No subject before: a participle (", pledged in her speech, to ...").
    hit.mode = "inherit"
    hit.attach = comma_at
    return True


def _place_subject(hit: _Hit, left: _Tokens, b: int, region, speaker: _Speaker) -> None:
    """Attach a cue to the subject found before its parenthetical: it leads, unless a
    quotation ends right before the subject ('"...," Ong Wei Liang, an analyst, wrote')."""
    hit.region, hit.speaker = region, speaker
    boundary, beyond = left[b], left[b + 1]
    if boundary is not None and (
        boundary[2] in _CLOSE_TOKENS
        or (boundary[2] in _COMMA_TOKENS and beyond is not None and beyond[2] in _CLOSE_TOKENS)
    ):
        hit.mode = "trail"
        hit.attach = boundary[0] if boundary[2] in _COMMA_TOKENS else boundary[1]
    else:
        hit.mode, hit.attach = "lead", region[0]


def _named(speaker: _Speaker) -> bool:
    """A speaker the text names: a registry actor, or a person or organisation by a name of
    several words (not a description such as "minister" or "officials")."""
    if speaker.resolved_by in ("name", "alias", "fuzzy", "pronoun", "title"):
        return True
    return speaker.type in ("person", "organization") and " " in speaker.name


def _appositive_name(sent: _Sentence, left: _Tokens, k: int, j: int, ctx: _Context):
    """The person named between the commas at ``left[j]`` and ``left[k]`` when that chunk is
    a name set off after a description ("the ministry's spokesperson, Ms Miriam Nalwoga,");
    None when the chunk is anything else (a description, a relative clause)."""
    chunk = [left[i] for i in range(j - 1, k, -1)]
    if chunk and chunk[0][3] in ("the", "a", "an"):
        chunk = chunk[1:]  # "..., the Atlantic Renewal Party, called for"
    if not 2 <= len(chunk) <= MAX_NAME_WORDS + 2:
        return None
    capitals = 0
    for token in chunk:
        if _capitalised(token[2]):
            capitals += 1
        elif token[2] != ".":
            return None
    if capitals < 2 or left[j + 1] is None or left[j + 1][2] in _BREAK_TOKENS:
        return None
    speaker = _resolve_np(sent, chunk[0][0], chunk[-1][1], ctx)
    if speaker is None or speaker.type not in ("person", "organization"):
        return None
    return speaker if " " in speaker.name else None


def _content_after(sent: _Sentence, hit: _Hit, ctx: _Context) -> int:
    """Where a leading cue's content starts: after "that", a listener, a comma or colon."""
    lex = ctx.lexicon
    right = sent.right(hit.end)
    if right[0] is None:
        return hit.end
    pos = 0
    if hit.cue.object:
        for j in range(7):
            token = right[j]
            if token is None or token[2] in _BREAK_TOKENS or token[2] in _OPEN_TOKENS:
                break
            if token[3] == "that":
                return token[1]
        # Skip the listener: one name or noun phrase of up to three words.
        if right[0][2] not in _OPEN_TOKENS:
            pos = 1
            while (
                pos < 3
                and right[pos] is not None
                and (right[pos][2][:1].isupper() or right[pos - 1][3] in lex["determiners"])
            ):
                pos += 1
    while right[pos] is not None and right[pos][2] in (",", ":", "—", "–"):
        pos += 1
    first = right[pos]
    if first is not None and (first[3] in lex["prepositions"] or first[3] in lex["time_words"]):
        # "said on Tuesday that ...", "said in a statement that ...".
        for j in range(pos, pos + 7):
            token = right[j]
            if token is None or token[2] in _BREAK_TOKENS or token[2] in _OPEN_TOKENS:
                break
            if token[3] == "that":
                return token[1]
    if right[pos] is not None and right[pos][3] == "that":
        pos += 1
    return right[pos][0] if right[pos] is not None else len(sent.text)


def _content_after_relay(sent: _Sentence, pos: int) -> int:
    """Content after "reported, citing X, that ...": skip the comma and "that"."""
    right = sent.right(pos)
    k = 0
    while right[k] is not None and (right[k][2] in _COMMA_TOKENS or right[k][3] == "that"):
        k += 1
    return right[k][0] if right[k] is not None else len(sent.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _narrow_to_quote(text: str, quotes, start: int, end: int) -> tuple[int, int]:
    """A span that is one quotation (give or take its marks and punctuation) becomes the
    words between the marks."""
    for qs, qe in quotes:
        if qs - 1 <= start <= qs and not text[min(end, qe) : max(end, qe)].strip(_EDGE_PUNCT):
            return qs, qe
    return start, end


_EDGE_PUNCT = ' ,;:.!?"”’»'


def _sentence_statements(text: str, quotes, ctx: _Context) -> list[_Hit]:
    """The attributed statements of one sentence: cues, their speakers, their contents."""
    hits = _find_hits(text, quotes, ctx)
    if not hits:
        return []
    sent = _Sentence(text, quotes)
    kept = _place_cues(sent, hits, ctx)
    _find_speakers(sent, kept, ctx)
    final = _merge_relays(text, kept)
    _find_contents(sent, final, ctx)
    return [h for h in final if h.content and _WORD.search(text, h.content[0], h.content[1])]


def _place_cues(sent: _Sentence, hits: list[_Hit], ctx: _Context) -> list[_Hit]:
    """Decide how each cue attaches (mode, subject region, attach point); drop non-cues."""
    text = sent.text
    kept: list[_Hit] = []
    masked: list[tuple[int, int]] = []
    # Source phrases first: "according to X", "as per X reports" (their NP is masked).
    for hit in hits:
        if hit.cue.role == "source" and (region := _region_after(sent, hit.end)) is not None:
            hit.mode, hit.region = "source", region
            hit.attach = _comma_before(text, hit.start)
            masked.append((hit.start, region[1]))
            kept.append(hit)
    for hit in hits:
        if hit.cue.role == "source" or _inside(masked, hit.start):
            continue
        if hit.cue.role == "relay":
            if (region := _region_after(sent, hit.end)) is not None:
                hit.mode, hit.region = "relay", region
                hit.attach = _comma_before(text, hit.start)
                kept.append(hit)
            continue
        if (
            not _needs_met(sent, hit)
            or _not_speech(sent, hit, ctx)
            or not _analyse_left(sent, hit, ctx)
        ):
            continue
        main_start = sent.main_start(ctx.lexicon)
        hit.fronted = hit.start < main_start
        if hit.fronted:
            comma = text.find(",", hit.end)
            hit.chunk_end = comma if 0 <= comma < main_start else main_start
        kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept


def _not_speech(sent: _Sentence, hit: _Hit, ctx: _Context) -> bool:
    """A cue word used for something else: a credit ("Reporting by ..."), a refusal
    ("declined to comment"), a noun ("listeners' questions") or the anonymity formula ("who
    asked not to be named")."""
    after = sent.text[hit.end : hit.end + 40].lstrip().lower()
    if _is_ing(hit) and after.startswith("by "):
        return True
    before = " ".join(sent.text[max(0, hit.start - 40) : hit.start].lower().split())
    tail = " ".join(before.rsplit(",", 1)[-1].split()[-4:])
    if any(p in tail for p in ctx.lexicon["refusal_phrases"]):
        return True  # "declined to comment", "declined to answer further questions"
    last = len(sent.text[: hit.start].rstrip()) - 1
    if before.endswith(("'", "’")) and last not in sent.closers:
        return True  # "listeners' questions": a noun after a plural possessive
    return any(after.startswith(p) for p in ctx.lexicon["anonymity_phrases"])


def _comma_before(text: str, pos: int) -> int:
    """The comma right before ``pos`` (only spaces between), else ``pos``."""
    comma = text.rfind(",", 0, pos)
    return comma if comma >= 0 and not text[comma + 1 : pos].strip() else pos


def _find_speakers(sent: _Sentence, kept: list[_Hit], ctx: _Context) -> None:
    """Speakers left to right; participles and second predicates take their clause's."""
    for n, hit in enumerate(kept):
        if hit.speaker is None and hit.region is not None:
            strong = hit.mode == "trail"
            hit.speaker = _resolve_np(sent, hit.region[0], hit.region[1], ctx, strong=strong)
        elif hit.speaker is None and hit.mode == "inherit":
            before = [
                h for h in kept[:n] if h.speaker is not None and h.fronted == hit.fronted
                and h.mode not in ("source", "relay")
            ]  # fmt: skip
            hit.speaker = before[-1].speaker if before else _main_subject(sent, ctx)
        if hit.speaker is not None:
            ctx.history.append(hit.speaker)
            ctx.history_at.append(ctx.current)
    # A fronted participle ("Congratulating X, Trump called ...") looks right.
    for n, hit in enumerate(kept):
        if hit.mode == "fronted":
            after = [h for h in kept[n + 1 :] if h.speaker is not None and not h.fronted]
            hit.speaker = after[0].speaker if after else _main_subject(sent, ctx)


def _merge_relays(text: str, kept: list[_Hit]) -> list[_Hit]:
    """A relay takes over the attribution right before it: "News.Az reports, citing Kyodo"."""
    final: list[_Hit] = []
    for hit in kept:
        if hit.speaker is None:
            continue
        if hit.mode == "relay" and final and not text[final[-1].end : hit.start].strip(" ,"):
            previous = final[-1]
            previous.speaker = hit.speaker
            previous.text = text[previous.start : hit.end]
            previous.relay_end = hit.region[1]  # "reported, citing X, that ..."
            continue
        if hit.mode == "relay" and any(h.mode != "relay" for h in final):
            continue  # "X said ..., citing a study": the study is X's evidence, not a source
        final.append(hit)
    return final


def _find_contents(sent: _Sentence, final: list[_Hit], ctx: _Context) -> None:
    """Each statement's content: up to where the next independent cue attaches."""
    text, quotes = sent.text, sent.quotes
    for n, hit in enumerate(final):
        later = [h for h in final[n + 1 :] if h.attach > hit.end and h.cuts]
        stop = later[0].attach if later else len(text)
        if hit.fronted and hit.chunk_end > hit.end:
            stop = min(stop, hit.chunk_end)
        if hit.mode in ("source", "relay"):
            # The clause the attribution supports: before it, or after when it comes first.
            before = _trim(text, 0, hit.attach)
            after = _trim(text, hit.region[1], stop)
            longer_after = _n_words(text, after) > _n_words(text, before)
            hit.content = after if hit.mode == "source" and longer_after else before
        elif hit.mode == "trail":
            before = _trim(text, _trail_start(final, n), hit.attach)
            after_start = _rest_end(sent, hit)
            after = _trim(text, after_start, stop) if after_start < stop else (stop, stop)
            # An interrupting attribution: the quotation it follows, else the longer part
            # ("The aim, the statement said, is “...”").
            interrupting = text[after_start - 1 : after_start] == ","
            quoted_before = any(_overlaps(before, q) for q in quotes)
            longer_after = _n_words(text, after) > _n_words(text, before)
            hit.content = after if interrupting and not quoted_before and longer_after else before
        else:
            begin = _content_after(sent, hit, ctx)
            if hit.relay_end > begin:
                begin = _content_after_relay(sent, hit.relay_end)
            hit.content = _trim(text, begin, stop)
        hit.content = _narrow_to_quote(text, quotes, *hit.content)


def _n_words(text: str, span: tuple[int, int]) -> int:
    return len(_WORD.findall(text, span[0], span[1]))


def _trail_start(hits: list[_Hit], n: int) -> int:
    """A trailing attribution's content starts after the previous trailing one, if any."""
    for hit in reversed(hits[:n]):
        if hit.mode == "trail":
            return hit.end
    return 0


def _rest_end(sent: _Sentence, hit: _Hit) -> int:
    """End of the words after a trailing cue ("said on Tuesday"), at the next punctuation."""
    start = hit.region[1] if hit.region and hit.region[0] >= hit.end else hit.end
    right = sent.right(start, window=len(sent.text))
    k = 0
    while (token := right[k]) is not None:
        if token[2] in _BREAK_TOKENS or token[2] in _OPEN_TOKENS:
            return token[1] if token[2] == "," else token[0]
        k += 1
    return len(sent.text)


# --- the article loop ----------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    sent_index: int
    kind: str
    speaker: _Speaker
    cue: str
    start: int  # in the sentence
    end: int


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _extract_article(texts: list[str], paras: list[int], ctx: _Context) -> list[_Row]:
    lex = ctx.lexicon
    rows: list[_Row] = []
    open_quote = False
    pending: list[tuple[int, list[tuple[int, int]]]] = []  # quote-only sentences awaiting a speaker
    last_direct: tuple[int, _Speaker] | None = None  # sentence index, speaker
    previous_para = None
    previous_clause: tuple[int, _Speaker] | None = None  # last indirect proposition
    turn: tuple[_Speaker, int, str] | None = None  # the paragraph is a labelled answer
    for index, (text, para) in enumerate(zip(texts, paras, strict=True)):
        ctx.current = index
        new_para = para != previous_para
        if new_para:
            _flush_pending(pending, rows, last_direct, index, ctx, carry=True)
            pending = []
            if open_quote and text.lstrip()[:1] not in _OPEN_TOKENS:
                open_quote = False
        previous_para = para
        if new_para:
            turn = _turn(text, ctx)
        if turn is not None:
            # A transcript or Q&A answer: the whole paragraph is the labelled speaker's.
            speaker, label_end, label = turn
            s, e = _trim(text, label_end, len(text))
            if label_end:
                rows.append(_Row(index, "direct", speaker, label, s, e))
                turn = (_as_continuation(speaker), 0, "")
            else:
                rows.append(_Row(index, "direct", speaker, "", s, e))
            ctx.history.append(speaker)
            ctx.history_at.append(index)
            last_direct, previous_clause, open_quote = (index, speaker), None, False
            continue
        carried = open_quote
        if carried or _QUOTE_MARK.search(text):
            quotes, open_quote = quote_spans(text, carried)
        else:
            quotes, open_quote = [], False
        hits = _sentence_statements(text, quotes, ctx)
        if hits:
            for hit in hits:
                s, e = hit.content
                kind = "direct" if any(_overlaps((s, e), q) for q in quotes) else "indirect"
                rows.append(_Row(index, kind, hit.speaker, hit.text, s, e))
            first = rows[-len(hits)]
            direct_rows = [r for r in rows[-len(hits) :] if r.kind == "direct"]
            if pending and carried:
                # "“A. B,” Trump said.": the earlier sentences of the quote are his too.
                speaker = (direct_rows or [first])[0].speaker
                for sent_index, spans in pending:
                    rows.append(_continuation(sent_index, spans, speaker))
                pending = []
            last = rows[-1]
            last_direct = (index, last.speaker) if last.kind == "direct" else last_direct
            if direct_rows and direct_rows[-1] is not last:
                last_direct = (index, direct_rows[-1].speaker)
            clause_hits = [h for h in hits if h.cue.clause and h.mode != "trail"]
            previous_clause = (
                (index, hits[-1].speaker)
                if clause_hits and hits[-1] is clause_hits[-1] and last.kind == "indirect"
                else None
            )
            continue
        if quotes and _speech_like(text, quotes, carried):
            pending.append((index, quotes))
            if not open_quote:
                _flush_pending(pending, rows, last_direct, index, ctx, carry=False)
                if rows and rows[-1].sent_index == index and rows[-1].speaker.name != UNKNOWN:
                    last_direct = (index, rows[-1].speaker)
                pending = []
            previous_clause = None
            continue
        if (
            previous_clause is not None
            and previous_clause[0] == index - 1
            and not new_para
            and lex.stance.search(text)
        ):
            speaker = previous_clause[1]
            s, e = _trim(text, 0, len(text))
            rows.append(_Row(index, "indirect", _as_continuation(speaker), "", s, e))
            ctx.history.append(speaker)
            ctx.history_at.append(index)
            previous_clause = (index, speaker)
            continue
        previous_clause = None
    _flush_pending(pending, rows, last_direct, len(texts), ctx, carry=False)
    return rows


# A speaker label opening a transcript or Q&A paragraph: "DR. FERREIRA: ...", "PALMER: ...",
# "A: ...". Capitals only: "Trump: we will win" is a headline's style, not a transcript's.
_SPEAKER_LABEL = re.compile(r"\s*([A-Z][A-Z’'.\-]*(?:[ \t]+[A-Z][A-Z’'.\-]*){0,3}):[ \t]+(?=\S)")


def _turn(text: str, ctx: _Context) -> tuple[_Speaker, int, str] | None:
    """``(speaker, label end, label)`` when the paragraph opening with ``text`` is an answer
    under a speaker label; None for a question ("Q:", "REPORTER:"), for a label that names
    nobody the article knows ("OUR TAKE:") and for a paragraph without one."""
    found = _SPEAKER_LABEL.match(text)
    if found is None:
        return None
    label, lex = found[1], ctx.lexicon
    words = [w.strip(".").lower() for w in label.split()]
    if " ".join(words) in lex["interviewer_labels"]:
        return None
    if " ".join(words) in lex["answer_labels"]:
        speaker = _answerer(ctx)
    else:
        phrase = " ".join(w[:1] + w[1:].lower() for w in label.split())
        speaker = _resolve_np(_Sentence(phrase, []), 0, len(phrase), ctx, depth=1)
        if speaker is not None and speaker.resolved_by == "surface":
            # Only someone the article named before: "LUIS ALBERTO TAPIA" is the Luis Alberto
            # Tapia Rojas it named in full; "OUR TAKE" is a column's title.
            speaker = _named_before(speaker, ctx)
    if speaker is None or speaker.name == UNKNOWN:
        return None
    return speaker, found.end(), label + ":"


def _named_before(speaker: _Speaker, ctx: _Context) -> _Speaker | None:
    """The person named in full before the current sentence whose name is ``speaker``'s or
    begins with it, letter case aside; None when there is not exactly one."""
    people = ctx.people(ctx.current - 1)
    wanted = speaker.name.lower()
    found = {
        name.lower(): p for name, p in people.items()
        if name.lower() == wanted or name.lower().startswith(wanted + " ")
    }  # fmt: skip
    if len(found) != 1:
        return None
    return _person_speaker(found.popitem()[1], speaker.resolved_by, speaker.surface, ctx)


def _answerer(ctx: _Context) -> _Speaker | None:
    """Who answers in a Q&A: the person named in full last before the first answer."""
    if ctx.answerer is None:
        ctx.volatile = True
        named = [p for p in ctx.people(ctx.current - 1).values() if p.last < ctx.current]
        if named:
            person = max(named, key=lambda p: p.last)
            ctx.answerer = _person_speaker(person, "title", "A:", ctx)
    return ctx.answerer


def _speech_like(text: str, quotes, carried: bool) -> bool:
    """A quotation that opens its sentence or fills most of it (not a title or scare quote)."""
    if carried or text.lstrip()[:1] in _OPEN_TOKENS:
        return True
    quoted = sum(len(_WORD.findall(text[s:e])) for s, e in quotes)
    return quoted >= 0.5 * max(1, len(_WORD.findall(text)))


def _as_continuation(speaker: _Speaker) -> _Speaker:
    return _Speaker(
        speaker.name, speaker.affiliation, speaker.type, speaker.gender, "continuation",
        speaker.surface,
    )  # fmt: skip


def _continuation(sent_index: int, spans, speaker: _Speaker) -> _Row:
    return _Row(sent_index, "direct", _as_continuation(speaker), "", spans[0][0], spans[-1][1])


def _flush_pending(pending, rows, last_direct, index, ctx: _Context, carry: bool) -> None:
    """Quote-only sentences: the previous quoted speaker's, else unattributed if speech-like."""
    for sent_index, spans in pending:
        recent = last_direct is not None and sent_index - last_direct[0] <= 2
        if recent:
            rows.append(_continuation(sent_index, spans, last_direct[1]))
            continue
        text = ctx.texts[sent_index]
        quoted = sum(len(_WORD.findall(text[s:e])) for s, e in spans)
        total = len(_WORD.findall(text)) or 1
        if quoted >= ctx.lexicon.min_unattributed_words or (quoted / total >= 0.5 and quoted >= 3):
            logger.info("unattributed quotation in sentence %d: %.60s", sent_index, text)
            nobody = _Speaker(UNKNOWN, UNKNOWN, "person", "", "none", "")
            rows.append(_Row(sent_index, "direct", nobody, "", spans[0][0], spans[-1][1]))


def extract_quotes(
    sentences: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    cues: dict | None = None,
    articles: pd.DataFrame | None = None,
    demonyms: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find every attributed statement in the sentences and name its speaker.

    Parameters
    ----------
    sentences
        The ``sentences`` table (:data:`SENTENCE_INPUT_COLUMNS`); not modified. Articles are
        independent: any subset gives the same rows for those articles. :func:`share_names`
        then links the articles of one event.
    actors
        The actor registry (:func:`load_actors`); the packaged one when None.
    cues
        The cue lexicon (:func:`load_cues`); the packaged one when None.
    articles
        Optional ``article_id, country`` (the ``articles`` table): the outlet's country is
        the country of a title written without nationality ("Prime Minister Petra Lund" in a
        Norwegian paper).
    demonyms
        The country table (:func:`load_demonyms`); the packaged one when None.

    Returns
    -------
    DataFrame
        The ``quotes`` table, columns :data:`QUOTE_COLUMNS`, sorted by ``article_id`` and
        ``quote_id`` with a fresh RangeIndex. ``start``/``end`` are body offsets.
    """
    missing = [c for c in SENTENCE_INPUT_COLUMNS if c not in sentences.columns]
    if missing:
        raise KeyError(f"extract_quotes() needs column(s) {missing} in the sentences table")
    registry = _default_registry() if actors is None else _registry_for(actors)
    lexicon = _default_lexicon() if cues is None else _Lexicon(cues)
    countries = _default_countries() if demonyms is None else _Countries(demonyms)
    home, outlet = _article_outlets(articles, countries)
    columns = {c: sentences[c].tolist() for c in SENTENCE_INPUT_COLUMNS}
    # Sorting plain lists is about 20x cheaper than DataFrame.sort_values on a small table
    # (bench/bench_quotes.py); both sorts are stable.
    try:
        order = sorted(
            range(len(sentences)), key=lambda i: (columns["article_id"][i], columns["sent_id"][i])
        )
    except TypeError:  # ids of mixed types: pandas knows how to order them
        keys = sentences[["article_id", "sent_id"]].reset_index(drop=True)
        order = keys.sort_values(["article_id", "sent_id"], kind="stable").index.tolist()
    if order != list(range(len(order))):
        columns = {c: [values[i] for i in order] for c, values in columns.items()}
    out: list[tuple] = []
    cache: dict = {}
    name_words: dict[str, bool] = {}
    n = len(order)
    begin = 0
    done = []
    while begin < n:
        article_id = columns["article_id"][begin]
        end = begin
        while end < n and columns["article_id"][end] == article_id:
            end += 1
        texts = [t if isinstance(t, str) else "" for t in columns["text"][begin:end]]
        ctx = _Context(
            registry, lexicon, texts, cache=cache, countries=countries,
            home=home.get(str(article_id), ""), name_words=name_words,
        )  # fmt: skip
        rows = _extract_article(texts, columns["para_id"][begin:end], ctx)
        done.append((begin, end, article_id, texts, ctx, rows))
        begin = end
    for begin, _, article_id, texts, _ctx, rows in done:
        rows.sort(key=lambda r: (r.sent_index, r.start, -r.end))
        seen = set()
        for row in rows:
            key = (row.sent_index, row.start, row.end, row.speaker.name)
            if key in seen:
                continue
            seen.add(key)
            i = begin + row.sent_index
            offset = columns["start"][i]
            span = texts[row.sent_index][row.start : row.end]
            speaker = row.speaker
            # One spelling of a name: "Workers’ Union" and "Workers' Union" are one speaker.
            name = speaker.name.replace("’", "'")
            out.append(
                (
                    article_id, len(seen) - 1, columns["sent_id"][i], row.kind, name,
                    speaker.affiliation, " ".join(row.cue.split()), span,
                    len(_WORD.findall(span)), speaker.resolved_by, offset + row.start,
                    offset + row.end, speaker.surface,
                )
            )  # fmt: skip
    # Rows are already in (article_id, quote_id) order: articles in sorted order, quote ids
    # counting up within each.
    return _quote_table(out, sentences["article_id"].dtype)


def _quote_table(rows: list[tuple], article_id_dtype) -> pd.DataFrame:
    """The ``quotes`` table from its row tuples, with its column types set once."""
    values = list(zip(*rows, strict=True)) if rows else [()] * len(QUOTE_COLUMNS)
    data = {}
    for name, column in zip(QUOTE_COLUMNS, values, strict=True):
        if name == "article_id":
            data[name] = pd.array(list(column), dtype=article_id_dtype)
        elif name in _INT_QUOTE_COLUMNS:
            data[name] = np.array(column, dtype="int64")
        else:
            data[name] = pd.array(list(column), dtype="str")
    return pd.DataFrame(data, columns=QUOTE_COLUMNS)


_INT_QUOTE_COLUMNS = frozenset({"quote_id", "sent_id", "n_words", "start", "end"})


def _article_outlets(articles: pd.DataFrame | None, countries: _Countries):
    """``({article_id: home country}, {article_id: outlet})`` from the articles table."""
    if articles is None or "article_id" not in articles.columns:
        return {}, {}
    ids = articles["article_id"].astype(str).tolist()
    home, outlet = {}, {}
    if "country" in articles.columns:
        for article_id, country in zip(ids, articles["country"].tolist(), strict=True):
            home[article_id] = countries.of_name(country) if isinstance(country, str) else ""
    if "outlet" in articles.columns:
        for article_id, name in zip(ids, articles["outlet"].tolist(), strict=True):
            if isinstance(name, str) and name:
                outlet[article_id] = name
    return home, outlet


@dataclass(slots=True)
class _Linked:
    """One article for :func:`share_names`: its sentences, its reading context and the
    speakers of its statements (replaced in place)."""

    article_id: object
    texts: list[str]
    ctx: _Context
    speakers: list[_Speaker]


def _share_full_names(done: list[_Linked], outlet: dict[str, str]) -> None:
    """A speaker known only by part of a name ("Lund") takes the full name ("Petra Lund")
    that exactly one person of its article has, else of its outlet's other articles, else of
    all the articles given (one event: "Nalwoga" in one paper is the "Miriam Nalwoga" another
    names in full)."""
    pending = [
        (item, n)
        for item in done
        for n, speaker in enumerate(item.speakers)
        if speaker.type == "person"
        and speaker.name not in item.ctx.registry.actors
        and (
            _by_initials(speaker.name)
            or _name_words_only(speaker.name)
            or (
                speaker.affiliation == UNKNOWN
                and _capitalised(speaker.name)
                and " " not in speaker.name
                and not speaker.name.isupper()  # an acronym ("NCDB") is nobody's name
            )
        )
    ]
    if not pending:
        return
    outlet_of = [outlet.get(str(item.article_id), f"\0{item.article_id}") for item in done]
    naming: dict[str, list[int]] = {}  # a capitalised word -> the articles that write it
    shared: dict = {}  # part -> full names in the call; (part, outlet) -> in the outlet first
    candidates: dict[str, list[int]] = {}  # part -> the articles that may name it in full
    joined: list[str] = []
    for item, n in pending:
        old = item.speakers[n]
        part = old.name
        person = _part_of_name(part, item.ctx)
        if person is not None and person.name != part:
            name = person.name
            affiliation = item.ctx.countries.affiliation.get(person.country)
        else:
            if not naming:
                # Only articles that write the name next to another capitalised word are read
                # for people: reading every article of a large call for names costs as much as
                # the extraction itself.
                for i, other in enumerate(done):
                    joined.append(" ".join(other.texts))
                    for word in set(_CAPITALISED_WORD.findall(joined[i])):
                        naming.setdefault(word.removesuffix("’s").removesuffix("'s"), []).append(i)
            key = outlet.get(str(item.article_id), f"\0{item.article_id}")
            if part not in shared:
                candidates[part] = [
                    i for i in naming.get(part.split()[-1], []) if _named_beside(joined[i], part)
                ]
                shared[part] = _full_names_in([done[i].ctx for i in candidates[part]], part)
            if (part, key) not in shared:
                in_outlet = [done[i].ctx for i in candidates[part] if outlet_of[i] == key]
                shared[part, key] = _full_names_in(in_outlet, part) or shared[part]
            found = shared[part, key]
            if len(found) != 1:
                continue
            name, affiliation = next(iter(found))
        item.speakers[n] = _Speaker(
            name, affiliation or UNKNOWN, old.type, old.gender, old.resolved_by, old.surface
        )


def _name_words_only(name: str) -> bool:
    """Two or more capitalised words, none an initial: a full name as the article gives it."""
    words = name.split()
    return len(words) >= 2 and all(_capitalised(w) and not _INITIALS.match(w) for w in words)


def _part_of_name(part: str, ctx: _Context) -> _Person | None:
    """The one person of an article whose full name ``part`` is a part of: a surname or first
    name ("Lund"), initials and a surname ("W.M. Premaratne"), or the name without its last
    surnames ("Luis Alberto Tapia" of "Luis Alberto Tapia Rojas")."""
    if _by_initials(part):
        return _person_by_initials(part, ctx)
    if " " not in part:
        return _surname_in_sentences(part, ctx)
    if not any(part + " " in text for text in ctx.texts):
        return None  # the article never writes the name longer: no need to read it for people
    lex = ctx.lexicon
    longer = {
        name
        for name in ctx.people(len(ctx.texts))
        if name.startswith(part + " ")
        # someone the article presents ("the union leader, Luis Alberto Tapia Rojas,"), not a
        # headline's capitals ("Mitch McConnell Misses July")
        and (ctx.persons[name].role or ctx.persons[name].introduced or ctx.persons[name].count > 1)
        and not any(
            w.lower().rstrip(".") in lex["legal_suffixes"] or w.lower() in lex.organization_heads
            for w in name[len(part) :].split()
        )  # "Maplecrest Nutrition Inc" is no longer name of a person
    }
    return ctx.persons[longer.pop()] if len(longer) == 1 else None


def _share_acronyms(done: list[_Linked]) -> None:
    """A speaker written only as an acronym its article never defines ("CFSD") takes the
    organisation another article defines it as, when exactly one does."""
    spelled: dict[str, set] = {}
    for item in done:
        for n, speaker in enumerate(item.speakers):
            short = speaker.name
            if speaker.resolved_by != "surface" or not _ACRONYM.fullmatch(short):
                continue
            if short not in spelled:
                spelled[short] = set()
                for other in done:
                    if not any(f"({short})" in t or f"or {short}" in t for t in other.texts):
                        continue  # not defined there: no need to read its acronyms
                    full = other.ctx.acronym(short)
                    if full:
                        found = _resolve_np(_Sentence(full, []), 0, len(full), other.ctx, depth=1)
                        if found is not None and found.type in ("organization", "government"):
                            spelled[short].add((found.name, found.affiliation, found.type))
            if len(spelled[short]) == 1:
                name, affiliation, kind = next(iter(spelled[short]))
                item.speakers[n] = _Speaker(name, affiliation, kind, "", "name", speaker.surface)


def _by_initials(name: str) -> bool:
    """Initials and a surname: "R. Vaitkute", "W.M. Premaratne"."""
    words = name.split()
    return len(words) >= 2 and all(_INITIALS.match(w) for w in words[:-1])


def _named_beside(text: str, part: str) -> bool:
    """Whether ``text`` writes ``part`` right after or before another capitalised word, as a
    full name would ("Ronald Reagan" for "Reagan")."""
    at = text.find(part)
    while at >= 0:
        before = text[max(0, at - 2) : at]
        after = text[at + len(part) : at + len(part) + 2]
        if (before[-1:] == " " and before[:1].isalpha()) or (
            after[:1] == " " and after[1:2].isupper()
        ):
            return True
        at = text.find(part, at + 1)
    return False


def _surname_in_sentences(word: str, ctx: _Context) -> _Person | None:
    """:meth:`_Context.person_named` read from only the sentences that write ``word``: the
    one person outside the registry named in full with it as a surname (else as first name).
    Reading whole articles costs as much again on large calls of unrelated articles."""
    by_surname: dict[str, _Person] = {}
    by_first: dict[str, _Person] = {}
    for text in ctx.texts:
        if word not in text:
            continue
        for person in _names_in(text, ctx):
            if person.registry:
                continue
            if word in _surname_forms(person.name):
                by_surname.setdefault(person.name, person)
            elif person.name.split()[0] == word:
                by_first.setdefault(person.name, person)
    for index in (by_surname, by_first):
        if index:
            return next(iter(index.values())) if len(index) == 1 else None
    return None


def _full_names_in(contexts: list, part: str) -> set[tuple[str, str | None]]:
    """``(full name, affiliation)`` of the people these articles name in full whose surname
    (else first name) is ``part``, one per article at most."""
    found = set()
    for other in contexts:
        match = _part_of_name(part, other)
        if match is not None and match.name != part:
            found.add((match.name, other.countries.affiliation.get(match.country)))
    return found


def share_names(
    quotes: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    cues: dict | None = None,
    demonyms: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Link the articles of one event: complete speakers one article names only in part.

    A speaker written as a surname or first name ("Nalwoga"), as initials and a surname
    ("W.M. Premaratne") or as a full name without its last surnames ("Luis Alberto Tapia")
    takes the full name exactly one person of its own article has, else of its outlet's
    other articles (with ``articles``), else of all the articles given ("Miriam Nalwoga",
    "W.M. Sunil Premaratne", "Luis Alberto Tapia Rojas"). An acronym an article uses but never
    defines ("CFSD") takes the organisation another article defines it as. Ambiguous parts
    stay as written. A corpus is taken to be about one event: run it on articles that are.

    Parameters
    ----------
    quotes, sentences
        The ``quotes`` table of :func:`extract_quotes` and the ``sentences`` table it came
        from.
    articles
        Optional ``article_id, outlet, country``: full names are looked for in the same
        outlet first.
    actors, cues, demonyms
        As for :func:`extract_quotes`.

    Returns
    -------
    DataFrame
        A copy of ``quotes`` with ``speaker``, ``affiliation`` and (for acronyms)
        ``resolved_by`` completed; every other column and the row order unchanged.
    """
    registry = _default_registry() if actors is None else _registry_for(actors)
    lexicon = _default_lexicon() if cues is None else _Lexicon(cues)
    countries = _default_countries() if demonyms is None else _Countries(demonyms)
    home, outlet = _article_outlets(articles, countries)
    out = quotes.copy()
    if out.empty:
        return out
    texts_of: dict = {}
    ids, numbers = sentences["article_id"].tolist(), sentences["sent_id"].tolist()
    all_texts = sentences["text"].tolist()
    for i in sorted(range(len(ids)), key=lambda i: (str(ids[i]), numbers[i])):
        text = all_texts[i]
        texts_of.setdefault(ids[i], []).append(text if isinstance(text, str) else "")
    cache: dict = {}
    name_words: dict[str, bool] = {}
    columns = {
        c: out[c].tolist()
        for c in ("article_id", "speaker", "affiliation", "resolved_by", "speaker_surface")
    }
    by_article: dict = {}  # article id -> its _Linked, in the order of the table
    where: list[tuple[_Linked, int]] = []  # row -> its article and place among its speakers
    for row in zip(*columns.values(), strict=True):
        article_id, name, affiliation, resolved_by, surface = row
        item = by_article.get(article_id)
        if item is None:
            texts = texts_of.get(article_id, [])
            ctx = _Context(
                registry, lexicon, texts, cache=cache, countries=countries,
                home=home.get(str(article_id), ""), name_words=name_words,
            )  # fmt: skip
            ctx.current = len(texts) - 1
            item = by_article[article_id] = _Linked(article_id, texts, ctx, [])
        actor = registry.actors.get(name)
        kind = actor.type if actor else "organization" if _ACRONYM.fullmatch(name) else "person"
        where.append((item, len(item.speakers)))
        item.speakers.append(_Speaker(name, affiliation, kind, "", resolved_by, surface))
    done = list(by_article.values())
    _share_full_names(done, outlet)
    _share_acronyms(done)
    speakers = [item.speakers[n] for item, n in where]
    for column, attribute in (
        ("speaker", "name"), ("affiliation", "affiliation"), ("resolved_by", "resolved_by")
    ):  # fmt: skip
        values = [getattr(s, attribute) for s in speakers]
        if values != columns[column]:
            out[column] = pd.array(values, dtype="str")
    return out


# --- voice share ---------------------------------------------------------------------------


def voice_share(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    by: str = "affiliation",
    kind: str | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Per outlet: the share of quoted words and of statements each group is given.

    Parameters
    ----------
    quotes
        The ``quotes`` table (``article_id, kind, n_words`` and the ``by`` column).
    articles
        ``article_id, outlet`` (an empty outlet falls back to the article id).
    by
        ``"affiliation"`` or ``"speaker"``: the grouping column, named so in the output.
    kind
        ``"direct"``, ``"indirect"`` or ``"all"`` for one; None gives all three.
    n_boot, random_state
        Bootstrap resamples of each outlet's statements (with replacement) and the seed; each
        outlet and kind draws from a generator seeded by ``random_state``, the outlet and the
        kind (:func:`framing.stats.seeded_rng`), so its interval does not depend on the other
        outlets.

    Returns
    -------
    DataFrame
        Columns ``outlet, kind, <by>, measure`` (``words``: share of the quoted words;
        ``statements``: share of statements), ``estimate, ci_low, ci_high`` (95% percentile
        interval), ``n_statements, n_words`` (the outlet's totals for that kind) and
        ``group_statements, group_words``. Every group seen in the corpus appears for every
        outlet with statements (share 0 where absent). Sorted by outlet, kind, group, measure.
    """
    if by not in ("affiliation", "speaker"):
        raise ValueError(f"by must be 'affiliation' or 'speaker', got {by!r}")
    kinds = ("all", *KINDS) if kind is None else (kind,)
    for k in kinds:
        if k not in ("all", *KINDS):
            raise ValueError(f"kind must be 'direct', 'indirect', 'all' or None, got {k!r}")
    needed = ["article_id", "kind", "n_words", by]
    missing = [c for c in needed if c not in quotes.columns]
    if missing:
        raise KeyError(f"voice_share() needs column(s) {missing} in the quotes table")
    outlets = _outlet_of(articles)
    table = quotes[needed].merge(outlets, on="article_id", how="left")
    table["outlet"] = table["outlet"].fillna(table["article_id"].astype(str))
    groups = sorted(set(table[by].astype(str)))
    columns = ["outlet", "kind", by, "measure", *SHARE_VALUE_COLUMNS]
    rows = []
    for outlet in sorted(set(table["outlet"].astype(str))):
        in_outlet = table[table["outlet"].astype(str) == outlet]
        for k in kinds:
            part = in_outlet if k == "all" else in_outlet[in_outlet["kind"] == k]
            if part.empty:
                continue
            codes = pd.Categorical(part[by].astype(str), categories=groups).codes
            words = part["n_words"].to_numpy(dtype=float)
            estimates, lows, highs = _bootstrap_shares(
                codes, words, len(groups), n_boot, [random_state, outlet, k]
            )
            n_statements, n_words = len(part), int(words.sum())
            group_n = np.bincount(codes, minlength=len(groups))
            group_w = np.bincount(codes, weights=words, minlength=len(groups))
            for g, group in enumerate(groups):
                for m, measure in enumerate(MEASURES):
                    rows.append(
                        (
                            outlet, k, group, measure, estimates[m][g], lows[m][g], highs[m][g],
                            n_statements, n_words, int(group_n[g]), int(group_w[g]),
                        )
                    )  # fmt: skip
    share = pd.DataFrame(rows, columns=columns)
    share = share.astype(
        {"n_statements": "int64", "n_words": "int64", "group_statements": "int64",
         "group_words": "int64"}
    )  # fmt: skip
    order = {k: i for i, k in enumerate(("all", *KINDS))}
    share = share.assign(_k=share["kind"].map(order))
    share = share.sort_values(["outlet", "_k", by, "measure"], kind="stable")
    return share.drop(columns="_k").reset_index(drop=True)


def _outlet_of(articles: pd.DataFrame) -> pd.DataFrame:
    return outlet_labels(articles)


def _bootstrap_shares(codes, words, n_groups: int, n_boot: int, seed: list):
    """Point estimates and 95% percentile intervals of word and statement shares.

    Both ratios are resampled from generators with the same ``seed``, so the two intervals of
    a cell rest on the same resampled statements.
    """
    n = len(codes)
    one_hot = np.zeros((n, n_groups))
    one_hot[np.arange(n), codes] = 1.0
    by_words = one_hot * words[:, None]
    point_words = by_words.sum(0) / max(words.sum(), 1e-12)
    point_statements = one_hot.sum(0) / max(n, 1)
    low_w, high_w = bootstrap_ratio(by_words, words, n_boot=n_boot, rng=seeded_rng(*seed))
    low_s, high_s = bootstrap_ratio(one_hot, np.ones(n), n_boot=n_boot, rng=seeded_rng(*seed))
    return [point_words, point_statements], [low_w, low_s], [high_w, high_s]
