from datetime import date

import pytest

from widenet.errors import Infeasible, InvalidInput
from widenet.plan.grid import build_grid
from widenet.plan.prepare import prepare
from widenet.plan.problem import Booking, Capacity, PlanProblem, Prospect, UnderWay
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START


def one(company: Prospect, **options: object) -> PlanProblem:
    return PlanProblem(companies=(company,), start=START, **options)  # type: ignore[arg-type]


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
def test_stage_days_follow_the_expected_durations(
    company: Prospect, steps: tuple[int, ...], technical: int, onsite: int, offer: int
) -> None:
    track = build_grid(one(company)).tracks[0]
    assert track.step_offsets == steps
    assert (track.technical, track.onsite, track.offer) == (technical, onsite, offer)
    assert (track.lo, track.hi) == (0, 70 - 1 - offer)


def test_expected_load_is_chance_times_interview_and_preparation() -> None:
    track = build_grid(one(Prospect("A", 3, SizeBand.LARGE))).tracks[0]
    # Recruiter call reached surely once it answers (58%): 60 min; screen 0.58 x 0.48 of
    # 120 min; onsite 0.58 x 0.48 x 0.75 of 7 hours.
    assert [(load.offset, load.minutes) for load in track.loads] == [
        (9, round(0.58 * 60)),
        (15, round(0.58 * 0.48 * 120)),
        (23, round(0.58 * 0.48 * 0.75 * 420)),
    ]


def test_a_process_under_way_keeps_its_booking_and_replans_from_today() -> None:
    state = UnderWay(
        Stage.TECHNICAL, date(2026, 12, 1), booked=(Booking(Stage.ONSITE, date(2026, 12, 15)),)
    )
    problem = one(Prospect("A", 3, SizeBand.LARGE, under_way=state), today=date(2026, 12, 7))
    track = build_grid(problem).tracks[0]
    assert track.fixed
    assert track.required
    assert track.step_offsets[2:] == (-6, 8, 15)  # technical (past), booked onsite, references
    assert track.offer == 21
    assert [(load.offset, load.minutes, load.booked) for load in track.loads] == [(8, 420, True)]


def test_an_overdue_step_is_expected_today_not_in_the_past() -> None:
    state = UnderWay(Stage.RECRUITER, date(2026, 11, 1))
    problem = one(Prospect("A", 3, SizeBand.LARGE, under_way=state), today=date(2026, 12, 7))
    track = build_grid(problem).tracks[0]
    assert track.technical == 0
    assert track.onsite == 8  # technical lasts 8 days in a large company


def test_caps_ramp_up_by_week_of_the_search() -> None:
    grid = build_grid(one(Prospect("A", 3, SizeBand.LARGE), today=date(2026, 12, 10)))
    assert grid.origin == date(2026, 12, 10)  # a Thursday in week 2
    # Week 2 allows 20 h, from week 3 (Monday 14 December, day 4) 30 h.
    assert grid.rolling_cap[:6] == (1200, 1200, 1200, 1200, 1800, 1800)
    assert grid.count_cap[0] == 300
    assert grid.technical_cap[0] == 200


def test_caps_make_room_for_the_expected_load_of_what_is_under_way() -> None:
    state = UnderWay(Stage.RECRUITER, START)  # medium: the screen is expected on day 5
    problem = one(
        Prospect("A", 3, SizeBand.MEDIUM, under_way=state), capacity=Capacity(weekly_hours=(0.5,))
    )
    grid = prepare(problem)
    screen = round(0.48 * 120)  # not booked: its expected minutes
    onsite = round(0.48 * 0.75 * 420)  # six days later
    assert grid.rolling_cap[4:12] == (30, *[screen] * 6, screen + onsite)


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
