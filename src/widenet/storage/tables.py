"""SQLAlchemy 2 tables. Portable SQL only: every table must work on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as UTC; SQLite has no zone, so the zone is put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(tz=UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}


class UserRow(Base):
    """An owner of a search. A local install has one; a hosted one has many."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CompanyRow(Base):
    __tablename__ = "companies"
    __table_args__ = (UniqueConstraint("user_id", "name_key", name="uq_companies_user_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    size_band: Mapped[str | None] = mapped_column(String(20))
    valuation_band: Mapped[str | None] = mapped_column(String(20))
    market: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str] = mapped_column(String(200), default="")
    work_mode: Mapped[str | None] = mapped_column(String(20))
    website: Mapped[str] = mapped_column(String(500), default="")
    excitement: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(200))
    role_family: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(30))
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(String(1000), default="")
    applied_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StageEventRow(Base):
    """Append-only: a step or an outcome of one application, on a date."""

    __tablename__ = "stage_events"
    __table_args__ = (Index("ix_stage_events_application_on", "application_id", "on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120), default="")
    on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[datetime] = mapped_column(index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    prep_minutes: Mapped[int] = mapped_column(Integer, default=0)
    interviewers: Mapped[str] = mapped_column(Text, default="")
    self_rating: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(10), default="unknown")
    questions: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditRow(Base):
    """What was removed or replaced, kept so nothing a user entered is ever lost."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class MetaRow(Base):
    """Facts about the database itself (e.g. that it holds the demo search)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- evaluate: the user's criteria, ratings over time, questions asked ---------------------------
class CriterionRow(Base):
    """One of the user's criteria; the defaults are written on first use, weights edited later."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_criteria_user_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120))
    # a relative importance, not money: a float is exact enough and keeps 2.5 as typed
    weight: Mapped[float] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer)
    aliases: Mapped[str] = mapped_column(Text, default="")  # one per line
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RatingRow(Base):
    """Append-only: one score 1-5 for one criterion of one company, after a stage or event."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_company_on", "company_id", "on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(40))  # a key; kept if the criterion goes
    score: Mapped[int] = mapped_column(Integer)
    on: Mapped[date] = mapped_column(Date)
    after_stage: Mapped[str | None] = mapped_column(String(20))  # a stage kind, or
    after_label: Mapped[str] = mapped_column(String(80), default="")  # a free label
    confidence: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AskedQuestionRow(Base):
    """Append-only: a question put to a company, where, and what came back."""

    __tablename__ = "asked_questions"
    __table_args__ = (Index("ix_asked_questions_company_on", "company_id", "on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(40))
    question_id: Mapped[str] = mapped_column(String(60), default="")  # the bank's id, if any
    question: Mapped[str] = mapped_column(Text)
    on: Mapped[date] = mapped_column(Date)
    at_stage: Mapped[str | None] = mapped_column(String(20))
    at_label: Mapped[str] = mapped_column(String(80), default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- Offers: each offer of an application, its negotiation rounds, and market data --------
class OfferRow(Base):
    """An offer made for an application that reached the offer stage; its terms live in rounds."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfferRevisionRow(Base):
    """Append-only: one negotiation round with the whole offer as it stood after it.

    ``terms`` is the offer file (docs/offers.md) with amounts in integer minor units and share
    prices in integer millionths, so no money is ever a float.
    """

    __tablename__ = "offer_revisions"
    __table_args__ = (UniqueConstraint("offer_id", "number", name="uq_offer_revisions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    on: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(20))
    asked: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MarketPointRow(Base):
    """A peer's recent offer or a survey figure: yearly components in minor units."""

    __tablename__ = "market_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(120))
    location: Mapped[str] = mapped_column(String(200))
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    base: Mapped[int] = mapped_column(BigInteger)
    bonus: Mapped[int | None] = mapped_column(BigInteger)
    equity_per_year: Mapped[int | None] = mapped_column(BigInteger)
    sign_on: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- schedule: the user's availability and caps, windows offered to recruiters, CalDAV sync ---
class ScheduleSettingsRow(Base):
    """One row per user: availability and caps as the schedule capability's JSON, the search
    start date of the ramp (None: the date of the first application) and the feed token."""

    __tablename__ = "schedule_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    availability: Mapped[str] = mapped_column(Text)
    caps: Mapped[str] = mapped_column(Text)
    search_start: Mapped[date | None] = mapped_column(Date)
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfferedWindowRow(Base):
    """A window offered to a company's recruiter; ``status``: offered, booked or expired."""

    __tablename__ = "offered_windows"
    __table_args__ = (Index("ix_offered_windows_status_end", "status", "end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    start: Mapped[datetime] = mapped_column()
    end: Mapped[datetime] = mapped_column()
    offered_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(10), default="offered")
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarSyncRow(Base):
    """The record of the last CalDAV sync with one calendar (the capability's state JSON)."""

    __tablename__ = "calendar_syncs"
    __table_args__ = (
        UniqueConstraint("user_id", "calendar_url", name="uq_calendar_syncs_user_url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    calendar_url: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(Text)
    synced_at: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- plan: what recruiters said about their process, and the plans made ----------------------
class RecruiterTimelineRow(Base):
    """Append-only: what a recruiter said about a company's process on a day: expected days
    per stage kind ({"recruiter": 5, ...}), the offer deadline, a note."""

    __tablename__ = "recruiter_timelines"
    __table_args__ = (Index("ix_recruiter_timelines_company_on", "company_id", "on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    on: Mapped[date] = mapped_column(Date)
    stage_days: Mapped[dict[str, Any]] = mapped_column(JSON)
    offer_deadline_days: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavedPlanRow(Base):
    """A plan as it was made: when, its window and status, and per company its dates and
    reason with the comparison against the baselines (``data``, the plan view's JSON)."""

    __tablename__ = "saved_plans"
    __table_args__ = (Index("ix_saved_plans_user_made", "user_id", "made_on", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    made_on: Mapped[date] = mapped_column(Date)
    start: Mapped[date] = mapped_column(Date)
    first_day: Mapped[date] = mapped_column(Date)
    window_days: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[date | None] = mapped_column(Date)
    window_end: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    objective: Mapped[int] = mapped_column(Integer)
    bound: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
