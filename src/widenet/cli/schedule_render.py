"""Terminal renderings and JSON shapes of the schedule: hours, caps, windows, the week, warnings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from widenet.schedule.availability import BlockedPeriod
    from widenet.schedule.caps import DayLimits
    from widenet.schedule.load import DayLoad
    from widenet.schedule.warnings import ScheduleWarning
    from widenet.services.schedule import ScheduleSettings, Week, WindowOffer

BOARD_WARNINGS_SHOWN = 6


def period_text(period: BlockedPeriod, zone: ZoneInfo) -> str:
    """``Thu 24 Dec – Sat 26 Dec`` for whole days, ``Wed 02 Dec 14:00–16:00`` otherwise."""
    start, end = period.start.astimezone(zone), period.end.astimezone(zone)
    if start.time() == time(0) and end.time() == time(0):
        last = end.date() - timedelta(days=1)
        if last == start.date():
            return f"{start:%a %d %b %Y}"
        return f"{start:%a %d %b} – {last:%a %d %b %Y}"
    if start.date() == end.date():
        return f"{start:%a %d %b %Y %H:%M}–{end:%H:%M}"
    return f"{start:%a %d %b %H:%M} – {end:%a %d %b %Y %H:%M}"


def hours(settings: ScheduleSettings) -> Table:
    from widenet.schedule.availability import Weekday

    availability = settings.availability
    table = Table(
        show_header=False, box=None, pad_edge=False, title="Your hours", title_justify="left"
    )
    table.add_column(style="bold")
    table.add_column()
    table.add_row("Time zone", availability.time_zone)
    for day in Weekday:
        stretches = availability.weekly_hours.get(day, ())
        text = ", ".join(f"{h.start:%H:%M}-{h.end:%H:%M}" for h in stretches)
        table.add_row(day.key[:3].capitalize(), text or "[dim]off[/]")
    zone = availability.zone
    blocked = [
        f"{n}. {period_text(b, zone)}" + (f": {escape(b.reason)}" if b.reason else "")
        for n, b in enumerate(availability.blocked, start=1)
    ]
    table.add_row("Blocked", "\n".join(blocked) or "[dim]nothing[/]")
    prep = " · ".join(f"{kind.value} {availability.prep_for(kind)}" for kind in _kinds())
    table.add_row("Preparation", f"{prep} (minutes before)")
    table.add_row("Buffer", f"{availability.buffer_minutes} minutes between interviews")
    return table


def _kinds() -> list[Any]:
    from widenet.track.model import InterviewKind

    return list(InterviewKind)


def _limits_text(limits: DayLimits, settings: ScheduleSettings) -> tuple[str, str]:
    if limits.first_week:
        caps = settings.caps
        return (
            f"{caps.first_week_recruiter_calls} calls or {caps.first_week_technical} technical",
            "(same rule)",
        )
    return str(limits.interviews), str(limits.technical)


def caps(settings: ScheduleSettings, *, today: date | None = None) -> Group:
    from widenet.schedule.caps import limits_for, week_of_search

    caps_ = settings.caps
    table = Table(title="Daily caps", title_justify="left")
    for name in ("Week", "Interviews a day", "Technical a day", "Onsites a day"):
        table.add_column(name)
    current = week_of_search(today, settings.search_start) if today else None
    for week in range(1, caps_.ramp_weeks + 2):
        day = settings.search_start + timedelta(days=7 * (week - 1))
        limits = limits_for(day, caps=caps_, search_start=settings.search_start)
        interviews, technical = _limits_text(limits, settings)
        last = week == caps_.ramp_weeks + 1
        label = f"{week} and on" if last else str(week)
        now = current is not None and (current == week or (last and current > week))
        table.add_row(label + (" (now)" if now else ""), interviews, technical, str(limits.onsites))
    start = f"{settings.search_start:%a %d %b %Y} ({settings.search_start_source})"
    notes = Text.assemble(
        f"Rest days after an onsite: {caps_.rest_days_after_onsite}\n",
        f"Weeks count from {start}; `widenet caps set --start DATE` changes it.",
    )
    return Group(table, notes)


def settings_json(settings: ScheduleSettings) -> dict[str, Any]:
    from widenet.schedule.availability import to_dict

    return {
        "availability": to_dict(settings.availability),
        "caps": settings.caps.to_dict(),
        "search_start": settings.search_start.isoformat(),
        "search_start_source": settings.search_start_source,
    }


# -- windows -------------------------------------------------------------------------------
def offer_json(offer: WindowOffer) -> dict[str, Any]:
    return {
        "company": offer.company.name,
        "kind": offer.kind.value,
        "minutes": offer.minutes,
        "time_zone": offer.time_zone,
        "recruiter_time_zone": offer.recruiter_time_zone,
        "windows": [
            {
                "id": w.id,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "also_offered_to": list(offer.also_offered_to.get(w.id, ())),
            }
            for w in offer.windows
        ],
        "text": offer.text,
    }


def offer_note(offer: WindowOffer) -> Text:
    """What goes to stderr after the e-mail text: what was recorded and how to book."""
    zone = ZoneInfo(offer.time_zone)
    name = offer.company.name
    lines = [f"Recorded {len(offer.windows)} windows offered to {name}."]
    for window in offer.windows:
        others = offer.also_offered_to.get(window.id)
        if others:
            lines.append(
                f"  {window.start.astimezone(zone):%a %d %b %H:%M} overlaps a window offered to "
                f"{', '.join(others)} (fine until one is booked)."
            )
    lines.append(
        f'Once they pick a time: widenet interview add "{name}" --kind {offer.kind.value} '
        f'--minutes {offer.minutes} --at "YYYY-MM-DD HH:MM"'
    )
    return Text("\n".join(lines), style="dim")


# -- the week ------------------------------------------------------------------------------
def _clock(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


def _day_cell(day: DayLoad, labels: Mapping[int, str], zone: ZoneInfo) -> Text:
    text = Text()
    blocks = {block.interview_id: block for block in day.prep_blocks}
    for interview in day.interviews:
        block = blocks.get(interview.id)
        if text:
            text.append("\n")
        if block is not None:
            text.append(f"{_clock(block.start, zone)}-{_clock(block.end, zone)} prepare\n", "dim")
        text.append(f"{_clock(interview.start, zone)}-{_clock(interview.end, zone)} ")
        text.append(labels.get(interview.id, f"interview {interview.id}"), "bold")
    return text or Text("—", "dim")


def week(shown: Week) -> Group:
    view = shown.view
    zone = ZoneInfo(view.time_zone)
    table = Table(title=f"Week of {view.first_day:%a %d %b %Y} ({view.time_zone})", expand=True)
    table.add_column("Day", no_wrap=True)
    table.add_column("Interviews and preparation", ratio=1)
    table.add_column("Load", no_wrap=True)
    table.add_column("Cap", no_wrap=True)
    for day in view.days:
        hours_free = f" of {day.available_minutes / 60:g} h" if day.available_minutes else ""
        load = f"{day.load_hours:g} h{hours_free}" if day.interviews else ""
        cap = _cap_text(day.limits)
        style = "red" if day.over_cap else ("yellow" if day.warnings else "")
        table.add_row(
            Text(f"{day.day:%a %d %b}", style or "bold"),
            _day_cell(day, shown.labels, zone),
            load,
            Text(cap + (" — over" if day.over_cap else ""), style),
        )
    parts: list[Table | Text] = [table]
    if view.warnings:
        parts.append(warning_lines(view.warnings))
    return Group(*parts)


def _cap_text(limits: DayLimits) -> str:
    if limits.first_week:
        return f"week {limits.week}: light"
    return f"{limits.interviews} ({limits.technical} tech)"


def week_json(shown: Week) -> dict[str, Any]:
    from widenet.services.views import to_plain

    view = shown.view
    return {
        "first_day": view.first_day.isoformat(),
        "time_zone": view.time_zone,
        "load_minutes": view.load_minutes,
        "days": [
            {
                "day": day.day.isoformat(),
                "interviews": [
                    {**to_plain(i), "label": shown.labels.get(i.id, "")} for i in day.interviews
                ],
                "prep_blocks": to_plain(day.prep_blocks),
                "interview_minutes": day.interview_minutes,
                "prep_minutes": day.prep_minutes,
                "load_minutes": day.load_minutes,
                "available_minutes": day.available_minutes,
                "limits": to_plain(day.limits),
                "over_cap": day.over_cap,
                "warnings": warnings_json(day.warnings),
            }
            for day in view.days
        ],
    }


# -- warnings ------------------------------------------------------------------------------
def warnings_json(warnings: Sequence[ScheduleWarning]) -> list[dict[str, Any]]:
    return [
        {
            "day": w.day.isoformat(),
            "kind": w.kind.value,
            "interview_ids": list(w.interview_ids),
            "message": w.message,
        }
        for w in warnings
    ]


def warning_lines(warnings: Sequence[ScheduleWarning], *, limit: int | None = None) -> Text:
    """A short list of warnings; with ``limit``, the rest are counted, not shown."""
    shown = list(warnings if limit is None else warnings[:limit])
    text = Text("Schedule warnings:", style="bold yellow")
    for warning in shown:
        day = f"{warning.day:%a %d %b}"
        text.append("\n  ! ", style="yellow")
        # cap messages start with their day already
        text.append(
            warning.message if warning.message.startswith(day) else f"{day}: {warning.message}"
        )
    hidden = len(warnings) - len(shown)
    if hidden > 0:
        text.append(f"\n  … and {hidden} more: widenet week shows them by day", style="dim")
    return text
