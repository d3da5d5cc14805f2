"""The objective and the load of apply-day choices, measured in batches with numpy.

This is the one definition of what a plan costs: the CP-SAT model is tested against it, and
the baselines, the annealing and the exhaustive search all use it. An apply day of -1 means
the company is left out (deferred); a process under way always has apply day 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from widenet.plan.grid import Grid, Group
from widenet.plan.problem import Weights

IntArray = NDArray[np.int64]
PART_NAMES = ("window", "offers", "practice", "size", "referral", "spread", "deferred")


@dataclass(frozen=True)
class ObjectiveParts:
    """The measures the objective adds up, each in its own unit (days, or points for
    leaving companies out)."""

    window: int = 0  # days expected onsites fall outside the best W-day window
    offers: int = 0  # days offers would lapse before the last offer arrives
    practice: int = 0  # days x excitement gap the technical steps of two levels overlap
    size: int = 0  # days x size-band gap the onsites of two bands overlap
    referral: int = 0  # days referral applications go out before referrals are due
    spread: int = 0  # days from the first to the last expected onsite
    deferred: int = 0  # points for the companies left out

    def points(self, weights: Weights) -> dict[str, int]:
        """Each part's contribution to the objective."""
        return {
            "window": weights.window * self.window,
            "offers": weights.offers * self.offers,
            "practice": weights.practice * self.practice,
            "size": weights.size * self.size,
            "referral": weights.referral * self.referral,
            "spread": weights.spread * self.spread,
            "deferred": self.deferred,
        }

    def total(self, weights: Weights) -> int:
        return sum(self.points(weights).values())


def as_batch(grid: Grid, schedules: Sequence[Sequence[int | None]]) -> IntArray:
    """Apply days (None = left out) as the integer array the scorers take."""
    rows = [[-1 if day is None else day for day in row] for row in schedules]
    return np.asarray(rows, dtype=np.int64).reshape(len(rows), len(grid.tracks))


def parts_batch(grid: Grid, apply: IntArray) -> IntArray:
    """The parts of each row of apply days, as an (rows, 7) array in PART_NAMES order."""
    inc = apply >= 0
    day = np.where(inc, apply, 0)
    onsite = day + _col(grid, "onsite")
    offer = day + _col(grid, "offer")
    technical = day + _col(grid, "technical")
    window = _window_days(onsite, inc, grid.window)
    big = np.iinfo(np.int64).max // 4
    last_offer = np.max(np.where(inc, offer, -big), axis=1, keepdims=True)
    lapse = np.maximum(0, last_offer - offer - _col(grid, "deadline"))
    offers = np.sum(np.where(inc, lapse, 0), axis=1)
    first = np.min(np.where(inc, onsite, big), axis=1)
    last = np.max(np.where(inc, onsite, -big), axis=1)
    spread = np.where(inc.any(axis=1), last - first, 0)
    practice = _overlap_days(grid.practice_groups, technical, inc)
    size = _overlap_days(grid.size_groups, onsite, inc)
    referred = _col(grid, "referral").astype(bool) & ~_col(grid, "fixed").astype(bool)
    early = np.maximum(0, grid.referral_from - day)
    referral = np.sum(np.where(inc & referred, early, 0), axis=1)
    deferred = np.sum(np.where(inc, 0, _col(grid, "defer_cost")), axis=1)
    return np.stack([window, offers, practice, size, referral, spread, deferred], axis=1)


def totals_batch(grid: Grid, parts: IntArray) -> IntArray:
    w = grid.weights
    factors = np.array(
        [w.window, w.offers, w.practice, w.size, w.referral, w.spread, 1], dtype=np.int64
    )
    result: IntArray = parts @ factors
    return result


def score(grid: Grid, apply: Sequence[int | None]) -> ObjectiveParts:
    """The parts of one plan's objective."""
    row = parts_batch(grid, as_batch(grid, [apply]))[0]
    values = {name: int(v) for name, v in zip(PART_NAMES, row, strict=True)}
    return ObjectiveParts(**values)


def _col(grid: Grid, name: str) -> IntArray:
    return np.array([int(getattr(t, name)) for t in grid.tracks], dtype=np.int64)[None, :]


def _window_days(onsite: IntArray, inc: NDArray[np.bool_], width: int) -> IntArray:
    """Days outside the best window of ``width`` days; the best start is at a breakpoint,
    so trying each onsite as the window's first or last day is exhaustive."""
    if onsite.shape[1] == 0:
        return np.zeros(onsite.shape[0], dtype=np.int64)
    starts = np.concatenate([onsite, onsite - width + 1], axis=1)  # (rows, 2n)
    valid = np.concatenate([inc, inc], axis=1)
    late = onsite[:, None, :] - starts[:, :, None] - width + 1
    early = starts[:, :, None] - onsite[:, None, :]
    outside = np.maximum(0, np.maximum(late, early))
    cost = np.sum(np.where(inc[:, None, :], outside, 0), axis=2)
    cost = np.where(valid, cost, np.iinfo(np.int64).max)
    best = np.min(cost, axis=1)
    return np.where(inc.any(axis=1), best, 0)


def _overlap_days(groups: tuple[Group, ...], when: IntArray, inc: NDArray[np.bool_]) -> IntArray:
    """For every two groups, the days by which the later group's first step comes before
    (or on the day of) the earlier group's last one, times their rank gap."""
    big = np.iinfo(np.int64).max // 4
    firsts, lasts = [], []
    for group in groups:
        members = list(group.members)
        present = inc[:, members]
        firsts.append(np.min(np.where(present, when[:, members], big), axis=1))
        lasts.append(np.max(np.where(present, when[:, members], -big), axis=1))
    total = np.zeros(when.shape[0], dtype=np.int64)
    for a, early in enumerate(groups):
        for b in range(a + 1, len(groups)):
            gap = abs(groups[b].rank - early.rank)
            overlap = lasts[a] - firsts[b] + 1
            both = (lasts[a] > -big) & (firsts[b] < big)
            total += np.where(both, np.maximum(0, overlap) * gap, 0)
    return total
