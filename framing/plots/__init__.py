"""Drawing functions: tidy tables in, a matplotlib Figure out.

Nothing here saves files or changes global rcParams; :mod:`framing.figures` writes files.
One module per measure; all share :func:`palette.outlet_colors`.
"""

from .corpus import corpus_overview
from .palette import OKABE_ITO, outlet_colors

__all__ = ["OKABE_ITO", "corpus_overview", "outlet_colors"]
