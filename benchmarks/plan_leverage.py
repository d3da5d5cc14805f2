"""Leverage benchmark: does the simulation-refined plan beat the baselines out of sample?

For lists of 10, 25, 40 and 60 companies (benchmarks/plan.py's seeded lists), five plans: apply
to everything on day one, the greedy rule, annealing and CP-SAT (the same time each), and
CP-SAT followed by the refinement (its own seeded draws). Every plan is then simulated on
FRESH draws, never seen by the refinement, the same draws for every plan, so each run gives
a paired difference: the refined plan's P(2+ offers open together) minus each other plan's,
with a 95% interval. Also the onsite spread, hours over the caps and the time taken.

    python benchmarks/plan_leverage.py [--seconds 10] [--runs 4000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import machine, table

from plan import search
from widenet.plan.anneal import anneal
from widenet.plan.baselines import day_one, greedy
from widenet.plan.evaluate import onsite_spread, simulate_plan
from widenet.plan.problem import PlanProblem
from widenet.plan.refine import refine
from widenet.plan.result import Plan
from widenet.plan.solver import solve

REFINE_SEED = 2026  # the refinement's own draws
FRESH_SEED = 90_000  # + the list's size: the draws every plan is judged on
SIZES = (10, 25, 40, 60)
HEADER = [
    "plan",
    "P(2+ offers open)",
    "refined minus this (95% CI)",
    "onsite spread (d)",
    "h over cap",
    "s",
]


def plans(problem: PlanProblem, seconds: float) -> list[tuple[str, Plan, float]]:
    """(label, plan, seconds taken) for each method, the refined plan last."""
    made: list[tuple[str, Plan, float]] = []
    methods: list[tuple[str, Callable[[], Plan]]] = [
        ("day one", lambda: day_one(problem)),
        ("greedy", lambda: greedy(problem)),
        ("annealing", lambda: anneal(problem, rng=np.random.default_rng(7), time_limit=seconds)),
        ("cp-sat", lambda: solve(problem, time_limit=seconds, workers=2)),
    ]
    for label, run in methods:
        began = time.perf_counter()
        plan = run()
        made.append((label, plan, time.perf_counter() - began))
    cp = made[-1]
    began = time.perf_counter()
    refined = refine(problem, cp[1], rng=np.random.default_rng(REFINE_SEED))
    made.append(("cp-sat + refine", refined, cp[2] + time.perf_counter() - began))
    return made


def paired(mine: NDArray[np.bool_], other: NDArray[np.bool_]) -> str:
    """Mean of the run-by-run difference, with a 95% normal interval."""
    diff = mine.astype(np.float64) - other.astype(np.float64)
    half = 1.96 * diff.std(ddof=1) / np.sqrt(diff.size)
    return f"{100 * diff.mean():+.1f} pp (±{100 * half:.1f})"


def compare(count: int, seconds: float, runs: int) -> str:
    problem = search(1, companies=count, under_way=max(1, count // 12))
    made = plans(problem, seconds)
    sims = [
        simulate_plan(problem, plan, rng=np.random.default_rng(FRESH_SEED + count), runs=runs)
        for _, plan, _ in made
    ]
    refined = sims[-1].two_open
    rows = []
    for (label, plan, took), sim in zip(made, sims, strict=True):
        assert sim.detail is not None
        rows.append(
            [
                label,
                f"{sim.two_open.mean():.3f}",
                "—" if sim is sims[-1] else paired(refined, sim.two_open),
                f"{onsite_spread(sim.detail):.1f}",
                f"{plan.overload.minutes / 60:.0f}",
                f"{took:.1f}",
            ]
        )
    info = made[-1][1].refinement
    assert info is not None
    note = (
        f"refinement: {info.evaluations} candidates, {info.moves} moves kept, "
        f"{info.seconds:.1f} s; on its own draws {info.before:.3f} -> {info.after:.3f}"
    )
    title = f"{count} companies, {runs:,} fresh simulated searches per plan"
    return table(title, HEADER, rows) + "\n" + note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=4000)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"{date.today()} · machine: {machine()} · load {load:.1f}")
    for count in SIZES:
        print(compare(count, args.seconds, args.runs))
        print()


if __name__ == "__main__":
    main()
