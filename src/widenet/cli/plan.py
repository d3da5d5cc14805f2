"""`widenet plan` (and `plan show`) and `widenet timeline`: time the applications so practice
comes first and the offers land together, and record what recruiters say about timing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, NoteOption, OnOption, handle_errors

if TYPE_CHECKING:
    from widenet.services.plan_views import PlanView

plan_app = typer.Typer(invoke_without_command=True)


@plan_app.callback()
@handle_errors
def plan(
    ctx: typer.Context,
    window: Annotated[
        int | None,
        typer.Option(
            "--window",
            help="Days the onsites should fall within (default 14; with --replan, the "
            "saved plan's).",
            metavar="DAYS",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            help="First day of the search: week 1 and the ramp of the caps count from it "
            "(default: the schedule's search start).",
            metavar="DATE",
        ),
    ] = None,
    replan: Annotated[
        bool,
        typer.Option(
            "--replan",
            help="Re-plan from today, starting from the latest saved plan.",
        ),
    ] = False,
    hard_window: Annotated[
        bool,
        typer.Option(
            "--hard-window", help="Every onsite must fall inside the window (or say why not)."
        ),
    ] = False,
    time_limit: Annotated[
        float,
        typer.Option("--time-limit", help="Seconds the solver may take.", metavar="S"),
    ] = 10.0,
    refine: Annotated[
        bool,
        typer.Option(
            "--refine/--no-refine",
            help="After the solver, move apply days where simulated searches show two offers "
            "open together more often, within the caps (on by default).",
        ),
    ] = True,
    refine_seconds: Annotated[
        float,
        typer.Option(
            "--refine-seconds", help="Seconds the refinement may take at most.", metavar="S"
        ),
    ] = 5.0,
    problem: Annotated[
        Path | None,
        typer.Option(
            "--problem",
            help="Solve a stand-alone problem file (docs/planner.md) instead of your search; "
            "nothing is saved.",
            metavar="FILE.json",
        ),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Plan the search: when to apply to each company on the list, so the least-wanted
    companies' interviews come first (practice), the onsites fall in one window and the
    offers are open together, within your interview caps.

    Prints the plan week by week (apply to ..., expect a screen with ..., target onsite) with
    a reason per company, the solver's status, and how it compares with applying everywhere
    on day one and with a greedy rule (simulated chance of two offers open at once). After
    the solver, a refinement simulates candidate apply days and keeps those that make two
    open offers likelier, within the caps (--no-refine: the solver's plan as it is). Booked
    interviews keep their dates. The plan is saved: `widenet plan show` compares it with what
    happens, `--replan` re-plans from today. docs/planner.md explains the model.

    Example: widenet plan --window 14 --time-limit 10
    """
    if ctx.invoked_subcommand is not None:
        return
    from widenet.cli import plan_render

    if problem is not None:
        given = [window, start, replan, hard_window]
        view = _solve_file(problem, given, time_limit, refine, refine_seconds, db)
    else:
        from widenet.services import plan as service

        with common.opened(db) as (store, moment):
            view = service.plan_search(
                store,
                moment,
                window_days=window,
                start=common.parse_on(start, moment, field="start"),
                replan=replan,
                hard_window=hard_window,
                time_limit=time_limit,
                refine=refine,
                refine_seconds=refine_seconds,
            )
    if json_out:
        common.print_json(view.to_json())
        return
    common.console().print(plan_render.plan(view))


def _solve_file(
    path: Path,
    options: Sequence[object],
    time_limit: float,
    refine: bool,
    refine_seconds: float,
    db: str | None,
) -> PlanView:
    from widenet.errors import InvalidInput
    from widenet.services import plan as service
    from widenet.services.context import moment_for

    names = ("--window", "--start", "--replan", "--hard-window")
    given = [name for name, value in zip(names, options, strict=True) if value]
    if given:
        raise InvalidInput(
            f"{', '.join(given)} cannot go with --problem: the file sets the window and the "
            "start itself (window_days, window_hard, start, today).",
            field="problem",
        )
    today = moment_for(common.settings(db)).today
    return service.solve_problem_file(
        path, today=today, time_limit=time_limit, refine=refine, refine_seconds=refine_seconds
    )


@plan_app.command("show")
@handle_errors
def show(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Show the latest saved plan against what happened: per company the planned and the
    actual dates of applying, the onsite and the offer, and what is still ahead.

    Example: widenet plan show
    """
    from widenet.cli import plan_render
    from widenet.services import plan as service

    with common.opened(db) as (store, moment):
        found = service.show_plan(store, moment)
    if json_out:
        common.print_json(found.to_json())
        return
    common.console().print(plan_render.show(found))


def timeline(
    company: Annotated[str, typer.Argument(help="The company (a unique start of its name).")],
    stages: Annotated[
        list[str] | None,
        typer.Argument(
            help="STEP=DAYS: days from entering each step to the next, as the recruiter said "
            "(applied, recruiter, hiring_manager, technical, take_home, onsite, references).",
            metavar="STEP=DAYS...",
        ),
    ] = None,
    deadline: Annotated[
        int | None,
        typer.Option("--deadline", help="Days an offer stays open.", metavar="DAYS"),
    ] = None,
    note: NoteOption = "",
    on: OnOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record what a recruiter said about the process: days per step, and how long an offer
    stays open. The planner uses these instead of the defaults for the company's size; for
    each step the latest statement counts, and earlier ones are kept. Without STEP=DAYS or
    --deadline, shows what was said so far.

    Example: widenet timeline "Acme Robotics" recruiter=5 technical=7 onsite=10 --deadline 10
    """
    from widenet.cli import plan_render
    from widenet.services import lookup
    from widenet.services import plan as service

    with common.opened(db) as (store, moment):
        if not stages and deadline is None:
            view = service.timeline(store, lookup.company(store, company))
        else:
            view = service.record_timeline(
                store,
                moment,
                company=company,
                stages=stages or [],
                deadline=deadline,
                note=note,
                on=common.parse_on(on, moment),
            )
    if json_out:
        common.print_json(plan_render.timeline_json(view))
        return
    common.console().print(plan_render.timeline(view, recorded=bool(stages or deadline)))


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
    app.command()(handle_errors(timeline))
