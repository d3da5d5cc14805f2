"""JSON API: interviews and contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from widenet.config import Settings
from widenet.services import companies, contacts, interviews
from widenet.track.model import ContactRole, InterviewKind
from widenet.web.deps import FilterId, ItemId, MomentDep, SettingsDep, StoreDep
from widenet.web.routes.api_tracking import PROBLEMS
from widenet.web.schemas import (
    ContactCreate,
    ContactPublic,
    ContactUpdate,
    InterviewCreate,
    InterviewPublic,
    InterviewUpdate,
)
from widenet.web.security import check_api_write

router = APIRouter(dependencies=[Depends(check_api_write)], responses=PROBLEMS)


def _aware(moment: datetime, settings: Settings) -> datetime:
    """A start without an offset is in the user's time zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=settings.zone)


# -- interviews ----------------------------------------------------------------------------
@router.get("/interviews", tags=["interviews"])
def list_interviews(
    store: StoreDep,
    moment: MomentDep,
    when: Literal["all", "upcoming", "past"] = "all",
    application_id: FilterId = None,
    company_id: FilterId = None,
    kind: InterviewKind | None = None,
    done: Annotated[bool | None, Query(description="Rated or given an outcome.")] = None,
) -> list[InterviewPublic]:
    """Interviews by start time; every filter given must match."""
    views = interviews.listing(
        store,
        moment,
        when=when,
        company_id=company_id,
        application_id=application_id,
        kind=kind,
        done=done,
    )
    return [InterviewPublic.of(view) for view in views]


@router.post("/interviews", status_code=201, tags=["interviews"])
def create_interview(
    body: InterviewCreate,
    store: StoreDep,
    moment: MomentDep,
    settings: SettingsDep,
    response: Response,
) -> InterviewPublic:
    """Book (or log) an interview of an open application."""
    view = interviews.add_to(
        store,
        moment,
        application_id=body.application_id,
        kind=body.kind,
        start=_aware(body.start, settings),
        minutes=body.minutes,
        prep_minutes=body.prep_minutes,
        interviewers=body.interviewers,
        questions=body.questions,
        notes=body.notes,
    )
    response.headers["location"] = f"/api/v1/interviews/{view.interview.id}"
    return InterviewPublic.of(view)


@router.get("/interviews/{interview_id}", tags=["interviews"])
def read_interview(interview_id: ItemId, store: StoreDep) -> InterviewPublic:
    return InterviewPublic.of(interviews.get(store, interview_id))


@router.patch("/interviews/{interview_id}", tags=["interviews"])
def update_interview(
    interview_id: ItemId,
    body: InterviewUpdate,
    store: StoreDep,
    moment: MomentDep,
    settings: SettingsDep,
) -> InterviewPublic:
    """Reschedule it, or record how it went (a self-rating and outcome once it took place)."""
    changes = body.model_dump(exclude_unset=True)
    if changes.get("start") is not None:
        changes["start"] = _aware(changes["start"], settings)
    return InterviewPublic.of(interviews.update(store, moment, interview_id, changes))


# -- contacts ------------------------------------------------------------------------------
@router.get("/contacts", tags=["contacts"])
def list_contacts(
    store: StoreDep, company_id: FilterId = None, role: ContactRole | None = None
) -> list[ContactPublic]:
    found = contacts.listing(store, company_id=company_id, role=role)
    return [ContactPublic.of(contact, company) for contact, company in found]


@router.post("/contacts", status_code=201, tags=["contacts"])
def create_contact(body: ContactCreate, store: StoreDep, response: Response) -> ContactPublic:
    contact = contacts.add(
        store,
        name=body.name,
        role=body.role,
        company_id=body.company_id,
        email=body.email,
        notes=body.notes,
    )
    response.headers["location"] = f"/api/v1/contacts/{contact.id}"
    return _public(store, contact.id)


@router.get("/contacts/{contact_id}", tags=["contacts"])
def read_contact(contact_id: ItemId, store: StoreDep) -> ContactPublic:
    return _public(store, contact_id)


@router.patch("/contacts/{contact_id}", tags=["contacts"])
def update_contact(contact_id: ItemId, body: ContactUpdate, store: StoreDep) -> ContactPublic:
    contacts.update(store, contact_id, body.model_dump(exclude_unset=True))
    return _public(store, contact_id)


def _public(store: StoreDep, contact_id: int) -> ContactPublic:
    contact = contacts.get(store, contact_id)
    company = companies.found(store, contact.company_id).name if contact.company_id else None
    return ContactPublic.of(contact, company)
