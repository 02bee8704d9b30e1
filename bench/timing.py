"""The one timer of the bench scripts: best wall-clock time of a few calls.

Imported by the scripts beside it (``python bench/bench_x.py`` puts this folder on sys.path).
"""

from __future__ import annotations

import time
from collections.abc import Callable

REPEATS = 3


def best_time(function: Callable[[], object], repeats: int = REPEATS) -> float:
    """Best wall-clock time (``time.perf_counter``) of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)
