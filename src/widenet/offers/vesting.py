"""Vesting schedules: presets, per-year percentages with a cliff, and how much vests in each year.

A schedule is a list of vest events, each "this percent vests N months after the vesting
start". Percentages are exact fractions, so 33% spread over 12 months stays exact and a
schedule always sums to exactly 100.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from widenet.errors import InvalidInput, Problem

HUNDRED: Final = Fraction(100)


class Frequency(StrEnum):
    """How often shares vest once the cliff has passed."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}[self.value]


@dataclass(frozen=True)
class VestEvent:
    """``percent`` of the grant vests ``month`` months after the vesting start."""

    month: int
    percent: Fraction


@dataclass(frozen=True)
class YearlySpec:
    """How a schedule was described: percentages per year, a cliff and a cadence."""

    years: tuple[Fraction, ...]
    cliff_months: int
    frequency: Frequency


@dataclass(frozen=True)
class VestingSchedule:
    """Vest events in month order; the percentages sum to exactly 100."""

    events: tuple[VestEvent, ...]
    name: str = "custom"
    spec: YearlySpec | None = None  # set when built from yearly percentages

    def __post_init__(self) -> None:
        problems = []
        if not self.events:
            problems.append(Problem("a schedule needs at least one vest event.", field="events"))
        for index, event in enumerate(self.events):
            if event.month < 0:
                problems.append(Problem("a month cannot be negative.", field=f"events[{index}]"))
            if event.percent <= 0:
                problems.append(Problem("a percentage must be above 0.", field=f"events[{index}]"))
        months = [event.month for event in self.events]
        if months != sorted(set(months)):
            problems.append(Problem("months must be in order, each once.", field="events"))
        share = sum((event.percent for event in self.events), Fraction(0))
        if self.events and share != HUNDRED:
            problems.append(
                Problem(f"percentages sum to {_show(share)}, not 100.", field="percent")
            )
        if problems:
            raise InvalidInput(problems[0].message, field=problems[0].field, problems=problems)

    @property
    def months(self) -> int:
        """Months from the vesting start to the last vest."""
        return self.events[-1].month


def _show(value: Fraction) -> str:
    return f"{float(value):g}" if value.denominator != 1 else str(value.numerator)


def by_year(
    years_percent: Sequence[Decimal | int | Fraction],
    *,
    cliff_months: int = 12,
    frequency: Frequency = Frequency.MONTHLY,
    name: str = "custom",
) -> VestingSchedule:
    """A schedule from percentages per year, e.g. (25, 25, 25, 25).

    Each year's percentage is spread evenly over that year's vest dates (every
    ``frequency.months`` months); everything that would have vested before the cliff vests
    at the cliff instead.
    """
    percents = [Fraction(value) for value in years_percent]
    _check_years(percents, cliff_months)
    step = frequency.months
    per_year = 12 // step
    events: dict[int, Fraction] = {}
    for year, percent in enumerate(percents):
        for slot in range(1, per_year + 1):
            month = max(year * 12 + slot * step, cliff_months)
            if percent:
                events[month] = events.get(month, Fraction(0)) + percent / per_year
    ordered = tuple(VestEvent(month, events[month]) for month in sorted(events))
    return VestingSchedule(
        ordered, name=name, spec=YearlySpec(tuple(percents), cliff_months, frequency)
    )


def _check_years(percents: list[Fraction], cliff_months: int) -> None:
    if not percents:
        raise InvalidInput("give at least one year's percentage.", field="years")
    for index, percent in enumerate(percents):
        if percent < 0:
            raise InvalidInput(f"year {index + 1} has a negative percentage.", field="years")
    if sum(percents, Fraction(0)) != HUNDRED:
        raise InvalidInput(
            f"percentages sum to {_show(sum(percents, Fraction(0)))}, not 100.", field="years"
        )
    if not 0 <= cliff_months <= 12 * len(percents):
        raise InvalidInput(
            f"a cliff of {cliff_months} months does not fit a {len(percents)}-year schedule.",
            field="cliff_months",
        )


@dataclass(frozen=True)
class Preset:
    """A named schedule: percentages per year plus the cadence widenet assumes for it."""

    years: tuple[int, ...]
    cliff_months: int
    frequency: Frequency
    seen_at: str  # who uses it, as product.md reports


# Cadences are what public write-ups report for each company; a grant letter may differ, and
# the offer file can override cliff and frequency next to the preset name.
PRESETS: Final = MappingProxyType(
    {
        "25/25/25/25": Preset((25, 25, 25, 25), 12, Frequency.MONTHLY, "most companies"),
        "5/15/40/40": Preset((5, 15, 40, 40), 12, Frequency.SEMIANNUAL, "Amazon"),
        "33/33/22/12": Preset((33, 33, 22, 12), 0, Frequency.MONTHLY, "Google"),
        "40/30/20/10": Preset((40, 30, 20, 10), 12, Frequency.QUARTERLY, "Nvidia"),
    }
)


def preset(
    name: str, *, cliff_months: int | None = None, frequency: Frequency | None = None
) -> VestingSchedule:
    """A preset schedule by name ("25/25/25/25"), optionally with its own cliff or cadence."""
    key = name.strip().replace(" ", "")
    if key not in PRESETS:
        raise InvalidInput(
            f"{name!r} is not a preset; choose one of: {', '.join(PRESETS)}.", field="preset"
        )
    spec = PRESETS[key]
    return by_year(
        spec.years,
        cliff_months=spec.cliff_months if cliff_months is None else cliff_months,
        frequency=spec.frequency if frequency is None else frequency,
        name=key,
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (Jan 31 + 1)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def employment_year(day: date, *, start: date) -> int:
    """Which year of the job a day falls in: year k ends on (and includes) the k-th anniversary.

    So a one-year cliff that vests on the first anniversary counts in year 1, and anything
    paid on or before the start date counts in year 1 too.
    """
    year = 1
    while day > add_months(start, 12 * year):
        year += 1
    return year


def percent_by_year(
    schedule: VestingSchedule, *, vesting_start: date, start: date, years: int = 4
) -> tuple[Fraction, ...]:
    """The percentage of the grant that vests in each year of the job, years 1..``years``.

    Vesting beyond the last year is left out, so the tuple can sum to less than 100 (a
    vesting start later than the job start pushes the last vest past year 4).
    """
    shares = [Fraction(0)] * years
    for event in schedule.events:
        year = employment_year(add_months(vesting_start, event.month), start=start)
        if year <= years:
            shares[year - 1] += event.percent
    return tuple(shares)
