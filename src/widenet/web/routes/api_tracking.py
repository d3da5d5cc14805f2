"""JSON API: companies, applications and their stage events."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from widenet.services import applications, companies, events, tracking
from widenet.track.model import Market, SizeBand, Source, ValuationBand
from widenet.track.stages import Stage
from widenet.web.deps import FilterId, ItemId, MomentDep, StoreDep
from widenet.web.schemas import (
    ApplicationCreate,
    ApplicationPublic,
    ApplicationUpdate,
    CompanyCreate,
    CompanyPublic,
    CompanyUpdate,
    EventCreate,
    EventPublic,
    EventUpdate,
    ProblemDetails,
)
from widenet.web.security import check_api_write

PROBLEMS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails, "description": text}
    for status, text in [
        (404, "No such item (application/problem+json)."),
        (409, "The request contradicts what is stored, e.g. a move dated before the latest "
         "event (application/problem+json)."),
        (422, "A value is not valid; `errors` names each field (application/problem+json)."),
    ]
}  # fmt: skip

router = APIRouter(dependencies=[Depends(check_api_write)], responses=PROBLEMS)


def _created(response: Response, path: str) -> None:
    response.headers["location"] = f"/api/v1/{path}"


# -- companies -----------------------------------------------------------------------------
@router.get("/companies", tags=["companies"])
def list_companies(
    store: StoreDep,
    name: Annotated[str | None, Query(description="Part of the name, any case.")] = None,
    size_band: SizeBand | None = None,
    valuation_band: ValuationBand | None = None,
    market: Market | None = None,
    min_excitement: Annotated[int | None, Query(ge=1, le=5)] = None,
) -> list[CompanyPublic]:
    """Companies by name; every filter given must match."""
    found = companies.listing(
        store,
        name=name,
        size_band=size_band,
        valuation_band=valuation_band,
        market=market,
        min_excitement=min_excitement,
    )
    return [CompanyPublic.of(company) for company in found]


@router.post("/companies", status_code=201, tags=["companies"])
def create_company(body: CompanyCreate, store: StoreDep, response: Response) -> CompanyPublic:
    company = tracking.add_company(store, **body.model_dump())
    _created(response, f"companies/{company.id}")
    return CompanyPublic.of(company)


@router.get("/companies/{company_id}", tags=["companies"])
def read_company(company_id: ItemId, store: StoreDep) -> CompanyPublic:
    return CompanyPublic.of(companies.found(store, company_id))


@router.patch("/companies/{company_id}", tags=["companies"])
def update_company(company_id: ItemId, body: CompanyUpdate, store: StoreDep) -> CompanyPublic:
    """Change the fields given; the audit log keeps the earlier values."""
    return CompanyPublic.of(
        companies.update(store, company_id, body.model_dump(exclude_unset=True))
    )


# -- applications --------------------------------------------------------------------------
@router.get("/applications", tags=["applications"])
def list_applications(
    store: StoreDep,
    moment: MomentDep,
    company_id: FilterId = None,
    source: Source | None = None,
    stage: Annotated[Stage | None, Query(description="The current stage or outcome.")] = None,
    is_open: Annotated[bool | None, Query(alias="open")] = None,
    size_band: SizeBand | None = None,
    looks_ghosted: bool | None = None,
) -> list[ApplicationPublic]:
    """Applications with where each stands today; every filter given must match."""
    views = applications.listing(
        store,
        moment,
        company_id=company_id,
        source=source,
        stage=stage,
        is_open=is_open,
        size_band=size_band,
        looks_ghosted=looks_ghosted,
    )
    return [ApplicationPublic.of(view) for view in views]


@router.post("/applications", status_code=201, tags=["applications"])
def create_application(
    body: ApplicationCreate, store: StoreDep, moment: MomentDep, response: Response
) -> ApplicationPublic:
    """Apply to a company: the application starts with its 'applied' event."""
    view = applications.create(
        store,
        moment,
        company_id=body.company_id,
        role=body.role,
        role_family=body.role_family,
        source=body.source,
        referrer=body.referrer,
        url=body.url,
        on=body.applied_on,
        note=body.note,
    )
    _created(response, f"applications/{view.application.id}")
    return ApplicationPublic.of(view)


@router.get("/applications/{application_id}", tags=["applications"])
def read_application(
    application_id: ItemId, store: StoreDep, moment: MomentDep
) -> ApplicationPublic:
    return ApplicationPublic.of(applications.get(store, moment, application_id))


@router.patch("/applications/{application_id}", tags=["applications"])
def update_application(
    application_id: ItemId, body: ApplicationUpdate, store: StoreDep, moment: MomentDep
) -> ApplicationPublic:
    """Change the role, role family, source or posting; stages change through events."""
    changes = body.model_dump(exclude_unset=True)
    return ApplicationPublic.of(applications.update(store, moment, application_id, changes))


# -- events --------------------------------------------------------------------------------
@router.get("/events", tags=["events"])
def list_events(
    store: StoreDep,
    application_id: FilterId = None,
    company_id: FilterId = None,
    stage: Stage | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[EventPublic]:
    """Stage events, in date order within each application."""
    found = events.listing(
        store,
        application_id=application_id,
        company_id=company_id,
        stage=stage,
        since=since,
        until=until,
    )
    return [EventPublic.of(event) for event in found]


@router.post("/events", status_code=201, tags=["events"])
def create_event(
    body: EventCreate, store: StoreDep, moment: MomentDep, response: Response
) -> EventPublic:
    """Record a step or an outcome: the same rules as `widenet move` and the board."""
    view = applications.move(
        store,
        moment,
        body.application_id,
        stage=body.stage,
        on=body.on,
        kind=body.kind,
        reason=body.reason,
        note=body.note,
        reopen=body.reopen,
    )
    event = view.events[-1]
    _created(response, f"events/{event.id}")
    return EventPublic.of(event)


@router.get("/events/{event_id}", tags=["events"])
def read_event(event_id: ItemId, store: StoreDep) -> EventPublic:
    return EventPublic.of(events.get(store, event_id))


@router.patch("/events/{event_id}", tags=["events"])
def update_event(event_id: ItemId, body: EventUpdate, store: StoreDep) -> EventPublic:
    return EventPublic.of(events.annotate(store, event_id, note=body.note))


@router.delete("/events/{event_id}", status_code=204, tags=["events"])
def delete_event(event_id: ItemId, store: StoreDep, moment: MomentDep) -> Response:
    """Undo: only an application's latest event can go (a copy stays in the audit log);
    removing the only 'applied' event removes the application."""
    events.remove(store, moment, event_id)
    return Response(status_code=204)
