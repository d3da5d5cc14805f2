"""When the user can take interviews: weekly hours, blocked periods, time zone, prep and buffer.

The model is plain data the service stores as one JSON blob (``to_json`` / ``from_json``);
``validate`` reports every problem at once, each naming its field.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from widenet import defaults
from widenet.errors import InvalidInput, ProblemList
from widenet.schedule.blocks import Span, subtract
from widenet.track.model import InterviewKind

MAX_PREP_MINUTES = 8 * 60
MAX_BUFFER_MINUTES = 120
FORMAT_VERSION = 1


class Weekday(IntEnum):
    """Days of the week, numbered as ``date.weekday()`` numbers them."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6

    @property
    def key(self) -> str:
        """The name used in JSON and field paths: ``monday`` ... ``sunday``."""
        return self.name.lower()


@dataclass(frozen=True)
class Hours:
    """One stretch of working hours on a weekday, in the user's time zone (end after start)."""

    start: time
    end: time


@dataclass(frozen=True)
class BlockedPeriod:
    """Time the user is away (holiday, doctor, another commitment); aware datetimes."""

    start: datetime
    end: datetime
    reason: str = ""


def office_hours() -> dict[Weekday, tuple[Hours, ...]]:
    """Monday to Friday, 09:00-18:00: the default weekly hours."""
    day = (Hours(time(9), time(18)),)
    return {weekday: day for weekday in Weekday if weekday <= Weekday.FRIDAY}


@dataclass(frozen=True)
class Availability:
    """The user's availability for interviews.

    - ``time_zone``: IANA name (``Europe/Berlin``); weekly hours are read in this zone.
    - ``weekly_hours``: per weekday, the stretches of time interviews and preparation may use;
      a weekday that is missing has no hours.
    - ``blocked``: periods taken out of those hours.
    - ``prep_minutes``: preparation before an interview of each kind (defaults:
      ``widenet.defaults.PREP_MINUTES``); used for interviews being proposed.
    - ``buffer_minutes``: time to decompress between one call (with its preparation) and the
      next (default ``widenet.defaults.BUFFER_MINUTES``).
    """

    time_zone: str = "UTC"
    weekly_hours: Mapping[Weekday, tuple[Hours, ...]] = field(default_factory=office_hours)
    blocked: tuple[BlockedPeriod, ...] = ()
    prep_minutes: Mapping[InterviewKind, int] = field(
        default_factory=lambda: dict(defaults.PREP_MINUTES)
    )
    buffer_minutes: int = defaults.BUFFER_MINUTES

    @property
    def zone(self) -> ZoneInfo:
        return zone_named(self.time_zone, field="time_zone")

    def prep_for(self, kind: InterviewKind) -> int:
        """Minutes of preparation before an interview of ``kind``."""
        return self.prep_minutes.get(kind, defaults.PREP_MINUTES[kind])


def zone_named(name: str, *, field: str) -> ZoneInfo:
    """The time zone of an IANA name, or InvalidInput naming ``field``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(
            f"{name!r} is not a known time zone; use an IANA name such as Europe/Berlin.",
            field=field,
        ) from exc


def free_spans(availability: Availability, day: date) -> list[Span]:
    """The day's working hours as aware datetimes, minus blocked periods."""
    zone = availability.zone
    hours = availability.weekly_hours.get(Weekday(day.weekday()), ())
    spans = [
        Span(datetime.combine(day, h.start, zone), datetime.combine(day, h.end, zone))
        for h in hours
    ]
    cuts = [Span(b.start, b.end) for b in availability.blocked]
    return subtract(spans, cuts)


def days_away(availability: Availability) -> frozenset[date]:
    """Days with working hours that blocked periods take entirely (a holiday, a week away):
    the planner keeps applications and interviews off them."""
    zone = availability.zone
    found = set()
    for period in availability.blocked:
        day, last = period.start.astimezone(zone).date(), period.end.astimezone(zone).date()
        while day <= last:
            if availability.weekly_hours.get(Weekday(day.weekday())) and not free_spans(
                availability, day
            ):
                found.add(day)
            day += timedelta(days=1)
    return frozenset(found)


def available_minutes(availability: Availability, day: date) -> int:
    return sum(span.minutes for span in free_spans(availability, day))


def validate(availability: Availability) -> None:
    """Raise InvalidInput listing every problem, each with the field it is about."""
    problems = ProblemList()
    try:
        zone_named(availability.time_zone, field="time_zone")
    except InvalidInput as exc:
        problems.add(exc.message, field="time_zone")
    for weekday, hours in availability.weekly_hours.items():
        _check_hours(problems, Weekday(weekday), hours)
    for index, period in enumerate(availability.blocked):
        _check_blocked(problems, f"blocked[{index}]", period)
    for kind, minutes in availability.prep_minutes.items():
        if not 0 <= minutes <= MAX_PREP_MINUTES:
            problems.add(
                f"{minutes} minutes of preparation is outside 0-{MAX_PREP_MINUTES}.",
                field=f"prep_minutes.{kind.value}",
            )
    if not 0 <= availability.buffer_minutes <= MAX_BUFFER_MINUTES:
        problems.add(
            f"A buffer of {availability.buffer_minutes} minutes is outside 0-{MAX_BUFFER_MINUTES}.",
            field="buffer_minutes",
        )
    _raise(problems)


def _check_hours(problems: ProblemList, weekday: Weekday, hours: tuple[Hours, ...]) -> None:
    ordered = sorted(hours, key=lambda h: h.start)
    for index, stretch in enumerate(hours):
        if stretch.end <= stretch.start:
            problems.add(
                f"{stretch.start:%H:%M}-{stretch.end:%H:%M} ends before it starts.",
                field=f"weekly_hours.{weekday.key}[{index}]",
            )
    for first, second in itertools.pairwise(ordered):
        if second.start < first.end:
            problems.add(
                f"{first.start:%H:%M}-{first.end:%H:%M} and {second.start:%H:%M}-"
                f"{second.end:%H:%M} overlap.",
                field=f"weekly_hours.{weekday.key}",
            )


def _check_blocked(problems: ProblemList, where: str, period: BlockedPeriod) -> None:
    if period.start.tzinfo is None or period.end.tzinfo is None:
        problems.add("Start and end need a time zone.", field=where)
    elif period.end <= period.start:
        problems.add(f"The period ends ({period.end}) before it starts.", field=where)


def _raise(problems: ProblemList) -> None:
    if not problems:
        return
    found = problems.problems
    if len(found) == 1:
        raise InvalidInput(found[0].message, field=found[0].field)
    summary = "; ".join(p.describe() for p in found)
    raise InvalidInput(
        f"{len(found)} problems in the availability: {summary}",
        field=found[0].field,
        problems=found,
    )


def to_dict(availability: Availability) -> dict[str, Any]:
    """A JSON-ready dict; ``from_dict`` reads it back."""
    return {
        "version": FORMAT_VERSION,
        "time_zone": availability.time_zone,
        "weekly_hours": {
            Weekday(day).key: [[f"{h.start:%H:%M}", f"{h.end:%H:%M}"] for h in hours]
            for day, hours in sorted(availability.weekly_hours.items())
        },
        "blocked": [
            {"start": b.start.isoformat(), "end": b.end.isoformat(), "reason": b.reason}
            for b in availability.blocked
        ],
        "prep_minutes": {kind.value: m for kind, m in availability.prep_minutes.items()},
        "buffer_minutes": availability.buffer_minutes,
    }


def to_json(availability: Availability) -> str:
    return json.dumps(to_dict(availability), sort_keys=True)


def from_json(text: str) -> Availability:
    """Read and validate an availability stored by ``to_json``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"Not valid JSON: {exc.msg} at line {exc.lineno}.") from exc
    return from_dict(data)


def from_dict(data: Any) -> Availability:
    """Read and validate a dict of ``to_dict``'s shape; missing keys take the defaults."""
    if not isinstance(data, dict):
        raise InvalidInput("The availability must be a JSON object.")
    base = Availability()
    availability = Availability(
        time_zone=_text(data.get("time_zone", base.time_zone), "time_zone"),
        weekly_hours=_weekly(data.get("weekly_hours"), base.weekly_hours),
        blocked=tuple(_blocked(item, i) for i, item in enumerate(data.get("blocked", []))),
        prep_minutes=_prep(data.get("prep_minutes", {})),
        buffer_minutes=_whole(data.get("buffer_minutes", base.buffer_minutes), "buffer_minutes"),
    )
    validate(availability)
    return availability


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"Expected text, got {value!r}.", field=where)
    return value


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"Expected a whole number of minutes, got {value!r}.", field=where)
    return value


def _clock(value: Any, where: str) -> time:
    try:
        return time.fromisoformat(_text(value, where))
    except ValueError as exc:
        raise InvalidInput(f"{value!r} is not a time of day like 09:30.", field=where) from exc


def _weekly(
    data: Any, default: Mapping[Weekday, tuple[Hours, ...]]
) -> dict[Weekday, tuple[Hours, ...]]:
    if data is None:
        return dict(default)
    if not isinstance(data, dict):
        raise InvalidInput("Expected an object of weekdays.", field="weekly_hours")
    by_key = {day.key: day for day in Weekday}
    weekly: dict[Weekday, tuple[Hours, ...]] = {}
    for key, stretches in data.items():
        if key not in by_key:
            raise InvalidInput(
                f"{key!r} is not a weekday; use monday ... sunday.", field=f"weekly_hours.{key}"
            )
        where = f"weekly_hours.{key}"
        if not isinstance(stretches, list):
            raise InvalidInput("Expected a list of [start, end] pairs.", field=where)
        weekly[by_key[key]] = tuple(_stretch(s, f"{where}[{i}]") for i, s in enumerate(stretches))
    return weekly


def _stretch(value: Any, where: str) -> Hours:
    if not isinstance(value, list) or len(value) != 2:
        raise InvalidInput(f"Expected [start, end], got {value!r}.", field=where)
    return Hours(_clock(value[0], where), _clock(value[1], where))


def _blocked(data: Any, index: int) -> BlockedPeriod:
    where = f"blocked[{index}]"
    if not isinstance(data, dict):
        raise InvalidInput("Expected an object with start and end.", field=where)
    try:
        start = datetime.fromisoformat(_text(data.get("start"), f"{where}.start"))
        end = datetime.fromisoformat(_text(data.get("end"), f"{where}.end"))
    except ValueError as exc:
        raise InvalidInput(f"Not an ISO date and time: {exc}.", field=where) from exc
    return BlockedPeriod(start, end, _text(data.get("reason", ""), f"{where}.reason"))


def _prep(data: Any) -> dict[InterviewKind, int]:
    if not isinstance(data, dict):
        raise InvalidInput("Expected an object of interview kinds.", field="prep_minutes")
    prep = dict(defaults.PREP_MINUTES)
    for key, minutes in data.items():
        try:
            kind = InterviewKind(key)
        except ValueError as exc:
            known = ", ".join(k.value for k in InterviewKind)
            raise InvalidInput(
                f"{key!r} is not an interview kind ({known}).", field=f"prep_minutes.{key}"
            ) from exc
        prep[kind] = _whole(minutes, f"prep_minutes.{key}")
    return prep


def whole_days(first: date, last: date, *, time_zone: str, reason: str = "") -> BlockedPeriod:
    """A blocked period covering whole days ``first`` to ``last`` (inclusive) in a zone."""
    zone = zone_named(time_zone, field="time_zone")
    start = datetime.combine(first, time(0), zone)
    return BlockedPeriod(start, datetime.combine(last + timedelta(days=1), time(0), zone), reason)
