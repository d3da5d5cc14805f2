"""Terminal summaries and JSON shapes of calendar imports and CalDAV syncs."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rich.text import Text

if TYPE_CHECKING:
    from widenet.services.calendar import CalendarSync, InviteImport
    from widenet.services.views import InterviewView


def _when(moment: datetime | None, minutes: int | None, zone: ZoneInfo) -> str:
    if moment is None:
        return "deleted"
    length = f" ({minutes} min)" if minutes is not None else ""
    return f"{moment.astimezone(zone):%a %d %b %Y %H:%M}{length}"


def _name(view: InterviewView) -> str:
    from widenet.services.schedule import label

    return label(view.company.name, view.interview)


# -- import --------------------------------------------------------------------------------
def import_summary(file_name: str, result: InviteImport) -> Text:
    zone = ZoneInfo(result.time_zone)
    counts = (
        f"{len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.cancelled)} cancelled, {result.unchanged} unchanged"
    )
    text = Text(f"Imported {file_name}: {counts}.")
    for view in result.created:
        i = view.interview
        text.append(f"\n  + {_name(view)}, {_when(i.start, i.minutes, zone)}", style="green")
    for before, view in result.updated:
        after = view.interview
        text.append(
            f"\n  ~ {_name(view)}: {_when(before.start, before.minutes, zone)} -> "
            f"{_when(after.start, after.minutes, zone)}",
            style="cyan",
        )
    for view in result.cancelled:
        text.append(
            f"\n  - {_name(view)}, {_when(view.interview.start, None, zone)}: cancelled "
            "(a copy stays in the audit log)",
            style="yellow",
        )
    if result.unmatched:
        text.append("\nNot imported:", style="bold yellow")
    for item in result.unmatched:
        event = item.event
        text.append(
            f"\n  ? {(event.summary or event.uid)!r}, {_when(event.start, None, zone)}: "
            f"{item.reason}",
            style="yellow",
        )
    if result.skipped:
        reasons = sorted({s.reason for s in result.skipped})
        text.append(f"\nSkipped {len(result.skipped)}: {'; '.join(reasons)}.", style="dim")
    return text


def import_json(result: InviteImport) -> dict[str, Any]:
    from widenet.services.views import to_plain

    def view(v: InterviewView) -> dict[str, Any]:
        return {**to_plain(v.interview), "company": v.company.name, "role": v.role}

    return {
        "created": [view(v) for v in result.created],
        "updated": [
            {**view(after), "before": {"start": b.start.isoformat(), "minutes": b.minutes}}
            for b, after in result.updated
        ],
        "cancelled": [view(v) for v in result.cancelled],
        "unmatched": [
            {"uid": u.event.uid, "summary": u.event.summary, "reason": u.reason}
            for u in result.unmatched
        ],
        "skipped": [to_plain(s) for s in result.skipped],
        "unchanged": result.unchanged,
    }


# -- CalDAV sync ---------------------------------------------------------------------------
def _listed(text: Text, title: str, names: list[str], style: str = "") -> None:
    if names:
        text.append(f"\n  {title} {len(names)}: {', '.join(names)}", style=style)


def sync_summary(done: CalendarSync) -> Text:
    report = done.report
    zone = ZoneInfo(done.time_zone)

    def name(uid: str) -> str:
        return done.labels.get(uid, uid)

    text = Text(f"Synced with {done.calendar_url}")
    text.append(" (nothing to change)." if not report.changed else ":")
    _listed(text, "pushed", [name(u) for u in report.pushed], "green")
    for change in report.pulled:
        before = done.before[change.uid]
        after = (
            "removed here (deleted in the calendar)"
            if change.removed
            else _when(change.start, change.minutes, zone)
        )
        text.append(
            f"\n  pulled {name(change.uid)}: {_when(before.start, before.minutes, zone)} -> "
            f"{after}",
            style="cyan",
        )
    _listed(text, "deleted from the calendar", [name(u) for u in report.deleted], "yellow")
    _listed(
        text,
        "removed here but left in the calendar (--delete-removed deletes them)",
        [name(u) for u in report.left_in_calendar],
        "dim",
    )
    if report.unchanged:
        text.append(f"\n  unchanged {len(report.unchanged)}", style="dim")
    if report.conflicts:
        text.append("\nConflicts (neither side was changed):", style="bold yellow")
    for conflict in report.conflicts:
        text.append(
            f"\n  ! {name(conflict.uid)}: here "
            f"{_when(conflict.local_start, conflict.local_minutes, zone)}, in the calendar "
            f"{_when(conflict.remote_start, conflict.remote_minutes, zone)}. {conflict.message}",
            style="yellow",
        )
    if report.conflicts:
        text.append(
            "\n  Settle them with --prefer local (keep widenet's) or --prefer calendar "
            "(take the calendar's).",
            style="dim",
        )
    for failure in report.failed:
        text.append(f"\n  x {name(failure.uid)}: {failure.message}", style="red")
    return text


def sync_json(done: CalendarSync) -> dict[str, Any]:
    from widenet.services.views import to_plain

    report = done.report
    return {
        "calendar_url": done.calendar_url,
        "pushed": report.pushed,
        "pulled": [
            {
                **to_plain(change),
                "label": done.labels.get(change.uid, ""),
                "before_start": done.before[change.uid].start.isoformat(),
                "before_minutes": done.before[change.uid].minutes,
            }
            for change in report.pulled
        ],
        "deleted": report.deleted,
        "left_in_calendar": report.left_in_calendar,
        "unchanged": report.unchanged,
        "conflicts": [
            {**to_plain(c), "label": done.labels.get(c.uid, "")} for c in report.conflicts
        ],
        "failed": [to_plain(f) for f in report.failed],
    }
