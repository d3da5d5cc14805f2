"""`widenet contact ...`: recruiters, referrers, hiring managers and interviewers."""

from __future__ import annotations

from typing import Annotated

import typer

from widenet.cli import common
from widenet.cli.common import DbOption, JsonOption, handle_errors

app = typer.Typer(no_args_is_help=True)
RoleHelp = "recruiter, referrer, hiring_manager, interviewer or other."


@app.command("add")
@handle_errors
def add(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    role: Annotated[str, typer.Option("--role", help=RoleHelp)] = "recruiter",
    company: Annotated[str | None, typer.Option("--company", help="Their company.")] = None,
    email: Annotated[str, typer.Option("--email", help="E-mail address.")] = "",
    notes: Annotated[str, typer.Option("--notes", help="Notes.")] = "",
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add a contact.

    Example: widenet contact add "Sam Ortiz" --role recruiter --company acme --email sam@acme.io
    """
    from widenet.services import contacts
    from widenet.track.model import ContactRole

    with common.opened(db) as (store, _):
        contact = contacts.add(
            store,
            name=name,
            role=common.choice(ContactRole, role, field="role"),
            company=company,
            email=email,
            notes=notes,
        )
    if json_out:
        common.print_json(contact)
    else:
        common.console().print(f"Added contact [bold]{contact.name}[/] (id {contact.id}).")


@app.command("list")
@handle_errors
def list_(
    company: Annotated[str | None, typer.Option("--company", help="Only this company.")] = None,
    role: Annotated[str | None, typer.Option("--role", help=RoleHelp)] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List contacts.

    Example: widenet contact list --role recruiter
    """
    from rich.markup import escape
    from rich.table import Table

    from widenet.services import contacts
    from widenet.services.views import to_plain
    from widenet.track.model import ContactRole

    with common.opened(db) as (store, _):
        rows = contacts.listing(
            store, company=company, role=common.choice(ContactRole, role, field="role")
        )
    if json_out:
        common.print_json([{**to_plain(contact), "company": name} for contact, name in rows])
        return
    table = Table(title=f"{len(rows)} contacts", expand=True)
    for column in ("Id", "Name", "Role", "Company", "E-mail", "Notes"):
        table.add_column(column)
    for contact, name in rows:
        table.add_row(
            str(contact.id),
            escape(contact.name),
            contact.role.value,
            escape(name),
            escape(contact.email),
            escape(contact.notes[:40]),
        )
    common.console().print(table)
