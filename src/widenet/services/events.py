"""Use cases on stage events by id: list, read, annotate, and remove the latest (undo)."""

from __future__ import annotations

from datetime import date

from widenet.errors import Conflict, InvalidInput, NotFound
from widenet.services import applications, limits
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage import edit_repo
from widenet.storage.repo import Store
from widenet.track.model import StageEvent
from widenet.track.stages import Stage


def get(store: Store, event_id: int) -> StageEvent:
    found = edit_repo.event(store, event_id)
    if found is None:
        raise NotFound(f"No stage event with id {event_id}.")
    return found


def listing(
    store: Store,
    *,
    application_id: int | None = None,
    company_id: int | None = None,
    stage: Stage | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[StageEvent]:
    """Events matching every filter, in date order within each application."""
    if since is not None and until is not None and until < since:
        raise InvalidInput(f"'until' ({until}) is before 'since' ({since}).", field="until")
    app_ids: list[int] | None = None
    if application_id is not None:
        app_ids = [application_id]
    if company_id is not None:
        company_apps = [app.id for app in store.applications(company_ids=[company_id])]
        app_ids = company_apps if app_ids is None else sorted(set(app_ids) & set(company_apps))
    grouped = store.events_by_application(app_ids)
    return [
        event
        for events in grouped.values()
        for event in events
        if (stage is None or event.stage is stage)
        and (since is None or event.on >= since)
        and (until is None or event.on <= until)
    ]


def annotate(store: Store, event_id: int, *, note: str) -> StageEvent:
    """Change an event's note; its stage and date are history and stay as recorded."""
    get(store, event_id)
    note = note.strip()
    limits.check({"note": note})
    return edit_repo.update_event(store, event_id, {"note": note})


def remove(store: Store, moment: Moment, event_id: int) -> ApplicationView | None:
    """Undo: remove an application's latest event (kept in the audit log). Earlier events
    stay, since the history of a process is append-only."""
    event = get(store, event_id)
    app = applications.found(store, event.application_id)
    if app.events[-1].id != event.id:
        latest = app.events[-1]
        raise Conflict(
            f"Only the latest event of an application can be removed; that is "
            f"'{latest.display}' on {latest.on} (id {latest.id}).",
            hint="History is append-only: remove the later events first.",
        )
    _, view = applications.undo(store, moment, app.id)
    return view
