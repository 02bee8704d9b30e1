"""Scoring the library against hand-annotated gold (``tests/gold/``) and public benchmarks.

Every function takes gold and predicted tables and returns a small tidy DataFrame of
precision / recall / F1 (or alpha, r) with the counts they rest on, and where useful an
errors table listing what the library got wrong. One module per stage.
"""

from .lines import LINE_SCORE_COLUMNS, body_line_errors, body_line_scores
from .sentences import SENTENCE_SCORE_COLUMNS, sentence_boundary_scores

__all__ = [
    "LINE_SCORE_COLUMNS",
    "SENTENCE_SCORE_COLUMNS",
    "body_line_errors",
    "body_line_scores",
    "sentence_boundary_scores",
]
