"""Changing several schedule settings at once, as typed into a form: every problem is reported
together, each naming its field, and nothing is saved unless all of them are right."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace

from widenet.errors import InvalidInput, ProblemList
from widenet.parse import parse_date
from widenet.schedule import spec
from widenet.schedule.availability import (
    MAX_BUFFER_MINUTES,
    MAX_PREP_MINUTES,
    Hours,
    Weekday,
    zone_named,
)
from widenet.schedule.blocks import local_day
from widenet.schedule.caps import DailyCaps
from widenet.services.schedule import ScheduleSettings, get_settings, save_changes
from widenet.services.tracking import Moment
from widenet.storage.repo import Store
from widenet.track.model import InterviewKind

#: The largest number a cap may be (``DailyCaps.validate``).
MAX_CAP = 24
CAP_NAMES = tuple(item.name for item in fields(DailyCaps))


def edit_hours(
    store: Store, moment: Moment, *, weekly_hours: Mapping[str, str], time_zone: str
) -> ScheduleSettings:
    """Set the hours of the weekdays given (``monday`` -> ``09:00-17:00``, ``9-12,13-18``;
    ``off`` or empty: no hours that day) and the time zone. Fields: ``weekly_hours.monday``
    ... ``weekly_hours.sunday`` and ``time_zone``."""
    problems = ProblemList()
    current = get_settings(store, moment).availability
    weekly: dict[Weekday, tuple[Hours, ...]] = dict(current.weekly_hours)
    for day in Weekday:
        if day.key not in weekly_hours:
            continue  # a weekday the form did not send keeps its hours
        where = f"weekly_hours.{day.key}"
        try:
            stretches = spec.parse_hours(weekly_hours[day.key] or "off", field=where)
        except InvalidInput as exc:
            problems.add(exc.message, field=where)
            continue
        weekly[day] = stretches
    zone = current.time_zone
    try:
        zone = zone_named(time_zone.strip() or zone, field="time_zone").key
    except InvalidInput as exc:
        problems.add(exc.message, field="time_zone")
    _raise(problems)
    weekly = {day: stretches for day, stretches in weekly.items() if stretches}
    return save_changes(
        store, moment, availability=replace(current, weekly_hours=weekly, time_zone=zone)
    )


def edit_preparation(
    store: Store, moment: Moment, *, prep_minutes: Mapping[str, str], buffer_minutes: str
) -> ScheduleSettings:
    """Set the preparation before each kind of interview given (``technical`` -> ``60``) and
    the buffer between interviews. Fields: ``prep_minutes.<kind>`` and ``buffer_minutes``;
    an empty value keeps the current one."""
    problems = ProblemList()
    current = get_settings(store, moment).availability
    prep = dict(current.prep_minutes)
    for key, text in prep_minutes.items():
        where = f"prep_minutes.{key}"
        try:
            kind = InterviewKind(key)
        except ValueError:
            problems.add(f"{key!r} is not a kind of interview.", field=where)
            continue
        found = _minutes(problems, text, field=where, most=MAX_PREP_MINUTES)
        if found is not None:
            prep[kind] = found
    buffer = _minutes(problems, buffer_minutes, field="buffer_minutes", most=MAX_BUFFER_MINUTES)
    _raise(problems)
    changed = replace(
        current,
        prep_minutes=prep,
        buffer_minutes=current.buffer_minutes if buffer is None else buffer,
    )
    return save_changes(store, moment, availability=changed)


def edit_caps(
    store: Store, moment: Moment, *, caps: Mapping[str, str], search_start: str
) -> ScheduleSettings:
    """Set the daily caps given (field names as in ``DailyCaps``: ``interviews_per_day`` ...)
    and the search start date of the ramp (field ``search_start``; empty: the date of the
    first application). An empty cap keeps its value."""
    problems = ProblemList()
    settings = get_settings(store, moment)
    values = settings.caps.to_dict()
    for name, text in caps.items():
        if name not in CAP_NAMES:
            problems.add(f"{name!r} is not a cap; caps: {', '.join(CAP_NAMES)}.", field=name)
            continue
        found = _whole(problems, text, field=name, most=MAX_CAP, unit="")
        if found is not None:
            values[name] = found
    start = None
    if search_start.strip():
        today = local_day(moment.now, settings.availability.zone)
        try:
            start = parse_date(search_start, today=today, field="search_start")
        except InvalidInput as exc:
            problems.add(exc.message, field="search_start")
    _raise(problems)
    return save_changes(
        store, moment, caps=DailyCaps.from_dict(values), search_start=start, set_start=True
    )


def _minutes(problems: ProblemList, text: str, *, field: str, most: int) -> int | None:
    return _whole(problems, text, field=field, most=most, unit=" minutes")


def _whole(problems: ProblemList, text: str, *, field: str, most: int, unit: str) -> int | None:
    """The whole number typed, None when empty or wrong (then a problem is added)."""
    value = text.strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        problems.add(f"{value!r} is not a whole number of 0 or more.", field=field)
        return None
    number = int(value)
    if number > most:
        problems.add(f"{number}{unit} is above the most allowed, {most}.", field=field)
        return None
    return number


def _raise(problems: ProblemList) -> None:
    if not problems:
        return
    found = problems.problems
    if len(found) == 1:
        raise InvalidInput(found[0].message, field=found[0].field)
    raise InvalidInput(
        f"{len(found)} settings are not right: " + "; ".join(p.describe() for p in found),
        field=found[0].field,
        problems=found,
    )
