"""Exhaustive search for small problems: every combination of apply days, scored in batches.

It shares nothing with the CP-SAT model but the grid and the scorer, so the tests can check
that the solver finds the true optimum.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np

from widenet.errors import Infeasible, InvalidInput
from widenet.plan.grid import Grid
from widenet.plan.load import overload_batch
from widenet.plan.prepare import prepare
from widenet.plan.problem import PlanProblem
from widenet.plan.result import Plan, PlanStatus, build_plan
from widenet.plan.score import IntArray, parts_batch, totals_batch

LIMIT = 5_000_000  # combinations; beyond this the search would take minutes
CHUNK = 20_000


def exhaustive(problem: PlanProblem, *, limit: int = LIMIT) -> Plan:
    """The optimal plan by trying every combination (earliest days first on ties)."""
    grid = prepare(problem)
    began = time.perf_counter()
    apply = exhaustive_days(grid, limit=limit)
    plan = build_plan(
        grid,
        apply,
        method="exhaustive",
        status=PlanStatus.OPTIMAL,
        seconds=time.perf_counter() - began,
    )
    return replace(plan, bound=plan.objective)


def exhaustive_days(grid: Grid, *, limit: int = LIMIT) -> list[int | None]:
    options = [_options(grid, i) for i in range(len(grid.tracks))]
    if not options:
        return []
    count = math.prod(len(o) for o in options)
    if count > limit:
        raise InvalidInput(
            f"{count:,} combinations are too many to try (limit {limit:,})",
            field="companies",
        )
    best_cost, best_row = np.iinfo(np.int64).max, None
    for first in range(0, count, CHUNK):
        rows = _rows(options, first, min(count, first + CHUNK))
        over, broken = overload_batch(grid, rows)
        cost = totals_batch(grid, parts_batch(grid, rows))
        cost = np.where((over == 0) & (broken == 0), cost, np.iinfo(np.int64).max)
        k = int(np.argmin(cost))
        if cost[k] < best_cost:
            best_cost, best_row = int(cost[k]), rows[k]
    if best_row is None:
        raise Infeasible("no combination of apply days meets the caps")
    return [None if d < 0 else int(d) for d in best_row]


def _options(grid: Grid, i: int) -> list[int]:
    track = grid.tracks[i]
    if track.fixed:
        return [0]
    days = list(range(track.lo, track.hi + 1)) if track.can_include else []
    return days if track.required else [*days, -1]


def _rows(options: list[list[int]], first: int, last: int) -> IntArray:
    """Combinations number first..last-1, the last company varying fastest."""
    index = np.arange(first, last, dtype=np.int64)
    columns = []
    for values in reversed(options):
        columns.append(np.array(values, dtype=np.int64)[index % len(values)])
        index //= len(values)
    return np.stack(columns[::-1], axis=1)
