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

from . import clean, corpus, segment

# Tables in the order they are written and summarised.
TABLE_ORDER = ("articles", "removed", "sentences")
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


def score_articles(articles: pd.DataFrame, *, furniture: str | Path | None = None) -> Tables:
    """Run every per-article stage on an ``articles`` table.

    Returns :class:`Tables` with ``articles`` (body and metadata added), ``removed`` and
    ``sentences`` (with ``line_no``: the raw line each sentence came from).
    """
    rules = clean.load_furniture_rules(furniture)
    lines = clean.classify_lines(articles, rules)
    cleaned = clean.articles_from_lines(articles, lines)
    removed = clean.removed_lines(lines)
    sentences = segment.segment(cleaned)
    sentences = _with_line_numbers(sentences, lines)
    public_articles = cleaned.drop(columns=["raw_text"])
    return Tables(
        {
            "articles": public_articles,
            "removed": removed,
            "sentences": sentences,
            "_bodies": cleaned[["article_id", "status", "body"]],
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
    progress: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Tables:
    """Load the corpus at ``path`` and score it (see :func:`score_articles`).

    Articles are scored in chunks of ``chunk_size`` (each chunk gives the same rows it would
    give inside the whole corpus); ``progress=True`` shows a progress bar over articles.
    """
    articles = corpus.load_corpus(path)
    if len(articles) <= chunk_size:
        return score_articles(articles, furniture=furniture)
    from tqdm.auto import tqdm

    parts = []
    with tqdm(total=len(articles), unit="article", disable=not progress) as bar:
        for start in range(0, len(articles), chunk_size):
            chunk = articles.iloc[start : start + chunk_size]
            parts.append(score_articles(chunk, furniture=furniture))
            bar.update(len(chunk))
    return concat_tables(parts)


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
