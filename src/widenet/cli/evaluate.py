"""Evaluation commands: rate, ratings, questions, ask, decide, and the criteria and weights."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, OnOption, handle_errors

CompanyArg = Annotated[str, typer.Argument(help="Company name (any case, or a unique prefix).")]

criteria_app = typer.Typer(no_args_is_help=False, invoke_without_command=True)


def rate(
    company: CompanyArg,
    scores: Annotated[
        list[str],
        typer.Argument(
            help="criterion=score pairs, 1 (poor) to 5 (excellent): team=4 manager=3 wlb=2.",
            show_default=False,
        ),
    ],
    after: Annotated[
        str | None,
        typer.Option(
            "--after",
            help="The stage or event the ratings follow (recruiter, onsite, your own step name, "
            "or any label); default: the stage the process had reached that day.",
        ),
    ] = None,
    confidence: Annotated[
        str | None,
        typer.Option(
            "--confidence",
            help="low (a guess), medium (told by someone inside; default) or high (seen first "
            "hand).",
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Why, in a few words.")] = "",
    on: OnOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Rate a company on your criteria after a stage; earlier ratings stay in its history.

    Example: widenet rate acme team=4 manager=3 --after onsite --note "manager was great"
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        result = evaluate.rate(
            store,
            moment,
            company=company,
            scores=scores,
            after=after,
            confidence=confidence,
            note=note,
            on=common.parse_on(on, moment),
        )
    if json_out:
        common.print_json(result)
        return
    common.console().print(render.rated(result))


def ratings(company: CompanyArg, json_out: JsonOption = False, db: DbOption = None) -> None:
    """Show how your view of a company moved: ratings per criterion, the score over time, and
    the biggest changes with the stage that caused them.

    Example: widenet ratings acme
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        view = evaluate.ratings(store, moment, company)
    if json_out:
        common.print_json(view)
        return
    common.console().print(render.ratings(view))


def questions(
    company: CompanyArg,
    limit: Annotated[
        int, typer.Option("--limit", help="How many unknown criteria to list.", min=1)
    ] = 3,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """What to ask a company next: the criteria still unknown before its next stage (never
    rated, or rated with low confidence) with questions to ask, and what you asked already.
    Record an answer with `widenet ask`.

    Example: widenet questions acme
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        view = evaluate.questions(store, moment, company, limit=limit)
    if json_out:
        common.print_json(view)
        return
    common.console().print(render.questions(view))


def ask(
    company: CompanyArg,
    question: Annotated[
        str,
        typer.Argument(
            help="A question id from `widenet questions` (manager-3), or your own words."
        ),
    ],
    answer: Annotated[str, typer.Option("--answer", help="What you were told.")] = "",
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Where you asked (recruiter, onsite, …); default: the current stage."
        ),
    ] = None,
    criterion: Annotated[
        str | None,
        typer.Option("--criterion", help="The criterion your own question informs."),
    ] = None,
    on: OnOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record that you asked a company a question, where, and the answer.

    Example: widenet ask acme manager-1 --answer "weekly, 30 minutes" --at "hiring manager"
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        entry = evaluate.ask(
            store,
            moment,
            company=company,
            question=question,
            answer=answer,
            at=at,
            criterion=criterion,
            on=common.parse_on(on, moment),
        )
    if json_out:
        common.print_json(entry)
        return
    common.console().print(render.asked(entry))


def decide(
    seed: Annotated[
        int,
        typer.Option("--seed", help="Seed of the random weight nudges (same seed, same figures)."),
    ] = 7,
    companies: Annotated[
        list[str] | None,
        typer.Option(
            "--company",
            "-c",
            help="Compare these companies instead of those still in play (repeat the option).",
        ),
    ] = None,
    offer_weight: Annotated[
        float,
        typer.Option(
            "--offer-weight",
            help="Weight of the offers' 4-year risk-adjusted value, like a criterion's "
            "(default 0: shown beside the scores).",
        ),
    ] = 0.0,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Rank the companies still in play (an open application) on your weighted criteria, and
    show how firm the first choice is: which weight change would change it, and how often it
    survives every weight nudged by up to ±25%.

    Example: widenet decide --seed 7
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        view = evaluate.decide(
            store,
            moment,
            seed=evaluate.DEFAULT_SEED if seed is None else seed,
            companies=companies or (),
            offer_weight=offer_weight,
        )
    if json_out:
        common.print_json(view)
        return
    common.console().print(render.decision(view))


@criteria_app.callback()
@handle_errors
def criteria(ctx: typer.Context, json_out: JsonOption = False, db: DbOption = None) -> None:
    """List your criteria and weights; `criteria set` changes weights, `criteria add` adds one.

    Example: widenet criteria --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, _):
        view = evaluate.criteria(store)
    if json_out:
        common.print_json(view)
        return
    common.console().print(render.criteria(view))


@criteria_app.command("set")
@handle_errors
def set_weights(
    weights: Annotated[
        list[str],
        typer.Argument(
            help="criterion=weight pairs (relative: only ratios matter; 0 switches one off).",
            show_default=False,
        ),
    ],
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change weights; the earlier ones are kept in the audit log.

    Example: widenet criteria set team=4 growth=3 location=0
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        view = evaluate.set_weights(store, moment, weights)
    if json_out:
        common.print_json(view)
        return
    common.console().print(render.criteria(view))


@criteria_app.command("add")
@handle_errors
def add_criterion(
    name: Annotated[str, typer.Argument(help="Its name, e.g. commute.")],
    weight: Annotated[float, typer.Option("--weight", help="How much it matters.")] = 1.0,
    label: Annotated[str, typer.Option("--label", help="How it is shown.")] = "",
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add a criterion of your own; rate it like the others.

    Example: widenet criteria add commute --weight 2 --label "Commute time"
    """
    from widenet.cli import evaluate_render as render
    from widenet.services import evaluate

    with common.opened(db) as (store, moment):
        view = evaluate.add_criterion(store, moment, name=name, weight=weight, label=label)
    if json_out:
        common.print_json(view)
        return
    common.console().print(render.criteria(view))


def register(app: typer.Typer) -> None:
    for command in (rate, ratings, questions, ask, decide):
        app.command()(handle_errors(command))
    app.add_typer(criteria_app, name="criteria", help=criteria.__doc__)
