from datetime import date

from widenet.plan.explain import PlanAction, week_rows
from widenet.plan.problem import PlanProblem, Prospect
from widenet.plan.solver import solve
from widenet.track.model import SizeBand

from .build import START, company


def test_rows_follow_the_calendar_week_by_week() -> None:
    problem = PlanProblem(companies=(company("ten", 10), company("thirty", 30)), start=START)
    rows = week_rows(solve(problem, time_limit=5))
    assert [(r.action, r.company) for r in rows] == [
        (PlanAction.APPLY, "thirty"),
        (PlanAction.SCREEN, "thirty"),
        (PlanAction.APPLY, "ten"),
        (PlanAction.SCREEN, "ten"),
        (PlanAction.ONSITE, "ten"),
        (PlanAction.ONSITE, "thirty"),
    ]
    assert rows[0].week == 1
    assert rows[0].week_starts == START
    assert rows[-1].week == 5
    # 30 calendar days are 21 working days: from Monday 30 November, Tuesday 29 December.
    assert rows[-1].on == date(2026, 12, 29)
    assert all(r.week_starts <= r.on for r in rows)
    assert "long process" in rows[0].reason


def test_a_company_left_out_gets_a_row_and_the_reason() -> None:
    problem = PlanProblem(
        companies=(Prospect("slow", 3, SizeBand.HUGE), company("quick", 10)),
        start=START,
        horizon_days=30,
    )
    plan = solve(problem, time_limit=5)
    rows = [r for r in week_rows(plan) if r.company == "slow"]
    assert [r.action for r in rows] == [PlanAction.DEFER]
    assert "does not fit the 30-day horizon" in rows[0].reason
