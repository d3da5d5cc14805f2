"""Changing schedule settings as typed into a form: every problem at once, by field, and
nothing saved unless all are right; the board's filters and warnings; importing one invite."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from tests.conftest import Search
from widenet.errors import InvalidInput
from widenet.schedule.availability import Hours, Weekday
from widenet.services import calendar, interviews, schedule, schedule_edit, tracking
from widenet.track.model import InterviewKind, Source

TUESDAY = date(2026, 11, 24)


def edit(search: Search, action: Callable[..., Any], **fields: Any) -> Any:
    return search(lambda s: action(s, search.moment, **fields))


def settings_of(search: Search) -> schedule.ScheduleSettings:
    return search(lambda s: schedule.get_settings(s, search.moment))


def test_hours_of_every_day_and_the_zone_at_once(sqlite_search: Search) -> None:
    week = {"monday": "9-12, 13-17", "tuesday": "off", "wednesday": "", "friday": "10:00-16:00"}
    edit(sqlite_search, schedule_edit.edit_hours, weekly_hours=week, time_zone=" Asia/Tokyo ")
    availability = settings_of(sqlite_search).availability
    assert availability.time_zone == "Asia/Tokyo"
    assert availability.weekly_hours == {
        Weekday.MONDAY: (Hours(time(9), time(12)), Hours(time(13), time(17))),
        Weekday.THURSDAY: (Hours(time(9), time(18)),),  # not sent: kept
        Weekday.FRIDAY: (Hours(time(10), time(16)),),
    }


@pytest.mark.parametrize(
    ("action", "fields", "expected"),
    [
        (
            schedule_edit.edit_hours,
            {"weekly_hours": {"monday": "9-25", "sunday": "18-9"}, "time_zone": "Nowhere/City"},
            {"weekly_hours.monday", "weekly_hours.sunday", "time_zone"},
        ),
        (
            schedule_edit.edit_preparation,
            {"prep_minutes": {"technical": "1h", "onsite": "481", "lunch": "5"},
             "buffer_minutes": "200"},
            {"prep_minutes.technical", "prep_minutes.onsite", "prep_minutes.lunch",
             "buffer_minutes"},
        ),
        (
            schedule_edit.edit_preparation,
            {"prep_minutes": {"recruiter": "３０"}, "buffer_minutes": ""},  # full-width digits
            {"prep_minutes.recruiter"},
        ),
        (
            schedule_edit.edit_caps,
            {"caps": {"interviews_per_day": "25", "ramp_weeks": "-1", "naps": "2"},
             "search_start": "the day I quit"},
            {"interviews_per_day", "ramp_weeks", "naps", "search_start"},
        ),
    ],
)  # fmt: skip
def test_every_problem_is_named_and_nothing_is_saved(
    sqlite_search: Search, action: Callable[..., Any], fields: dict[str, Any], expected: set[str]
) -> None:
    before = settings_of(sqlite_search)
    with pytest.raises(InvalidInput) as caught:
        edit(sqlite_search, action, **fields)
    assert {p.field for p in caught.value.problems} == expected
    assert settings_of(sqlite_search) == before


def test_empty_values_keep_preparation_and_caps(sqlite_search: Search) -> None:
    edit(
        sqlite_search,
        schedule_edit.edit_preparation,
        prep_minutes={"technical": "", "recruiter": "10"},
        buffer_minutes="",
    )
    edit(sqlite_search, schedule_edit.edit_caps, caps={"onsites_per_day": ""}, search_start="")
    settings = settings_of(sqlite_search)
    assert settings.availability.prep_for(InterviewKind.TECHNICAL) == 60
    assert settings.availability.prep_for(InterviewKind.RECRUITER) == 10
    assert settings.availability.buffer_minutes == 15
    assert settings.caps.onsites_per_day == 1
    assert settings.search_start_source == "today"


def test_caps_and_a_start_date(sqlite_search: Search) -> None:
    edit(
        sqlite_search,
        schedule_edit.edit_caps,
        caps={"interviews_per_day": "3", "rest_days_after_onsite": "0"},
        search_start="-2w",
    )
    settings = settings_of(sqlite_search)
    assert (settings.caps.interviews_per_day, settings.caps.rest_days_after_onsite) == (3, 0)
    assert (settings.search_start, settings.search_start_source) == (date(2026, 11, 6), "set")


def test_board_filters_narrow_the_cards_never_the_warnings(sqlite_search: Search) -> None:
    search = sqlite_search
    on = search.today - timedelta(days=30)

    def apply(name: str, source: Source) -> None:
        search(
            lambda s: tracking.apply_to(
                s, search.moment, company=name, role="Backend", on=on, source=source
            )
        )

    def book(name: str, kind: InterviewKind, minute: int) -> None:
        start = datetime(2026, 11, 24, 10, minute, tzinfo=UTC)
        search(lambda s: interviews.add(s, search.moment, company=name, kind=kind, start=start))

    apply("Acme", Source.REFERRAL)
    apply("Beta", Source.DIRECT)
    # Beta's call at 10:30 starts inside Acme's technical screen (10:00-11:00).
    book("Acme", InterviewKind.TECHNICAL, 0)
    book("Beta", InterviewKind.RECRUITER, 30)
    everything = search(lambda s: schedule.board(s, search.moment))
    referrals = search(lambda s: schedule.board(s, search.moment, source=Source.REFERRAL))
    assert everything.board.open_count == 2
    assert referrals.board.open_count == 1
    assert referrals.warnings == everything.warnings
    assert "double_booked" in {w.kind.value for w in everything.warnings}


def invites(*events: tuple[str, int]) -> str:
    """An .ics file with a half-hour chat on 24 November per (uid, hour)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
    for uid, hour in events:
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261119T100000Z",
                  f"DTSTART:20261124T{hour:02d}0000Z", f"DTEND:20261124T{hour:02d}3000Z",
                  "SUMMARY:Chat", "END:VEVENT"]  # fmt: skip
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def test_importing_one_invite_of_a_file_leaves_the_others(sqlite_search: Search) -> None:
    search = sqlite_search
    search(lambda s: tracking.apply_to(s, search.moment, company="Acme", role="Backend"))
    search(lambda s: tracking.apply_to(s, search.moment, company="Beta", role="Backend"))
    data = invites(("a@x", 9), ("b@x", 11))
    first = search(lambda s: calendar.import_invites(s, search.moment, data))
    assert [(u.event.uid, u.needs) for u in first.unmatched] == [
        ("a@x", "company"),
        ("b@x", "company"),
    ]
    chosen = search(
        lambda s: calendar.import_invites(s, search.moment, data, company="Beta", uids=["b@x"])
    )
    assert [(v.interview.uid, v.company.name) for v in chosen.created] == [("b@x", "Beta")]
    assert chosen.unmatched == []
    assert chosen.unchanged == 0
    assert chosen.skipped == ()
    left = search(lambda s: calendar.import_invites(s, search.moment, data))
    assert [u.event.uid for u in left.unmatched] == ["a@x"]
    assert left.unchanged == 1
