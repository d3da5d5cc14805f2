"""A saved plan against what happened: per company the planned and the actual dates of
applying, the onsite and the offer, and the stretches of each stage as chart bars."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from widenet.schedule.blocks import local_day
from widenet.services.plan_views import Bar, PlannedCompany, PlanShow, PlanView, Versus
from widenet.services.views import ApplicationView
from widenet.track.model import InterviewKind, StageEvent
from widenet.track.stages import Stage

ONE_DAY = timedelta(days=1)


def plan_show(
    plan: PlanView,
    views: Iterable[ApplicationView],
    *,
    today: date,
    zone: ZoneInfo,
    created_at: datetime | None,
    saved_plans: int,
) -> PlanShow:
    """The plan with, for each of its companies, the application made for it: the latest
    one of the company (the one the plan is about)."""
    latest: dict[int, ApplicationView] = {}
    for view in views:
        held = latest.get(view.company.id)
        if held is None or _started(view) >= _started(held):
            latest[view.company.id] = view
    versus, actual = [], []
    for company in plan.companies:
        found = latest.get(company.company_id) if company.company_id is not None else None
        versus.append(_versus(company, found, zone, plan.first_day))
        if found is not None and company.included:
            actual.extend(actual_bars(company.name, found, today=today))
    return PlanShow(
        plan=plan,
        today=today,
        created_at=created_at,
        versus=tuple(versus),
        planned_bars=planned_bars(plan),
        actual_bars=tuple(actual),
        saved_plans=saved_plans,
    )


def _started(view: ApplicationView) -> tuple[date, int]:
    app = view.application
    first = app.applied_on or (app.events[0].on if app.events else date.min)
    return first, app.id


def planned_bars(plan: PlanView) -> tuple[Bar, ...]:
    """Each included company's steps still ahead, from one expected date to the next, the
    last one up to the expected offer."""
    bars = []
    for company in plan.included:
        steps = sorted(
            ((on, stage) for stage, on in company.expected.items() if stage is not Stage.OFFER),
            key=lambda item: (item[0], item[1].rank),
        )
        if not steps:
            continue  # past its last step: only the offer is ahead
        ends = [on for on, _ in steps[1:]] + [company.offer_on or steps[-1][0] + ONE_DAY]
        for (start, stage), end in zip(steps, ends, strict=True):
            bars.append(Bar(company.name, stage, start, max(end, start + ONE_DAY)))
    return tuple(bars)


def actual_bars(name: str, view: ApplicationView, *, today: date) -> list[Bar]:
    """The stages the application went through, each from its event to the next event (a
    step still open runs to today); at least a day each, so a short stage still shows."""
    events = view.events
    bars = []
    for index, event in enumerate(events):
        if event.stage.rank < 0:
            continue  # an outcome ends the process; the bar before it stops there
        following = events[index + 1].on if index + 1 < len(events) else max(today, event.on)
        bars.append(Bar(name, event.stage, event.on, max(following, event.on + ONE_DAY)))
    return bars


def _ahead(day: date | None, first_day: date) -> date | None:
    """A date the plan set: one before the plan's first day is an estimate of the past."""
    return day if day is not None and day >= first_day else None


def _versus(
    company: PlannedCompany, view: ApplicationView | None, zone: ZoneInfo, first_day: date
) -> Versus:
    if view is None:
        return Versus(
            company.name,
            company.company_id,
            company.apply_on,
            None,
            company.onsite_on,
            None,
            False,
            company.offer_on,
            None,
            "not applied yet",
        )
    onsite, booked = _onsite(view, zone)
    return Versus(
        company=company.name,
        company_id=company.company_id,
        planned_apply=company.apply_on,
        applied_on=_started(view)[0],
        planned_onsite=_ahead(company.onsite_on, first_day),
        onsite_on=onsite,
        onsite_booked=booked,
        planned_offer=_ahead(company.offer_on, first_day),
        offer_on=_first(view.events, Stage.OFFER),
        standing=_standing(view),
    )


def _first(events: Sequence[StageEvent], stage: Stage) -> date | None:
    return next((event.on for event in events if event.stage is stage), None)


def _onsite(view: ApplicationView, zone: ZoneInfo) -> tuple[date | None, bool]:
    """The onsite as it happened, or as it is booked (True) when it is still ahead."""
    held = _first(view.events, Stage.ONSITE)
    if held is not None:
        return held, False
    booked = sorted(
        local_day(i.start, zone)
        for i in view.interviews
        if i.kind is InterviewKind.ONSITE and not i.done
    )
    return (booked[0], True) if booked else (None, False)


def _standing(view: ApplicationView) -> str:
    status = view.status
    when = f"{status.since.day} {status.since:%b}"
    if status.is_open:
        return f"{status.current_name} since {when}"
    return f"{status.current.label} on {when}"
