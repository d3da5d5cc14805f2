"""Repository of the plan: what recruiters said about their process, and the plans made."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from widenet.storage.repo import Store
from widenet.storage.tables import (
    CompanyRow,
    ContactRow,
    RecruiterTimelineRow,
    SavedPlanRow,
)
from widenet.track.model import ContactRole
from widenet.track.stages import Stage


@dataclass(frozen=True)
class RecruiterStatement:
    """What a recruiter said on one day: expected days per stage kind, the offer deadline."""

    id: int
    company_id: int
    on: date
    stage_days: Mapping[Stage, int]
    offer_deadline_days: int | None
    note: str


@dataclass(frozen=True)
class StoredPlan:
    """A plan as saved: its scalars, and ``data``, the plan view's JSON."""

    id: int
    created_at: datetime
    made_on: date
    start: date
    first_day: date
    window_days: int
    window_start: date | None
    window_end: date | None
    method: str
    status: str
    objective: int
    bound: int | None
    data: dict[str, Any]


# -- what recruiters said ------------------------------------------------------------------
def _statement(row: RecruiterTimelineRow) -> RecruiterStatement:
    return RecruiterStatement(
        id=row.id,
        company_id=row.company_id,
        on=row.on,
        stage_days={Stage(stage): int(days) for stage, days in row.stage_days.items()},
        offer_deadline_days=row.offer_deadline_days,
        note=row.note,
    )


def add_statement(
    store: Store,
    *,
    company_id: int,
    on: date,
    stage_days: Mapping[Stage, int],
    offer_deadline_days: int | None,
    note: str,
) -> RecruiterStatement:
    row = RecruiterTimelineRow(
        company_id=company_id,
        on=on,
        stage_days={stage.value: days for stage, days in stage_days.items()},
        offer_deadline_days=offer_deadline_days,
        note=note,
    )
    store.session.add(row)
    store.session.flush()
    return _statement(row)


def statements(
    store: Store, *, company_ids: Iterable[int] | None = None
) -> list[RecruiterStatement]:
    """The user's recruiter statements, oldest first within each company."""
    query = (
        select(RecruiterTimelineRow)
        .join(CompanyRow, CompanyRow.id == RecruiterTimelineRow.company_id)
        .where(CompanyRow.user_id == store.user_id)
        .order_by(RecruiterTimelineRow.company_id, RecruiterTimelineRow.on, RecruiterTimelineRow.id)
    )
    if company_ids is not None:
        query = query.where(RecruiterTimelineRow.company_id.in_(list(company_ids)))
    return [_statement(row) for row in store.session.scalars(query)]


def companies_with_referrer(store: Store) -> set[int]:
    """Companies where the user knows someone who can refer them (a contact with the role
    referrer)."""
    query = select(ContactRow.company_id).where(
        ContactRow.user_id == store.user_id,
        ContactRow.role == ContactRole.REFERRER.value,
        ContactRow.company_id.is_not(None),
    )
    return {company_id for company_id in store.session.scalars(query) if company_id is not None}


# -- plans ---------------------------------------------------------------------------------
def _plan(row: SavedPlanRow) -> StoredPlan:
    return StoredPlan(
        id=row.id,
        created_at=row.created_at,
        made_on=row.made_on,
        start=row.start,
        first_day=row.first_day,
        window_days=row.window_days,
        window_start=row.window_start,
        window_end=row.window_end,
        method=row.method,
        status=row.status,
        objective=row.objective,
        bound=row.bound,
        data=dict(row.data),
    )


def save_plan(store: Store, *, now: datetime, **fields: Any) -> StoredPlan:
    row = SavedPlanRow(user_id=store.user_id, created_at=now, **fields)
    store.session.add(row)
    store.session.flush()
    return _plan(row)


def latest_plan(store: Store) -> StoredPlan | None:
    """The plan made last (the latest day, then the latest saved that day)."""
    query = (
        select(SavedPlanRow)
        .where(SavedPlanRow.user_id == store.user_id)
        .order_by(SavedPlanRow.made_on.desc(), SavedPlanRow.id.desc())
        .limit(1)
    )
    row = store.session.scalar(query)
    return _plan(row) if row is not None else None


def plan_count(store: Store) -> int:
    query = select(func.count()).where(SavedPlanRow.user_id == store.user_id)
    return int(store.session.scalar(query) or 0)
