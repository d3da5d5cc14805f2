"""Expected interview load of apply-day choices against the caps, in batches with numpy.

The weekly cap holds for any five consecutive working days, that is any seven calendar days
(the window ending on a day uses the cap of that day's week of the search), so no two
half-weeks around a weekend can pile up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from widenet.plan.calendar import WEEK
from widenet.plan.grid import Grid
from widenet.plan.score import IntArray, as_batch, parts_batch

SPAN = WEEK  # grid days in the rolling window the weekly cap applies to


@dataclass(frozen=True)
class Overload:
    """How far a plan goes over its limits (all zero for a plan that respects them)."""

    minutes: int  # expected minutes above the cap, summed over every week-long window
    broken_rules: int  # apply days out of range, required companies left out, hard window

    @property
    def ok(self) -> bool:
        return self.minutes == 0 and self.broken_rules == 0


@dataclass(frozen=True)
class WeekLoad:
    week: int  # week of the search, 1 = the week the search starts
    starts: date
    expected_minutes: int
    cap_minutes: int


def _load_table(grid: Grid) -> tuple[IntArray, IntArray, IntArray]:
    """(track index, offset, expected minutes) of every load."""
    rows = [
        (i, load.offset, load.minutes)
        for i, track in enumerate(grid.tracks)
        for load in track.loads
    ]
    table = np.array(rows, dtype=np.int64).reshape(len(rows), 3)
    return table[:, 0], table[:, 1], table[:, 2]


def daily_batch(grid: Grid, apply: IntArray) -> IntArray:
    """Expected minutes per day: (rows, days)."""
    track, offset, minutes = _load_table(grid)
    rows = apply.shape[0]
    if len(track) == 0:
        return np.zeros((rows, grid.days), dtype=np.int64)
    chosen = apply[:, track]
    day = chosen + offset[None, :]
    keep = (chosen >= 0) & (day >= 0) & (day < grid.days)
    flat = (np.arange(rows)[:, None] * grid.days + np.clip(day, 0, grid.days - 1)).ravel()
    weights = np.where(keep, minutes[None, :], 0).ravel()
    counts = np.bincount(flat, weights=weights, minlength=rows * grid.days)
    return counts.reshape(rows, grid.days).astype(np.int64)


def rolling_batch(grid: Grid, daily: IntArray) -> IntArray:
    """Expected minutes of the week (SPAN grid days) ending on each day: (rows, days + 4)."""
    padded = np.concatenate([daily, np.zeros((daily.shape[0], SPAN - 1), dtype=np.int64)], axis=1)
    running = np.cumsum(padded, axis=1)
    shifted = np.concatenate(
        [np.zeros((daily.shape[0], SPAN), dtype=np.int64), running[:, :-SPAN]], axis=1
    )
    result: IntArray = running - shifted
    return result


def overload_batch(grid: Grid, apply: IntArray) -> tuple[IntArray, IntArray]:
    """Per row: (expected minutes over the caps, broken rules)."""
    rolling = rolling_batch(grid, daily_batch(grid, apply))
    over = np.sum(np.maximum(0, rolling - np.array(grid.rolling_cap)[None, :]), axis=1)
    return over, _broken_rules(grid, apply)


def _broken_rules(grid: Grid, apply: IntArray) -> IntArray:
    lo = np.array([t.lo for t in grid.tracks], dtype=np.int64)[None, :]
    hi = np.array([t.hi for t in grid.tracks], dtype=np.int64)[None, :]
    required = np.array([t.required for t in grid.tracks], dtype=bool)[None, :]
    inc = apply >= 0
    broken = np.sum(inc & ((apply < lo) | (apply > hi)), axis=1)
    broken += np.sum(required & ~inc, axis=1)
    if grid.window_hard:
        broken += parts_batch(grid, apply)[:, 0] > 0
    return np.asarray(broken, dtype=np.int64)


def overload(grid: Grid, apply: Sequence[int | None]) -> Overload:
    minutes, rules = overload_batch(grid, as_batch(grid, [apply]))
    return Overload(int(minutes[0]), int(rules[0]))


def week_loads(grid: Grid, apply: Sequence[int | None]) -> list[WeekLoad]:
    """Expected minutes per calendar week of the search, against that week's cap."""
    daily = daily_batch(grid, as_batch(grid, [apply]))[0]
    sums = np.zeros(len(grid.weekly_cap), dtype=np.int64)
    np.add.at(sums, np.array(grid.week_of), daily)
    out = []
    for w, minutes in enumerate(sums):
        search_week = grid.search_week0 + w
        starts = date.fromordinal(grid.start.toordinal() + 7 * search_week)
        out.append(WeekLoad(search_week + 1, starts, int(minutes), grid.weekly_cap[w]))
    return out
