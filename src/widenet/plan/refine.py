"""Refine a plan for leverage: local search over apply days, each candidate simulated.

The CP-SAT objective times the *expected* steps; the refinement aims at the outcome itself,
the chance that two offers are open together in the forecast's simulated searches. It first
tries the plan pulled earlier (apply days scaled down, in the plan's order or the least
wanted first, each then on the first day the caps allow), then moves one company's apply day
a few working days, or swaps two companies' days, and keeps a move when the simulated chance
(less a penalty for a worse practice order) goes up by more than chance. Every
candidate meets the same seeded draws (common random numbers), so the difference between
two candidates is the plan's doing, not the dice's. A candidate that puts more expected
load above the caps than the starting plan (or breaks a rule: range, hard window) is never
simulated; the companies in the plan, and processes under way, stay as they are.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from widenet.forecast.draws import Draws, draw
from widenet.forecast.engine import simulate_draws
from widenet.forecast.model import build_model
from widenet.forecast.params import ForecastParams
from widenet.forecast.priors import STAGES
from widenet.forecast.search import History
from widenet.plan.baselines import RunningLoad
from widenet.plan.evaluate import plan_params, search_of
from widenet.plan.grid import Grid
from widenet.plan.load import overload_batch
from widenet.plan.prepare import prepare
from widenet.plan.problem import PlanProblem
from widenet.plan.result import Plan, PlanStatus, Refinement, build_plan
from widenet.plan.score import IntArray, as_batch, parts_batch

RUNS = 2000  # simulated searches per candidate: ~9 ms each for a list of 25
EVALUATIONS = 400  # candidates simulated at most: the budget that makes a run repeatable
TIME_LIMIT = 10.0  # seconds: a stop for long lists and slow machines
#: P(2+ open) given up per day x excitement gap the practice order gets worse: ten such
#: days must buy at least half a percentage point of leverage.
PRACTICE_PENALTY = 0.0005
SHIFTS = np.array([1, 2, 3, 5, 8, 13])  # working days a move shifts one apply day by
SWAP_SHARE = 0.25  # of the moves, swaps of two companies' apply days
BATCH = 16  # candidates drawn at once and checked against the caps together
STUCK = 50  # batches in a row with no candidate within the caps: the plan cannot move
SQUEEZE = (0.0, 0.25, 0.5, 0.75)  # factors the apply days are scaled by, to pull a plan in
#: A move is kept when the runs it wins outnumber those it loses by this many standard
#: deviations of a fair coin (a sign test): smaller gains are mostly the draws' noise, and
#: keeping them fits the plan to these draws rather than to the model.
SURE = 1.0
#: ... and by at least this share of the runs: a plan that nearly always holds two offers
#: open has little left to win, and a gain of a run or two is no reason to move it.
MIN_GAIN = 0.0025
#: The moves kept, together, must win at least a point, or the solver's plan stands: its
#: timing goals (onsites together, practice first) are worth more than a gain of a fraction
#: of a point, and the plan is easier to follow when it reads as the solver made it.
MIN_TOTAL_GAIN = 0.01
PRACTICE = 2  # column of the practice part in parts_batch


def refine(
    problem: PlanProblem,
    plan: Plan,
    *,
    rng: np.random.Generator,
    runs: int = RUNS,
    evaluations: int = EVALUATIONS,
    time_limit: float = TIME_LIMIT,
    practice_penalty: float = PRACTICE_PENALTY,
    params: ForecastParams | None = None,
    history: History | None = None,
) -> Plan:
    """``plan`` with its apply days moved where the simulated chance of two offers open
    together is higher. Repeatable: the same ``rng`` state and ``evaluations`` give the same
    plan, unless ``time_limit`` stops it first (``Plan.refinement`` says so)."""
    grid = prepare(problem)
    began = time.perf_counter()
    scorer = _Scorer(
        problem, grid, plan.apply_days, rng=rng, runs=runs, params=params, history=history
    )
    search = _Climb(grid, scorer, plan.apply_days, practice_penalty=practice_penalty)
    search.squeeze()
    search.run(rng, evaluations=evaluations, deadline=began + time_limit)
    search.settle()
    seconds = time.perf_counter() - began
    refined = build_plan(
        grid,
        search.days,
        method=f"{plan.method} + refine",
        status=plan.status,
        bound=plan.bound,
        seconds=plan.seconds + seconds,
    )
    proven = refined.bound is not None and refined.objective <= refined.bound
    status = plan.status if refined.bound is None or proven else PlanStatus.FEASIBLE
    return replace(
        refined,
        status=status,
        refinement=Refinement(
            method=plan.method,
            status=plan.status,
            objective=plan.objective,
            gap=plan.gap,
            runs=runs,
            evaluations=search.evaluations,
            moves=search.moves,
            before=search.before,
            after=float(search.runs.mean()),
            seconds=seconds,
            stopped_on_time=search.evaluations < evaluations and search.out_of_time,
        ),
    )


class _Scorer:
    """Simulates apply days on draws made once: every candidate meets the same numbers."""

    def __init__(
        self,
        problem: PlanProblem,
        grid: Grid,
        days: Sequence[int | None],
        *,
        rng: np.random.Generator,
        runs: int,
        params: ForecastParams | None,
        history: History | None,
    ) -> None:
        self.problem, self.grid, self.history = problem, grid, history
        self.params = plan_params(params)
        search, positions = search_of(problem, grid.origin, self._starts(days), history=history)
        model = build_model(search, self.params)
        # Laid out for the whole list (as evaluate does), then narrowed to the plan's companies.
        wide = draw(model, runs, rng, width=len(problem.companies), stages=STAGES)
        self.draws: Draws = wide.select(positions)

    def _starts(self, days: Sequence[int | None]) -> list[int | None]:
        origin = self.grid.origin
        return [None if d is None else (self.grid.date_of(d) - origin).days for d in days]

    def two_open(self, days: Sequence[int | None]) -> NDArray[np.bool_]:
        """Per simulated search, whether two offers were open on the same day."""
        starts = self._starts(days)
        search, _ = search_of(self.problem, self.grid.origin, starts, history=self.history)
        return simulate_draws(build_model(search, self.params), self.draws).two_open


class _Climb:
    """First-improvement hill climbing from the starting plan's days."""

    def __init__(
        self,
        grid: Grid,
        scorer: _Scorer,
        days: Sequence[int | None],
        *,
        practice_penalty: float,
    ) -> None:
        self.grid, self.scorer, self.penalty = grid, scorer, practice_penalty
        self.days = list(days)
        start = as_batch(grid, [days])
        minutes, rules = overload_batch(grid, start)
        self.limit = (int(minutes[0]), int(rules[0]))  # no candidate may go above these
        self.movable = [
            i
            for i, (t, d) in enumerate(zip(grid.tracks, days, strict=True))
            if not t.fixed and d is not None and t.lo < t.hi
        ]
        self.runs = scorer.two_open(self.days)
        self.before = float(self.runs.mean())
        self.practice = int(self._practice(start)[0])
        self.first, self.first_runs, self.first_practice = list(days), self.runs, self.practice
        self.evaluations, self.moves, self.out_of_time = 1, 0, False

    def settle(self) -> None:
        """Go back to the starting plan when all the moves kept win less than
        MIN_TOTAL_GAIN together."""
        if self.moves and float(self.runs.mean()) - self.before < MIN_TOTAL_GAIN:
            self.days, self.runs, self.practice = self.first, self.first_runs, self.first_practice
            self.moves = 0

    def squeeze(self) -> None:
        """Try the plan pulled earlier: each apply day scaled by a factor (0 = as early as
        the caps allow), in the plan's order; keep the best that beats it."""
        first = list(self.days)
        for factor in SQUEEZE:
            for practice_first in (False, True):
                days = squeezed(self.grid, first, factor, practice_first=practice_first)
                for allowed in self._allowed(as_batch(self.grid, [days])):
                    self._try(allowed)

    def _practice(self, rows: IntArray) -> IntArray:
        result: IntArray = parts_batch(self.grid, rows)[:, PRACTICE]
        return result

    def _better(self, runs: NDArray[np.bool_], practice: int) -> bool:
        """Whether a candidate beats the current plan: more leverage net of the practice
        penalty, by more than chance would give (a sign test on the runs that differ)."""
        up = int(np.count_nonzero(runs & ~self.runs))
        down = int(np.count_nonzero(~runs & self.runs))
        return worth_keeping(up, down, len(runs), cost=self.penalty * (practice - self.practice))

    def run(self, rng: np.random.Generator, *, evaluations: int, deadline: float) -> None:
        """Climb until the budget of evaluations or the time is used up, or until no
        neighbour within the caps is left to try (STUCK batches in a row without one)."""
        if not self.movable:
            return
        idle = 0
        while self.evaluations < evaluations and idle < STUCK:
            if time.perf_counter() > deadline:
                self.out_of_time = True
                return
            rows = self._allowed(self._neighbours(rng))
            idle = idle + 1 if len(rows) == 0 else 0
            for row in rows:
                if self.evaluations >= evaluations:
                    return
                if time.perf_counter() > deadline:
                    self.out_of_time = True
                    return
                if self._try(row):
                    break

    def _try(self, row: IntArray) -> bool:
        """Simulate a candidate; keep it if it is better."""
        self.evaluations += 1
        runs = self.scorer.two_open(_as_days(row))
        practice = int(self._practice(row[None, :])[0])
        if not self._better(runs, practice):
            return False
        self.days, self.runs, self.practice = _as_days(row), runs, practice
        self.moves += 1
        return True

    def _neighbours(self, rng: np.random.Generator) -> IntArray:
        """BATCH candidates: one company's day shifted, or two companies' days swapped."""
        rows = np.repeat(as_batch(self.grid, [self.days]), BATCH, axis=0)
        for row in rows:
            i = self.movable[int(rng.integers(len(self.movable)))]
            if len(self.movable) > 1 and rng.random() < SWAP_SHARE:
                j = self.movable[int(rng.integers(len(self.movable)))]
                row[i], row[j] = row[j], row[i]
            else:
                step = int(rng.choice(SHIFTS)) * (1 if rng.random() < 0.5 else -1)
                row[i] += step
        return rows

    def _allowed(self, rows: IntArray) -> IntArray:
        """The candidates that change the plan, keep every apply day in its range and put
        no more load over the caps than the starting plan (and no more broken rules)."""
        tracks = self.grid.tracks
        lo = np.array([t.lo for t in tracks], dtype=np.int64)
        hi = np.array([t.hi for t in tracks], dtype=np.int64)
        current = as_batch(self.grid, [self.days])
        inc = current >= 0
        in_range = np.all(~inc | ((rows >= lo) & (rows <= hi)), axis=1)
        changed = np.any(rows != current, axis=1)
        rows = rows[in_range & changed]
        if len(rows) == 0:
            return rows
        minutes, rules = overload_batch(self.grid, rows)
        keep = (minutes <= self.limit[0]) & (rules <= self.limit[1])
        result: IntArray = rows[keep]
        return result


def worth_keeping(up: int, down: int, runs: int, *, cost: float = 0.0) -> bool:
    """Whether a move that wins ``up`` runs and loses ``down`` (of ``runs``, the rest the
    same) is worth its ``cost`` (in P(2+ open)): a gain of at least MIN_GAIN net of the cost,
    and more wins than losses by SURE standard deviations of a fair coin."""
    gain = (up - down) / runs - cost
    return gain >= MIN_GAIN and up - down >= SURE * (up + down) ** 0.5


def squeezed(
    grid: Grid, days: Sequence[int | None], factor: float, *, practice_first: bool = False
) -> list[int | None]:
    """Each company's apply day scaled by ``factor``, taken in the order of the plan (or the
    least wanted first), then moved to the first later day the caps allow (kept where none
    does)."""
    load = RunningLoad(grid)
    for track in grid.tracks:
        if track.fixed:
            load.add(track, 0)
    out = list(days)
    order = sorted(
        (i for i, t in enumerate(grid.tracks) if not t.fixed and days[i] is not None),
        key=lambda i: (
            grid.tracks[i].excitement if practice_first else 0,
            days[i],
            grid.tracks[i].excitement,
            i,
        ),
    )
    for i in order:
        track, day = grid.tracks[i], days[i]
        assert day is not None
        target = min(max(round(factor * day), track.lo), track.hi)
        fits = (d for d in range(target, track.hi + 1) if load.fits(track, d))
        chosen = next(fits, day)
        load.add(track, chosen)
        out[i] = chosen
    return out


def _as_days(row: IntArray) -> list[int | None]:
    return [None if d < 0 else int(d) for d in row]
