"""The stage-move rules, case by case."""

from __future__ import annotations

from datetime import date

import pytest

from widenet.errors import Conflict, InvalidInput
from widenet.track.model import StageEvent
from widenet.track.stages import Stage
from widenet.track.transitions import check

TODAY = date(2026, 11, 20)


def history(*steps: tuple[str, str]) -> list[StageEvent]:
    return [
        StageEvent(id=i, application_id=1, stage=Stage(stage), on=date.fromisoformat(on))
        for i, (stage, on) in enumerate(steps, start=1)
    ]


APPLIED = ("applied", "2026-11-01")

ALLOWED = [
    pytest.param([], "applied", "2026-11-01", False, id="first event is applied"),
    pytest.param([APPLIED], "recruiter", "2026-11-02", False, id="next stage"),
    pytest.param([APPLIED], "onsite", "2026-11-02", False, id="referral skips forward"),
    pytest.param([APPLIED], "recruiter", "2026-11-01", False, id="same day as latest"),
    pytest.param(
        [APPLIED, ("technical", "2026-11-05")],
        "hiring_manager",
        "2026-11-06",
        False,
        id="a manager call after the screen",
    ),
    pytest.param([APPLIED], "rejected", "2026-11-10", False, id="rejected at applied"),
    pytest.param([APPLIED], "ghosted", "2026-11-20", False, id="ghosted today"),
    pytest.param(
        [APPLIED, ("offer", "2026-11-10")], "accepted", "2026-11-12", False, id="accept an offer"
    ),
    pytest.param(
        [APPLIED, ("offer", "2026-11-10"), ("withdrawn", "2026-11-11")],
        "accepted",
        "2026-11-12",
        True,
        id="accept after reopening",
    ),
    pytest.param(
        [APPLIED, ("rejected", "2026-11-05")],
        "recruiter",
        "2026-11-06",
        True,
        id="reopen a rejection",
    ),
]


@pytest.mark.parametrize(("steps", "stage", "on", "reopen"), ALLOWED)
def test_allowed_moves(steps: list[tuple[str, str]], stage: str, on: str, reopen: bool) -> None:
    check(history(*steps), Stage(stage), date.fromisoformat(on), today=TODAY, reopen=reopen)


REFUSED = [
    pytest.param(
        [], "recruiter", "2026-11-01", False, Conflict, "starts at 'applied'", id="no applied event"
    ),
    pytest.param(
        [APPLIED], "applied", "2026-11-02", False, Conflict, "already applied", id="applied twice"
    ),
    pytest.param(
        [APPLIED, ("onsite", "2026-11-10")],
        "technical",
        "2026-11-08",
        False,
        Conflict,
        "would come before it",
        id="dated before the latest event",
    ),
    pytest.param(
        [APPLIED, ("rejected", "2026-11-05")],
        "recruiter",
        "2026-11-06",
        False,
        Conflict,
        "--reopen",
        id="leaving a terminal outcome",
    ),
    pytest.param(
        [APPLIED, ("technical", "2026-11-05")],
        "accepted",
        "2026-11-06",
        False,
        Conflict,
        "no offer to accept",
        id="accept without offer",
    ),
    pytest.param(
        [APPLIED, ("technical", "2026-11-05")],
        "declined",
        "2026-11-06",
        False,
        Conflict,
        "no offer to decline",
        id="decline without offer",
    ),
    pytest.param(
        [APPLIED, ("technical", "2026-11-05")],
        "technical",
        "2026-11-06",
        False,
        Conflict,
        "already at",
        id="same stage again",
    ),
    pytest.param(
        [APPLIED], "recruiter", "2026-11-21", False, InvalidInput, "in the future", id="future date"
    ),
]


@pytest.mark.parametrize(("steps", "stage", "on", "reopen", "error", "message"), REFUSED)
def test_refused_moves(
    steps: list[tuple[str, str]],
    stage: str,
    on: str,
    reopen: bool,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        check(history(*steps), Stage(stage), date.fromisoformat(on), today=TODAY, reopen=reopen)


def test_out_of_order_message_says_how_to_correct() -> None:
    with pytest.raises(Conflict) as caught:
        check(
            history(APPLIED, ("onsite", "2026-11-10")),
            Stage.OFFER,
            date(2026, 11, 9),
            today=TODAY,
            who="Acme (Backend)",
        )
    text = caught.value.message
    assert "Acme (Backend)" in text
    assert "2026-11-10" in text
    assert "widenet undo" in text
