"""Hand-built histories for the analytics tests: short to write, easy to read in a table."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

from widenet.track.model import (
    Application,
    Company,
    Interview,
    InterviewKind,
    Outcome,
    Source,
    StageEvent,
)
from widenet.track.stages import Stage

START = date(2026, 10, 15)  # the seed search began on 15 October
_ids = itertools.count(1)


def day(n: int) -> date:
    """The n-th day after the start of the search (0 = the start)."""
    return START + timedelta(days=n)


def app(
    app_id: int,
    *steps: tuple[str, int] | tuple[str, int, str],
    source: Source = Source.DIRECT,
    company_id: int = 1,
    role_family: str = "",
    role: str = "Engineer",
) -> Application:
    """An application whose events are ``(stage, day, reason?)`` steps, e.g. ("onsite", 9)."""
    events = tuple(
        StageEvent(
            id=next(_ids),
            application_id=app_id,
            stage=Stage(step[0]),
            on=day(step[1]),
            reason=step[2] if len(step) > 2 else "",
        )
        for step in steps
    )
    return Application(
        id=app_id,
        company_id=company_id,
        role=role,
        role_family=role_family,
        source=source,
        applied_on=events[0].on if events else None,
        events=events,
    )


def company(company_id: int = 1, name: str = "Acme", **traits: object) -> Company:
    return Company(id=company_id, name=name, **traits)  # type: ignore[arg-type]


def interview(
    on: int,
    kind: InterviewKind = InterviewKind.TECHNICAL,
    *,
    hour: int = 10,
    minutes: int = 60,
    prep: int = 0,
    outcome: Outcome = Outcome.UNKNOWN,
    rating: int | None = None,
    app_id: int = 1,
) -> Interview:
    return Interview(
        id=next(_ids),
        application_id=app_id,
        kind=kind,
        start=datetime.combine(day(on), time(hour), tzinfo=UTC),
        minutes=minutes,
        prep_minutes=prep,
        self_rating=rating,
        outcome=outcome,
    )
