"""Warnings about a schedule, as a table of small days, and the week view built on them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from widenet.schedule.availability import Availability, BlockedPeriod
from widenet.schedule.caps import DailyCaps
from widenet.schedule.load import week_view
from widenet.schedule.warnings import WarningKind, schedule_warnings
from widenet.track.model import Interview, InterviewKind

from .conftest import BERLIN, interview

R = InterviewKind.RECRUITER
T = InterviewKind.TECHNICAL
ON = InterviewKind.ONSITE
TH = InterviewKind.TAKE_HOME

TUESDAY = date(2026, 12, 1)
SEARCH_START = date(2026, 11, 2)  # full caps
HOURS = Availability(time_zone="Europe/Berlin", buffer_minutes=15)


def at(hour: int, minute: int = 0, *, day: date = TUESDAY) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def warn(
    interviews: list[Interview], **kwargs: object
) -> list[tuple[WarningKind, tuple[int, ...]]]:
    options: dict = {"availability": HOURS, "caps": DailyCaps(), "search_start": SEARCH_START}
    options.update(kwargs)
    return [(w.kind, w.interview_ids) for w in schedule_warnings(interviews, **options)]


@pytest.mark.parametrize(
    ("interviews", "expected"),
    [
        # 10:00-10:30, then prep 10:45-11:15 and a call at 11:15: exactly the buffer
        ([interview(1, R, at(10)), interview(2, R, at(11, 15), prep=30)], []),
        # 10 minutes between the first call and the second's preparation
        (
            [interview(1, R, at(10)), interview(2, R, at(11, 10), prep=30)],
            [(WarningKind.NO_BUFFER, (1, 2))],
        ),
        # back to back without preparation
        (
            [interview(1, R, at(10)), interview(2, R, at(10, 30))],
            [(WarningKind.NO_BUFFER, (1, 2))],
        ),
        # the second call's preparation starts before the first call ends
        (
            [interview(1, T, at(10), 60), interview(2, R, at(11, 15), prep=30)],
            [(WarningKind.NO_PREPARATION, (1, 2))],
        ),
        # overlapping calls
        (
            [interview(1, T, at(10), 60), interview(2, R, at(10, 30))],
            [(WarningKind.DOUBLE_BOOKED, (1, 2))],
        ),
        # preparation before 09:00, outside the hours
        ([interview(1, T, at(9, 30), 60, prep=60)], [(WarningKind.NO_PREPARATION, (1,))]),
        # well apart
        ([interview(1, R, at(9, 30)), interview(2, T, at(14), 60, prep=60)], []),
        # a fifth interview of the day
        (
            [interview(n, R, at(9 + 2 * (n - 1), 30)) for n in range(1, 6)],
            [(WarningKind.OVER_CAP, (1, 2, 3, 4, 5))],
        ),
        # onsites on two days in a row
        (
            [
                interview(1, ON, at(10), 240),
                interview(2, ON, at(10, day=TUESDAY + timedelta(days=1)), 240),
            ],
            [(WarningKind.NO_REST_AFTER_ONSITE, (1, 2))],
        ),
    ],
)
def test_warnings(interviews: list[Interview], expected: list) -> None:
    assert warn(interviews) == expected


def test_prep_in_a_blocked_period_is_no_preparation() -> None:
    dentist = BlockedPeriod(at(13), at(14), "dentist")
    availability = Availability(time_zone="Europe/Berlin", blocked=(dentist,))
    found = warn([interview(1, T, at(14), 60, prep=60)], availability=availability)
    assert found == [(WarningKind.NO_PREPARATION, (1,))]


def test_a_bigger_buffer_warns_where_the_default_does_not() -> None:
    calls = [interview(1, R, at(10)), interview(2, R, at(10, 50))]
    assert warn(calls) == []
    wide = Availability(time_zone="Europe/Berlin", buffer_minutes=30)
    assert warn(calls, availability=wide) == [(WarningKind.NO_BUFFER, (1, 2))]


def test_messages_use_labels_and_warnings_carry_the_day() -> None:
    calls = [interview(1, R, at(10)), interview(2, R, at(10, 35))]
    (warning,) = schedule_warnings(
        calls,
        availability=HOURS,
        caps=DailyCaps(),
        search_start=SEARCH_START,
        labels={1: "Acme recruiter call", 2: "Globex recruiter call"},
    )
    assert warning.day == TUESDAY
    assert "Acme recruiter call" in warning.message
    assert "Globex recruiter call" in warning.message
    assert "5 minutes" in warning.message


def test_from_day_drops_earlier_days() -> None:
    monday = TUESDAY - timedelta(days=1)
    interviews = [
        interview(1, R, at(10, day=monday)),
        interview(2, R, at(10, 30, day=monday)),
        interview(3, R, at(10)),
        interview(4, R, at(10, 30)),
    ]
    assert len(warn(interviews)) == 2
    assert warn(interviews, from_day=TUESDAY) == [(WarningKind.NO_BUFFER, (3, 4))]


def test_week_view_holds_each_day_with_load_and_warnings() -> None:
    wednesday = TUESDAY + timedelta(days=1)
    interviews = [
        interview(1, T, at(11), 60, prep=60),
        interview(2, R, at(15), 30, prep=30),
        interview(3, ON, at(11, day=wednesday), 300, prep=120),
        interview(4, R, at(10, day=wednesday + timedelta(days=1))),  # rest day broken
        interview(9, R, at(10, day=TUESDAY - timedelta(days=7))),  # another week
    ]
    view = week_view(
        interviews,
        week_of=wednesday,
        availability=HOURS,
        caps=DailyCaps(),
        search_start=SEARCH_START,
    )
    assert view.first_day == TUESDAY - timedelta(days=1)
    assert [d.day.weekday() for d in view.days] == list(range(7))
    monday, tuesday, wed, thursday = view.days[:4]
    assert monday.interviews == ()
    assert [i.id for i in tuesday.interviews] == [1, 2]
    assert [(b.interview_id, b.minutes) for b in tuesday.prep_blocks] == [(1, 60), (2, 30)]
    assert tuesday.load_minutes == 60 + 60 + 30 + 30
    assert tuesday.load_hours == 3.0
    assert wed.load_minutes == 300 + 120
    assert tuesday.available_minutes == 9 * 60
    assert view.days[5].available_minutes == 0  # Saturday
    assert thursday.over_cap
    assert not tuesday.over_cap
    assert [w.kind for w in thursday.warnings] == [WarningKind.NO_REST_AFTER_ONSITE]
    assert view.load_minutes == 180 + 420 + 30
    assert tuesday.limits.interviews == 4


def test_week_view_in_week_one_shows_the_first_week_limits() -> None:
    view = week_view(
        [], week_of=TUESDAY, availability=HOURS, caps=DailyCaps(), search_start=TUESDAY
    )
    assert view.days[0].limits.first_week  # Monday, before the start, counts as week one
    assert view.days[1].limits.first_week
    assert view.warnings == ()


def test_take_home_blocks_time_but_is_not_counted() -> None:
    interviews = [
        interview(1, TH, at(9), 240),
        *[interview(n, R, at(13 + (n - 2), 30)) for n in range(2, 6)],
    ]
    assert warn(interviews) == []
