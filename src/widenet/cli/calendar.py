"""`widenet calendar ...`: export and import .ics files, the subscription feed, CalDAV sync."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, RoleOption, handle_errors

app = typer.Typer(no_args_is_help=True)


@app.command("export")
@handle_errors
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default stdout.")
    ] = None,
    prep: Annotated[
        bool, typer.Option("--prep", help="Add an event for each preparation block.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export every interview as an .ics file for a calendar app (importing it again
    updates the events rather than duplicating them).

    Example: widenet calendar export -o search.ics --prep
    """
    from widenet.services import calendar

    with common.opened(db) as (store, moment):
        data = calendar.export_calendar(store, moment, include_prep=prep)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    calendar.write_file(output, data)
    common.error_console().print(f"Wrote {output}.")


@app.command("import")
@handle_errors
def import_(
    file: Annotated[Path, typer.Argument(help="An .ics invite (or a widenet export).")],
    company: Annotated[
        str | None,
        typer.Option("--company", help="The company the invites are from (else guessed)."),
    ] = None,
    role: RoleOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Create or update interviews from an .ics invite, matched by UID: importing twice
    changes nothing. Invites no company matches are listed, not guessed.

    Example: widenet calendar import invite.ics --company acme
    """
    from widenet.cli import calendar_render
    from widenet.services import calendar

    data = calendar.read_file(file)
    with common.opened(db) as (store, moment):
        result = calendar.import_invites(store, moment, data, company=company, role=role)
    if json_out:
        common.print_json(calendar_render.import_json(result))
    else:
        common.console().print(calendar_render.import_summary(file.name, result))


@app.command("sync")
@handle_errors
def sync(
    url: Annotated[str, typer.Option("--url", help="The CalDAV server (or account) URL.")],
    user: Annotated[str, typer.Option("--user", help="Your user name on the server.")],
    calendar_name: Annotated[
        str, typer.Option("--calendar", help="The calendar to sync (made when missing).")
    ] = "widenet",
    prefer: Annotated[
        str | None,
        typer.Option("--prefer", help="Settle conflicts: local (widenet wins) or calendar."),
    ] = None,
    delete_removed: Annotated[
        bool,
        typer.Option("--delete-removed", help="Delete events of interviews removed from widenet."),
    ] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Two-way sync with a CalDAV calendar: push interviews, pull time changes made in the
    calendar; conflicts are reported, never overwritten. The password comes from
    WIDENET_CALDAV_PASSWORD or a hidden prompt, never from the command line.

    Example: widenet calendar sync --url https://dav.example.com/ --user ada --calendar Interviews
    """
    from widenet.cli import calendar_render
    from widenet.services import calendar

    config = common.settings(db)
    secret = config.caldav_password
    password = (
        secret.get_secret_value()
        if secret is not None
        else typer.prompt(f"CalDAV password for {user}", hide_input=True, err=True)
    )
    with common.opened(db) as (store, moment):
        done = calendar.sync(
            store,
            moment,
            url=url,
            username=user,
            password=password,
            calendar_name=calendar_name,
            prefer=prefer,
            delete_removed=delete_removed,
        )
    if json_out:
        common.print_json(calendar_render.sync_json(done))
    else:
        common.console().print(calendar_render.sync_summary(done))
    if done.report.failed:
        raise typer.Exit(1)  # after the state of what did work was stored


@app.command("feed")
@handle_errors
def feed(
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Make a new link; the old one stops working.")
    ] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show the private link of your subscription feed (interviews and preparation blocks,
    served by the web server).

    Example: widenet calendar feed --rotate
    """
    from widenet.services import calendar

    config = common.settings(db)
    with common.opened(db) as (store, moment):
        where = calendar.feed_location(store, moment, rotate=rotate)
    url = f"http://{config.host}:{config.port}{where.path}"
    if json_out:
        common.print_json({"token": where.token, "path": where.path, "url": url})
        return
    out = common.console()
    if rotate:
        out.print("Made a new feed link; the old one no longer works.")
    out.print(f"Feed path: {where.path}")
    out.print(f"Subscribe to {url} while the web server runs.", soft_wrap=True)
    out.print(
        "[dim]Anyone with the link sees your interviews; `widenet calendar feed --rotate` "
        "replaces it.[/]"
    )


def register(root: typer.Typer) -> None:
    root.add_typer(
        app, name="calendar", help="Calendar files, the subscription feed and CalDAV sync."
    )
