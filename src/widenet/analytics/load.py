"""Interview load: hours per day and per week, preparation included, against the daily caps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta, tzinfo

from widenet import defaults
from widenet.analytics.result import Result
from widenet.errors import InvalidInput
from widenet.track.model import Interview, InterviewKind

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class DayCap:
    """The most a day of a given week of the search should hold (product.md, "calendar tetris").

    Take-homes are work, not meetings: they add hours but not interviews. An onsite is a
    day of technical interviews, so it counts against the technical cap too.
    """

    interviews: int  # calls, screens and onsites together
    technical: int  # technical screens and onsites
    onsites: int


def day_cap(week: int) -> DayCap:
    """The cap in week ``week`` (0 = the first week of the search).

    The first week allows at most 2 calls and 1 technical screen a day; the caps rise in
    even steps to 4 interviews and 2 technical screens a day once ``RAMP_WEEKS`` weeks have
    passed (from week 3 with the defaults).
    """
    if week < 0:
        raise InvalidInput(f"week {week} is before the search started", field="week")
    step = min(week, defaults.RAMP_WEEKS) / defaults.RAMP_WEEKS
    first_calls = max(defaults.FIRST_WEEK_RECRUITER_CALLS, defaults.FIRST_WEEK_TECHNICAL)
    return DayCap(
        interviews=int(first_calls + step * (defaults.RAMPED_INTERVIEWS_PER_DAY - first_calls)),
        technical=int(
            defaults.FIRST_WEEK_TECHNICAL
            + step * (defaults.RAMPED_TECHNICAL_PER_DAY - defaults.FIRST_WEEK_TECHNICAL)
        ),
        onsites=defaults.ONSITES_PER_DAY,
    )


@dataclass(frozen=True)
class DayLoad:
    day: date
    week: int  # 0 = the search's first week
    interviews: int
    technical: int  # technical screens and onsites
    onsites: int
    interview_minutes: int
    prep_minutes: int
    hours: float  # interviews and preparation
    cap: DayCap
    over: tuple[str, ...]  # what exceeds the cap, e.g. "3 technical interviews (cap 2)"

    @property
    def is_over(self) -> bool:
        return bool(self.over)


@dataclass(frozen=True)
class WeekLoad:
    week: int
    start: date
    interviews: int
    interview_minutes: int
    prep_minutes: int
    hours: float
    days_over: int


@dataclass(frozen=True)
class InterviewLoad(Result):
    """Every day from the search start to today or the last booked interview, if later."""

    start: date | None
    today: date
    days: tuple[DayLoad, ...] = field(default=())
    weeks: tuple[WeekLoad, ...] = field(default=())

    @property
    def total_hours(self) -> float:
        return sum(day.hours for day in self.days)


def interview_load(
    interviews: Sequence[Interview],
    *,
    today: date,
    start: date | None = None,
    zone: tzinfo = UTC,
) -> InterviewLoad:
    """Load of ``interviews`` (past and booked) by day in ``zone``, weeks counted from ``start``.

    ``start`` defaults to the day of the first interview; pass the search's first
    application so the ramp-up of the caps starts where the search did.
    """
    days_of = [_local_day(interview, zone) for interview in interviews]
    first = min(days_of, default=None)
    if first is not None and (start is None or first < start):
        start = first
    if start is None:
        return InterviewLoad(start=None, today=today)
    last = max([today, *days_of])
    n_days = (last - start).days + 1
    tallies = [[0, 0, 0, 0, 0] for _ in range(n_days)]
    for interview, day in zip(interviews, days_of, strict=True):
        _add(tallies[(day - start).days], interview)
    loads = tuple(_day_load(start + timedelta(days=i), i // 7, t) for i, t in enumerate(tallies))
    return InterviewLoad(start=start, today=today, days=loads, weeks=_weeks(loads))


def _local_day(interview: Interview, zone: tzinfo) -> date:
    if interview.start.tzinfo is None:
        raise InvalidInput(
            f"interview {interview.id}: its start {interview.start} has no time zone",
            field="start",
        )
    return interview.start.astimezone(zone).date()


def _add(tally: list[int], interview: Interview) -> None:
    if interview.kind is not InterviewKind.TAKE_HOME:
        tally[0] += 1
    tally[1] += interview.kind in (InterviewKind.TECHNICAL, InterviewKind.ONSITE)
    tally[2] += interview.kind is InterviewKind.ONSITE
    tally[3] += interview.minutes
    tally[4] += interview.prep_minutes


def _day_load(day: date, week: int, tally: list[int]) -> DayLoad:
    interviews, technical, onsites, minutes, prep = tally
    cap = day_cap(week)
    over = []
    if interviews > cap.interviews:
        over.append(f"{interviews} interviews (cap {cap.interviews})")
    if technical > cap.technical:
        over.append(f"{technical} technical interviews (cap {cap.technical})")
    if onsites > cap.onsites:
        over.append(f"{onsites} onsites (cap {cap.onsites})")
    return DayLoad(
        day=day,
        week=week,
        interviews=interviews,
        technical=technical,
        onsites=onsites,
        interview_minutes=minutes,
        prep_minutes=prep,
        hours=(minutes + prep) / 60,
        cap=cap,
        over=tuple(over),
    )


def _weeks(days: Sequence[DayLoad]) -> tuple[WeekLoad, ...]:
    weeks = []
    for begin in range(0, len(days), 7):
        chunk = days[begin : begin + 7]
        minutes = sum(d.interview_minutes for d in chunk)
        prep = sum(d.prep_minutes for d in chunk)
        weeks.append(
            WeekLoad(
                week=chunk[0].week,
                start=chunk[0].day,
                interviews=sum(d.interviews for d in chunk),
                interview_minutes=minutes,
                prep_minutes=prep,
                hours=(minutes + prep) / 60,
                days_over=sum(d.is_over for d in chunk),
            )
        )
    return tuple(weeks)
