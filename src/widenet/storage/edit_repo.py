"""Edits of applications, contacts and event notes, each keeping the earlier values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from widenet.storage import convert
from widenet.storage.repo import Store
from widenet.storage.tables import ApplicationRow, ContactRow, StageEventRow
from widenet.track.model import Application, Contact, StageEvent


def update_application(
    store: Store, application_id: int, changes: Mapping[str, Any]
) -> Application:
    """Change an application's details (never its events); the audit log keeps the before."""
    row = store.session.get(ApplicationRow, application_id)
    assert row is not None
    assert row.user_id == store.user_id
    _apply(store, row, "application", application_id, changes)
    found = store.application(application_id)
    assert found is not None
    return found


def update_contact(store: Store, contact_id: int, changes: Mapping[str, Any]) -> Contact:
    row = store.session.get(ContactRow, contact_id)
    assert row is not None
    assert row.user_id == store.user_id
    _apply(store, row, "contact", contact_id, changes)
    return convert.contact(row)


def event(store: Store, event_id: int) -> StageEvent | None:
    """One stage event of this user's search, or None."""
    query = (
        select(StageEventRow)
        .join(ApplicationRow, ApplicationRow.id == StageEventRow.application_id)
        .where(StageEventRow.id == event_id, ApplicationRow.user_id == store.user_id)
    )
    row = store.session.scalar(query)
    return convert.event(row) if row is not None else None


def update_event(store: Store, event_id: int, changes: Mapping[str, Any]) -> StageEvent:
    """Change what annotates an event (its note); its stage and date stay as recorded."""
    row = store.session.get(StageEventRow, event_id)
    assert row is not None
    _apply(store, row, "stage_event", event_id, changes)
    return convert.event(row)


def _apply(store: Store, row: Any, entity: str, entity_id: int, changes: Mapping[str, Any]) -> None:
    before = {key: getattr(row, key) for key in changes}
    for key, value in changes.items():
        setattr(row, key, getattr(value, "value", value))
    store.audit("edit", entity, entity_id, {"before": before})
    store.session.flush()
