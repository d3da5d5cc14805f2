"""What recruiters said about each company's process, the latest statement per step counting:
read by the planner and the forecast alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from widenet.storage import plan_repo
from widenet.storage.plan_repo import RecruiterStatement
from widenet.storage.repo import Store
from widenet.track.stages import Stage


@dataclass(frozen=True)
class RecruiterTimeline:
    """What recruiters said about one company, the latest statement per stage counting."""

    stage_days: Mapping[Stage, int] = field(default_factory=dict)
    offer_deadline_days: int | None = None
    said_on: date | None = None  # the latest statement


def timelines_of(statements: Iterable[RecruiterStatement]) -> dict[int, RecruiterTimeline]:
    """Per company: for each stage kind the days of the latest statement naming it, and the
    latest offer deadline (statements oldest first, as the repository gives them)."""
    found: dict[int, RecruiterTimeline] = {}
    for statement in statements:
        before = found.get(statement.company_id, RecruiterTimeline())
        deadline = statement.offer_deadline_days
        found[statement.company_id] = RecruiterTimeline(
            stage_days={**before.stage_days, **statement.stage_days},
            offer_deadline_days=before.offer_deadline_days if deadline is None else deadline,
            said_on=statement.on,
        )
    return found


def recruiter_timelines(store: Store) -> dict[int, RecruiterTimeline]:
    """Per company id: what its recruiters said, as it stands now."""
    return timelines_of(plan_repo.statements(store))
