"""Option valuation: vectorised Monte Carlo against a plain-Python loop, and its error against
the closed form, for the growth-stage example offer with the stage's default assumptions.

Run: python benchmarks/offers_equity.py
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from widenet.offers.equity import (  # noqa: E402
    _terms,
    assumptions_for,
    expected_value,
    simulate,
)
from widenet.offers.fileformat import read_offer_file  # noqa: E402
from widenet.offers.model import StockOptions  # noqa: E402
from widenet.offers.scenarios import EquityAssumptions  # noqa: E402
from widenet.offers.value import value_offer  # noqa: E402

EXAMPLES = ROOT / "docs" / "examples"


def loop_baseline(
    options: StockOptions, assumptions: EquityAssumptions, runs: int, seed: int
) -> list[float]:
    """The same model one draw at a time in plain Python: the baseline to beat."""
    terms = _terms(options, assumptions)
    draw = random.Random(seed)
    weights = [float(s.probability) for s in assumptions.scenarios]
    sigma = float(assumptions.spread)
    preference, diluted = float(terms.preference), float(terms.diluted)
    preferred, strike = float(terms.preferred), float(terms.strike)
    rate = 1 + float(assumptions.discount_rate_percent) / 100
    payoffs = []
    for _ in range(runs):
        scenario = draw.choices(assumptions.scenarios, weights)[0]
        value = float(scenario.exit_value.minor)
        if sigma:
            value *= math.exp(sigma * draw.gauss(0.0, 1.0) - sigma**2 / 2)
        left = max(value - preference, 0.0)
        if terms.converts_freely:
            price = left / diluted
        elif preferred * value >= preference:
            price = value / diluted
        else:
            price = left / (diluted * (1 - preferred))
        gain = max(price - strike, 0.0) * terms.shares
        payoffs.append(gain / rate ** float(scenario.years))
    return payoffs


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    offer = read_offer_file(EXAMPLES / "offer-growth-startup.json")
    assert offer.options is not None
    options = offer.options
    assumptions = assumptions_for(options, offer.stage)
    closed = float(expected_value(options, assumptions).minor)
    closed_time = timed(lambda: expected_value(options, assumptions))
    print(f"closed form: {closed / 100:,.2f} USD in {closed_time * 1e3:.2f} ms")
    print()
    print(f"{'runs':>9} {'numpy ms':>10} {'loop ms':>10} {'speed-up':>9} {'|error| %':>10}")
    for runs in (1_000, 10_000, 100_000, 1_000_000):
        rng = np.random.default_rng(20261126)
        payoffs = simulate(options, assumptions, rng=rng, runs=runs)
        error = abs(payoffs.mean() - closed) / closed * 100
        fast = timed(
            lambda r=runs: simulate(options, assumptions, rng=np.random.default_rng(1), runs=r)
        )
        slow = timed(lambda r=runs: loop_baseline(options, assumptions, r, 1), repeat=1)
        times = f"{fast * 1e3:>10.1f} {slow * 1e3:>10.1f} {slow / fast:>8.0f}x"
        print(f"{runs:>9,} {times} {error:>10.2f}")
    print()
    print(f"{'offer':<28} {'value_offer ms (20,000 runs)':>30}")
    for path in sorted(EXAMPLES.glob("offer-*.json")):
        item = read_offer_file(path)
        spent = timed(lambda o=item: value_offer(o, rng=np.random.default_rng(1)))
        print(f"{path.name:<28} {spent * 1e3:>30.1f}")


if __name__ == "__main__":
    main()
