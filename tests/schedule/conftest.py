"""Shared helpers of the schedule tests: interview factories (Radicale is in tests/conftest.py)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from widenet.track.model import Interview, InterviewKind

BERLIN = ZoneInfo("Europe/Berlin")


def interview(
    id: int,
    kind: InterviewKind,
    start: datetime,
    minutes: int = 30,
    *,
    prep: int = 0,
    uid: str = "",
) -> Interview:
    return Interview(
        id=id,
        application_id=id,
        kind=kind,
        start=start,
        minutes=minutes,
        prep_minutes=prep,
        uid=uid or f"interview-{id}@widenet.test",
    )
