"""A plan simulated with the forecast's model: leverage, offers open together, onsite spread."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from numpy.typing import NDArray

from widenet.forecast import ForecastParams, build_model, parse_params, simulate
from widenet.plan.baselines import day_one
from widenet.plan.evaluate import evaluate, plan_search
from widenet.plan.grid import build_grid
from widenet.plan.problem import USUAL_STEPS, Booking, PlanProblem, Prospect, UnderWay
from widenet.plan.result import PlanStatus, build_plan
from widenet.plan.solver import solve
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START, company

#: Every step passes; no ghosting, practice or pruning: only the waits are random.
SURE = parse_params(
    {
        "stages": {stage.value: {"pass_probability": 1.0} for stage in USUAL_STEPS},
        "ghosting": {"enabled": False},
        "practice": {"enabled": False},
        "pruning": {"enabled": False},
    }
)
#: Each step passes half the time, independently of the rest of the search.
HALF = SURE.model_copy(
    update={
        "stages": {
            stage: s.model_copy(update={"pass_probability": 0.5})
            for stage, s in SURE.stages.items()
        }
    }
)


def planned(problem: PlanProblem, apply: list[int | None]):  # type: ignore[no-untyped-def]
    return build_plan(build_grid(problem), apply, method="test", status=PlanStatus.HEURISTIC)


def test_the_same_seed_gives_the_same_answer() -> None:
    problem = PlanProblem(companies=(company("a", 10), company("b", 20)), start=START)
    plan = day_one(problem)
    first = evaluate(problem, plan, rng=np.random.default_rng(5), runs=500)
    again = evaluate(problem, plan, rng=np.random.default_rng(5), runs=500)
    assert first == again


def test_one_offer_can_never_be_weighed_against_another() -> None:
    problem = PlanProblem(companies=(company("a", 10),), start=START)
    result = evaluate(problem, day_one(problem), rng=np.random.default_rng(1), params=SURE)
    assert result.two_offers_open == 0.0
    assert result.mean_offers == 1.0
    assert result.mean_most_open == 1.0


def test_two_sure_offers_are_open_together_when_their_waits_keep_them_close() -> None:
    # Both medium companies (offers open 9 days), planned on the same day: two offers are
    # open together exactly when their days differ by at most 9. The chance of that, from
    # the log-logistic waits (shape 3, the medians of the steps) drawn here directly:
    rng = np.random.default_rng(11)
    medians = np.array([3, 3, 4, 2, 2], dtype=float)  # company("x", 10): 3 + 3 + 4, then 2 + 2

    def offer_days(n: int) -> NDArray[np.float64]:
        u = rng.random((n, medians.size))
        days: NDArray[np.float64] = (medians * (u / (1 - u)) ** (1 / 3)).sum(axis=1)
        return days

    n = 200_000
    expected = float(np.mean(np.abs(offer_days(n) - offer_days(n)) <= 9))
    problem = PlanProblem(companies=(company("a", 10), company("b", 10)), start=START)
    runs = 20_000
    result = evaluate(
        problem, planned(problem, [0, 0]), rng=np.random.default_rng(2), runs=runs, params=SURE
    )
    tolerance = 4.5 * np.sqrt(expected * (1 - expected) / runs) + 0.002
    assert abs(result.two_offers_open - expected) < tolerance
    assert result.mean_offers == 2.0


def test_plans_meet_the_same_random_numbers_company_by_company() -> None:
    # With independent processes, the offers of a plan of two companies are, run by run,
    # those of the plans of each one alone: each company draws the same numbers whatever
    # else the plan holds.
    problem = PlanProblem(companies=(company("a", 10), company("b", 14)), start=START)
    both: list[int | None] = [3, 0]
    only_a: list[int | None] = [3, None]
    only_b: list[int | None] = [None, 0]
    runs = 3000

    def offers(apply: list[int | None]) -> float:
        plan = planned(problem, apply)
        return evaluate(
            problem, plan, rng=np.random.default_rng(6), runs=runs, params=HALF
        ).mean_offers

    assert offers(both) * runs == pytest.approx((offers(only_a) + offers(only_b)) * runs, abs=1e-6)


def test_the_most_open_offers_count_the_offers_open_on_one_day() -> None:
    problem = PlanProblem(companies=tuple(company(f"c{k}", 12) for k in range(4)), start=START)
    result = evaluate(
        problem,
        planned(problem, [0, 0, 0, 0]),
        rng=np.random.default_rng(3),
        runs=2000,
        params=SURE,
    )
    assert 2.0 < result.mean_most_open <= 4.0
    assert result.two_offers_open > 0.9
    assert result.onsite_spread > 0


def test_an_aligned_plan_holds_more_offers_together_than_applying_everywhere_at_once() -> None:
    problem = PlanProblem(
        companies=tuple(company(f"c{k}", 8 + 4 * k, after_onsite=6) for k in range(8)),
        start=START,
    )
    rng = np.random.default_rng
    aligned = evaluate(problem, solve(problem, time_limit=5), rng=rng(2), runs=4000)
    at_once = evaluate(problem, day_one(problem), rng=rng(2), runs=4000)
    assert aligned.two_offers_open > at_once.two_offers_open
    assert aligned.onsite_spread < at_once.onsite_spread


def test_the_plan_becomes_applications_sent_on_their_days() -> None:
    on = date(2026, 12, 9)
    booked = UnderWay(Stage.TECHNICAL, START, booked=(Booking(Stage.ONSITE, on),))
    problem = PlanProblem(
        companies=(
            Prospect("under way", 3, SizeBand.MEDIUM, under_way=booked),
            Prospect("later", 2, SizeBand.LARGE, referral=True),
            company("left out", 9),
        ),
        start=START,
    )
    plan = planned(problem, [0, 4, None])
    search, positions = plan_search(problem, plan)
    assert positions == [0, 1]
    first, second = search.applications
    assert (first.stage, first.starts_in_days) == (Stage.ONSITE, (on - START).days)
    assert second.stage is Stage.APPLIED
    assert second.starts_in_days == (plan.companies[1].apply_on - START).days
    assert second.pipeline == problem.companies[1].path  # the plan's steps, referral included
    # The booked onsite is not a guess: every run holds it on its day.
    simulation = simulate(
        build_model(search, ForecastParams()), runs=300, rng=np.random.default_rng(0), detail=True
    )
    assert simulation.detail is not None
    assert set(simulation.detail.at(Stage.ONSITE)[:, 0].tolist()) == {float((on - START).days)}


def test_what_a_recruiter_said_is_the_forecasts_median() -> None:
    told = company("told", 10)  # its own days per step
    problem = PlanProblem(companies=(told,), start=START)
    search, _ = plan_search(problem, planned(problem, [0]))
    medians = search.applications[0].median_days
    assert medians == {stage: float(days) for stage, days in told.stage_days.items()}
    plain = replace(told, stage_days={})
    search, _ = plan_search(replace(problem, companies=(plain,)), planned(problem, [0]))
    assert search.applications[0].median_days is None


def test_an_offer_deadline_a_recruiter_gave_is_the_forecasts() -> None:
    told = replace(company("told", 10), offer_deadline_days=4)
    problem = PlanProblem(companies=(told,), start=START)
    search, _ = plan_search(problem, planned(problem, [0]))
    assert search.applications[0].offer_deadline_days == 4
    model = build_model(search, ForecastParams())
    assert model.deadline.tolist() == [4.0]
