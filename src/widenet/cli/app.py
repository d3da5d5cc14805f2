"""The `widenet` command: a thin layer that parses, calls one service and renders."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet import __version__
from widenet.cli import (
    analytics,
    calendar,
    common,
    companies,
    contacts,
    demo,
    evaluate,
    forecast,
    interviews,
    offers,
    plan,
    schedule,
    serve,
    track,
    transfer,
)
from widenet.cli.common import DbOption, handle_errors

app = typer.Typer(
    name="widenet",
    help="Run a broad, methodical job search: track every application, see the funnel, "
    "and keep the days humane.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"widenet {__version__}")
        raise typer.Exit


@app.callback()
def root(
    db: DbOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """widenet keeps a whole job search in a local database and shows it.

    Example: widenet board
    """
    common.STATE.db = db


@app.command()
@handle_errors
def init(db: DbOption = None) -> None:
    """Create (or upgrade) the database and say where it is.

    Example: widenet init --db ~/search.db
    """
    from widenet.services.context import open_database

    config = common.settings(db)
    database = open_database(config)
    database.user_id()
    where = database.describe()
    database.dispose()
    common.console().print(f"Database ready at [bold]{where}[/].")


app.add_typer(companies.app, name="company", help="Add, list, show and edit companies.")
app.add_typer(interviews.app, name="interview", help="Book, complete and list interviews.")
app.add_typer(contacts.app, name="contact", help="Recruiters, referrers and other contacts.")
track.register(app)
transfer.register(app)
demo.register(app)
evaluate.register(app)
analytics.register(app)

offers.register(app)

forecast.register(app)
plan.register(app)

schedule.register(app)
calendar.register(app)
serve.register(app)


def main() -> None:
    app()
