"""The schedule's settings page: weekly hours, time zone, blocked periods, preparation, buffer,
daily caps and the search start of their ramp, and the link of the subscription feed."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from widenet.errors import WidenetError
from widenet.schedule.availability import BlockedPeriod, Hours, Weekday
from widenet.schedule.caps import limits_for
from widenet.services import calendar, schedule, schedule_edit
from widenet.services.calendar import FEED_PATH
from widenet.services.context import Store
from widenet.services.schedule import ScheduleSettings
from widenet.services.tracking import Moment
from widenet.track.model import InterviewKind
from widenet.web.deps import FormDep, ItemId, MomentDep, StoreDep
from widenet.web.forms import FormState, refused
from widenet.web.render import page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

PAGE = "/calendar/settings"
HOURS_FIELDS = (*(f"weekly_hours.{day.key}" for day in Weekday), "time_zone")
PREP_FIELDS = (*(f"prep_minutes.{kind.value}" for kind in InterviewKind), "buffer_minutes")
CAP_LABELS = {
    "first_week_recruiter_calls": "Week one: recruiter calls a day",
    "first_week_technical": "Week one: technical screens a day",
    "interviews_per_day": "Interviews a day, once ramped up",
    "technical_per_day": "Technical interviews a day, once ramped up",
    "ramp_weeks": "Weeks to ramp up",
    "onsites_per_day": "Onsites a day",
    "rest_days_after_onsite": "Rest days after an onsite",
}
CAPS_FIELDS = (*CAP_LABELS, "search_start")
BLOCK_FIELDS = ("period", "reason")


@functools.cache
def zone_names() -> tuple[str, ...]:
    """IANA names for the time zone field's suggestions."""
    return tuple(sorted(name for name in zoneinfo.available_timezones() if "/" in name))


def hours_text(stretches: tuple[Hours, ...]) -> str:
    return ", ".join(f"{h.start:%H:%M}-{h.end:%H:%M}" for h in stretches) or "off"


def period_text(period: BlockedPeriod, zone: ZoneInfo) -> str:
    """``Thu 24 Dec 2026 – Sat 26 Dec 2026`` for whole days, else with the times."""
    start, end = period.start.astimezone(zone), period.end.astimezone(zone)
    if start.time() == end.time() == time(0):
        last = end.date() - timedelta(days=1)
        first_text = f"{start:%a} {start.day} {start:%b %Y}"
        if last == start.date():
            return first_text
        return f"{first_text} – {last:%a} {last.day} {last:%b %Y}"
    if start.date() == end.date():
        return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M}"
    return (
        f"{start:%a} {start.day} {start:%b %Y} {start:%H:%M} – "
        f"{end:%a} {end.day} {end:%b} {end:%H:%M}"
    )


def ramp(settings: ScheduleSettings) -> list[tuple[str, Any]]:
    """The caps of each week of the ramp: (``Week 2``, DayLimits), the last one open-ended."""
    weeks = settings.caps.ramp_weeks + 1
    found = []
    for week in range(1, weeks + 1):
        day: date = settings.search_start + timedelta(days=7 * (week - 1))
        name = f"Week {week}" + (" and on" if week == weeks else "")
        found.append(
            (name, limits_for(day, caps=settings.caps, search_start=settings.search_start))
        )
    return found


def settings_page(
    request: Request,
    store: Store,
    moment: Moment,
    *,
    forms: dict[str, FormState] | None = None,
    status_code: int = 200,
) -> Response:
    settings = schedule.get_settings(store, moment)
    availability = settings.availability
    zone = availability.zone
    feed_url = ""
    if settings.feed_token:
        feed_url = str(request.base_url).rstrip("/") + FEED_PATH.format(token=settings.feed_token)
    context = {
        "settings": settings,
        "availability": availability,
        "hours": [(day, hours_text(availability.weekly_hours.get(day, ()))) for day in Weekday],
        "prep": [(kind, availability.prep_for(kind)) for kind in InterviewKind],
        "blocked": [period_text(b, zone) for b in availability.blocked],
        "reasons": [b.reason for b in availability.blocked],
        "caps": [(name, label, getattr(settings.caps, name)) for name, label in CAP_LABELS.items()],
        "ramp": ramp(settings),
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("http://", "webcal://", 1).replace(
            "https://", "webcal://", 1
        ),
        "zones": zone_names(),
        "forms": forms or {},
        "saved": request.query_params.get("saved", ""),
        "today": moment.today,
    }
    return page(request, "schedule_settings.html", context, status_code=status_code)


def _saved(section: str) -> RedirectResponse:
    return RedirectResponse(f"{PAGE}?saved={section}#{section}", status_code=303)


def _submit(
    request: Request,
    store: Store,
    moment: Moment,
    form: dict[str, str],
    *,
    section: str,
    fields: tuple[str, ...],
    action: Callable[[], object],
) -> Response:
    """Run one settings change; on refusal show the page with the form's values and messages."""
    try:
        action()
    except WidenetError as exc:
        state = refused(store, form, exc, fields=fields)
        return settings_page(request, store, moment, forms={section: state}, status_code=exc.status)
    return _saved(section)


@router.get(PAGE)
def settings(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    return settings_page(request, store, moment)


@router.post(f"{PAGE}/hours")
def save_hours(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    weekly = {day.key: form[name] for day in Weekday if (name := f"weekly_hours.{day.key}") in form}
    return _submit(
        request,
        store,
        moment,
        form,
        section="hours",
        fields=HOURS_FIELDS,
        action=lambda: schedule_edit.edit_hours(
            store, moment, weekly_hours=weekly, time_zone=form.get("time_zone", "")
        ),
    )


@router.post(f"{PAGE}/prep")
def save_prep(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    prep = {
        key.removeprefix("prep_minutes."): value
        for key, value in form.items()
        if key.startswith("prep_minutes.")
    }
    return _submit(
        request,
        store,
        moment,
        form,
        section="prep",
        fields=PREP_FIELDS,
        action=lambda: schedule_edit.edit_preparation(
            store, moment, prep_minutes=prep, buffer_minutes=form.get("buffer_minutes", "")
        ),
    )


@router.post(f"{PAGE}/caps")
def save_caps(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    caps = {name: form[name] for name in CAP_LABELS if name in form}
    return _submit(
        request,
        store,
        moment,
        form,
        section="caps",
        fields=CAPS_FIELDS,
        action=lambda: schedule_edit.edit_caps(
            store, moment, caps=caps, search_start=form.get("search_start", "")
        ),
    )


@router.post(f"{PAGE}/blocked")
def add_blocked(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    return _submit(
        request,
        store,
        moment,
        form,
        section="blocked",
        fields=BLOCK_FIELDS,
        action=lambda: schedule.block(
            store, moment, period=form.get("period", ""), reason=form.get("reason", "")
        ),
    )


@router.post(PAGE + "/blocked/{number}/remove")
def remove_blocked(
    request: Request, number: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    return _submit(
        request,
        store,
        moment,
        form,
        section="blocked",
        fields=(),
        action=lambda: schedule.unblock(store, moment, number=number),
    )


@router.post(f"{PAGE}/feed")
def feed_link(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    """Make the feed's link, or replace it (the old link stops working)."""
    calendar.feed_location(store, moment, rotate=form.get("rotate", "") == "1")
    return _saved("feed")
