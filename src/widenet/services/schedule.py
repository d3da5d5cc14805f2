"""Use cases of the schedule: hours, caps, windows for recruiters, warnings, the week, the board."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from widenet import defaults
from widenet.errors import Infeasible, InvalidInput
from widenet.parse import parse_date
from widenet.schedule import availability as availability_rules
from widenet.schedule import spec
from widenet.schedule.availability import Availability, zone_named
from widenet.schedule.blocks import local_day
from widenet.schedule.caps import DailyCaps
from widenet.schedule.invites import KIND_LABELS
from widenet.schedule.load import WeekView, week_view
from widenet.schedule.warnings import ScheduleWarning, schedule_warnings
from widenet.schedule.windows import propose_windows, render_windows
from widenet.services import lookup, tracking
from widenet.services.interviews import views_of
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView, InterviewView
from widenet.storage import schedule_repo
from widenet.storage.repo import Store
from widenet.storage.schedule_repo import OfferedWindow as OfferedWindow  # noqa: PLC0414 - part of this module's answers
from widenet.storage.schedule_repo import StoredSchedule
from widenet.track.board import Board
from widenet.track.model import Company, Interview, InterviewKind, SizeBand, Source

StartSource = Literal["set", "first application", "today"]
#: Days before a week or a proposal whose interviews still matter (the rest day after an onsite).
LOOK_BACK_DAYS = 7


@dataclass(frozen=True)
class ScheduleSettings:
    """The user's schedule settings, defaults filled in. ``search_start`` is the date the
    ramp of the daily caps counts from; ``search_start_source`` says where it came from."""

    availability: Availability
    caps: DailyCaps
    search_start: date
    search_start_source: StartSource
    feed_token: str | None = None  # made on the first change of a setting, or by `feed`


@dataclass(frozen=True)
class WindowOffer:
    """Windows offered to a company's recruiter, with the text to paste into an e-mail."""

    company: Company
    kind: InterviewKind
    minutes: int
    windows: tuple[OfferedWindow, ...]
    text: str
    time_zone: str
    recruiter_time_zone: str | None
    also_offered_to: Mapping[int, tuple[str, ...]]  # window id -> other companies it overlaps


@dataclass(frozen=True)
class Week:
    """The week view with the interviews' company and role, and a label per interview."""

    view: WeekView
    interviews: Mapping[int, InterviewView]
    labels: Mapping[int, str]


@dataclass(frozen=True)
class BoardWithWarnings:
    board: Board
    warnings: tuple[ScheduleWarning, ...]


# -- settings ------------------------------------------------------------------------------
def zone_name(moment: Moment) -> str:
    """The IANA name of the caller's zone (the default zone of the availability)."""
    return str(getattr(moment.now.tzinfo, "key", None) or "UTC")


def _stored_or_default(store: Store, moment: Moment) -> StoredSchedule:
    stored = schedule_repo.settings(store)
    if stored is not None:
        return stored
    return StoredSchedule(Availability(time_zone=zone_name(moment)), DailyCaps(), None, "")


def _settings(
    stored: StoredSchedule, moment: Moment, first_application: date | None
) -> ScheduleSettings:
    source: StartSource = "set"
    start = stored.search_start
    if start is None:
        source = "first application" if first_application else "today"
        start = first_application or local_day(moment.now, stored.availability.zone)
    return ScheduleSettings(
        stored.availability, stored.caps, start, source, stored.feed_token or None
    )


def get_settings(store: Store, moment: Moment) -> ScheduleSettings:
    """The availability, the caps and the search start date (defaults until changed)."""
    stored = _stored_or_default(store, moment)
    return _settings(stored, moment, schedule_repo.first_application_date(store))


def save_changes(
    store: Store,
    moment: Moment,
    *,
    availability: Availability | None = None,
    caps: DailyCaps | None = None,
    search_start: date | None = None,
    set_start: bool = False,
) -> ScheduleSettings:
    """Validate and store changed settings (``search_start`` only with ``set_start``)."""
    stored = _stored_or_default(store, moment)
    new_availability = availability or stored.availability
    availability_rules.validate(new_availability)
    schedule_repo.save_settings(
        store,
        availability=new_availability,
        caps=caps or stored.caps,
        search_start=search_start if set_start else stored.search_start,
        now=moment.now,
    )
    return get_settings(store, moment)


def set_hours(
    store: Store,
    moment: Moment,
    *,
    days: str | None = None,
    hours: str | None = None,
    time_zone: str | None = None,
) -> ScheduleSettings:
    """Set the weekly hours of some days (``mon-fri``, ``09:00-17:00`` or ``off``) and/or the
    time zone the hours are read in. Other days keep their hours."""
    if (days is None) != (hours is None):
        raise InvalidInput(
            "Give both the days and the hours, e.g. mon-fri 09:00-17:00.", field="hours"
        )
    if days is None and time_zone is None:
        raise InvalidInput(
            "Give days and hours (mon-fri 09:00-17:00) or a time zone.", field="hours"
        )
    current = _stored_or_default(store, moment).availability
    weekly = dict(current.weekly_hours)
    if days is not None and hours is not None:
        stretches = spec.parse_hours(hours)
        for day in spec.parse_weekdays(days):
            if stretches:
                weekly[day] = stretches
            else:
                weekly.pop(day, None)
    zone = current.time_zone
    if time_zone is not None:
        zone = zone_named(time_zone.strip(), field="time_zone").key
    return save_changes(
        store, moment, availability=replace(current, weekly_hours=weekly, time_zone=zone)
    )


def block(store: Store, moment: Moment, *, period: str, reason: str = "") -> ScheduleSettings:
    """Take a period out of the hours (``2026-12-24..2026-12-26``, ``2026-12-02 14:00..16:00``)."""
    current = _stored_or_default(store, moment).availability
    blocked = spec.parse_period(
        period, zone=current.zone, today=local_day(moment.now, current.zone), reason=reason
    )
    periods = tuple(sorted((*current.blocked, blocked), key=lambda b: (b.start, b.end)))
    return save_changes(store, moment, availability=replace(current, blocked=periods))


def unblock(store: Store, moment: Moment, *, number: int) -> ScheduleSettings:
    """Give back a blocked period, by its number in the listing (1 = the first)."""
    current = _stored_or_default(store, moment).availability
    if not 1 <= number <= len(current.blocked):
        raise InvalidInput(
            f"There is no blocked period {number}; there are {len(current.blocked)}.",
            field="number",
        )
    periods = tuple(b for i, b in enumerate(current.blocked, start=1) if i != number)
    return save_changes(store, moment, availability=replace(current, blocked=periods))


def set_prep(store: Store, moment: Moment, *, minutes: Sequence[str]) -> ScheduleSettings:
    """Preparation before each kind of interview: ``technical=60 recruiter=30``."""
    current = _stored_or_default(store, moment).availability
    prep = {**current.prep_minutes, **spec.parse_prep(minutes)}
    return save_changes(store, moment, availability=replace(current, prep_minutes=prep))


def set_buffer(store: Store, moment: Moment, *, minutes: int) -> ScheduleSettings:
    """Minutes to decompress between one interview and the next one's preparation."""
    current = _stored_or_default(store, moment).availability
    return save_changes(store, moment, availability=replace(current, buffer_minutes=minutes))


def set_caps(
    store: Store, moment: Moment, *, caps: Sequence[str] = (), start: str | None = None
) -> ScheduleSettings:
    """Change caps (``interviews_per_day=3``) and/or the search start date of the ramp
    (a date, or ``auto`` for the date of the first application)."""
    if not caps and start is None:
        raise InvalidInput("Give caps to change (NAME=NUMBER) or --start.", field="caps")
    stored = _stored_or_default(store, moment)
    new_caps = stored.caps
    if caps:
        new_caps = DailyCaps.from_dict(
            {**stored.caps.to_dict(), **spec.parse_assignments(caps, field="caps")}
        )
    if start is None:
        return save_changes(store, moment, caps=new_caps)
    today = local_day(moment.now, stored.availability.zone)
    day = (
        None
        if start.strip().casefold() == "auto"
        else parse_date(start, today=today, field="start")
    )
    return save_changes(store, moment, caps=new_caps, search_start=day, set_start=True)


# -- windows for recruiters ----------------------------------------------------------------
def propose(
    store: Store,
    moment: Moment,
    *,
    company: str,
    kind: InterviewKind,
    minutes: int | None = None,
    days: int = 5,
    count: int = 3,
    recruiter_time_zone: str | None = None,
) -> WindowOffer:
    """Propose windows for an interview with a company and record them as offered.

    Windows keep every cap, buffer and preparation block given what is booked. They may
    overlap windows offered to other companies (only bookings are exclusive). A new offer
    to a company replaces its earlier, unbooked offer for the same kind of interview."""
    found = lookup.company(store, company)
    if recruiter_time_zone:
        recruiter_time_zone = zone_named(
            recruiter_time_zone.strip(), field="recruiter_time_zone"
        ).key
    settings = get_settings(store, moment)
    minutes = defaults.INTERVIEW_MINUTES[kind] if minutes is None else minutes
    open_windows = _open_windows(store, moment)
    replaced = [w for w in open_windows if w.company_id == found.id and w.kind is kind]
    others = [w for w in open_windows if w not in replaced]
    look_back = moment.now - timedelta(days=settings.caps.rest_days_after_onsite + LOOK_BACK_DAYS)
    windows = propose_windows(
        kind,
        minutes,
        now=moment.now,
        availability=settings.availability,
        caps=settings.caps,
        search_start=settings.search_start,
        booked=store.interviews(start_from=look_back),
        offered=[w.window for w in others],
        days=days,
        count=count,
    )
    if not windows:
        raise Infeasible(
            f"No window for a {minutes}-minute {kind.value.replace('_', ' ')} interview fits "
            f"in the next {days} days with your hours, caps and bookings.",
            hint="Try more days (--days 10), a shorter interview, or wider hours "
            "(widenet hours set ...).",
        )
    schedule_repo.expire_windows(store, (w.id for w in replaced))
    recorded = schedule_repo.add_offered_windows(
        store, company_id=found.id, kind=kind, minutes=minutes, windows=windows, now=moment.now
    )
    text = render_windows(
        windows,
        minutes=minutes,
        time_zone=settings.availability.time_zone,
        recruiter_time_zone=recruiter_time_zone,
        kind=kind,
    )
    return WindowOffer(
        found,
        kind,
        minutes,
        tuple(recorded),
        text,
        settings.availability.time_zone,
        recruiter_time_zone,
        _overlaps(store, recorded, others),
    )


def _open_windows(store: Store, moment: Moment) -> list[OfferedWindow]:
    """Windows still on offer; those already over are marked expired on the way."""
    current = schedule_repo.offered_windows(store)
    schedule_repo.expire_windows(store, (w.id for w in current if w.end <= moment.now))
    return [w for w in current if w.end > moment.now]


def _overlaps(
    store: Store, recorded: Iterable[OfferedWindow], others: Sequence[OfferedWindow]
) -> dict[int, tuple[str, ...]]:
    names = {c.id: c.name for c in store.companies()} if others else {}
    found: dict[int, tuple[str, ...]] = {}
    for window in recorded:
        hits = sorted(
            {names[o.company_id] for o in others if o.start < window.end and window.start < o.end}
        )
        if hits:
            found[window.id] = tuple(hits)
    return found


def offered(store: Store, moment: Moment, *, company: str | None = None) -> list[OfferedWindow]:
    """Windows currently on offer (to one company, or to all)."""
    company_id = lookup.company(store, company).id if company else None
    return [w for w in _open_windows(store, moment) if company_id in (None, w.company_id)]


# -- warnings, the week, the board ---------------------------------------------------------
def label(company: str, interview: Interview) -> str:
    """How messages name an interview: "Acme technical screen"."""
    return f"{company} {KIND_LABELS[interview.kind].lower()}"


def _labels(views: Iterable[InterviewView]) -> dict[int, str]:
    return {v.interview.id: label(v.company.name, v.interview) for v in views}


def _warnings_since(moment: Moment, settings: ScheduleSettings) -> datetime:
    """Interviews from here on matter to warnings from today: earlier days only count for
    the rest day after an onsite."""
    zone = settings.availability.zone
    today = local_day(moment.now, zone)
    days = settings.caps.rest_days_after_onsite + 1
    return datetime.combine(today - timedelta(days=days), time(0), zone)


def upcoming_warnings(store: Store, moment: Moment, *, days: int = 14) -> list[ScheduleWarning]:
    """Warnings about the next ``days`` days: over a cap, no buffer, onsites too close,
    double bookings, no time to prepare."""
    settings = get_settings(store, moment)
    today = local_day(moment.now, settings.availability.zone)
    interviews = store.interviews(
        start_from=_warnings_since(moment, settings),
        start_before=moment.now + timedelta(days=days + 1),
    )
    found = schedule_warnings(
        interviews,
        availability=settings.availability,
        caps=settings.caps,
        search_start=settings.search_start,
        labels=_labels(views_of(store, interviews)),
        from_day=today,
    )
    return [w for w in found if w.day < today + timedelta(days=days)]


def week(store: Store, moment: Moment, week_of: date | None = None) -> Week:
    """Monday to Sunday of the week holding ``week_of`` (default: this week): each day's
    interviews, preparation blocks, load, caps and warnings."""
    settings = get_settings(store, moment)
    zone = settings.availability.zone
    day = week_of or local_day(moment.now, zone)
    monday = day - timedelta(days=day.weekday())
    first = datetime.combine(monday - timedelta(days=LOOK_BACK_DAYS), time(0), zone)
    interviews = store.interviews(start_from=first, start_before=first + timedelta(days=15))
    views = views_of(store, interviews)
    labels = _labels(views)
    view = week_view(
        interviews,
        week_of=monday,
        availability=settings.availability,
        caps=settings.caps,
        search_start=settings.search_start,
        labels=labels,
    )
    return Week(view, {v.interview.id: v for v in views}, labels)


def board(
    store: Store,
    moment: Moment,
    *,
    source: Source | None = None,
    size_band: SizeBand | None = None,
    active_only: bool = False,
) -> BoardWithWarnings:
    """The board (with ``tracking.board``'s filters), and the schedule's warnings from today
    on, computed from the interviews the board loads anyway. Warnings look at every
    interview: a filter narrows the board, not the days."""
    views = tracking.application_views(store, moment)
    shown = tracking.filtered(views, source=source, size_band=size_band, active_only=active_only)
    return BoardWithWarnings(tracking.board_of(shown), tuple(board_warnings(store, moment, views)))


def board_warnings(
    store: Store, moment: Moment, views: Sequence[ApplicationView]
) -> list[ScheduleWarning]:
    """Warnings from today on about the interviews of already loaded applications."""
    stored = _stored_or_default(store, moment)
    first = min((v.application.applied_on for v in views if v.application.applied_on), default=None)
    settings = _settings(stored, moment, first)
    since = _warnings_since(moment, settings).astimezone(UTC)  # as the interviews: quick to compare
    interviews: list[Interview] = []
    labels: dict[int, str] = {}
    for view in views:
        for interview in view.interviews:
            if interview.start >= since:
                interviews.append(interview)
                labels[interview.id] = label(view.company.name, interview)
    if not interviews:
        return []
    return schedule_warnings(
        interviews,
        availability=settings.availability,
        caps=settings.caps,
        search_start=settings.search_start,
        labels=labels,
        from_day=local_day(moment.now, settings.availability.zone),
    )
