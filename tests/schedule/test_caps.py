"""Daily caps: the ramp from week one to the full caps, and each rule, as tables of cases."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from widenet.errors import InvalidInput
from widenet.schedule.caps import (
    CapRule,
    DailyCaps,
    DayLimits,
    check_day,
    check_days,
    limits_for,
    week_of_search,
)
from widenet.track.model import InterviewKind

from .conftest import BERLIN, interview

R = InterviewKind.RECRUITER
HM = InterviewKind.HIRING_MANAGER
T = InterviewKind.TECHNICAL
ON = InterviewKind.ONSITE
TH = InterviewKind.TAKE_HOME
X = InterviewKind.OTHER

START = date(2026, 11, 2)  # a Monday: the search starts


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (START, 1),
        (START + timedelta(days=6), 1),
        (START + timedelta(days=7), 2),
        (START + timedelta(days=14), 3),
        (START + timedelta(days=40), 6),
        (START - timedelta(days=3), 1),  # before the start counts as week one
    ],
)
def test_week_of_search(day: date, week: int) -> None:
    assert week_of_search(day, START) == week


@pytest.mark.parametrize(
    ("offset", "caps", "expected"),
    [
        (0, DailyCaps(), DayLimits(1, 2, 1, 1, True)),
        (6, DailyCaps(), DayLimits(1, 2, 1, 1, True)),
        # halfway up the default two-week ramp: 2 -> 4 interviews, 1 -> 2 technical
        (7, DailyCaps(), DayLimits(2, 3, 1, 1, False)),
        (14, DailyCaps(), DayLimits(3, 4, 2, 1, False)),
        (30, DailyCaps(), DayLimits(5, 4, 2, 1, False)),
        (7, DailyCaps(ramp_weeks=1), DayLimits(2, 4, 2, 1, False)),
        (0, DailyCaps(ramp_weeks=0), DayLimits(1, 4, 2, 1, False)),
        (7, DailyCaps(ramp_weeks=3), DayLimits(2, 2, 1, 1, False)),
        (14, DailyCaps(ramp_weeks=3), DayLimits(3, 3, 1, 1, False)),
        (21, DailyCaps(ramp_weeks=3), DayLimits(4, 4, 2, 1, False)),
        (21, DailyCaps(interviews_per_day=6, technical_per_day=3), DayLimits(4, 6, 3, 1, False)),
        (0, DailyCaps(onsites_per_day=2), DayLimits(1, 2, 1, 2, True)),
    ],
)
def test_limits_ramp_up(offset: int, caps: DailyCaps, expected: DayLimits) -> None:
    assert limits_for(START + timedelta(days=offset), caps=caps, search_start=START) == expected


def _day(offset: int, kinds: list[InterviewKind], first_id: int = 1) -> list:
    """Interviews of ``kinds`` on day ``offset`` of the search, an hour and a half apart."""
    day = START + timedelta(days=offset)
    return [
        interview(
            first_id + n, kind, datetime.combine(day, time(9), BERLIN) + timedelta(hours=2 * n)
        )
        for n, kind in enumerate(kinds)
    ]


@pytest.mark.parametrize(
    ("offset", "kinds", "rules"),
    [
        # week one: 2 recruiter calls OR 1 technical screen
        (0, [R, R], []),
        (0, [R, R, R], [CapRule.FIRST_WEEK_MIX]),
        (0, [T], []),
        (0, [T, T], [CapRule.FIRST_WEEK_MIX]),
        (0, [R, T], [CapRule.FIRST_WEEK_MIX]),
        (0, [HM, X], []),  # hiring manager and other calls count as calls
        (0, [HM, X, R], [CapRule.FIRST_WEEK_MIX]),
        (0, [ON], []),
        (0, [ON, R], [CapRule.FIRST_WEEK_MIX]),  # an onsite weighs like a technical screen
        (0, [TH, R, R], []),  # a take-home takes time but no cap
        # week two, halfway up: 3 interviews, 1 technical
        (7, [R, R, HM], []),
        (7, [R, R, HM, X], [CapRule.INTERVIEWS]),
        (7, [T, R, R], []),
        (7, [T, T], [CapRule.TECHNICAL]),
        # week three on: 4 interviews, 2 technical, 1 onsite
        (14, [R, R, T, T], []),
        (14, [R, R, R, T, T], [CapRule.INTERVIEWS]),
        (14, [T, T, T], [CapRule.TECHNICAL]),
        (14, [R, T, T, T, X], [CapRule.INTERVIEWS, CapRule.TECHNICAL]),
        (14, [ON, ON], [CapRule.ONSITES]),
        (14, [ON, R], []),
        (14, [TH, TH, R, R, R, R], []),
    ],
)
def test_check_day_rules(offset: int, kinds: list[InterviewKind], rules: list[CapRule]) -> None:
    day = START + timedelta(days=offset)
    found = check_day(day, _day(offset, kinds), caps=DailyCaps(), search_start=START, zone=BERLIN)
    assert [v.rule for v in found] == rules


@pytest.mark.parametrize(
    ("caps", "offset", "kinds", "rules"),
    [
        (DailyCaps(ramp_weeks=0), 0, [R, R, R, T], []),
        (DailyCaps(first_week_technical=0), 0, [T], [CapRule.FIRST_WEEK_MIX]),
        (DailyCaps(first_week_technical=2), 0, [R, T], []),
        (DailyCaps(first_week_recruiter_calls=1), 0, [R, R], [CapRule.FIRST_WEEK_MIX]),
        (DailyCaps(interviews_per_day=2), 20, [R, R, R], [CapRule.INTERVIEWS]),
        (DailyCaps(onsites_per_day=2), 20, [ON, ON], []),
    ],
)
def test_check_day_with_edited_caps(
    caps: DailyCaps, offset: int, kinds: list[InterviewKind], rules: list[CapRule]
) -> None:
    day = START + timedelta(days=offset)
    found = check_day(day, _day(offset, kinds), caps=caps, search_start=START, zone=BERLIN)
    assert [v.rule for v in found] == rules


@pytest.mark.parametrize(
    ("onsite_offset", "other_offset", "other_kind", "caps", "rest_broken"),
    [
        (14, 15, R, DailyCaps(), True),
        (14, 15, ON, DailyCaps(), True),  # onsites on consecutive days
        (14, 15, TH, DailyCaps(), True),  # a rest day is a rest day
        (14, 16, R, DailyCaps(), False),
        (14, 16, R, DailyCaps(rest_days_after_onsite=2), True),
        (14, 15, R, DailyCaps(rest_days_after_onsite=0), False),
        (14, 13, R, DailyCaps(), False),  # the day before an onsite is free to use
    ],
)
def test_rest_day_after_onsite(
    onsite_offset: int,
    other_offset: int,
    other_kind: InterviewKind,
    caps: DailyCaps,
    rest_broken: bool,
) -> None:
    interviews = _day(onsite_offset, [ON], first_id=1) + _day(
        other_offset, [other_kind], first_id=2
    )
    day = START + timedelta(days=other_offset)
    found = check_day(day, interviews, caps=caps, search_start=START, zone=BERLIN)
    rest = [v for v in found if v.rule is CapRule.REST_DAY]
    assert bool(rest) is rest_broken
    if rest_broken:
        assert rest[0].interview_ids == (1, 2)
        assert rest[0].day == day


def test_violation_names_the_day_the_interviews_and_the_numbers() -> None:
    interviews = _day(14, [T, T, T])
    (violation,) = check_day(
        START + timedelta(days=14), interviews, caps=DailyCaps(), search_start=START, zone=BERLIN
    )
    assert violation.interview_ids == (1, 2, 3)
    assert (violation.limit, violation.count) == (2, 3)
    assert "3 technical" in violation.message
    assert "cap of 2" in violation.message


def test_day_of_an_interview_is_its_start_in_the_users_zone() -> None:
    # 23:30 UTC on Sunday is 00:30 on Monday in Berlin: the Monday holds three calls.
    monday = START + timedelta(days=14)
    late = datetime.combine(monday, time(0, 30), BERLIN)
    interviews = [
        interview(1, R, late),
        *_day(14, [R, R, R, R], first_id=2),
    ]
    found = check_days(interviews, caps=DailyCaps(), search_start=START, zone=BERLIN)
    assert [(v.day, v.rule, v.count) for v in found] == [(monday, CapRule.INTERVIEWS, 5)]


def test_check_days_reports_each_day_in_order() -> None:
    interviews = _day(15, [T, T, T], first_id=10) + _day(0, [R, T], first_id=1)
    found = check_days(interviews, caps=DailyCaps(), search_start=START, zone=BERLIN)
    assert [(v.day, v.rule) for v in found] == [
        (START, CapRule.FIRST_WEEK_MIX),
        (START + timedelta(days=15), CapRule.TECHNICAL),
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"interviews_per_day": -1}, "interviews_per_day"),
        ({"technical_per_day": "two"}, "technical_per_day"),
        ({"ramp_weeks": True}, "ramp_weeks"),
        ({"rest_days_after_onsite": 30}, "rest_days_after_onsite"),
    ],
)
def test_bad_caps_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        DailyCaps.from_dict(data)
    assert caught.value.field == field


def test_unknown_cap_is_refused_and_caps_round_trip() -> None:
    with pytest.raises(InvalidInput, match="Unknown cap 'lunch'"):
        DailyCaps.from_dict({"lunch": 1})
    caps = DailyCaps(interviews_per_day=5, rest_days_after_onsite=2)
    assert DailyCaps.from_dict(caps.to_dict()) == caps
    assert DailyCaps.from_dict({}) == DailyCaps()
