"""`widenet hours`, `widenet caps`, `widenet windows` and `widenet week`: keep the days humane."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, handle_errors

hours_app = typer.Typer(invoke_without_command=True)
caps_app = typer.Typer(invoke_without_command=True)


def _show_hours(settings: Any, json_out: bool) -> None:
    from widenet.cli import schedule_render

    if json_out:
        common.print_json(schedule_render.settings_json(settings))
    else:
        common.console().print(schedule_render.hours(settings))


def _show_caps(settings: Any, json_out: bool, today: Any) -> None:
    from widenet.cli import schedule_render

    if json_out:
        common.print_json(schedule_render.settings_json(settings))
    else:
        common.console().print(schedule_render.caps(settings, today=today))


@hours_app.callback()
@handle_errors
def hours(ctx: typer.Context, json_out: JsonOption = False, db: DbOption = None) -> None:
    """Your hours for interviews: weekly hours, time zone, blocked periods, preparation, buffer.

    Without a subcommand, shows them.

    Example: widenet hours
    """
    if ctx.invoked_subcommand is not None:
        return
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.get_settings(store, moment)
    _show_hours(settings, json_out)


@hours_app.command("set")
@handle_errors
def hours_set(
    days: Annotated[
        str | None, typer.Argument(help="Days: mon-fri, sat,sun, weekdays, weekend, daily.")
    ] = None,
    stretches: Annotated[
        str | None,
        typer.Argument(help="Hours: 09:00-17:00, 9-12,13-18, or off.", metavar="HOURS"),
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Your time zone (IANA name, e.g. Europe/Berlin).")
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Set the hours of some days (others keep theirs) and/or your time zone.

    Example: widenet hours set mon-fri 09:00-17:00 --tz Europe/Berlin
    """
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.set_hours(store, moment, days=days, hours=stretches, time_zone=tz)
    _show_hours(settings, json_out)


@hours_app.command("block")
@handle_errors
def hours_block(
    period: Annotated[
        str,
        typer.Argument(
            help="2026-12-24..2026-12-26 (whole days), 2026-12-24, or '2026-12-02 14:00..16:00'."
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why (holidays, dentist…).")] = "",
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Take a period out of your hours: no window is offered in it.

    Example: widenet hours block 2026-12-24..2026-12-26 --reason holidays
    """
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.block(store, moment, period=period, reason=reason)
    _show_hours(settings, json_out)


@hours_app.command("unblock")
@handle_errors
def hours_unblock(
    number: Annotated[int, typer.Argument(help="The period's number in `widenet hours`.")],
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Give a blocked period back.

    Example: widenet hours unblock 1
    """
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.unblock(store, moment, number=number)
    _show_hours(settings, json_out)


@hours_app.command("prep")
@handle_errors
def hours_prep(
    minutes: Annotated[
        list[str],
        typer.Argument(
            help="KIND=MINUTES: recruiter, hiring_manager, technical, take_home, onsite, other."
        ),
    ],
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Set the preparation time kept free before each kind of interview.

    Example: widenet hours prep technical=60 recruiter=30
    """
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.set_prep(store, moment, minutes=minutes)
    _show_hours(settings, json_out)


@hours_app.command("buffer")
@handle_errors
def hours_buffer(
    minutes: Annotated[int, typer.Argument(help="Minutes between interviews (0-120).")],
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Set the buffer to decompress between one interview and the next one's preparation.

    Example: widenet hours buffer 20
    """
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.set_buffer(store, moment, minutes=minutes)
    _show_hours(settings, json_out)


@caps_app.callback()
@handle_errors
def caps(ctx: typer.Context, json_out: JsonOption = False, db: DbOption = None) -> None:
    """Daily caps on interviews that ramp up from the search start date.

    Without a subcommand, shows them and the caps of each week.

    Example: widenet caps
    """
    if ctx.invoked_subcommand is not None:
        return
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.get_settings(store, moment)
    _show_caps(settings, json_out, moment.today)


@caps_app.command("set")
@handle_errors
def caps_set(
    values: Annotated[
        list[str] | None,
        typer.Argument(
            help="NAME=NUMBER: first_week_recruiter_calls, first_week_technical, "
            "interviews_per_day, technical_per_day, ramp_weeks, onsites_per_day, "
            "rest_days_after_onsite.",
            metavar="[NAME=NUMBER]...",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            help="The search start date the ramp counts from; 'auto' = first application.",
            metavar="DATE",
        ),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change daily caps and/or the date the ramp counts from.

    Example: widenet caps set interviews_per_day=3 technical_per_day=1 --start 2026-11-02
    """
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        settings = schedule.set_caps(store, moment, caps=values or (), start=start)
    _show_caps(settings, json_out, moment.today)


def windows(
    company: Annotated[str, typer.Argument(help="Company name (any case, or a unique prefix).")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help="recruiter, hiring_manager, technical, take_home, onsite or other."
        ),
    ] = "recruiter",
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Length of the interview; default by kind.")
    ] = None,
    days: Annotated[int, typer.Option("--days", help="Look over the next N days with hours.")] = 5,
    count: Annotated[int, typer.Option("--count", help="How many windows to offer.")] = 3,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="The recruiter's time zone (IANA name), e.g. America/New_York."),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Propose windows for a recruiter, ready to paste into an e-mail, and record them as
    offered (windows for others may overlap; bookings never do).

    Example: widenet windows acme --kind technical --minutes 60 --days 5 --tz America/New_York
    """
    from widenet.cli import schedule_render
    from widenet.services import schedule
    from widenet.track.model import InterviewKind

    with common.opened(db) as (store, moment):
        offer = schedule.propose(
            store,
            moment,
            company=company,
            kind=common.choice(InterviewKind, kind, field="kind"),
            minutes=minutes,
            days=days,
            count=count,
            recruiter_time_zone=tz,
        )
    if json_out:
        common.print_json(schedule_render.offer_json(offer))
        return
    sys.stdout.write(offer.text + "\n")  # plain text, nothing but what goes in the e-mail
    common.error_console().print(schedule_render.offer_note(offer), soft_wrap=True)


def week(
    day: Annotated[
        str | None,
        typer.Argument(help="Any day of the week to show (YYYY-MM-DD, +1w…); default this week."),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show a week: each day's interviews, preparation blocks, load, caps and warnings.

    Example: widenet week +1w
    """
    from widenet.cli import schedule_render
    from widenet.services import schedule

    with common.opened(db) as (store, moment):
        shown = schedule.week(store, moment, common.parse_on(day, moment, field="day"))
    if json_out:
        common.print_json(schedule_render.week_json(shown))
    else:
        common.console().print(schedule_render.week(shown))


def register(app: typer.Typer) -> None:
    app.add_typer(hours_app, name="hours")
    app.add_typer(caps_app, name="caps")
    app.command()(handle_errors(windows))
    app.command()(handle_errors(week))
