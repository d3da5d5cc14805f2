"""Vectorised Monte Carlo of the hiring funnel: many searches at once, in chunks.

Time is in days from today. A process's stages follow each other, so the day an application
would begin each of its stages is set by its waits alone (log-logistic, the stage already begun
conditioned on the days spent). Those days, and every decision that does not depend on the rest
of the search (the outcome of a screen, whether a company answers), are computed once per batch
of runs. A walk through the columns (stage kinds, in funnel order) then only finds out who gets
where: an application enters a stage when it passed every earlier one. Interview stages pass
with Φ(base z + practice(n)), where n counts the person's earlier interviews of the kind — from
her history and from the run's own earlier interviews, found by one sort of the days per run.

The pruning policy drops early-stage applications rated below the median excitement on the day
the first trigger-stage step (the first onsite) happens. That day depends on outcomes, and the
outcomes after it depend on who was dropped (fewer interviews, less practice), so a batch is
walked twice: once without pruning up to the trigger stage to find the day (everything before
that day is the same either way), then fully with the pruning applied on that day. Both walks
share the batch's days and decisions.

Her decision (the window after the first offer) changes nothing before its day: a stage
begun by then was reached the same way, and an interview's practice level counts only
earlier interviews. So the full walk keeps each column's step, the decision day of each run
is found from its offers, and the steps are recorded cut at that day: who is still waiting
then is withdrawn, and nothing after it happens.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.draws import Draws, draw_rates, draw_uniforms, layout
from widenet.forecast.latent import normal_cdf_array
from widenet.forecast.model import Column, Model
from widenet.forecast.ordering import DEAD, NEVER, order_keys
from widenet.forecast.record import Recorder, Simulation, Weeks, combine
from widenet.track.stages import Stage

Progress = Callable[[int, int], None]

#: Runs × applications per chunk: a few MB per array, so memory stays flat for any run count.
CHUNK_CELLS = 1 << 15


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
    detail: bool = False,
) -> Simulation:
    """Simulate ``runs`` searches. The same ``rng`` state gives the same result, whatever
    ``workers`` is: the per-run rates come from one generator and each chunk's uniforms from
    its own, all spawned from one seed drawn from ``rng``. ``width`` and ``stages`` widen the
    draws for common random numbers across models; ``detail`` keeps each run's days
    (``Simulation.detail``: runs × applications × stages, so for modest run counts)."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    kinds, width = layout(model, width=width, stages=stages)
    per_chunk = max(64, CHUNK_CELLS // max(width, 1))
    starts = range(0, runs, per_chunk)
    rates_seed, *seeds = np.random.SeedSequence(int(rng.integers(2**63))).spawn(len(starts) + 1)
    rates = draw_rates(model, kinds, runs, np.random.default_rng(rates_seed))
    window = math.inf if window_days is None else float(window_days)

    def one(i: int) -> Simulation:
        chunk = slice(starts[i], starts[i] + per_chunk)
        chunk_rng = np.random.default_rng(seeds[i])
        draws = draw_uniforms(kinds, rates.runs(chunk), width=width, rng=chunk_rng)
        return simulate_draws(model, draws, window=window, weeks=weeks, detail=detail)

    results: list[Simulation] = []

    def collect(chunks: Iterable[Simulation]) -> None:
        for result in chunks:
            results.append(result)
            if progress is not None:
                progress(sum(r.runs for r in results), runs)

    if workers <= 1:
        collect(map(one, range(len(starts))))
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            collect(pool.map(one, range(len(starts))))
    return combine(results)


def simulate_draws(
    model: Model,
    draws: Draws,
    *,
    window: float = math.inf,
    weeks: int = 8,
    detail: bool = False,
) -> Simulation:
    """Simulate one batch of searches with the given draws."""
    counted = Weeks(weeks, float(model.shift))
    batch = _Batch(model, draws, weeks=counted)
    trigger_day = _trigger_days(batch)
    steps: list[_Step] = []
    alive = _walk(batch, trigger_day, stop=len(model.columns), steps=steps)
    if math.isfinite(model.decision) and model.size:
        decided = _decision_days(batch, alive)
        alive = alive & (batch.final <= decided)  # a new array: the steps may share alive's
        steps = [_decide(step, batch.cells[k], decided) for k, step in enumerate(steps)]
    recorder = Recorder(model, runs=draws.runs, weeks=counted, detail=detail)
    for k, step in enumerate(steps):
        recorder.stage(k, batch.cells[k], entered=step.entered, withdrawn=step.withdrawn)
    return recorder.finish(batch.final, alive, window=window, width=draws.width)


@dataclass(frozen=True)
class _Step:
    """What one column's walk did, one row of runs per application of the column."""

    sent: NDArray[np.bool_]  # still in the process when the stage would begin
    entered: NDArray[np.bool_]  # entered the stage (the policy may not send a planned one)
    withdrawn: NDArray[np.bool_] | None  # withdrawn by her at the stage (None: nobody)
    planned: NDArray[np.bool_]  # positions whose current stage this is, beginning later


def _decision_days(batch: _Batch, alive: NDArray[np.bool_]) -> NDArray[np.float32]:
    """Per run, the (shifted) day she decides: the window after the first offer (one in hand
    included), today at the earliest; inf in the runs without an offer."""
    final = batch.final
    offered = alive & (final < NEVER)
    first = np.add(final, ~offered * NEVER, dtype=np.float32).min(axis=0)
    days: NDArray[np.float32] = np.maximum(
        first + np.float32(batch.model.decision), batch.model.shift
    )
    days[first >= NEVER] = np.inf
    return days


def _decide(step: _Step, cells: _Cells, decided: NDArray[np.float32]) -> _Step:
    """The column's step once she decides: only the stages begun by the decision day are
    entered, and every process still waiting there for the company's answer that day is
    withdrawn, as is a planned application not sent by then."""
    day = decided[None, :]
    begun = cells.start <= day
    entered = step.entered & begun
    withdrawn = entered & (cells.exit > day)
    if step.withdrawn is not None:
        withdrawn |= step.withdrawn & begun
    if step.planned.any():
        withdrawn |= step.sent & step.planned[:, None] & ~begun
    return _Step(step.sent, entered, withdrawn, step.planned)


@dataclass(frozen=True)
class _Cells:
    """One column's cells, one row of runs per application of the column, computed once per
    batch. Days are shifted by the model's ``shift`` so that every one is above 0 (sortable
    as bits); the shift is taken off where days are reported."""

    start: NDArray[np.float32]  # the day the stage would begin (its interview's day)
    exit: NDArray[np.float32]  # the day it would end
    no_answer: NDArray[np.bool_]  # the deciding uniform fell in the no-answer band
    leaves: NDArray[np.bool_] | None  # she would withdraw here once eliminating (None: never)
    passes: NDArray[np.bool_] | None  # the outcome, where it does not depend on practice
    ranked: _Ranked | None  # otherwise, what deciding it by practice level needs
    week: NDArray[np.unsignedinteger[Any]] | None  # interviews: 1 + week ahead, 0 before


@dataclass(frozen=True)
class _Ranked:
    """An interview stage whose pass chance depends on the run's earlier interviews. The
    sorting side is laid out one row of applications per run (the transpose of the cells)."""

    need: NDArray[np.float32]  # the interview passes when P(pass) ≥ need
    dead_keys: NDArray[np.uint32]  # (runs, apps) start days packed for sorting, DEAD bit set
    chance_at: NDArray[np.float32]  # (runs, apps) P(pass) of a run's i-th interview by day
    rows: NDArray[np.intp]  # each run's first flat index
    mask: np.uint32  # the key bits that hold the application's position


class _Batch:
    """One batch of runs: every day and decision that does not depend on who is still in.

    Arrays hold one row of runs per application, so that choosing a column's applications
    and counting per run or per application are cheap, contiguous operations.
    """

    def __init__(self, model: Model, draws: Draws, *, weeks: Weeks) -> None:
        self.model, self.draws, self.weeks = model, draws, weeks
        nxt = np.repeat((model.entry + model.shift)[:, None], draws.runs, axis=1)
        cells = []
        for column in model.columns:
            row = draws.at(column.stage)
            start = nxt[column.apps]
            exit_day = start + self._waits(column, row)
            if isinstance(column.apps, slice):
                nxt = exit_day.copy()
            else:
                nxt[column.apps] = exit_day
            cells.append(self._cells(column, row, start, exit_day))
        self.cells = tuple(cells)
        self.final = nxt  # the offer day, for those that pass every stage

    def uniforms(self, source: NDArray[np.float32], row: int, column: Column) -> NDArray[Any]:
        """The draws of the column's applications from one of the (stage, app, run) arrays."""
        chosen: NDArray[np.float32] = source[row][: self.model.size]
        return chosen[column.apps]

    def _waits(self, column: Column, row: int) -> NDArray[np.float32]:
        """Days each application would spend in the stage: log-logistic quantiles, median ×
        odds^(1/shape); for a stage already begun, of the part of the distribution beyond
        the days waited (survival S), odds = (u + (1 − S)/S) / (1 − u)."""
        u = self.uniforms(self.draws.wait, row, column)
        odds = 1 - u
        if column.begun is None:
            np.divide(u, odds, out=odds)
        else:
            survival = column.survival[:, None]
            np.divide(u + (1 - survival) / survival, odds, out=odds)
        waits = root(odds, self.model.inv_shape)
        waits *= column.median[:, None]
        return waits

    def _cells(
        self,
        column: Column,
        row: int,
        start: NDArray[np.float32],
        exit_day: NDArray[np.float32],
    ) -> _Cells:
        u = self.uniforms(self.draws.outcome, row, column)
        ghost = self._ghost(column, row)
        week = self.weeks.of(start) if column.hours else None
        leaves = self._leaves(column, row)
        table = self._table(column, row, start.shape[0]) if column.interview else None
        if table is None or table.shape[1] == 1:
            chance = self.draws.level[row][None, :] if table is None else table.T
            # One uniform decides: below `ghost` no answer, at the top a pass, rejection
            # between (the threshold is never below `ghost`, even where float32 rounds).
            threshold = np.maximum(1 - (1 - ghost) * chance, ghost)
            return _Cells(start, exit_day, u < ghost, leaves, u >= threshold, None, week)
        # The same rule as need = (1 − u)/(1 − ghost) ≤ P(pass): above 1, no answer.
        need: NDArray[np.float32] = np.divide(1 - u, 1 - ghost, dtype=np.float32)
        ranked = self._ranked(column, start, table, need=need)
        return _Cells(start, exit_day, need > 1, leaves, None, ranked, week)

    def _leaves(self, column: Column, row: int) -> NDArray[np.bool_] | None:
        """Where the candidate would withdraw once eliminating (her run's rate at the stage)."""
        leave = self.draws.leave
        if leave is None or not self.model.pruning or not column.withdraws:
            return None
        chosen = self.uniforms(leave, row, column)
        leaves: NDArray[np.bool_] = chosen < self.draws.withdraw[row][None, :]
        return leaves

    def _ghost(self, column: Column, row: int) -> NDArray[np.float32]:
        """P(no answer) per run, or per application and run where a referral or the days
        already waited change it (only those applications' rows are computed)."""
        ghost: NDArray[np.float32] = self.draws.ghost[row][None, :]
        changed = column.ghost_changed
        if changed is None:
            return ghost
        rows = ghost * column.ghost_factor[changed, None]
        # No answer yet after `days`: the no-answer explanation has become more likely.
        survival = column.survival[changed, None]
        rows /= rows + (1 - rows) * survival
        ghost = np.repeat(ghost, len(column.members), axis=0)
        ghost[changed] = rows
        return ghost

    def _table(self, column: Column, row: int, count: int) -> NDArray[np.float32]:
        """Φ(base z + practice gain) per run: first for an interview already held in the
        current stage, then for the levels history + 0, 1, 2, … of the interviews ahead
        (levels past `saturation` gain less than 1e-7 SD more, so the table stops there).
        One column when every interview of the stage has the same chance."""
        sat = self.model.saturation
        ahead = np.arange(column.history, min(column.history + count, sat + 1))
        levels = np.append(min(column.pending_level, sat), ahead if ahead.size else sat)
        if levels.size == 2 and levels[0] == levels[1]:
            levels = levels[:1]
        level = self.draws.level[row]
        return normal_cdf_array(level[:, None] + self.model.gain[levels])

    def _ranked(
        self,
        column: Column,
        start: NDArray[np.float32],
        table: NDArray[np.float32],
        *,
        need: NDArray[np.float32],
    ) -> _Ranked:
        count, runs = start.shape
        dead_keys, mask = order_keys(start.T, width=self.draws.width, flag=DEAD)  # (runs, apps)
        # Sorted by day, the `here` applications already in this stage come first in every run
        # (it began by today) and take table column 0; the i-th after them has had i − here
        # earlier interviews of the kind in this run, table column i − here + 1.
        return _Ranked(
            need=need,
            dead_keys=dead_keys,
            chance_at=_by_position(table, count=count, here=column.here),
            rows=(np.arange(runs, dtype=np.intp) * count)[:, None],
            mask=mask,
        )


def _by_position(table: NDArray[np.float32], *, count: int, here: int) -> NDArray[np.float32]:
    """Table columns for positions 0 … count − 1 in day order: column 0 for the first
    ``here``, then 1, 2, … up to the last column, which the rest repeat."""
    runs, size = table.shape
    chance = np.empty((runs, count), dtype=np.float32)
    chance[:, :here] = table[:, :1]
    ahead = min(size - 1, count - here)
    chance[:, here : here + ahead] = table[:, 1 : 1 + ahead]
    chance[:, here + ahead :] = table[:, -1:]
    return chance


def _passes(cells: _Cells, entered: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Which of the applications that entered the stage pass it."""
    ranked = cells.ranked
    if ranked is None:
        assert cells.passes is not None
        return entered & cells.passes
    # Practice level = rank by day among the run's interviews of the kind that take place:
    # one sort of the keys, the applications no longer in the process (DEAD bit kept) last.
    keys = np.multiply(entered.T, DEAD, order="C")
    keys ^= ranked.dead_keys
    keys.sort(axis=1)
    where = np.bitwise_and(keys, ranked.mask, dtype=np.intp)  # one cast, no temporary
    where += ranked.rows
    chance = np.empty(keys.shape, dtype=np.float32)
    chance.ravel()[where.ravel()] = ranked.chance_at.ravel()
    return entered & (ranked.need <= chance.T)


def _trigger_days(batch: _Batch) -> NDArray[np.float32] | None:
    """Per run, the (shifted) day pruning happens (inf: never), or None when the policy
    cannot act."""
    model = batch.model
    if not model.pruning:
        return None
    if model.trigger_now:
        return np.full(batch.draws.runs, model.shift, dtype=np.float32)
    if model.trigger is None:
        return None
    alive = _walk(batch, None, stop=model.trigger, steps=None)
    entered = alive[model.columns[model.trigger].apps]
    days: NDArray[np.float32] = (batch.cells[model.trigger].start + ~entered * NEVER).min(axis=0)
    days[days >= NEVER] = np.inf
    return days


def _walk(
    batch: _Batch,
    trigger_day: NDArray[np.float32] | None,
    *,
    stop: int,
    steps: list[_Step] | None,
) -> NDArray[np.bool_]:
    """Walk the first ``stop`` columns, keeping each column's step in ``steps``; returns
    which applications are still in the process after them (after the last column: which
    hold an offer), one row of runs each."""
    model = batch.model
    alive = np.ones((model.size, batch.draws.runs), dtype=bool)
    for k, column in enumerate(model.columns[:stop]):
        cells = batch.cells[k]
        sent = entered = alive[column.apps]
        withdrawn = None
        if trigger_day is not None and (column.prunable.any() or cells.leaves is not None):
            withdrawn, entered = _withdrawn(column, cells, entered, trigger_day)
        passed = _passes(cells, entered)
        if withdrawn is not None:
            passed &= ~withdrawn
        if steps is not None:
            steps.append(_Step(sent, entered, withdrawn, column.planned))
        if isinstance(column.apps, slice):
            alive = passed
        else:
            alive[column.apps] = passed
    return alive


def _withdrawn(
    column: Column,
    cells: _Cells,
    entered: NDArray[np.bool_],
    trigger_day: NDArray[np.float32],
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Who the candidate withdraws at this stage, and who enters it after all. Once she is
    eliminating (the pruning day) and before the company answers: the applications the policy
    drops — in the stage that day, or, for one whose stage begins later (not sent yet), not
    begun by then: a low-rated application is not sent once the first onsite is booked — and
    those she leaves at her rate (on the pruning day, or on the day the stage begins)."""
    day = trigger_day[None, :]
    unanswered = cells.exit > day
    policy = None
    if column.prunable.any():
        present = cells.start <= day
        if column.planned.any():
            present |= column.planned[:, None]
        policy = entered & column.prunable[:, None] & present & unanswered
    leaves = None if cells.leaves is None else entered & cells.leaves & unanswered
    if policy is None:
        assert leaves is not None
        return leaves, entered
    withdrawn = policy if leaves is None else policy | leaves
    if column.planned.any():
        entered = entered & ~(policy & (cells.start > day))
    return withdrawn, entered


def root(values: NDArray[np.float32], power: float) -> NDArray[np.float32]:
    """values ** power, in place; the cube root of the default shape 3 is several times
    cheaper."""
    if power == 1 / 3:
        return np.cbrt(values, out=values)
    return np.power(values, np.float32(power), out=values)
