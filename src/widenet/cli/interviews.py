"""`widenet interview ...`: book, complete and list interviews."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, RoleOption, handle_errors

app = typer.Typer(no_args_is_help=True)


def _print(views: list[object], json_out: bool, zone: object) -> None:
    from widenet.cli import render

    if json_out:
        common.print_json(
            [
                {**common_plain(v.interview), "company": v.company.name, "role": v.role}  # type: ignore[attr-defined]
                for v in views
            ]
        )
    elif not views:
        common.console().print("[dim]No interviews.[/]")
    else:
        common.console().print(render.interview_table(views, zone))  # type: ignore[arg-type]


def common_plain(value: object) -> dict[str, object]:
    from widenet.services.views import to_plain

    result = to_plain(value)
    assert isinstance(result, dict)
    return result


@app.command("add")
@handle_errors
def add(
    company: Annotated[str, typer.Argument(help="Company name.")],
    at: Annotated[
        str,
        typer.Option(
            "--at", help="Start: 'YYYY-MM-DD HH:MM' in your time zone, or ISO with offset."
        ),
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help="recruiter, hiring_manager, technical, take_home, onsite or other."
        ),
    ] = "technical",
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Length; default by kind.")
    ] = None,
    prep: Annotated[
        int | None, typer.Option("--prep", help="Preparation minutes; default by kind.")
    ] = None,
    interviewers: Annotated[str, typer.Option("--with", help="Who interviews you.")] = "",
    notes: Annotated[str, typer.Option("--notes", help="Notes.")] = "",
    role: RoleOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Book (or log) an interview.

    Example: widenet interview add acme --kind technical --at "2026-11-03 14:00" --minutes 60
    """
    from widenet.parse import parse_datetime
    from widenet.services import interviews
    from widenet.track.model import InterviewKind

    with common.opened(db) as (store, moment):
        zone = moment.now.tzinfo
        view = interviews.add(
            store,
            moment,
            company=company,
            kind=common.choice(InterviewKind, kind, field="kind"),
            start=parse_datetime(at, zone=zone, today=moment.today, field="at"),  # type: ignore[arg-type]
            minutes=minutes,
            prep_minutes=prep,
            role=role,
            interviewers=interviewers,
            notes=notes,
        )
    if json_out:
        _print([view], True, zone)
        return
    from widenet.cli.render import when

    common.console().print(
        f"Booked interview {view.interview.id}: {view.interview.kind.value.replace('_', ' ')} "
        f"with {view.company.name} on {when(view.interview.start, zone)} "  # type: ignore[arg-type]
        f"({view.interview.minutes} min + {view.interview.prep_minutes} min preparation)."
    )


@app.command("done")
@handle_errors
def done(
    interview: Annotated[
        str, typer.Argument(help="Interview id, or a company (its latest past interview).")
    ],
    rating: Annotated[
        int | None, typer.Option("--rating", help="How it went, 1-4 (3+ means advance).")
    ] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="pass, fail or unknown.")] = None,
    questions: Annotated[str | None, typer.Option("--questions", help="What they asked.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes.")] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record how an interview went: your self-rating and, once known, the outcome.

    Example: widenet interview done 12 --rating 3 --outcome pass
    """
    from widenet.services import interviews
    from widenet.track.model import Outcome

    with common.opened(db) as (store, moment):
        view = interviews.complete(
            store,
            moment,
            interview=interview,
            self_rating=rating,
            outcome=common.choice(Outcome, outcome, field="outcome"),
            questions=questions,
            notes=notes,
        )
    if json_out:
        _print([view], True, moment.now.tzinfo)
    else:
        common.console().print(f"Recorded interview {view.interview.id} with {view.company.name}.")


@app.command("list")
@handle_errors
def list_(
    past: Annotated[bool, typer.Option("--past", help="Only interviews that took place.")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Past and upcoming.")] = False,
    company: Annotated[str | None, typer.Option("--company", help="Only this company.")] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List upcoming interviews (or past ones, or all).

    Example: widenet interview list --past --company acme
    """
    from widenet.services import interviews

    when = "all" if show_all else "past" if past else "upcoming"
    with common.opened(db) as (store, moment):
        views = interviews.listing(store, moment, when=when, company=company)
    _print(list(views), json_out, moment.now.tzinfo)
