"""Repository of the schedule: the user's settings, windows offered to recruiters, sync state."""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from widenet.schedule import availability as availability_json
from widenet.schedule.availability import Availability
from widenet.schedule.caps import DailyCaps
from widenet.schedule.windows import Window
from widenet.storage import convert
from widenet.storage.repo import Store
from widenet.storage.tables import (
    ApplicationRow,
    CalendarSyncRow,
    CompanyRow,
    InterviewRow,
    OfferedWindowRow,
    ScheduleSettingsRow,
)
from widenet.track.model import Interview, InterviewKind

TOKEN_BYTES = 24


@dataclass(frozen=True)
class StoredSchedule:
    """The user's schedule settings as stored; ``search_start`` None means "the date of the
    first application"."""

    availability: Availability
    caps: DailyCaps
    search_start: date | None
    feed_token: str


class WindowStatus(StrEnum):
    OFFERED = "offered"
    BOOKED = "booked"  # an interview was booked inside it
    EXPIRED = "expired"  # past, superseded by a newer offer, or another window was booked


@dataclass(frozen=True)
class OfferedWindow:
    """A window offered to a company's recruiter for an interview of ``kind``."""

    id: int
    company_id: int
    kind: InterviewKind
    minutes: int
    start: datetime
    end: datetime
    offered_at: datetime
    status: WindowStatus
    interview_id: int | None = None

    @property
    def window(self) -> Window:
        return Window(self.start, self.end)


# -- settings ------------------------------------------------------------------------------
def _settings_row(store: Store) -> ScheduleSettingsRow | None:
    query = select(ScheduleSettingsRow).where(ScheduleSettingsRow.user_id == store.user_id)
    return store.session.scalar(query)


def settings(store: Store) -> StoredSchedule | None:
    """The stored settings, or None when the user never changed any."""
    row = _settings_row(store)
    if row is None:
        return None
    return StoredSchedule(
        availability=availability_json.from_json(row.availability),
        caps=DailyCaps.from_dict(json.loads(row.caps)),
        search_start=row.search_start,
        feed_token=row.feed_token,
    )


def save_settings(
    store: Store,
    *,
    availability: Availability,
    caps: DailyCaps,
    search_start: date | None,
    now: datetime,
) -> StoredSchedule:
    """Store the settings; the earlier values of whatever changed go to the audit log."""
    values = {
        "availability": availability_json.to_json(availability),
        "caps": json.dumps(caps.to_dict(), sort_keys=True),
        "search_start": search_start,
    }
    row = _settings_row(store)
    if row is None:
        row = ScheduleSettingsRow(user_id=store.user_id, feed_token=new_token(), **values)
        row.updated_at = now
        store.session.add(row)
    else:
        before = {key: getattr(row, key) for key, value in values.items()}
        changed = {key: old for key, old in before.items() if old != values[key]}
        if changed:
            store.audit("edit", "schedule_settings", row.id, {"before": changed}, at=now)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now
    store.session.flush()
    found = settings(store)
    assert found is not None
    return found


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def rotate_feed_token(store: Store, *, now: datetime) -> str:
    """A new feed token; the old one stops working (the log keeps only its first letters)."""
    row = _settings_row(store)
    assert row is not None, "save the settings before rotating the token"
    old = row.feed_token
    row.feed_token = new_token()
    row.updated_at = now
    store.audit("rotate", "feed_token", row.id, {"before": f"{old[:4]}…"}, at=now)
    store.session.flush()
    return row.feed_token


def feed_owner(session: Session, token: str) -> int | None:
    """The user whose feed token this is (for a server with many users), or None."""
    if not token:
        return None
    row = session.scalar(select(ScheduleSettingsRow).where(ScheduleSettingsRow.feed_token == token))
    if row is None or not hmac.compare_digest(row.feed_token, token):
        return None
    return row.user_id


def first_application_date(store: Store) -> date | None:
    query = select(func.min(ApplicationRow.applied_on)).where(
        ApplicationRow.user_id == store.user_id
    )
    return store.session.scalar(query)


def prep_minutes(store: Store, kind: InterviewKind) -> int:
    """The user's preparation time before an interview of ``kind`` (the default if unset)."""
    stored = settings(store)
    return (stored.availability if stored else Availability()).prep_for(kind)


# -- windows offered to recruiters ---------------------------------------------------------
def _window(row: OfferedWindowRow) -> OfferedWindow:
    return OfferedWindow(
        id=row.id,
        company_id=row.company_id,
        kind=InterviewKind(row.kind),
        minutes=row.minutes,
        start=row.start,
        end=row.end,
        offered_at=row.offered_at,
        status=WindowStatus(row.status),
        interview_id=row.interview_id,
    )


def _owned_windows() -> Select[OfferedWindowRow]:
    return select(OfferedWindowRow).join(CompanyRow, CompanyRow.id == OfferedWindowRow.company_id)


def offered_windows(
    store: Store,
    *,
    status: WindowStatus | None = WindowStatus.OFFERED,
    company_id: int | None = None,
    ending_after: datetime | None = None,
) -> list[OfferedWindow]:
    query = _owned_windows().where(CompanyRow.user_id == store.user_id)
    if status is not None:
        query = query.where(OfferedWindowRow.status == status.value)
    if company_id is not None:
        query = query.where(OfferedWindowRow.company_id == company_id)
    if ending_after is not None:
        query = query.where(OfferedWindowRow.end > ending_after)
    query = query.order_by(OfferedWindowRow.start, OfferedWindowRow.id)
    return [_window(row) for row in store.session.scalars(query)]


def add_offered_windows(
    store: Store,
    *,
    company_id: int,
    kind: InterviewKind,
    minutes: int,
    windows: Sequence[Window],
    now: datetime,
) -> list[OfferedWindow]:
    rows = [
        OfferedWindowRow(
            company_id=company_id,
            kind=kind.value,
            minutes=minutes,
            start=window.start,
            end=window.end,
            offered_at=now,
            status=WindowStatus.OFFERED.value,
        )
        for window in windows
    ]
    store.session.add_all(rows)
    store.session.flush()
    return [_window(row) for row in rows]


def expire_windows(store: Store, ids: Iterable[int]) -> None:
    wanted = list(ids)
    if wanted:
        store.session.execute(
            update(OfferedWindowRow)
            .where(OfferedWindowRow.id.in_(wanted))
            .values(status=WindowStatus.EXPIRED.value)
        )


def mark_booked(store: Store, interview: Interview, *, company_id: int) -> OfferedWindow | None:
    """If the interview starts inside a window offered to its company, mark that window
    booked and the company's other open windows for the same kind expired."""
    open_windows = offered_windows(store, company_id=company_id)
    inside = [w for w in open_windows if w.start <= interview.start < w.end]
    if not inside:
        return None
    booked = min(inside, key=lambda w: (w.kind is not interview.kind, w.start))
    row = store.session.get(OfferedWindowRow, booked.id)
    assert row is not None
    row.status = WindowStatus.BOOKED.value
    row.interview_id = interview.id
    expire_windows(
        store, (w.id for w in open_windows if w.id != booked.id and w.kind is booked.kind)
    )
    store.session.flush()
    return _window(row)


# -- interviews the schedule removes -------------------------------------------------------
def remove_interview(store: Store, interview_id: int, *, action: str) -> None:
    """Delete an interview (cancelled, or deleted in the calendar), keeping a copy in the
    audit log."""
    row = store.session.get(InterviewRow, interview_id)
    assert row is not None
    store.audit(action, "interview", interview_id, convert.as_dict(row))
    store.session.delete(row)
    store.session.flush()


# -- CalDAV sync state ---------------------------------------------------------------------
def _sync_row(store: Store, calendar_url: str) -> CalendarSyncRow | None:
    query = select(CalendarSyncRow).where(
        CalendarSyncRow.user_id == store.user_id, CalendarSyncRow.calendar_url == calendar_url
    )
    return store.session.scalar(query)


def sync_state(store: Store, calendar_url: str) -> str:
    """The state JSON of the last sync with a calendar ('' before the first sync)."""
    row = _sync_row(store, calendar_url)
    return row.state if row is not None else ""


def save_sync_state(store: Store, calendar_url: str, state: str, *, now: datetime) -> None:
    row = _sync_row(store, calendar_url)
    if row is None:
        store.session.add(
            CalendarSyncRow(
                user_id=store.user_id, calendar_url=calendar_url, state=state, synced_at=now
            )
        )
    else:
        row.state = state
        row.synced_at = now
    store.session.flush()


def last_synced(store: Store) -> list[tuple[str, datetime]]:
    """Each calendar synced before, with the time of its last sync."""
    query = (
        select(CalendarSyncRow.calendar_url, CalendarSyncRow.synced_at)
        .where(CalendarSyncRow.user_id == store.user_id)
        .order_by(CalendarSyncRow.calendar_url)
    )
    return [(url, at) for url, at in store.session.execute(query)]
