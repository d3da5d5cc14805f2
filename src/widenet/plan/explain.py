"""Why each company got its dates, and the plan as week-by-week rows a person can follow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from statistics import median
from typing import TYPE_CHECKING

from widenet.plan.grid import Grid, Track
from widenet.plan.load import week_loads
from widenet.track.stages import Stage

if TYPE_CHECKING:
    from widenet.plan.result import Plan

BUSY = 0.9  # a week at 90% of its cap counts as full when explaining a left-out company


class PlanAction(StrEnum):
    APPLY = "apply to"
    SCREEN = "expect a screen with"
    ONSITE = "target onsite"
    DEFER = "leave out for now"


@dataclass(frozen=True)
class PlanRow:
    week: int  # week of the search, 1 = the week it starts
    week_starts: date
    on: date
    action: PlanAction
    company: str
    reason: str


def week_rows(plan: Plan) -> list[PlanRow]:
    """The plan as rows ordered by date: apply to / expect a screen with / target onsite,
    plus one "leave out for now" row per deferred company in the first week."""
    rows: list[PlanRow] = []
    for company in plan.companies:
        if not company.included:
            rows.append(_row(plan, plan.first_day, PlanAction.DEFER, company.name, company.reason))
            continue
        if company.apply_on is not None:
            rows.append(
                _row(plan, company.apply_on, PlanAction.APPLY, company.name, company.reason)
            )
        screen = next(
            (on for step, on in company.expected.items() if step not in _NOT_SCREENS), None
        )
        if screen is not None and screen >= plan.first_day and screen != company.onsite_on:
            rows.append(_row(plan, screen, PlanAction.SCREEN, company.name, company.reason))
        if company.onsite_on is not None and company.onsite_on >= plan.first_day:
            rows.append(
                _row(plan, company.onsite_on, PlanAction.ONSITE, company.name, company.reason)
            )
    order = list(PlanAction)
    return sorted(rows, key=lambda r: (r.on, order.index(r.action), r.company.casefold()))


_NOT_SCREENS = frozenset({Stage.APPLIED, Stage.REFERENCES, Stage.OFFER, Stage.ONSITE})


def _row(plan: Plan, on: date, action: PlanAction, company: str, reason: str) -> PlanRow:
    week = (on - plan.start).days // 7
    starts = date.fromordinal(plan.start.toordinal() + 7 * week)
    return PlanRow(week + 1, starts, on, action, company, reason)


def reasons(grid: Grid, apply: Sequence[int | None], *, window_start: int | None) -> list[str]:
    """One line per company saying why it got its dates (or was left out)."""
    free = [t for t in grid.tracks if not t.fixed]
    typical = median([t.onsite for t in free]) if free else 0
    full = _full_weeks(grid, apply)
    out = []
    for track, day in zip(grid.tracks, apply, strict=True):
        if day is None:
            out.append(_left_out(grid, track, full))
        elif track.fixed:
            out.append(_under_way(grid, track))
        else:
            out.append(_timed(grid, track, day, window_start, typical=typical))
    return out


def _full_weeks(grid: Grid, apply: Sequence[int | None]) -> list[int]:
    return [
        w.week
        for w in week_loads(grid, apply)
        if w.cap_minutes and w.expected_minutes >= BUSY * w.cap_minutes
    ]


def _left_out(grid: Grid, track: Track, full: list[int]) -> str:
    if not track.can_include:
        return (
            f"left out: its process (~{track.offer} working days to an offer) does not fit "
            f"the {grid.horizon_days}-day horizon"
        )
    if full:
        weeks = _span(full)
        return (
            f"left out: the expected interview load is at the cap in {weeks}; "
            "apply later if the search goes on"
        )
    return "left out: fitting it in would cost more (onsite outside the window) than it adds"


def _under_way(grid: Grid, track: Track) -> str:
    onsite = grid.step_date(track, 0, track.steps.index(Stage.ONSITE))
    if track.onsite < 0:
        return "under way: past the onsite; its dates are kept"
    booked = track.booked_steps[track.steps.index(Stage.ONSITE)]
    how = "booked for" if booked else "expected"
    return f"under way: its dates are kept; onsite {how} {onsite:%a %d %b}"


def _timed(grid: Grid, track: Track, day: int, window_start: int | None, *, typical: float) -> str:
    onsite = day + track.onsite
    lead = _lead(track, typical=typical)
    if window_start is not None:
        late = onsite - (window_start + grid.window - 1)
        early = window_start - onsite
        if late > 0:
            return f"{lead}; onsite {_days(late)} after the window {_window(grid, window_start)}"
        if early > 0:
            return f"{lead}; onsite {_days(early)} before the window {_window(grid, window_start)}"
    return f"{lead}; target onsite {grid.date_of(onsite):%a %d %b}"


def _lead(track: Track, *, typical: float) -> str:
    if track.referral:
        return "referral: it skips steps, so it goes out once the first processes are under way"
    if track.size_rank == 0:
        return (
            f"small company: onsite late, since its offer lapses in {track.deadline} working days"
        )
    if track.onsite > typical:
        return f"long process (~{track.onsite} working days to the onsite): apply early"
    if track.excitement <= 2:
        return f"less wanted ({track.excitement}/5): its technical step comes early, as practice"
    if track.excitement >= 4:
        return f"most wanted ({track.excitement}/5): technical step after the practice rounds"
    return f"~{track.onsite} working days to the onsite: timed to land it in the window"


def _days(count: int) -> str:
    return f"{count} working day" if count == 1 else f"{count} working days"


def _window(grid: Grid, start: int) -> str:
    first, last = grid.date_of(start), grid.date_of(start + grid.window - 1)
    return f"({first:%d %b}-{last:%d %b})"


def _span(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    return (
        f"weeks {weeks[0]}-{weeks[-1]}"
        if weeks == list(range(weeks[0], weeks[-1] + 1))
        else ("weeks " + ", ".join(str(w) for w in weeks))
    )
