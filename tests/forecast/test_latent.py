"""The latent interview score: normal CDF, the practice curve, pass probabilities."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widenet.forecast.latent import (
    Inverter,
    Practice,
    mean_pass,
    normal_cdf,
    normal_cdf_array,
    pass_probability,
)


def test_the_fast_normal_cdf_matches_the_exact_one() -> None:
    z = np.linspace(-9, 9, 20001, dtype=np.float32)
    exact = np.array([0.5 * math.erfc(-float(x) / math.sqrt(2)) for x in z])
    assert np.max(np.abs(normal_cdf_array(z) - exact)) < 3e-7


def test_the_practice_curve_gains_first_gain_then_less_and_less() -> None:
    practice = Practice(first_gain=0.3, decay=0.5)
    gains = [practice.gain(n) for n in range(8)]
    steps = np.diff(gains)
    assert gains[0] == 0
    assert steps[0] == pytest.approx(0.3)
    assert np.all(steps > 0)
    assert np.all(np.diff(steps) < 0)  # concave
    assert practice.gain(200) == pytest.approx(0.6)


@given(
    base=st.floats(-4, 4),
    first_gain=st.floats(0, 2),
    decay=st.floats(0, 0.99),
    earlier=st.integers(0, 60),
    more=st.integers(0, 60),
)
def test_more_practice_never_lowers_a_pass_probability(
    base: float, first_gain: float, decay: float, earlier: int, more: int
) -> None:
    practice = Practice(first_gain, decay)
    assert pass_probability(base, earlier + more, practice) >= pass_probability(
        base, earlier, practice
    )


@given(
    base=st.floats(-4, 4, width=32),
    first_gain=st.floats(0, 2),
    decay=st.floats(0, 0.99),
)
def test_the_simulations_practice_table_never_lowers_a_pass_probability(
    base: float, first_gain: float, decay: float
) -> None:
    table = Practice(first_gain, decay).table(80)
    chances = normal_cdf_array(np.float32(base) + table)
    assert np.all(np.diff(chances) >= 0)


@pytest.mark.parametrize("levels", [(0,), (3,), (0, 1, 2, 3, 4, 5), tuple(range(40))])
@pytest.mark.parametrize("rate", [0.05, 0.4, 0.8, 0.97])
def test_the_inverter_finds_the_base_z_of_an_observed_pass_rate(
    levels: tuple[int, ...], rate: float
) -> None:
    practice = Practice(0.3, 0.5)
    base = Inverter.build(levels, practice).one(rate)
    assert mean_pass(base, levels, practice) == pytest.approx(rate, abs=1e-4)


def test_pass_probability_is_the_latent_score_model() -> None:
    # skill 3, bar 2.5, noise 0.65: a practised "person averaging 3" fails about 22%.
    assert normal_cdf((3 - 2.5) / 0.65) == pytest.approx(0.78, abs=0.01)
    practice = Practice(0.3, 0.5)
    assert pass_probability(0.0, 1, practice) == pytest.approx(normal_cdf(0.3))
