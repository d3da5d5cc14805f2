"""`widenet import` and `widenet export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, handle_errors


def import_(
    file: Annotated[
        Path, typer.Argument(help="A .csv (one row per application) or a .json export.")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv or json; default from the file name.")
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Import a spreadsheet tracker (CSV) or a widenet JSON export; all or nothing.

    Example: widenet import tracker.csv
    """
    from widenet.services import transfer

    kind = transfer.format_of(file, fmt)
    text = transfer.read_text(file)
    with common.opened(db) as (store, moment):
        counts = transfer.import_text(store, moment, text, fmt=kind)
    if json_out:
        common.print_json(counts)
    else:
        summary = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items())
        common.console().print(f"Imported {file.name}: {summary}.")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or json.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default stdout.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export the search: CSV (one row per application) or JSON (everything).

    Example: widenet export --format json -o search.json
    """
    from widenet.services import transfer
    from widenet.services.files import check_target, write_new

    kind = transfer.format_of(Path(f"x.{fmt}"), fmt)
    if output is not None:
        check_target(output.expanduser(), force=force, example=f"search.{kind}")
    with common.opened(db) as (store, moment):
        text = transfer.export_text(store, moment, fmt=kind)
    if output is None:
        sys.stdout.write(text)
        return
    written = write_new(output, text, force=force)
    common.error_console().print(f"Wrote {written}.")


def register(app: typer.Typer) -> None:
    app.command("import")(handle_errors(import_))
    app.command()(handle_errors(export))
