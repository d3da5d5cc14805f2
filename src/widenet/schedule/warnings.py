"""Warnings about a schedule: days over a cap, calls without a buffer, no rest after an onsite,
double bookings, and interviews without their preparation time."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from widenet.schedule.availability import Availability, free_spans
from widenet.schedule.blocks import Span, interview_span, local_day, prep_block
from widenet.schedule.caps import CapRule, CapViolation, DailyCaps, check_days
from widenet.track.model import Interview


class WarningKind(StrEnum):
    OVER_CAP = "over_cap"  # more interviews (or technical, onsites) than the day's cap
    NO_REST_AFTER_ONSITE = "no_rest_after_onsite"  # onsites too close together
    DOUBLE_BOOKED = "double_booked"  # two interviews at the same time
    NO_BUFFER = "no_buffer"  # too little time between a call and the next one's preparation
    NO_PREPARATION = "no_preparation"  # prep block overlaps an interview or is outside hours


@dataclass(frozen=True)
class ScheduleWarning:
    """One thing wrong with the schedule, on a day of the user's calendar."""

    day: date
    kind: WarningKind
    interview_ids: tuple[int, ...]
    message: str


def schedule_warnings(
    interviews: Sequence[Interview],
    *,
    availability: Availability,
    caps: DailyCaps,
    search_start: date,
    labels: Mapping[int, str] | None = None,
    from_day: date | None = None,
) -> list[ScheduleWarning]:
    """Every warning about ``interviews``, by day then kind.

    ``labels`` names interviews in messages (interview id -> "Acme technical"); without one an
    interview is "interview 12". ``from_day`` drops warnings about earlier days.
    """
    zone = availability.zone
    names = _Names(labels or {})
    found = [
        _from_violation(v, names)
        for v in check_days(interviews, caps=caps, search_start=search_start, zone=zone)
    ]
    ordered = sorted(interviews, key=lambda i: (i.start, i.id))
    starts = [i.start for i in ordered]
    longest = timedelta(minutes=max((i.minutes for i in ordered), default=0))
    for index, later in enumerate(ordered):
        reach = later.start - timedelta(minutes=later.prep_minutes + availability.buffer_minutes)
        # only interviews starting after reach - longest can still end after reach
        for earlier in ordered[bisect.bisect_right(starts, reach - longest, 0, index) : index]:
            if earlier.end <= reach:
                continue
            warning = _pair_warning(earlier, later, availability.buffer_minutes, names)
            if warning is not None:
                found.append(_dated(warning, later, availability))
        found.extend(_prep_outside_hours(later, availability, names))
    if from_day is not None:
        found = [w for w in found if w.day >= from_day]
    return sorted(found, key=lambda w: (w.day, w.kind.value, w.interview_ids))


class _Names:
    def __init__(self, labels: Mapping[int, str]) -> None:
        self.labels = labels

    def __call__(self, interview_id: int) -> str:
        return self.labels.get(interview_id, f"interview {interview_id}")


def _from_violation(violation: CapViolation, names: _Names) -> ScheduleWarning:
    kind = WarningKind.OVER_CAP
    message = violation.message
    if violation.rule is CapRule.REST_DAY:
        kind = WarningKind.NO_REST_AFTER_ONSITE
        who = ", ".join(names(i) for i in violation.interview_ids)
        message = f"{message} ({who})"
    return ScheduleWarning(violation.day, kind, violation.interview_ids, message)


def _pair_warning(
    earlier: Interview, later: Interview, buffer_minutes: int, names: _Names
) -> ScheduleWarning | None:
    """Double booking, preparation eaten by the earlier interview, or too short a buffer."""
    ids = tuple(sorted((earlier.id, later.id)))
    first, second = names(earlier.id), names(later.id)
    if interview_span(earlier).overlaps(interview_span(later)):
        message = f"{first} and {second} overlap."
        return ScheduleWarning(date.min, WarningKind.DOUBLE_BOOKED, ids, message)
    prep = prep_block(later)
    prep_start = prep.start if prep else later.start
    if earlier.end > prep_start:
        message = (
            f"{second} has no time to prepare: {first} ends {_gap(prep_start, earlier.end)} "
            f"into its {later.prep_minutes} minutes of preparation."
        )
        return ScheduleWarning(date.min, WarningKind.NO_PREPARATION, ids, message)
    gap = prep_start - earlier.end
    if gap < timedelta(minutes=buffer_minutes):
        after = "its preparation" if prep else second
        message = (
            f"Only {_minutes(gap)} minutes between {first} and {after}"
            f"{f' for {second}' if prep else ''}; keep {buffer_minutes} to decompress."
        )
        return ScheduleWarning(date.min, WarningKind.NO_BUFFER, ids, message)
    return None


def _prep_outside_hours(
    interview: Interview, availability: Availability, names: _Names
) -> list[ScheduleWarning]:
    prep = prep_block(interview)
    if prep is None:
        return []
    span = Span(prep.start, prep.end)
    days = {local_day(prep.start, availability.zone), local_day(prep.end, availability.zone)}
    free = [s for day in sorted(days) for s in free_spans(availability, day)]
    if any(s.contains(span) for s in free):
        return []
    message = (
        f"{names(interview.id)} has no time to prepare: its {interview.prep_minutes} minutes "
        f"of preparation fall outside your hours or in a blocked period."
    )
    day = local_day(interview.start, availability.zone)
    return [ScheduleWarning(day, WarningKind.NO_PREPARATION, (interview.id,), message)]


def _dated(
    warning: ScheduleWarning, interview: Interview, availability: Availability
) -> ScheduleWarning:
    day = local_day(interview.start, availability.zone)
    return ScheduleWarning(day, warning.kind, warning.interview_ids, warning.message)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _gap(start: datetime, end: datetime) -> str:
    return f"{_minutes(end - start)} minutes"
