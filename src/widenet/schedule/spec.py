"""Reading schedule settings as people type them: weekdays, hours, periods, ``kind=minutes``.

Shared by every interface (``widenet hours set mon-fri 09:00-17:00``, a web form); each
function names the field in its error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from widenet.errors import InvalidInput
from widenet.parse import parse_choice, parse_date
from widenet.schedule.availability import BlockedPeriod, Hours, Weekday
from widenet.track.model import InterviewKind

_DAY_GROUPS = {
    "weekdays": tuple(d for d in Weekday if d <= Weekday.FRIDAY),
    "weekend": (Weekday.SATURDAY, Weekday.SUNDAY),
    "daily": tuple(Weekday),
    "all": tuple(Weekday),
}
_NO_HOURS = frozenset({"off", "none", "-", "closed"})
_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$")


def parse_weekday(text: str, *, field: str = "days") -> Weekday:
    """``mon``, ``Tuesday``, ``thu`` (at least three letters of the name)."""
    key = text.strip().casefold()
    for day in Weekday:
        if len(key) >= 3 and day.key.startswith(key):
            return day
    raise InvalidInput(
        f"{text!r} is not a weekday; use mon, tue, wed, thu, fri, sat or sun.", field=field
    )


def parse_weekdays(text: str, *, field: str = "days") -> tuple[Weekday, ...]:
    """``mon-fri``, ``mon,wed,fri``, ``sat-sun``, ``fri-mon`` (wraps), ``weekdays``,
    ``weekend`` or ``daily``; in week order, each day once."""
    found: set[Weekday] = set()
    for part in text.replace(" ", "").casefold().split(","):
        if not part:
            continue
        if part in _DAY_GROUPS:
            found.update(_DAY_GROUPS[part])
        elif "-" in part:
            first, _, last = part.partition("-")
            start, end = parse_weekday(first, field=field), parse_weekday(last, field=field)
            span = (end - start) % 7
            found.update(Weekday((start + step) % 7) for step in range(span + 1))
        else:
            found.add(parse_weekday(part, field=field))
    if not found:
        raise InvalidInput("Give the days, e.g. mon-fri or sat,sun.", field=field)
    return tuple(sorted(found))


def parse_clock(text: str, *, field: str = "hours") -> time:
    """``9``, ``09:30``, ``930`` or ``17:00`` as a time of day."""
    match = _CLOCK.match(text.strip())
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise InvalidInput(f"{text!r} is not a time of day like 09:30.", field=field)


def parse_hours(text: str, *, field: str = "hours") -> tuple[Hours, ...]:
    """``09:00-17:00``, ``9-12,13-18``, or ``off`` (no hours that day). Stretches are
    sorted; each must end after it starts and none may overlap."""
    value = text.strip().casefold()
    if value in _NO_HOURS:
        return ()
    stretches: list[Hours] = []
    for part in value.replace(" ", "").replace("–", "-").split(","):
        first, dash, last = part.partition("-")
        if not dash:
            raise InvalidInput(f"{part!r} is not a stretch of hours like 09:00-17:00.", field=field)
        stretch = Hours(parse_clock(first, field=field), parse_clock(last, field=field))
        if stretch.end <= stretch.start:
            raise InvalidInput(f"{part} ends before it starts.", field=field)
        stretches.append(stretch)
    stretches.sort(key=lambda h: h.start)
    for earlier, later in itertools.pairwise(stretches):
        if later.start < earlier.end:
            raise InvalidInput(f"{text} has stretches that overlap.", field=field)
    return tuple(stretches)


def parse_period(
    text: str, *, zone: ZoneInfo, today: date, reason: str = "", field: str = "period"
) -> BlockedPeriod:
    """A blocked period in the user's zone: ``2026-12-24..2026-12-26`` (whole days,
    inclusive), ``2026-12-24`` (one day), ``2026-12-24 14:00..16:00`` or
    ``2026-12-24 14:00..2026-12-25 10:00``. Relative dates (``tomorrow``, ``+3d``) work too."""
    first, dots, last = text.strip().partition("..")
    first = first.strip()
    last = last.strip() if dots else first  # one date: that whole day
    if not first or not last:
        raise InvalidInput(
            f"{text!r} is not a period; use FROM..TO, e.g. 2026-12-24..2026-12-26.", field=field
        )
    start_day, start_clock = _day_and_clock(first, today=today, field=field)
    if start_clock is None:
        end_day, end_clock = _day_and_clock(last, today=today, field=field)
        if end_clock is not None:
            raise InvalidInput("Give times on both ends, or on neither.", field=field)
        start = datetime.combine(start_day, time(0), zone)
        end = datetime.combine(end_day + timedelta(days=1), time(0), zone)
    else:
        if _CLOCK.match(last):  # "14:00..16:00": the same day
            end_day, end_clock = start_day, parse_clock(last, field=field)
        else:
            end_day, end_clock = _day_and_clock(last, today=today, field=field)
        if end_clock is None:
            raise InvalidInput("Give times on both ends, or on neither.", field=field)
        start = datetime.combine(start_day, start_clock, zone)
        end = datetime.combine(end_day, end_clock, zone)
    if end <= start:
        raise InvalidInput(f"{text} ends before it starts.", field=field)
    return BlockedPeriod(start, end, reason.strip())


def _day_and_clock(text: str, *, today: date, field: str) -> tuple[date, time | None]:
    day, _, clock = text.strip().partition(" ")
    return parse_date(day, today=today, field=field), (
        parse_clock(clock, field=field) if clock.strip() else None
    )


def parse_assignments(items: Sequence[str], *, field: str) -> dict[str, int]:
    """``name=number`` pairs (``technical=60``), the number a whole number >= 0."""
    found: dict[str, int] = {}
    for item in items:
        name, equals, number = item.partition("=")
        if not equals or not name.strip():
            raise InvalidInput(f"{item!r} is not NAME=NUMBER (e.g. technical=60).", field=field)
        value = number.strip()
        if not value.isdigit():
            raise InvalidInput(
                f"{item!r}: {value!r} is not a whole number of 0 or more.",
                field=f"{field}.{name.strip()}",
            )
        found[name.strip()] = int(value)
    if not found:
        raise InvalidInput("Give at least one NAME=NUMBER.", field=field)
    return found


def parse_prep(items: Sequence[str]) -> dict[InterviewKind, int]:
    """``technical=60 recruiter=30`` as minutes of preparation per interview kind."""
    return {
        parse_choice(InterviewKind, name, field=f"prep_minutes.{name}"): minutes
        for name, minutes in parse_assignments(items, field="prep_minutes").items()
    }
