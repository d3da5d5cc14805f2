"""Seeing the search in the terminal: funnel, flow, burndown, timelines, breakdowns, load,
learning curve, and the HTML report with every chart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, handle_errors

if TYPE_CHECKING:
    from widenet.analytics.result import Result


def _printed_as_json(result: Result, json_out: bool) -> bool:
    if json_out:
        common.print_json(result.to_json())
    return json_out


def funnel(
    all_stages: Annotated[
        bool,
        typer.Option(
            "--all-stages",
            help="A row for each optional step too (hiring manager, take-home, references).",
        ),
    ] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show the funnel: how far applications got, and how the others left.

    For each stage: how many applications reached it, the conversion from the stage above,
    and how the others left there (no response, rejected by reason, withdrawn, ghosted, still
    open). Counted by the furthest stage reached: a rejection after the onsite still counts as
    reaching the onsite.

    Example: widenet funnel --all-stages
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        result = analytics.funnel(store, moment, all_stages=all_stages)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.funnel(result, all_stages=all_stages))


def flow(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Show the flow (Sankey) of applications as a table of its bands.

    A terminal cannot draw the Sankey: it is in `widenet report`. Here each band is a row,
    how many applications went from one step to the next or to an exit; --json gives the
    chart's nodes and links.

    Example: widenet flow --json
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        result = analytics.flow(store, moment)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.flow(result))


def burndown(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Show how many open applications sat in each stage, week by week.

    A summary of the burndown chart, which is in `widenet report`: one stacked bar a week,
    and the most open at once. --json gives the counts of every day.

    Example: widenet burndown
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        result = analytics.burndown(store, moment)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.burndown(result))


def timelines(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Show process timelines, median days per stage, and reply time per company.

    One bar per application, one colour per stage, from applying to its end; then the median
    days spent in each stage, and how many days each company took to first reply.

    Example: widenet timelines
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        result = analytics.timelines(store, moment)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.timelines(result))


def breakdown(
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="source, size, valuation, market or role; default: one table for each.",
            show_default=False,
        ),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show which channels and kinds of company actually worked.

    Applications, responses, onsites, offers and response rate by source channel, company
    size, valuation, market or role family. A response means the application got past
    "applied"; a rejection e-mail is not a channel working.

    Example: widenet breakdown --by source
    """
    from widenet.services import analytics

    dimension = analytics.parse_dimension(by) if by is not None else None
    with common.opened(db) as (store, moment):
        result = analytics.breakdowns(store, moment, by=dimension)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.breakdowns(result))


def load(
    weeks: Annotated[
        int | None,
        typer.Option("--weeks", help="Only the last N weeks; default the whole search."),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show interview hours per day and per week against the daily caps.

    A calendar of hours per day, preparation included, with the days over the daily caps
    marked (caps ramp up over the first weeks of the search), and the weeks of the search.

    Example: widenet load --weeks 3
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        result = analytics.interview_load(store, moment, weeks=weeks)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.load(result))


def learning(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Show the learning curve, and how well your self-ratings matched the outcomes.

    Technical interviews by their order in the search, each passed or failed, with a smoothed
    pass rate and its 90% credible band; then the outcomes of interviews by self-rating.

    Example: widenet learning
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        result = analytics.learning_curve(store, moment)
    if not _printed_as_json(result, json_out):
        from widenet.cli import analytics_render as render

        common.console().print(render.learning(result))


def report(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write, e.g. search.html."),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if it already exists.")
    ] = False,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the report in the web browser.")
    ] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="The report's title.", show_default=False)
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Write every chart into one HTML file that opens offline.

    Plotly's JavaScript is inlined: the file needs no network. An existing file is never
    replaced without --force.

    Example: widenet report -o search.html --open
    """
    from widenet.services import analytics

    with common.opened(db) as (store, moment):
        path = analytics.save_report(store, moment, output, force=force, title=title)
    if json_out:
        common.print_json({"path": str(path), "bytes": path.stat().st_size})
    else:
        size = path.stat().st_size / 1_000_000
        common.console().print(f"Wrote the report to [bold]{path}[/] ({size:.1f} MB).")
    if open_it:
        import webbrowser

        webbrowser.open(path.as_uri())


def register(app: typer.Typer) -> None:
    for command in (funnel, flow, burndown, timelines, breakdown, load, learning, report):
        app.command()(handle_errors(command))
