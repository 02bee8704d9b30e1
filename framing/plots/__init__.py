"""Drawing functions: tidy tables in, a matplotlib Figure out.

Nothing here saves files or changes global rcParams; :mod:`framing.figures` writes files.
One module per measure; all share :func:`palette.outlet_colors`.
"""

from .compare import distinctive_terms_plot, similarity_heatmap
from .corpus import corpus_overview
from .palette import OKABE_ITO, category_colors, outlet_colors
from .quotes import voice_share_bars
from .sentiment import sentiment_dots, sentiment_heatmap
from .topics import topic_share_bars, topic_share_dots

__all__ = [
    "OKABE_ITO",
    "category_colors",
    "corpus_overview",
    "distinctive_terms_plot",
    "outlet_colors",
    "sentiment_dots",
    "sentiment_heatmap",
    "similarity_heatmap",
    "topic_share_bars",
    "topic_share_dots",
    "voice_share_bars",
]
