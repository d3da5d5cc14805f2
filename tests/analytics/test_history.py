"""What each chart reads from one history: exits, first replies, the day it started."""

from __future__ import annotations

import pytest

from widenet.analytics.history import Exit, digest, facts_of, reject_reason, search_start
from widenet.errors import InvalidInput
from widenet.track.model import Application, StageEvent
from widenet.track.stages import RejectReason, Stage

from .build import app, day

TODAY = day(60)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("no_response", RejectReason.NO_RESPONSE),
        ("No response", RejectReason.NO_RESPONSE),
        ("  skills-mismatch ", RejectReason.SKILLS_MISMATCH),
        ("", RejectReason.OTHER),
        ("they hired internally", RejectReason.OTHER),
    ],
)
def test_reject_reason(text: str, reason: RejectReason) -> None:
    assert reject_reason(text) is reason


@pytest.mark.parametrize(
    ("history", "exit_"),
    [
        (app(1, ("applied", 0)), Exit.OPEN),
        (app(1, ("applied", 0), ("rejected", 20, "no_response")), Exit.NO_RESPONSE),
        (app(1, ("applied", 0), ("ghosted", 30)), Exit.NO_RESPONSE),
        (app(1, ("applied", 0), ("recruiter", 3), ("ghosted", 30)), Exit.GHOSTED),
        (app(1, ("applied", 0), ("rejected", 4, "not_a_fit")), Exit.REJECTED),
        (app(1, ("applied", 0), ("withdrawn", 4)), Exit.WITHDRAWN),
        (app(1, ("applied", 0), ("offer", 9), ("declined", 12)), Exit.DECLINED),
        (app(1, ("applied", 0), ("offer", 9), ("accepted", 12)), Exit.ACCEPTED),
    ],
)
def test_exit(history: Application, exit_: Exit) -> None:
    facts = facts_of(history, today=TODAY)
    assert facts is not None
    assert facts.exit is exit_


@pytest.mark.parametrize(
    ("history", "reply_day"),
    [
        (app(1, ("applied", 0), ("recruiter", 4), ("technical", 9)), 4),
        (app(1, ("applied", 0), ("rejected", 2, "not_a_fit")), 2),
        (app(1, ("applied", 0), ("rejected", 25, "no_response")), None),
        (app(1, ("applied", 0), ("withdrawn", 3)), None),
        (app(1, ("applied", 0)), None),
    ],
)
def test_first_reply(history: Application, reply_day: int | None) -> None:
    facts = facts_of(history, today=TODAY)
    assert facts is not None
    reply = facts.first_reply
    assert (reply.on if reply else None) == (day(reply_day) if reply_day is not None else None)


def test_path_follows_the_kinds_entered_in_funnel_order() -> None:
    facts = facts_of(app(1, ("applied", 0), ("recruiter", 2), ("onsite", 6)), today=TODAY)
    assert facts is not None
    assert facts.path == (Stage.APPLIED, Stage.RECRUITER, Stage.ONSITE)


def test_events_out_of_date_order_are_refused_naming_the_application() -> None:
    events = (
        StageEvent(1, 7, Stage.APPLIED, day(5)),
        StageEvent(2, 7, Stage.RECRUITER, day(2)),
    )
    with pytest.raises(InvalidInput, match="application 7") as error:
        facts_of(Application(id=7, company_id=1, role="x", events=events), today=TODAY)
    assert error.value.field == "events"


def test_events_of_another_application_are_refused() -> None:
    events = (StageEvent(1, 8, Stage.APPLIED, day(0)),)
    with pytest.raises(InvalidInput, match="belongs to application 8"):
        facts_of(Application(id=7, company_id=1, role="x", events=events), today=TODAY)


def test_an_application_without_events_starts_on_its_applied_date() -> None:
    facts = facts_of(Application(id=1, company_id=1, role="x", applied_on=day(3)), today=TODAY)
    assert facts is not None
    assert (facts.started, facts.furthest, facts.is_open) == (day(3), Stage.APPLIED, True)


def test_search_start_is_the_first_application() -> None:
    facts = digest(
        [app(1, ("applied", 9)), app(2, ("applied", 4)), app(3, ("applied", 99))], today=TODAY
    )
    assert search_start(facts) == day(4)
    assert search_start([]) is None
