"""Use cases on one application by its id, and listings with filters: what pages and the
API call. The rules are the tracking ones (track/transitions.py), reached through tracking."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from widenet.errors import InvalidInput, NotFound
from widenet.parse import parse_choice
from widenet.services import companies, limits, tracking
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage import edit_repo
from widenet.storage.repo import Store
from widenet.track.model import Application, SizeBand, Source, StageEvent
from widenet.track.stages import Stage

EDITABLE = ("role", "role_family", "source", "url")


def found(store: Store, application_id: int) -> Application:
    """The application with this id, or NotFound."""
    app = store.application(application_id)
    if app is None:
        raise NotFound(f"No application with id {application_id}.")
    return app


def get(store: Store, moment: Moment, application_id: int) -> ApplicationView:
    return tracking.view_of(store, found(store, application_id).id, moment)


def create(
    store: Store,
    moment: Moment,
    *,
    company_id: int,
    role: str,
    role_family: str = "",
    source: Source = Source.DIRECT,
    referrer: str | None = None,
    url: str = "",
    on: date | None = None,
    note: str = "",
) -> ApplicationView:
    """Apply to a company known by its id (its first event is "applied")."""
    company = companies.found(store, company_id)
    view, _ = tracking.apply_to(
        store,
        moment,
        company=company.name,
        role=role,
        role_family=role_family,
        source=source,
        referrer=referrer,
        url=url,
        on=on,
        note=note,
    )
    return view


def update(
    store: Store, moment: Moment, application_id: int, changes: Mapping[str, Any]
) -> ApplicationView:
    """Change an application's role, role family, source or posting URL."""
    found(store, application_id)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in EDITABLE:
            raise InvalidInput(f"{key!r} cannot be changed on an application.", field=key)
        if key == "source":
            clean[key] = parse_choice(Source, str(value), field="source")
        else:
            clean[key] = ("" if value is None else str(value)).strip()
    if "role" in clean and not clean["role"]:
        raise InvalidInput("Give the role applied for.", field="role")
    limits.check(clean)
    if clean:
        edit_repo.update_application(store, application_id, clean)
    return tracking.view_of(store, application_id, moment)


def move(
    store: Store,
    moment: Moment,
    application_id: int,
    *,
    stage: str,
    on: date | None = None,
    kind: Stage | None = None,
    reason: str = "",
    note: str = "",
    reopen: bool = False,
) -> ApplicationView:
    """Record a step (a kind or the user's own name) or an outcome for one application."""
    app = found(store, application_id)
    company = companies.found(store, app.company_id)
    resolved, name = tracking.resolve_stage(store, stage, kind=kind)
    if resolved is Stage.REJECTED:
        reason = tracking.reject_reason(reason)
    elif not resolved.is_terminal and reason:
        raise InvalidInput("Only an outcome takes a reason; use the note.", field="reason")
    return tracking.record(
        store,
        moment,
        company,
        app,
        resolved,
        on,
        name=name,
        reason=reason.strip(),
        note=note,
        reopen=reopen,
    )


def undo(
    store: Store, moment: Moment, application_id: int
) -> tuple[StageEvent, ApplicationView | None]:
    """Remove the latest event (kept in the audit log); see tracking.undo_latest."""
    return tracking.undo_latest(store, moment, found(store, application_id))


def listing(
    store: Store,
    moment: Moment,
    *,
    company_id: int | None = None,
    source: Source | None = None,
    stage: Stage | None = None,
    is_open: bool | None = None,
    size_band: SizeBand | None = None,
    looks_ghosted: bool | None = None,
) -> list[ApplicationView]:
    """Applications matching every filter given, oldest first."""
    if company_id is not None:
        company = store.company(company_id)
        if company is None:
            return []
        apps = store.applications(company_ids=[company.id])
        views = tracking.views_of(store, apps, {company.id: company}, moment)
    else:
        views = tracking.application_views(store, moment)
    return [
        view for view in views if _matches(view, source, stage, is_open, size_band, looks_ghosted)
    ]


def _matches(
    view: ApplicationView,
    source: Source | None,
    stage: Stage | None,
    is_open: bool | None,
    size_band: SizeBand | None,
    looks_ghosted: bool | None,
) -> bool:
    wanted_and_found = (
        (source, view.application.source),
        (stage, view.status.current),
        (is_open, view.status.is_open),
        (size_band, view.company.size_band),
        (looks_ghosted, view.status.looks_ghosted),
    )
    return all(wanted is None or wanted == value for wanted, value in wanted_and_found)
