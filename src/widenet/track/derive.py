"""What is derived from a stage history, never stored twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from widenet.track.model import Interview, StageEvent
from widenet.track.stages import PROGRESS, Stage


def in_order(events: Iterable[StageEvent]) -> list[StageEvent]:
    """Events by date, ties in the order they were recorded."""
    return sorted(events, key=lambda event: (event.on, event.id))


def furthest_stage(events: Sequence[StageEvent]) -> Stage | None:
    """The furthest step reached: a later rejection never takes it away."""
    ranks = [event.stage.rank for event in events if event.stage.rank >= 0]
    return PROGRESS[max(ranks)] if ranks else None


def progress_stage(events: Sequence[StageEvent]) -> StageEvent | None:
    """The latest step (not outcome) event: where a closed process was when it ended."""
    for event in reversed(events):
        if not event.stage.is_terminal:
            return event
    return None


@dataclass(frozen=True)
class Status:
    """Where an application stands on a given day."""

    current: Stage
    current_name: str
    since: date
    furthest: Stage
    is_open: bool
    days_in_stage: int
    days_since_activity: int
    looks_ghosted: bool
    next_interview: datetime | None
    outcome_reason: str = ""

    @property
    def column(self) -> Stage:
        """The board column: the stage kind for open processes, else the outcome."""
        return self.current


def status(
    events: Sequence[StageEvent],
    interviews: Sequence[Interview],
    *,
    today: date,
    now: datetime,
    ghosted_after_days: int,
) -> Status:
    """Derive an application's status from its (date-ordered) events and interviews."""
    if not events:
        raise ValueError("an application has at least its 'applied' event")
    latest = events[-1]
    furthest = furthest_stage(events) or Stage.APPLIED
    is_open = not latest.stage.is_terminal
    past = [i.start.date() for i in interviews if i.start <= now]
    upcoming = sorted(i.start for i in interviews if i.start > now)
    last_activity = max([latest.on, *past])
    quiet = (today - last_activity).days
    looks_ghosted = (
        is_open and latest.stage is not Stage.OFFER and not upcoming and quiet >= ghosted_after_days
    )
    return Status(
        current=latest.stage,
        current_name=latest.display,
        since=latest.on,
        furthest=furthest,
        is_open=is_open,
        days_in_stage=(today - latest.on).days,
        days_since_activity=quiet,
        looks_ghosted=looks_ghosted,
        next_interview=upcoming[0] if upcoming else None,
        outcome_reason=latest.reason if latest.stage.is_terminal else "",
    )
