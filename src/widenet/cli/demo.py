"""`widenet demo`: build the demo search in a database of its own and show its board."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, handle_errors


def demo(
    seed: Annotated[int, typer.Option("--seed", help="Seed of the invented search.")] = 7,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help="Pretend today is this date (the search ends the day before)."
        ),
    ] = None,
    day: Annotated[
        int,
        typer.Option(
            "--day",
            help="Show the search as it stood on this day (1-48), in full swing; "
            "default: all seven weeks.",
        ),
    ] = 48,
    db: DbOption = None,
) -> None:
    """Build a realistic 7-week demo search (43 invented companies) in its own database file.

    It never touches your own database: by default it goes to demo.db in the data directory.

    Example: widenet demo --seed 7
    """
    from pathlib import Path

    from widenet.cli import render
    from widenet.parse import parse_date
    from widenet.services import demo as demo_service
    from widenet.services import tracking
    from widenet.services.context import moment_for, open_store, settings_for

    user_settings = settings_for(None)
    moment = moment_for(user_settings)
    today_ = parse_date(today, today=moment.today, field="today") if today else moment.today
    target = Path(db) if db else demo_service.default_path(user_settings.data_dir)
    path = demo_service.recreate(
        target,
        user_url=user_settings.url,
        seed=seed,
        today=today_,
        zone=user_settings.zone,
        day=day,
    )
    demo_settings = settings_for(str(path))
    with open_store(demo_settings) as store:
        board = tracking.board(store, moment_for(demo_settings))
    out = common.console()
    out.print(render.board(board, user_settings.zone, show_closed=False))
    out.print(f"\nDemo search written to [bold]{path}[/] (seed {seed}).")
    out.print(
        f"Explore it: [bold]widenet --db {path} board --all[/], "
        f"[bold]widenet --db {path} status <company>[/]"
    )


def register(app: typer.Typer) -> None:
    app.command()(handle_errors(demo))
