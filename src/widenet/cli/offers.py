"""Offer commands: `offer add/revise/show/value`, `offers`, `market ...` and `negotiate`."""

# No `from __future__ import annotations`: Typer reads the annotations of the commands.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, NoteOption, OnOption, RoleOption, handle_errors

if TYPE_CHECKING:
    from widenet.services.offer_terms import OfferTerms
    from widenet.services.tracking import Moment

offer_app = typer.Typer(no_args_is_help=True)
market_app = typer.Typer(no_args_is_help=True)

CompanyArg = Annotated[str, typer.Argument(help="Company name (any case, or a unique prefix).")]
Text = str | None


def _option(name: str, help_text: str, metavar: str) -> Any:
    return typer.Option(name, help=help_text, metavar=metavar, show_default=False)


Base = Annotated[Text, _option("--base", "Yearly base salary, e.g. 185000.", "AMOUNT")]
Currency = Annotated[Text, _option("--currency", "ISO code of the offer (default USD).", "CODE")]
SignOn = Annotated[Text, _option("--sign-on", "Sign-on bonus, paid in year 1.", "AMOUNT")]
Bonus = Annotated[Text, _option("--bonus", "Yearly bonus target, percent of base: 10%.", "PCT")]
Relocation = Annotated[Text, _option("--relocation", "Relocation package.", "AMOUNT")]
Rsu = Annotated[Text, _option("--rsu", "RSU grant value (all years together).", "AMOUNT")]
Vesting = Annotated[
    Text,
    _option(
        "--vesting",
        "Vesting of the RSUs/options: a preset (25/25/25/25, 5/15/40/40, 33/33/22/12, "
        "40/30/20/10) or yearly percentages like 30/30/20/20 (1-year cliff, monthly).",
        "SCHEDULE",
    ),
]
Options = Annotated[Text, _option("--options", "Number of stock options.", "N")]
Strike = Annotated[Text, _option("--strike", "Strike (exercise) price per option.", "PRICE")]
Preferred = Annotated[Text, _option("--preferred", "Latest preferred price per share.", "PRICE")]
Fmv = Annotated[Text, _option("--409a", "409A fair market value per share.", "PRICE")]
FullyDiluted = Annotated[Text, _option("--fully-diluted", "Fully diluted share count.", "N")]
Ownership = Annotated[
    Text, _option("--ownership", "Or: the options as a percent of the company.", "PCT")
]
OptionKind = Annotated[Text, _option("--option-kind", "iso (default) or nso.", "KIND")]
StageOpt = Annotated[
    Text,
    _option(
        "--stage",
        "Company stage for the exit scenarios: seed, series_a_b, growth, unicorn, decacorn, "
        "public (default: the company's valuation band).",
        "STAGE",
    ),
]
Level = Annotated[Text, _option("--level", "Level, e.g. Senior: picks market data.", "LEVEL")]
Location = Annotated[
    Text, _option("--location", "Location (default: the company's): picks market data.", "PLACE")
]
Deadline = Annotated[Text, _option("--deadline", "Answer due by this date.", "DATE")]
Start = Annotated[
    Text, _option("--start", "Start date (default four weeks after the offer).", "DATE")
]
FileOpt = Annotated[
    Path | None,
    typer.Option("--file", help="An offer file (JSON, docs/offers.md); options override it."),
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed of the equity simulation (same seed, same numbers).")
]


def _terms(moment: "Moment", **values: Any) -> "OfferTerms":
    from widenet.services.offer_terms import OfferTerms

    dates = {
        name: common.parse_on(values.pop(name), moment, field=name)
        for name in ("offer_date", "deadline", "start_date")
    }
    return OfferTerms(**values, **dates)


@offer_app.command("add")
@handle_errors
def add(
    company: CompanyArg,
    base: Base = None,
    currency: Currency = None,
    sign_on: SignOn = None,
    bonus: Bonus = None,
    relocation: Relocation = None,
    rsu: Rsu = None,
    vesting: Vesting = None,
    options: Options = None,
    strike: Strike = None,
    preferred: Preferred = None,
    fmv_409a: Fmv = None,
    fully_diluted: FullyDiluted = None,
    ownership: Ownership = None,
    option_kind: OptionKind = None,
    stage: StageOpt = None,
    level: Level = None,
    location: Location = None,
    on: OnOption = None,
    deadline: Deadline = None,
    start: Start = None,
    file: FileOpt = None,
    move_to_offer: Annotated[
        bool,
        typer.Option("--move-to-offer", help="Also record that the application reached the offer."),
    ] = False,
    note: NoteOption = "",
    role: RoleOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record an offer for an application at the offer stage (options or an offer file).

    Example: widenet offer add acme --base 185000 --rsu 400000 --vesting 25/25/25/25
    """
    from widenet.cli import offers_render
    from widenet.services import offers
    from widenet.services.offers_views import offer_json

    with common.opened(db) as (store, moment):
        terms = _terms(
            moment,
            base=base, currency=currency, sign_on=sign_on, bonus=bonus, relocation=relocation,
            rsu=rsu, vesting=vesting, options=options, strike=strike, preferred=preferred,
            fmv_409a=fmv_409a, fully_diluted=fully_diluted, ownership=ownership,
            option_kind=option_kind, stage=stage, level=level, location=location,
            offer_date=on, deadline=deadline, start_date=start,
        )  # fmt: skip
        view = offers.add_offer(
            store,
            moment,
            company=company,
            terms=terms,
            role=role,
            file=file,
            move_to_offer=move_to_offer,
            note=note,
        )
    if json_out:
        common.print_json(offer_json(view))
        return
    common.console().print(offers_render.recorded(view, "Recorded the offer from"))


@offer_app.command("revise")
@handle_errors
def revise(
    company: CompanyArg,
    base: Base = None,
    sign_on: SignOn = None,
    bonus: Bonus = None,
    relocation: Relocation = None,
    rsu: Rsu = None,
    vesting: Vesting = None,
    options: Options = None,
    strike: Strike = None,
    preferred: Preferred = None,
    fmv_409a: Fmv = None,
    fully_diluted: FullyDiluted = None,
    ownership: Ownership = None,
    level: Level = None,
    location: Location = None,
    deadline: Deadline = None,
    start: Start = None,
    file: FileOpt = None,
    asked: Annotated[str, typer.Option("--asked", help="What you asked for in this round.")] = "",
    by: Annotated[
        str, typer.Option("--by", help="Who changed the offer: company (default) or me.")
    ] = "company",
    on: OnOption = None,
    note: NoteOption = "",
    role: RoleOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record a negotiation round: a new revision of the offer (earlier ones stay).

    Example: widenet offer revise acme --base 195000 --asked "base 200000, as Quill"
    """
    from widenet.cli import offers_render
    from widenet.services import offers
    from widenet.services.offers_views import offer_json

    with common.opened(db) as (store, moment):
        terms = _terms(
            moment,
            base=base, sign_on=sign_on, bonus=bonus, relocation=relocation, rsu=rsu,
            vesting=vesting, options=options, strike=strike, preferred=preferred,
            fmv_409a=fmv_409a, fully_diluted=fully_diluted, ownership=ownership, level=level,
            location=location, offer_date=None, deadline=deadline, start_date=start,
        )  # fmt: skip
        view = offers.revise_offer(
            store,
            moment,
            company=company,
            terms=terms,
            role=role,
            file=file,
            asked=asked,
            by=_party(by),
            on=common.parse_on(on, moment),
            note=note,
        )
    if json_out:
        common.print_json(offer_json(view))
        return
    common.console().print(offers_render.recorded(view, "Recorded a new round of the offer from"))


def _party(text: str) -> Any:
    from widenet.errors import InvalidInput
    from widenet.offers.revisions import Party

    key = text.strip().casefold()
    if key in ("me", "candidate", "i"):
        return Party.CANDIDATE
    if key == "company":
        return Party.COMPANY
    raise InvalidInput(f"{text!r}: use company or me.", field="by")


@offer_app.command("show")
@handle_errors
def show(
    company: CompanyArg, role: RoleOption = None, json_out: JsonOption = False, db: DbOption = None
) -> None:
    """Show an offer with every negotiation round and what each changed.

    Example: widenet offer show acme
    """
    from widenet.cli import offers_render
    from widenet.services import offers
    from widenet.services.offers_views import offer_json

    with common.opened(db) as (store, moment):
        view = offers.show_offer(store, moment, company=company, role=role)
    if json_out:
        common.print_json(offer_json(view))
        return
    common.console().print(offers_render.history(view))


@offer_app.command("value")
@handle_errors
def value(
    target: Annotated[
        str, typer.Argument(help="An offer file (JSON), or the company of a recorded offer.")
    ],
    seed: SeedOption = 1,
    role: RoleOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Value an offer year by year, paper and risk-adjusted: an offer file or a recorded offer.

    Example: widenet offer value docs/examples/offer-growth-startup.json --json
    """
    from widenet.cli import offers_render
    from widenet.offers.serialize import valuation_to_json
    from widenet.services import offers
    from widenet.services.offers_views import market_json

    if target.casefold().endswith(".json") or Path(target).is_file():
        valuation = offers.value_file(Path(target), seed=seed)
        if json_out:
            common.print_json(valuation_to_json(valuation))
        else:
            common.console().print(offers_render.valuation(valuation))
        return
    with common.opened(db) as (store, moment):
        valued = offers.value_stored(store, moment, company=target, role=role, seed=seed)
    if json_out:
        common.print_json(
            {**valuation_to_json(valued.valuation), "market": market_json(valued.market)}
        )
        return
    common.console().print(offers_render.valuation(valued.valuation, valued.market))


def compare_offers(
    include_closed: Annotated[
        bool, typer.Option("--all", help="Also offers whose process has ended (declined...).")
    ] = False,
    seed: SeedOption = 1,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Compare the open offers side by side: each year and four years, paper and risk-adjusted,
    deadlines, exploding offers and where each sits in the market.

    Example: widenet offers --all
    """
    from widenet.cli import offers_render
    from widenet.services import offers
    from widenet.services.offers_views import comparison_json

    with common.opened(db) as (store, moment):
        result = offers.compare_offers(store, moment, seed=seed, include_closed=include_closed)
    if json_out:
        common.print_json(comparison_json(result))
        return
    common.console().print(offers_render.comparison(result))


def negotiate(
    company: CompanyArg,
    fairness: Annotated[
        bool,
        typer.Option("--fairness", help="Also check the offer against the comparable median."),
    ] = False,
    seed: SeedOption = 1,
    role: RoleOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Suggest a counter-offer per component, the steps to concede through, and messages to send.

    Example: widenet negotiate acme --fairness
    """
    from widenet.cli import offers_render
    from widenet.services import offers
    from widenet.services.offers_views import negotiation_json

    with common.opened(db) as (store, moment):
        view = offers.negotiate_offer(
            store, moment, company=company, role=role, seed=seed, check_fairness=fairness
        )
    if json_out:
        common.print_json(negotiation_json(view))
        return
    common.console().print(offers_render.negotiation(view))


@market_app.command("add")
@handle_errors
def market_add(
    company: Annotated[str, typer.Argument(help="Who made the offer or ran the survey.")],
    level: Annotated[str, typer.Option("--level", help="Level, e.g. Senior or L5.")],
    location: Annotated[str, typer.Option("--location", help="Location, e.g. Seattle, WA.")],
    base: Annotated[str, typer.Option("--base", help="Yearly base salary.", metavar="AMOUNT")],
    bonus: Annotated[Text, _option("--bonus", "Yearly bonus.", "AMOUNT")] = None,
    equity: Annotated[
        Text, _option("--equity", "Equity per year at grant value.", "AMOUNT")
    ] = None,
    sign_on: SignOn = None,
    kind: Annotated[
        str, typer.Option("--kind", help="peer_offer (a peer's recent offer) or survey.")
    ] = "peer_offer",
    currency: Annotated[str, typer.Option("--currency", help="ISO currency code.")] = "USD",
    on: OnOption = None,
    note: NoteOption = "",
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record a market data point: a peer's recent offer or a survey figure.

    Example: widenet market add Quill --level Senior --location Seattle --base 190000
    """
    from widenet.services import offers
    from widenet.services.offers_views import market_point_json

    with common.opened(db) as (store, moment):
        point = offers.add_market_point(
            store,
            moment,
            company=company,
            level=level,
            location=location,
            base=base,
            currency=currency,
            on=common.parse_on(on, moment, field="date"),
            kind=kind,
            bonus=bonus,
            equity_per_year=equity,
            sign_on=sign_on,
            note=note,
        )
    if json_out:
        common.print_json(market_point_json(0, point))
        return
    common.console().print(
        f"Added a {point.kind.value.replace('_', ' ')} from [bold]{point.company}[/] "
        f"({point.level}, {point.location}): {point.figure('total')} a year."
    )


@market_app.command("import")
@handle_errors
def market_import(
    path: Annotated[Path, typer.Argument(help="CSV file with a header row (docs/offers.md).")],
    currency: Annotated[
        str, typer.Option("--currency", help="Currency of rows without one.")
    ] = "USD",
    db: DbOption = None,
) -> None:
    """Import market data points from CSV; a file with any bad row imports nothing.

    Example: widenet market import peers.csv
    """
    from widenet.services import offers

    with common.opened(db) as (store, _):
        count = offers.import_market_file(store, path, currency=currency)
    common.console().print(f"Imported {count} market data point(s).")


@market_app.command("list")
@handle_errors
def market_list(
    level: Annotated[Text, typer.Option("--level", help="Only this level.")] = None,
    location: Annotated[Text, typer.Option("--location", help="Only this location.")] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List market data points, newest first.

    Example: widenet market list --level Senior --location "Seattle, WA"
    """
    from widenet.cli import offers_render
    from widenet.services import offers
    from widenet.services.offers_views import market_point_json

    with common.opened(db) as (store, _):
        points = offers.market_points(store, level=level, location=location)
    if json_out:
        common.print_json([market_point_json(item.id, item.point) for item in points])
        return
    common.console().print(offers_render.market_table(points))


def register(app: typer.Typer) -> None:
    app.add_typer(offer_app, name="offer", help="Record, revise, show and value offers.")
    app.command("offers")(handle_errors(compare_offers))
    app.command("negotiate")(handle_errors(negotiate))
    app.add_typer(market_app, name="market", help="Market data: peers' offers and surveys.")
