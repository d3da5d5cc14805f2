"""Forecast: 100,000 simulated searches of 50 applications with 6 stages, vectorised in chunks,
against the same model as a plain per-search Python loop on fewer runs (the same draws).

Run: python benchmarks/forecast.py [--runs N] [--loop-runs M] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _util import machine, table  # noqa: E402

from widenet.forecast import (  # noqa: E402
    ForecastParams,
    History,
    OpenApplication,
    Search,
    StageRecord,
    build_model,
    parse_params,
    simulate,
)
from widenet.forecast.draws import draw  # noqa: E402
from widenet.forecast.engine import simulate_draws  # noqa: E402
from widenet.forecast.loop import simulate_loop  # noqa: E402
from widenet.forecast.model import Model  # noqa: E402
from widenet.track.model import SizeBand  # noqa: E402
from widenet.track.stages import Stage  # noqa: E402

SIX_STAGES = (
    Stage.APPLIED,
    Stage.RECRUITER,
    Stage.HIRING_MANAGER,
    Stage.TECHNICAL,
    Stage.ONSITE,
    Stage.REFERENCES,
)


def benchmark_search() -> Search:
    """50 applications, every one with the six stages: most sent in the last days, some
    already at a call or a screen, five referrals, a track record of a few interviews; no
    onsite yet, so the pruning day has to be found by simulation (the costly case)."""
    sizes = tuple(SizeBand)
    underway = (Stage.APPLIED,) * 6 + (Stage.RECRUITER, Stage.HIRING_MANAGER, Stage.TECHNICAL)
    apps = tuple(
        OpenApplication(
            f"company {i}",
            stage=underway[i % len(underway)],
            days_in_stage=i % 7,
            size=sizes[i % 4],
            excitement=1 + (i * 3) % 5,
            referral=i % 10 == 3,
            pipeline=SIX_STAGES,
        )
        for i in range(50)
    )
    history = History(
        {
            Stage.APPLIED: StageRecord(passed=6, rejected=3, ghosted=3),
            Stage.RECRUITER: StageRecord(passed=4, rejected=1, interviews=5),
            Stage.TECHNICAL: StageRecord(passed=1, rejected=1, interviews=2),
        }
    )
    return Search(date(2026, 11, 26), apps, history)


def vectorised(model: Model, runs: int, workers: int, repeat: int) -> tuple[float, float, float]:
    """Best wall and CPU seconds of `repeat` runs, and the mean offer count."""
    walls, cpus, mean = [], [], 0.0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = simulate(model, runs=runs, rng=np.random.default_rng(1), workers=workers)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        mean = float(result.offers.mean())
    return min(walls), min(cpus), mean


def peak_memory(model: Model, runs: int, workers: int) -> float:
    """Peak traced allocation (MB) during one simulation."""
    tracemalloc.start()
    simulate(model, runs=runs, rng=np.random.default_rng(1), workers=workers)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def loop(model: Model, runs: int) -> tuple[float, bool]:
    """Seconds of the per-search loop, and whether it agrees with the vectorised engine on
    every run of the same draws."""
    draws = draw(model, runs, np.random.default_rng(2))
    start = time.perf_counter()
    outcomes = simulate_loop(model, draws)
    seconds = time.perf_counter() - start
    fast = simulate_draws(model, draws)
    same = [o.offers for o in outcomes] == fast.offers.tolist() and [
        list(o.reached) for o in outcomes
    ] == fast.reached.tolist()
    return seconds, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--loop-runs", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = build_model(benchmark_search(), ForecastParams())
    simulate(model, runs=2_000, rng=np.random.default_rng(0))  # warm-up
    rows = []
    for workers in (1, 2):
        wall, cpu, mean = vectorised(model, args.runs, workers, args.repeat)
        memory = peak_memory(model, args.runs, workers)
        per = wall / args.runs * 1e6
        name = f"vectorised, {workers} thread(s)"
        figures = [f"{wall:.3f}", f"{cpu:.3f}", f"{per:.1f}", f"{memory:.0f}", f"{mean:.2f}"]
        rows.append([name, args.runs, *figures])
    # The same search without the pruning policy: one walk per batch instead of two.
    single = build_model(benchmark_search(), parse_params({"pruning": {"enabled": False}}))
    wall, cpu, mean = vectorised(single, args.runs, 1, args.repeat)
    figures = [f"{wall:.3f}", f"{cpu:.3f}", f"{wall / args.runs * 1e6:.1f}", "", f"{mean:.2f}"]
    rows.append(["vectorised, 1 thread, pruning off", args.runs, *figures])
    seconds, same = loop(model, args.loop_runs)
    loop_per = seconds / args.loop_runs * 1e6
    rows.append(
        ["per-search Python loop", args.loop_runs, f"{seconds:.3f}", "", f"{loop_per:.0f}", "", ""]
    )
    best = min(float(row[4]) for row in rows[:2])  # the full model
    print(
        table(
            f"Forecast: {args.runs:,} searches × 50 applications × 6 stages ({machine()})",
            ["engine", "runs", "wall s", "CPU s", "µs per search", "peak MB", "mean offers"],
            rows,
        )
    )
    print(f"\nper-search speed ratio (loop / best vectorised): {loop_per / best:.0f}×")
    print(f"loop and vectorised agree run by run on the same draws: {'yes' if same else 'NO'}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory: {rss:.0f} MB")
    print(f"load average while running: {os.getloadavg()[0]:.1f} (other jobs share the cores)")


if __name__ == "__main__":
    main()
