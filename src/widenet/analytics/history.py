"""What every chart needs to know about one application's history, derived once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from widenet.errors import InvalidInput
from widenet.track.derive import furthest_stage
from widenet.track.model import Application, StageEvent
from widenet.track.stages import PROGRESS, RejectReason, Stage

#: The stages of the seed search's funnel; the optional ones (hiring manager, take-home,
#: references) are shown only when some application went through them.
MAIN_LINE: tuple[Stage, ...] = (
    Stage.APPLIED,
    Stage.RECRUITER,
    Stage.TECHNICAL,
    Stage.ONSITE,
    Stage.OFFER,
)

#: Stage.rank looked up once: the analytics ask it for every event of every application.
RANK: dict[Stage, int] = {stage: stage.rank for stage in Stage}


class Exit(StrEnum):
    """How a process ended, as the flow chart draws it (``OPEN``: it has not ended)."""

    NO_RESPONSE = "no_response"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"
    DECLINED = "declined"
    ACCEPTED = "accepted"
    OPEN = "open"

    @property
    def label(self) -> str:
        return _EXIT_LABELS[self]


_EXIT_LABELS = {
    Exit.NO_RESPONSE: "No response",
    Exit.REJECTED: "Rejected",
    Exit.WITHDRAWN: "Withdrawn",
    Exit.GHOSTED: "Ghosted",
    Exit.DECLINED: "Offer declined",
    Exit.ACCEPTED: "Offer accepted",
    Exit.OPEN: "Still open",
}

_OUTCOME_EXIT = {
    Stage.REJECTED: Exit.REJECTED,
    Stage.WITHDRAWN: Exit.WITHDRAWN,
    Stage.GHOSTED: Exit.GHOSTED,
    Stage.DECLINED: Exit.DECLINED,
    Stage.ACCEPTED: Exit.ACCEPTED,
}


def reject_reason(text: str) -> RejectReason:
    """The reason a rejection event records; free text and blanks count as "other"."""
    key = "_".join(text.strip().casefold().replace("-", " ").split())
    try:
        return RejectReason(key)
    except ValueError:
        return RejectReason.OTHER


@dataclass(frozen=True)
class Facts:
    """One application as of ``today``: its events up to then and what follows from them."""

    application: Application
    events: tuple[StageEvent, ...]
    started: date
    furthest: Stage
    entered: frozenset[Stage]

    @property
    def latest(self) -> StageEvent | None:
        return self.events[-1] if self.events else None

    @property
    def is_open(self) -> bool:
        latest = self.latest
        return latest is None or not latest.stage.is_terminal

    @property
    def outcome(self) -> StageEvent | None:
        """The terminal event that closed the process, if it is closed."""
        latest = self.latest
        return latest if latest is not None and latest.stage.is_terminal else None

    @property
    def path(self) -> tuple[Stage, ...]:
        """The step kinds gone through, in funnel order, always starting at "applied"."""
        return (Stage.APPLIED, *(s for s in PROGRESS[1:] if s in self.entered))

    @property
    def exit(self) -> Exit:
        """The flow chart's exit: a silent company is "no response", not a rejection."""
        outcome = self.outcome
        if outcome is None:
            return Exit.OPEN
        if outcome.stage is Stage.REJECTED:
            silent = reject_reason(outcome.reason) is RejectReason.NO_RESPONSE
            return Exit.NO_RESPONSE if silent else Exit.REJECTED
        if outcome.stage is Stage.GHOSTED and self.furthest is Stage.APPLIED:
            # Ghosted before any contact is simply an application nobody answered.
            return Exit.NO_RESPONSE
        return _OUTCOME_EXIT[outcome.stage]

    @property
    def first_reply(self) -> StageEvent | None:
        """The company's first answer: a next step, or a rejection that was not silence."""
        for event in self.events:
            if event.stage.rank > 0:
                return event
            if event.stage is Stage.REJECTED:
                silent = reject_reason(event.reason) is RejectReason.NO_RESPONSE
                return None if silent else event
        return None


def _check_order(app: Application) -> None:
    previous: StageEvent | None = None
    for event in app.events:
        if event.application_id != app.id:
            raise InvalidInput(
                f"application {app.id}: event {event.id} belongs to application "
                f"{event.application_id}",
                field="events",
            )
        if previous is not None and event.on < previous.on:
            raise InvalidInput(
                f"application {app.id}: events are not in date order "
                f"({previous.stage.value} on {previous.on} comes before "
                f"{event.stage.value} on {event.on})",
                field="events",
            )
        previous = event


def facts_of(app: Application, *, today: date) -> Facts | None:
    """The application as it stood at the end of ``today``; None if not applied by then."""
    _check_order(app)
    events = app.events
    if events and events[-1].on > today:
        events = tuple(event for event in events if event.on <= today)
    starts = [d for d in (app.applied_on, events[0].on if events else None) if d is not None]
    if not starts or min(starts) > today:
        return None
    return Facts(
        application=app,
        events=events,
        started=min(starts),
        furthest=furthest_stage(events) or Stage.APPLIED,
        entered=frozenset(event.stage for event in events if event.stage.rank >= 0),
    )


def digest(applications: Iterable[Application], *, today: date) -> list[Facts]:
    """Facts of every application already applied to by ``today``."""
    found = (facts_of(app, today=today) for app in applications)
    return [facts for facts in found if facts is not None]


def search_start(facts: Sequence[Facts]) -> date | None:
    """The first day of the search: the earliest application."""
    return min((f.started for f in facts), default=None)
