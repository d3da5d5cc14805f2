"""How firm the first choice is: the weight changes that would change it, and random nudges."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from widenet.errors import InvalidInput
from widenet.evaluate.decide import DIGITS, DecisionMatrix, leader_under

if TYPE_CHECKING:
    import numpy as np

#: Coefficients smaller than this (relative) are rounding noise: the equation has lower degree.
_NOISE = 1e-12
#: A tie point this close (relative) to the current weight is the current weight: already tied.
_TIE = 1e-9


@dataclass(frozen=True)
class WeightFlip:
    """For one column: the weight at which another company would take the lead.

    ``flip_weight`` is where the challenger ties the leader; any weight beyond it (away from
    the current one) makes ``new_leader`` first. None: no weight from 0 upwards changes it.
    """

    criterion: str  # a criterion key, or decide.COMPENSATION
    weight: float
    flip_weight: float | None
    new_leader: str | None
    direction: int = 0  # +1: more weight flips it, -1: less weight does, 0: neither

    @property
    def change(self) -> float | None:
        return None if self.flip_weight is None else self.flip_weight - self.weight

    @property
    def relative(self) -> float | None:
        """The change as a share of the current weight (None for a weight of 0)."""
        change = self.change
        return None if change is None or self.weight == 0 else change / self.weight


def weight_flips(matrix: DecisionMatrix) -> tuple[WeightFlip, ...]:
    """For each weighted column, the smallest change of its weight alone that changes the
    leader, and to whom; smallest changes first, columns that cannot flip it last.

    With unrated criteria left out of each company's mean, a total is
    (a + s·w) / (c + w) in the weight w being moved, so the tie with each challenger is a
    root of a quadratic; each root is confirmed by ranking just beyond it.
    """
    leader = matrix.leader
    weights = matrix.weights()
    flips = [
        _flip(matrix, weights, key, leader) if leader else WeightFlip(key, weights[key], None, None)
        for key in weights
    ]
    order = {key: index for index, key in enumerate(weights)}
    return tuple(
        sorted(
            flips,
            key=lambda f: (f.change is None, abs(f.change or 0.0), order[f.criterion]),
        )
    )


def _flip(
    matrix: DecisionMatrix, weights: Mapping[str, float], key: str, leader: str
) -> WeightFlip:
    current = weights[key]
    for found in _tie_points(matrix, weights, key, leader):
        tied = abs(found - current) <= _TIE * max(1.0, current)
        root = current if tied else found
        for probe in _probes(root, current, tied=tied):
            moved = {**weights, key: probe}
            if sum(moved.values()) <= 0:
                continue
            new = leader_under(matrix, moved)
            if new is not None and new != leader:
                direction = 1 if probe > current else -1
                return WeightFlip(key, current, root, new, direction)
    return WeightFlip(key, current, None, None)


def _tie_points(
    matrix: DecisionMatrix, weights: Mapping[str, float], key: str, leader: str
) -> list[float]:
    """Weights (>= 0) of column ``key`` at which some challenger's total equals the leader's,
    nearest the current weight first."""
    parts = {row.company: _parts(matrix.values(row), weights, key) for row in matrix.ranked}
    a_l, b_l, c_l, d_l = parts[leader]
    roots: set[float] = {0.0}  # at 0 a company known only on this column drops out
    for company, (a_j, b_j, c_j, d_j) in parts.items():
        if company == leader:
            continue
        # (a_j + b_j w)(c_l + d_l w) - (a_l + b_l w)(c_j + d_j w) = 0
        q2 = b_j * d_l - b_l * d_j
        q1 = a_j * d_l + b_j * c_l - a_l * d_j - b_l * c_j
        q0 = a_j * c_l - a_l * c_j
        roots.update(root for root in _real_roots(q2, q1, q0) if root >= 0)
    current = weights[key]
    return sorted(roots, key=lambda root: (abs(root - current), root))


def _parts(
    values: Mapping[str, float], weights: Mapping[str, float], key: str
) -> tuple[float, float, float, float]:
    """(a, b, c, d) with total = (a + b·w) / (c + d·w) as the weight w of ``key`` varies."""
    a = math.fsum(weights[k] * v for k, v in values.items() if k != key)
    c = math.fsum(weights[k] for k in values if k != key)
    return (a, values[key], c, 1.0) if key in values else (a, 0.0, c, 0.0)


def _real_roots(q2: float, q1: float, q0: float) -> list[float]:
    scale = max(abs(q2), abs(q1), abs(q0))
    if scale == 0:
        return []  # the two totals move together: a tie is never broken by this weight
    if abs(q2) <= _NOISE * scale:
        return [] if abs(q1) <= _NOISE * scale else [-q0 / q1]
    disc = q1 * q1 - 4 * q2 * q0
    if disc < 0:
        return []
    # the numerically stable pair of roots
    q = -0.5 * (q1 + math.copysign(math.sqrt(disc), q1))
    return [q / q2, q0 / q] if q != 0 else [0.0]


def _probes(root: float, current: float, *, tied: bool) -> list[float]:
    """Weights just beyond a tie point, on the far side from the current weight."""
    step = 1e-6 * max(1.0, abs(root))
    if tied:
        return [root + step, max(root - step, 0.0)]
    if root == 0.0:
        return [0.0]
    return [root + step] if root > current else [max(root - step, 0.0)]


@dataclass(frozen=True)
class Stability:
    """How often the ranking survives random changes of every weight by up to ±``spread``."""

    runs: int
    spread: float
    leader: str | None
    leader_kept: float  # share of runs in which the current first choice stays first
    ranking_kept: float  # share of runs in which the whole order is unchanged
    wins: Mapping[str, float]  # share of runs in which each company comes first
    mean_rank: Mapping[str, float]


def rank_stability(
    matrix: DecisionMatrix,
    *,
    rng: np.random.Generator,
    runs: int = 1000,
    spread: float = 0.25,
) -> Stability:
    """Multiply each weight by its own factor drawn uniformly from [1 - spread, 1 + spread],
    re-rank, and count. Ties keep the current order. Companies with no total take no part."""
    import numpy as np  # here, not at the top: the CLI imports this package and must start fast

    if not 0 < spread < 1:
        raise InvalidInput(f"{spread!r} must be above 0 and below 1 (0.25 = ±25%).", field="spread")
    if runs < 1:
        raise InvalidInput(f"{runs!r} runs: use at least 1.", field="runs")
    rows = matrix.ranked
    names = [row.company for row in rows]
    if not rows:
        return Stability(runs, spread, None, 0.0, 0.0, {}, {})
    keys = list(matrix.weights())
    base = np.array([matrix.weights()[key] for key in keys])
    values = np.array([[matrix.values(row).get(key, np.nan) for key in keys] for row in rows])
    known = ~np.isnan(values)
    factors = rng.uniform(1 - spread, 1 + spread, size=(runs, len(keys)))
    weights = base * factors
    totals = (weights @ np.where(known, values, 0.0).T) / (weights @ known.T)
    order = np.argsort(-np.round(totals, DIGITS), axis=1, kind="stable")
    ranks = np.argsort(order, axis=1) + 1
    firsts = np.bincount(order[:, 0], minlength=len(rows)) / runs
    return Stability(
        runs=runs,
        spread=spread,
        leader=names[0],
        leader_kept=float(firsts[0]),
        ranking_kept=float(np.mean(np.all(order == np.arange(len(rows)), axis=1))),
        wins={name: float(share) for name, share in zip(names, firsts, strict=True)},
        mean_rank={name: float(r) for name, r in zip(names, ranks.mean(axis=0), strict=True)},
    )
