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
    """Φ(z) elementwise, in float32, to within about 2e-7 (fast enough for millions).

    Computed in place, in as few passes over memory as the formula allows."""
    x = np.empty(np.shape(z), dtype=np.float32)
    np.abs(z, out=x)
    x *= np.float32(1 / math.sqrt(2))
    t = x * np.float32(_P)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(_A[4])
    for coefficient in reversed(_A[:4]):
        poly += np.float32(coefficient)
        poly *= t
    np.square(x, out=x)
    np.negative(x, out=x)
    np.exp(x, out=x)
    poly *= x
    # 1 − Φ(|z|) = poly·exp(−x²)/2, and Φ(z) = ½ ± (½ − that): copysign is much faster than a
    # masked choice.
    poly *= np.float32(-0.5)
    poly += np.float32(0.5)
    np.copysign(poly, z, out=poly)
    poly += np.float32(0.5)
    return poly


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

    The mean pass rate is increasing in the base z, so it is tabulated once on a grid of z
    and inverted by interpolation. For speed (a rate per simulated search) the inverse is
    tabulated again on a uniform grid of logit(rate), where looking a rate up is arithmetic
    instead of a search; the two interpolations differ by under 1e-4 in z (the grid's own
    interpolation error), 1e-5 in pass probability.
    """

    rates: NDArray[np.float64]
    zs: NDArray[np.float64]
    logit_start: float
    logit_step: float
    by_logit: NDArray[np.float64]  # z at logit_start + i·logit_step

    @classmethod
    def build(cls, levels: Sequence[int], practice: Practice) -> Inverter:
        return _inverter(tuple(sorted(Counter(practice.gain(n) for n in levels).items())))

    def __call__(self, rates: NDArray[np.float64]) -> NDArray[np.float64]:
        r = np.asarray(rates, dtype=np.float64)
        with np.errstate(divide="ignore"):
            position = (np.log(r) - np.log1p(-r) - self.logit_start) / self.logit_step
        last = len(self.by_logit) - 1
        np.clip(position, 0, last, out=position)
        index = np.minimum(position.astype(np.intp), last - 1)
        low = self.by_logit[index]
        result: NDArray[np.float64] = low + (position - index) * (self.by_logit[index + 1] - low)
        return result

    def one(self, rate: float) -> float:
        return float(self(np.array([rate]))[0])


@cache
def _inverter(gains: tuple[tuple[float, int], ...]) -> Inverter:
    """The table for interviews at the given practice gains (gain → how many interviews)."""
    zs = np.linspace(-8.0, 8.0, 1601)
    total = sum(count for _, count in gains)
    rates = np.array(
        [sum(count * normal_cdf(float(z) + gain) for gain, count in gains) / total for z in zs]
    )
    # The same function on a uniform grid of logit(rate), over the range the rates span.
    inside = np.clip(rates, 1e-300, 1 - 1e-16)
    logits = np.log(inside) - np.log1p(-inside)
    grid = np.linspace(logits[0], logits[-1], _LOGIT_POINTS)
    return Inverter(
        rates=rates,
        zs=zs,
        logit_start=float(grid[0]),
        logit_step=float(grid[1] - grid[0]),
        by_logit=np.interp(grid, logits, zs),
    )


_LOGIT_POINTS = 16_385
