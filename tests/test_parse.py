"""Dates, times and choices as people type them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from widenet.errors import InvalidInput
from widenet.parse import parse_choice, parse_date, parse_datetime, parse_excitement
from widenet.track.model import SizeBand, Source

TODAY = date(2026, 11, 20)
ZONE = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 19)),
        ("-3d", date(2026, 11, 17)),
        ("+1w", date(2026, 11, 27)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["3/11/2026", "2026-13-01", "soon", ""])
def test_bad_dates_name_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, today=TODAY, field="on")
    assert caught.value.field == "on"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03 14:00", datetime(2026, 11, 3, 14, 0, tzinfo=ZONE)),
        ("2026-11-03T14:00-05:00", datetime.fromisoformat("2026-11-03T14:00-05:00")),
        ("tomorrow 10:30", datetime(2026, 11, 21, 10, 30, tzinfo=ZONE)),
    ],
)
def test_datetimes_are_aware(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text, zone=ZONE, today=TODAY)
    assert parsed == expected
    assert parsed.tzinfo is not None


@pytest.mark.parametrize("text", ["2026-11-03", "tomorrow", "14:00", "2026-11-03 25:00"])
def test_bad_datetimes(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_datetime(text, zone=ZONE, today=TODAY)


@pytest.mark.parametrize(
    ("enum", "text", "expected"),
    [
        (SizeBand, "Huge", SizeBand.HUGE),
        (Source, "inbound recruiter", Source.INBOUND_RECRUITER),
        (Source, "job-board", Source.JOB_BOARD),
    ],
)
def test_choices(enum: type, text: str, expected: object) -> None:
    assert parse_choice(enum, text, field="x") == expected


def test_unknown_choice_lists_the_choices() -> None:
    with pytest.raises(InvalidInput, match="small, medium, large, huge"):
        parse_choice(SizeBand, "gigantic", field="size")


@pytest.mark.parametrize(("value", "ok"), [(1, True), ("5", True), (0, False), ("six", False)])
def test_excitement(value: object, ok: bool) -> None:
    if ok:
        assert parse_excitement(value) in range(1, 6)  # type: ignore[arg-type]
    else:
        with pytest.raises(InvalidInput):
            parse_excitement(value)  # type: ignore[arg-type]
