"""The figure registry: every figure in ``figures/``, written reproducibly.

``framing figures`` (and ``make report``) call :func:`write_figures`. Each entry names a
figure and the function that draws it from the scored tables. Files are written with the
Agg backend, fixed size and dpi, no timestamps or software tags, and a fixed SVG hash salt,
so writing twice gives identical bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from . import plots, topics  # noqa: E402
from .pipeline import Knowledge, Tables, load_knowledge  # noqa: E402

DPI = 120
FORMATS = ("png", "svg")
# Fixed style for files: independent of a user's matplotlibrc.
FILE_STYLE = {
    "svg.hashsalt": "framing",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": True,
}

# name -> function(tables, knowledge) -> Figure. Tables come from pipeline.score_corpus (the
# outlet-level tables included), so a figure never recomputes what the pipeline computed.
REGISTRY: dict[str, Callable[[Tables, Knowledge], matplotlib.figure.Figure]] = {
    "01_corpus_overview": lambda t, k: plots.corpus_overview(t.articles, t.removed),
    "02_voice_share": lambda t, k: plots.voice_share_bars(t.voice_share),
    "03_topic_share": lambda t, k: plots.topic_share_bars(
        t.topic_share, topics=topics.topics_in_order(k.codebook), labels=k.codebook.labels
    ),
    "03_topic_dots": lambda t, k: _most_varied_topic_dots(t, k),
    "04_sentiment_by_voice": lambda t, k: plots.sentiment_dots(t.outlet_sentiment),
    "04_sentiment_by_topic": lambda t, k: plots.sentiment_heatmap(t.topic_sentiment, "topic"),
    "04_sentiment_by_target": lambda t, k: plots.sentiment_heatmap(
        t.target_sentiment_by_outlet, "target"
    ),
    "05_distinctive_terms": lambda t, k: plots.distinctive_terms_plot(t.distinctive_terms),
    "05_similarity": lambda t, k: plots.similarity_heatmap(t.similarity.set_index("outlet")),
}


def _most_varied_topic_dots(tables: Tables, knowledge: Knowledge):
    """The topic whose share differs most between outlets, chosen from the data."""
    topic = topics.most_varied_topic(tables.topic_share)
    label = knowledge.codebook.labels.get(topic, topic)
    return plots.topic_share_dots(tables.topic_share, topic, label=label)


def save_figure(fig, path_stem: Path) -> list[Path]:
    """Save ``fig`` as PNG and SVG next to ``path_stem`` without volatile metadata."""
    written = []
    for fmt in FORMATS:
        path = path_stem.with_suffix(f".{fmt}")
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(path, format=fmt, dpi=DPI, metadata=metadata)
        written.append(path)
    return written


def write_figures(
    tables: Tables, out_dir: str | Path = "figures", knowledge: Knowledge | None = None
) -> list[Path]:
    """Draw every registered figure from ``tables`` and write it to ``out_dir``.

    ``knowledge`` (the codebook's labels and order) defaults to the packaged files.
    """
    knowledge = load_knowledge() if knowledge is None else knowledge
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context(FILE_STYLE):
        for name, draw in REGISTRY.items():
            fig = draw(tables, knowledge)
            try:
                written.extend(save_figure(fig, out_dir / name))
            finally:
                plt.close(fig)
    return written
