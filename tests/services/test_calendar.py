"""Calendar use cases on a real database: ICS export and import, the feed, CalDAV sync
against a real Radicale server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.conftest import NOW, Search
from widenet.errors import NotFound
from widenet.schedule.caldav_sync import ConflictReason, connect
from widenet.services import calendar, interviews, schedule, tracking
from widenet.storage import schedule_repo
from widenet.storage.schedule_repo import WindowStatus
from widenet.track.model import Interview, InterviewKind, Outcome

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def start_search(search: Search, *names: str, websites: dict[str, str] | None = None) -> None:
    for name in names:
        site = (websites or {}).get(name, "")
        search(lambda s, name=name, site=site: tracking.add_company(s, name=name, website=site))
        search(
            lambda s, name=name: tracking.apply_to(
                s, search.moment, company=name, role="Backend", on=search.today - timedelta(days=30)
            )
        )
    search(lambda s: schedule.set_hours(s, search.moment, time_zone="Europe/Berlin"))


def book(
    search: Search, company: str, kind: InterviewKind, start: datetime, minutes: int
) -> Interview:
    return search(
        lambda s: interviews.add(
            s, search.moment, company=company, kind=kind, start=start, minutes=minutes
        )
    ).interview


def import_ics(
    search: Search, data: bytes | str, company: str | None = None, role: str | None = None
) -> calendar.InviteImport:
    return search(
        lambda s: calendar.import_invites(s, search.moment, data, company=company, role=role)
    )


def as_booked(search: Search) -> set[tuple[str, str, str, datetime, int, int]]:
    views = search(lambda s: interviews.listing(s, search.moment, when="all"))
    return {
        (
            v.interview.uid,
            v.company.name,
            v.interview.kind.value,
            v.interview.start,
            v.interview.minutes,
            v.interview.prep_minutes,
        )
        for v in views
    }


def invite(
    uid: str,
    start: str,
    end: str,
    *,
    organizer: str = "",
    summary: str = "Interview",
    extra: str = "",
    method: str = "REQUEST",
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Test//Invites//EN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261119T100000Z",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        f"SUMMARY:{summary}",
    ]
    if organizer:
        lines.append(f"ORGANIZER;CN=Recruiter:mailto:{organizer}")
    if extra:
        lines.append(extra)
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


# -- export and import ---------------------------------------------------------------------
@pytest.fixture
def other_search(other_database_url: str) -> Iterator[Search]:
    result = Search(other_database_url, NOW)
    yield result
    result.database.dispose()


def test_export_then_import_into_another_database_round_trips(
    search: Search, other_search: Search
) -> None:
    start_search(search, "Acme", "Beta Labs")
    search(lambda s: schedule.set_prep(s, search.moment, minutes=["technical=90"]))
    book(search, "acme", InterviewKind.TECHNICAL, at(MONDAY, 14), 60)
    book(search, "beta", InterviewKind.RECRUITER, at(MONDAY + timedelta(days=1), 10), 30)
    book(search, "beta", InterviewKind.ONSITE, at(MONDAY + timedelta(days=3), 10), 240)
    data = search(lambda s: calendar.export_calendar(s, search.moment, include_prep=True))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 6  # three interviews, three preparation blocks
    start_search(other_search, "Acme", "Beta Labs")
    first = import_ics(other_search, data)
    assert (len(first.created), first.unmatched, len(first.skipped)) == (3, [], 3)
    assert as_booked(other_search) == as_booked(search)
    again = import_ics(other_search, data)
    assert not again.changed
    assert again.unchanged == 3
    assert as_booked(other_search) == as_booked(search)


def test_invites_are_matched_by_organizer_and_unmatched_ones_reported(search: Search) -> None:
    start_search(search, "Acme", "Beta", websites={"Beta": "https://beta.io"})
    data = invite(
        "g-1@google.com",
        "20261124T140000Z",
        "20261124T150000Z",
        organizer="sam@talent.beta.io",
        summary="Technical interview",
    )
    stray = invite(
        "x-9@google.com",
        "20261125T140000Z",
        "20261125T143000Z",
        organizer="x@elsewhere.example",
        summary="Coffee",
    )
    result = import_ics(search, data)
    (created,) = result.created
    assert (created.company.name, created.interview.kind, created.interview.minutes) == (
        "Beta",
        InterviewKind.TECHNICAL,
        60,
    )
    assert created.interview.start == datetime(2026, 11, 24, 14, tzinfo=UTC)
    assert created.interview.prep_minutes == 60  # the user's preparation for a technical
    result = import_ics(search, stray)
    assert result.created == []
    assert result.unmatched[0].event.uid == "x-9@google.com"
    assert "--company" in result.unmatched[0].reason
    assert len(as_booked(search)) == 1  # nothing guessed
    named = import_ics(search, stray, company="acme")
    assert [v.company.name for v in named.created] == ["Acme"]


def test_a_moved_invite_updates_and_a_cancelled_one_removes(search: Search) -> None:
    start_search(search, "Acme")
    import_ics(
        search, invite("m-1@x", "20261124T140000Z", "20261124T150000Z", summary="Acme intro call")
    )
    moved = invite(
        "m-1@x",
        "20261125T090000Z",
        "20261125T094500Z",
        summary="Acme intro call",
        extra="SEQUENCE:1",
    )
    result = import_ics(search, moved)
    ((before, after),) = result.updated
    assert before.start == datetime(2026, 11, 24, 14, tzinfo=UTC)
    assert (after.interview.start, after.interview.minutes) == (
        datetime(2026, 11, 25, 9, tzinfo=UTC),
        45,
    )
    edits = search(lambda s: s.audit_entries(entity="interview"))
    assert edits[-1]["data"]["before"]["minutes"] == 60
    assert not import_ics(search, moved).changed
    cancel = invite(
        "m-1@x", "20261125T090000Z", "20261125T094500Z", summary="Acme intro call", method="CANCEL"
    )
    result = import_ics(search, cancel)
    assert [v.interview.uid for v in result.cancelled] == ["m-1@x"]
    assert as_booked(search) == set()
    removed = search(lambda s: s.audit_entries(entity="interview"))[-1]
    assert (removed["action"], removed["data"]["uid"]) == ("cancelled", "m-1@x")
    assert not import_ics(search, cancel).changed


def test_a_cancelled_invite_keeps_an_interview_that_has_an_outcome(sqlite_search: Search) -> None:
    search = sqlite_search
    start_search(search, "Acme")
    booked = book(search, "acme", InterviewKind.RECRUITER, at(date(2026, 11, 18), 10), 30)
    search(
        lambda s: interviews.complete(
            s, search.moment, interview=str(booked.id), outcome=Outcome.PASS
        )
    )
    cancel = invite(booked.uid, "20261118T090000Z", "20261118T093000Z", method="CANCEL")
    result = import_ics(search, cancel)
    assert result.cancelled == []
    assert "kept" in result.unmatched[0].reason
    assert len(as_booked(search)) == 1


def test_an_imported_invite_inside_an_offered_window_books_it(sqlite_search: Search) -> None:
    search = sqlite_search
    start_search(search, "Acme")
    offer = search(
        lambda s: schedule.propose(
            s, search.moment, company="acme", kind=InterviewKind.RECRUITER, minutes=30
        )
    )
    window = offer.windows[1]
    start = window.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    end = (window.start + timedelta(minutes=30)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    import_ics(search, invite("w-1@x", start, end, summary="Recruiter call"), company="acme")
    statuses = {
        w.id: w.status for w in search(lambda s: schedule_repo.offered_windows(s, status=None))
    }
    assert statuses[window.id] is WindowStatus.BOOKED


# -- the feed ------------------------------------------------------------------------------
def test_the_feed_needs_its_token_and_rotation_retires_the_old_one(search: Search) -> None:
    start_search(search, "Acme")
    booked = book(search, "acme", InterviewKind.TECHNICAL, at(MONDAY, 14), 60)
    where = search(lambda s: calendar.feed_location(s, search.moment))
    assert where.path == f"/calendar/feed/{where.token}.ics"
    assert len(where.token) >= 32
    assert search(lambda s: calendar.feed_location(s, search.moment)).token == where.token
    body = search(lambda s: calendar.feed(s, search.moment, where.token))
    parsed = Calendar.from_ical(body)
    assert {str(e["UID"]) for e in parsed.walk("VEVENT")} == {booked.uid, f"prep-{booked.uid}"}
    assert search(lambda s: schedule_repo.feed_owner(s.session, where.token)) == search.user_id
    with pytest.raises(NotFound):
        search(lambda s: calendar.feed(s, search.moment, where.token[:-1] + "x"))
    rotated = search(lambda s: calendar.feed_location(s, search.moment, rotate=True))
    assert rotated.token != where.token
    with pytest.raises(NotFound):
        search(lambda s: calendar.feed(s, search.moment, where.token))
    assert search(lambda s: schedule_repo.feed_owner(s.session, where.token)) is None
    assert search(lambda s: calendar.feed(s, search.moment, rotated.token)) == body
    logged = search(lambda s: s.audit_entries(entity="feed_token"))
    assert where.token not in str(logged)  # the log never holds a whole token


# -- CalDAV against a real Radicale server -------------------------------------------------
@pytest.fixture
def calendar_name() -> str:
    return f"search-{uuid.uuid4().hex[:8]}"


def sync(search: Search, url: str, name: str, **kw: Any) -> calendar.CalendarSync:
    done = search(
        lambda s: calendar.sync(
            s, search.moment, url=url, username="ada", password="unused", calendar_name=name, **kw
        )
    )
    assert done.report.failed == []
    return done


def in_calendar(url: str, name: str) -> dict[str, tuple[datetime, int]]:
    """UID -> (start, minutes) of every event, read straight from the server."""
    found = {}
    for obj in connect(url, username="ada", password="unused", calendar_name=name).get_events():
        for event in Calendar.from_ical(obj.data).walk("VEVENT"):
            start = event.decoded("DTSTART")
            minutes = int((event.decoded("DTEND") - start).total_seconds() // 60)
            found[str(event["UID"])] = (start.astimezone(UTC), minutes)
    return found


def move_in_calendar(url: str, name: str, uid: str, start: datetime, minutes: int) -> None:
    """What a calendar app does when the user drags an event."""
    obj = connect(url, username="ada", password="unused", calendar_name=name).get_event_by_uid(uid)
    ical = Calendar.from_ical(obj.data)
    for event in ical.walk("VEVENT"):
        for key in ("DTSTART", "DTEND", "DURATION"):
            event.pop(key, None)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=minutes))
    obj.data = ical.to_ical().decode()
    obj.save()


def delete_in_calendar(url: str, name: str, uid: str) -> None:
    connect(url, username="ada", password="unused", calendar_name=name).get_event_by_uid(
        uid
    ).delete()


def two_interviews(search: Search) -> tuple[Interview, Interview]:
    start_search(search, "Acme", "Beta")
    return (
        book(search, "acme", InterviewKind.TECHNICAL, at(MONDAY, 14), 60),
        book(search, "beta", InterviewKind.RECRUITER, at(MONDAY + timedelta(days=1), 10), 30),
    )


def stored_state(search: Search, done: calendar.CalendarSync) -> str:
    return search(lambda s: schedule_repo.sync_state(s, done.calendar_url))


@pytest.mark.caldav
def test_sync_creates_events_and_repeating_it_changes_nothing(
    search: Search, radicale_url: str, calendar_name: str
) -> None:
    acme, beta = two_interviews(search)
    first = sync(search, radicale_url, calendar_name)
    assert sorted(first.report.pushed) == sorted([acme.uid, beta.uid])
    assert in_calendar(radicale_url, calendar_name) == {
        acme.uid: (acme.start, 60),
        beta.uid: (beta.start, 30),
    }
    state = stored_state(search, first)
    assert acme.uid in state
    assert beta.uid in state
    for _ in range(2):
        again = sync(search, radicale_url, calendar_name)
        assert not again.report.changed
        assert sorted(again.report.unchanged) == sorted([acme.uid, beta.uid])
        assert stored_state(search, again) == state
    assert len(in_calendar(radicale_url, calendar_name)) == 2


@pytest.mark.caldav
def test_a_move_in_the_calendar_is_pulled_into_the_interview(
    search: Search, radicale_url: str, calendar_name: str
) -> None:
    acme, _ = two_interviews(search)
    sync(search, radicale_url, calendar_name)
    later = at(MONDAY, 16)
    move_in_calendar(radicale_url, calendar_name, acme.uid, later, 45)
    done = sync(search, radicale_url, calendar_name)
    (pulled,) = done.report.pulled
    assert (pulled.uid, pulled.start, pulled.minutes) == (acme.uid, later, 45)
    moved = search(lambda s: s.interview_by_uid(acme.uid))
    assert (moved.start, moved.minutes) == (later, 45)
    edit = search(lambda s: s.audit_entries(entity="interview"))[-1]
    assert edit["data"]["before"]["minutes"] == 60  # the earlier time is kept
    assert not sync(search, radicale_url, calendar_name).report.changed


@pytest.mark.caldav
def test_deletes_on_either_side(search: Search, radicale_url: str, calendar_name: str) -> None:
    acme, beta = two_interviews(search)
    sync(search, radicale_url, calendar_name)
    # deleted in the calendar: reported, the interview stays until the user settles it
    delete_in_calendar(radicale_url, calendar_name, acme.uid)
    done = sync(search, radicale_url, calendar_name)
    (conflict,) = done.report.conflicts
    assert (conflict.uid, conflict.reason) == (acme.uid, ConflictReason.DELETED_IN_CALENDAR)
    assert search(lambda s: s.interview_by_uid(acme.uid)) is not None
    done = sync(search, radicale_url, calendar_name, prefer="calendar")
    assert done.removed == [acme.uid]
    assert search(lambda s: s.interview_by_uid(acme.uid)) is None
    removed = search(lambda s: s.audit_entries(entity="interview"))[-1]
    assert (removed["action"], removed["data"]["uid"]) == ("deleted_in_calendar", acme.uid)
    # removed here (a cancelled invite): left in the calendar unless asked to delete
    cancel = invite(beta.uid, "20261124T090000Z", "20261124T093000Z", method="CANCEL")
    import_ics(search, cancel)
    done = sync(search, radicale_url, calendar_name)
    assert done.report.left_in_calendar == [beta.uid]
    assert beta.uid in in_calendar(radicale_url, calendar_name)
    done = sync(search, radicale_url, calendar_name, delete_removed=True)
    assert done.report.deleted == [beta.uid]
    assert in_calendar(radicale_url, calendar_name) == {}
    assert not sync(search, radicale_url, calendar_name, delete_removed=True).report.changed


@pytest.mark.caldav
def test_a_conflict_is_reported_with_both_versions_and_settled_when_asked(
    search: Search, radicale_url: str, calendar_name: str
) -> None:
    acme, _ = two_interviews(search)
    sync(search, radicale_url, calendar_name)
    here, there = at(MONDAY, 15), at(MONDAY, 17)
    search(lambda s: s.update_interview(acme.id, {"start": here}))
    move_in_calendar(radicale_url, calendar_name, acme.uid, there, 60)
    for _ in range(2):  # reported again until settled; nothing overwritten meanwhile
        done = sync(search, radicale_url, calendar_name)
        (conflict,) = done.report.conflicts
        assert conflict.reason is ConflictReason.BOTH_CHANGED
        assert (conflict.local_start, conflict.remote_start) == (here, there)
        assert search(lambda s: s.interview_by_uid(acme.uid)).start == here
        assert in_calendar(radicale_url, calendar_name)[acme.uid] == (there, 60)
    done = sync(search, radicale_url, calendar_name, prefer="local")
    assert done.report.pushed == [acme.uid]
    assert in_calendar(radicale_url, calendar_name)[acme.uid] == (here, 60)
    assert not sync(search, radicale_url, calendar_name).report.conflicts


def test_a_company_with_two_open_applications_needs_the_role(sqlite_search: Search) -> None:
    search = sqlite_search
    start_search(search, "Acme")
    search(lambda s: tracking.apply_to(s, search.moment, company="Acme", role="Staff SRE"))
    data = invite("r-1@x", "20261124T140000Z", "20261124T150000Z", summary="Acme technical")
    result = import_ics(search, data)
    assert result.created == []
    assert "--role" in result.unmatched[0].reason
    result = import_ics(search, data, company="acme", role="staff")
    assert [v.role for v in result.created] == ["Staff SRE"]
