"""The simulation-based refinement: better leverage, within the caps, repeatable."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from widenet.errors import Infeasible
from widenet.forecast import parse_params
from widenet.plan.baselines import day_one, greedy
from widenet.plan.evaluate import evaluate
from widenet.plan.grid import build_grid
from widenet.plan.problem import USUAL_STEPS, Capacity, PlanProblem
from widenet.plan.refine import MIN_TOTAL_GAIN, refine, squeezed, worth_keeping
from widenet.plan.result import Plan, PlanStatus, build_plan
from widenet.plan.solver import solve
from widenet.track.model import SizeBand

from .build import START, company
from .test_properties import booked_dates, problems

#: Every step passes; no ghosting, practice or pruning: only the waits are random.
SURE = parse_params(
    {
        "stages": {stage.value: {"pass_probability": 1.0} for stage in USUAL_STEPS},
        "ghosting": {"enabled": False},
        "practice": {"enabled": False},
        "pruning": {"enabled": False},
    }
)


def quick(problem: PlanProblem, plan: Plan, seed: int) -> Plan:
    """A short refinement: 300 runs per candidate, 40 candidates."""
    return refine(
        problem, plan, rng=np.random.default_rng(seed), runs=300, evaluations=40, time_limit=60
    )


def planned(problem: PlanProblem, apply: list[int | None]) -> Plan:
    return build_plan(build_grid(problem), apply, method="test", status=PlanStatus.HEURISTIC)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_the_refinement_keeps_the_caps_the_booked_dates_and_who_is_in(
    problem: PlanProblem,
) -> None:
    try:
        start = greedy(problem)
    except Infeasible:  # booked interviews already break a cap: refused before any plan
        return
    refined = quick(problem, start, 3)
    assert refined.overload.minutes <= start.overload.minutes
    assert refined.overload.broken_rules <= start.overload.broken_rules
    if start.overload.ok:
        assert refined.overload.ok
    onsites = {c.name: c.onsite_on for c in refined.companies}
    for name, on in booked_dates(problem).items():
        assert onsites[name] == on
    for before, after in zip(start.companies, refined.companies, strict=True):
        assert after.included == before.included
        if before.under_way:
            assert after.expected == before.expected
    info = refined.refinement
    assert info is not None
    assert info.evaluations <= 40
    # Either the moves kept win a point together, or the starting plan stands as it was.
    if info.moves:
        assert info.after - info.before >= MIN_TOTAL_GAIN
    else:
        assert refined.apply_days == start.apply_days


def test_a_long_process_is_started_first_so_the_offers_overlap() -> None:
    # The long process reaches its onsite 40 days after applying, the short one 5 days;
    # offers stay open 9 days (medium companies). Applying to the short one first, as the
    # starting plan does, leaves its offer lapsed weeks before the long one's comes.
    problem = PlanProblem(
        companies=(company("long", 40), company("short", 5)),
        start=START,
        capacity=Capacity(weekly_hours=(60.0,)),
    )
    start = planned(problem, [3, 0])
    refined = refine(problem, start, rng=np.random.default_rng(1), params=SURE, evaluations=150)
    before, after = (
        evaluate(problem, plan, rng=np.random.default_rng(77), params=SURE).two_offers_open
        for plan in (start, refined)
    )
    assert before < 0.1
    assert after > before + 0.3
    days = dict(zip(("long", "short"), refined.apply_days, strict=True))
    assert days["long"] is not None
    assert days["short"] is not None
    assert days["long"] < days["short"]
    assert refined.overload.ok


def test_the_obvious_staggered_plan_is_not_moved_for_a_fraction_of_a_point() -> None:
    # Processes of 10, 20 and 30 days with loose caps: the solver staggers the starts so the
    # onsites fall on one day; the simulator sees little to win by moving them.
    problem = PlanProblem(
        companies=(company("ten", 10), company("twenty", 20), company("thirty", 30)),
        start=START,
        capacity=Capacity(weekly_hours=(100.0,)),
    )
    plan = solve(problem, time_limit=5.0)
    # On these draws two moves win half a point together: too little to move the plan.
    refined = refine(problem, plan, rng=np.random.default_rng(3))
    assert refined.refinement is not None
    assert refined.refinement.moves == 0
    assert refined.apply_days == plan.apply_days
    assert len({c.onsite_on for c in refined.companies}) == 1


def test_the_same_seed_gives_the_same_plan() -> None:
    problem = PlanProblem(
        companies=tuple(
            company(f"c{k}", 6 + 4 * k, excitement=1 + k % 5, size=size)
            for k, size in enumerate(list(SizeBand) * 2)
        ),
        start=START,
    )
    start = greedy(problem)
    first, again = (
        refine(problem, start, rng=np.random.default_rng(9), runs=400, evaluations=80)
        for _ in range(2)
    )
    assert first.apply_days == again.apply_days
    assert first.refinement is not None
    assert again.refinement is not None
    assert replace(first.refinement, seconds=0.0) == replace(again.refinement, seconds=0.0)


def test_the_refined_plan_says_what_it_started_from() -> None:
    problem = PlanProblem(companies=(company("a", 10), company("b", 20)), start=START)
    start = greedy(problem)
    refined = quick(problem, start, 2)
    assert refined.method == "greedy + refine"
    info = refined.refinement
    assert info is not None
    assert (info.method, info.objective, info.runs) == ("greedy", start.objective, 300)
    assert info.after >= info.before
    assert not info.stopped_on_time


def test_a_plan_with_nothing_to_move_comes_back_unchanged() -> None:
    problem = PlanProblem(companies=(company("a", 10),), start=START, horizon_days=21)
    start = day_one(problem)
    refined = quick(problem, start, 2)
    assert refined.apply_days == start.apply_days


@pytest.mark.parametrize(
    ("up", "down", "cost", "kept"),
    [
        (1, 0, 0.0, False),  # one run of 2,000: not worth moving a plan for
        (4, 0, 0.0, False),  # 0.2 points: under the quarter point
        (5, 0, 0.0, True),  # 0.25 points, all wins
        (30, 20, 0.0, True),  # 0.5 points, 10 more wins than losses >= sqrt(50)
        (110, 100, 0.0, False),  # 0.5 points, but 10 < sqrt(210): the draws' noise
        (60, 40, 0.0, True),  # 1 point, 20 >= sqrt(100)
        (60, 40, 0.008, False),  # the same, less a cost of 0.8 points: 0.2 left
        (60, 40, -0.01, True),  # a better practice order is a gain of its own
        (0, 0, -0.01, True),  # ... kept even when the simulated searches come out the same
        (40, 60, -0.01, False),  # ... but not when they come out worse by more than chance
    ],
)
def test_a_move_is_kept_when_its_gain_is_real_and_worth_it(
    up: int, down: int, cost: float, kept: bool
) -> None:
    assert worth_keeping(up, down, 2000, cost=cost) is kept


@pytest.mark.parametrize(
    ("factor", "practice_first", "expected"),
    [
        (1.0, False, [10, 0, 4]),  # loose caps: every day where it was
        (0.5, False, [5, 0, 2]),
        (0.0, False, [0, 0, 0]),
    ],
)
def test_squeezing_scales_the_apply_days_when_the_caps_are_loose(
    factor: float, practice_first: bool, expected: list[int]
) -> None:
    problem = PlanProblem(
        companies=(company("a", 10), company("b", 10), company("c", 10)),
        start=START,
        capacity=Capacity(weekly_hours=(100.0,)),
    )
    grid = build_grid(problem)
    assert squeezed(grid, [10, 0, 4], factor, practice_first=practice_first) == expected


def test_squeezing_moves_a_company_to_the_first_day_the_caps_allow() -> None:
    # One process's expected load peaks at about 2 h in a week; the cap is 2.5 h, so when
    # both are squeezed to day 0, the second in the plan's order waits until the first's
    # interviews leave room, and not a day longer.
    problem = PlanProblem(
        companies=(company("a", 10), company("b", 10)),
        start=START,
        capacity=Capacity(weekly_hours=(2.5,)),
    )
    grid = build_grid(problem)
    days = squeezed(grid, [0, 20], 0.0)
    assert days[0] == 0
    assert days[1] is not None
    assert 0 < days[1] < 20
    assert planned(problem, days).overload.ok
    assert not planned(problem, [0, days[1] - 1]).overload.ok
