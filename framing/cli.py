"""Command line: ``framing score CORPUS --out DIR`` and ``framing figures``.

Errors a user can fix (missing corpus, malformed data file) print one line naming the file
and exit with status 2; articles that can't be scored are listed, and the rest are scored.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .corpus import CorpusError
from .pipeline import KnowledgeError

DEFAULT_CORPUS = "seeds"
DEFAULT_FIGURES = "figures"
USER_ERRORS = (CorpusError, KnowledgeError)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Source-bias and framing analysis of news articles.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score a corpus and write its tables as CSV")
    score.add_argument(
        "corpus", help="folder of .txt files (+ manifest.csv) or a .csv/.jsonl/.parquet table"
    )
    score.add_argument("--out", required=True, help="folder for the output tables")
    score.add_argument("--parquet", action="store_true", help="also write Parquet files")
    _add_knowledge_options(score)

    figures = sub.add_parser("figures", help="regenerate every figure from a corpus")
    figures.add_argument("--corpus", default=DEFAULT_CORPUS, help="default: %(default)s")
    figures.add_argument("--out", default=DEFAULT_FIGURES, help="default: %(default)s")
    _add_knowledge_options(figures)
    return parser


def _add_knowledge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--furniture", help="furniture rules YAML (default: packaged)")
    parser.add_argument("--actors", help="actor registry YAML (default: packaged actors.yaml)")
    parser.add_argument(
        "--codebook",
        help="codebook YAML, or 'policy_frames' for the generic Policy Frames Codebook "
        "(default: the packaged event codebook)",
    )
    parser.add_argument("--targets", help="sentiment targets YAML (default: packaged)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def _knowledge(args) -> dict:
    return {
        "furniture": args.furniture,
        "actors": args.actors,
        "codebook": args.codebook,
        "targets": args.targets,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "score":
            return _score(args)
        return _figures(args)
    except USER_ERRORS as exc:
        print(f"framing: error: {_one_line(exc)}", file=sys.stderr)
        return 2


def _score(args) -> int:
    from .pipeline import score_corpus, write_tables

    tables = score_corpus(args.corpus, progress=not args.quiet, **_knowledge(args))
    paths = write_tables(tables, args.out, parquet=args.parquet)
    for path in paths:
        if path.suffix == ".csv":
            print(_summary(path.stem, tables[path.stem], path))
    _report_unscored(tables.articles)
    return 0


def _figures(args) -> int:
    from .figures import write_figures
    from .pipeline import load_knowledge, score_corpus

    knowledge = load_knowledge(**_knowledge(args))
    tables = score_corpus(args.corpus, knowledge=knowledge, progress=not args.quiet)
    paths = write_figures(tables, args.out, knowledge)
    print(f"figures: wrote {len(paths)} files to {Path(args.out)}")
    _report_unscored(tables.articles)
    return 0


def _summary(name: str, frame, path: Path) -> str:
    line = f"{name}: {len(frame)} rows -> {path}"
    if name == "articles" and "status" in frame:
        counts = frame["status"].value_counts()
        parts = [f"{counts.get(s, 0)} {s}" for s in ("ok", "skipped", "error")]
        line += f" ({', '.join(parts)})"
    elif "article_id" in frame and len(frame):
        line += f" from {frame['article_id'].nunique()} articles"
    return line


def _report_unscored(articles) -> None:
    unscored = articles[articles["status"] != "ok"]
    for status, reason in unscored[["status", "reason"]].itertuples(index=False):
        print(f"  {status}: {reason}")


def _one_line(exc: BaseException) -> str:
    text = (
        str(exc)
        if not isinstance(exc, OSError) or not exc.filename
        else (f"{exc.filename}: {exc.strerror}")
    )
    return " ".join(text.split())
