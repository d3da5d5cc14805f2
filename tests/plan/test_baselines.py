import numpy as np

from widenet.plan.anneal import anneal
from widenet.plan.baselines import day_one, greedy
from widenet.plan.problem import Capacity, PlanProblem
from widenet.plan.result import PlanStatus

from .build import START, company

LOOSE = PlanProblem(
    companies=(company("ten", 10), company("thirty", 30), company("twenty", 20)), start=START
)


def test_day_one_applies_everywhere_at_once() -> None:
    plan = day_one(LOOSE)
    assert {c.apply_on for c in plan.companies} == {START}
    assert plan.status is PlanStatus.HEURISTIC
    assert plan.bound is None
    assert plan.gap is None
    assert plan.parts.window > 0  # onsites on days 10, 20 and 30


def test_greedy_starts_the_longest_first_and_aligns_the_onsites() -> None:
    plan = greedy(LOOSE)
    by_name = {c.name: c for c in plan.companies}
    assert by_name["thirty"].apply_on == START
    assert len({c.onsite_on for c in plan.companies}) == 1


def test_day_one_ignores_the_caps_and_says_by_how_much() -> None:
    crowded = PlanProblem(
        companies=tuple(company(f"c{k}", 9) for k in range(6)),
        start=START,
        capacity=Capacity(weekly_hours=(4.0,)),
    )
    assert day_one(crowded).overload.minutes > 0
    kept = greedy(crowded)
    assert kept.overload.ok
    assert kept.deferred or len({c.apply_on for c in kept.companies}) > 1


def test_annealing_does_no_worse_than_its_greedy_start() -> None:
    crowded = PlanProblem(
        companies=tuple(company(f"c{k}", 9 + k, excitement=1 + k % 5) for k in range(8)),
        start=START,
        capacity=Capacity(weekly_hours=(6.0,)),
    )
    start = greedy(crowded)
    found = anneal(crowded, rng=np.random.default_rng(3), time_limit=0.5)
    assert found.overload.ok
    assert found.objective <= start.objective
