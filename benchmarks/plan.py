"""Planner benchmark: 60 companies over ten weeks, CP-SAT against the baselines and annealing.

Each method gets the same time budget (the baselines need none). Every plan is scored with
the same objective and simulated with the forecast's model, the same random numbers for every
plan (2,000 searches: the chance that two offers are open together, offers, the most open at
once, onsite spread). Then the same for a list of 25 (where two open offers are not near
certain for every plan), CP-SAT against annealing on three more lists of 60, and CP-SAT alone
stopping at a 2% gap as the weekly cap rises and as the list grows, to show where the 2%
target is met.

    python benchmarks/plan.py [--seconds 10] [--runs 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import machine, table

from widenet.plan.anneal import anneal
from widenet.plan.baselines import day_one, greedy
from widenet.plan.evaluate import evaluate
from widenet.plan.problem import (
    Booking,
    Capacity,
    PlanProblem,
    Prospect,
    UnderWay,
)
from widenet.plan.result import Plan
from widenet.plan.solver import solve
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

START = date(2026, 11, 30)
BANDS = (SizeBand.SMALL, SizeBand.MEDIUM, SizeBand.LARGE, SizeBand.HUGE)
BAND_SHARES = (0.25, 0.30, 0.30, 0.15)


def search(seed: int, *, companies: int = 60, under_way: int = 5) -> PlanProblem:
    """A list like a real one: a mix of sizes, some referrals, a few processes started."""
    rng = np.random.default_rng(seed)
    listed = []
    for k in range(companies):
        band = BANDS[int(rng.choice(4, p=BAND_SHARES))]
        referral = bool(rng.random() < 0.15)
        state = None
        if k < under_way:
            onsite = START + timedelta(days=9 + 4 * k)  # within the hard caps
            state = UnderWay(
                Stage.RECRUITER, START - timedelta(days=3), booked=(Booking(Stage.ONSITE, onsite),)
            )
            referral = False
        excitement = int(rng.integers(1, 6))
        listed.append(Prospect(f"company-{k:02d}", excitement, band, referral, under_way=state))
    return PlanProblem(companies=tuple(listed), start=START, horizon_days=70)


def row(plan: Plan, problem: PlanProblem, runs: int) -> list[object]:
    sim = evaluate(problem, plan, rng=np.random.default_rng(2026), runs=runs)
    gap = "-" if plan.gap is None else f"{100 * plan.gap:.1f}%"
    return [
        plan.method,
        plan.status.value,
        plan.objective,
        "-" if plan.bound is None else plan.bound,
        gap,
        f"{plan.seconds:.1f}",
        len(plan.deferred),
        f"{plan.overload.minutes / 60:.0f}",
        f"{sim.two_offers_open:.3f}",
        f"{sim.mean_offers:.2f}",
        f"{sim.mean_most_open:.2f}",
        f"{sim.onsite_spread:.1f}",
    ]


HEADER = [
    "method",
    "status",
    "objective",
    "bound",
    "gap",
    "s",
    "left out",
    "h over cap",
    "P(2+ offers open)",
    "offers",
    "most open at once",
    "onsite spread (d)",
]


def compare(problem: PlanProblem, seconds: float, runs: int) -> str:
    count = len(problem.companies)
    methods: list[tuple[str, Callable[[], Plan]]] = [
        ("day one", lambda: day_one(problem)),
        ("greedy", lambda: greedy(problem)),
        ("annealing", lambda: anneal(problem, rng=np.random.default_rng(7), time_limit=seconds)),
        ("cp-sat", lambda: solve(problem, time_limit=seconds, workers=2)),
    ]
    rows = []
    for label, run in methods:
        plan = run()
        rows.append([label, *row(plan, problem, runs)[1:]])
    return table(f"{count} companies, 10 weeks, default caps, {seconds:g} s each", HEADER, rows)


def rivals(seeds: range, seconds: float) -> str:
    """CP-SAT against annealing on more lists of the same kind: objective, lower is better."""
    rows = []
    for seed in seeds:
        problem = search(seed)
        sa = anneal(problem, rng=np.random.default_rng(seed), time_limit=seconds)
        cp = solve(problem, time_limit=seconds, workers=2)
        better = 100 * (sa.objective - cp.objective) / sa.objective
        rows.append(
            [seed, greedy(problem).objective, sa.objective, cp.objective, f"{better:+.1f}%"]
        )
    header = ["list (seed)", "greedy", "annealing", "cp-sat", "cp-sat better by"]
    return table(f"Objective on other lists of 60, {seconds:g} s each", header, rows)


def sweep(problem: PlanProblem, seconds: float) -> str:
    rows = []
    for hours in (30.0, 45.0, 60.0, 90.0, 120.0):
        capped = replace(problem, capacity=Capacity(weekly_hours=(10.0, 20.0, hours)))
        rows.append([f"10, 20, then {hours:g} h", *target_row(capped, seconds)])
    header = ["weekly cap", "status", "objective", "bound", "gap", "s", "left out"]
    return table("CP-SAT alone, stopping at a 2% gap, as the weekly cap rises", header, rows)


def sizes(seed: int, seconds: float) -> str:
    rows = []
    for count in (20, 30, 40, 50, 60):
        problem = search(seed, companies=count, under_way=max(1, count // 12))
        rows.append([count, *target_row(problem, seconds)])
    header = ["companies", "status", "objective", "bound", "gap", "s", "left out"]
    return table("CP-SAT alone at the default caps, stopping at a 2% gap", header, rows)


def target_row(problem: PlanProblem, seconds: float) -> list[object]:
    began = time.perf_counter()
    plan = solve(problem, time_limit=seconds, workers=2, gap_limit=0.02)
    took = time.perf_counter() - began
    return [
        plan.status.value,
        plan.objective,
        plan.bound,
        f"{100 * (plan.gap or 0):.1f}%",
        f"{took:.1f}",
        len(plan.deferred),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    problem = search(args.seed)
    load = os.getloadavg()[0]
    print(f"{date.today()} · machine: {machine()} · load {load:.1f}")
    print(compare(problem, args.seconds, args.runs))
    print()
    print(compare(search(args.seed, companies=25, under_way=2), args.seconds, args.runs))
    print()
    print(rivals(range(args.seed + 1, args.seed + 4), args.seconds))
    print()
    print(sweep(problem, args.seconds))
    print()
    print(sizes(args.seed, args.seconds))


if __name__ == "__main__":
    main()
