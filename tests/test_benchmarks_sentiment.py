"""Sentiment on the public benchmarks in ../shared/benchmarks (skipped when the folder is absent).

* NYT editorials: the library's sentence compound must keep VADER's Pearson r with the human
  ratings (within 0.02 of a plain re-run, computed here independently of the library).
* NewsMTSC devtest-rw: the library's target method must beat plain sentence VADER on 3-class
  macro-F1 toward the annotated person.
"""

from __future__ import annotations

import numpy as np
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.validate import sentiment as V

BENCHMARKS = V.BENCHMARKS

needs_benchmarks = pytest.mark.skipif(
    not (BENCHMARKS / V.NYT_DIR).is_dir() or not (BENCHMARKS / V.NEWSMTSC_DIR).is_dir(),
    reason="public benchmarks not found: ../shared/benchmarks/{vader_nyt_editorials,newsmtsc_rw} "
    "next to the repository (not part of a researcher's clone)",
)


@pytest.fixture(scope="module")
def nyt_scores():
    return V.nyt_editorial_scores().set_index(["method", "metric"])["value"]


@pytest.fixture(scope="module")
def newsmtsc_scores():
    return V.newsmtsc_scores().set_index(["subset", "method", "metric"])["value"]


@needs_benchmarks
def test_nyt_data_as_documented():
    data = V.load_nyt_editorials()
    assert len(data) == 5190
    assert data["doc_id"].nunique() == 498


@needs_benchmarks
def test_nyt_library_r_matches_a_plain_vader_rerun(nyt_scores):
    data = V.load_nyt_editorials()
    plain = SentimentIntensityAnalyzer()
    compound = np.array([plain.polarity_scores(t)["compound"] for t in data["text"]])
    plain_r = float(np.corrcoef(compound, data["mean_rating"].to_numpy(dtype=float))[0, 1])
    library_r = nyt_scores[(V.LIBRARY_SENTENCE, "pearson_r")]
    assert abs(library_r - plain_r) <= 0.02, (library_r, plain_r)
    # The README's reproduction (0.503) and the paper's (0.492).
    assert library_r == pytest.approx(0.503, abs=0.01)


@needs_benchmarks
def test_nyt_three_class_scores_match_the_readme(nyt_scores):
    assert nyt_scores[(V.LIBRARY_SENTENCE, "macro_f1")] == pytest.approx(0.525, abs=0.01)
    assert nyt_scores[(V.LIBRARY_SENTENCE, "accuracy")] == pytest.approx(0.533, abs=0.01)


@needs_benchmarks
def test_newsmtsc_data_as_documented():
    data = V.load_newsmtsc()
    assert len(data) == 1146
    assert data["item_id"].nunique() == 1067
    assert data["gold"].value_counts().to_dict() == {"neu": 455, "neg": 429, "pos": 262}
    for text, start, end, mention in zip(
        data["text"], data["start"], data["end"], data["mention"], strict=True
    ):
        assert text[start:end] == mention


@needs_benchmarks
def test_newsmtsc_baseline_matches_the_readme(newsmtsc_scores):
    assert newsmtsc_scores[("all", V.PLAIN_VADER, "macro_f1")] == pytest.approx(0.512, abs=0.005)
    assert newsmtsc_scores[("single_target", V.PLAIN_VADER, "macro_f1")] == pytest.approx(
        0.517, abs=0.005
    )


@needs_benchmarks
@pytest.mark.parametrize("subset", ["all", "single_target", "allsides", "polusa"])
def test_newsmtsc_target_method_beats_sentence_vader(newsmtsc_scores, subset):
    target = newsmtsc_scores[(subset, V.LIBRARY_TARGET, "macro_f1")]
    baseline = newsmtsc_scores[(subset, V.PLAIN_VADER, "macro_f1")]
    assert target > baseline, (subset, target, baseline)


def test_summary_skips_cleanly_without_the_folder(tmp_path):
    out = V.sentiment_benchmarks(root=tmp_path)
    assert out["status"].str.startswith("skipped").all()
    assert set(out["benchmark"]) == {V.NYT_DIR, V.NEWSMTSC_DIR}
    assert str(tmp_path) not in " ".join(out["status"])
