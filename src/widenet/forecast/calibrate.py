"""Calibration: the person's own outcomes update the priors, one Beta–Binomial per stage kind.

For a stage without an interview the Beta is on its pass probability. For an interview stage it
is on the pass rate of the interviews the person has had of that kind (taken at practice levels
0, 1, … m − 1); each sampled rate is turned back into the stage's base z-score (the bar,
through the latent model), so practice keeps working on top of the calibrated bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from widenet.forecast import priors
from widenet.forecast.latent import (
    NO_PRACTICE,
    Inverter,
    Practice,
    base_z,
    mean_pass,
    normal_cdf,
)
from widenet.forecast.params import ForecastParams
from widenet.forecast.search import History, StageRecord
from widenet.track.stages import Stage

Judge = Literal["fixed", "screen", "interview"]


@dataclass(frozen=True)
class Rate:
    """A probability: Beta(a, b), or exactly ``mean`` when ``a`` is None."""

    mean: float
    a: float | None = None
    b: float | None = None

    @classmethod
    def beta(cls, mean: float, strength: float) -> Rate:
        if not 0.0 < mean < 1.0:
            return cls(mean)
        return cls(mean, a=mean * strength, b=(1.0 - mean) * strength)

    def updated(self, successes: int, failures: int) -> Rate:
        if self.a is None or self.b is None:
            return self
        a, b = self.a + successes, self.b + failures
        return Rate(a / (a + b), a, b)

    def sample(self, rng: np.random.Generator, runs: int) -> NDArray[np.float64]:
        if self.a is None or self.b is None:
            return np.full(runs, self.mean)
        return rng.beta(self.a, self.b, size=runs)


@dataclass(frozen=True)
class StageBelief:
    """What the model believes about one stage kind, before or after the person's outcomes."""

    stage: Stage
    judge: Judge
    ghost: Rate
    passing: Rate  # screens and fixed stages: P(pass); interviews: mean rate over `levels`
    levels: tuple[int, ...] = ()  # interviews: the practice levels `passing` refers to
    next_level: int = 0  # interviews: practice level of the person's next interview
    practice: Practice = NO_PRACTICE

    def inverter(self) -> Inverter:
        return Inverter.build(self.levels or (0,), self.practice)

    def sample_level(
        self, rng: np.random.Generator, runs: int, inverter: Inverter | None = None
    ) -> NDArray[np.float64]:
        """One value per run: P(pass) for screens, the base z-score for interviews."""
        rates = self.passing.sample(rng, runs)
        if self.judge != "interview":
            return rates
        return (inverter or self.inverter())(rates)

    def next_pass(self) -> Spread:
        """P(pass) at the person's next step of this kind: mean and 90% interval."""
        if self.judge != "interview":
            return spread(self.passing)
        inverter = self.inverter()
        gain = self.practice.gain(self.next_level)
        return spread(self.passing, lambda p: _phi(inverter(p) + gain))

    def bar(self, skill: float, noise_sd: float) -> float | None:
        """The bar implied by the mean pass rate (interview stages only)."""
        if self.judge != "interview":
            return None
        return skill - noise_sd * self.inverter().one(self.passing.mean)


@dataclass(frozen=True)
class Spread:
    """A probability's mean and its 5th and 95th percentiles."""

    mean: float
    low: float
    high: float


def spread(
    rate: Rate,
    transform: Callable[[NDArray[np.float64]], NDArray[np.float64]] | None = None,
) -> Spread:
    """Mean and 90% interval of ``transform(p)`` for p ~ ``rate`` (a monotone transform)."""
    apply = transform or (lambda p: p)
    if rate.a is None or rate.b is None:
        value = float(apply(np.array([rate.mean]))[0])
        return Spread(value, value, value)
    # A uniform grid on the logit scale: the density there, ∝ p^a (1 − p)^b, stays finite even
    # when a or b is below 1 (a no-answer rate with a small prior mean).
    logits = np.linspace(-40.0, 40.0, _GRID)
    grid = 1.0 / (1.0 + np.exp(-logits))
    log_density = -rate.a * np.logaddexp(0, -logits) - rate.b * np.logaddexp(0, logits)
    weights = np.exp(log_density - log_density.max())
    weights /= weights.sum()
    values = apply(grid)
    cumulative = np.cumsum(weights)
    low, high = np.searchsorted(cumulative, [0.05, 0.95])
    return Spread(
        float(weights @ values),
        float(values[min(low, _GRID - 1)]),
        float(values[min(high, _GRID - 1)]),
    )


_GRID = 4000


def _phi(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.array([normal_cdf(float(x)) for x in z])


@dataclass(frozen=True)
class Beliefs:
    prior: dict[Stage, StageBelief]
    posterior: dict[Stage, StageBelief]
    observed: dict[Stage, StageRecord]


def practice_of(params: ForecastParams) -> Practice:
    if not params.practice.enabled:
        return NO_PRACTICE
    return Practice(params.practice.first_gain_sd, params.practice.decay)


def beliefs(params: ForecastParams, history: History) -> Beliefs:
    """Prior and posterior beliefs for every stage kind."""
    prior, posterior, observed = {}, {}, {}
    for stage in priors.STAGES:
        record = history.at(stage)
        before = _prior(params, stage, record)
        prior[stage] = before
        posterior[stage] = _update(before, record) if params.calibration.enabled else before
        observed[stage] = record
    return Beliefs(prior, posterior, observed)


def _prior(params: ForecastParams, stage: Stage, record: StageRecord) -> StageBelief:
    settings = params.stage(stage)
    strength = params.calibration.prior_strength if params.calibration.enabled else math.inf
    ghost = 0.0 if not params.ghosting.enabled else _pick(settings.ghost, priors.GHOST[stage])
    ghost_rate = Rate.beta(ghost, strength) if math.isfinite(strength) else Rate(ghost)
    if settings.pass_probability is not None:
        return StageBelief(stage, "fixed", ghost_rate, Rate(settings.pass_probability))
    if stage not in priors.INTERVIEW_STAGES:
        mean = _pick(settings.prior_pass, priors.PRIOR_PASS.get(stage, 0.95))
        rate = Rate.beta(mean, strength) if math.isfinite(strength) else Rate(mean)
        return StageBelief(stage, "screen", ghost_rate, rate)
    practice = practice_of(params)
    bar = _pick(settings.bar, priors.BAR)
    z = base_z(params.candidate.skill, bar, params.candidate.noise_sd)
    done = max(record.interviews, record.decided)
    levels = tuple(range(record.decided)) if record.decided else (done,)
    mean = mean_pass(z, levels, practice)
    rate = Rate.beta(mean, strength) if math.isfinite(strength) else Rate(mean)
    return StageBelief(stage, "interview", ghost_rate, rate, levels, done, practice)


def _update(belief: StageBelief, record: StageRecord) -> StageBelief:
    ghost = belief.ghost.updated(record.ghosted, record.decided)
    passing = belief.passing
    if belief.judge != "fixed":
        passing = passing.updated(record.passed, record.rejected)
    return StageBelief(
        belief.stage,
        belief.judge,
        ghost,
        passing,
        belief.levels,
        belief.next_level,
        belief.practice,
    )


def _pick(value: float | None, default: float) -> float:
    return default if value is None else value
