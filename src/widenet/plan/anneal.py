"""Simulated annealing over apply days: the local-search rival the benchmark gives the same time.

It scores with the same objective as every other planner and treats load above the caps as a
steep penalty, so it may pass through overloaded plans but returns the best plan within them.
"""

from __future__ import annotations

import math
import time

import numpy as np

from widenet.plan.baselines import greedy_days
from widenet.plan.grid import Grid
from widenet.plan.load import overload_batch
from widenet.plan.prepare import prepare
from widenet.plan.problem import PlanProblem
from widenet.plan.result import Plan, PlanStatus, build_plan
from widenet.plan.score import IntArray, parts_batch, totals_batch

PENALTY = 1000  # points per minute over a cap: far above any single move's gain
BATCH = 32  # candidate moves scored together (numpy is fast on batches, slow one by one)


def anneal(
    problem: PlanProblem,
    *,
    rng: np.random.Generator,
    time_limit: float = 10.0,
    start: list[int | None] | None = None,
) -> Plan:
    """Search from the greedy plan (or ``start``) for ``time_limit`` seconds."""
    grid = prepare(problem)
    began = time.perf_counter()
    apply = anneal_days(grid, rng=rng, time_limit=time_limit, start=start)
    return build_plan(
        grid,
        apply,
        method="annealing",
        status=PlanStatus.HEURISTIC,
        seconds=time.perf_counter() - began,
    )


def cost_batch(grid: Grid, apply: IntArray) -> tuple[IntArray, IntArray]:
    """(objective, penalised objective) of each row."""
    total = totals_batch(grid, parts_batch(grid, apply))
    minutes, rules = overload_batch(grid, apply)
    over = minutes + 100 * rules
    return total, total + PENALTY * over


def anneal_days(
    grid: Grid,
    *,
    rng: np.random.Generator,
    time_limit: float,
    start: list[int | None] | None = None,
) -> list[int | None]:
    movable = [i for i, t in enumerate(grid.tracks) if not t.fixed and t.can_include]
    first = start if start is not None else greedy_days(grid)
    current = np.array([[-1 if d is None else d for d in first]], dtype=np.int64)
    now_total, now_cost = (int(v[0]) for v in cost_batch(grid, current))
    best, best_total = current.copy(), now_total if now_cost == now_total else None
    if not movable:
        return _as_days(best)
    deadline = time.perf_counter() + time_limit
    hot, cold = max(1.0, 0.02 * abs(now_cost)), 1.0
    while (left := deadline - time.perf_counter()) > 0:
        heat = cold * (hot / cold) ** (left / time_limit)
        candidates = _moves(grid, current, movable, rng)
        totals, costs = cost_batch(grid, candidates)
        for k in rng.permutation(len(costs)):
            delta = int(costs[k]) - now_cost
            if delta <= 0 or rng.random() < math.exp(-delta / heat):
                current = candidates[k : k + 1].copy()
                now_cost = int(costs[k])
                if costs[k] == totals[k] and (best_total is None or totals[k] < best_total):
                    best, best_total = current.copy(), int(totals[k])
                break
    return _as_days(best)


def _moves(grid: Grid, current: IntArray, movable: list[int], rng: np.random.Generator) -> IntArray:
    """BATCH neighbours: shift one company a few days, move it anywhere, or take it in/out."""
    rows = np.repeat(current, BATCH, axis=0)
    for row in rows:
        i = movable[int(rng.integers(len(movable)))]
        track = grid.tracks[i]
        kind = rng.random()
        if kind < 0.1 and not track.required:
            row[i] = -1 if row[i] >= 0 else int(rng.integers(track.lo, track.hi + 1))
        elif kind < 0.3 or row[i] < 0:
            row[i] = int(rng.integers(track.lo, track.hi + 1))
        else:
            row[i] = int(np.clip(row[i] + rng.integers(-3, 4), track.lo, track.hi))
    return rows


def _as_days(row: IntArray) -> list[int | None]:
    return [None if d < 0 else int(d) for d in row[0]]
