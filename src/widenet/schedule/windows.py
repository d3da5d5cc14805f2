"""Propose a few windows to offer a recruiter, and render them as text for an e-mail.

A window [start, end) is safe when the interview may start anywhere in it (ending by ``end``)
without breaking anything: its preparation block and the interview lie within free hours,
they stay ``buffer_minutes`` away from every booked interview and its preparation, and the day
keeps its caps. Windows already offered to other companies may overlap (only bookings are
exclusive); they are avoided when an equally good window exists.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from widenet.errors import InvalidInput
from widenet.schedule.availability import Availability, Weekday, free_spans, zone_named
from widenet.schedule.blocks import Span, local_day, occupied_span, subtract
from widenet.schedule.caps import DailyCaps, check_day
from widenet.track.model import Interview, InterviewKind

MIN_WINDOW_MINUTES = 60
NOON_HOUR = 12
_PROBE_ID = -1  # the id of the interview being placed, while the caps are checked


@dataclass(frozen=True, order=True)
class Window:
    """A stretch of time offered for an interview; aware datetimes."""

    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def overlap_minutes(self, other: Window) -> int:
        start, end = max(self.start, other.start), min(self.end, other.end)
        return max(0, int((end - start).total_seconds() // 60))


@dataclass(frozen=True)
class _Candidate:
    window: Window
    day: date
    afternoon: bool
    offered_overlap: int


def propose_windows(
    kind: InterviewKind,
    minutes: int,
    *,
    now: datetime,
    availability: Availability,
    caps: DailyCaps,
    search_start: date,
    booked: Sequence[Interview] = (),
    offered: Sequence[Window] = (),
    days: int = 5,
    count: int = 3,
    window_minutes: int = 120,
    step_minutes: int = 30,
) -> list[Window]:
    """Up to ``count`` safe windows over the next ``days`` days that have weekly hours
    (starting tomorrow in the user's zone), spread over days and mornings/afternoons, sorted.

    Windows last ``window_minutes`` (1-2 hours is what recruiters expect), shorter down to an
    hour (or the interview's length) when that is all that fits; they start on a
    ``step_minutes`` grid of local time. An empty list means nothing fits.
    """
    _check_request(minutes, days=days, count=count, step_minutes=step_minutes, now=now)
    zone = availability.zone
    candidates: list[_Candidate] = []
    for day in _next_days(availability, local_day(now, zone), days):
        if _caps_allow(
            day,
            kind,
            minutes=minutes,
            zone=zone,
            booked=booked,
            caps=caps,
            search_start=search_start,
        ):
            candidates.extend(
                _day_candidates(
                    day,
                    kind,
                    minutes,
                    now=now,
                    availability=availability,
                    booked=booked,
                    offered=offered,
                    lengths=_lengths(minutes, window_minutes, step_minutes),
                    step_minutes=step_minutes,
                )
            )
    return sorted(_spread(candidates, count))


def _check_request(
    minutes: int, *, days: int, count: int, step_minutes: int, now: datetime
) -> None:
    if now.tzinfo is None:
        raise InvalidInput("now needs a time zone.", field="now")
    if not 1 <= minutes <= 12 * 60:
        raise InvalidInput(f"{minutes} minutes is outside 1-720.", field="minutes")
    if not 1 <= days <= 60:
        raise InvalidInput(f"{days} days is outside 1-60.", field="days")
    if not 1 <= count <= 10:
        raise InvalidInput(f"{count} windows is outside 1-10.", field="count")
    if not 5 <= step_minutes <= 120:
        raise InvalidInput(f"A step of {step_minutes} minutes is outside 5-120.", field="step")


def _next_days(availability: Availability, today: date, days: int) -> list[date]:
    """The next ``days`` days after today that have weekly hours (at most 8 weeks ahead)."""
    found: list[date] = []
    for offset in range(1, 8 * 7 + 1):
        day = today + timedelta(days=offset)
        if availability.weekly_hours.get(Weekday(day.weekday())):
            found.append(day)
            if len(found) == days:
                break
    return found


def _lengths(minutes: int, window_minutes: int, step: int) -> list[int]:
    longest = max(window_minutes, minutes)
    shortest = max(minutes, min(MIN_WINDOW_MINUTES, longest))
    return list(range(longest, shortest - 1, -step)) or [longest]


def _caps_allow(
    day: date,
    kind: InterviewKind,
    *,
    minutes: int,
    zone: ZoneInfo,
    booked: Sequence[Interview],
    caps: DailyCaps,
    search_start: date,
) -> bool:
    """True when one more interview of ``kind`` on ``day`` breaks no cap (counts do not
    depend on the time of day, so one probe at noon speaks for every window of the day)."""
    noon = datetime.combine(day, time(NOON_HOUR), zone)
    probe = Interview(_PROBE_ID, 0, kind, noon, minutes)
    with_probe = [*booked, probe]
    later = caps.rest_days_after_onsite if kind is InterviewKind.ONSITE else 0
    for offset in range(later + 1):
        checked = day + timedelta(days=offset)
        for violation in check_day(
            checked, with_probe, caps=caps, search_start=search_start, zone=zone
        ):
            if _PROBE_ID in violation.interview_ids:
                return False
    return True


def _usable_spans(
    day: date, now: datetime, availability: Availability, booked: Sequence[Interview]
) -> list[Span]:
    """Free time of the day where preparation and interview may lie, buffers kept."""
    taken = [occupied_span(i).widened(availability.buffer_minutes) for i in booked]
    past = Span(now - timedelta(days=400), now)
    return subtract(free_spans(availability, day), [*taken, past])


def _day_candidates(
    day: date,
    kind: InterviewKind,
    minutes: int,
    *,
    now: datetime,
    availability: Availability,
    booked: Sequence[Interview],
    offered: Sequence[Window],
    lengths: Sequence[int],
    step_minutes: int,
) -> list[_Candidate]:
    zone = availability.zone
    prep = timedelta(minutes=availability.prep_for(kind))
    found: list[_Candidate] = []
    for usable in _usable_spans(day, now, availability, booked):
        start = _first_on_grid(usable.start + prep, zone, step_minutes)
        while start + timedelta(minutes=minutes) <= usable.end:
            length = next((n for n in lengths if start + timedelta(minutes=n) <= usable.end), None)
            if length is not None:
                window = Window(start, start + timedelta(minutes=length))
                afternoon = start.astimezone(zone).hour >= NOON_HOUR
                overlap = sum(window.overlap_minutes(other) for other in offered)
                found.append(_Candidate(window, day, afternoon, overlap))
            start += timedelta(minutes=step_minutes)
    return found


def _first_on_grid(moment: datetime, zone: ZoneInfo, step_minutes: int) -> datetime:
    """The first local time at or after ``moment`` on the grid (e.g. :00 and :30)."""
    local = moment.astimezone(zone)
    midnight = datetime.combine(local.date(), time(0), zone)
    elapsed = (local - midnight) / timedelta(minutes=1)  # wall-clock minutes (same zone)
    return midnight + timedelta(minutes=math.ceil(elapsed / step_minutes) * step_minutes)


def _spread(candidates: Sequence[_Candidate], count: int) -> list[Window]:
    """Pick windows greedily: a new day first, then away from other offers, then the part of
    the day used least so far, then the longer window, then the earlier one."""
    chosen: list[_Candidate] = []
    for _ in range(count):
        per_day = Counter(c.day for c in chosen)
        per_part = Counter(c.afternoon for c in chosen)
        pool = [c for c in candidates if not any(_clash(c, o) for o in chosen)]
        if not pool:
            break
        chosen.append(
            min(
                pool,
                key=lambda c: (
                    per_day[c.day],
                    c.offered_overlap > 0,
                    per_part[c.afternoon],
                    c.offered_overlap,
                    -c.window.minutes,
                    c.window.start,
                ),
            )
        )
    return [c.window for c in chosen]


def _clash(one: _Candidate, other: _Candidate) -> bool:
    return one.window.start < other.window.end and other.window.start < one.window.end


def render_windows(
    windows: Sequence[Window],
    *,
    minutes: int,
    time_zone: str,
    recruiter_time_zone: str | None = None,
    kind: InterviewKind | None = None,
) -> str:
    """The windows as a short text to paste into an e-mail: in the recruiter's zone when
    given, with the user's own times in brackets."""
    if not windows:
        raise InvalidInput("There are no windows to offer.", field="windows")
    own = zone_named(time_zone, field="time_zone")
    theirs = None
    if recruiter_time_zone:
        theirs = zone_named(recruiter_time_zone, field="recruiter_time_zone")
    what = f"a {minutes}-minute {_KIND_WORDS[kind]}" if kind else f"a {minutes}-minute call"
    lines = [f"Here are a few times that work for me for {what}:", ""]
    for window in sorted(windows):
        if theirs is None or theirs.key == own.key:
            lines.append(f"- {_stretch(window, own)}")
        else:
            same_day = window.start.astimezone(theirs).date() == window.start.astimezone(own).date()
            own_text = _stretch(window, own, with_day=not same_day)
            lines.append(f"- {_stretch(window, theirs)} ({own_text})")
    lines += ["", f"Any {minutes}-minute slot within one of these windows suits me."]
    return "\n".join(lines)


_KIND_WORDS = {
    InterviewKind.RECRUITER: "call",
    InterviewKind.HIRING_MANAGER: "conversation with the hiring manager",
    InterviewKind.TECHNICAL: "technical interview",
    InterviewKind.TAKE_HOME: "take-home review",
    InterviewKind.ONSITE: "onsite",
    InterviewKind.OTHER: "conversation",
}


def _stretch(window: Window, zone: ZoneInfo, *, with_day: bool = True) -> str:
    start, end = window.start.astimezone(zone), window.end.astimezone(zone)
    times = f"{start:%H:%M}-{end:%H:%M} {start.tzname()}"
    return f"{start:%A} {start.day} {start:%B}, {times}" if with_day else times
