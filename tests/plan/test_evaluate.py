from datetime import date

import numpy as np
import pytest

from widenet.plan.baselines import day_one
from widenet.plan.evaluate import evaluate, sample_processes
from widenet.plan.prepare import prepare
from widenet.plan.problem import Booking, PlanProblem, Prospect, UnderWay
from widenet.plan.solver import solve
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START, company

SURE = dict.fromkeys(
    (Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE, Stage.REFERENCES), 1.0
)


def test_the_same_seed_gives_the_same_answer() -> None:
    problem = PlanProblem(companies=(company("a", 10), company("b", 20)), start=START)
    plan = day_one(problem)
    first = evaluate(problem, plan, rng=np.random.default_rng(5), runs=500)
    again = evaluate(problem, plan, rng=np.random.default_rng(5), runs=500)
    assert first == again


@pytest.mark.parametrize(
    ("companies", "low", "high"),
    [
        ((company("a", 10),), 0.0, 0.0),  # one offer can never be weighed against another
        # Sure offers planned for the same day: together unless the random durations pull
        # them more than the 9 days a medium company holds an offer apart (about 1 in 20).
        ((company("a", 10), company("b", 10)), 0.9, 0.99),
    ],
)
def test_offers_open_together_as_often_as_timing_allows(
    companies: tuple[Prospect, ...], low: float, high: float
) -> None:
    problem = PlanProblem(companies=companies, start=START, pass_rates=SURE)
    plan = solve(problem, time_limit=5)
    result = evaluate(problem, plan, rng=np.random.default_rng(1), runs=2000)
    assert low <= result.two_offers_open <= high
    assert result.mean_offers == len(companies)


def test_an_aligned_plan_holds_more_offers_together_than_applying_everywhere_at_once() -> None:
    problem = PlanProblem(
        companies=tuple(company(f"c{k}", 8 + 4 * k, after_onsite=6) for k in range(8)),
        start=START,
    )
    rng = np.random.default_rng
    aligned = evaluate(problem, solve(problem, time_limit=5), rng=rng(2), runs=4000)
    at_once = evaluate(problem, day_one(problem), rng=rng(2), runs=4000)
    assert aligned.two_offers_open > at_once.two_offers_open + 0.05
    assert aligned.onsite_spread < at_once.onsite_spread


def test_a_booked_onsite_is_not_a_guess() -> None:
    on = date(2026, 12, 9)
    state = UnderWay(Stage.TECHNICAL, START, booked=(Booking(Stage.ONSITE, on),))
    problem = PlanProblem(
        companies=(Prospect("a", 3, SizeBand.MEDIUM, under_way=state),), start=START
    )
    samples = sample_processes(prepare(problem), [0], runs=200, rng=np.random.default_rng(0))
    assert set(samples.onsite[:, 0]) == {float((on - START).days)}
    reached = samples.offer[:, 0][~np.isnan(samples.offer[:, 0])]
    assert 0.4 < len(reached) / 200 < 0.7  # the onsite passes 56% of the time
    assert reached.min() > (on - START).days
