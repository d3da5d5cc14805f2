"""How wide: P(two offers open at once) against the number of extra typical applications.

Every point of the curve is simulated with the same random numbers (common random numbers):
the draws are laid out for the widest search, and a narrower one uses their first columns, so
the differences between points are the effect of the extra applications, not noise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from widenet.forecast.engine import Progress, simulate
from widenet.forecast.model import build_model
from widenet.forecast.params import ForecastParams
from widenet.forecast.search import Search, check_options
from widenet.forecast.summary import HowWide, HowWidePoint

TARGETS = (0.8, 0.9)


def how_wide(
    search: Search,
    params: ForecastParams | None = None,
    *,
    rng: np.random.Generator,
    runs: int = 2_000,
    step: int = 5,
    max_extra: int = 50,
    targets: Sequence[float] = TARGETS,
    window_days: int | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> HowWide:
    """The curve at 0, step, 2·step, … max_extra extra applications, and for each target the
    fewest extra applications (to the unit) whose probability reaches it (None: not within
    ``max_extra``)."""
    check_options(
        runs=runs, step=step, max_extra=max_extra, window_days=window_days, workers=workers
    )
    params = params or ForecastParams()
    widest = build_model(search.with_typical(max_extra), params)
    seed = int(rng.integers(2**63))
    grid = list(range(0, max_extra + 1, step))
    cache: dict[int, float] = {}
    total = runs * len(grid)

    def chance(extra: int) -> float:
        nonlocal total
        if extra not in cache:
            if extra not in grid:
                total += runs
            model = build_model(search.with_typical(extra), params)
            simulation = simulate(
                model,
                runs=runs,
                rng=np.random.default_rng(seed),
                window_days=window_days,
                workers=workers,
                width=widest.size,
                stages=widest.stages,
            )
            cache[extra] = float(simulation.two_open.mean())
            if progress is not None:
                progress(runs * len(cache), total)
        return cache[extra]

    points = tuple(HowWidePoint(extra, chance(extra)) for extra in grid)
    smallest = {target: _smallest(target, grid, step, chance) for target in targets}
    return HowWide(runs=runs, step=step, points=points, smallest=smallest)


def _smallest(
    target: float, grid: list[int], step: int, chance: Callable[[int], float]
) -> int | None:
    """The first grid point reaching the target, then the first unit below it that does."""
    hit = next((extra for extra in grid if chance(extra) >= target), None)
    if hit is None or hit == 0:
        return hit
    return next((n for n in range(hit - step + 1, hit) if chance(n) >= target), hit)
