"""CalDAV sync against a real Radicale server: push, pull, conflicts, deletes, idempotence."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Alarm, Calendar

from widenet.errors import InvalidInput, WidenetError
from widenet.schedule.caldav_sync import (
    ConflictReason,
    Resolution,
    SyncedEvent,
    SyncReport,
    connect,
    state_from_json,
    state_to_json,
    sync_calendar,
)
from widenet.schedule.invites import CalendarEntry
from widenet.track.model import Interview, InterviewKind

from .conftest import BERLIN, interview

pytestmark = pytest.mark.caldav

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)
TUESDAY_10 = datetime(2026, 12, 1, 10, tzinfo=BERLIN)


@pytest.fixture
def calendar(radicale_url: str) -> Any:
    """A fresh calendar for each test, found (or made) the way the service will."""
    return connect(
        radicale_url, username="ada", password="unused", calendar_name=f"t-{uuid.uuid4()}"
    )


def entries(*interviews: Interview) -> list[CalendarEntry]:
    return [CalendarEntry(i, f"Company {i.id}") for i in interviews]


def sync(
    calendar: Any, interviews: list[Interview], state: dict[str, SyncedEvent], **kwargs: Any
) -> SyncReport:
    report = sync_calendar(calendar, entries(*interviews), state, now=NOW, **kwargs)
    assert report.failed == []
    return report


def remote_events(calendar: Any) -> dict[str, tuple[datetime, int, str]]:
    """UID -> (start, minutes, summary) of every event in the calendar, read with icalendar."""
    found = {}
    for obj in calendar.get_events():
        for event in Calendar.from_ical(obj.data).walk("VEVENT"):
            start = event.decoded("DTSTART")
            minutes = int((event.decoded("DTEND") - start).total_seconds() // 60)
            found[str(event["UID"])] = (start.astimezone(UTC), minutes, str(event["SUMMARY"]))
    return found


def etags(calendar: Any) -> dict[str, str]:
    return {
        str(obj.url): obj.etag
        for obj in (calendar.event_by_url(o.url) for o in calendar.get_events())
    }


def edit_in_calendar(
    calendar: Any, uid: str, *, start: datetime, minutes: int, alarm: bool = False
) -> None:
    """What a calendar app does when the user drags an event: rewrite its times."""
    obj = calendar.get_event_by_uid(uid)
    ical = Calendar.from_ical(obj.data)
    for event in ical.walk("VEVENT"):
        for key in ("DTSTART", "DTEND", "DURATION"):
            event.pop(key, None)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
        if alarm:
            reminder = Alarm()
            reminder.add("action", "DISPLAY")
            reminder.add("description", "Soon")
            reminder.add("trigger", timedelta(minutes=-10))
            event.add_component(reminder)
    obj.data = ical.to_ical().decode()
    obj.save()


def _sequence(calendar: Any, uid: str) -> int:
    (event,) = Calendar.from_ical(calendar.get_event_by_uid(uid).data).walk("VEVENT")
    return int(event.get("SEQUENCE", 0))


def test_push_then_repeat_is_idempotent(calendar: Any) -> None:
    booked = [
        interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30, prep=30),
        interview(2, InterviewKind.TECHNICAL, TUESDAY_10 + timedelta(days=1), 60, prep=60),
    ]
    first = sync(calendar, booked, {})
    assert sorted(first.pushed) == sorted(i.uid for i in booked)
    assert remote_events(calendar) == {
        i.uid: (i.start.astimezone(UTC), i.minutes, f"Company {i.id} — {kind}")
        for i, kind in zip(booked, ["Recruiter call", "Technical screen"], strict=True)
    }
    before = etags(calendar)
    second = sync(calendar, booked, first.state)
    assert not second.changed
    assert sorted(second.unchanged) == sorted(i.uid for i in booked)
    assert second.state == first.state
    assert etags(calendar) == before  # nothing was written
    # the state survives a trip through JSON, as the service stores it
    third = sync(calendar, booked, state_from_json(state_to_json(second.state)))
    assert not third.changed


def test_move_in_the_calendar_is_pulled(calendar: Any) -> None:
    booked = interview(1, InterviewKind.TECHNICAL, TUESDAY_10, 60, prep=60)
    state = sync(calendar, [booked], {}).state
    later = TUESDAY_10 + timedelta(hours=3)
    edit_in_calendar(calendar, booked.uid, start=later, minutes=90)
    report = sync(calendar, [booked], state)
    (pulled,) = report.pulled
    assert (pulled.uid, pulled.interview_id, pulled.start, pulled.minutes) == (
        booked.uid,
        1,
        later,
        90,
    )
    assert report.pushed == []
    moved = pulled.apply_to(booked)
    assert (moved.start, moved.minutes) == (later, 90)
    again = sync(calendar, [moved], report.state)
    assert not again.changed
    assert again.unchanged == [booked.uid]


def test_local_move_is_pushed_and_calendar_details_are_kept(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    # the user adds a reminder in the calendar app (the time stays)
    edit_in_calendar(calendar, booked.uid, start=TUESDAY_10, minutes=30, alarm=True)
    assert not sync(calendar, [booked], state).changed
    sequence = _sequence(calendar, booked.uid)
    moved = replace(booked, start=TUESDAY_10 + timedelta(days=2), minutes=45)
    report = sync(calendar, [moved], state)
    assert report.pushed == [booked.uid]
    assert remote_events(calendar)[booked.uid][:2] == (moved.start.astimezone(UTC), 45)
    text = calendar.get_event_by_uid(booked.uid).data
    assert "BEGIN:VALARM" in text
    assert _sequence(calendar, booked.uid) == sequence + 1  # a new revision for calendar apps
    assert not sync(calendar, [moved], report.state).changed


def test_renamed_company_is_pushed(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    renamed = [CalendarEntry(booked, "Acme Robotics")]
    report = sync_calendar(calendar, renamed, state, now=NOW)
    assert report.pushed == [booked.uid]
    assert remote_events(calendar)[booked.uid][2] == "Acme Robotics — Recruiter call"
    assert not sync_calendar(calendar, renamed, report.state, now=NOW).changed


def test_both_sides_moved_is_a_conflict_until_resolved(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    theirs = TUESDAY_10 + timedelta(hours=2)
    ours = replace(booked, start=TUESDAY_10 + timedelta(hours=4))
    edit_in_calendar(calendar, booked.uid, start=theirs, minutes=30)
    report = sync(calendar, [ours], state)
    (conflict,) = report.conflicts
    assert conflict.reason is ConflictReason.BOTH_CHANGED
    assert (conflict.local_start, conflict.remote_start) == (ours.start, theirs)
    assert not report.changed
    assert report.state == state  # the record of the last agreement stays
    assert remote_events(calendar)[booked.uid][0] == theirs.astimezone(UTC)  # not overwritten
    # the same sync again reports the same conflict: nothing is lost
    assert [c.reason for c in sync(calendar, [ours], state).conflicts] == [
        ConflictReason.BOTH_CHANGED
    ]
    # the user keeps widenet's time
    settled = sync(calendar, [ours], state, resolve={booked.uid: Resolution.LOCAL})
    assert settled.pushed == [booked.uid]
    assert remote_events(calendar)[booked.uid][0] == ours.start.astimezone(UTC)
    assert not sync(calendar, [ours], settled.state).changed


def test_conflict_resolved_for_the_calendar_pulls(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    theirs = TUESDAY_10 - timedelta(hours=1)
    edit_in_calendar(calendar, booked.uid, start=theirs, minutes=30)
    ours = replace(booked, minutes=60)
    report = sync(calendar, [ours], state, resolve={booked.uid: Resolution.CALENDAR})
    (pulled,) = report.pulled
    assert (pulled.start, pulled.minutes) == (theirs, 30)
    assert not sync(calendar, [pulled.apply_to(ours)], report.state).changed


def test_both_moved_to_the_same_time_is_no_conflict(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    same = TUESDAY_10 + timedelta(hours=1)
    edit_in_calendar(calendar, booked.uid, start=same, minutes=30)
    report = sync(calendar, [replace(booked, start=same)], state)
    assert report.conflicts == []
    assert not report.changed
    assert report.state[booked.uid].start == same.astimezone(UTC)


def test_deleted_here_is_deleted_there_only_when_asked(calendar: Any) -> None:
    keep = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    gone = interview(2, InterviewKind.TECHNICAL, TUESDAY_10 + timedelta(days=1), 60)
    state = sync(calendar, [keep, gone], {}).state
    kept = sync(calendar, [keep], state)
    assert kept.left_in_calendar == [gone.uid]
    assert gone.uid in remote_events(calendar)
    deleted = sync(calendar, [keep], kept.state, delete_removed=True)
    assert deleted.deleted == [gone.uid]
    assert set(remote_events(calendar)) == {keep.uid}
    assert set(deleted.state) == {keep.uid}
    again = sync(calendar, [keep], deleted.state, delete_removed=True)
    assert not again.changed


def test_deleted_here_but_moved_there_is_a_conflict(calendar: Any) -> None:
    gone = interview(2, InterviewKind.TECHNICAL, TUESDAY_10, 60)
    state = sync(calendar, [gone], {}).state
    edit_in_calendar(calendar, gone.uid, start=TUESDAY_10 + timedelta(hours=1), minutes=60)
    report = sync(calendar, [], state, delete_removed=True)
    assert [c.reason for c in report.conflicts] == [ConflictReason.MOVED_IN_CALENDAR_DELETED_HERE]
    assert gone.uid in remote_events(calendar)
    settled = sync(calendar, [], state, delete_removed=True, resolve={gone.uid: Resolution.LOCAL})
    assert settled.deleted == [gone.uid]
    assert remote_events(calendar) == {}


def test_deleted_in_the_calendar_is_reported_then_recreated_on_request(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    calendar.get_event_by_uid(booked.uid).delete()
    report = sync(calendar, [booked], state)
    assert [c.reason for c in report.conflicts] == [ConflictReason.DELETED_IN_CALENDAR]
    assert remote_events(calendar) == {}
    recreated = sync(calendar, [booked], state, resolve={booked.uid: Resolution.LOCAL})
    assert recreated.pushed == [booked.uid]
    assert set(remote_events(calendar)) == {booked.uid}
    assert not sync(calendar, [booked], recreated.state).changed


def test_deleted_in_the_calendar_resolved_for_the_calendar_asks_to_remove(calendar: Any) -> None:
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    state = sync(calendar, [booked], {}).state
    calendar.get_event_by_uid(booked.uid).delete()
    report = sync(calendar, [booked], state, resolve={booked.uid: Resolution.CALENDAR})
    (pulled,) = report.pulled
    assert pulled.removed
    assert report.state == {}


def test_lost_state_duplicates_nothing(calendar: Any) -> None:
    booked = [
        interview(n, InterviewKind.RECRUITER, TUESDAY_10 + timedelta(hours=n), 30) for n in (1, 2)
    ]
    sync(calendar, booked, {})
    report = sync(calendar, booked, {})  # the record of the first sync was lost
    assert sorted(report.unchanged) == sorted(i.uid for i in booked)
    assert len(calendar.get_events()) == 2
    assert not sync(calendar, booked, report.state).changed
    # ... and a different time on the two sides, with no record, is a conflict
    moved = [replace(booked[0], start=booked[0].start + timedelta(days=1)), booked[1]]
    conflicted = sync(calendar, moved, {})
    assert [c.reason for c in conflicted.conflicts] == [ConflictReason.NOT_SYNCED_BEFORE]


def test_events_widenet_did_not_create_are_left_alone(calendar: Any) -> None:
    foreign = Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\n"
        "UID:dentist@example\r\nDTSTAMP:20261120T000000Z\r\nDTSTART:20261201T070000Z\r\n"
        "DTEND:20261201T080000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    calendar.add_event(foreign.to_ical().decode())
    before = calendar.get_event_by_uid("dentist@example").data
    booked = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30)
    report = sync(calendar, [booked], {}, delete_removed=True)
    assert report.pushed == [booked.uid]
    assert "dentist@example" not in report.state
    sync(calendar, [], report.state, delete_removed=True)
    assert calendar.get_event_by_uid("dentist@example").data == before


def test_times_with_a_tzid(calendar: Any) -> None:
    booked = interview(1, InterviewKind.ONSITE, TUESDAY_10, 300, prep=120)
    state = sync(calendar, [booked], {}, time_zone="Europe/Berlin").state
    text = calendar.get_event_by_uid(booked.uid).data
    assert "DTSTART;TZID=Europe/Berlin:20261201T100000" in text
    assert not sync(calendar, [booked], state, time_zone="Europe/Berlin").changed


def test_unreachable_server_is_reported_per_uid(radicale_url: str, calendar: Any) -> None:
    booked = [
        interview(n, InterviewKind.RECRUITER, TUESDAY_10 + timedelta(hours=n), 30) for n in (1, 2)
    ]
    state = sync(calendar, booked, {}).state
    # the same account on a server that no longer answers
    dead_root = "http://127.0.0.1:9/"
    moved = {
        uid: replace(r, href=r.href.replace(radicale_url, dead_root)) for uid, r in state.items()
    }
    from caldav.davclient import DAVClient

    client = DAVClient(url=dead_root, username="ada", password="x")
    dead = client.calendar(url=str(calendar.url).replace(radicale_url, dead_root))
    report = sync_calendar(dead, entries(*booked), moved, now=NOW)
    assert sorted(f.uid for f in report.failed) == sorted(i.uid for i in booked)
    assert all("Cannot reach" in f.message for f in report.failed)
    assert report.state == moved
    assert not report.changed


def test_connect_finds_the_same_calendar_and_reports_a_dead_server(radicale_url: str) -> None:
    name = f"t-{uuid.uuid4()}"
    first = connect(radicale_url, username="ada", password="x", calendar_name=name)
    second = connect(radicale_url, username="ada", password="x", calendar_name=name)
    assert str(first.url) == str(second.url)
    with pytest.raises(WidenetError, match="Cannot use the calendar"):
        connect("http://127.0.0.1:9/", username="ada", password="x")


def test_interviews_need_distinct_uids(calendar: Any) -> None:
    a = interview(1, InterviewKind.RECRUITER, TUESDAY_10, 30, uid="same@x")
    b = interview(2, InterviewKind.RECRUITER, TUESDAY_10, 30, uid="same@x")
    with pytest.raises(InvalidInput) as caught:
        sync_calendar(calendar, entries(a, b), {}, now=NOW)
    assert caught.value.field == "uid"
