"""Calibration: the person's own outcomes update the priors, one belief per stage kind and rate.

For a stage without an interview the Beta is on its pass probability. For an interview stage it
is on the pass rate of the interviews the person has had of that kind (taken at practice levels
0, 1, … m − 1); each sampled rate is turned back into the stage's base z-score (the bar,
through the latent model), so practice keeps working on top of the calibrated bar.

The no-answer rate also learns from the processes still waiting for an answer (censored
observations): one silent for t days is explained by "no answer ever" (probability g) or by an
answer slower than t (probability (1 − g)·S(t), S the chance a wait lasts beyond t), so its
likelihood is g + (1 − g)·S(t). The posterior — a Beta prior times those factors — is no longer
a Beta; it is computed exactly on a grid. The withdrawal rate is a Beta updated with the
person's own withdrawals once she had begun eliminating (docs/forecast.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
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
from widenet.forecast.search import Departure, History, StageRecord, Waiting
from widenet.track.stages import Stage

Judge = Literal["fixed", "screen", "interview"]


@dataclass(frozen=True)
class Rate:
    """A probability: exactly ``mean`` when ``a`` is None; else Beta(a, b) times, for each
    process still waiting (``waiting`` holds its S, the chance an answer takes that long),
    the factor p + (1 − p)·S — the likelihood of "no answer yet" when p is the chance of no
    answer ever."""

    mean: float
    a: float | None = None
    b: float | None = None
    waiting: tuple[float, ...] = ()

    @classmethod
    def beta(cls, mean: float, strength: float) -> Rate:
        if not 0.0 < mean < 1.0:
            return cls(mean)
        return cls(mean, a=mean * strength, b=(1.0 - mean) * strength)

    def updated(self, successes: float, failures: float) -> Rate:
        if self.a is None or self.b is None:
            return self
        return _rate(self.a + successes, self.b + failures, self.waiting)

    def censored(self, survivals: Iterable[float]) -> Rate:
        """The rate given processes still without an answer (S: each one's chance that an
        answer would take as long as it has waited); an S of 1 says nothing."""
        extra = tuple(float(s) for s in survivals if s < 1.0)
        if self.a is None or self.b is None or not extra:
            return self
        return _rate(self.a, self.b, tuple(sorted(self.waiting + extra)))

    @classmethod
    def learnable_zero(cls, strength: float) -> Rate:
        """Exactly 0 until something is seen: the Beta limit with no successes among the
        prior's ``strength`` outcomes, Beta(0 + s, strength + f) after s successes."""
        return cls(0.0, a=0.0, b=strength)

    def sample(self, rng: np.random.Generator, runs: int) -> NDArray[np.float64]:
        if self.a is None or self.b is None or self.a == 0:
            return np.full(runs, self.mean)
        if not self.waiting:
            return rng.beta(self.a, self.b, size=runs)
        return _grid(self.a, self.b, self.waiting).sample(rng, runs)


def _rate(a: float, b: float, waiting: tuple[float, ...]) -> Rate:
    mean = a / (a + b) if not waiting else _grid(a, b, waiting).mean
    return Rate(mean, a, b, waiting)


@dataclass(frozen=True)
class _Grid:
    """A rate's density on a uniform grid of logit(p), as cells of equal width: exact up to
    the grid's resolution (0.02 in logit), enough for a probability's mean and percentiles."""

    logits: NDArray[np.float64]
    weights: NDArray[np.float64]  # sum to 1
    edges: NDArray[np.float64]  # cumulative weights, 0 first

    @property
    def p(self) -> NDArray[np.float64]:
        result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-self.logits))
        return result

    @property
    def mean(self) -> float:
        return float(self.weights @ self.p)

    def sample(self, rng: np.random.Generator, runs: int) -> NDArray[np.float64]:
        """Inverse CDF, the density flat within each cell."""
        u = rng.random(runs)
        cell = np.clip(np.searchsorted(self.edges, u, side="right") - 1, 0, _GRID - 1)
        within = (u - self.edges[cell]) / np.maximum(self.weights[cell], 1e-300)
        x = self.logits[cell] + (np.clip(within, 0.0, 1.0) - 0.5) * _STEP
        result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-x))
        return result


@lru_cache(maxsize=256)
def _grid(a: float, b: float, waiting: tuple[float, ...] = ()) -> _Grid:
    # On the logit scale the density of Beta(a, b) is ∝ p^a (1 − p)^b: finite even when a or
    # b is below 1 (a no-answer rate with a small prior mean).
    logits = _LOGITS
    log_p, log_q = -np.logaddexp(0, -logits), -np.logaddexp(0, logits)
    log_density = a * log_p + b * log_q
    if waiting:
        survival = np.array(waiting)
        # log(p + (1 − p)·S) for every grid point and waiting process, summed over processes.
        log_density = log_density + np.logaddexp(
            log_p[:, None], log_q[:, None] + np.log(survival)[None, :]
        ).sum(axis=1)
    weights = np.exp(log_density - log_density.max())
    weights /= weights.sum()
    return _Grid(logits, weights, np.concatenate(([0.0], np.cumsum(weights))))


_GRID = 4000
_LOGITS = np.linspace(-40.0, 40.0, _GRID)
_STEP = float(_LOGITS[1] - _LOGITS[0])


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
    withdraw: Rate = Rate(0.0)  # P(she withdraws here once eliminating, beyond the policy)

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
    if rate.a is None or rate.b is None or rate.a == 0:
        value = float(apply(np.array([rate.mean]))[0])
        return Spread(value, value, value)
    grid = _grid(rate.a, rate.b, rate.waiting)
    values = apply(grid.p)
    low, high = np.searchsorted(grid.edges[1:], [0.05, 0.95])
    return Spread(
        float(grid.weights @ values),
        float(values[min(low, _GRID - 1)]),
        float(values[min(high, _GRID - 1)]),
    )


def _phi(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.array([normal_cdf(float(x)) for x in z])


@dataclass(frozen=True)
class Withdrawals:
    """The person's withdrawals that calibrate a stage's withdrawal rate: of the processes that
    left the stage once she was eliminating (those the pruning policy drops left out), how many
    she withdrew from and how many she stayed in until the company's answer."""

    withdrawn: int = 0
    stayed: int = 0


@dataclass(frozen=True)
class Beliefs:
    prior: dict[Stage, StageBelief]
    posterior: dict[Stage, StageBelief]
    observed: dict[Stage, StageRecord]
    withdrawals: dict[Stage, Withdrawals]


def practice_of(params: ForecastParams) -> Practice:
    if not params.practice.enabled:
        return NO_PRACTICE
    return Practice(params.practice.first_gain_sd, params.practice.decay)


def beliefs(params: ForecastParams, history: History, *, median: float | None = None) -> Beliefs:
    """Prior and posterior beliefs for every stage kind; ``median`` is the excitement median
    the pruning policy drops below (its withdrawals do not count for the learned rate)."""
    prior, posterior, observed, withdrawals = {}, {}, {}, {}
    for stage in priors.STAGES:
        record = history.at(stage)
        before = _prior(params, stage, record)
        counted = _withdrawals(params, stage, record.departures, median=median)
        prior[stage] = before
        posterior[stage] = (
            _update(before, record, counted, survival=_survivals(params, stage, record.waiting))
            if params.calibration.enabled
            else before
        )
        observed[stage] = record
        withdrawals[stage] = counted
    return Beliefs(prior, posterior, observed, withdrawals)


def _prior(params: ForecastParams, stage: Stage, record: StageRecord) -> StageBelief:
    settings = params.stage(stage)
    strength = params.calibration.prior_strength if params.calibration.enabled else math.inf
    ghost = 0.0 if not params.ghosting.enabled else _pick(settings.ghost, priors.GHOST[stage])
    ghost_rate = _belief(ghost, strength)
    withdraw_rate = _withdraw_belief(params, stage, strength)
    if settings.pass_probability is not None:
        return StageBelief(
            stage, "fixed", ghost_rate, Rate(settings.pass_probability), withdraw=withdraw_rate
        )
    if stage not in priors.INTERVIEW_STAGES:
        mean = _pick(settings.prior_pass, priors.PRIOR_PASS.get(stage, 0.95))
        return StageBelief(
            stage, "screen", ghost_rate, _belief(mean, strength), withdraw=withdraw_rate
        )
    practice = practice_of(params)
    bar = _pick(settings.bar, priors.BAR)
    z = base_z(params.candidate.skill, bar, params.candidate.noise_sd)
    done = max(record.interviews, record.decided)
    levels = tuple(range(record.decided)) if record.decided else (done,)
    mean = mean_pass(z, levels, practice)
    return StageBelief(
        stage,
        "interview",
        ghost_rate,
        _belief(mean, strength),
        levels,
        done,
        practice,
        withdraw_rate,
    )


def _withdraw_belief(params: ForecastParams, stage: Stage, strength: float) -> Rate:
    """Her withdrawal rate once eliminating: 0 with pruning off or where the parameters set
    0; a default prior of 0 (the decision explains the real search's withdrawals there)
    still learns from her own withdrawals."""
    if not params.pruning.enabled:
        return Rate(0.0)
    own = params.stage(stage).withdraw
    if own is None and priors.WITHDRAW[stage] == 0 and math.isfinite(strength):
        return Rate.learnable_zero(strength)
    return _belief(_pick(own, priors.WITHDRAW[stage]), strength)


def _belief(mean: float, strength: float) -> Rate:
    return Rate.beta(mean, strength) if math.isfinite(strength) else Rate(mean)


def _update(
    belief: StageBelief,
    record: StageRecord,
    counted: Withdrawals,
    *,
    survival: list[float],
) -> StageBelief:
    ghost = belief.ghost.updated(record.ghosted, record.decided).censored(survival)
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
        belief.withdraw.updated(counted.withdrawn, counted.stayed),
    )


def _survivals(params: ForecastParams, stage: Stage, waiting: Iterable[Waiting]) -> list[float]:
    """For each waiting process: the chance that an answer would take at least as long as it
    has waited (the log-logistic waits of the simulation, by company size)."""
    shape = params.durations.shape
    return [
        1.0 / (1.0 + (wait.days / params.median_days(stage, wait.size)) ** shape)
        for wait in waiting
    ]


def _withdrawals(
    params: ForecastParams,
    stage: Stage,
    departures: Iterable[Departure],
    *,
    median: float | None,
) -> Withdrawals:
    """Her withdrawals and stays at a stage, without the processes the pruning policy drops
    (low-rated ones at an early stage): the policy already accounts for those."""
    early = params.pruning.enabled and stage in params.pruning.early_stages
    kept = [
        departure
        for departure in departures
        if not (
            early
            and median is not None
            and departure.excitement is not None
            and departure.excitement < median
        )
    ]
    withdrawn = sum(departure.withdrawn for departure in kept)
    return Withdrawals(withdrawn, len(kept) - withdrawn)


def _pick(value: float | None, default: float) -> float:
    return default if value is None else value
