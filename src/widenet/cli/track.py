"""Tracking commands: apply, move, the outcomes, undo, board and status."""

# No `from __future__ import annotations`: the outcome commands are built in a closure and
# Typer must evaluate their annotations there.

from typing import TYPE_CHECKING, Annotated

import typer

from widenet.cli import common
from widenet.cli.common import (
    DbOption,
    JsonOption,
    NoteOption,
    OnOption,
    RoleOption,
    handle_errors,
)

if TYPE_CHECKING:
    from widenet.services.views import ApplicationView

CompanyArg = Annotated[str, typer.Argument(help="Company name (any case, or a unique prefix).")]
ReopenOption = Annotated[bool, typer.Option("--reopen", help="Continue a process that was closed.")]


def _done(view: "ApplicationView", json_out: bool, verb: str) -> None:
    from rich.markup import escape

    from widenet.services.views import application_json

    if json_out:
        common.print_json(application_json(view))
        return
    status = view.status
    common.console().print(
        f"{verb} [bold]{escape(view.company.name)}[/] ({escape(view.application.role)}): "
        f"now [bold]{escape(status.current_name)}[/] since {status.since}."
    )


def apply(
    company: CompanyArg,
    role: Annotated[str, typer.Option("--role", help="The role applied for.")],
    family: Annotated[
        str, typer.Option("--family", help="Role family: backend, iOS, full-stack, data…")
    ] = "",
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="direct, referral, inbound_recruiter, alumni_recruiter, job_board, "
            "curated_list or network.",
        ),
    ] = "direct",
    referrer: Annotated[
        str | None, typer.Option("--referrer", help="Who referred you (a contact).")
    ] = None,
    url: Annotated[str, typer.Option("--url", help="The job posting.")] = "",
    on: OnOption = None,
    note: NoteOption = "",
    new: Annotated[
        bool, typer.Option("--new", help="Create the company even if a similar name exists.")
    ] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record an application; the company is created if it is new.

    Example: widenet apply "Acme Robotics" --role "Backend engineer" --referrer "Dana Lee"
    """
    from widenet.services import tracking
    from widenet.track.model import Source

    with common.opened(db) as (store, moment):
        view, created = tracking.apply_to(
            store,
            moment,
            company=company,
            role=role,
            role_family=family,
            source=common.choice(Source, source, field="source"),
            referrer=referrer,
            url=url,
            on=common.parse_on(on, moment),
            note=note,
            create=new,
        )
    if created and not json_out:
        common.console().print(f"Added company [bold]{view.company.name}[/].")
    _done(view, json_out, "Applied to")


def move(
    company: CompanyArg,
    stage: Annotated[
        str,
        typer.Argument(
            help="recruiter, hiring manager, technical, take-home, onsite, references, offer, "
            "ghosted — or your own name with --kind."
        ),
    ],
    on: OnOption = None,
    note: NoteOption = "",
    role: RoleOption = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="The kind of a stage you name yourself, e.g. technical."),
    ] = None,
    reopen: ReopenOption = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record that an application reached a stage (stages may be skipped forward).

    Example: widenet move acme onsite --on 2026-11-03 --note "4 rounds"
    """
    from widenet.services import tracking
    from widenet.track.stages import Stage

    with common.opened(db) as (store, moment):
        view = tracking.move(
            store,
            moment,
            company=company,
            stage=stage,
            on=common.parse_on(on, moment),
            note=note,
            role=role,
            kind=common.choice(Stage, kind, field="kind"),
            reopen=reopen,
        )
    _done(view, json_out, "Moved")


def _outcome_command(outcome: str, verb: str, reason_help: str, example: str) -> object:
    def command(
        company: CompanyArg,
        reason: Annotated[str, typer.Option("--reason", help=reason_help)] = "",
        on: OnOption = None,
        note: NoteOption = "",
        role: RoleOption = None,
        reopen: ReopenOption = False,
        json_out: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        from widenet.services import tracking
        from widenet.track.stages import Stage

        with common.opened(db) as (store, moment):
            view = tracking.close(
                store,
                moment,
                company=company,
                outcome=Stage(outcome),
                reason=reason,
                on=common.parse_on(on, moment),
                note=note,
                role=role,
                reopen=reopen,
            )
        _done(view, json_out, verb)

    command.__doc__ = f"{verb.capitalize()} …\n\nExample: {example}"
    return command


_OUTCOMES = [
    (
        "reject",
        "rejected",
        "Record that the company turned you down.",
        "no_response, role_filled, skills_mismatch, not_a_fit, failed_interview or other.",
        "widenet reject acme --reason role_filled",
    ),
    (
        "withdraw",
        "withdrawn",
        "Record that you withdrew from a process.",
        "Why you withdrew (free text).",
        'widenet withdraw acme --reason "onsite elsewhere first"',
    ),
    (
        "ghost",
        "ghosted",
        "Confirm that a quiet process is ghosted (the board flags candidates).",
        "Optional note on the silence.",
        "widenet ghost acme",
    ),
    (
        "decline",
        "declined",
        "Record that you declined an offer.",
        "Why you declined.",
        'widenet decline acme --reason "accepted elsewhere"',
    ),
    (
        "accept",
        "accepted",
        "Record that you accepted an offer.",
        "Optional note.",
        "widenet accept acme",
    ),
]


def undo(
    company: CompanyArg, role: RoleOption = None, json_out: JsonOption = False, db: DbOption = None
) -> None:
    """Remove the latest event of an application (a copy stays in the audit log).

    Example: widenet undo acme
    """
    from rich.markup import escape

    from widenet.services import tracking
    from widenet.services.views import application_json

    with common.opened(db) as (store, moment):
        removed, view = tracking.undo(store, moment, company=company, role=role)
    if json_out:
        common.print_json(
            {"removed": removed, "application": application_json(view) if view else None}
        )
        return
    out = common.console()
    out.print(f"Removed '{escape(removed.display)}' of {removed.on} (kept in the audit log).")
    if view is None:
        out.print("That was the application's first event, so the application is removed too.")
    else:
        _done(view, False, "Back to")


def board(
    show_all: Annotated[bool, typer.Option("--all", help="Add the closed applications.")] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show the board: a column per stage, a card per open application, and the schedule's
    warnings (days over a cap, no buffer, onsites too close, no time to prepare).

    Example: widenet board --all
    """
    from widenet.cli import render, schedule_render
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        data = schedule.board(store, moment)
    if json_out:
        result = _board_json(data.board, include_closed=show_all)
        result["warnings"] = schedule_render.warnings_json(data.warnings)
        common.print_json(result)
        return
    out = common.console()
    out.print(render.board(data.board, moment.now.tzinfo, show_closed=show_all))  # type: ignore[arg-type]
    if data.warnings:
        limit = schedule_render.BOARD_WARNINGS_SHOWN
        out.print(schedule_render.warning_lines(data.warnings, limit=limit))


def _board_json(data: object, *, include_closed: bool) -> dict[str, object]:
    from widenet.services.views import status_json
    from widenet.track.board import Board, Card

    assert isinstance(data, Board)

    def card(c: Card) -> dict[str, object]:
        return {
            "application_id": c.application_id,
            "company": c.company,
            "role": c.role,
            "source": c.source.value,
            "excitement": c.excitement,
            **status_json(c.status),
        }

    result: dict[str, object] = {
        "columns": [
            {"stage": col.stage.value, "cards": [card(c) for c in col.cards]}
            for col in data.columns
        ]
    }
    if include_closed:
        result["closed"] = [card(c) for c in data.closed]
    return result


def status(
    company: CompanyArg, role: RoleOption = None, json_out: JsonOption = False, db: DbOption = None
) -> None:
    """Show the timeline of a company's applications: every event and interview.

    Example: widenet status acme
    """
    from widenet.cli import render
    from widenet.services import tracking
    from widenet.services.views import application_json

    with common.opened(db) as (store, moment):
        detail = tracking.company_detail(store, company, moment)
    views = [
        view
        for view in detail.applications
        if role is None or view.application.role.casefold().startswith(role.casefold())
    ]
    if json_out:
        common.print_json([application_json(view) for view in views])
        return
    out = common.console()
    out.print(render.company_header(detail.company))
    if not views:
        out.print("[dim]No applications yet.[/]")
    for view in views:
        out.print(render.timeline(view, moment.now.tzinfo))  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    app.command()(handle_errors(apply))
    app.command()(handle_errors(move))
    for name, outcome, summary, reason_help, example in _OUTCOMES:
        command = _outcome_command(outcome, name, reason_help, example)
        command.__doc__ = f"{summary}\n\nExample: {example}"
        app.command(name)(handle_errors(command))  # type: ignore[arg-type]
    app.command()(handle_errors(undo))
    app.command()(handle_errors(board))
    app.command()(handle_errors(status))
