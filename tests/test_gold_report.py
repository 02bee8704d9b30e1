"""The one-call gold report over every stage (framing.validate.gold_report)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.pipeline import score_corpus
from framing.validate import gold_report

from .conftest import GOLD, SEEDS


@pytest.fixture(scope="module")
def report():
    tables = score_corpus(SEEDS, compare_outlets_too=False)
    gold = {
        name: pd.read_csv(GOLD / f"{name}.csv", keep_default_na=False)
        for name in ("lines", "sentences", "quotes", "topics")
    }
    return gold_report(tables, gold)


def test_summary_has_every_stage_and_meets_its_targets(report):
    summary = report.summary
    print("\n" + summary.to_string())
    assert set(summary["stage"]) == {"cleaning", "sentences", "quotes", "topics"}
    with_target = summary[summary["target"].notna()]
    assert len(with_target) == 6
    assert with_target["met"].all(), with_target[~with_target["met"].astype(bool)]


def test_errors_are_listed(report):
    assert {"article_id", "line_no"} <= set(report.topic_errors.columns)
    assert len(report.topic_errors) == round(
        (1 - report.summary.set_index("measure").loc["accuracy", "value"]) * 116
    )
