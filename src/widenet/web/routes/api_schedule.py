"""JSON API: the schedule's week, its warnings, and windows to offer recruiters."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from widenet.services import companies, schedule
from widenet.web.deps import FilterId, MomentDep, StoreDep
from widenet.web.routes.api_tracking import PROBLEMS
from widenet.web.schedule_schemas import (
    OfferedWindowPublic,
    WarningPublic,
    WeekPublic,
    WindowOfferPublic,
    WindowsCreate,
)
from widenet.web.security import check_api_write

router = APIRouter(dependencies=[Depends(check_api_write)], responses=PROBLEMS)


@router.get("/schedule/week", tags=["schedule"])
def week(
    store: StoreDep,
    moment: MomentDep,
    of: Annotated[date | None, Query(description="Any day of the week; default: today.")] = None,
) -> WeekPublic:
    """Monday to Sunday: each day's interviews, preparation blocks, load, caps and warnings."""
    return WeekPublic.of(schedule.week(store, moment, of))


@router.get("/schedule/warnings", tags=["schedule"])
def warnings(
    store: StoreDep,
    moment: MomentDep,
    days: Annotated[int, Query(ge=1, le=366, description="How many days from today.")] = 14,
) -> list[WarningPublic]:
    """Warnings about the days ahead: over a cap, no buffer, onsites too close, double
    bookings, no time to prepare."""
    return [WarningPublic.of(w) for w in schedule.upcoming_warnings(store, moment, days=days)]


@router.get("/schedule/windows", tags=["schedule"])
def offered_windows(
    store: StoreDep, moment: MomentDep, company_id: FilterId = None
) -> list[OfferedWindowPublic]:
    """Windows still on offer (not booked, not past, not replaced by a newer offer)."""
    found = schedule.offered(store, moment)
    return [OfferedWindowPublic.of(w) for w in found if company_id in (None, w.company_id)]


@router.post("/schedule/windows", status_code=201, tags=["schedule"])
def propose_windows(
    body: WindowsCreate, store: StoreDep, moment: MomentDep, response: Response
) -> WindowOfferPublic:
    """Propose windows that keep every cap, buffer and preparation block, record them as
    offered (a new offer to a company replaces its earlier one for that kind), and return
    them with the text for an e-mail. Nothing fits: 422 `infeasible`, with a hint."""
    name = body.company if body.company_id is None else companies.found(store, body.company_id).name
    offer = schedule.propose(
        store,
        moment,
        company=name or "",
        kind=body.kind,
        minutes=body.minutes,
        days=body.days,
        count=body.count,
        recruiter_time_zone=body.recruiter_time_zone,
    )
    response.headers["location"] = f"/api/v1/schedule/windows?company_id={offer.company.id}"
    return WindowOfferPublic.of(offer)
