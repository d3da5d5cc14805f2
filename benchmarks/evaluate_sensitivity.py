"""Sensitivity of the decision: exact weight flips and vectorised rank stability vs plain loops.

Prints one table. Baselines, run in the same process on the same matrix:
- weight flips: scanning each weight on a grid of 0.01 from 0 to 20 and ranking at every point;
- rank stability: the same random weights, re-ranked one run at a time in Python.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from widenet.evaluate import (
    Rating,
    decision_matrix,
    default_criteria,
    rank_stability,
    weight_flips,
)
from widenet.evaluate.decide import DecisionMatrix, leader_under

T = TypeVar("T")


def build(companies: int, *, seed: int) -> DecisionMatrix:
    rng = np.random.default_rng(seed)
    criteria = default_criteria()
    names = [f"company-{i:02d}" for i in range(companies)]
    history = [
        Rating(name, key, int(rng.integers(1, 6)), date(2026, 11, 2))
        for name in names
        for key in criteria.keys
        if rng.random() < 0.8  # about a fifth of the criteria still unknown
    ]
    offers = {name: int(rng.integers(150_000, 260_000)) * 100 * 4 for name in names[::2]}
    return decision_matrix(history, names, criteria, compensation=offers, compensation_weight=2)


def grid_flips(matrix: DecisionMatrix) -> dict[str, float | None]:
    weights, leader = matrix.weights(), matrix.leader
    found: dict[str, float | None] = {}
    for key, current in weights.items():
        grid = sorted(np.arange(0, 20.0001, 0.01), key=lambda w: abs(w - current))
        found[key] = next(
            (
                float(w)
                for w in grid
                if leader_under(matrix, {**weights, key: float(w)}) not in (leader, None)
            ),
            None,
        )
    return found


def loop_stability(matrix: DecisionMatrix, *, seed: int, runs: int, spread: float) -> float:
    rng = np.random.default_rng(seed)
    weights = matrix.weights()
    factors = rng.uniform(1 - spread, 1 + spread, size=(runs, len(weights)))
    kept = 0
    for row in factors:
        moved = {key: w * f for (key, w), f in zip(weights.items(), row, strict=True)}
        kept += leader_under(matrix, moved) == matrix.leader
    return kept / runs


def timed(function: Callable[..., T], *args: object, **kwargs: object) -> tuple[T, float]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    runs = 5000
    print(
        "| companies | flips exact (ms) | flips grid 0.01 (ms) | largest gap to grid |"
        " stability vectorised (ms) | stability loop (ms) | leader kept (both) |"
    )
    print("|---|---|---|---|---|---|---|")
    for companies in (5, 10, 20):
        matrix = build(companies, seed=companies)
        flips, exact_s = timed(weight_flips, matrix)
        grid, grid_s = timed(grid_flips, matrix)
        pairs = [(f.flip_weight, grid[f.criterion]) for f in flips]
        gaps = [abs(a - b) for a, b in pairs if a is not None and b is not None]
        fast, fast_s = timed(
            rank_stability, matrix, rng=np.random.default_rng(1), runs=runs, spread=0.25
        )
        slow, slow_s = timed(loop_stability, matrix, seed=1, runs=runs, spread=0.25)
        print(
            f"| {companies} | {exact_s * 1e3:.1f} | {grid_s * 1e3:.0f} | "
            f"{max(gaps, default=0):.3f} | {fast_s * 1e3:.1f} | {slow_s * 1e3:.0f} | "
            f"{fast.leader_kept:.3f} / {slow:.3f} |"
        )


if __name__ == "__main__":
    main()
