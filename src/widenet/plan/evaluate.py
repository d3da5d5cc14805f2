"""How a plan holds up when reality differs: random stage durations and outcomes.

A small sampler of its own (``sample_processes``) stands behind one function boundary, so the
forecast package's simulator can replace it once it can start an application on a planned
day. Each run walks every company in the plan through its steps: each step passes with its
chance or ends the process, and lasts a random time around its expected length (a Gamma with
a coefficient of variation of 0.5), except days already booked. The rng is an argument, so
the same seed gives every plan the same random numbers (a fair comparison).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from widenet.plan.grid import Grid, Track
from widenet.plan.prepare import prepare
from widenet.plan.problem import PlanProblem
from widenet.plan.result import Plan
from widenet.track.stages import Stage

SHAPE = 4.0  # Gamma shape of a step's length: mean as expected, sd half the mean
Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Samples:
    """Sampled days per run (rows) and company (columns); NaN where not reached."""

    onsite: Floats
    offer: Floats
    deadline: Floats  # days each offer stays open (per company)


@dataclass(frozen=True)
class Robustness:
    runs: int
    two_offers_open: float  # chance at least two offers are open on the same day (leverage)
    mean_offers: float
    mean_most_open: float  # offers open at the same time, at the best moment, on average
    onsite_spread: float  # days from first to last onsite, mean over runs with two or more


def evaluate(
    problem: PlanProblem, plan: Plan, *, rng: np.random.Generator, runs: int = 2000
) -> Robustness:
    """Simulate ``runs`` searches that follow ``plan``."""
    grid = prepare(problem)
    return robustness(sample_processes(grid, plan.apply_days, runs=runs, rng=rng))


def robustness(samples: Samples) -> Robustness:
    runs = samples.offer.shape[0]
    arrive = np.where(np.isnan(samples.offer), np.inf, samples.offer)
    lapse = arrive + samples.deadline[None, :]
    # Offers open at the moment offer j arrives: those arrived by then and not yet lapsed.
    open_at = (arrive[:, None, :] <= arrive[:, :, None]) & (lapse[:, None, :] >= arrive[:, :, None])
    counts = np.where(np.isfinite(arrive), open_at.sum(axis=2), 0)
    most = counts.max(axis=1) if counts.shape[1] else np.zeros(runs)
    onsite = samples.onsite
    reached = (~np.isnan(onsite)).sum(axis=1)
    spread = np.nanmax(np.where(reached[:, None] >= 2, onsite, np.nan), axis=1, initial=-np.inf)
    spread = spread - np.nanmin(
        np.where(reached[:, None] >= 2, onsite, np.nan), axis=1, initial=np.inf
    )
    several = reached >= 2
    return Robustness(
        runs=runs,
        two_offers_open=float(np.mean(most >= 2)),
        mean_offers=float(np.mean(np.isfinite(arrive).sum(axis=1))),
        mean_most_open=float(np.mean(most)),
        onsite_spread=float(np.mean(spread[several])) if several.any() else 0.0,
    )


def sample_processes(
    grid: Grid, apply: Sequence[int | None], *, runs: int, rng: np.random.Generator
) -> Samples:
    """The sampler: onsite and offer days of each company in each run."""
    n = len(grid.tracks)
    onsite = np.full((runs, n), np.nan)
    offer = np.full((runs, n), np.nan)
    for i, (track, day) in enumerate(zip(grid.tracks, apply, strict=True)):
        # Draw for every company, in the plan or not, so plans share their random numbers.
        steps = _walk(track, 0 if day is None else day, runs=runs, rng=rng)
        if day is None:
            continue
        onsite[:, i] = steps[:, track.steps.index(Stage.ONSITE)]
        offer[:, i] = steps[:, -1]
    deadline = np.array([t.deadline for t in grid.tracks], dtype=np.float64)
    return Samples(onsite=onsite, offer=offer, deadline=deadline)


def _walk(track: Track, day: int, *, runs: int, rng: np.random.Generator) -> Floats:
    """Sampled day each step starts, then the offer day; NaN once the process has ended."""
    count = len(track.steps)
    expected = [*track.step_offsets, track.offer]
    lengths = np.diff(np.array(expected, dtype=np.float64))
    noise = rng.gamma(SHAPE, 1.0 / SHAPE, size=(runs, count))
    passed = rng.random(size=(runs, count)) < np.array(track.passes)[None, :]
    days = np.full((runs, count + 1), np.nan)
    start = track.current
    days[:, : start + 1] = np.array(expected[: start + 1], dtype=np.float64) + day
    alive = np.ones(runs, dtype=bool)
    for k in range(start, count):
        booked = k + 1 < count and track.booked_steps[k + 1]
        if booked:  # the next interview is on the calendar: this step is passed
            after = np.full(runs, float(day + expected[k + 1]))
        else:
            alive &= passed[:, k]
            after = days[:, k] + lengths[k] * noise[:, k]
        days[:, k + 1] = np.where(alive, after, np.nan)
    return days
