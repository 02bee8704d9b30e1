"""Scoring the library against hand-annotated gold (``tests/gold/``) and public benchmarks.

Every function takes gold and predicted tables and returns a small tidy DataFrame of
precision / recall / F1 (or alpha, r) with the counts they rest on, and where useful an
errors table listing what the library got wrong. One module per stage;
:func:`gold_report` runs them all. Benchmark scorers (``framing.validate.sentiment``) are
imported from their module.
"""

from .lines import LINE_SCORE_COLUMNS, body_line_errors, body_line_scores
from .quotes import QuoteScores, quote_scores
from .report import GoldReport, gold_report, read_gold
from .sentences import SENTENCE_SCORE_COLUMNS, sentence_boundary_scores
from .topics import nominal_alpha, topic_agreement, topic_comparison, topic_errors

__all__ = [
    "LINE_SCORE_COLUMNS",
    "SENTENCE_SCORE_COLUMNS",
    "GoldReport",
    "QuoteScores",
    "body_line_errors",
    "body_line_scores",
    "gold_report",
    "nominal_alpha",
    "quote_scores",
    "read_gold",
    "sentence_boundary_scores",
    "topic_agreement",
    "topic_comparison",
    "topic_errors",
]
