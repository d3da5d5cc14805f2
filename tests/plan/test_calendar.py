"""Working days: the grid the planner counts on."""

from datetime import date, timedelta

import pytest

from widenet.plan.calendar import (
    calendar_days,
    first_workday,
    workday_date,
    workday_index,
    workdays,
)

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("on", "first"),
    [
        (date(2026, 12, 4), date(2026, 12, 4)),  # Friday
        (date(2026, 12, 5), date(2026, 12, 7)),  # Saturday: Monday
        (date(2026, 12, 6), date(2026, 12, 7)),  # Sunday: Monday
        (date(2026, 12, 7), date(2026, 12, 7)),
    ],
)
def test_a_plan_starts_on_a_working_day(on: date, first: date) -> None:
    assert first_workday(on) == first


@pytest.mark.parametrize(
    ("origin", "on", "index"),
    [
        (MONDAY, MONDAY, 0),
        (MONDAY, date(2026, 12, 4), 4),  # Friday
        (MONDAY, date(2026, 12, 5), 5),  # Saturday counts as the Monday after
        (MONDAY, date(2026, 12, 7), 5),
        (MONDAY, date(2026, 11, 27), -1),  # the Friday before
        (MONDAY, date(2026, 11, 28), 0),  # a weekend before: the Monday after
        (date(2026, 12, 3), date(2026, 12, 8), 3),  # Thursday to Tuesday: Fri, Mon, Tue
        (date(2026, 12, 3), date(2026, 11, 30), -3),
    ],
)
def test_working_days_between_dates(origin: date, on: date, index: int) -> None:
    assert workday_index(origin, on) == index


def test_dates_and_indices_are_inverse_over_months() -> None:
    for origin in (MONDAY + timedelta(days=k) for k in range(5)):
        for index in range(-40, 80):
            on = workday_date(origin, index)
            assert on.weekday() < 5
            assert workday_index(origin, on) == index


@pytest.mark.parametrize(
    ("days", "working"),
    [(0, 0), (1, 1), (2, 1), (3, 2), (7, 5), (8, 6), (9, 6), (14, 10), (30, 21), (70, 50)],
)
def test_calendar_days_become_five_sevenths_rounded(days: int, working: int) -> None:
    assert workdays(days) == working


@pytest.mark.parametrize("working", range(0, 40))
def test_calendar_days_is_the_fewest_that_make_so_many_working_days(working: int) -> None:
    days = calendar_days(working)
    assert workdays(days) >= working
    assert days == 0 or workdays(days - 1) < working


# Christmas week off (Thursday 24 to Friday 25, then New Year's Day), and a Saturday that
# was blocked too (a weekend day off changes nothing).
HOLIDAYS = frozenset({date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1)})


@pytest.mark.parametrize(
    ("origin", "on", "index"),
    [
        (date(2026, 12, 21), date(2026, 12, 23), 2),  # Mon to Wed: nothing off between
        (date(2026, 12, 21), date(2026, 12, 24), 3),  # a day off counts as the next working day
        (date(2026, 12, 21), date(2026, 12, 28), 3),  # Thu, Fri off, then the weekend
        (date(2026, 12, 21), date(2027, 1, 4), 7),  # Mon 28 .. Thu 31 are 3..6; New Year off
        (date(2026, 12, 28), date(2026, 12, 23), -1),  # before: Wednesday, the days off skipped
        (date(2026, 12, 28), date(2026, 12, 24), 0),  # a day off before: the Monday after
        (date(2026, 12, 28), date(2026, 12, 21), -3),
    ],
)
def test_days_off_are_not_on_the_grid(origin: date, on: date, index: int) -> None:
    assert workday_index(origin, on, HOLIDAYS) == index


def test_a_plan_starts_after_the_days_off() -> None:
    assert first_workday(date(2026, 12, 24), HOLIDAYS) == date(2026, 12, 28)
    assert first_workday(date(2027, 1, 1), HOLIDAYS) == date(2027, 1, 4)


def test_with_days_off_dates_and_indices_are_still_inverse() -> None:
    for origin in (date(2026, 12, 14) + timedelta(days=k) for k in range(5)):
        for index in range(-30, 60):
            on = workday_date(origin, index, HOLIDAYS)
            assert on.weekday() < 5
            assert on not in HOLIDAYS
            assert workday_index(origin, on, HOLIDAYS) == index
