"""ICS export and import through the icalendar parser: round trips, invites, the feed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from widenet.errors import InvalidInput
from widenet.schedule.ics import export_ics, feed_ics, parse_ics
from widenet.schedule.invites import CalendarEntry, ChangeAction, plan_import, to_interview
from widenet.track.model import Interview, InterviewKind

from .conftest import BERLIN, interview

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)

BOOKED = [
    interview(1, InterviewKind.RECRUITER, datetime(2026, 12, 1, 10, tzinfo=BERLIN), 30, prep=30),
    interview(
        2, InterviewKind.TECHNICAL, datetime(2026, 12, 2, 14, 15, tzinfo=BERLIN), 60, prep=60
    ),
    interview(
        3,
        InterviewKind.ONSITE,
        datetime(2026, 12, 8, 9, tzinfo=ZoneInfo("America/New_York")),
        300,
        prep=120,
    ),
    interview(4, InterviewKind.TAKE_HOME, datetime(2026, 12, 3, 13, tzinfo=UTC), 240, prep=0),
]
ENTRIES = [CalendarEntry(i, f"Company {i.id}", "Engineer") for i in BOOKED]


def _apply(changes: list, interviews: list[Interview]) -> list[Interview]:
    """What the service does with the changes: create, update or remove by UID."""
    by_uid = {i.uid: i for i in interviews}
    next_id = max((i.id for i in interviews), default=0) + 1
    for change in changes:
        if change.action is ChangeAction.CREATE:
            by_uid[change.uid] = to_interview(change.event, id=next_id, application_id=1)
            next_id += 1
        elif change.action is ChangeAction.UPDATE:
            by_uid[change.uid] = change.apply_to(by_uid[change.uid])
        else:
            del by_uid[change.uid]
    return list(by_uid.values())


def _essentials(interviews: list[Interview]) -> list[tuple]:
    return sorted((i.uid, i.start, i.minutes, i.kind, i.prep_minutes) for i in interviews)


@pytest.mark.parametrize("time_zone", [None, "Europe/Berlin", "America/Los_Angeles"])
@pytest.mark.parametrize("include_prep", [False, True])
def test_export_then_import_gives_the_same_interviews(
    time_zone: str | None, include_prep: bool
) -> None:
    data = export_ics(ENTRIES, now=NOW, include_prep=include_prep, time_zone=time_zone)
    parsed = parse_ics(data)
    assert len(parsed.events) == len(BOOKED)
    # into an empty search: everything is created, as it was
    created = _apply(plan_import(parsed.events, []), [])
    assert _essentials(created) == _essentials(BOOKED)
    # into the search it came from: nothing changes
    assert plan_import(parsed.events, BOOKED) == []
    # importing twice changes nothing
    assert plan_import(parse_ics(data).events, created) == []
    # preparation blocks are skipped, not imported as interviews
    prep_blocks = [s for s in parsed.skipped if "preparation" in s.reason]
    assert len(prep_blocks) == (3 if include_prep else 0)


def test_export_is_valid_icalendar_with_stable_uids_and_times() -> None:
    data = export_ics(ENTRIES, now=NOW, include_prep=True, time_zone="Europe/Berlin")
    calendar = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    technical = events["interview-2@widenet.test"]
    assert str(technical["SUMMARY"]) == "Company 2 — Technical screen"
    assert technical["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert technical.decoded("DTSTART") == BOOKED[1].start
    assert "Role: Engineer" in str(technical["DESCRIPTION"])
    prep = events["prep-interview-2@widenet.test"]
    assert prep.decoded("DTEND") == BOOKED[1].start
    assert prep.decoded("DTSTART") == BOOKED[1].start - timedelta(minutes=60)
    assert [c.name for c in calendar.subcomponents].count("VTIMEZONE") == 1
    # the same interviews give the same file: calendar apps see no change
    assert export_ics(ENTRIES, now=NOW, include_prep=True, time_zone="Europe/Berlin") == data


def test_utc_export_writes_z_times() -> None:
    data = export_ics(ENTRIES[:1], now=NOW).decode()
    assert "DTSTART:20261201T090000Z" in data
    assert "VTIMEZONE" not in data


def test_a_moved_interview_reimported_is_one_update() -> None:
    exported = export_ics(ENTRIES, now=NOW)
    earlier = [replace(BOOKED[0], start=BOOKED[0].start - timedelta(hours=1)), *BOOKED[1:]]
    changes = plan_import(parse_ics(exported).events, earlier)
    assert [(c.action, c.interview_id, c.start) for c in changes] == [
        (ChangeAction.UPDATE, 1, BOOKED[0].start)
    ]


def test_google_invite() -> None:
    (event,) = parse_ics((DATA / "google_invite.ics").read_bytes()).events
    assert event.uid == "7kukuqrfedlm2f9t0vu2s4vhks@google.com"
    assert event.start == datetime(2026, 12, 3, 15, tzinfo=UTC)  # 10:00 EST
    assert event.minutes == 45
    assert event.organizer == "jane@globex.com"
    assert event.attendees == ("jane@globex.com", "ada@example.org")
    assert event.guessed_kind is InterviewKind.RECRUITER
    assert event.kind is None
    assert not event.cancelled
    (change,) = plan_import([event], [])
    assert change.action is ChangeAction.CREATE
    assert change.kind is InterviewKind.RECRUITER


def test_outlook_cancellation_with_a_windows_zone_name() -> None:
    (event,) = parse_ics((DATA / "outlook_cancel.ics").read_bytes()).events
    assert event.cancelled
    assert event.start == datetime(2026, 12, 4, 13, tzinfo=UTC)  # 14:00 in Berlin in winter
    booked = interview(8, InterviewKind.TECHNICAL, event.start, 60, uid=event.uid)
    (change,) = plan_import([event], [booked])
    assert (change.action, change.interview_id) == (ChangeAction.CANCEL, 8)
    assert plan_import([event], _apply([change], [booked])) == []


def _calendar(*lines: str) -> str:
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *lines, "END:VCALENDAR", ""]
    )


def test_floating_times_are_read_in_the_given_zone_and_duration_is_understood() -> None:
    text = _calendar(
        "BEGIN:VEVENT",
        "UID:f@x",
        "DTSTAMP:20261126T000000Z",
        "DTSTART:20261201T100000",
        "DURATION:PT1H30M",
        "SUMMARY:Coding interview",
        "END:VEVENT",
    )
    (event,) = parse_ics(text, time_zone="Europe/Berlin").events
    assert event.start == datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert event.minutes == 90


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (["DTSTART;VALUE=DATE:20261201", "SUMMARY:Holiday"], "all-day"),
        (["DTSTART:20261201T100000Z"], "no UID"),
        (["UID:r@x", "RECURRENCE-ID:20261201T100000Z", "DTSTART:20261201T110000Z"], "override"),
        (["UID:e@x", "DTSTART:20261201T100000Z", "DTEND:20261201T090000Z"], "ends before"),
    ],
)
def test_events_that_are_not_interviews_are_skipped_with_a_reason(
    lines: list[str], reason: str
) -> None:
    if not any(line.startswith("UID") for line in lines) and "no UID" not in reason:
        lines = ["UID:x@x", *lines]
    parsed = parse_ics(_calendar("BEGIN:VEVENT", *lines, "END:VEVENT"))
    assert parsed.events == ()
    assert reason in parsed.skipped[0].reason


@pytest.mark.parametrize("data", [b"not a calendar", b"BEGIN:VCARD\r\nEND:VCARD\r\n", ""])
def test_unreadable_files_are_invalid_input(data: bytes | str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_ics(data)
    assert caught.value.field == "ics"


def test_interview_without_uid_cannot_be_exported() -> None:
    nameless = replace(BOOKED[0], uid="")
    with pytest.raises(InvalidInput) as caught:
        export_ics([CalendarEntry(nameless, "Acme")], now=NOW)
    assert caught.value.field == "uid"


def test_feed_has_refresh_hints_and_the_same_events() -> None:
    feed = feed_ics(ENTRIES, now=NOW, refresh_minutes=30)
    calendar = Calendar.from_ical(feed)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(minutes=30)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT30M"
    assert str(calendar["X-WR-CALNAME"]) == "widenet interviews"
    parsed = parse_ics(feed)
    assert plan_import(parsed.events, BOOKED) == []
    assert len(parsed.skipped) == 3  # preparation blocks are in the feed by default


ZONES = st.sampled_from(
    ["UTC", "Europe/Berlin", "Asia/Kolkata", "America/Sao_Paulo", "Australia/Lord_Howe"]
)


@st.composite
def interviews(draw: st.DrawFn) -> list[Interview]:
    found = []
    for n in range(draw(st.integers(1, 6))):
        zone = ZoneInfo(draw(ZONES))
        start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(
            minutes=draw(st.integers(0, 60 * 24 * 700))
        )
        found.append(
            Interview(
                id=n + 1,
                application_id=1,
                kind=draw(st.sampled_from(list(InterviewKind))),
                start=start.astimezone(zone),
                minutes=draw(st.integers(1, 600)),
                prep_minutes=draw(st.integers(0, 240)),
                notes=draw(st.text(max_size=40)),
                uid=f"{n}-{draw(st.text('abcdef0123456789', min_size=1, max_size=12))}@widenet",
            )
        )
    return found


@settings(max_examples=60, deadline=None)
@given(interviews(), st.one_of(st.none(), ZONES), st.text(min_size=1, max_size=30))
def test_round_trip_property(booked: list[Interview], time_zone: str | None, company: str) -> None:
    entries = [CalendarEntry(i, company) for i in booked]
    data = export_ics(entries, now=NOW, include_prep=True, time_zone=time_zone)
    parsed = parse_ics(data)
    assert plan_import(parsed.events, booked) == []
    assert _essentials(_apply(plan_import(parsed.events, []), [])) == _essentials(booked)
    assert {e.summary for e in parsed.events} == {e.summary for e in entries}
    assert all(
        company.split() == [] or company.split(maxsplit=1)[0] in e.summary for e in parsed.events
    )
