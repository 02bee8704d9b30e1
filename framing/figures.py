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

from . import plots  # noqa: E402
from .pipeline import Tables  # noqa: E402

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

# name -> function(tables) -> Figure
REGISTRY: dict[str, Callable[[Tables], matplotlib.figure.Figure]] = {
    "01_corpus_overview": lambda t: plots.corpus_overview(t.articles, t.removed),
}


def save_figure(fig, path_stem: Path) -> list[Path]:
    """Save ``fig`` as PNG and SVG next to ``path_stem`` without volatile metadata."""
    written = []
    for fmt in FORMATS:
        path = path_stem.with_suffix(f".{fmt}")
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(path, format=fmt, dpi=DPI, metadata=metadata)
        written.append(path)
    return written


def write_figures(tables: Tables, out_dir: str | Path = "figures") -> list[Path]:
    """Draw every registered figure from ``tables`` and write it to ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context(FILE_STYLE):
        for name, draw in REGISTRY.items():
            fig = draw(tables)
            try:
                written.extend(save_figure(fig, out_dir / name))
            finally:
                plt.close(fig)
    return written
