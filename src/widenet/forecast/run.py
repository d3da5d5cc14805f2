"""The one call a service makes: forecast a search."""

from __future__ import annotations

import numpy as np

from widenet.forecast.engine import Progress, simulate
from widenet.forecast.howwide import how_wide
from widenet.forecast.model import build_model
from widenet.forecast.params import ForecastParams
from widenet.forecast.search import Search, check_options
from widenet.forecast.summary import Forecast, summarise


def forecast(
    search: Search,
    params: ForecastParams | None = None,
    *,
    rng: np.random.Generator,
    runs: int = 10_000,
    window_days: int | None = None,
    weeks_ahead: int = 8,
    extra_step: int = 5,
    max_extra: int = 50,
    wide_runs: int | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> Forecast:
    """Simulate ``runs`` futures of the search and summarise them.

    ``window_days`` counts only offers arriving within that many days (None: all);
    ``weeks_ahead`` is the length of the weekly tables; the "how wide" curve is simulated at
    0, ``extra_step``, … ``max_extra`` extra typical applications with ``wide_runs`` runs each
    (default: a fifth of ``runs``, at least 1,000); ``max_extra=0`` leaves it out.
    ``progress(done, total)`` is called after each chunk of runs (``total`` may grow while
    the how-wide answer is refined). The same ``rng`` state gives the same forecast.
    """
    params = params or ForecastParams()
    check_options(
        runs=runs,
        window_days=window_days,
        weeks_ahead=weeks_ahead,
        extra_step=extra_step,
        max_extra=max_extra,
        wide_runs=wide_runs,
        workers=workers,
    )
    model = build_model(search, params)
    wide = max(1_000, runs // 5) if wide_runs is None else wide_runs
    steps = len(range(0, max_extra + 1, extra_step)) if max_extra > 0 else 0
    main_rng, wide_rng = rng.spawn(2)

    def main_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, runs + wide * steps)

    simulation = simulate(
        model,
        runs=runs,
        rng=main_rng,
        window_days=window_days,
        weeks=weeks_ahead,
        workers=workers,
        progress=main_progress,
    )
    curve = None
    if max_extra > 0:

        def wide_progress(done: int, total: int) -> None:
            if progress is not None:
                progress(runs + done, runs + total)

        curve = how_wide(
            search,
            params,
            rng=wide_rng,
            runs=wide,
            step=extra_step,
            max_extra=max_extra,
            window_days=window_days,
            workers=workers,
            progress=wide_progress,
        )
    return summarise(model, simulation, params, window_days=window_days, how_wide=curve)
