"""CP-SAT against an exhaustive search on small problems: the same optimum objective."""

import math
import random
from dataclasses import replace
from datetime import timedelta

import pytest

from widenet.errors import Infeasible
from widenet.plan.exhaustive import exhaustive
from widenet.plan.grid import build_grid
from widenet.plan.problem import Booking, Capacity, PlanProblem, Prospect, UnderWay
from widenet.plan.result import PlanStatus
from widenet.plan.solver import solve
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START, company

SMALL = 200_000  # combinations the exhaustive search tries in about a second


def small_problem(seed: int) -> PlanProblem:
    """3 to 7 companies with short processes over a short horizon, caps loose or tight."""
    rnd = random.Random(seed)
    count = rnd.randint(3, 7)
    horizon = 26
    companies: list[Prospect] = []
    for k in range(count):
        options: dict[str, object] = {
            "excitement": rnd.randint(1, 5),
            "size": rnd.choice(list(SizeBand)),
            "after_onsite": rnd.randint(2, 5),
        }
        if rnd.random() < 0.2:
            options["referral"] = True
        if rnd.random() < 0.15:
            options["required"] = True
        companies.append(company(f"c{k}", rnd.randint(5, 11), **options))  # type: ignore[arg-type]
    if rnd.random() < 0.4:  # one process already under way, its onsite booked
        on = START + timedelta(days=rnd.randint(6, 14))
        state = UnderWay(Stage.TECHNICAL, START, booked=(Booking(Stage.ONSITE, on, 150),))
        companies[0] = Prospect("c0", rnd.randint(1, 5), SizeBand.MEDIUM, under_way=state)
    hours = rnd.choice([3.0, 6.0, 40.0])
    problem = PlanProblem(
        companies=tuple(companies),
        start=START,
        horizon_days=horizon,
        window_days=rnd.choice([4, 7, 14]),
        capacity=Capacity(weekly_hours=(hours,), daily_onsites=(3,), daily_technical=(3,)),
    )
    while combinations(problem) > SMALL:  # shorten the horizon until it is small enough
        problem = replace(problem, horizon_days=problem.horizon_days - 1)
    return problem


def combinations(problem: PlanProblem) -> int:
    grid = build_grid(problem)
    return math.prod(
        1 if t.fixed else max(0, t.hi - t.lo + 1) + (not t.required) for t in grid.tracks
    )


@pytest.mark.parametrize("seed", range(14))
def test_cp_sat_finds_the_optimum_the_exhaustive_search_finds(seed: int) -> None:
    problem = small_problem(seed)
    try:
        truth = exhaustive(problem)
    except Infeasible:
        with pytest.raises(Infeasible):
            solve(problem, time_limit=10.0)
        return
    found = solve(problem, time_limit=10.0)
    assert found.status is PlanStatus.OPTIMAL
    assert found.objective == truth.objective
    assert found.overload.ok
    assert truth.overload.ok


def test_the_instances_are_not_all_trivial() -> None:
    optima = []
    for seed in range(14):
        try:
            optima.append(exhaustive(small_problem(seed)))
        except Infeasible:
            continue
    assert len(optima) >= 10
    assert any(plan.deferred for plan in optima)  # some caps bind
    assert any(plan.parts.window or plan.parts.offers for plan in optima)
    assert any(plan.parts.practice or plan.parts.size for plan in optima)
