"""Properties over random problems: every plan keeps the caps and the booked dates."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widenet.errors import Infeasible
from widenet.plan.anneal import anneal
from widenet.plan.baselines import greedy
from widenet.plan.prepare import prepare
from widenet.plan.problem import Booking, Capacity, PlanProblem, Prospect, UnderWay
from widenet.plan.solver import solve
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .build import START

STEPS_BEFORE_ONSITE = (Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL)


@st.composite
def prospects(draw: st.DrawFn, index: int) -> Prospect:
    referral = draw(st.booleans())
    under_way = None
    if draw(st.booleans()) and draw(st.booleans()):
        stage = draw(st.sampled_from(STEPS_BEFORE_ONSITE[: 2 if referral else 3]))
        on = START + timedelta(days=draw(st.integers(1, 20)))
        minutes = draw(st.integers(30, 300))
        booked = (Booking(Stage.ONSITE, on, minutes),) if draw(st.booleans()) else ()
        under_way = UnderWay(stage, START - timedelta(days=draw(st.integers(0, 5))), booked)
    return Prospect(
        name=f"c{index}",
        excitement=draw(st.integers(1, 5)),
        size_band=draw(st.sampled_from(list(SizeBand))),
        referral=referral,
        under_way=under_way,
        stage_days={
            step: draw(st.integers(1, 8))
            for step in draw(st.sets(st.sampled_from(STEPS_BEFORE_ONSITE)))
        },
    )


@st.composite
def problems(draw: st.DrawFn) -> PlanProblem:
    count = draw(st.integers(1, 10))
    companies = tuple(draw(prospects(k)) for k in range(count))
    hours = tuple(draw(st.lists(st.floats(2.0, 30.0), min_size=1, max_size=3)))
    return PlanProblem(
        companies=companies,
        start=START,
        today=START + timedelta(days=draw(st.integers(0, 3))),
        horizon_days=draw(st.integers(35, 60)),
        window_days=draw(st.integers(5, 21)),
        capacity=Capacity(weekly_hours=hours, daily_onsites=(3,), daily_technical=(3,)),
    )


def booked_dates(problem: PlanProblem) -> dict[str, date]:
    return {
        c.name: c.under_way.booked[0].on
        for c in problem.companies
        if c.under_way is not None and c.under_way.booked
    }


def booked_breaks_a_cap(problem: PlanProblem) -> bool:
    try:
        prepare(problem)
    except Infeasible:
        return True
    return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_plan_keeps_the_caps_and_the_booked_dates(problem: PlanProblem) -> None:
    if booked_breaks_a_cap(problem):  # refused before any plan is made
        with pytest.raises(Infeasible, match="booked"):
            solve(problem, time_limit=2.0)
        return
    plans = [solve(problem, time_limit=2.0), greedy(problem)]
    for plan in plans:
        assert plan.overload.ok, plan.method
        onsites = {c.name: c.onsite_on for c in plan.companies}
        for name, on in booked_dates(problem).items():
            assert onsites[name] == on
        for c in plan.included:
            if c.apply_on is not None:  # applications and their expected steps avoid weekends
                assert all(on.weekday() < 5 for on in (c.apply_on, *c.expected.values()))
            if c.apply_on is not None:
                assert c.apply_on >= problem.first_day
                assert c.offer_on is not None
                assert c.offer_on < problem.first_day + timedelta(days=problem.horizon_days)
        assert all(c.included for c in plan.companies if c.under_way)


@settings(max_examples=10, deadline=None)
@given(problems())
def test_annealing_returns_a_plan_within_the_caps(problem: PlanProblem) -> None:
    import numpy as np

    try:
        plan = anneal(problem, rng=np.random.default_rng(0), time_limit=0.2)
    except Infeasible:
        return
    assert plan.overload.ok
