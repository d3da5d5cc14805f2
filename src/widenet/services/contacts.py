"""Use cases of contacts: recruiters, referrers, hiring managers and interviewers."""

from __future__ import annotations

import re

from widenet.errors import InvalidInput
from widenet.services import lookup
from widenet.storage.repo import Store
from widenet.track.model import Contact, ContactRole

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def add(
    store: Store,
    *,
    name: str,
    role: ContactRole,
    company: str | None = None,
    email: str = "",
    notes: str = "",
) -> Contact:
    name = name.strip()
    if not name:
        raise InvalidInput("A contact needs a name.", field="name")
    email = email.strip()
    if email and not _EMAIL.match(email):
        raise InvalidInput(f"{email!r} does not look like an e-mail address.", field="email")
    company_id = lookup.company(store, company).id if company else None
    return store.add_contact(
        name=name, role=role, company_id=company_id, email=email, notes=notes.strip()
    )


def listing(
    store: Store, *, company: str | None = None, role: ContactRole | None = None
) -> list[tuple[Contact, str]]:
    """Contacts with the name of their company (empty when none)."""
    company_id = lookup.company(store, company).id if company else None
    names = {c.id: c.name for c in store.companies()}
    return [
        (contact, names.get(contact.company_id, "") if contact.company_id else "")
        for contact in store.contacts(company_id=company_id)
        if role is None or contact.role is role
    ]
