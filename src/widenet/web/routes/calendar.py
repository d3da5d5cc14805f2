"""The calendar: a week of interviews, preparation blocks and each day's load; .ics export and
invite import; the subscription feed that calendar apps read."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from widenet.errors import InvalidInput, NotFound, WidenetError
from widenet.parse import parse_date
from widenet.schedule.blocks import local_day
from widenet.schedule.caps import UNCOUNTED_KINDS
from widenet.schedule.load import DayLoad
from widenet.schedule.warnings import ScheduleWarning, WarningKind
from widenet.services import calendar, companies, schedule
from widenet.services.calendar import FEED_PATH
from widenet.services.context import discard
from widenet.services.schedule import Week
from widenet.track.model import InterviewKind
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.render import page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

#: Invites are small; a bigger upload is a mistake (or an attack), refused before parsing.
MAX_ICS_BYTES = 1_000_000
WARNING_TITLES = {
    WarningKind.OVER_CAP: "Over a cap",
    WarningKind.NO_REST_AFTER_ONSITE: "Onsites too close",
    WarningKind.DOUBLE_BOOKED: "Double booked",
    WarningKind.NO_BUFFER: "No buffer",
    WarningKind.NO_PREPARATION: "No time to prepare",
}


@dataclass(frozen=True)
class Entry:
    """One line of a day: an interview, or the preparation block before one."""

    start: datetime  # in the schedule's time zone
    end: datetime
    label: str
    href: str  # the company page, at the interview
    kind: InterviewKind
    prep: bool
    warned: bool  # a warning names this interview

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class DayColumn:
    """A day of the week view with its agenda and what counts against its caps."""

    load: DayLoad
    entries: tuple[Entry, ...]
    counted: int  # interviews that count against the caps (not take-homes)
    technical: int

    @property
    def day(self) -> date:
        return self.load.day


def columns(week: Week) -> list[DayColumn]:
    """Each day of the week with its interviews and preparation blocks in time order."""
    zone = ZoneInfo(week.view.time_zone)
    warned = {i for w in week.view.warnings for i in w.interview_ids}

    def entry(interview_id: int, start: datetime, end: datetime, *, prep: bool) -> Entry:
        view = week.interviews[interview_id]
        label = week.labels[interview_id]
        return Entry(
            start.astimezone(zone),
            end.astimezone(zone),
            f"Prepare: {label}" if prep else label,
            f"/companies/{view.company.id}#interview-{interview_id}",
            view.interview.kind,
            prep,
            interview_id in warned,
        )

    found = []
    for load in week.view.days:
        entries = [entry(i.id, i.start, i.end, prep=False) for i in load.interviews]
        entries += [entry(b.interview_id, b.start, b.end, prep=True) for b in load.prep_blocks]
        entries.sort(key=lambda e: (e.start, not e.prep))
        counted = [i for i in load.interviews if i.kind not in UNCOUNTED_KINDS]
        technical = sum(1 for i in counted if i.kind is InterviewKind.TECHNICAL)
        found.append(DayColumn(load, tuple(entries), len(counted), technical))
    return found


def signature(warnings: Sequence[ScheduleWarning]) -> str:
    """A short digest of the warnings: a dismissed panel comes back when they change."""
    text = "\n".join(f"{w.day}|{w.kind}|{w.message}" for w in warnings)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@router.get("/calendar")
def week_page(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    """Monday to Sunday of the week holding ``?of=DATE`` (default: this week)."""
    text = request.query_params.get("of", "").strip()
    of = parse_date(text, today=moment.today, field="of") if text else None
    week = schedule.week(store, moment, of)
    today = local_day(moment.now, ZoneInfo(week.view.time_zone))
    monday = week.view.first_day
    context = {
        "week": week,
        "days": columns(week),
        "today": today,
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "this_week": today - timedelta(days=today.weekday()) == monday,
        "titles": WARNING_TITLES,
    }
    return page(request, "calendar.html", context, partial="_calendar.html")


@router.get("/calendar/export.ics")
def export(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    """Every interview as an .ics file; ``?prep=1`` adds the preparation blocks."""
    with_prep = request.query_params.get("prep", "") not in ("", "0")
    data = calendar.export_calendar(store, moment, include_prep=with_prep)
    name = f"widenet-{moment.today.isoformat()}{'-with-prep' if with_prep else ''}.ics"
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@dataclass(frozen=True)
class InviteForm:
    """An import request: the file (uploaded, or sent back as text to pick a company for one
    invite), and the company, role and invite chosen."""

    data: bytes
    company: str
    role: str
    uid: str


async def _invite_form(request: Request) -> InviteForm:
    form = await request.form()
    upload, text = form.get("file"), form.get("ics")
    data = b""
    if isinstance(upload, UploadFile):
        data = await upload.read(MAX_ICS_BYTES + 1)
    elif isinstance(text, str):
        data = text.encode()

    def field(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    return InviteForm(data, field("company"), field("role"), field("uid"))


@router.post("/calendar/import")
def import_invites(
    request: Request,
    store: StoreDep,
    moment: MomentDep,
    form: Annotated[InviteForm, Depends(_invite_form)],
) -> Response:
    """Create or update interviews from an invite .ics; the results page offers a company
    for each invite that matched none."""
    try:
        if not form.data.strip():
            raise InvalidInput("Choose an .ics file to import.", field="file")
        if len(form.data) > MAX_ICS_BYTES:
            raise InvalidInput("This file is over 1 MB; an invite is much smaller.", field="file")
        result = calendar.import_invites(
            store,
            moment,
            form.data,
            company=form.company or None,
            role=form.role or None,
            uids=[form.uid] if form.uid else None,
        )
    except WidenetError as exc:
        discard(store)
        context: dict[str, object] = {"result": None, "error": exc, "companies": [], "ics": ""}
        return page(request, "calendar_import.html", context, status_code=exc.status)
    names = [c.name for c in companies.listing(store)] if result.unmatched else []
    ics = form.data.decode("utf-8", errors="replace") if result.unmatched else ""
    context = {"result": result, "error": None, "companies": names, "ics": ics}
    return page(request, "calendar_import.html", context)


@router.api_route(FEED_PATH, methods=["GET", "HEAD"], name="calendar_feed")
def feed(token: str, store: StoreDep, moment: MomentDep) -> Response:
    """The subscription feed: read-only, so no session or CSRF token; the token in the path
    is the only key. A wrong token answers like any unknown address. Some calendar apps ask
    with HEAD first."""
    try:
        data = calendar.feed(store, moment, token)
    except NotFound:
        raise HTTPException(404) from None
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": 'inline; filename="widenet.ics"'},
    )
