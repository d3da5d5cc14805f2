"""What stock options are worth: the paper value beside a risk-adjusted value from exit scenarios.

For each exit scenario the options pay ``shares × max(0, common price − strike)``, where the
common price comes from the exit value after later rounds have diluted everyone and the
preferred holders have taken their liquidation preference; the payoff is discounted for the
years until the exit. The expected value is computed in closed form (exactly when exit values
have no spread; with a spread, each scenario's exit value is lognormal with the scenario's
value as its mean, and the closed form uses lognormal partial expectations); the percentiles come
from a Monte Carlo run with the caller's random generator.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Final

import numpy as np
from numpy.typing import NDArray

from widenet.errors import InvalidInput
from widenet.offers.model import StockOptions
from widenet.offers.money import Money, round_half_up
from widenet.offers.scenarios import (
    STAGE_DEFAULTS,
    EquityAssumptions,
    ExitScenario,
    StageDefaults,
    from_stage,
)
from widenet.track.model import ValuationBand

DEFAULT_RUNS: Final = 20_000
PERCENTILES: Final = (10, 25, 50, 75, 90)


@dataclass(frozen=True)
class EquityValue:
    """Options valued two ways; amounts are for the whole grant, discounted to today."""

    paper: Money  # (preferred − strike) × shares
    expected: Money  # risk-adjusted mean, closed form
    mean: Money  # the Monte Carlo mean (close to ``expected``)
    p_zero: float  # the chance the options end up worth nothing
    percentiles: Mapping[int, Money]  # 10th, 25th, 50th, 75th, 90th
    exercise_cost: Money  # strike × shares
    spread_409a: Money | None  # (409A − strike) × shares: the company's own appraisal
    runs: int
    assumptions: EquityAssumptions


@dataclass(frozen=True)
class _Terms:
    """The cap table at the exit, in minor units and shares."""

    shares: int
    strike: Fraction
    diluted: Fraction
    preference: Fraction
    preferred: Fraction  # share of the company held by preferred
    participating: bool

    @property
    def converts_freely(self) -> bool:
        return self.participating or self.preferred == 0

    def price(self, exit_value: Fraction) -> Fraction:
        """The common price per share for an exit value."""
        left = max(exit_value - self.preference, Fraction(0))
        if self.converts_freely:
            return left / self.diluted
        # Non-participating preferred takes the larger of its preference and its pro-rata share.
        if self.preferred * exit_value >= self.preference:
            return exit_value / self.diluted
        return left / (self.diluted * (1 - self.preferred))

    def payoff(self, exit_value: Fraction) -> Fraction:
        return self.shares * max(self.price(exit_value) - self.strike, Fraction(0))

    def threshold(self) -> Fraction:
        """The exit value at and below which the options pay nothing."""
        if self.converts_freely:
            return self.preference + self.strike * self.diluted
        below = self.preference + self.strike * self.diluted * (1 - self.preferred)
        return below if self.preferred * below < self.preference else self.strike * self.diluted

    def kinks(self) -> list[Fraction]:
        points = {self.preference, self.threshold()}
        if not self.converts_freely and self.preferred > 0:
            points.add(self.preference / self.preferred)
        return sorted(point for point in points if point > 0)

    def prices(self, exit_values: NDArray[np.float64]) -> NDArray[np.float64]:
        """``price`` for many exit values at once (floats, for the Monte Carlo)."""
        preference, diluted, preferred = map(float, (self.preference, self.diluted, self.preferred))
        left = np.maximum(exit_values - preference, 0.0)
        if self.converts_freely:
            return left / diluted
        converted = preferred * exit_values >= preference
        return np.where(converted, exit_values / diluted, left / (diluted * (1 - preferred)))


def post_money(options: StockOptions) -> Money:
    """Preferred price × fully diluted shares: what the last round said the company is worth."""
    exact = options.preferred_price.minor_exact * Fraction(options.diluted_shares)
    return Money.rounded(exact, options.preferred_price.currency)


def assumptions_for(
    options: StockOptions,
    stage: ValuationBand | None,
    *,
    defaults: Mapping[ValuationBand, StageDefaults] = STAGE_DEFAULTS,
) -> EquityAssumptions:
    """The offer's own assumptions, else the (editable) defaults for the company's stage."""
    if options.assumptions is not None:
        return options.assumptions
    if stage is None:
        raise InvalidInput(
            "options need the company's stage (seed, series_a_b, growth, unicorn, decacorn, "
            "public) to pick default exit scenarios, or assumptions of their own.",
            field="stage",
        )
    return from_stage(post_money(options), stage, defaults=defaults[stage])


def _terms(options: StockOptions, assumptions: EquityAssumptions) -> _Terms:
    currency = options.strike.currency
    amounts = [scenario.exit_value for scenario in assumptions.scenarios]
    if assumptions.preference is not None:
        amounts.append(assumptions.preference)
    if any(amount.currency != currency for amount in amounts):
        raise InvalidInput(
            f"exit values must be in {currency}, as the strike is.", field="assumptions"
        )
    kept = (1 - Fraction(assumptions.dilution_percent) / 100) ** assumptions.future_rounds
    preference = assumptions.preference.minor if assumptions.preference is not None else 0
    return _Terms(
        shares=options.shares,
        strike=options.strike.minor_exact,
        diluted=Fraction(options.diluted_shares) / kept,
        preference=Fraction(preference),
        preferred=Fraction(assumptions.preferred_percent) / 100,
        participating=assumptions.participating,
    )


def discount(rate_percent: Decimal, years: Decimal) -> Fraction:
    """Today's worth of one unit received ``years`` from now; exact for whole years."""
    growth = 1 + Fraction(rate_percent) / 100
    if Fraction(years).denominator == 1:
        return 1 / growth ** int(years)
    return Fraction(float(growth) ** -float(years))


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _lognormal_mean(terms: _Terms, mean: Fraction, sigma: float) -> float:
    """E[payoff(V)] for V lognormal with the given mean: the payoff is piecewise linear in V."""
    mu = math.log(mean) - sigma**2 / 2

    def z(x: Fraction | None) -> float:
        if x is None:
            return math.inf
        return -math.inf if x == 0 else (math.log(x) - mu) / sigma

    edges: list[Fraction | None] = [Fraction(0), *terms.kinks(), None]
    total = 0.0
    for low, high in pairwise(edges):
        assert low is not None
        end = high if high is not None else 2 * low + 1  # linear beyond the last kink
        slope = (terms.payoff(end) - terms.payoff(low)) / (end - low)
        intercept = terms.payoff(low) - slope * low
        chance = _phi(z(high)) - _phi(z(low))
        partial = math.exp(mu + sigma**2 / 2) * (_phi(z(high) - sigma) - _phi(z(low) - sigma))
        total += float(slope) * partial + float(intercept) * chance
    return total


def _scenario_mean(
    terms: _Terms, scenario: ExitScenario, assumptions: EquityAssumptions
) -> Fraction:
    mean = Fraction(scenario.exit_value.minor)
    factor = discount(assumptions.discount_rate_percent, scenario.years)
    if assumptions.spread == 0 or mean == 0:
        return terms.payoff(mean) * factor
    return Fraction(_lognormal_mean(terms, mean, float(assumptions.spread))) * factor


def expected_value(options: StockOptions, assumptions: EquityAssumptions) -> Money:
    """Σ probability × discounted payoff over the exit scenarios (closed form)."""
    terms = _terms(options, assumptions)
    exact = sum(
        (
            Fraction(s.probability) * _scenario_mean(terms, s, assumptions)
            for s in assumptions.scenarios
        ),
        Fraction(0),
    )
    return Money.rounded(exact, options.strike.currency)


def chance_worthless(options: StockOptions, assumptions: EquityAssumptions) -> float:
    """The probability that the options pay nothing at the exit."""
    terms = _terms(options, assumptions)
    limit = terms.threshold()
    chance = Fraction(0)
    for scenario in assumptions.scenarios:
        mean = Fraction(scenario.exit_value.minor)
        if assumptions.spread == 0 or mean == 0:
            below = Fraction(1 if mean <= limit else 0)
        elif limit == 0:
            below = Fraction(0)
        else:
            spread = float(assumptions.spread)
            mu = math.log(mean) - spread**2 / 2
            below = Fraction(_phi((math.log(limit) - mu) / spread))
        chance += Fraction(scenario.probability) * below
    return float(chance)


def simulate(
    options: StockOptions, assumptions: EquityAssumptions, *, rng: np.random.Generator, runs: int
) -> NDArray[np.float64]:
    """Discounted payoffs of ``runs`` simulated exits, in minor units."""
    if runs < 1:
        raise InvalidInput("runs must be at least 1.", field="runs")
    terms = _terms(options, assumptions)
    weights = np.array([float(s.probability) for s in assumptions.scenarios])
    picks = rng.choice(len(weights), size=runs, p=weights / weights.sum())
    means = np.array([float(s.exit_value.minor) for s in assumptions.scenarios])[picks]
    factors = np.array(
        [float(discount(assumptions.discount_rate_percent, s.years)) for s in assumptions.scenarios]
    )[picks]
    values = means
    if assumptions.spread:
        sigma = float(assumptions.spread)
        values = means * np.exp(sigma * rng.standard_normal(runs) - sigma**2 / 2)
    gains = np.maximum(terms.prices(values) - float(terms.strike), 0.0)
    result: NDArray[np.float64] = terms.shares * gains * factors
    return result


def value_options(
    options: StockOptions,
    assumptions: EquityAssumptions,
    *,
    rng: np.random.Generator,
    runs: int = DEFAULT_RUNS,
) -> EquityValue:
    """Paper value, closed-form expected value, chance of nothing and simulated percentiles."""
    currency = options.strike.currency
    payoffs = simulate(options, assumptions, rng=rng, runs=runs)
    cuts = np.percentile(payoffs, PERCENTILES)

    def money(value: float) -> Money:
        return Money(round_half_up(Fraction(float(value))), currency)

    spread_409a = None
    if options.fmv_409a is not None:
        gap = max(options.fmv_409a.minor_exact - options.strike.minor_exact, Fraction(0))
        spread_409a = Money.rounded(gap * options.shares, currency)
    return EquityValue(
        paper=options.paper_value,
        expected=expected_value(options, assumptions),
        mean=money(float(payoffs.mean())),
        p_zero=chance_worthless(options, assumptions),
        percentiles={pct: money(cut) for pct, cut in zip(PERCENTILES, cuts, strict=True)},
        exercise_cost=options.exercise_cost,
        spread_409a=spread_409a,
        runs=runs,
        assumptions=assumptions,
    )
