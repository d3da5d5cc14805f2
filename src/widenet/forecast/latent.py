"""The latent interview score: skill + practice(n) + noise > bar, and its pass probabilities.

Everything is measured in standard deviations of one interview's score (the noise σ), so a
stage is described by one number, its *base z*: (skill − bar) / σ, the z-score of the person's
first real interview of the kind. After n earlier real interviews of the kind she has gained
practice(n) = G·(1 − rⁿ), G = first_gain / (1 − r): the gain from the first to the second
interview is first_gain, each later gain r times the previous one (a concave curve that levels
off at G), and the interview passes with probability Φ(base z + practice(n)).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

_STANDARD = NormalDist()

# Abramowitz & Stegun 7.1.26: erf to within 1.5e-7, cheap enough for millions of values.
_P = 0.3275911
_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


@dataclass(frozen=True)
class Practice:
    """The practice curve; ``first_gain`` = 0 switches practice off."""

    first_gain: float
    decay: float

    @property
    def total(self) -> float:
        return self.first_gain / (1.0 - self.decay)

    def gain(self, n: int) -> float:
        """Practice gained, in SD, by a candidate with ``n`` earlier real interviews of a kind."""
        return self.total * (1.0 - self.decay**n)

    def saturation(self, *, limit: int) -> int:
        """The first level within 1e-7 SD of the full gain (at most ``limit``): more practice
        changes a pass probability by less than float32 resolution."""
        level = 0
        while level < limit and self.total - self.gain(level) >= 1e-7:
            level += 1
        return level

    def table(self, size: int) -> NDArray[np.float32]:
        """gain(0), gain(1), … gain(size − 1) for the vectorised simulation."""
        return np.array([self.gain(n) for n in range(size)], dtype=np.float32)


NO_PRACTICE = Practice(first_gain=0.0, decay=0.0)


def normal_cdf(z: float) -> float:
    return _STANDARD.cdf(z)


def normal_quantile(p: float) -> float:
    return _STANDARD.inv_cdf(p)


def normal_cdf_array(z: NDArray[np.float32]) -> NDArray[np.float32]:
    """Φ(z) elementwise, in float32, to within about 2e-7 (fast enough for millions)."""
    one = np.float32(1.0)
    x = np.abs(z) * np.float32(1 / math.sqrt(2))
    t = one / (one + np.float32(_P) * x)
    poly = np.float32(_A[4]) * t
    for coefficient in reversed(_A[:4]):
        poly = (poly + np.float32(coefficient)) * t
    half = np.float32(0.5)
    tail = half * poly * np.exp(-x * x)  # 1 − Φ(|z|)
    # Φ(z) = ½ ± (½ − tail); copysign is much faster than a masked choice.
    result: NDArray[np.float32] = np.copysign(half - tail, z) + half
    return result


def pass_probability(base_z: float, earlier: int, practice: Practice) -> float:
    """P(pass) of an interview after ``earlier`` real interviews of the same kind."""
    return normal_cdf(base_z + practice.gain(earlier))


def base_z(skill: float, bar: float, noise_sd: float) -> float:
    return (skill - bar) / noise_sd


def mean_pass(base: float, levels: Sequence[int], practice: Practice) -> float:
    """Average pass probability over interviews taken at the given practice levels."""
    counts = Counter(practice.gain(n) for n in levels)
    total = sum(count * normal_cdf(base + gain) for gain, count in counts.items())
    return total / len(levels)


@dataclass(frozen=True)
class Inverter:
    """Maps a pass rate observed at given practice levels back to the base z-score.

    The mean pass rate is increasing in the base z, so it is tabulated once on a grid and
    inverted by interpolation (vectorised over runs).
    """

    rates: NDArray[np.float64]
    zs: NDArray[np.float64]

    @classmethod
    def build(cls, levels: Sequence[int], practice: Practice) -> Inverter:
        return _inverter(tuple(sorted(Counter(practice.gain(n) for n in levels).items())))

    def __call__(self, rates: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.interp(rates, self.rates, self.zs)

    def one(self, rate: float) -> float:
        return float(np.interp(rate, self.rates, self.zs))


@cache
def _inverter(gains: tuple[tuple[float, int], ...]) -> Inverter:
    """The table for interviews at the given practice gains (gain → how many interviews)."""
    zs = np.linspace(-8.0, 8.0, 1601)
    total = sum(count for _, count in gains)
    rates = np.array(
        [sum(count * normal_cdf(float(z) + gain) for gain, count in gains) / total for z in zs]
    )
    return Inverter(rates=rates, zs=zs)
