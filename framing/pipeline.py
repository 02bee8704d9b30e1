"""The pipeline end to end: corpus → clean → segment → per-sentence measures → tables.

:func:`score_articles` is pure (DataFrame in, tables out) and works on any subset of
articles; :func:`score_corpus` adds the one file read. :func:`write_tables` writes each
table as ``DIR/<name>.csv`` (and ``.parquet`` when asked).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import clean, compare, corpus, quotes, segment, sentiment, topics

# Tables in the order they are written and summarised.
TABLE_ORDER = (
    "articles",
    "removed",
    "sentences",
    "quotes",
    "topic_scores",
    "sentiment",
    "target_sentiment",
)
# Articles per chunk when scoring a corpus from disk (bounded memory, progress updates).
CHUNK_SIZE = 200


@dataclass
class Tables:
    """The tables of one scored corpus, by name (see DESIGN.md's table contract)."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["frames"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.frames)

    def items(self):
        return self.frames.items()


@dataclass(frozen=True)
class Knowledge:
    """The data files the stages read, loaded once: furniture rules, actors, codebook, targets.

    Build it with :func:`load_knowledge`; pass the same object to every chunk.
    """

    furniture: tuple
    actors: pd.DataFrame
    codebook: topics.Codebook
    targets: dict


def load_knowledge(
    *,
    furniture: str | Path | None = None,
    actors: str | Path | None = None,
    codebook: str | Path | None = None,
    targets: str | Path | None = None,
) -> Knowledge:
    """Load every knowledge file (None: the packaged default) and check it.

    Raises :class:`KnowledgeError` naming the file and the entry when one is missing or
    malformed.
    """
    try:
        return Knowledge(
            furniture=clean.load_furniture_rules(furniture),
            actors=quotes.load_actors(actors),
            codebook=topics.load_codebook(codebook),
            targets=sentiment.load_targets(targets),
        )
    except (ValueError, OSError) as exc:
        raise KnowledgeError(_describe(exc)) from None


class KnowledgeError(ValueError):
    """A knowledge file (furniture, actors, codebook, targets) missing or malformed."""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def score_articles(articles: pd.DataFrame, knowledge: Knowledge | None = None) -> Tables:
    """Run every per-article stage on an ``articles`` table.

    Returns :class:`Tables` with ``articles`` (body and metadata added), ``removed``,
    ``sentences`` (with ``line_no``: the raw line each sentence came from), ``quotes``,
    ``topic_scores``, ``sentiment`` and ``target_sentiment``. Any subset of articles gives
    the same rows for those articles.
    """
    knowledge = load_knowledge() if knowledge is None else knowledge
    lines = clean.classify_lines(articles, knowledge.furniture)
    cleaned = clean.articles_from_lines(articles, lines)
    removed = clean.removed_lines(lines)
    sentences = _with_line_numbers(segment.segment(cleaned), lines)
    # Only each article's own country; names are shared across articles later, once for the
    # whole corpus (link_articles), so that any subset of articles gives the same rows here.
    statements = quotes.extract_quotes(
        sentences, actors=knowledge.actors, articles=cleaned[["article_id", "country"]]
    )
    return Tables(
        {
            "articles": cleaned.drop(columns=["raw_text"]),
            "removed": removed,
            "sentences": sentences,
            "quotes": statements,
            "topic_scores": topics.code_sentences(sentences, knowledge.codebook),
            "sentiment": sentiment.score_sentences(sentences, quotes=statements),
            "target_sentiment": sentiment.target_sentiment(
                sentences, targets=knowledge.targets, quotes=statements, actors=knowledge.actors
            ),
            "_bodies": cleaned[["article_id", "status", "body"]],
            "_lines": lines,
        }
    )


def _with_line_numbers(sentences: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Body paragraph k of an article is its k-th body line; record that raw line number."""
    body_lines = lines[lines["label"] == clean.BODY][["article_id", "line_no"]].copy()
    body_lines["para_id"] = body_lines.groupby("article_id").cumcount()
    out = sentences.merge(body_lines, on=["article_id", "para_id"], how="left")
    out["line_no"] = out["line_no"].astype("Int64")
    return out.sort_values(["article_id", "sent_id"], kind="stable").reset_index(drop=True)


def score_corpus(
    path: str | Path,
    *,
    furniture: str | Path | None = None,
    actors: str | Path | None = None,
    codebook: str | Path | None = None,
    targets: str | Path | None = None,
    knowledge: Knowledge | None = None,
    compare_outlets_too: bool = True,
    progress: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Tables:
    """Load the corpus at ``path``, score it, and compare its outlets.

    Knowledge files default to the packaged ones; an already loaded ``knowledge`` replaces
    the four file arguments. Articles are scored in chunks of
    ``chunk_size`` (each chunk gives the rows it would give inside the whole corpus), then
    linked (:func:`link_articles`);
    ``progress=True`` shows a progress bar over articles. The outlet-level tables of
    :func:`compare_outlets` are added unless ``compare_outlets_too`` is False.
    """
    if knowledge is None:
        knowledge = load_knowledge(
            furniture=furniture, actors=actors, codebook=codebook, targets=targets
        )
    articles = corpus.load_corpus(path)
    if len(articles) <= chunk_size:
        tables = score_articles(articles, knowledge)
    else:
        from tqdm.auto import tqdm

        parts = []
        with tqdm(total=len(articles), unit="article", disable=not progress) as bar:
            for start in range(0, len(articles), chunk_size):
                chunk = articles.iloc[start : start + chunk_size]
                parts.append(score_articles(chunk, knowledge))
                bar.update(len(chunk))
        tables = concat_tables(parts)
    tables = link_articles(tables, knowledge)
    return compare_outlets(tables, knowledge) if compare_outlets_too else tables


def link_articles(tables: Tables, knowledge: Knowledge | None = None) -> Tables:
    """Complete the speakers one article names only in part from the other articles of the
    corpus (:func:`framing.quotes.share_names`: "Nalwoga" is the "Miriam Nalwoga" another
    article names), and re-score target sentiment with them.

    Run once on a whole corpus, after its chunks are stacked: it is the one step that reads
    across articles, so a corpus gives the same tables whatever its chunk size.
    """
    knowledge = load_knowledge() if knowledge is None else knowledge
    linked = quotes.share_names(
        tables.quotes,
        tables.sentences,
        articles=tables.articles.filter(["article_id", "outlet", "country"]),
        actors=knowledge.actors,
    )
    if linked.equals(tables.quotes):
        return tables
    frames = dict(tables.frames)
    frames["quotes"] = linked
    frames["target_sentiment"] = sentiment.target_sentiment(
        tables.sentences, targets=knowledge.targets, quotes=linked, actors=knowledge.actors
    )
    return Tables(frames)


def compare_outlets(
    tables: Tables,
    knowledge: Knowledge | None = None,
    *,
    n_boot: int = 1000,
    random_state: int = 0,
) -> Tables:
    """The ``compare`` stage: outlet-level tables from the per-article ones.

    Adds ``topic_share``, ``voice_share``, ``outlet_sentiment``, ``topic_sentiment``,
    ``target_sentiment_by_outlet``, ``distinctive_terms``, ``shared_passages``,
    ``similarity``, ``profile_long`` (one row per outlet × measure × item), ``profile``
    (one row per outlet) and ``contrasts`` (each outlet against the others pooled) to a copy of
    ``tables``. Every interval is a seeded bootstrap.
    """
    knowledge = load_knowledge() if knowledge is None else knowledge
    t = dict(tables.frames)
    articles, sentences = t["articles"], t["sentences"]
    boot = {"n_boot": n_boot, "random_state": random_state}
    t["topic_share"] = topics.topic_share(t["topic_scores"], sentences, articles, **boot)
    t["voice_share"] = quotes.voice_share(t["quotes"], articles, **boot)
    t["outlet_sentiment"] = sentiment.outlet_sentiment(t["sentiment"], articles, **boot)
    t["topic_sentiment"] = sentiment.sentiment_by_topic(
        t["sentiment"], t["topic_scores"], articles,
        topics=topics.topics_in_order(knowledge.codebook), **boot,
    )  # fmt: skip
    t["target_sentiment_by_outlet"] = sentiment.outlet_target_sentiment(
        t["target_sentiment"], articles, **boot
    )
    several_outlets = articles.loc[articles["status"] == "ok", "outlet"].nunique() >= 2
    t["distinctive_terms"] = (
        compare.distinctive_terms(sentences, articles)
        if several_outlets
        else pd.DataFrame(columns=compare.TERM_COLUMNS)
    )
    t["shared_passages"] = compare.shared_passages(sentences, articles)
    t["similarity"] = compare.similarity_matrix(sentences, articles).reset_index()
    t["profile_long"] = compare.framing_profile(t, **boot)
    t["contrasts"] = compare.outlet_contrasts(t, **boot)
    t["profile"] = compare.profile_table(t["profile_long"])
    return Tables(t)


def concat_tables(parts: list[Tables]) -> Tables:
    """Stack the tables of several scored chunks into one :class:`Tables`."""
    names = list(parts[0].frames)
    return Tables({name: pd.concat([p[name] for p in parts], ignore_index=True) for name in names})


def write_tables(tables: Tables, out_dir: str | Path, *, parquet: bool = False) -> list[Path]:
    """Write every public table to ``out_dir/<name>.csv`` (and ``.parquet``); return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        if name.startswith("_"):
            continue
        path = out_dir / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
        if parquet:
            frame.to_parquet(out_dir / f"{name}.parquet", index=False)
            written.append(out_dir / f"{name}.parquet")
    return written
