"""Use cases of contacts: recruiters, referrers, hiring managers and interviewers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from widenet.errors import InvalidInput, NotFound
from widenet.parse import parse_choice
from widenet.services import limits, lookup
from widenet.storage import edit_repo
from widenet.storage.repo import Store
from widenet.track.model import Contact, ContactRole

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def add(
    store: Store,
    *,
    name: str,
    role: ContactRole,
    company: str | None = None,
    company_id: int | None = None,
    email: str = "",
    notes: str = "",
) -> Contact:
    """Add a contact, of a company given by name (as people type it) or by id."""
    name, email, notes = _check(name, email, notes)
    if company:
        company_id = lookup.company(store, company).id
    elif company_id is not None:
        company_id = _company_id(store, company_id)
    return store.add_contact(name=name, role=role, company_id=company_id, email=email, notes=notes)


def _check(name: str, email: str, notes: str) -> tuple[str, str, str]:
    name, email, notes = name.strip(), email.strip(), notes.strip()
    if not name:
        raise InvalidInput("A contact needs a name.", field="name")
    if email and not _EMAIL.match(email):
        raise InvalidInput(f"{email!r} does not look like an e-mail address.", field="email")
    limits.check({"name": name, "email": email, "notes": notes})
    return name, email, notes


def _company_id(store: Store, company_id: int) -> int:
    if store.company(company_id) is None:
        raise NotFound(f"No company with id {company_id}.")
    return company_id


def get(store: Store, contact_id: int) -> Contact:
    found = store.contact(contact_id)
    if found is None:
        raise NotFound(f"No contact with id {contact_id}.")
    return found


def update(store: Store, contact_id: int, changes: Mapping[str, Any]) -> Contact:
    """Change a contact's details; the audit log keeps the earlier values."""
    current = get(store, contact_id)
    allowed = ("name", "role", "company_id", "email", "notes")
    unknown = [key for key in changes if key not in allowed]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} cannot be changed on a contact.", field=unknown[0])
    name, email, notes = _check(
        _text(changes, "name", current.name),
        _text(changes, "email", current.email),
        _text(changes, "notes", current.notes),
    )
    clean: dict[str, Any] = {
        key: value
        for key, value in {"name": name, "email": email, "notes": notes}.items()
        if key in changes
    }
    if "role" in changes:
        clean["role"] = parse_choice(ContactRole, str(changes["role"]), field="role")
    if "company_id" in changes:
        given = changes["company_id"]
        clean["company_id"] = None if given is None else _company_id(store, int(given))
    return edit_repo.update_contact(store, contact_id, clean) if clean else current


def _text(changes: Mapping[str, Any], key: str, current: str) -> str:
    value = changes.get(key, current)
    return "" if value is None else str(value)


def listing(
    store: Store,
    *,
    company: str | None = None,
    company_id: int | None = None,
    role: ContactRole | None = None,
) -> list[tuple[Contact, str]]:
    """Contacts with the name of their company (empty when none)."""
    if company:
        company_id = lookup.company(store, company).id
    names = {c.id: c.name for c in store.companies()}
    return [
        (contact, names.get(contact.company_id, "") if contact.company_id else "")
        for contact in store.contacts(company_id=company_id)
        if role is None or contact.role is role
    ]
