"""Availability: validation naming fields, JSON round trip, and the free hours of a day."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest

from widenet import defaults
from widenet.errors import InvalidInput
from widenet.schedule.availability import (
    Availability,
    BlockedPeriod,
    Hours,
    Weekday,
    available_minutes,
    days_away,
    free_spans,
    from_dict,
    from_json,
    to_json,
    validate,
    whole_days,
)
from widenet.track.model import InterviewKind

from .conftest import BERLIN

SPLIT_WEEK = Availability(
    time_zone="Europe/Berlin",
    weekly_hours={
        Weekday.MONDAY: (Hours(time(9), time(12)), Hours(time(13), time(17, 30))),
        Weekday.WEDNESDAY: (Hours(time(14), time(19)),),
    },
    blocked=(
        BlockedPeriod(
            datetime(2026, 12, 7, 10, tzinfo=BERLIN),
            datetime(2026, 12, 7, 11, tzinfo=BERLIN),
            "doctor",
        ),
    ),
    prep_minutes={**defaults.PREP_MINUTES, InterviewKind.TECHNICAL: 90},
    buffer_minutes=30,
)


@pytest.mark.parametrize("availability", [Availability(), SPLIT_WEEK])
def test_json_round_trip(availability: Availability) -> None:
    assert from_json(to_json(availability)) == availability


def test_defaults_come_from_the_product_defaults() -> None:
    availability = Availability()
    assert availability.buffer_minutes == defaults.BUFFER_MINUTES == 15
    assert (
        availability.prep_for(InterviewKind.TECHNICAL)
        == defaults.PREP_MINUTES[InterviewKind.TECHNICAL]
    )
    assert set(availability.weekly_hours) == {Weekday(d) for d in range(5)}


def test_missing_keys_take_defaults_and_partial_prep_is_merged() -> None:
    read = from_json(json.dumps({"time_zone": "Asia/Tokyo", "prep_minutes": {"recruiter": 10}}))
    assert read.time_zone == "Asia/Tokyo"
    assert read.prep_for(InterviewKind.RECRUITER) == 10
    assert read.prep_for(InterviewKind.ONSITE) == defaults.PREP_MINUTES[InterviewKind.ONSITE]
    assert read.weekly_hours == Availability().weekly_hours


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": 3}, "time_zone"),
        ({"weekly_hours": {"funday": []}}, "weekly_hours.funday"),
        ({"weekly_hours": {"monday": [["9am", "17:00"]]}}, "weekly_hours.monday[0]"),
        ({"weekly_hours": {"monday": [["17:00", "09:00"]]}}, "weekly_hours.monday[0]"),
        (
            {"weekly_hours": {"friday": [["09:00", "12:00"], ["11:00", "14:00"]]}},
            "weekly_hours.friday",
        ),
        ({"weekly_hours": {"monday": "9-5"}}, "weekly_hours.monday"),
        ({"blocked": [{"start": "2026-12-01T10:00", "end": "2026-12-01T11:00"}]}, "blocked[0]"),
        (
            {"blocked": [{"start": "2026-12-01T10:00+01:00", "end": "2026-12-01T09:00+01:00"}]},
            "blocked[0]",
        ),
        ({"blocked": [{"start": "yesterday", "end": "today"}]}, "blocked[0]"),
        ({"prep_minutes": {"dinner": 30}}, "prep_minutes.dinner"),
        ({"prep_minutes": {"technical": -5}}, "prep_minutes.technical"),
        ({"prep_minutes": {"technical": 12.5}}, "prep_minutes.technical"),
        ({"buffer_minutes": 500}, "buffer_minutes"),
        ({"buffer_minutes": "15"}, "buffer_minutes"),
    ],
)
def test_bad_values_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        from_dict(data)
    assert caught.value.field == field


def test_buffer_of_thirty_minutes_and_more_is_allowed() -> None:
    validate(Availability(buffer_minutes=30))
    validate(Availability(buffer_minutes=45))


def test_every_problem_is_reported_at_once() -> None:
    broken = Availability(
        time_zone="Nowhere/Town",
        weekly_hours={Weekday.TUESDAY: (Hours(time(12), time(9)),)},
        buffer_minutes=-1,
    )
    with pytest.raises(InvalidInput) as caught:
        validate(broken)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["time_zone", "weekly_hours.tuesday[0]", "buffer_minutes"]
    assert "3 problems" in caught.value.message


def test_not_json_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="Not valid JSON"):
        from_json("{oops")
    with pytest.raises(InvalidInput, match="JSON object"):
        from_json("[1, 2]")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Monday 7 Dec: two stretches, the doctor's hour cut out of the morning
        (date(2026, 12, 7), [(time(9), time(10)), (time(11), time(12)), (time(13), time(17, 30))]),
        (date(2026, 12, 14), [(time(9), time(12)), (time(13), time(17, 30))]),
        (date(2026, 12, 9), [(time(14), time(19))]),
        (date(2026, 12, 8), []),  # Tuesday has no hours
    ],
)
def test_free_spans(day: date, expected: list[tuple[time, time]]) -> None:
    spans = free_spans(SPLIT_WEEK, day)
    local = [(s.start.astimezone(BERLIN).time(), s.end.astimezone(BERLIN).time()) for s in spans]
    assert local == expected


def test_free_hours_follow_daylight_saving_time() -> None:
    # 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer.
    winter = free_spans(Availability(time_zone="Europe/Berlin"), date(2026, 12, 1))[0]
    summer = free_spans(Availability(time_zone="Europe/Berlin"), date(2026, 7, 1))[0]
    assert winter.start.utcoffset() != summer.start.utcoffset()
    assert (winter.start.hour, summer.start.hour) == (9, 9)


def test_whole_days_block_a_holiday() -> None:
    holiday = whole_days(date(2026, 12, 24), date(2026, 12, 26), time_zone="Europe/Berlin")
    availability = Availability(time_zone="Europe/Berlin", blocked=(holiday,))
    assert available_minutes(availability, date(2026, 12, 24)) == 0
    assert available_minutes(availability, date(2026, 12, 25)) == 0
    assert available_minutes(availability, date(2026, 12, 28)) == 9 * 60


@pytest.mark.parametrize(
    ("blocked", "away"),
    [
        ((), set()),
        # The doctor's hour leaves most of Monday free: not a day away.
        (SPLIT_WEEK.blocked, set()),
        # Christmas Eve to Boxing Day: Thursday and Friday have hours; Saturday has none.
        (
            (whole_days(date(2026, 12, 24), date(2026, 12, 26), time_zone="Europe/Berlin"),),
            {date(2026, 12, 24), date(2026, 12, 25)},
        ),
        # Monday's working hours only, both stretches: the day is gone all the same.
        (
            (
                BlockedPeriod(
                    datetime(2026, 12, 14, 8, 30, tzinfo=BERLIN),
                    datetime(2026, 12, 14, 18, tzinfo=BERLIN),
                ),
            ),
            {date(2026, 12, 14)},
        ),
    ],
)
def test_days_away_are_working_days_blocked_entirely(
    blocked: tuple[BlockedPeriod, ...], away: set[date]
) -> None:
    availability = Availability(time_zone="Europe/Berlin", blocked=blocked)
    assert days_away(availability) == away
