"""The week view the web calendar draws: each day's interviews, preparation blocks and load."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from widenet.schedule.availability import Availability, available_minutes
from widenet.schedule.blocks import PrepBlock, local_day, prep_block
from widenet.schedule.caps import DailyCaps, DayLimits, limits_for
from widenet.schedule.warnings import ScheduleWarning, WarningKind, schedule_warnings
from widenet.track.model import Interview

_CAP_KINDS = frozenset({WarningKind.OVER_CAP, WarningKind.NO_REST_AFTER_ONSITE})


@dataclass(frozen=True)
class DayLoad:
    """One day of the week view; times are aware datetimes (show them in ``time_zone``)."""

    day: date
    interviews: tuple[Interview, ...]  # by start
    prep_blocks: tuple[PrepBlock, ...]  # by start; a block belongs to its interview's day
    interview_minutes: int
    prep_minutes: int
    available_minutes: int  # the day's free hours, blocked periods taken out
    limits: DayLimits
    warnings: tuple[ScheduleWarning, ...]

    @property
    def load_minutes(self) -> int:
        """Time the day's interviews take, preparation included."""
        return self.interview_minutes + self.prep_minutes

    @property
    def load_hours(self) -> float:
        return round(self.load_minutes / 60, 2)

    @property
    def over_cap(self) -> bool:
        return any(w.kind in _CAP_KINDS for w in self.warnings)


@dataclass(frozen=True)
class WeekView:
    """Monday to Sunday of the week holding ``week_of``."""

    first_day: date
    time_zone: str
    days: tuple[DayLoad, ...]

    @property
    def load_minutes(self) -> int:
        return sum(day.load_minutes for day in self.days)

    @property
    def warnings(self) -> tuple[ScheduleWarning, ...]:
        return tuple(w for day in self.days for w in day.warnings)


def week_view(
    interviews: Sequence[Interview],
    *,
    week_of: date,
    availability: Availability,
    caps: DailyCaps,
    search_start: date,
    labels: Mapping[int, str] | None = None,
) -> WeekView:
    """The week (Monday first) that holds ``week_of``. ``interviews`` may span more weeks:
    the rest-day rule needs the days before, so pass at least the previous few days too."""
    monday = week_of - timedelta(days=week_of.weekday())
    warnings = schedule_warnings(
        interviews,
        availability=availability,
        caps=caps,
        search_start=search_start,
        labels=labels,
        from_day=monday,
    )
    days = tuple(
        _day_load(
            monday + timedelta(days=offset),
            interviews,
            availability=availability,
            limits=limits_for(
                monday + timedelta(days=offset), caps=caps, search_start=search_start
            ),
            warnings=warnings,
        )
        for offset in range(7)
    )
    return WeekView(monday, availability.time_zone, days)


def _day_load(
    day: date,
    interviews: Sequence[Interview],
    *,
    availability: Availability,
    limits: DayLimits,
    warnings: Sequence[ScheduleWarning],
) -> DayLoad:
    zone = availability.zone
    todays = tuple(
        sorted(
            (i for i in interviews if local_day(i.start, zone) == day),
            key=lambda i: (i.start, i.id),
        )
    )
    preps = tuple(block for i in todays if (block := prep_block(i)) is not None)
    return DayLoad(
        day=day,
        interviews=todays,
        prep_blocks=preps,
        interview_minutes=sum(i.minutes for i in todays),
        prep_minutes=sum(block.minutes for block in preps),
        available_minutes=available_minutes(availability, day),
        limits=limits,
        warnings=tuple(w for w in warnings if w.day == day),
    )
