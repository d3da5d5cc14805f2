"""Working days: the planner's grid counts Monday to Friday only.

Applications go out on working days and interviews happen on them, so the grid that every
planner works on skips Saturdays and Sundays: day t is the t-th working day from the grid's
first day. Durations and deadlines are given in calendar days; on the grid they become
working days (5 for every 7, rounded), so every step keeps a fixed offset from the apply day
and the model stays linear.
"""

from __future__ import annotations

from datetime import date, timedelta

WEEK = 5  # working days in a week: the rolling weekly cap spans this many grid days


def first_workday(on: date) -> date:
    """``on`` itself, or the Monday after it when it falls on a weekend."""
    return on + timedelta(days=max(0, 7 - on.weekday()) if on.weekday() >= 5 else 0)


def workday_index(origin: date, on: date) -> int:
    """Working days from ``origin`` (a working day) to ``on``: negative before it; a weekend
    day counts as the Monday after it."""
    weeks, rest = divmod((on - origin).days, 7)
    start = origin.weekday()
    return WEEK * weeks + sum(1 for k in range(rest) if (start + k) % 7 < 5)


def workday_date(origin: date, index: int) -> date:
    """The ``index``-th working day from ``origin`` (a working day), negative before it."""
    weeks, rest = divmod(index, WEEK)
    on = origin + timedelta(weeks=weeks)
    while rest:
        on += timedelta(days=1)
        if on.weekday() < 5:
            rest -= 1
    return on


def workdays(days: int) -> int:
    """Calendar days as working days: 5 for every 7, rounded to the nearest (half up)."""
    return (10 * days + 7) // 14


def calendar_days(count: int) -> int:
    """The fewest calendar days that make ``count`` working days (the inverse of workdays)."""
    days = max(0, (7 * count) // 5 - 1)
    while workdays(days) < count:
        days += 1
    return days
