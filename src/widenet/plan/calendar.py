"""Working days: the planner's grid counts Monday to Friday, less the person's days off.

Applications go out on working days and interviews happen on them, so the grid that every
planner works on skips Saturdays and Sundays, and the weekdays the person is away (``off``:
holidays, a week of vacation): day t is the t-th working day from the grid's first day.
Durations and deadlines are given in calendar days; on the grid they become working days (5
for every 7, rounded), so every step keeps a fixed offset from the apply day and the model
stays linear. A process thus stalls over days off, as real ones do over the holidays.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta

WEEK = 5  # working days in a week: the rolling weekly cap spans this many grid days
NO_DAYS_OFF: frozenset[date] = frozenset()


def is_workday(on: date, off: Set[date] = NO_DAYS_OFF) -> bool:
    return on.weekday() < 5 and on not in off


def first_workday(on: date, off: Set[date] = NO_DAYS_OFF) -> date:
    """``on`` itself, or the first working day after it (a weekend, a day off)."""
    while not is_workday(on, off):
        on += timedelta(days=1)
    return on


def workday_index(origin: date, on: date, off: Set[date] = NO_DAYS_OFF) -> int:
    """Working days from ``origin`` (a working day) to ``on``: negative before it; a weekend
    day or a day off counts as the working day after it."""
    weeks, rest = divmod((on - origin).days, 7)
    start = origin.weekday()
    index = WEEK * weeks + sum(1 for k in range(rest) if (start + k) % 7 < 5)
    if off:  # the weekdays off in [origin, on) (or in [on, origin) before it) are not on it
        low, high = min(origin, on), max(origin, on)
        skipped = sum(1 for day in off if low <= day < high and day.weekday() < 5)
        index -= skipped if on >= origin else -skipped
    return index


def workday_date(origin: date, index: int, off: Set[date] = NO_DAYS_OFF) -> date:
    """The ``index``-th working day from ``origin`` (a working day), negative before it."""
    if not off:
        weeks, rest = divmod(index, WEEK)
        on = origin + timedelta(weeks=weeks)
        while rest:
            on += timedelta(days=1)
            if on.weekday() < 5:
                rest -= 1
        return on
    step = timedelta(days=1 if index >= 0 else -1)
    on, left = origin, abs(index)
    while left:
        on += step
        if is_workday(on, off):
            left -= 1
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
