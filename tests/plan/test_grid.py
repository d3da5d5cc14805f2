from datetime import date

import pytest

from widenet.errors import Infeasible, InvalidInput
from widenet.plan.grid import build_grid
from widenet.plan.prepare import prepare
from widenet.plan.problem import Booking, Capacity, PlanProblem, Prospect, UnderWay
from widenet.plan.result import PlanStatus, build_plan
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START


def one(company: Prospect, **options: object) -> PlanProblem:
    return PlanProblem(companies=(company,), start=START, **options)  # type: ignore[arg-type]


def work(days: int) -> int:
    """Calendar days on the grid of working days: 5 for every 7 (never a tie to round)."""
    return round(5 * days / 7)


@pytest.mark.parametrize(
    ("company", "steps", "technical", "onsite", "offer"),
    [
        # Large: applied 9, recruiter 6, technical 8, onsite 7, references 6 (defaults.py).
        (Prospect("A", 3, SizeBand.LARGE), (0, 9, 15, 23, 30), 15, 23, 36),
        # A referral skips the phone screen: its onsite is its first technical step.
        (Prospect("B", 3, SizeBand.LARGE, referral=True), (0, 9, 15, 22), 15, 15, 28),
        # What a recruiter said overrides the default.
        (
            Prospect("C", 3, SizeBand.SMALL, stage_days={Stage.APPLIED: 1}),
            (0, 1, 4, 8, 11),
            4,
            8,
            14,
        ),
    ],
)
def test_stage_days_follow_the_expected_durations_in_working_days(
    company: Prospect, steps: tuple[int, ...], technical: int, onsite: int, offer: int
) -> None:
    track = build_grid(one(company)).tracks[0]
    assert track.step_offsets == tuple(work(day) for day in steps)
    assert (track.technical, track.onsite, track.offer) == (
        work(technical),
        work(onsite),
        work(offer),
    )
    # Ten weeks from a Monday hold 50 working days.
    assert (track.lo, track.hi) == (0, 50 - 1 - work(offer))


def test_the_grid_skips_weekends() -> None:
    grid = build_grid(one(Prospect("A", 3, SizeBand.LARGE), today=date(2026, 12, 5)))
    assert grid.origin == date(2026, 12, 7)  # a Saturday: the plan starts on Monday
    dates = [grid.date_of(day) for day in range(-7, 30)]
    assert all(on.weekday() < 5 for on in dates)
    assert dates == sorted(set(dates))
    assert [grid.day_of(on) for on in dates] == list(range(-7, 30))
    assert grid.day_of(date(2026, 12, 12)) == grid.day_of(date(2026, 12, 14)) == 5  # Sat: Mon
    assert grid.window == 10  # 14 calendar days: two weeks of five working days


def test_expected_load_is_chance_times_interview_and_preparation() -> None:
    track = build_grid(one(Prospect("A", 3, SizeBand.LARGE))).tracks[0]
    # Recruiter call reached surely once it answers (58%): 60 min; screen 0.58 x 0.48 of
    # 120 min; onsite 0.58 x 0.48 x 0.75 of 7 hours.
    assert [(load.offset, load.minutes) for load in track.loads] == [
        (work(9), round(0.58 * 60)),
        (work(15), round(0.58 * 0.48 * 120)),
        (work(23), round(0.58 * 0.48 * 0.75 * 420)),
    ]


def test_a_process_under_way_keeps_its_booking_and_replans_from_today() -> None:
    state = UnderWay(
        Stage.TECHNICAL, date(2026, 12, 1), booked=(Booking(Stage.ONSITE, date(2026, 12, 15)),)
    )
    problem = one(Prospect("A", 3, SizeBand.LARGE, under_way=state), today=date(2026, 12, 7))
    grid = build_grid(problem)
    track = grid.tracks[0]
    assert track.fixed
    assert track.required
    # Technical (past), the booked onsite, references 7 days after it, the offer 6 after that.
    assert [grid.date_of(day) for day in (*track.step_offsets[2:], track.offer)] == [
        date(2026, 12, 1),
        date(2026, 12, 15),
        date(2026, 12, 22),
        date(2026, 12, 28),
    ]
    assert [(grid.date_of(load.offset), load.minutes, load.booked) for load in track.loads] == [
        (date(2026, 12, 15), 420, True)
    ]


def test_a_booking_on_a_weekend_keeps_its_date_and_counts_on_the_monday() -> None:
    sunday = date(2026, 12, 13)
    state = UnderWay(Stage.TECHNICAL, date(2026, 12, 1), booked=(Booking(Stage.ONSITE, sunday),))
    problem = one(Prospect("A", 3, SizeBand.LARGE, under_way=state), today=date(2026, 12, 7))
    grid = build_grid(problem)
    assert grid.date_of(grid.tracks[0].loads[0].offset) == date(2026, 12, 14)
    plan = build_plan(grid, [0], method="test", status=PlanStatus.HEURISTIC)
    assert plan.companies[0].onsite_on == sunday


def test_an_overdue_step_is_expected_today_not_in_the_past() -> None:
    state = UnderWay(Stage.RECRUITER, date(2026, 11, 1))
    problem = one(Prospect("A", 3, SizeBand.LARGE, under_way=state), today=date(2026, 12, 7))
    grid = build_grid(problem)
    track = grid.tracks[0]
    assert track.technical == 0
    # The technical step lasts 8 days in a large company: the onsite on Tuesday 15 December.
    assert grid.date_of(track.onsite) == date(2026, 12, 15)


def test_caps_ramp_up_by_week_of_the_search() -> None:
    grid = build_grid(one(Prospect("A", 3, SizeBand.LARGE), today=date(2026, 12, 10)))
    assert grid.origin == date(2026, 12, 10)  # a Thursday in week 2
    # Week 2 allows 20 h, from week 3 (Monday 14 December, working day 2) 30 h.
    assert grid.rolling_cap[:6] == (1200, 1200, 1800, 1800, 1800, 1800)
    assert grid.count_cap[0] == 300
    assert grid.technical_cap[0] == 200


def test_caps_make_room_for_the_expected_load_of_what_is_under_way() -> None:
    # Medium: the screen is expected 5 days after the start, on Saturday 5 December, so on
    # Monday (working day 5); the onsite six days later, Friday 11 December (day 9).
    state = UnderWay(Stage.RECRUITER, START)
    problem = one(
        Prospect("A", 3, SizeBand.MEDIUM, under_way=state), capacity=Capacity(weekly_hours=(0.5,))
    )
    grid = prepare(problem)
    screen = round(0.48 * 120)  # not booked: its expected minutes
    onsite = round(0.48 * 0.75 * 420)
    # Each value is the cap of the week (five working days) ending that day.
    assert grid.rolling_cap[4:11] == (30, *[screen] * 4, screen + onsite, onsite)


def test_booked_interviews_above_a_cap_make_the_plan_infeasible() -> None:
    booked = tuple(Booking(Stage.ONSITE, date(2026, 12, d), minutes=400) for d in (1, 2))
    problem = one(
        Prospect("A", 3, SizeBand.LARGE, under_way=UnderWay(Stage.RECRUITER, START, booked)),
        capacity=Capacity(weekly_hours=(12.0,), daily_onsites=(2,)),
    )
    with pytest.raises(Infeasible, match=r"13\.3 h") as raised:
        prepare(problem)
    assert raised.value.problems[0].field == "capacity.weekly_hours"
    assert "raise capacity.weekly_hours" in raised.value.hint


def test_a_problem_without_sense_is_refused_before_it_is_laid_out() -> None:
    with pytest.raises(InvalidInput, match="1 to 5") as raised:
        prepare(one(Prospect("A", 0, SizeBand.LARGE)))
    assert raised.value.field == "companies[0].excitement"


@pytest.mark.parametrize(
    ("company", "calendar_days"),
    [
        (Prospect("A", 3, SizeBand.SMALL), 6),  # defaults.OFFER_DEADLINE_DAYS
        (Prospect("B", 3, SizeBand.HUGE), 14),
        (Prospect("C", 3, SizeBand.HUGE, offer_deadline_days=3), 3),  # a recruiter said so
        (Prospect("D", 3, SizeBand.SMALL, offer_deadline_days=21), 21),
    ],
)
def test_an_offer_deadline_a_recruiter_gave_replaces_the_sizes(
    company: Prospect, calendar_days: int
) -> None:
    assert build_grid(one(company)).tracks[0].deadline == work(calendar_days)
