"""The JSON API's shapes: ``XCreate`` and ``XUpdate`` come in, ``XPublic`` goes out.

Inputs forbid unknown fields (a typo is an error, not a silent no-op). Ranges and lengths are
checked by the services, which the CLI shares; the descriptions here say what they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from widenet.services.views import ApplicationView, InterviewView
from widenet.track.model import (
    Company,
    Contact,
    ContactRole,
    InterviewKind,
    Market,
    Outcome,
    SizeBand,
    Source,
    StageEvent,
    ValuationBand,
    WorkMode,
)
from widenet.track.stages import Stage


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- companies -----------------------------------------------------------------------------
class CompanyCreate(_In):
    name: str = Field(description="Unique whatever its case; at most 200 characters.")
    size_band: SizeBand | None = Field(None, description="Engineering head count.")
    valuation_band: ValuationBand | None = None
    market: Market | None = None
    location: str = ""
    work_mode: WorkMode | None = None
    website: str = Field("", description="https:// is added when missing.")
    excitement: int | None = Field(None, description="1 (least) to 5 (most).")
    notes: str = ""


class CompanyUpdate(_In):
    """Only the fields given change; null clears a choice or the excitement."""

    name: str | None = None
    size_band: SizeBand | None = None
    valuation_band: ValuationBand | None = None
    market: Market | None = None
    location: str | None = None
    work_mode: WorkMode | None = None
    website: str | None = None
    excitement: int | None = None
    notes: str | None = None


class CompanyPublic(BaseModel):
    id: int
    name: str
    size_band: SizeBand | None
    valuation_band: ValuationBand | None
    market: Market | None
    location: str
    work_mode: WorkMode | None
    website: str
    excitement: int | None
    notes: str

    @classmethod
    def of(cls, company: Company) -> CompanyPublic:
        return cls.model_validate(company, from_attributes=True)


# -- stage events --------------------------------------------------------------------------
class EventCreate(_In):
    application_id: int
    stage: str = Field(
        description="A stage kind (recruiter, technical, onsite, ...), a common name "
        "('phone screen'), your own name with `kind`, or an outcome: rejected, withdrawn, "
        "ghosted, declined, accepted."
    )
    kind: Stage | None = Field(None, description="The kind of a stage you name yourself.")
    on: date | None = Field(None, description="Default: today. Not before the latest event.")
    reason: str = Field(
        "",
        description="For outcomes. Rejected: no_response, role_filled, skills_mismatch, "
        "not_a_fit, failed_interview or other.",
    )
    note: str = ""
    reopen: bool = Field(False, description="Needed to continue a closed process.")


class EventUpdate(_In):
    """An event's stage and date are history; only its note can change."""

    note: str


class EventPublic(BaseModel):
    id: int
    application_id: int
    stage: Stage
    name: str = Field(description="Your own name for the step, empty for the built-in ones.")
    on: date
    reason: str
    note: str

    @classmethod
    def of(cls, event: StageEvent) -> EventPublic:
        return cls.model_validate(event, from_attributes=True)


# -- applications --------------------------------------------------------------------------
class ApplicationCreate(_In):
    company_id: int
    role: str
    role_family: str = Field("", description="backend, iOS, full-stack, data, ...")
    source: Source = Source.DIRECT
    referrer: str | None = Field(None, description="A contact's name; created when new.")
    url: str = Field("", description="The job posting.")
    applied_on: date | None = Field(None, description="Default: today.")
    note: str = ""


class ApplicationUpdate(_In):
    role: str | None = None
    role_family: str | None = None
    source: Source | None = None
    url: str | None = None


class ApplicationPublic(BaseModel):
    id: int
    company_id: int
    company: str
    role: str
    role_family: str
    source: Source
    referrer: str | None
    url: str
    applied_on: date | None
    excitement: int | None
    stage: Stage = Field(description="The latest event's stage or outcome.")
    stage_name: str
    since: date
    furthest_stage: Stage = Field(description="The furthest step reached; outcomes keep it.")
    open: bool
    days_in_stage: int
    days_since_activity: int
    looks_ghosted: bool
    next_interview: datetime | None
    outcome_reason: str
    events: list[EventPublic]
    interview_ids: list[int]

    @classmethod
    def of(cls, view: ApplicationView) -> ApplicationPublic:
        app, status = view.application, view.status
        return cls(
            id=app.id,
            company_id=view.company.id,
            company=view.company.name,
            role=app.role,
            role_family=app.role_family,
            source=app.source,
            referrer=view.referrer.name if view.referrer else None,
            url=app.url,
            applied_on=app.applied_on,
            excitement=view.company.excitement,
            stage=status.current,
            stage_name=status.current_name,
            since=status.since,
            furthest_stage=status.furthest,
            open=status.is_open,
            days_in_stage=status.days_in_stage,
            days_since_activity=status.days_since_activity,
            looks_ghosted=status.looks_ghosted,
            next_interview=status.next_interview,
            outcome_reason=status.outcome_reason,
            events=[EventPublic.of(event) for event in view.events],
            interview_ids=[interview.id for interview in view.interviews],
        )


# -- interviews ----------------------------------------------------------------------------
class InterviewCreate(_In):
    application_id: int
    kind: InterviewKind = InterviewKind.TECHNICAL
    start: datetime = Field(description="ISO 8601; without an offset it is in your time zone.")
    minutes: int | None = Field(None, description="Default by kind; 1 to 720.")
    prep_minutes: int | None = Field(None, description="Default by kind; 0 to 720.")
    interviewers: str = ""
    questions: str = ""
    notes: str = ""


class InterviewUpdate(_In):
    """Reschedule (kind, start, minutes) or record how it went (self_rating, outcome)."""

    kind: InterviewKind | None = None
    start: datetime | None = None
    minutes: int | None = None
    prep_minutes: int | None = None
    interviewers: str | None = None
    self_rating: int | None = Field(None, description="1 (poor) to 4 (strong); 3+ = advance.")
    outcome: Outcome | None = None
    questions: str | None = None
    notes: str | None = None


class InterviewPublic(BaseModel):
    id: int
    application_id: int
    company_id: int
    company: str
    role: str
    kind: InterviewKind
    start: datetime
    minutes: int
    prep_minutes: int
    interviewers: str
    self_rating: int | None
    outcome: Outcome
    done: bool
    questions: str
    notes: str

    @classmethod
    def of(cls, view: InterviewView) -> InterviewPublic:
        interview = view.interview
        fields: dict[str, Any] = {
            name: getattr(interview, name)
            for name in (
                "id",
                "application_id",
                "kind",
                "start",
                "minutes",
                "prep_minutes",
                "interviewers",
                "self_rating",
                "outcome",
                "done",
                "questions",
                "notes",
            )
        }
        return cls(**fields, company_id=view.company.id, company=view.company.name, role=view.role)


# -- contacts ------------------------------------------------------------------------------
class ContactCreate(_In):
    name: str
    role: ContactRole = ContactRole.RECRUITER
    company_id: int | None = None
    email: str = ""
    notes: str = ""


class ContactUpdate(_In):
    name: str | None = None
    role: ContactRole | None = None
    company_id: int | None = None
    email: str | None = None
    notes: str | None = None


class ContactPublic(BaseModel):
    id: int
    name: str
    role: ContactRole
    company_id: int | None
    company: str | None
    email: str
    notes: str

    @classmethod
    def of(cls, contact: Contact, company: str | None) -> ContactPublic:
        return cls(
            id=contact.id,
            name=contact.name,
            role=contact.role,
            company_id=contact.company_id,
            company=company or None,
            email=contact.email,
            notes=contact.notes,
        )


# -- problems ------------------------------------------------------------------------------
class FieldError(BaseModel):
    field: str | None = Field(description="The field (or CSV column) at fault, if any.")
    line: int | None = Field(description="The line of an imported file, if any.")
    message: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError]
    hint: str | None = None
