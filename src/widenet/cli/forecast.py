"""`widenet forecast`: how many offers, when, how likely two overlap, and how wide to go."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, handle_errors

#: A progress bar (on stderr, when it is a terminal) from this many simulated searches on.
LONG_RUNS = 20_000


def forecast(
    runs: Annotated[
        int,
        typer.Option("--runs", help="Simulated searches (more: steadier numbers).", metavar="N"),
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the simulation (same seed, same numbers).")
    ] = 1,
    params: Annotated[
        Path | None,
        typer.Option(
            "--params",
            help="A JSON file overriding the model's parameters (docs/forecast.md).",
            metavar="FILE.json",
        ),
    ] = None,
    add: Annotated[
        int,
        typer.Option("--add", help="What if: N more typical applications sent today.", metavar="N"),
    ] = 0,
    window: Annotated[
        int | None,
        typer.Option(
            "--window", help="Count only offers arriving within DAYS days.", metavar="DAYS"
        ),
    ] = None,
    decide: Annotated[
        int | None,
        typer.Option(
            "--decide-within",
            help="What if she decides DAYS days after the first offer (default 14): every "
            "process still open then is withdrawn.",
            metavar="DAYS",
        ),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Forecast the search: how many offers, when, how likely two are open at once, and how
    many more applications it would take.

    Simulates many possible futures of the open applications, from where each stands today,
    calibrated with your own outcomes so far (docs/forecast.md explains the model). Shows the
    number of offers, when they come, the chance two overlap, each application's chances,
    interview hours in the weeks ahead, how wide to go and the calibration. The same seed
    gives the same numbers.

    Example: widenet forecast --add 10 --window 42
    """
    from widenet.services import forecast as service

    with common.opened(db) as (store, moment):
        chosen = service.read_params(params) if params is not None else None
        with _progress(show=runs >= LONG_RUNS and _interactive()) as progress:
            view = service.forecast_search(
                store,
                moment,
                runs=runs,
                seed=seed,
                params=chosen,
                params_source=params.name if params is not None else None,
                add=add,
                window_days=window,
                decide_within=decide,
                progress=progress,
            )
    if json_out:
        common.print_json(view.to_json())
        return
    from widenet.cli import forecast_render

    common.console().print(forecast_render.forecast(view))


def _interactive() -> bool:
    """A person watches stderr (a bar there never mixes with the JSON on stdout)."""
    return sys.stderr.isatty()


@contextmanager
def _progress(*, show: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not show:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    columns = (BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=common.error_console(), transient=True) as bar:
        task = bar.add_task("Simulating", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def register(app: typer.Typer) -> None:
    app.command()(handle_errors(forecast))
