"""Derivation of the per-stage withdrawal priors (forecast/priors.py WITHDRAW) from product.md.

The real search (43 applications) had 20 withdrawals by the candidate: 4 at the application,
11 after a recruiter call, 1 after a technical screen, 4 after onsites. Part of them the
pruning policy explains (low-rated early-stage processes dropped from the first onsite on),
part her decision (every process still open withdrawn once she decides, the decision window
after the first offer). The rest is her per-stage rate once eliminating: at a stage, the
withdrawals left unexplained over the processes that rate can act on — there from the first
onsite on, still waiting for the company's answer, not dropped by the policy and answered
before she decides. The model runs with the learned rates at 0 (the policy and the decision
only), 43 fresh applications as in the calibration check; the derivation is one step (the
rates' own effect on who is left is not fed back). Baseline in the same run: the derivation
without the decision (what the priors were before it).

Run: python benchmarks/forecast_withdrawals.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

import numpy as np
from _util import ROOT, machine, table

sys.path.insert(0, str(ROOT / "src"))

from widenet.forecast import OpenApplication, Search, build_model, parse_params
from widenet.forecast.draws import draw
from widenet.forecast.engine import (
    _Batch,
    _decide,
    _decision_days,
    _Step,
    _trigger_days,
    _walk,
)
from widenet.forecast.priors import PRUNING_EARLY, STAGES
from widenet.forecast.record import Weeks
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

#: product.md: withdrawals by the candidate at each stage of the real search, and how many
#: processes reached the stage.
REAL = {Stage.APPLIED: (4, 43), Stage.RECRUITER: (11, 25), Stage.TECHNICAL: (1, 12)}
REAL_ONSITE = (4, 9)
EARLY = "early (applied, recruiter)"
#: The priors taken (priors.WITHDRAW): the rate, except at the onsite, where every withdrawal
#: is the decision's — after an onsite the only step left is the offer, and "first offers came
#: about week 4, all five by week 5" with none rejected; the model's other 2.0 onsites end in
#: company rejections (its onsite passes ~76%), which would count those processes twice.
PRIOR = ("= rate", "= rate", "0: the decision's")


def fresh_search(count: int) -> Search:
    """``count`` applications sent today: sizes and excitement 1–5 in turn (as the
    calibration check in tests/forecast)."""
    sizes = tuple(SizeBand)
    return Search(
        date(2026, 11, 26),
        tuple(
            OpenApplication(f"company {i}", size=sizes[i % 4], excitement=1 + i % 5)
            for i in range(count)
        ),
    )


def tallies(*, runs: int, decide: bool, seed: int = 2026) -> dict[Stage, np.ndarray]:
    """Per stage kind, mean per search: withdrawn by the policy, withdrawn by the decision,
    processes the learned rate can act on."""
    window = {} if decide else {"decision_window_days": None}
    zero = {stage.value: {"withdraw": 0.0} for stage in STAGES}
    params = parse_params({"stages": zero, "pruning": window})
    model = build_model(fresh_search(43), params)
    out = {column.stage: np.zeros(3) for column in model.columns}
    rng = np.random.default_rng(seed)
    for _ in range(0, runs, 2000):
        draws = draw(model, 2000, rng)
        batch = _Batch(model, draws, weeks=Weeks(1, float(model.shift)))
        trigger = _trigger_days(batch)
        assert trigger is not None
        steps: list[_Step] = []
        alive = _walk(batch, trigger, stop=len(model.columns), steps=steps)
        decided = _decision_days(batch, alive) if decide else np.full(draws.runs, np.inf)
        for k, column in enumerate(model.columns):
            step, cells = steps[k], batch.cells[k]
            policy = np.zeros_like(step.sent) if step.withdrawn is None else step.withdrawn
            after = _decide(step, cells, decided.astype(np.float32)).withdrawn
            assert after is not None
            later = cells.exit > trigger[None, :]
            answered = cells.exit <= decided[None, :]
            risk = step.entered & later & ~policy & answered
            out[column.stage] += [policy.sum(), (after & ~policy).sum(), risk.sum()]
    return {stage: value / runs for stage, value in out.items()}


def rates(counts: dict[Stage, np.ndarray]) -> list[tuple[str, float, float, float, int, str]]:
    """Per group: policy, decision, at risk, real withdrawals, rate."""
    early = sum((counts[s] for s in PRUNING_EARLY if s in counts), np.zeros(3))
    real_early = sum(REAL[s][0] for s in (Stage.APPLIED, Stage.RECRUITER))
    groups = [
        (EARLY, early, real_early),
        (str(Stage.TECHNICAL), counts[Stage.TECHNICAL], REAL[Stage.TECHNICAL][0]),
        (str(Stage.ONSITE), counts[Stage.ONSITE], REAL_ONSITE[0]),
    ]
    rows = []
    for name, (policy, decision, risk), real in groups:
        left = max(0.0, real - policy - decision)
        rate = f"{left / risk:.3f}" if risk else "-"
        rows.append((name, policy, decision, risk, real, rate))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20_000)
    args = parser.parse_args()
    print(f"machine: {machine()}; 43 fresh applications; {args.runs} runs, seed 2026")
    header = ("stage", "real", "policy", "decision", "left", "can act on", "rate", "prior")
    for decide in (False, True):
        rows = [
            (name, real, f"{p:.1f}", f"{d:.1f}", f"{max(0.0, real - p - d):.1f}", f"{r:.1f}", x, y)
            for (name, p, d, r, real, x), y in zip(
                rates(tallies(runs=args.runs, decide=decide)),
                PRIOR if decide else ("", "", ""),
                strict=True,
            )
        ]
        title = "With the decision" if decide else "Without the decision (baseline)"
        print(table(title, header, rows))


if __name__ == "__main__":
    main()
