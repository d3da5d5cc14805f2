"""`widenet company ...`: add, list, show and edit companies."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, handle_errors

app = typer.Typer(no_args_is_help=True)

SizeOpt = Annotated[
    str | None, typer.Option("--size", help="small (<50 engineers), medium, large, huge (1000+).")
]
ValuationOpt = Annotated[
    str | None,
    typer.Option("--valuation", help="seed, series_a_b, growth, unicorn, decacorn or public."),
]
MarketOpt = Annotated[str | None, typer.Option("--market", help="b2b or consumer.")]
LocationOpt = Annotated[str | None, typer.Option("--location", help="City or region.")]
ModeOpt = Annotated[str | None, typer.Option("--mode", help="onsite, hybrid or remote.")]
WebsiteOpt = Annotated[str | None, typer.Option("--website", help="The company's site.")]
ExcitementOpt = Annotated[
    int | None, typer.Option("--excitement", "-e", help="How much you want it, 1-5.")
]
NotesOpt = Annotated[str | None, typer.Option("--notes", help="Free notes.")]


def _fields(
    size: str | None,
    valuation: str | None,
    market: str | None,
    location: str | None,
    mode: str | None,
    website: str | None,
    excitement: int | None,
    notes: str | None,
) -> dict[str, object]:
    from widenet.track.model import Market, SizeBand, ValuationBand, WorkMode

    fields: dict[str, object] = {
        "size_band": common.choice(SizeBand, size, field="size"),
        "valuation_band": common.choice(ValuationBand, valuation, field="valuation"),
        "market": common.choice(Market, market, field="market"),
        "location": location,
        "work_mode": common.choice(WorkMode, mode, field="mode"),
        "website": website,
        "excitement": excitement,
        "notes": notes,
    }
    return {key: value for key, value in fields.items() if value is not None}


@app.command("add")
@handle_errors
def add(
    name: Annotated[str, typer.Argument(help="The company's name.")],
    size: SizeOpt = None,
    valuation: ValuationOpt = None,
    market: MarketOpt = None,
    location: LocationOpt = None,
    mode: ModeOpt = None,
    website: WebsiteOpt = None,
    excitement: ExcitementOpt = None,
    notes: NotesOpt = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add a company to the list.

    Example: widenet company add "Acme Robotics" --size medium --valuation growth -e 4
    """
    from widenet.services import tracking

    fields = _fields(size, valuation, market, location, mode, website, excitement, notes)
    with common.opened(db) as (store, _):
        company = tracking.add_company(store, name=name, **fields)
    if json_out:
        common.print_json(company)
    else:
        common.console().print(f"Added [bold]{company.name}[/] (id {company.id}).")


@app.command("list")
@handle_errors
def list_(json_out: JsonOption = False, db: DbOption = None) -> None:
    """List every company with its applications.

    Example: widenet company list --json
    """
    from widenet.cli import render
    from widenet.services import tracking
    from widenet.services.views import application_json

    with common.opened(db) as (store, moment):
        views = tracking.companies(store, moment)
    if json_out:
        common.print_json(
            [
                {
                    **common_plain(view.company),
                    "applications": [application_json(a) for a in view.applications],
                }
                for view in views
            ]
        )
    else:
        common.console().print(render.company_table(views))


def common_plain(value: object) -> dict[str, object]:
    from widenet.services.views import to_plain

    plain = to_plain(value)
    assert isinstance(plain, dict)
    return plain


@app.command("show")
@handle_errors
def show(
    name: Annotated[str, typer.Argument(help="Company name (any case, or a unique prefix).")],
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show a company's details, applications, interviews and contacts.

    Example: widenet company show acme
    """
    from widenet.cli import render
    from widenet.services import tracking
    from widenet.services.views import application_json

    with common.opened(db) as (store, moment):
        view = tracking.company_detail(store, name, moment)
        zone = moment.now.tzinfo
    if json_out:
        common.print_json(
            {
                **common_plain(view.company),
                "applications": [application_json(a) for a in view.applications],
                "contacts": [common_plain(c) for c in view.contacts],
            }
        )
        return
    out = common.console()
    out.print(render.company_header(view.company))
    for application in view.applications:
        out.print(render.timeline(application, zone))  # type: ignore[arg-type]
    if view.contacts:
        out.print(
            "[bold]Contacts:[/] " + ", ".join(f"{c.name} ({c.role.value})" for c in view.contacts)
        )


@app.command("edit")
@handle_errors
def edit(
    name: Annotated[str, typer.Argument(help="Company name.")],
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    size: SizeOpt = None,
    valuation: ValuationOpt = None,
    market: MarketOpt = None,
    location: LocationOpt = None,
    mode: ModeOpt = None,
    website: WebsiteOpt = None,
    excitement: ExcitementOpt = None,
    notes: NotesOpt = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change a company's details (earlier values are kept in the audit log).

    Example: widenet company edit acme --excitement 5 --notes "great team"
    """
    from widenet.services import tracking

    fields = _fields(size, valuation, market, location, mode, website, excitement, notes)
    if new_name is not None:
        fields["name"] = new_name
    with common.opened(db) as (store, _):
        company = tracking.edit_company(store, name, **fields)
    if json_out:
        common.print_json(company)
    else:
        common.console().print(f"Updated [bold]{company.name}[/].")
