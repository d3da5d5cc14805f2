"""What is derived from a history: current and furthest stage, days, looks ghosted."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from widenet.track.derive import furthest_stage, status
from widenet.track.model import Interview, InterviewKind, StageEvent
from widenet.track.stages import Stage

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def events(*steps: tuple[str, str]) -> list[StageEvent]:
    return [
        StageEvent(
            id=i,
            application_id=1,
            stage=Stage(s),
            on=date.fromisoformat(d),
            reason="not_a_fit" if s == "rejected" else "",
        )
        for i, (s, d) in enumerate(steps, start=1)
    ]


def interview(start: datetime) -> Interview:
    return Interview(id=1, application_id=1, kind=InterviewKind.TECHNICAL, start=start, minutes=60)


@pytest.mark.parametrize(
    ("steps", "furthest"),
    [
        ([("applied", "2026-11-01")], Stage.APPLIED),
        (
            [("applied", "2026-11-01"), ("onsite", "2026-11-05"), ("rejected", "2026-11-09")],
            Stage.ONSITE,
        ),
        (
            [
                ("applied", "2026-11-01"),
                ("technical", "2026-11-03"),
                ("hiring_manager", "2026-11-06"),
            ],
            Stage.TECHNICAL,
        ),
        (
            [("applied", "2026-11-01"), ("offer", "2026-11-20"), ("declined", "2026-11-25")],
            Stage.OFFER,
        ),
    ],
    ids=[
        "only applied",
        "rejection keeps the onsite",
        "manager call after the screen",
        "declined offer",
    ],
)
def test_furthest_stage_is_never_erased(steps: list[tuple[str, str]], furthest: Stage) -> None:
    assert furthest_stage(events(*steps)) is furthest


@pytest.mark.parametrize(
    ("steps", "booked", "current", "is_open", "days_in_stage", "quiet", "ghosted"),
    [
        ([("applied", "2026-11-01")], [], Stage.APPLIED, True, 29, 29, True),
        ([("applied", "2026-11-20")], [], Stage.APPLIED, True, 10, 10, False),
        (
            [("applied", "2026-11-01"), ("recruiter", "2026-11-09")],
            [],
            Stage.RECRUITER,
            True,
            21,
            21,
            True,
        ),
        (
            [("applied", "2026-11-01")],
            [datetime(2026, 12, 2, 15, tzinfo=UTC)],
            Stage.APPLIED,
            True,
            29,
            29,
            False,
        ),
        (
            [("applied", "2026-11-01")],
            [datetime(2026, 11, 25, 15, tzinfo=UTC)],
            Stage.APPLIED,
            True,
            29,
            5,
            False,
        ),
        (
            [("applied", "2026-11-01"), ("offer", "2026-11-02")],
            [],
            Stage.OFFER,
            True,
            28,
            28,
            False,
        ),
        (
            [("applied", "2026-11-01"), ("rejected", "2026-11-02")],
            [],
            Stage.REJECTED,
            False,
            28,
            28,
            False,
        ),
    ],
    ids=[
        "quiet 29 days",
        "quiet 10 days",
        "exactly 21 days",
        "interview booked ahead",
        "interview took place",
        "an offer waits on me",
        "closed",
    ],
)
def test_status(
    steps: list[tuple[str, str]],
    booked: list[datetime],
    current: Stage,
    is_open: bool,
    days_in_stage: int,
    quiet: int,
    ghosted: bool,
) -> None:
    result = status(
        events(*steps), [interview(s) for s in booked], today=TODAY, now=NOW, ghosted_after_days=21
    )
    assert result.current is current
    assert result.is_open is is_open
    assert result.days_in_stage == days_in_stage
    assert result.days_since_activity == quiet
    assert result.looks_ghosted is ghosted


def test_status_reports_next_interview_and_outcome_reason() -> None:
    ahead = [datetime(2026, 12, 3, 9, tzinfo=UTC), datetime(2026, 12, 1, 9, tzinfo=UTC)]
    result = status(
        events(("applied", "2026-11-01")),
        [interview(s) for s in ahead],
        today=TODAY,
        now=NOW,
        ghosted_after_days=21,
    )
    assert result.next_interview == datetime(2026, 12, 1, 9, tzinfo=UTC)
    closed = status(
        events(("applied", "2026-11-01"), ("rejected", "2026-11-04")),
        [],
        today=TODAY,
        now=NOW,
        ghosted_after_days=21,
    )
    assert closed.outcome_reason == "not_a_fit"
