"""Daily caps on interviews that ramp up over the first weeks of a search, and their check.

Week one counts from the search start date. In week one a day holds at most
``first_week_recruiter_calls`` calls *or* ``first_week_technical`` technical screens (a mix
is allowed while it uses no more than one day's worth of both). The caps then ramp linearly to
``interviews_per_day`` / ``technical_per_day``, reached in week ``ramp_weeks + 1``. At every
stage: at most ``onsites_per_day`` onsites a day and ``rest_days_after_onsite`` days without
interviews after an onsite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from widenet import defaults
from widenet.errors import InvalidInput
from widenet.schedule.blocks import local_day
from widenet.track.model import Interview, InterviewKind

#: Interviews that are conversations: in week one they count against the recruiter-call cap.
CALL_KINDS = frozenset({InterviewKind.RECRUITER, InterviewKind.HIRING_MANAGER, InterviewKind.OTHER})
#: A take-home is work time, not an interview with people: it takes time but no cap.
UNCOUNTED_KINDS = frozenset({InterviewKind.TAKE_HOME})


@dataclass(frozen=True)
class DailyCaps:
    """The user's caps; every default comes from ``widenet.defaults``."""

    first_week_recruiter_calls: int = defaults.FIRST_WEEK_RECRUITER_CALLS
    first_week_technical: int = defaults.FIRST_WEEK_TECHNICAL
    interviews_per_day: int = defaults.RAMPED_INTERVIEWS_PER_DAY
    technical_per_day: int = defaults.RAMPED_TECHNICAL_PER_DAY
    ramp_weeks: int = defaults.RAMP_WEEKS
    onsites_per_day: int = defaults.ONSITES_PER_DAY
    rest_days_after_onsite: int = 1

    def validate(self) -> None:
        """Raise InvalidInput naming the first cap that is negative or out of range."""
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 24:
                raise InvalidInput(
                    f"{value!r} is not a whole number between 0 and 24.", field=item.name
                )

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> DailyCaps:
        """Caps from a dict (missing keys take the defaults), validated."""
        if not isinstance(data, dict):
            raise InvalidInput("The caps must be a JSON object.")
        known = {item.name for item in fields(cls)}
        for key in data:
            if key not in known:
                raise InvalidInput(f"Unknown cap {key!r}; known: {', '.join(sorted(known))}.")
        caps = cls(**data)
        caps.validate()
        return caps


class CapRule(StrEnum):
    FIRST_WEEK_MIX = "first_week_mix"
    INTERVIEWS = "interviews"
    TECHNICAL = "technical"
    ONSITES = "onsites"
    REST_DAY = "rest_day"


@dataclass(frozen=True)
class DayLimits:
    """The caps that apply on one day of the search."""

    week: int  # 1 = the week the search started
    interviews: int
    technical: int
    onsites: int
    first_week: bool  # the "N recruiter calls or M technical screens" rule applies


@dataclass(frozen=True)
class CapViolation:
    """A day that breaks a cap: which rule, the limit, the count, and the interviews involved."""

    day: date
    rule: CapRule
    limit: int
    count: int
    interview_ids: tuple[int, ...]
    message: str


def week_of_search(day: date, search_start: date) -> int:
    """1 for the first seven days from the start date (and any day before it), 2 next, ..."""
    return max(0, (day - search_start).days) // 7 + 1


def limits_for(day: date, *, caps: DailyCaps, search_start: date) -> DayLimits:
    """The caps of ``day``: week one, a ramp in between, the full caps from week ramp+1."""
    week = week_of_search(day, search_start)
    if week > caps.ramp_weeks:
        return DayLimits(
            week, caps.interviews_per_day, caps.technical_per_day, caps.onsites_per_day, False
        )
    step = week - 1  # 0 in week one, up to ramp_weeks - 1

    def ramp(start: int, full: int) -> int:
        return start + (full - start) * step // caps.ramp_weeks

    return DayLimits(
        week,
        ramp(caps.first_week_recruiter_calls, caps.interviews_per_day),
        ramp(caps.first_week_technical, caps.technical_per_day),
        caps.onsites_per_day,
        week == 1,
    )


def check_day(
    day: date,
    interviews: Sequence[Interview],
    *,
    caps: DailyCaps,
    search_start: date,
    zone: ZoneInfo,
) -> list[CapViolation]:
    """Every cap ``day`` breaks. ``interviews`` may hold any days: the day's own are picked by
    their start in ``zone``, and earlier days are looked at for onsites that need a rest day."""
    todays = [i for i in interviews if local_day(i.start, zone) == day]
    limits = limits_for(day, caps=caps, search_start=search_start)
    counted = [i for i in todays if i.kind not in UNCOUNTED_KINDS]
    technical = [i for i in counted if i.kind is InterviewKind.TECHNICAL]
    onsites = [i for i in counted if i.kind is InterviewKind.ONSITE]
    found: list[CapViolation] = []
    if limits.first_week:
        found.extend(_first_week_mix(day, counted, caps))
    else:
        found.extend(_over(day, CapRule.INTERVIEWS, limits.interviews, counted, "interviews"))
        found.extend(_over(day, CapRule.TECHNICAL, limits.technical, technical, "technical"))
    found.extend(_over(day, CapRule.ONSITES, limits.onsites, onsites, "onsites"))
    found.extend(_rest_day(day, todays, interviews, caps, zone))
    return found


def check_days(
    interviews: Sequence[Interview], *, caps: DailyCaps, search_start: date, zone: ZoneInfo
) -> list[CapViolation]:
    """Cap violations on every day that has an interview, in day order."""
    days = sorted({local_day(i.start, zone) for i in interviews})
    found: list[CapViolation] = []
    for day in days:
        found.extend(check_day(day, interviews, caps=caps, search_start=search_start, zone=zone))
    return found


def _ids(interviews: Sequence[Interview]) -> tuple[int, ...]:
    return tuple(sorted(i.id for i in interviews))


def _over(
    day: date, rule: CapRule, limit: int, found: Sequence[Interview], noun: str
) -> list[CapViolation]:
    if len(found) <= limit:
        return []
    message = f"{day:%a %d %b}: {len(found)} {noun}, above the cap of {limit} a day."
    return [CapViolation(day, rule, limit, len(found), _ids(found), message)]


def _first_week_mix(day: date, counted: Sequence[Interview], caps: DailyCaps) -> list[CapViolation]:
    # A call uses 1/calls of the day, a technical screen (or an onsite) 1/technical of it.
    calls = sum(1 for i in counted if i.kind in CALL_KINDS)
    heavy = len(counted) - calls
    use = _share(calls, caps.first_week_recruiter_calls) + _share(heavy, caps.first_week_technical)
    if use <= 1:
        return []
    message = (
        f"{day:%a %d %b}: {calls} call(s) and {heavy} technical screen(s) in the first week; "
        f"start with at most {caps.first_week_recruiter_calls} recruiter calls "
        f"or {caps.first_week_technical} technical screen a day."
    )
    return [CapViolation(day, CapRule.FIRST_WEEK_MIX, 1, len(counted), _ids(counted), message)]


def _share(count: int, cap: int) -> Fraction:
    if count == 0:
        return Fraction(0)
    return Fraction(count, cap) if cap > 0 else Fraction(2)  # any use of a zero cap is over


def _rest_day(
    day: date,
    todays: Sequence[Interview],
    interviews: Sequence[Interview],
    caps: DailyCaps,
    zone: ZoneInfo,
) -> list[CapViolation]:
    if not todays or caps.rest_days_after_onsite <= 0:
        return []
    rest_from = day - timedelta(days=caps.rest_days_after_onsite)
    onsites = [
        i
        for i in interviews
        if i.kind is InterviewKind.ONSITE and rest_from <= local_day(i.start, zone) < day
    ]
    if not onsites:
        return []
    previous = max(local_day(i.start, zone) for i in onsites)
    message = (
        f"{day:%a %d %b}: {len(todays)} interview(s) on a rest day after the onsite of "
        f"{previous:%a %d %b}."
    )
    ids = _ids([*onsites, *todays])
    return [CapViolation(day, CapRule.REST_DAY, 0, len(todays), ids, message)]
