"""Rows to plain data and back."""

from __future__ import annotations

from datetime import UTC
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Row

from widenet.track.model import (
    Application,
    Company,
    Contact,
    ContactRole,
    Interview,
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

E = TypeVar("E", bound=StrEnum)


def _opt(enum: type[E], value: str | None) -> E | None:
    return enum(value) if value else None


STAGES = {stage.value: stage for stage in Stage}


def company(row: Any) -> Company:
    return Company(
        id=row.id,
        name=row.name,
        size_band=_opt(SizeBand, row.size_band),
        valuation_band=_opt(ValuationBand, row.valuation_band),
        market=_opt(Market, row.market),
        location=row.location,
        work_mode=_opt(WorkMode, row.work_mode),
        website=row.website,
        excitement=row.excitement,
        notes=row.notes,
    )


def event(row: Any) -> StageEvent:
    return StageEvent(
        id=row.id,
        application_id=row.application_id,
        stage=STAGES[row.stage],
        on=row.on,
        name=row.name,
        reason=row.reason,
        note=row.note,
    )


def application(row: Any, events: tuple[StageEvent, ...] = ()) -> Application:
    return Application(
        id=row.id,
        company_id=row.company_id,
        role=row.role,
        role_family=row.role_family,
        source=Source(row.source),
        referrer_id=row.referrer_id,
        url=row.url,
        applied_on=row.applied_on,
        events=events,
    )


def interview(row: Any) -> Interview:
    return Interview(
        id=row.id,
        application_id=row.application_id,
        kind=InterviewKind(row.kind),
        start=row.start.astimezone(UTC),
        minutes=row.minutes,
        prep_minutes=row.prep_minutes,
        interviewers=row.interviewers,
        self_rating=row.self_rating,
        outcome=Outcome(row.outcome),
        questions=row.questions,
        notes=row.notes,
        uid=row.uid,
    )


def contact(row: Any) -> Contact:
    return Contact(
        id=row.id,
        name=row.name,
        role=ContactRole(row.role),
        company_id=row.company_id,
        email=row.email,
        notes=row.notes,
    )


def as_dict(row: Row[Any] | Any) -> dict[str, Any]:
    """A row's columns as a plain dict (for the audit log and exports)."""
    if isinstance(row, Row):
        return dict(row._mapping)
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}
