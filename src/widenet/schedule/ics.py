"""iCalendar files: export interviews (and preparation blocks), a subscription feed, and
reading invites back as plain events. The only module that imports ``icalendar``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component, Event

from widenet import defaults
from widenet.errors import InvalidInput
from widenet.schedule.availability import zone_named
from widenet.schedule.blocks import prep_block
from widenet.schedule.invites import CalendarEntry, InvitedEvent, SkippedEvent, guess_kind
from widenet.track.model import InterviewKind

PRODID = "-//widenet//widenet schedule//EN"
KIND_PROPERTY = "X-WIDENET-KIND"
PREP_PROPERTY = "X-WIDENET-PREP-MINUTES"
PREP_FOR_PROPERTY = "X-WIDENET-PREP-FOR"
PREP_UID_PREFIX = "prep-"


@dataclass(frozen=True)
class ParsedCalendar:
    """What an .ics file holds: interview events, and the events left out with the reason."""

    events: tuple[InvitedEvent, ...]
    skipped: tuple[SkippedEvent, ...]


def export_ics(
    entries: Sequence[CalendarEntry],
    *,
    now: datetime,
    include_prep: bool = False,
    time_zone: str | None = None,
    name: str = "widenet interviews",
) -> bytes:
    """An .ics file of the interviews (and their preparation blocks when asked).

    Each event's UID is the interview's ``uid`` (preparation: ``prep-<uid>``), so a calendar
    app that imports the file twice updates rather than duplicates. Times are written in UTC,
    or with a TZID (and its VTIMEZONE) when ``time_zone`` is given. ``now`` is the DTSTAMP.
    """
    calendar = _build(entries, now=now, include_prep=include_prep, time_zone=time_zone, name=name)
    return bytes(calendar.to_ical())


def feed_ics(
    entries: Sequence[CalendarEntry],
    *,
    now: datetime,
    include_prep: bool = True,
    time_zone: str | None = None,
    name: str = "widenet interviews",
    refresh_minutes: int = 60,
) -> bytes:
    """The body of a subscription feed (the web server adds the token check and headers):
    the export with a name and a refresh interval calendar apps honour."""
    calendar = _build(entries, now=now, include_prep=include_prep, time_zone=time_zone, name=name)
    calendar.add("method", "PUBLISH")
    calendar.add(
        "refresh-interval", timedelta(minutes=refresh_minutes), parameters={"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", _iso_duration(refresh_minutes))  # plain, as clients expect
    return bytes(calendar.to_ical())


def event_ics(entry: CalendarEntry, *, now: datetime, time_zone: str | None = None) -> str:
    """One interview as a calendar object of its own (what CalDAV stores per event)."""
    calendar = _calendar("")
    zone = zone_named(time_zone, field="time_zone") if time_zone else None
    event = _interview_event(entry, now=now, zone=zone)
    event.add("sequence", 0)
    calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    return str(calendar.to_ical().decode())


def update_event_ics(text: str, entry: CalendarEntry, *, time_zone: str | None = None) -> str:
    """A stored calendar object with the interview's time, summary and description written
    into it; everything else in it (alarms, categories, notes) is kept."""
    calendar = _read(text)
    zone = zone_named(time_zone, field="time_zone") if time_zone else None
    for event in calendar.walk("VEVENT"):
        if str(event.get("UID", "")) == entry.interview.uid:
            for key in ("DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION"):
                event.pop(key, None)
            for key in (KIND_PROPERTY, PREP_PROPERTY):
                event.pop(key, None)
            _fill(event, entry, zone)
    if zone is not None:
        calendar.add_missing_timezones()
    return str(calendar.to_ical().decode())


def parse_ics(data: bytes | str, *, time_zone: str = "UTC") -> ParsedCalendar:
    """The interview events of an .ics file (an invite or an export).

    Floating times (without a zone) are read in ``time_zone``. Preparation blocks widenet
    exported, all-day events, events without a UID and single-occurrence overrides of a
    recurring series are skipped with a reason.
    """
    calendar = _read(data)
    zone = zone_named(time_zone, field="time_zone")
    cancelled_all = str(calendar.get("METHOD", "")).upper() == "CANCEL"
    events: list[InvitedEvent] = []
    skipped: list[SkippedEvent] = []
    for component in calendar.walk("VEVENT"):
        read = _read_event(component, zone, cancelled_all=cancelled_all)
        (events if isinstance(read, InvitedEvent) else skipped).append(read)  # type: ignore[arg-type]
    return ParsedCalendar(tuple(events), tuple(skipped))


def _build(
    entries: Sequence[CalendarEntry],
    *,
    now: datetime,
    include_prep: bool,
    time_zone: str | None,
    name: str,
) -> Calendar:
    calendar = _calendar(name)
    zone = zone_named(time_zone, field="time_zone") if time_zone else None
    for entry in sorted(entries, key=lambda e: (e.interview.start, e.interview.id)):
        calendar.add_component(_interview_event(entry, now=now, zone=zone))
        if include_prep:
            prep = _prep_event(entry, now=now, zone=zone)
            if prep is not None:
                calendar.add_component(prep)
    if zone is not None:
        calendar.add_missing_timezones()
    return calendar


def _iso_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _read(data: bytes | str) -> Calendar:
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise InvalidInput(f"Not a readable iCalendar file: {exc}", field="ics") from exc
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise InvalidInput("The file does not hold a VCALENDAR.", field="ics")
    return calendar


def _when(moment: datetime, zone: ZoneInfo | None) -> datetime:
    return moment.astimezone(zone if zone is not None else UTC)


def _fill(event: Component, entry: CalendarEntry, zone: ZoneInfo | None) -> None:
    interview = entry.interview
    event.add("dtstart", _when(interview.start, zone))
    event.add("dtend", _when(interview.end, zone))
    event.add("summary", entry.summary)
    event.add("description", entry.description)
    event.add(KIND_PROPERTY, interview.kind.value)
    event.add(PREP_PROPERTY, str(interview.prep_minutes))


def _interview_event(entry: CalendarEntry, *, now: datetime, zone: ZoneInfo | None) -> Event:
    if not entry.interview.uid:
        raise InvalidInput(f"Interview {entry.interview.id} has no UID.", field="uid")
    event = Event()
    event.add("uid", entry.interview.uid)
    event.add("dtstamp", now.astimezone(UTC))
    _fill(event, entry, zone)
    event.add("categories", ["Interview"])
    return event


def _prep_event(entry: CalendarEntry, *, now: datetime, zone: ZoneInfo | None) -> Event | None:
    block = prep_block(entry.interview)
    if block is None:
        return None
    event = Event()
    event.add("uid", f"{PREP_UID_PREFIX}{entry.interview.uid}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", _when(block.start, zone))
    event.add("dtend", _when(block.end, zone))
    event.add("summary", f"Prepare: {entry.summary}")
    event.add("categories", ["Preparation"])
    event.add(PREP_FOR_PROPERTY, entry.interview.uid)
    return event


def _read_event(
    component: Any, zone: ZoneInfo, *, cancelled_all: bool
) -> InvitedEvent | SkippedEvent:
    uid = str(component.get("UID", "")).strip()
    summary = str(component.get("SUMMARY", "")).strip()
    why = _skip_reason(component, uid)
    if why:
        return SkippedEvent(uid, summary, why)
    start = component.decoded("DTSTART")
    if not isinstance(start, datetime):
        return SkippedEvent(uid, summary, "an all-day event, not an interview")
    start = _aware(start, zone)
    kind = _kind(component)
    minutes = _minutes(component, start, zone, kind)
    if minutes <= 0:
        return SkippedEvent(uid, summary, "the event ends before it starts")
    status = str(component.get("STATUS", "")).upper()
    return InvitedEvent(
        uid=uid,
        summary=summary,
        start=start.astimezone(UTC),
        minutes=minutes,
        organizer=_address(component.get("ORGANIZER")),
        attendees=tuple(_address(a) for a in _listed(component.get("ATTENDEE"))),
        description=str(component.get("DESCRIPTION", "")),
        location=str(component.get("LOCATION", "")),
        kind=kind,
        prep_minutes=_prep_minutes(component),
        guessed_kind=guess_kind(summary),
        cancelled=cancelled_all or status == "CANCELLED",
        sequence=_whole(component.get("SEQUENCE", 0)),
    )


def _skip_reason(component: Any, uid: str) -> str:
    if not uid:
        return "the event has no UID"
    if PREP_FOR_PROPERTY in component or uid.startswith(PREP_UID_PREFIX):
        return "a preparation block, not an interview"
    if "RECURRENCE-ID" in component:
        return "an override of one occurrence of a recurring event"
    if "DTSTART" not in component:
        return "the event has no start"
    return ""


def _aware(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _minutes(component: Any, start: datetime, zone: ZoneInfo, kind: InterviewKind | None) -> int:
    if "DTEND" in component:
        end = component.decoded("DTEND")
        if isinstance(end, datetime):
            return int((_aware(end, zone) - start).total_seconds() // 60)
        if isinstance(end, date):
            return 0
    if "DURATION" in component:
        return int(component.decoded("DURATION").total_seconds() // 60)
    return defaults.INTERVIEW_MINUTES[kind or InterviewKind.OTHER]


def _kind(component: Any) -> InterviewKind | None:
    try:
        return InterviewKind(str(component.get(KIND_PROPERTY, "")))
    except ValueError:
        return None


def _prep_minutes(component: Any) -> int | None:
    value = str(component.get(PREP_PROPERTY, "")).strip()
    return int(value) if value.isdigit() else None


def _whole(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _address(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip().lower().removeprefix("mailto:")
