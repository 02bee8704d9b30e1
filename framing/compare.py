"""Comparing outlets: distinctive language, text similarity and shared (syndicated) copy.

In: the ``sentences`` table (``article_id``, ``sent_id``, ``start``, ``end``, ``text``) and the
``articles`` table (``article_id``, ``outlet``). Articles with an empty outlet are compared
under their ``article_id``. Only these two tables are read; no article body is needed, because
sentence offsets already point into the body.

Out:

:func:`distinctive_terms`
    :data:`TERM_COLUMNS`, one row per outlet × top term: the weighted log-odds ratio with an
    informative Dirichlet prior of Monroe, Colaresi & Quinn (2008), each outlet against all
    the others, and its z-score.
:func:`similarity_matrix`
    a square DataFrame of TF-IDF cosine similarities between articles or outlets.
:func:`credited_sources`
    :data:`CREDIT_COLUMNS`, one row per sentence × wire service credited in it
    ("citing Kyodo", "according to Reuters", "(AP)").
:func:`shared_passages`
    :data:`PASSAGE_COLUMNS`, one row per pair of sentences from two different articles that
    share a run of words nearly verbatim, with both spans and any wire service credited nearby.
:func:`framing_profile`
    :data:`PROFILE_COLUMNS`, one long table per outlet × measure × item (topic share, voice
    share, narration/quoted sentiment, distinctive terms, shared copy), each with its interval
    or count; it also reads ``topic_scores``, ``quotes`` and ``sentiment`` when given.
    :func:`profile_table` turns it into one row per outlet (``profile.csv``), :func:`findings`
    into plain sentences stated only where the intervals support them.

Tokenisation (terms and similarity). scikit-learn's ``CountVectorizer`` with its default token
pattern (words of two or more characters) after a preprocessor that joins dotted acronyms
(``U.S.`` → ``US``) and lower-cases every word except all-capital acronyms (``US`` stays
``US``; otherwise it would become the stop word ``us``). Stop words are scikit-learn's English
list. N-grams are built on the full token stream and an n-gram is kept only when neither its
first nor its last token is a stop word: so ``rare earths`` and ``prime minister`` are kept,
``of aggression`` is dropped, and no bigram is made across a removed stop word (stop-word
removal before n-gram building would invent ``history aggression`` from "history of
aggression").

Shingling (shared copy). Sentences are cut into word tokens (``\\w+`` runs joined by inner
apostrophes or dots), normalised (lower case, dots removed so ``U.S.`` = ``US``, curly
apostrophes straightened, possessive ``'s`` dropped), and every run of ``shingle_size``
consecutive tokens is a shingle. Two sentences from different articles are a pair when they
share at least ``min_shared`` shingles and the shared shingles are at least ``min_containment``
of the smaller sentence's shingles (containment, Broder 1997). Candidate pairs come from an
inverted index (a join on the shingle), so only sentences that share something are compared.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer
from sklearn.metrics.pairwise import cosine_similarity

from .corpus import outlet_labels

TERM_COLUMNS = ["outlet", "term", "n_outlet", "n_rest", "log_odds", "z", "rank"]
CREDIT_COLUMNS = ["article_id", "sent_id", "service", "match"]
PASSAGE_COLUMNS = [
    "article_a",
    "article_b",
    "outlet_a",
    "outlet_b",
    "sent_id_a",
    "sent_id_b",
    "start_a",
    "end_a",
    "start_b",
    "end_b",
    "text_a",
    "text_b",
    "n_shared",
    "jaccard",
    "similarity",
    "credited_source",
    "credited_in_articles",
]
LEVELS = ("outlet", "article")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)

# Terms.
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_WORD = re.compile(r"\w+")
# Shingles: a word, possibly joined by inner apostrophes or dots (Japan's, U.S, 27.5).
_SHINGLE_TOKEN = re.compile(r"\w+(?:['’.]\w+)*")
_POSSESSIVE = re.compile(r"'s$")


# --- tokenising -------------------------------------------------------------------------


def preprocess(text: str) -> str:
    """Join dotted acronyms and lower-case every word that is not an all-capital acronym."""
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", "").upper(), text)
    return _WORD.sub(_case_fold, text)


def _case_fold(match: re.Match) -> str:
    word = match.group()
    # Acronyms (US, AI, G20) keep their case: lower-cased, US would be the stop word "us".
    return word if len(word) > 1 and word.isupper() else word.lower()


def _term_counts(
    sentences: pd.DataFrame, ngram_range: tuple[int, int]
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sentence × term counts, n-grams with a stop word at either edge removed."""
    vectorizer = CountVectorizer(
        preprocessor=preprocess, lowercase=False, ngram_range=ngram_range, dtype=np.int64
    )
    texts = sentences["text"].fillna("").astype(str).tolist()
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return sp.csr_matrix((len(texts), 0), dtype=np.int64), np.array([], dtype=object)
    terms = vectorizer.get_feature_names_out()
    keep = np.array([_edges_are_content(term) for term in terms], dtype=bool)
    return counts[:, keep].tocsr(), terms[keep]


def _edges_are_content(term: str) -> bool:
    tokens = term.split(" ")
    return tokens[0] not in STOP_WORDS and tokens[-1] not in STOP_WORDS


def _group_matrix(keys: pd.Series) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sparse indicator (group × row) for summing rows by key; groups in sorted order."""
    codes, groups = pd.factorize(keys, sort=True)
    indicator = sp.csr_matrix(
        (np.ones(len(codes), dtype=np.int64), (codes, np.arange(len(codes)))),
        shape=(len(groups), len(codes)),
    )
    return indicator, np.asarray(groups, dtype=object)


def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """``article_id`` → outlet label (:func:`framing.corpus.outlet_labels`), as strings."""
    return outlet_labels(articles).astype("string")


def _with_outlet(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    sents = sentences.copy()
    sents["article_id"] = sents["article_id"].astype("string")
    out = sents.merge(_outlets(articles), on="article_id", how="inner", validate="many_to_one")
    return out.sort_values(["article_id", "sent_id"], kind="stable").reset_index(drop=True)


# --- distinctive terms ------------------------------------------------------------------


def log_odds_dirichlet(
    counts_i: np.ndarray, counts_j: np.ndarray, alpha: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio of group i against group j with a Dirichlet prior.

    Monroe, Colaresi & Quinn (2008), eqs. 16–20:
    ``delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w))
    - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))``,
    ``var(delta_w) ≈ 1 / (y_wi + a_w) + 1 / (y_wj + a_w)``, ``z_w = delta_w / sqrt(var)``.

    Parameters
    ----------
    counts_i, counts_j
        Term counts of the two groups (same vocabulary, same order).
    alpha
        Prior pseudo-counts per term (``a_w``, all > 0); ``a_0`` is their sum.

    Returns
    -------
    (delta, z), two arrays over the vocabulary.
    """
    y_i = np.asarray(counts_i, dtype=float)
    y_j = np.asarray(counts_j, dtype=float)
    alpha = np.asarray(alpha, dtype=float)
    if np.any(alpha <= 0):
        raise ValueError("every prior pseudo-count must be positive")
    alpha_0 = alpha.sum()
    n_i, n_j = y_i.sum(), y_j.sum()
    delta = np.log((y_i + alpha) / (n_i + alpha_0 - y_i - alpha)) - np.log(
        (y_j + alpha) / (n_j + alpha_0 - y_j - alpha)
    )
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, delta / np.sqrt(variance)


def distinctive_terms(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    ngram_range: tuple[int, int] = (1, 2),
    prior: float | None = None,
    top_n: int = 15,
    min_count: int = 1,
) -> pd.DataFrame:
    """The terms most distinctive of each outlet against all the other outlets together.

    The informative Dirichlet prior is the whole corpus's term distribution scaled to a total
    size ``alpha_0``: ``a_w = alpha_0 * y_w / n`` (Monroe et al. 2008, section 3.5.2).

    Parameters
    ----------
    sentences, articles
        The ``sentences`` and ``articles`` tables.
    ngram_range
        Smallest and largest n-gram, as in scikit-learn (see the module docstring for how
        stop words are handled).
    prior
        ``alpha_0``, the total prior size in pseudo-tokens. ``None`` uses the corpus size
        ``n``, i.e. the raw corpus counts as the prior (the prior weighs as much as the data).
    top_n
        Terms kept per outlet, by z-score (highest first; ties by term).
    min_count
        Minimum count of a term within the outlet for it to be listed.

    Returns
    -------
    DataFrame with :data:`TERM_COLUMNS`, sorted by outlet and rank (1 = most distinctive).
    """
    if prior is not None and prior <= 0:
        raise ValueError(f"prior (alpha_0) must be positive, got {prior}")
    sents = _with_outlet(sentences, articles)
    if sents["outlet"].nunique() < 2:
        raise ValueError("distinctive_terms needs sentences from at least two outlets")
    counts, terms = _term_counts(sents, ngram_range)
    indicator, outlets = _group_matrix(sents["outlet"])
    by_outlet = np.asarray((indicator @ counts).todense(), dtype=float)
    total = by_outlet.sum(axis=0)
    n = total.sum()
    if n == 0:
        return pd.DataFrame(columns=TERM_COLUMNS)
    alpha_0 = float(n if prior is None else prior)
    alpha = alpha_0 * total / n
    present = total > 0
    rows = []
    for k, outlet in enumerate(outlets):
        y_i = by_outlet[k, present]
        y_j = total[present] - y_i
        delta, z = log_odds_dirichlet(y_i, y_j, alpha[present])
        table = pd.DataFrame(
            {
                "outlet": outlet,
                "term": terms[present],
                "n_outlet": y_i.astype(np.int64),
                "n_rest": y_j.astype(np.int64),
                "log_odds": delta,
                "z": z,
            }
        )
        table = table[table["n_outlet"] >= min_count]
        table = table.sort_values(["z", "term"], ascending=[False, True], kind="stable")
        table = table.head(top_n).assign(rank=np.arange(1, min(top_n, len(table)) + 1))
        rows.append(table)
    out = pd.concat(rows, ignore_index=True)
    out["outlet"] = out["outlet"].astype("string")
    out["term"] = out["term"].astype("string")
    return out[TERM_COLUMNS].sort_values(["outlet", "rank"], kind="stable").reset_index(drop=True)


# --- similarity -------------------------------------------------------------------------


def similarity_matrix(
    sentences: pd.DataFrame, articles: pd.DataFrame, level: str = "outlet"
) -> pd.DataFrame:
    """TF-IDF cosine similarity between articles or between outlets.

    Each article is one document (unigrams, stop words removed, tokenised as in the module
    docstring; scikit-learn's ``TfidfTransformer`` with its defaults: smooth idf, sublinear
    tf off, L2 norm). An outlet is the sum of its articles' normalised vectors (its
    centroid), so an outlet with many articles is not favoured by sheer length.

    Parameters
    ----------
    sentences, articles
        The ``sentences`` and ``articles`` tables.
    level
        ``"outlet"`` or ``"article"``.

    Returns
    -------
    Square DataFrame of similarities in [0, 1], index and columns the sorted outlet names
    (or article ids), both named after ``level`` (``"outlet"`` or ``"article_id"``).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    sents = _with_outlet(sentences, articles)
    counts, _ = _term_counts(sents, (1, 1))
    by_article, article_ids = _group_matrix(sents["article_id"])
    doc_counts = by_article @ counts
    vectors = TfidfTransformer().fit_transform(doc_counts)
    labels = article_ids
    name = "article_id"
    if level == "outlet":
        outlet_of = _outlets(articles).set_index("article_id")["outlet"]
        by_outlet, labels = _group_matrix(outlet_of.reindex(article_ids).reset_index(drop=True))
        vectors = by_outlet @ vectors
        name = "outlet"
    sims = np.clip(cosine_similarity(vectors), 0.0, 1.0)
    index = pd.Index([str(x) for x in labels], dtype="string", name=name)
    return pd.DataFrame(sims, index=index, columns=index.rename(name))


# --- wire-service credits ---------------------------------------------------------------


@dataclass(frozen=True)
class WireService:
    """One wire service: its canonical name and the compiled credit patterns that name it."""

    name: str
    aliases: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]


def load_wire_services(path: str | Path | None = None) -> tuple[WireService, ...]:
    """Read wire services and credit patterns (default: packaged ``data/wire_services.yaml``)."""
    if path is None:
        return _packaged_services()
    return _parse_services(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _packaged_services() -> tuple[WireService, ...]:
    source = resources.files("framing") / "data" / "wire_services.yaml"
    return _parse_services(source.read_text(encoding="utf-8"), "framing/data/wire_services.yaml")


def _parse_services(text: str, where: str) -> tuple[WireService, ...]:
    data = yaml.safe_load(text) or {}
    templates = data.get("credit_patterns") or []
    services = data.get("services") or []
    if not templates or not services:
        raise ValueError(f"{where}: needs non-empty 'credit_patterns' and 'services'")
    out = []
    for entry in services:
        name = str(entry.get("name", "")).strip()
        aliases = tuple(str(a) for a in entry.get("aliases") or [name] if str(a).strip())
        if not name or not aliases:
            raise ValueError(f"{where}: every service needs a name and aliases: {entry!r}")
        # Longest alias first so "Kyodo News" is matched whole before "Kyodo".
        names = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
        alias_group = rf"(?-i:\b(?:{names})\b)"
        patterns = tuple(
            re.compile(template.replace("{name}", alias_group), re.IGNORECASE)
            for template in templates
        )
        out.append(WireService(name, aliases, patterns))
    return tuple(out)


def credited_sources(
    sentences: pd.DataFrame, services: tuple[WireService, ...] | str | Path | None = None
) -> pd.DataFrame:
    """Wire services credited in each sentence ("citing Kyodo", "according to Reuters").

    Parameters
    ----------
    sentences
        The ``sentences`` table (``article_id``, ``sent_id``, ``text``).
    services
        Parsed services, a YAML path, or None for the packaged list.

    Returns
    -------
    DataFrame with :data:`CREDIT_COLUMNS` (``match``: the crediting phrase as written), one row
    per sentence and service credited (first match), sorted by article, sentence, service.
    """
    if not isinstance(services, tuple):
        services = load_wire_services(services)
    every_alias = "|".join(
        re.escape(a) for s in services for a in sorted(s.aliases, key=len, reverse=True)
    )
    texts = sentences["text"].fillna("").astype(str)
    # Cheap pre-filter: only sentences that name some service at all are matched in full.
    mentions = texts.str.contains(rf"\b(?:{every_alias})\b", regex=True)
    rows = []
    for idx in np.flatnonzero(mentions.to_numpy()):
        text = texts.iloc[idx]
        for service in services:
            for pattern in service.patterns:
                found = pattern.search(text)
                if found:
                    rows.append(
                        (
                            str(sentences["article_id"].iloc[idx]),
                            int(sentences["sent_id"].iloc[idx]),
                            service.name,
                            found.group(),
                        )
                    )
                    break
    out = pd.DataFrame(rows, columns=CREDIT_COLUMNS)
    out = out.astype({"article_id": "string", "sent_id": "int64", "service": "string"})
    out["match"] = out["match"].astype("string")
    return out.sort_values(["article_id", "sent_id", "service"], kind="stable").reset_index(
        drop=True
    )


# --- shared passages --------------------------------------------------------------------


def shingle_tokens(text: str) -> list[tuple[str, int, int]]:
    """Normalised word tokens of ``text`` with their character spans ``(token, start, end)``."""
    out = []
    for m in _SHINGLE_TOKEN.finditer(text):
        token = m.group().lower().replace("’", "'").replace(".", "")
        token = _POSSESSIVE.sub("", token)
        if token:
            out.append((token, m.start(), m.end()))
    return out


def _shingle_table(sents: pd.DataFrame, size: int) -> pd.DataFrame:
    """One row per (sentence row, distinct shingle): ``row``, ``shingle``, ``first``, ``last``.

    ``first``/``last`` are the character offsets (in the sentence) of the shingle's first
    occurrence.
    """
    rows, shingles, firsts, lasts = [], [], [], []
    for row, text in enumerate(sents["text"].fillna("").astype(str)):
        tokens = shingle_tokens(text)
        seen = set()
        for k in range(len(tokens) - size + 1):
            key = " ".join(t for t, _, _ in tokens[k : k + size])
            if key in seen:
                continue
            seen.add(key)
            rows.append(row)
            shingles.append(key)
            firsts.append(tokens[k][1])
            lasts.append(tokens[k + size - 1][2])
    codes, _ = pd.factorize(pd.Series(shingles, dtype=object))
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype=np.int64),
            "shingle": codes.astype(np.int64),
            "first": np.asarray(firsts, dtype=np.int64),
            "last": np.asarray(lasts, dtype=np.int64),
        }
    )


def shared_passages(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    shingle_size: int = 5,
    min_shared: int = 2,
    min_containment: float = 0.2,
    credit_window: int = 1,
    services: tuple[WireService, ...] | str | Path | None = None,
) -> pd.DataFrame:
    """Sentences that two different articles share nearly word for word.

    Parameters
    ----------
    sentences, articles
        The ``sentences`` and ``articles`` tables.
    shingle_size
        Words per shingle (see the module docstring for the normalisation).
    min_shared
        Minimum number of distinct shared shingles (2 shingles of 5 = a 6-word run).
    min_containment
        Minimum shared shingles / shingles of the sentence with fewer of them.
    credit_window
        A wire service counts as credited "nearby" when a sentence within this many sentences
        of either matched sentence (same article) credits it (:func:`credited_sources`).
    services
        Wire services to look for (parsed, a YAML path, or None for the packaged list).

    Returns
    -------
    DataFrame with :data:`PASSAGE_COLUMNS`, one row per sentence pair, ``article_a`` <
    ``article_b``. ``start_*``/``end_*`` are offsets into each article's body spanning the
    shared shingles (first to last), ``text_*`` those spans; ``n_shared`` the shared
    shingles, ``jaccard`` their Jaccard index, ``similarity`` the containment;
    ``credited_source``: services credited near either sentence ("; "-joined, "" if none);
    ``credited_in_articles``: services credited anywhere in either article. Sentences shorter
    than ``shingle_size`` words are never matched.
    """
    if shingle_size < 1 or min_shared < 1:
        raise ValueError("shingle_size and min_shared must be at least 1")
    sents = _with_outlet(sentences, articles)
    shingles = _shingle_table(sents, shingle_size)
    n_shingles = np.bincount(shingles["row"], minlength=len(sents))
    article_code = pd.factorize(sents["article_id"])[0]
    shingles["article"] = article_code[shingles["row"]]
    # Only shingles held by sentences of at least two articles can make a pair.
    spread = shingles.groupby("shingle")["article"].transform("nunique")
    shared = shingles[spread > 1]
    hits = shared.merge(shared, on="shingle", suffixes=("_a", "_b"))
    hits = hits[hits["article_a"] < hits["article_b"]]
    if hits.empty:
        return _empty_passages()
    pairs = hits.groupby(["row_a", "row_b"], sort=True).agg(
        n_shared=("shingle", "size"),
        first_a=("first_a", "min"),
        last_a=("last_a", "max"),
        first_b=("first_b", "min"),
        last_b=("last_b", "max"),
    )
    pairs = pairs.reset_index()
    n_a = n_shingles[pairs["row_a"]]
    n_b = n_shingles[pairs["row_b"]]
    pairs["similarity"] = pairs["n_shared"] / np.minimum(n_a, n_b)
    pairs["jaccard"] = pairs["n_shared"] / (n_a + n_b - pairs["n_shared"])
    pairs = pairs[(pairs["n_shared"] >= min_shared) & (pairs["similarity"] >= min_containment)]
    if pairs.empty:
        return _empty_passages()
    return _passage_rows(sents, pairs, credit_window, services)


def _passage_rows(sents, pairs, credit_window, services) -> pd.DataFrame:
    side = {}
    for s in ("a", "b"):
        rows = sents.iloc[pairs[f"row_{s}"].to_numpy()].reset_index(drop=True)
        text = rows["text"].astype(str)
        first = pairs[f"first_{s}"].to_numpy()
        last = pairs[f"last_{s}"].to_numpy()
        side[f"article_{s}"] = rows["article_id"].to_numpy()
        side[f"outlet_{s}"] = rows["outlet"].to_numpy()
        side[f"sent_id_{s}"] = rows["sent_id"].astype("int64").to_numpy()
        side[f"start_{s}"] = rows["start"].astype("int64").to_numpy() + first
        side[f"end_{s}"] = rows["start"].astype("int64").to_numpy() + last
        side[f"text_{s}"] = [t[i:j] for t, i, j in zip(text, first, last, strict=True)]
    out = pd.DataFrame(side)
    out["n_shared"] = pairs["n_shared"].astype("int64").to_numpy()
    out["jaccard"] = pairs["jaccard"].to_numpy(dtype=float)
    out["similarity"] = pairs["similarity"].to_numpy(dtype=float)

    involved = pd.unique(np.concatenate([out["article_a"], out["article_b"]]))
    credits = credited_sources(sents[sents["article_id"].isin(involved)], services)
    by_article: dict[str, list[tuple[int, str]]] = {}
    for article_id, sent_id, service in zip(
        credits["article_id"], credits["sent_id"], credits["service"], strict=True
    ):
        by_article.setdefault(str(article_id), []).append((int(sent_id), str(service)))
    near, anywhere = [], []
    for a, sa, b, sb in zip(
        out["article_a"], out["sent_id_a"], out["article_b"], out["sent_id_b"], strict=True
    ):
        found_a = by_article.get(str(a), [])
        found_b = by_article.get(str(b), [])
        near.append(
            {svc for sid, svc in found_a if abs(sid - sa) <= credit_window}
            | {svc for sid, svc in found_b if abs(sid - sb) <= credit_window}
        )
        anywhere.append({svc for _, svc in found_a} | {svc for _, svc in found_b})
    out["credited_source"] = ["; ".join(sorted(s)) for s in near]
    out["credited_in_articles"] = ["; ".join(sorted(s)) for s in anywhere]
    out = out.astype(
        {c: "string" for c in ("article_a", "article_b", "outlet_a", "outlet_b", "text_a")}
        | {"text_b": "string", "credited_source": "string", "credited_in_articles": "string"}
    )
    out = out.sort_values(["article_a", "article_b", "sent_id_a", "sent_id_b"], kind="stable")
    return out[PASSAGE_COLUMNS].reset_index(drop=True)


def _empty_passages() -> pd.DataFrame:
    dtypes = {c: "string" for c in PASSAGE_COLUMNS} | {
        c: "int64"
        for c in ("sent_id_a", "sent_id_b", "start_a", "end_a", "start_b", "end_b", "n_shared")
    }
    dtypes |= {"jaccard": "float64", "similarity": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})[PASSAGE_COLUMNS]


# --- framing profile --------------------------------------------------------------------

PROFILE_COLUMNS = [
    "outlet",
    "measure",
    "item",
    "rank",
    "estimate",
    "ci_low",
    "ci_high",
    "n",
    "n_unit",
    "detail",
]
# Measures of the profile, in the order they are listed.
TOPIC_SHARE = "topic_share"
VOICE_SHARE = "voice_share"
SENTIMENT = "sentiment"
DISTINCTIVE_TERM = "distinctive_term"
SHARED_COPY = "shared_copy"
MEASURES = (TOPIC_SHARE, VOICE_SHARE, SENTIMENT, DISTINCTIVE_TERM, SHARED_COPY)
# Topic share's label for sentences that match no topic (framing.topics.UNASSIGNED).
UNASSIGNED_TOPIC = "unassigned"
# A distinctive term is stated as a finding only when |z| reaches this (two-sided 95%).
Z_CRITICAL = 1.96
# Sentiment cells resting on fewer sentences than this are never stated.
MIN_SENTIMENT_SENTENCES = 3


def framing_profile(
    tables,
    top_terms: int = 5,
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """One long table profiling each outlet: topics, voices, sentiment, terms, shared copy.

    Parameters
    ----------
    tables
        A mapping (or :class:`framing.pipeline.Tables`) with ``articles`` and ``sentences``
        and, where available, ``topic_scores``, ``quotes`` and ``sentiment``; a measure whose
        table is missing is left out. Outlet tables already computed (``topic_share``,
        ``voice_share``, ``outlet_sentiment``, ``distinctive_terms``, ``shared_passages``) are
        used as they are instead of being computed again.
    top_terms
        Distinctive terms kept per outlet.
    n_boot, random_state
        Bootstrap replicates and seed for every interval.

    Returns
    -------
    DataFrame with :data:`PROFILE_COLUMNS`, one row per outlet × measure × item, sorted by
    outlet, measure (in :data:`MEASURES` order) and rank:

    ``topic_share``
        item = topic; share of the outlet's words (every topic, ``unassigned`` included;
        rank 1 = largest share among assigned topics); n = words.
    ``voice_share``
        item = affiliation; share of attributed words; n = attributed words
        (``detail``: the number of statements).
    ``sentiment``
        item = voice (``narration``/``quoted``); word-weighted mean VADER compound; n =
        sentences.
    ``distinctive_term``
        item = term; estimate = z-score (no interval); n = occurrences in the outlet
        (``detail``: the log-odds).
    ``shared_copy``
        item = the other outlet; estimate = n = sentence pairs shared nearly verbatim
        (``detail``: wire services credited in either article).
    """
    articles, sentences = _get(tables, "articles"), _get(tables, "sentences")
    if articles is None or sentences is None:
        raise ValueError("framing_profile needs at least the articles and sentences tables")
    parts = []
    topic_scores = _get(tables, "topic_scores")
    if topic_scores is not None:
        share = _get(tables, "topic_share")
        if share is None:
            from .topics import topic_share

            share = topic_share(
                topic_scores, sentences, articles, by="outlet", n_boot=n_boot,
                random_state=random_state,
            )  # fmt: skip
        parts.append(
            _long(share, TOPIC_SHARE, "topic", "n_words", "words", rank_skip=UNASSIGNED_TOPIC)
        )
    quotes = _get(tables, "quotes")
    if quotes is not None:
        voices = _get(tables, "voice_share")
        if voices is None:
            from .quotes import voice_share

            voices = voice_share(
                quotes, articles, kind="all", n_boot=n_boot, random_state=random_state
            )
        voices = voices[(voices["kind"] == "all") & (voices["measure"] == "words")]
        voices = voices.copy()
        voices["detail"] = voices["n_statements"].map(lambda n: f"{n} statements")
        parts.append(_long(voices, VOICE_SHARE, "affiliation", "n_words", "attributed words"))
    sentiment = _get(tables, "sentiment")
    if sentiment is not None:
        tone = _get(tables, "outlet_sentiment")
        if tone is None:
            from .sentiment import outlet_sentiment

            tone = outlet_sentiment(sentiment, articles, n_boot=n_boot, random_state=random_state)
        parts.append(_long(tone, SENTIMENT, "voice", "n_sentences", "sentences", rank=False))
    if _outlets(articles)["outlet"].nunique() >= 2:
        terms = _get(tables, "distinctive_terms")
        if terms is None:
            terms = distinctive_terms(sentences, articles, top_n=top_terms)
        terms = terms[terms["rank"] <= top_terms]
        parts.append(
            pd.DataFrame(
                {
                    "outlet": terms["outlet"],
                    "measure": DISTINCTIVE_TERM,
                    "item": terms["term"],
                    "rank": terms["rank"],
                    "estimate": terms["z"],
                    "ci_low": np.nan,
                    "ci_high": np.nan,
                    "n": terms["n_outlet"],
                    "n_unit": "occurrences",
                    "detail": terms["log_odds"].map(lambda d: f"log-odds {d:.2f}"),
                }
            )
        )
        passages = _get(tables, "shared_passages")
        if passages is None:
            passages = shared_passages(sentences, articles)
        parts.append(_shared_copy_rows(passages))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in PROFILE_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    out["measure_order"] = out["measure"].map({m: i for i, m in enumerate(MEASURES)})
    out = out.sort_values(["outlet", "measure_order", "rank", "item"], kind="stable")
    out = out.drop(columns="measure_order").reset_index(drop=True)
    out = out.astype(
        {c: "string" for c in ("outlet", "measure", "item", "n_unit", "detail")}
        | {"rank": "int64", "n": "int64", "estimate": "float64"}
    )
    return out[PROFILE_COLUMNS]


def _get(tables, name: str):
    try:
        return tables[name]
    except (KeyError, AttributeError):
        return None


def _long(table, measure, item, n_col, n_unit, rank=True, rank_skip=None) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "outlet": table["outlet"].astype(str).to_numpy(),
            "measure": measure,
            "item": table[item].astype(str).to_numpy(),
            "estimate": table["estimate"].to_numpy(dtype=float),
            "ci_low": table["ci_low"].to_numpy(dtype=float),
            "ci_high": table["ci_high"].to_numpy(dtype=float),
            "n": table[n_col].to_numpy(dtype=np.int64),
            "n_unit": n_unit,
            "detail": table["detail"].astype(str).to_numpy() if "detail" in table else "",
        }
    )
    if rank:
        # Largest share first; the skipped item (unassigned) ranks after every real one.
        key = out["estimate"].where(out["item"] != rank_skip, -np.inf).fillna(-np.inf)
        out["rank"] = (
            out.assign(key=key)
            .sort_values(["outlet", "key", "item"], ascending=[True, False, True], kind="stable")
            .groupby("outlet")
            .cumcount()
            .reindex(out.index)
            + 1
        )
    else:
        out["rank"] = out.groupby("outlet").cumcount() + 1
    return out


def _shared_copy_rows(passages: pd.DataFrame) -> pd.DataFrame:
    columns = PROFILE_COLUMNS
    if passages.empty:
        return pd.DataFrame(columns=columns)
    across = passages[passages["outlet_a"] != passages["outlet_b"]]
    both = pd.concat(
        [
            across.rename(columns={"outlet_a": "outlet", "outlet_b": "other"}),
            across.rename(columns={"outlet_b": "outlet", "outlet_a": "other"}),
        ],
        ignore_index=True,
    )
    rows = []
    for (outlet, other), part in both.groupby(["outlet", "other"], sort=True):
        rows.append(
            (outlet, SHARED_COPY, other, len(part), np.nan, np.nan, len(part), "sentence pairs")
            + (_credit_detail(part),)
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "outlet", "measure", "item", "estimate", "ci_low", "ci_high", "n", "n_unit", "detail",
        ],
    )  # fmt: skip
    out = out.sort_values(["outlet", "estimate", "item"], ascending=[True, False, True])
    out["rank"] = out.groupby("outlet").cumcount() + 1
    return out[columns]


def _credit_detail(pairs: pd.DataFrame) -> str:
    """``credited nearby: Kyodo News (1 of 2)``; else the services credited in the articles."""
    near: dict[str, int] = {}
    for cell in pairs["credited_source"].astype(str):
        for service in filter(None, cell.split("; ")):
            near[service] = near.get(service, 0) + 1
    if near:
        listed = ", ".join(f"{s} ({n} of {len(pairs)})" for s, n in sorted(near.items()))
        return f"credited nearby: {listed}"
    anywhere = sorted(
        {s for cell in pairs["credited_in_articles"].astype(str) for s in cell.split("; ") if s}
    )
    return f"credited elsewhere in the articles: {', '.join(anywhere)}" if anywhere else ""


def profile_table(profile: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """The profile as one row per outlet, one readable cell per measure (for ``profile.csv``).

    Each cell lists the ``top`` best-ranked items with their estimate and interval or count,
    e.g. ``alliance 31% [22–40%]; trade 18% [11–26%]`` (shares as percentages, sentiment as
    a compound, terms with their z-score).
    """
    cells: dict[str, dict[str, str]] = {}
    for (outlet, measure), part in profile.groupby(["outlet", "measure"], sort=True):
        part = part.sort_values("rank", kind="stable")
        if measure != SENTIMENT:
            part = part.head(top)
        cells.setdefault(str(outlet), {})[str(measure)] = "; ".join(
            _describe(row) for row in part.itertuples(index=False)
        )
    out = pd.DataFrame.from_dict(cells, orient="index")
    out = out.reindex(columns=[m for m in MEASURES if m in out.columns]).fillna("")
    out.index.name = "outlet"
    return out.reset_index().astype("string")


def _describe(row) -> str:
    if row.measure in (TOPIC_SHARE, VOICE_SHARE):
        return f"{row.item} {_interval(row.estimate, row.ci_low, row.ci_high, percent=True)}"
    if row.measure == SENTIMENT:
        return f"{row.item} {_interval(row.estimate, row.ci_low, row.ci_high)} (n={row.n})"
    if row.measure == DISTINCTIVE_TERM:
        return f"{row.item} (z {row.estimate:.1f}, n={row.n})"
    return f"{row.item} ({row.n} {row.n_unit})"


def _interval(estimate, low, high, percent: bool = False) -> str:
    if pd.isna(estimate):
        return "n/a"
    if percent:
        return f"{estimate:.0%} [{low:.0%}–{high:.0%}]"
    return f"{estimate:+.2f} [{low:+.2f}, {high:+.2f}]"


# --- findings in words ------------------------------------------------------------------


CONTRAST_COLUMNS = [
    "outlet",
    "measure",
    "item",
    "estimate",
    "ci_low",
    "ci_high",
    "n",
    "rest_estimate",
    "rest_ci_low",
    "rest_ci_high",
    "rest_n",
]
REST = "the other outlets"


def outlet_contrasts(tables, n_boot: int = 1000, random_state: int = 0) -> pd.DataFrame:
    """Each outlet's topic and voice shares against the other outlets pooled.

    For every outlet the corpus is split in two (that outlet, :data:`REST`) and the shares
    are computed with their bootstrap intervals for both groups: topic share over sentences
    (words), voice share over statements (attributed words, direct and indirect together).

    Returns
    -------
    DataFrame with :data:`CONTRAST_COLUMNS`, one row per outlet × measure × item; ``n`` and
    ``rest_n`` are the words the two estimates rest on.
    """
    articles = _outlets(_get(tables, "articles"))
    outlets = sorted(articles["outlet"].astype(str).unique())
    if len(outlets) < 2:
        return pd.DataFrame(columns=CONTRAST_COLUMNS)
    boot = {"n_boot": n_boot, "random_state": random_state}
    parts = []
    for outlet in outlets:
        split = articles.assign(
            outlet=np.where(articles["outlet"].astype(str) == outlet, outlet, REST)
        )
        if _get(tables, "topic_scores") is not None:
            from .topics import topic_share

            share = topic_share(tables["topic_scores"], tables["sentences"], split, **boot)
            parts.append(_contrast(share, outlet, TOPIC_SHARE, "topic", "n_words"))
        if _get(tables, "quotes") is not None and len(tables["quotes"]):
            from .quotes import voice_share

            voices = voice_share(tables["quotes"], split, kind="all", **boot)
            voices = voices[voices["measure"] == "words"]
            parts.append(_contrast(voices, outlet, VOICE_SHARE, "affiliation", "n_words"))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=CONTRAST_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["outlet", "measure", "item"], kind="stable", ignore_index=True)


def _contrast(share: pd.DataFrame, outlet: str, measure: str, item: str, n_col: str):
    columns = ["estimate", "ci_low", "ci_high", n_col]
    own = share[share["outlet"].astype(str) == outlet].set_index(item)[columns]
    rest = share[share["outlet"].astype(str) == REST].set_index(item)[columns]
    joined = own.merge(rest, left_index=True, right_index=True, suffixes=("", "_rest"))
    joined = joined.reset_index()
    return pd.DataFrame(
        {
            "outlet": outlet,
            "measure": measure,
            "item": joined[item].astype(str),
            "estimate": joined["estimate"],
            "ci_low": joined["ci_low"],
            "ci_high": joined["ci_high"],
            "n": joined[n_col],
            "rest_estimate": joined["estimate_rest"],
            "rest_ci_low": joined["ci_low_rest"],
            "rest_ci_high": joined["ci_high_rest"],
            "rest_n": joined[f"{n_col}_rest"],
        }
    )


def findings(profile: pd.DataFrame, contrasts: pd.DataFrame | None = None) -> list[str]:
    """Plain sentences about the outlets, each generated from the profile's numbers.

    A sentence is stated only where the intervals support it, and never on a zero-width
    interval (see :func:`_informative`):

    * topic and voice share: an outlet whose interval lies wholly above every other outlet's
      interval for that topic or affiliation ("A gives 58% [CI 44–71%] of attributed words to
      China-affiliated speakers; no other outlet exceeds 15%.");
    * sentiment: an outlet whose narration interval lies wholly above or below every other
      outlet's, and an outlet whose narration and quoted intervals do not overlap (cells
      resting on fewer than :data:`MIN_SENTIMENT_SENTENCES` sentences are never used);
    * distinctive terms with ``|z| >= 1.96``;
    * shared copy: every pair of outlets sharing sentences, with the count and any wire
      service credited;
    * with ``contrasts`` (:func:`outlet_contrasts`): an outlet whose topic or voice share
      interval lies wholly above or below the interval of the other outlets pooled, both
      intervals of non-zero width (a share of 0 of a few statements gives the degenerate
      bootstrap interval [0, 0], which is no evidence).

    Returns
    -------
    list of str, in the order of :data:`MEASURES`, outlets alphabetical within each.
    """
    out: list[str] = []
    out += _share_findings(profile, TOPIC_SHARE, _topic_sentence)
    out += _share_findings(profile, VOICE_SHARE, _voice_sentence)
    if contrasts is not None:
        out += _contrast_findings(contrasts)
    out += _sentiment_findings(profile)
    out += _term_findings(profile)
    out += _shared_copy_findings(profile)
    return out


def _informative(rows: pd.DataFrame, low: str = "ci_low", high: str = "ci_high") -> pd.Series:
    """Intervals that carry information: not missing and of non-zero width.

    A zero-width bootstrap interval (every resample gave the same value: a share of 0 of a few
    statements, a mean of one sentence) is the bootstrap failing, not certainty.
    """
    return rows[low].notna() & rows[high].notna() & (rows[high] > rows[low])


def _share_findings(profile, measure, sentence) -> list[str]:
    rows = profile[profile["measure"] == measure]
    rows = rows[_informative(rows)]
    rows = rows[rows["item"] != UNASSIGNED_TOPIC]
    out = []
    for _, part in rows.groupby("item", sort=True):
        if part["outlet"].nunique() < 2:
            continue
        for row in part.sort_values("outlet").itertuples(index=False):
            others = part[part["outlet"] != row.outlet]
            if row.ci_low > others["ci_high"].max():
                out.append(sentence(row, others["estimate"].max()))
    return out


def _topic_sentence(row, others_max: float) -> str:
    return (
        f"{row.outlet} gives {_share_ci(row)} of its words to the topic '{row.item}' "
        f"(n = {row.n} words); no other outlet exceeds {_ceil_percent(others_max)}."
    )


def _voice_sentence(row, others_max: float) -> str:
    return (
        f"{row.outlet} gives {_share_ci(row)} of attributed words to {row.item}-affiliated "
        f"speakers (n = {row.n} words); no other outlet exceeds {_ceil_percent(others_max)}."
    )


def _share_ci(row) -> str:
    return f"{row.estimate:.0%} [CI {row.ci_low * 100:.0f}–{row.ci_high:.0%}]"


def _ceil_percent(value: float) -> str:
    return f"{math.ceil(round(value * 100, 6))}%"


def _sentiment_findings(profile) -> list[str]:
    rows = profile[(profile["measure"] == SENTIMENT) & (profile["n"] >= MIN_SENTIMENT_SENTENCES)]
    rows = rows[_informative(rows)]
    out = []
    narration = rows[rows["item"] == "narration"]
    if narration["outlet"].nunique() >= 2:
        for row in narration.sort_values("outlet").itertuples(index=False):
            others = narration[narration["outlet"] != row.outlet]
            if row.ci_low > others["ci_high"].max():
                side, bound = "more positive", f"at most {others['estimate'].max():+.2f}"
            elif row.ci_high < others["ci_low"].min():
                side, bound = "more negative", f"at least {others['estimate'].min():+.2f}"
            else:
                continue
            out.append(
                f"{row.outlet}'s own narration is {side} than any other outlet's: mean "
                f"compound {row.estimate:+.2f} [CI {row.ci_low:+.2f}, {row.ci_high:+.2f}] "
                f"(n = {row.n} sentences) against {bound} elsewhere."
            )
    for outlet, part in rows.groupby("outlet", sort=True):
        by_voice = part.set_index("item")
        if not {"narration", "quoted"} <= set(by_voice.index):
            continue
        nar, quo = by_voice.loc["narration"], by_voice.loc["quoted"]
        if nar["ci_high"] < quo["ci_low"] or nar["ci_low"] > quo["ci_high"]:
            side = _comparative(nar["estimate"], quo["estimate"])
            out.append(
                f"{outlet}'s own narration is {side} (mean compound {nar['estimate']:+.2f} "
                f"[CI {nar['ci_low']:+.2f}, {nar['ci_high']:+.2f}], n = {nar['n']} sentences) "
                f"than the statements it quotes ({quo['estimate']:+.2f} "
                f"[CI {quo['ci_low']:+.2f}, {quo['ci_high']:+.2f}], n = {quo['n']})."
            )
    return out


def _comparative(value: float, reference: float) -> str:
    """'less positive' / 'more negative' / ... for ``value`` against ``reference``."""
    if value < reference:
        return "less positive" if value >= 0 else "more negative"
    return "less negative" if value <= 0 else "more positive"


def _term_findings(profile) -> list[str]:
    rows = profile[(profile["measure"] == DISTINCTIVE_TERM) & (profile["estimate"] >= Z_CRITICAL)]
    out = []
    for outlet, part in rows.groupby("outlet", sort=True):
        part = part.sort_values("rank")
        listed = ", ".join(f"'{r.item}' (z {r.estimate:.1f}, n = {r.n})" for r in part.itertuples())
        out.append(f"Words {outlet} uses markedly more than the other outlets: {listed}.")
    return out


def _shared_copy_findings(profile) -> list[str]:
    rows = profile[profile["measure"] == SHARED_COPY]
    out = []
    for row in rows.sort_values(["outlet", "item"]).itertuples(index=False):
        if str(row.outlet) > str(row.item):
            continue  # each pair once
        detail = str(row.detail)
        credit = f"; {detail}" if detail.startswith("credited nearby") else ""
        plural = "sentence" if row.n == 1 else "sentences"
        out.append(
            f"{row.outlet} and {row.item} share {row.n} {plural} nearly word for word{credit}."
        )
    return out


def _contrast_findings(contrasts: pd.DataFrame) -> list[str]:
    rows = contrasts[contrasts["item"] != UNASSIGNED_TOPIC]
    rows = rows[_informative(rows) & _informative(rows, "rest_ci_low", "rest_ci_high")]
    out = []
    for row in rows.itertuples(index=False):
        if row.ci_low > row.rest_ci_high:
            side = "more"
        elif row.ci_high < row.rest_ci_low:
            side = "less"
        else:
            continue
        what = (
            f"of its words to the topic '{row.item}'"
            if row.measure == TOPIC_SHARE
            else f"of attributed words to {row.item}-affiliated speakers"
        )
        unit = "words" if row.measure == TOPIC_SHARE else "attributed words"
        rest = f"{row.rest_estimate:.0%} [CI {row.rest_ci_low * 100:.0f}–{row.rest_ci_high:.0%}]"
        out.append(
            f"{row.outlet} gives {_share_ci(row)} {what} (n = {row.n} {unit}), {side} than the "
            f"other outlets together: {rest} (n = {row.rest_n})."
        )
    return out
