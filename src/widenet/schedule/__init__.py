"""Schedule the days: availability, ramping daily caps, windows for recruiters, warnings,
the week view, and (in ``ics`` and ``caldav_sync``, imported on their own) calendar files and
CalDAV sync. See docs/schedule.md."""

from widenet.schedule.availability import Availability, BlockedPeriod, Hours, Weekday
from widenet.schedule.caps import (
    CapRule,
    CapViolation,
    DailyCaps,
    DayLimits,
    check_day,
    check_days,
    limits_for,
)
from widenet.schedule.invites import CalendarEntry, InterviewChange, InvitedEvent
from widenet.schedule.load import DayLoad, WeekView, week_view
from widenet.schedule.warnings import ScheduleWarning, WarningKind, schedule_warnings
from widenet.schedule.windows import Window, propose_windows, render_windows

__all__ = [
    "Availability",
    "BlockedPeriod",
    "CalendarEntry",
    "CapRule",
    "CapViolation",
    "DailyCaps",
    "DayLimits",
    "DayLoad",
    "Hours",
    "InterviewChange",
    "InvitedEvent",
    "ScheduleWarning",
    "WarningKind",
    "WeekView",
    "Weekday",
    "Window",
    "check_day",
    "check_days",
    "limits_for",
    "propose_windows",
    "render_windows",
    "schedule_warnings",
    "week_view",
]
