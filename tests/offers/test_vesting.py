"""Vesting math: each preset, cliffs, cadence after the cliff, and mid-month starts."""

from __future__ import annotations

from datetime import date
from fractions import Fraction as Frac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widenet.errors import InvalidInput
from widenet.offers.vesting import (
    Frequency,
    VestEvent,
    VestingSchedule,
    add_months,
    by_year,
    employment_year,
    percent_by_year,
    preset,
)

START = date(2027, 1, 15)  # a start in the middle of the month


def months_and_percents(schedule: VestingSchedule) -> list[tuple[int, Frac]]:
    return [(event.month, event.percent) for event in schedule.events]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 25% at the one-year cliff, then 25/12% every month for three years.
        ("25/25/25/25", [(12, Frac(25))] + [(m, Frac(25, 12)) for m in range(13, 49)]),
        # 5% at the cliff, 7.5% twice in year 2, then 20% every six months.
        (
            "5/15/40/40",
            [(12, Frac(5)), (18, Frac(15, 2)), (24, Frac(15, 2))]
            + [(m, Frac(20)) for m in (30, 36, 42, 48)],
        ),
        # No cliff, monthly: 2.75% a month in years 1-2, 22/12% in year 3, 1% in year 4.
        (
            "33/33/22/12",
            [(m, Frac(33, 12)) for m in range(1, 25)]
            + [(m, Frac(22, 12)) for m in range(25, 37)]
            + [(m, Frac(1)) for m in range(37, 49)],
        ),
        # 40% at the cliff, then quarterly: 7.5%, 5%, 2.5%.
        (
            "40/30/20/10",
            [(12, Frac(40))]
            + [(m, Frac(15, 2)) for m in (15, 18, 21, 24)]
            + [(m, Frac(5)) for m in (27, 30, 33, 36)]
            + [(m, Frac(5, 2)) for m in (39, 42, 45, 48)],
        ),
    ],
)
def test_presets_vest_as_published(name: str, expected: list[tuple[int, Frac]]) -> None:
    assert months_and_percents(preset(name)) == expected


@pytest.mark.parametrize(
    ("name", "years"),
    [
        ("25/25/25/25", (25, 25, 25, 25)),
        ("5/15/40/40", (5, 15, 40, 40)),
        ("33/33/22/12", (33, 33, 22, 12)),
        ("40/30/20/10", (40, 30, 20, 10)),
    ],
)
def test_each_preset_vests_its_percentages_in_each_year(name: str, years: tuple[int, ...]) -> None:
    shares = percent_by_year(preset(name), vesting_start=START, start=START)
    assert shares == tuple(Frac(y) for y in years)


@pytest.mark.parametrize(
    ("years", "cliff", "frequency", "expected"),
    [
        # A six-month cliff with quarterly vesting: months 3 and 6 land together at month 6.
        (
            (25, 25, 25, 25),
            6,
            Frequency.QUARTERLY,
            [(6, Frac(25, 2)), (9, Frac(25, 4)), (12, Frac(25, 4))],
        ),
        # A cliff between vest dates: months 1-7 of monthly vesting all land at month 7.
        ((25, 25, 25, 25), 7, Frequency.MONTHLY, [(7, Frac(25 * 7, 12)), (8, Frac(25, 12))]),
        # No cliff, yearly vesting.
        ((50, 50), 0, Frequency.ANNUAL, [(12, Frac(50)), (24, Frac(50))]),
        # A year with nothing vesting.
        ((0, 100), 12, Frequency.ANNUAL, [(24, Frac(100))]),
    ],
)
def test_cliffs_gather_what_came_before_them(
    years: tuple[int, ...], cliff: int, frequency: Frequency, expected: list[tuple[int, Frac]]
) -> None:
    schedule = by_year(years, cliff_months=cliff, frequency=frequency)
    assert months_and_percents(schedule)[: len(expected)] == expected
    assert sum(event.percent for event in schedule.events) == 100


def test_monthly_after_the_cliff_has_36_equal_steps() -> None:
    events = preset("25/25/25/25").events
    after = [event for event in events if event.month > 12]
    assert len(after) == 36
    assert {event.percent for event in after} == {Frac(25, 12)}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 15), 1, date(2027, 2, 15)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),  # shorter month: its last day
        (date(2027, 1, 31), 13, date(2028, 2, 29)),  # leap year
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 1, 31), 12, date(2028, 1, 31)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2027, 1, 15), 1),  # the start date itself
        (date(2026, 12, 1), 1),  # before the start: counted in year 1
        (date(2028, 1, 15), 1),  # the first anniversary closes year 1 (a cliff vest is year-1 pay)
        (date(2028, 1, 16), 2),
        (date(2031, 1, 15), 4),
        (date(2031, 1, 16), 5),
    ],
)
def test_employment_year(day: date, year: int) -> None:
    assert employment_year(day, start=START) == year


def test_a_vesting_start_on_the_first_of_next_month_pushes_the_cliff_into_year_two() -> None:
    # Start on Jan 15, vesting from Feb 1: the cliff vests on 2028-02-01, after the first
    # anniversary; months 13-23 follow in year 2, and the last vest (2031-02-01) is after year 4.
    shares = percent_by_year(preset("25/25/25/25"), vesting_start=date(2027, 2, 1), start=START)
    assert shares == (Frac(0), 25 + 11 * Frac(25, 12), Frac(25), Frac(25))
    assert sum(shares) == 100 - Frac(25, 12)


def test_a_start_on_the_31st_vests_on_month_ends() -> None:
    start = date(2027, 1, 31)
    shares = percent_by_year(preset("25/25/25/25"), vesting_start=start, start=start)
    assert shares == (Frac(25),) * 4


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: by_year((25, 25, 25, 20)), "sum to 95, not 100"),
        (lambda: by_year((30, 30, 30, 30)), "sum to 120, not 100"),
        (lambda: by_year((50, -10, 60)), "negative"),
        (lambda: by_year((50, 50), cliff_months=30), "does not fit"),
        (lambda: preset("10/20/30/40"), "not a preset"),
        (lambda: VestingSchedule((VestEvent(12, Frac(50)), VestEvent(6, Frac(50)))), "in order"),
        (lambda: VestingSchedule((VestEvent(12, Frac(50)),)), "not 100"),
        (lambda: VestingSchedule(()), "at least one"),
    ],
)
def test_bad_schedules_are_refused(build: object, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        build()  # type: ignore[operator]


@given(
    st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=6).filter(
        lambda xs: sum(xs) > 0
    ),
    st.sampled_from(list(Frequency)),
    st.integers(min_value=0, max_value=12),
)
def test_any_yearly_schedule_sums_to_exactly_100(
    weights: list[int], frequency: Frequency, cliff: int
) -> None:
    total = sum(weights)
    years = [Frac(100 * w, total) for w in weights]
    schedule = by_year(years, cliff_months=cliff, frequency=frequency)
    assert sum(event.percent for event in schedule.events) == 100
    assert schedule.months <= 12 * len(years)
