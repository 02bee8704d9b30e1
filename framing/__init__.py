"""framing: source-bias and framing analysis of news articles."""

__version__ = "0.1.0"
