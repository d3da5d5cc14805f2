from dataclasses import replace
from datetime import date, timedelta

import pytest

from widenet.errors import Infeasible
from widenet.plan.grid import build_grid
from widenet.plan.problem import Booking, Capacity, PlanProblem, Prospect, UnderWay
from widenet.plan.result import PlanStatus
from widenet.plan.score import score
from widenet.plan.solver import solve
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START, company

LIMIT = 5.0


def plan_of(*companies: Prospect, **options: object):  # type: ignore[no-untyped-def]
    problem = PlanProblem(companies=companies, start=START, **options)  # type: ignore[arg-type]
    return solve(problem, time_limit=LIMIT)


def test_long_processes_start_first_so_the_onsites_align() -> None:
    plan = plan_of(company("ten", 10), company("twenty", 20), company("thirty", 30))
    assert plan.status is PlanStatus.OPTIMAL
    by_name = {c.name: c for c in plan.companies}
    applied = [by_name[n].apply_on for n in ("thirty", "twenty", "ten")]
    assert applied == sorted(applied)
    assert len(set(applied)) == 3
    onsites = {c.onsite_on for c in plan.companies}
    assert len(onsites) == 1  # loose caps: nothing keeps them apart
    assert plan.parts.window == 0


def test_with_equal_lengths_the_least_wanted_company_goes_first() -> None:
    plan = plan_of(
        company("keen", 15, excitement=5),
        company("meh", 15, excitement=1),
        company("fine", 15, excitement=3),
    )
    technical = {c.name: c.expected[Stage.TECHNICAL] for c in plan.companies}
    assert technical["meh"] < technical["fine"] < technical["keen"]


def test_a_small_companys_onsite_lands_after_a_large_ones() -> None:
    plan = plan_of(Prospect("tiny", 3, SizeBand.SMALL), Prospect("big", 3, SizeBand.LARGE))
    by_name = {c.name: c for c in plan.companies}
    assert by_name["tiny"].onsite_on > by_name["big"].onsite_on
    # Its offer, which lapses soonest, is still open when the large company's arrives.
    assert by_name["tiny"].offer_on + __import__("datetime").timedelta(days=6) >= (
        by_name["big"].offer_on
    )


def test_referrals_go_out_once_referrals_are_due() -> None:
    plan = plan_of(company("cold", 12), company("warm", 12, referral=True, steps=None))
    by_name = {c.name: c for c in plan.companies}
    assert by_name["warm"].apply_on >= date(2026, 12, 10)  # 10 days after the start


def test_the_objective_reported_is_the_scorers_and_optimal_means_the_bound() -> None:
    problem = PlanProblem(
        companies=(
            company("a", 12, excitement=2),
            company("b", 18, excitement=4, size=SizeBand.SMALL),
            Prospect("c", 5, SizeBand.HUGE),
        ),
        start=START,
    )
    plan = solve(problem, time_limit=LIMIT)
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.bound == plan.objective
    assert plan.objective == score(build_grid(problem), plan.apply_days).total(problem.weights)
    assert plan.gap == 0.0


def test_when_the_caps_bind_companies_are_left_out_least_wanted_first() -> None:
    companies = tuple(company(f"c{k}", 9, excitement=1 + k % 5) for k in range(8))
    plan = plan_of(*companies, capacity=Capacity(weekly_hours=(6.0,)), horizon_days=21)
    assert plan.overload.ok
    assert plan.deferred
    kept = [int(c.name[1:]) % 5 + 1 for c in plan.included]
    left = [int(c.name[1:]) % 5 + 1 for c in plan.deferred]
    assert min(kept) >= max(left) - 1  # ties aside, the keen ones stay
    assert all("left out" in c.reason for c in plan.deferred)


def test_a_process_under_way_keeps_its_booked_dates() -> None:
    state = UnderWay(
        Stage.TECHNICAL, date(2026, 12, 1), booked=(Booking(Stage.ONSITE, date(2026, 12, 18)),)
    )
    plan = plan_of(
        Prospect("booked", 3, SizeBand.LARGE, under_way=state),
        company("new", 12),
        today=date(2026, 12, 7),
    )
    by_name = {c.name: c for c in plan.companies}
    assert by_name["booked"].onsite_on == date(2026, 12, 18)
    assert by_name["booked"].apply_on is None
    assert by_name["booked"].under_way
    assert by_name["new"].apply_on >= date(2026, 12, 7)  # nothing planned before today
    grid = build_grid(PlanProblem(companies=(), start=START, today=date(2026, 12, 7)))
    assert abs(grid.day_of(by_name["new"].onsite_on) - grid.day_of(date(2026, 12, 18))) <= 1


@pytest.mark.parametrize(
    ("problem", "field", "words"),
    [
        (  # two technical screens booked on a day of the first week, when one is the cap
            PlanProblem(
                companies=tuple(
                    Prospect(
                        name,
                        3,
                        SizeBand.MEDIUM,
                        under_way=UnderWay(
                            Stage.RECRUITER,
                            START,
                            booked=(Booking(Stage.TECHNICAL, date(2026, 12, 2)),),
                        ),
                    )
                    for name in ("A", "B")
                ),
                start=START,
            ),
            "capacity.daily_technical",
            "2 technical interviews are booked on 2026-12-02 (A, B)",
        ),
        (  # a required company whose process is longer than the horizon
            PlanProblem(
                companies=(Prospect("slow", 3, SizeBand.HUGE, required=True),),
                start=START,
                horizon_days=30,
            ),
            "horizon_days",
            "slow is required",
        ),
        (  # a hard window too short for onsites already booked far apart
            PlanProblem(
                companies=tuple(
                    Prospect(
                        name,
                        3,
                        SizeBand.MEDIUM,
                        under_way=UnderWay(
                            Stage.TECHNICAL, START, booked=(Booking(Stage.ONSITE, on),)
                        ),
                    )
                    for name, on in (("A", date(2026, 12, 3)), ("B", date(2026, 12, 20)))
                ),
                start=START,
                window_days=7,
                window_hard=True,
            ),
            "window_days",
            "span 18 days",
        ),
        (  # a hard window too short for the required onsites under the weekly cap
            PlanProblem(
                companies=tuple(company(f"r{k}", 9, required=True) for k in range(6)),
                start=START,
                window_days=2,
                window_hard=True,
                capacity=Capacity(weekly_hours=(3.0,)),
            ),
            "window_days",
            "too short for the load caps",
        ),
        (  # the weekly cap cannot hold the required companies at all
            PlanProblem(
                companies=tuple(company(f"r{k}", 9, required=True) for k in range(6)),
                start=START,
                horizon_days=14,
                capacity=Capacity(weekly_hours=(1.0,)),
            ),
            "capacity.weekly_hours",
            "cannot hold",
        ),
    ],
)
def test_an_impossible_problem_names_the_limit_and_what_would_relax_it(
    problem: PlanProblem, field: str, words: str
) -> None:
    with pytest.raises(Infeasible) as raised:
        solve(problem, time_limit=LIMIT)
    assert words in str(raised.value)
    assert raised.value.problems[0].field == field
    assert raised.value.hint  # what would relax it


def test_a_replan_is_at_least_as_good_as_keeping_the_dates_that_still_can_be() -> None:
    problem = PlanProblem(
        companies=(company("a", 12, excitement=1), company("b", 20), company("c", 9)),
        start=START,
    )
    first = solve(problem, time_limit=LIMIT)
    later = replace(problem, today=START + timedelta(days=2))
    # Keep every date; what was due before today goes out today.
    kept = [
        None if c.apply_on is None else max(0, (c.apply_on - later.first_day).days)
        for c in first.companies
    ]
    again = solve(later, time_limit=LIMIT, previous=first)
    assert again.objective <= score(build_grid(later), kept).total(later.weights)
    assert all(c.apply_on >= later.first_day for c in again.companies if c.apply_on)


def test_a_plan_short_of_proof_says_how_far_from_the_bound_it_may_be() -> None:
    problem = PlanProblem(
        companies=tuple(company(f"c{k}", 9 + k, excitement=1 + k % 5) for k in range(12)),
        start=START,
        capacity=Capacity(weekly_hours=(6.0,)),
    )
    plan = solve(problem, time_limit=1.0, gap_limit=0.5)
    assert plan.bound is not None
    assert plan.gap is not None
    if plan.status is PlanStatus.OPTIMAL:
        assert plan.bound == plan.objective
    else:
        assert plan.bound < plan.objective
        assert plan.gap == pytest.approx((plan.objective - plan.bound) / plan.objective)


def test_an_offer_a_recruiter_says_stays_open_longer_lets_the_onsites_align() -> None:
    # The slow company's offer comes 20 days after its onsite, the quick one's 4 days after:
    # with the usual 9 days to answer, the quick offer lapses unless the onsites are apart.
    quick, slow = company("quick", 15), company("slow", 15, after_onsite=20)
    usual = plan_of(quick, slow)
    patient = plan_of(replace(quick, offer_deadline_days=30), slow)
    assert usual.parts.offers + usual.parts.window + usual.parts.spread > 0
    assert (patient.parts.offers, patient.parts.window, patient.parts.spread) == (0, 0, 0)
    assert patient.objective < usual.objective


def test_nothing_is_planned_on_a_day_off() -> None:
    # A week away in the middle of the search: the grid skips it like a weekend, so every
    # apply day and every expected step lands before or after it.
    away = frozenset(date(2026, 12, 14) + timedelta(days=k) for k in range(5))
    companies = [Prospect(f"c{k}", 1 + k % 5, size) for k, size in enumerate(list(SizeBand) * 2)]
    plan = plan_of(*companies, days_off=away)
    assert plan.status is PlanStatus.OPTIMAL
    for planned in plan.companies:
        assert planned.apply_on not in away
        assert not set(planned.expected.values()) & away, planned.name
    # Ten weeks less the week away: five working days fewer to plan in.
    plain = build_grid(PlanProblem(companies=tuple(companies), start=START))
    held = build_grid(PlanProblem(companies=tuple(companies), start=START, days_off=away))
    assert held.horizon == plain.horizon - 5
