"""Schedule settings as people type them: weekdays, hours, periods, NAME=NUMBER."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from widenet.errors import InvalidInput
from widenet.schedule.availability import Hours, Weekday
from widenet.schedule.spec import (
    parse_assignments,
    parse_clock,
    parse_hours,
    parse_period,
    parse_prep,
    parse_weekdays,
)
from widenet.track.model import InterviewKind

from .conftest import BERLIN

MON, TUE, WED, THU, FRI, SAT, SUN = Weekday
TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", (MON, TUE, WED, THU, FRI)),
        ("Monday-Wednesday", (MON, TUE, WED)),
        ("sat,sun", (SAT, SUN)),
        ("fri-mon", (MON, FRI, SAT, SUN)),  # wraps round the week
        ("wed", (WED,)),
        ("weekdays", (MON, TUE, WED, THU, FRI)),
        ("weekend", (SAT, SUN)),
        ("daily", tuple(Weekday)),
        ("tue, thu, tue", (TUE, THU)),
    ],
)
def test_weekdays(text: str, days: tuple[Weekday, ...]) -> None:
    assert parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["", "funday", "mo", "mon-xyz", ","])
def test_bad_weekdays_name_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_weekdays(text)
    assert caught.value.field == "days"


@pytest.mark.parametrize(
    ("text", "clock"),
    [("9", time(9)), ("09:30", time(9, 30)), ("930", time(9, 30)), ("17:05", time(17, 5))],
)
def test_clock(text: str, clock: time) -> None:
    assert parse_clock(text) == clock


@pytest.mark.parametrize("text", ["24:00", "9:60", "noon", "9.30", ""])
def test_bad_clock(text: str) -> None:
    with pytest.raises(InvalidInput, match="time of day"):
        parse_clock(text)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("09:00-17:00", (Hours(time(9), time(17)),)),
        ("13-18, 9-12", (Hours(time(9), time(12)), Hours(time(13), time(18)))),
        ("9:30–12", (Hours(time(9, 30), time(12)),)),  # an en dash, as phones type it
        ("off", ()),
        ("None", ()),
    ],
)
def test_hours(text: str, hours: tuple[Hours, ...]) -> None:
    assert parse_hours(text) == hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("17-9", "ends before it starts"),
        ("9-13,12-17", "overlap"),
        ("9", "stretch of hours"),
        ("9-25", "time of day"),
    ],
)
def test_bad_hours(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        parse_hours(text)
    assert caught.value.field == "hours"


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-12-24..2026-12-26", berlin(2026, 12, 24), berlin(2026, 12, 27)),
        ("2026-12-24", berlin(2026, 12, 24), berlin(2026, 12, 25)),
        ("2026-12-02 14:00..16:30", berlin(2026, 12, 2, 14), berlin(2026, 12, 2, 16, 30)),
        ("2026-12-02 14:00..2026-12-03 10:00", berlin(2026, 12, 2, 14), berlin(2026, 12, 3, 10)),
        ("tomorrow", berlin(2026, 11, 21), berlin(2026, 11, 22)),
        ("+3d 9..12", berlin(2026, 11, 23, 9), berlin(2026, 11, 23, 12)),
    ],
)
def test_periods(text: str, start: datetime, end: datetime) -> None:
    period = parse_period(text, zone=BERLIN, today=TODAY, reason=" holidays ")
    assert (period.start, period.end, period.reason) == (start, end, "holidays")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-26..2026-12-24", "ends before it starts"),
        ("2026-12-02 16:00..14:00", "ends before it starts"),
        ("2026-12-02 14:00..2026-12-03", "both ends"),
        ("2026-12-02..2026-12-03 10:00", "both ends"),
        ("..2026-12-03", "FROM..TO"),
        ("someday", "not a date"),
    ],
)
def test_bad_periods(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        parse_period(text, zone=BERLIN, today=TODAY)
    assert caught.value.field == "period"


def test_assignments_and_prep() -> None:
    assert parse_assignments(["a=1", " b = 20 "], field="caps") == {"a": 1, "b": 20}
    assert parse_prep(["technical=90", "hiring manager=45"]) == {
        InterviewKind.TECHNICAL: 90,
        InterviewKind.HIRING_MANAGER: 45,
    }


@pytest.mark.parametrize(
    ("items", "field"),
    [
        (["technical"], "prep_minutes"),
        (["=5"], "prep_minutes"),
        (["technical=-5"], "prep_minutes.technical"),
        (["technical=1.5"], "prep_minutes.technical"),
        (["lunch=30"], "prep_minutes.lunch"),
        ([], "prep_minutes"),
    ],
)
def test_bad_prep_names_the_field(items: list[str], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_prep(items)
    assert caught.value.field == field
