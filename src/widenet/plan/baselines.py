"""Two simple ways to plan, to measure the optimiser against.

- day one: apply to everything on the first day (what most people do); it ignores the caps,
  so its Plan reports how far over them it goes.
- greedy: longest expected process first, each staggered so its onsite lands on the day the
  longest one's does, moved to the nearest day the caps allow, or left out if none does.
"""

from __future__ import annotations

import time

import numpy as np

from widenet.plan.grid import Grid, Track
from widenet.plan.load import rolling_batch
from widenet.plan.prepare import prepare
from widenet.plan.problem import PlanProblem
from widenet.plan.result import Plan, PlanStatus, build_plan
from widenet.plan.score import IntArray


def day_one(problem: PlanProblem) -> Plan:
    """Apply to every company on the first day (those whose process fits the horizon)."""
    grid = prepare(problem)
    began = time.perf_counter()
    apply = day_one_days(grid)
    return build_plan(
        grid,
        apply,
        method="day one",
        status=PlanStatus.HEURISTIC,
        seconds=time.perf_counter() - began,
    )


def greedy(problem: PlanProblem) -> Plan:
    """Longest process first, staggered so the onsites align, within the caps."""
    grid = prepare(problem)
    began = time.perf_counter()
    apply = greedy_days(grid)
    return build_plan(
        grid,
        apply,
        method="greedy",
        status=PlanStatus.HEURISTIC,
        seconds=time.perf_counter() - began,
    )


def day_one_days(grid: Grid) -> list[int | None]:
    return [t.lo if t.can_include or t.fixed else None for t in grid.tracks]


def greedy_days(grid: Grid) -> list[int | None]:
    """Apply days of the greedy rule on a prepared grid."""
    apply: list[int | None] = [0 if t.fixed else None for t in grid.tracks]
    load = RunningLoad(grid)
    for track in grid.tracks:
        if track.fixed:
            load.add(track, 0)
    free = [i for i, t in enumerate(grid.tracks) if not t.fixed and t.can_include]
    if not free:
        return apply
    free.sort(key=lambda i: (-grid.tracks[i].onsite, grid.tracks[i].name))
    target = max(grid.tracks[i].lo + grid.tracks[i].onsite for i in free)
    for i in free:
        track = grid.tracks[i]
        wanted = min(max(target - track.onsite, track.lo), track.hi)
        day = next((d for d in _nearest(wanted, track) if load.fits(track, d)), None)
        if day is None and track.required:
            day = wanted  # a required company goes in even over the caps
        if day is not None:
            load.add(track, day)
        apply[i] = day
    return apply


def _nearest(wanted: int, track: Track) -> list[int]:
    """Days in the track's range, nearest to ``wanted`` first (later before earlier)."""
    days = range(track.lo, track.hi + 1)
    return sorted(days, key=lambda d: (abs(d - wanted), d < wanted))


class RunningLoad:
    """Expected minutes per day so far, to test one more company against the caps."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.daily = np.zeros((1, grid.days), dtype=np.int64)
        self.caps = np.array(grid.rolling_cap, dtype=np.int64)

    def _with(self, track: Track, day: int) -> IntArray:
        daily = self.daily.copy()
        for load in track.loads:
            if 0 <= day + load.offset < self.grid.days:
                daily[0, day + load.offset] += load.minutes
        return daily

    def fits(self, track: Track, day: int) -> bool:
        return bool(np.all(rolling_batch(self.grid, self._with(track, day))[0] <= self.caps))

    def add(self, track: Track, day: int) -> None:
        self.daily = self._with(track, day)
