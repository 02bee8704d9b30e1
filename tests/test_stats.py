"""framing.stats: the one bootstrap core behind every interval."""

from __future__ import annotations

import numpy as np
import pytest

from framing.stats import bootstrap_ratio, seeded_rng


def test_constant_ratio_has_zero_width():
    words = np.array([10.0, 20.0, 30.0])
    low, high = bootstrap_ratio(words * 0.25, words, n_boot=200, rng=seeded_rng(0))
    assert low == pytest.approx([0.25]) and high == pytest.approx([0.25])


def test_interval_brackets_the_estimate_and_narrows_with_more_units():
    rng = np.random.default_rng(1)
    in_group = rng.random(40) < 0.3
    words = rng.integers(5, 30, 40).astype(float)
    numerators = np.column_stack([words * in_group, words * ~in_group])
    estimate = numerators.sum(0) / words.sum()
    low, high = bootstrap_ratio(numerators, words, n_boot=500, rng=seeded_rng(0))
    assert (low <= estimate).all() and (estimate <= high).all()
    big_low, big_high = bootstrap_ratio(
        np.tile(numerators, (25, 1)), np.tile(words, 25), n_boot=500, rng=seeded_rng(0)
    )
    assert ((big_high - big_low) < (high - low)).all()


def test_same_seed_same_interval_and_keys_change_it():
    words = np.arange(1.0, 11.0)
    values = words * np.linspace(-1, 1, 10)
    first = bootstrap_ratio(values, words, rng=seeded_rng(0, "A"))
    again = bootstrap_ratio(values, words, rng=seeded_rng(0, "A"))
    other = bootstrap_ratio(values, words, rng=seeded_rng(0, "B"))
    assert np.array_equal(first, again) and not np.array_equal(first, other)


@pytest.mark.parametrize("n_boot", [0, 100])
def test_no_units_or_no_resamples_give_nan(n_boot):
    low, high = bootstrap_ratio(np.empty((0, 2)), np.empty(0), n_boot=n_boot, rng=seeded_rng(0))
    assert np.isnan(low).all() and np.isnan(high).all() and low.shape == (2,)


def test_zero_denominators_give_nan_not_a_warning():
    with np.errstate(all="raise"):
        low, high = bootstrap_ratio([0.0, 0.0], [0.0, 0.0], n_boot=50, rng=seeded_rng(0))
    assert np.isnan(low).all() and np.isnan(high).all()
