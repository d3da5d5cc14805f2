"""Reading dates, times and enum choices as people type them; pure, shared by every interface."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from widenet.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)

_RELATIVE = re.compile(r"^(?P<sign>[+-])(?P<n>\d+)(?P<unit>[dw])$")


def parse_date(text: str, *, today: date, field: str = "date") -> date:
    """ISO dates (2026-11-03), ``today``, ``yesterday``, ``tomorrow``, or ``-3d`` / ``+1w``."""
    value = text.strip().casefold()
    named = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if value in named:
        return today + timedelta(days=named[value])
    match = _RELATIVE.match(value)
    if match:
        days = int(match["n"]) * (7 if match["unit"] == "w" else 1)
        return today + timedelta(days=days if match["sign"] == "+" else -days)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date; use YYYY-MM-DD, 'today', 'yesterday' or '-3d'.",
            field=field,
        ) from None


def parse_datetime(text: str, *, zone: ZoneInfo, today: date, field: str = "start") -> datetime:
    """A moment: ``2026-11-03 14:00`` in the user's zone, an ISO time with an offset, or
    ``tomorrow 10:30``. Always returns an aware datetime."""
    value = text.strip()
    parts = value.replace("T", " ", 1).split(" ", 1)
    if len(parts) == 2 and not re.match(r"^\d{4}-", parts[0]):
        day = parse_date(parts[0], today=today, field=field)
        try:
            clock = time.fromisoformat(parts[1].strip())
        except ValueError:
            raise _bad_moment(text, field) from None
        return datetime.combine(day, clock, tzinfo=zone)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _bad_moment(text, field) from None
    if len(value) <= 10:  # a bare date has no time of day
        raise _bad_moment(text, field)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _bad_moment(text: str, field: str) -> InvalidInput:
    return InvalidInput(
        f"{text!r} is not a date and time; use 'YYYY-MM-DD HH:MM' (your time zone), "
        "an ISO time with an offset, or 'tomorrow 10:30'.",
        field=field,
    )


def parse_choice(enum: type[E], text: str, *, field: str) -> E:
    """An enum member from its value or label, forgiving case, spaces and dashes."""
    found = _choices(enum).get(_choice_key(text))
    if found is None:
        choices = ", ".join(member.value for member in enum)
        raise InvalidInput(f"{text!r} is not one of: {choices}.", field=field)
    return found  # type: ignore[return-value]


def _choice_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


@functools.cache
def _choices(enum: type[StrEnum]) -> dict[str, StrEnum]:
    table: dict[str, StrEnum] = {}
    for member in enum:
        table[_choice_key(str(getattr(member, "label", member.value)))] = member
        table[member.value] = member
    return table


def parse_excitement(value: int | str | None, *, field: str = "excitement") -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{value!r} is not a whole number from 1 to 5.", field=field) from None
    if not 1 <= number <= 5:
        raise InvalidInput(f"{number} is outside 1-5 (1 = least, 5 = most).", field=field)
    return number


def parse_whole(text: str | None, *, field: str) -> int | None:
    """A whole number as typed into a form; empty means not given."""
    if text is None or not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a whole number.", field=field) from None
