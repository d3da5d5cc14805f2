"""Vectorised Monte Carlo of the hiring funnel: many searches at once, in chunks.

Time is in days from today. For one batch of runs the columns (stage kinds) are walked in
funnel order; at each, every application that entered the stage gets its wait (log-logistic,
conditioned on the days already spent), then one uniform decides: no answer (below the
no-answer rate), rejection, or pass. Interview stages pass with Φ(base z + practice(n)), where
n counts the person's earlier interviews of the kind — from her history and from the searches'
own earlier interviews, found by ranking the entry days within each run.

The pruning policy drops early-stage applications rated below the median excitement on the day
the first trigger-stage step (the first onsite) happens. That day depends on outcomes, and the
outcomes after it depend on who was dropped (fewer interviews, less practice), so a batch is
walked twice: once without pruning up to the trigger stage to find the day (everything before
that day is the same either way), then fully with the pruning applied on that day.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.draws import Draws, draw
from widenet.forecast.latent import normal_cdf_array
from widenet.forecast.model import Column, Model
from widenet.track.stages import Stage

#: "Never": a finite sentinel (not inf) so that choices can be made by arithmetic, which is
#: several times faster than masked selection; any day at or above it means "never".
NEVER = np.float32(1e30)
Progress = Callable[[int, int], None]

#: Runs × applications per chunk: a few MB per array, so memory stays flat for any run count.
CHUNK_CELLS = 1 << 16


@dataclass(frozen=True)
class Simulation:
    """Raw results of many simulated searches (sums over runs, or one row per run)."""

    runs: int
    offers: NDArray[np.int16]  # (runs,) offers that arrive within the window (or are held)
    offer_days: NDArray[np.float32]  # (runs, 3) first, second and third offer day (inf: none)
    two_open: NDArray[np.bool_]  # (runs,) two offers open at the same time
    reached: NDArray[np.int16]  # (runs, columns) applications entering each stage
    app_reach: NDArray[np.int64]  # (applications, columns) runs that entered the stage
    app_entry: NDArray[np.float64]  # (applications, columns) sum of their entry days
    app_offers: NDArray[np.int64]  # (applications,) runs ending in an offer
    app_offer_days: NDArray[np.float64]  # (applications,) sum of those offer days
    app_exits: NDArray[np.int64]  # (applications, 3) no answer, rejected, withdrawn
    offer_weeks: NDArray[np.float64]  # (weeks,) offers arriving in each week ahead
    hours: NDArray[np.float64]  # (weeks,) interview and preparation hours in each week


def simulate(
    model: Model,
    *,
    runs: int,
    rng: np.random.Generator,
    window_days: float | None = None,
    weeks: int = 8,
    workers: int = 1,
    progress: Progress | None = None,
    width: int | None = None,
    stages: Sequence[Stage] | None = None,
) -> Simulation:
    """Simulate ``runs`` searches. The same ``rng`` state gives the same result, whatever
    ``workers`` is: each chunk has its own generator, spawned from one seed drawn from ``rng``.
    ``width`` and ``stages`` widen the draws for common random numbers across models."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    width = model.size if width is None else width
    per_chunk = max(64, CHUNK_CELLS // max(width, 1))
    sizes = [min(per_chunk, runs - start) for start in range(0, runs, per_chunk)]
    seeds = np.random.SeedSequence(int(rng.integers(2**63))).spawn(len(sizes))
    window = math.inf if window_days is None else float(window_days)

    def one(i: int) -> Simulation:
        chunk_rng = np.random.default_rng(seeds[i])
        draws = draw(model, sizes[i], chunk_rng, width=width, stages=stages)
        return simulate_draws(model, draws, window=window, weeks=weeks)

    results: list[Simulation] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for result in pool.map(one, range(len(sizes))):
            results.append(result)
            if progress is not None:
                progress(sum(r.runs for r in results), runs)
    return combine(results)


def simulate_draws(
    model: Model, draws: Draws, *, window: float = math.inf, weeks: int = 8
) -> Simulation:
    """Simulate one batch of searches with the given draws."""
    batch = _Batch(model, draws)
    trigger_day = _trigger_days(batch)
    recorder = _Recorder(model, draws.runs, weeks)
    ends = _walk(batch, trigger_day, stop=len(model.columns), recorder=recorder)
    return recorder.finish(ends, window, draws.width)


class _Batch:
    """One batch of runs: the model, its draws, and what both walks share."""

    def __init__(self, model: Model, draws: Draws) -> None:
        self.model, self.draws = model, draws
        self.rows = [draws.at(column.stage) for column in model.columns]
        self.waits = [self._waits(k) for k in range(len(model.columns))]
        self.outcomes = [self.uniforms(draws.outcome, k) for k in range(len(model.columns))]
        self.tables: dict[int, NDArray[np.float32]] = {}

    def uniforms(self, source: NDArray[np.float32], k: int) -> NDArray[np.float32]:
        """The draws of column k's applications from one of the (stage, run, app) arrays."""
        chosen: NDArray[np.float32] = source[self.rows[k]][:, : self.model.size]
        return chosen[:, self.model.columns[k].apps]

    def _waits(self, k: int) -> NDArray[np.float32]:
        """Days each application would spend in the stage (log-logistic quantiles; for a stage
        already begun, of the part of the distribution beyond the days waited)."""
        column, u = self.model.columns[k], self.uniforms(self.draws.wait, k)
        odds = u / (1 - u)
        if column.begun is not None:
            begun, survival = u[:, column.begun], column.survival[column.begun]
            odds[:, column.begun] = (1 - survival + begun * survival) / ((1 - begun) * survival)
        waits: NDArray[np.float32] = column.median * odds ** np.float32(self.model.inv_shape)
        return waits

    def table(self, k: int, levels: NDArray[np.intp]) -> NDArray[np.float32]:
        """Φ(base z + practice gain) per run and practice level (column k's interview)."""
        if k not in self.tables:
            level = self.draws.level[self.rows[k]]
            self.tables[k] = normal_cdf_array(level[:, None] + self.model.gain[levels])
        return self.tables[k]


def _trigger_days(batch: _Batch) -> NDArray[np.float32] | None:
    """Per run, the day pruning happens (inf: never), or None when the policy cannot act."""
    model = batch.model
    if not model.pruning:
        return None
    if model.trigger_now:
        return np.zeros(batch.draws.runs, dtype=np.float32)
    if model.trigger is None:
        return None
    ends = _walk(batch, None, stop=model.trigger, recorder=None)
    column = model.columns[model.trigger]
    days: NDArray[np.float32] = ends[:, column.apps].min(axis=1)
    days[days >= NEVER] = np.inf
    return days


def _walk(
    batch: _Batch,
    trigger_day: NDArray[np.float32] | None,
    *,
    stop: int,
    recorder: _Recorder | None,
) -> NDArray[np.float32]:
    """Walk the first ``stop`` columns; returns each application's next entry day (offer day
    after the last column), NEVER or more where the process ended."""
    model = batch.model
    nxt = np.repeat(model.entry[None, :], batch.draws.runs, axis=0)
    for k, column in enumerate(model.columns[:stop]):
        start = nxt[:, column.apps]
        step = _step(batch, k, start, trigger_day)
        if recorder is not None:
            recorder.stage(k, column, start, step)
        # `start` may be a view of `nxt`: it is not used after this write.
        ended = ~step.passed * NEVER
        if isinstance(column.apps, slice):
            np.add(step.exit, ended, out=nxt)
        else:
            nxt[:, column.apps] = step.exit + ended
    return nxt


@dataclass(frozen=True)
class _Step:
    exit: NDArray[np.float32]
    passed: NDArray[np.bool_]
    outcome: NDArray[np.float32]  # the deciding uniforms
    ghost: NDArray[np.float32]  # the no-answer rates they were compared with
    withdrawn: NDArray[np.bool_] | None


def _step(
    batch: _Batch,
    k: int,
    start: NDArray[np.float32],
    trigger_day: NDArray[np.float32] | None,
) -> _Step:
    column = batch.model.columns[k]
    exit_day = start + batch.waits[k]
    outcome_u = batch.outcomes[k]
    ghost = batch.draws.ghost[batch.rows[k]][:, None]
    if column.referred:
        ghost = ghost * column.ghost_factor
    if column.begun is not None:
        # No answer yet after `days`: the no-answer explanation has become more likely.
        ghost = np.broadcast_to(ghost, start.shape).copy()
        begun, survival = ghost[:, column.begun], column.survival[column.begun]
        ghost[:, column.begun] = begun / (begun + (1 - begun) * survival)
    chance = _pass_chance(batch, k, start)
    # One uniform decides: below `ghost` no answer, at the top a pass, rejection between.
    passed = outcome_u >= 1 - (1 - ghost) * chance
    withdrawn = None
    if trigger_day is not None and column.prunable.any():
        day = trigger_day[:, None]
        withdrawn = column.prunable & (start <= day) & (exit_day > day)
        passed &= ~withdrawn
    return _Step(exit_day, passed, outcome_u, ghost, withdrawn)


def _pass_chance(batch: _Batch, k: int, start: NDArray[np.float32]) -> NDArray[np.float32]:
    """P(pass) per run (screens) or per run and application (interviews)."""
    model, column = batch.model, batch.model.columns[k]
    if not column.interview:
        level: NDArray[np.float32] = batch.draws.level[batch.rows[k]]
        return level[:, None]
    # Table of Φ(base z + gain) per run: first the level of an interview already held in the
    # current stage, then the levels history + 0, 1, 2, … of interviews ahead. Levels past
    # `saturation` gain less than 1e-7 SD more, so the table stops there.
    sat = model.saturation
    ahead_levels = np.arange(column.history, min(column.history + start.shape[1], sat + 1))
    levels = np.append(min(column.pending_level, sat), ahead_levels if ahead_levels.size else sat)
    table = batch.table(k, levels)
    size = table.shape[1]
    if size == 1 or (size == 2 and levels[0] == levels[1]):
        return table[:, :1]
    # Each interview ahead is at level history + (this run's earlier interviews of the kind).
    # Sorted by day (shifted above 0), the `here` applications already in this stage come
    # first in every run (their day is ≤ 0), so an interview ahead has rank `here` + the
    # number of earlier ones; the ones already held get table column 0.
    rank = inverse_order(order_by_day(start + model.shift, width=batch.draws.width))
    column_of = np.clip(rank.view(np.int32) + (1 - column.here), 0, size - 1)
    cells = np.arange(0, table.size, size)[:, None] + column_of
    chance: NDArray[np.float32] = table.ravel().take(cells)
    return chance


def order_by_day(days: NDArray[np.float32], *, width: int) -> NDArray[np.uint32]:
    """Each row's column order by day (days > 0).

    The column's index replaces the lowest bits of the day (enough bits for ``width``
    columns) before sorting, so days closer than about 2⁻²³·2^bits of each other (under a
    minute for 64 applications) count as simultaneous and are taken in application order; one
    plain sort then does the work of an argsort at a fraction of its cost. ``width`` is the
    draws' width, the same for every search compared with common random numbers.
    """
    count = days.shape[1]
    mask = np.uint32((1 << max(1, (max(width, count) - 1).bit_length())) - 1)
    packed = (np.ascontiguousarray(days).view(np.uint32) & ~mask) | np.arange(
        count, dtype=np.uint32
    )
    packed.sort(axis=1)
    order: NDArray[np.uint32] = packed & mask
    return order


def inverse_order(order: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """Each row's inverse permutation (the rank of every column), again by one small sort."""
    width = order.shape[1]
    bits = max(1, (width - 1).bit_length())
    packed = (order << np.uint32(bits)) | np.arange(width, dtype=np.uint32)
    packed.sort(axis=1)
    rank: NDArray[np.uint32] = packed & np.uint32((1 << bits) - 1)
    return rank


class _Recorder:
    """Accumulates one batch's results while the columns are walked."""

    def __init__(self, model: Model, runs: int, weeks: int) -> None:
        size, width = model.size, len(model.columns)
        self.model, self.runs, self.weeks = model, runs, weeks
        self.reached = np.zeros((runs, width), dtype=np.int16)
        self.app_reach = np.zeros((size, width), dtype=np.int64)
        self.app_entry = np.zeros((size, width), dtype=np.float64)
        self.app_exits = np.zeros((size, 3), dtype=np.int64)
        self.hours = np.zeros(weeks, dtype=np.float64)

    def stage(self, k: int, column: Column, start: NDArray[np.float32], step: _Step) -> None:
        apps = column.apps
        entered = start < NEVER
        self.reached[:, k] = _count(entered, axis=1)
        self.app_reach[apps, k] += _count(entered, axis=0)
        self.app_entry[apps, k] += (start * entered).sum(axis=0)
        ended = entered & ~step.passed
        if step.withdrawn is not None:
            self.app_exits[apps, 2] += _count(step.withdrawn, axis=0)
            ended &= ~step.withdrawn
        ghosted = _count(ended & (step.outcome < step.ghost), axis=0)
        self.app_exits[apps, 0] += ghosted
        self.app_exits[apps, 1] += _count(ended, axis=0) - ghosted
        if column.hours:
            self.hours += self._weekly(start) * column.hours

    def _weekly(self, days: NDArray[np.floating[Any]]) -> NDArray[np.int64]:
        """How many of the days fall in each week ahead (earlier days and "never" left out):
        differences of "how many before the start of week w", one cheap count per week."""
        flat = days.ravel()
        before = np.array(
            [np.count_nonzero(flat < 7 * w) for w in range(self.weeks + 1)], dtype=np.int64
        )
        return before[1:] - before[:-1]

    def finish(self, ends: NDArray[np.float32], window: float, width: int) -> Simulation:
        offered = (ends < NEVER) & (ends <= window)
        days = (ends + ~offered * NEVER).astype(np.float32, copy=False)
        # Offers in order of arrival (days shifted above 0: an offer in hand came earlier).
        order = order_by_day(days + self.model.shift, width=width)
        arrive = np.take_along_axis(days, order, axis=1)
        latest = np.maximum.accumulate(arrive + self.model.deadline[order], axis=1)
        two_open: NDArray[np.bool_] = np.asarray(
            ((arrive[:, 1:] <= latest[:, :-1]) & (arrive[:, 1:] < NEVER)).any(axis=1)
        )
        first = np.full((self.runs, 3), np.inf, dtype=np.float32)
        count = min(3, arrive.shape[1])
        first[:, :count] = np.where(arrive[:, :count] < NEVER, arrive[:, :count], np.inf)
        return Simulation(
            runs=self.runs,
            offers=offered.sum(axis=1).astype(np.int16),
            offer_days=first,
            two_open=two_open,
            reached=self.reached,
            app_reach=self.app_reach,
            app_entry=self.app_entry,
            app_offers=offered.sum(axis=0).astype(np.int64),
            app_offer_days=(days * offered).sum(axis=0, dtype=float),
            app_exits=self.app_exits,
            offer_weeks=self._weekly(days).astype(np.float64),
            hours=self.hours,
        )


def _count(flags: NDArray[np.bool_], *, axis: int) -> NDArray[np.int32]:
    """True flags along an axis (summing the bytes as int8 is faster than summing bools)."""
    counts: NDArray[np.int32] = flags.view(np.int8).sum(axis=axis, dtype=np.int32)
    return counts


def combine(parts: Sequence[Simulation]) -> Simulation:
    """One Simulation from several batches (in order)."""
    first = parts[0]
    return Simulation(
        runs=sum(part.runs for part in parts),
        offers=np.concatenate([p.offers for p in parts]),
        offer_days=np.concatenate([p.offer_days for p in parts]),
        two_open=np.concatenate([p.two_open for p in parts]),
        reached=np.concatenate([p.reached for p in parts]),
        app_reach=sum((p.app_reach for p in parts[1:]), first.app_reach.copy()),
        app_entry=sum((p.app_entry for p in parts[1:]), first.app_entry.copy()),
        app_offers=sum((p.app_offers for p in parts[1:]), first.app_offers.copy()),
        app_offer_days=sum((p.app_offer_days for p in parts[1:]), first.app_offer_days.copy()),
        app_exits=sum((p.app_exits for p in parts[1:]), first.app_exits.copy()),
        offer_weeks=sum((p.offer_weeks for p in parts[1:]), first.offer_weeks.copy()),
        hours=sum((p.hours for p in parts[1:]), first.hours.copy()),
    )
