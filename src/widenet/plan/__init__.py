"""Plan the search: when to apply to each company so practice comes first and offers overlap.

Pure: plain data in, plain data out (docs/planner.md). The CP-SAT solver lives in
``widenet.plan.solver`` (the one module that imports OR-Tools): import it where it is used.

    from widenet.plan import PlanProblem, Prospect, load_problem, week_rows
    from widenet.plan.solver import solve
    plan = solve(load_problem(path), time_limit=10.0)
"""

from widenet.plan.anneal import anneal
from widenet.plan.baselines import day_one, greedy
from widenet.plan.evaluate import Robustness, evaluate, plan_search
from widenet.plan.exhaustive import exhaustive
from widenet.plan.explain import PlanAction, PlanRow, week_rows
from widenet.plan.load import Overload, WeekLoad
from widenet.plan.problem import (
    Booking,
    Capacity,
    PlanProblem,
    Prospect,
    UnderWay,
    Weights,
    check_problem,
)
from widenet.plan.problem_file import PROBLEM_SCHEMA, load_problem, parse_problem, problem_to_json
from widenet.plan.result import CompanyPlan, Plan, PlanStatus
from widenet.plan.score import ObjectiveParts

__all__ = [
    "PROBLEM_SCHEMA",
    "Booking",
    "Capacity",
    "CompanyPlan",
    "ObjectiveParts",
    "Overload",
    "Plan",
    "PlanAction",
    "PlanProblem",
    "PlanRow",
    "PlanStatus",
    "Prospect",
    "Robustness",
    "UnderWay",
    "WeekLoad",
    "Weights",
    "anneal",
    "check_problem",
    "day_one",
    "evaluate",
    "exhaustive",
    "greedy",
    "load_problem",
    "parse_problem",
    "plan_search",
    "problem_to_json",
    "week_rows",
]
