"""What every command shares: the --db and --json options, error reporting, output."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from widenet.config import Settings
    from widenet.services.context import Store
    from widenet.services.tracking import Moment

P = ParamSpec("P")
R = TypeVar("R")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file (or SQLAlchemy URL) to use instead of the default.",
        show_default=False,
        metavar="PATH",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
RoleOption = Annotated[
    str | None,
    typer.Option("--role", help="Which application, when the company has several."),
]
NoteOption = Annotated[str, typer.Option("--note", help="A note kept with the event.")]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        help="Date (YYYY-MM-DD, 'today', 'yesterday', '-3d'); default today.",
        metavar="DATE",
    ),
]


MAX_PROBLEMS_SHOWN = 50


class _State:
    db: str | None = None


STATE = _State()


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def error_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn widenet's errors into a red message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from widenet.errors import WidenetError

        try:
            return func(*args, **kwargs)
        except WidenetError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def report(exc: Any) -> None:
    from rich.markup import escape

    err = error_console()
    field = getattr(exc, "field", None)
    prefix = f"{field.replace('_', ' ')}: " if field else ""
    err.print(f"[bold red]Error:[/] {escape(prefix + exc.message)}")
    listed = [p for p in exc.problems if p.message != exc.message]
    for problem in listed[:MAX_PROBLEMS_SHOWN]:
        err.print(f"  [red]•[/] {escape(problem.describe())}")
    if len(listed) > MAX_PROBLEMS_SHOWN:
        err.print(f"  … and {len(listed) - MAX_PROBLEMS_SHOWN} more (fix these and run again)")
    if exc.hint:
        err.print(f"[yellow]{escape(exc.hint)}[/]")


def settings(db: str | None) -> Settings:
    from widenet.services.context import settings_for

    return settings_for(db if db is not None else STATE.db)


@contextmanager
def opened(db: str | None) -> Iterator[tuple[Store, Moment]]:
    """The user's search for one command, in one transaction."""
    from widenet.services.context import moment_for, open_store

    config = settings(db)
    with open_store(config) as store:
        yield store, moment_for(config)


def print_json(data: Any) -> None:
    """JSON on stdout: indented for a person at a terminal, compact for a pipe."""
    from widenet.services.views import json_default

    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, indent=indent, ensure_ascii=False, default=json_default))
    sys.stdout.write("\n")


def parse_on(text: str | None, moment: Moment, *, field: str = "on") -> Any:
    from widenet.parse import parse_date

    return None if text is None else parse_date(text, today=moment.today, field=field)


def choice(enum: Any, text: str | None, *, field: str) -> Any:
    from widenet.parse import parse_choice

    return None if text is None else parse_choice(enum, text, field=field)
