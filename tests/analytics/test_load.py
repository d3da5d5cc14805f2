"""Interview load: hours per day and per week against the daily caps."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from widenet.analytics.load import DayCap, day_cap, interview_load
from widenet.errors import InvalidInput
from widenet.track.model import Interview, InterviewKind

from .build import day, interview

RECRUITER, TECHNICAL = InterviewKind.RECRUITER, InterviewKind.TECHNICAL
ONSITE, TAKE_HOME = InterviewKind.ONSITE, InterviewKind.TAKE_HOME


@pytest.mark.parametrize(
    ("week", "cap"),
    [
        (0, DayCap(interviews=2, technical=1, onsites=1)),  # product.md: start with 2 calls / 1
        (1, DayCap(interviews=3, technical=1, onsites=1)),  # ramping up
        (2, DayCap(interviews=4, technical=2, onsites=1)),  # week 3: at most 4, 2 technical
        (9, DayCap(interviews=4, technical=2, onsites=1)),
    ],
)
def test_day_cap_ramps_up_by_week(week: int, cap: DayCap) -> None:
    assert day_cap(week) == cap


def test_day_cap_before_the_search_is_refused() -> None:
    with pytest.raises(InvalidInput):
        day_cap(-1)


@pytest.mark.parametrize(
    ("booked", "on", "hours", "over"),
    [
        pytest.param(
            [interview(0, RECRUITER, minutes=30, prep=30), interview(0, TECHNICAL, prep=60)],
            0,
            3.0,
            (),
            id="a call and a screen in week 1 are within the cap",
        ),
        pytest.param(
            [interview(1, TECHNICAL, hour=9), interview(1, TECHNICAL, hour=14)],
            1,
            2.0,
            ("2 technical interviews (cap 1)",),
            id="two screens on a first-week day are over",
        ),
        pytest.param(
            [interview(8, RECRUITER, hour=h, minutes=30, prep=30) for h in (9, 11, 14)]
            + [interview(8, TAKE_HOME, minutes=240)],
            8,
            7.0,
            (),
            id="three calls in week 2 are fine; a take-home adds hours, not interviews",
        ),
        pytest.param(
            [interview(15, RECRUITER, hour=h, minutes=30) for h in range(9, 14)],
            15,
            2.5,
            ("5 interviews (cap 4)",),
            id="five calls even once ramped up are over",
        ),
        pytest.param(
            [interview(16, ONSITE, hour=9, minutes=300), interview(16, ONSITE, hour=15)],
            16,
            6.0,
            ("2 onsites (cap 1)",),
            id="two onsites on a day are over",
        ),
        pytest.param(
            [interview(3, ONSITE, hour=9, minutes=300), interview(3, TECHNICAL, hour=16)],
            3,
            6.0,
            ("2 technical interviews (cap 1)",),
            id="an onsite is technical: no screen beside it in the first week",
        ),
        pytest.param(
            [interview(17, ONSITE, hour=9, minutes=300), interview(17, TECHNICAL, hour=16)],
            17,
            6.0,
            (),
            id="an onsite and a screen fit once ramped up",
        ),
    ],
)
def test_day_load(booked: list[Interview], on: int, hours: float, over: tuple[str, ...]) -> None:
    result = interview_load(booked, today=day(20), start=day(0))
    load = result.days[on]
    assert load.day == day(on)
    assert (load.hours, load.over) == (hours, over)


def test_days_run_from_the_start_to_the_last_booked_interview_and_weeks_add_up() -> None:
    booked = [
        interview(1, TECHNICAL, minutes=60, prep=60),
        interview(6, RECRUITER, minutes=30, prep=30),
        interview(9, ONSITE, minutes=300, prep=120),
    ]
    result = interview_load(booked, today=day(2), start=day(0))
    assert (result.days[0].day, result.days[-1].day) == (day(0), day(9))
    assert [(w.week, w.start, w.interviews, w.hours) for w in result.weeks] == [
        (0, day(0), 2, 3.0),
        (1, day(7), 1, 7.0),
    ]
    assert result.total_hours == 10.0


def test_days_fall_in_the_users_time_zone() -> None:
    # 23:30 UTC on 18 October is 01:30 on the 19th in Berlin (summer time).
    late = Interview(1, 1, TECHNICAL, datetime(2026, 10, 18, 23, 30, tzinfo=UTC), 60)
    in_utc = interview_load([late], today=day(5), start=day(0))
    in_berlin = interview_load([late], today=day(5), start=day(0), zone=ZoneInfo("Europe/Berlin"))
    assert [d.day for d in in_utc.days if d.interviews] == [day(3)]
    assert [d.day for d in in_berlin.days if d.interviews] == [day(4)]


def test_a_start_without_a_time_zone_is_refused() -> None:
    naive = Interview(5, 1, TECHNICAL, datetime(2026, 10, 18, 10, 0), 60)
    with pytest.raises(InvalidInput, match="interview 5") as error:
        interview_load([naive], today=day(5))
    assert error.value.field == "start"


def test_no_interviews_but_a_search_start_gives_empty_days() -> None:
    result = interview_load([], today=day(3), start=day(0))
    assert len(result.days) == 4
    assert result.total_hours == 0


def test_empty_search() -> None:
    result = interview_load([], today=day(3))
    assert (result.start, result.days, result.weeks, result.total_hours) == (None, (), (), 0)
