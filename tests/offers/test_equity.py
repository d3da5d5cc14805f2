"""Option value on hand-computed scenarios: dilution, preferences, discounting, Monte Carlo."""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from tests.offers.builders import THREE_EXITS, assumptions, exits, options, price, usd
from widenet.errors import InvalidInput
from widenet.offers.equity import (
    assumptions_for,
    chance_worthless,
    expected_value,
    post_money,
    simulate,
    value_options,
)
from widenet.offers.scenarios import STAGE_DEFAULTS, EquityAssumptions
from widenet.track.model import ValuationBand


def test_the_worked_example_is_worth_120000() -> None:
    # $100M / 10M shares = $10 a share: (10 - 2) x 10,000 = $80,000, with p 0.3;
    # $500M / 10M = $50 a share: (50 - 2) x 10,000 = $480,000, with p 0.2.
    # 0.3 x 80,000 + 0.2 x 480,000 = 120,000.
    grant = options()
    assert expected_value(grant, assumptions()) == usd(120_000)
    assert chance_worthless(grant, assumptions()) == 0.5
    assert grant.paper_value == usd(30_000)  # (5 - 2) x 10,000
    assert grant.exercise_cost == usd(20_000)


def test_ownership_instead_of_a_share_count_gives_the_same_value() -> None:
    grant = options(fully_diluted_shares=None, ownership_percent=Decimal("0.1"))
    assert expected_value(grant, assumptions()) == usd(120_000)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Two later rounds of 20%: 10M / 0.8^2 = 15.625M shares at the exit.
        # $100M -> $6.40 a share: 4.40 x 10,000 = 44,000; $500M -> $32: 300,000.
        # 0.3 x 44,000 + 0.2 x 300,000 = 73,200.
        ({"future_rounds": 2, "dilution_percent": Decimal(20)}, 73_200),
        # $50M of non-participating preference, preferred owns 40%.
        # $100M: converting would give preferred $40M < $50M, so it takes $50M; common
        # (6M shares) shares $50M: $8.333 a share, 6.333 x 10,000 = 63,333.33.
        # $500M: preferred converts (40% = $200M > $50M): $50 a share, 480,000.
        # 0.3 x 63,333.33 + 0.2 x 480,000 = 19,000 + 96,000 = 115,000.
        ({"preference": usd(50_000_000), "preferred_percent": Decimal(40)}, 115_000),
        # Participating: $50M off the top, the rest shared by all 10M shares.
        # $100M -> $5: 30,000; $500M -> $45: 430,000. 0.3 x 30,000 + 0.2 x 430,000 = 95,000.
        ({"preference": usd(50_000_000), "participating": True}, 95_000),
        # Two years at 10% a year: 120,000 / 1.21 = 99,173.553...
        (
            {
                "discount_rate_percent": Decimal(10),
                "scenarios": exits(
                    ("0.5", 0), ("0.3", 100_000_000), ("0.2", 500_000_000), years="2"
                ),
            },
            "99173.55",
        ),
    ],
)
def test_dilution_preference_and_time_on_hand_built_cases(
    changes: dict[str, object], expected: int | str
) -> None:
    assert expected_value(options(), assumptions(**changes)) == usd(expected)


def test_below_the_preference_stack_common_gets_nothing() -> None:
    # $55M exit with a $50M stack and 40% preferred: common shares $5M over 6M shares,
    # $0.83 each, under the $2 strike. So 0.5 + 0.3 of the outcomes pay nothing.
    cases = exits(("0.5", 0), ("0.3", 55_000_000), ("0.2", 500_000_000))
    terms = assumptions(scenarios=cases, preference=usd(50_000_000), preferred_percent=Decimal(40))
    assert chance_worthless(options(), terms) == pytest.approx(0.8)
    assert expected_value(options(), terms) == usd(96_000)


def test_options_under_water_are_worth_nothing_on_paper() -> None:
    grant = options(strike=price(6))
    assert grant.paper_value == usd(0)


def test_with_a_spread_the_closed_form_matches_the_option_formula() -> None:
    # No preference: payoff = shares x max(V/D - K, 0), V lognormal with mean m: the
    # Black-Scholes form E = shares/D x (m N(d1) - K D N(d2)).
    sigma, mean, shares, diluted, strike = 0.8, 100e6, 10_000, 10e6, 2.0
    d1 = (math.log(mean / (strike * diluted)) + sigma**2 / 2) / sigma
    d2 = d1 - sigma

    def n(x: float) -> float:
        return 0.5 * (1 + math.erf(x / math.sqrt(2)))

    formula = shares / diluted * (mean * n(d1) - strike * diluted * n(d2))
    terms = assumptions(scenarios=exits(("1", 100_000_000)), spread=Decimal("0.8"))
    assert float(expected_value(options(), terms).major) == pytest.approx(formula, abs=0.01)
    assert chance_worthless(options(), terms) == pytest.approx(1 - n(d2))


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"spread": Decimal("0.7")},
        {
            "spread": Decimal("0.9"),
            "preference": usd(80_000_000),
            "preferred_percent": Decimal(45),
            "future_rounds": 2,
            "dilution_percent": Decimal(15),
            "discount_rate_percent": Decimal(10),
            "scenarios": exits(("0.5", 0), ("0.3", 100_000_000), ("0.2", 500_000_000), years="3"),
        },
        {"spread": Decimal("0.5"), "preference": usd(120_000_000), "participating": True},
    ],
)
def test_the_monte_carlo_mean_converges_to_the_closed_form(changes: dict[str, object]) -> None:
    terms = assumptions(**changes)
    payoffs = simulate(options(), terms, rng=np.random.default_rng(20261126), runs=400_000)
    closed = float(expected_value(options(), terms).minor)
    error = payoffs.std() / math.sqrt(len(payoffs))
    assert abs(payoffs.mean() - closed) < 4 * error
    assert np.mean(payoffs == 0) == pytest.approx(chance_worthless(options(), terms), abs=0.005)


def test_the_simulation_is_reproducible_from_a_seed() -> None:
    terms = assumptions(spread=Decimal("0.6"))
    first = value_options(options(), terms, rng=np.random.default_rng(7), runs=5000)
    again = value_options(options(), terms, rng=np.random.default_rng(7), runs=5000)
    assert first.percentiles == again.percentiles


def test_percentiles_of_the_discrete_case() -> None:
    value = value_options(options(), assumptions(), rng=np.random.default_rng(1), runs=20_000)
    assert value.percentiles[25] == usd(0)  # half the outcomes are $0
    assert value.percentiles[90] == usd(480_000)  # the top 20% are the $500M exit
    assert value.expected == usd(120_000)
    assert abs(value.mean.major - 120_000) < 3_000


def test_409a_spread() -> None:
    grant = options(fmv_409a=price("2.50"))
    value = value_options(grant, assumptions(), rng=np.random.default_rng(1), runs=100)
    assert value.spread_409a == usd(5_000)


def test_stage_defaults_scale_with_the_valuation() -> None:
    grant = options(assumptions=None)
    chosen = assumptions_for(grant, ValuationBand.SERIES_A_B)
    assert post_money(grant) == usd(50_000_000)  # $5 x 10M
    spec = STAGE_DEFAULTS[ValuationBand.SERIES_A_B]
    assert [s.exit_value for s in chosen.scenarios] == [
        usd(50_000_000).times(item.multiple) for item in spec.scenarios
    ]
    assert chosen.preference == usd(50_000_000).times(spec.preference_ratio)


@pytest.mark.parametrize(
    "stage",
    [
        ValuationBand.SEED,
        ValuationBand.SERIES_A_B,
        ValuationBand.GROWTH,
        ValuationBand.UNICORN,
        ValuationBand.DECACORN,
    ],
)
def test_private_defaults_value_options_below_paper(stage: ValuationBand) -> None:
    # A strike at a typical 409A of 30% of the preferred price.
    grant = options(strike=price("1.50"), assumptions=None)
    value = expected_value(grant, assumptions_for(grant, stage))
    assert usd(0) < value < grant.paper_value
    assert 0 < chance_worthless(grant, assumptions_for(grant, stage)) < 1


def test_public_stock_is_worth_its_paper_value() -> None:
    grant = options(assumptions=None)
    chosen = assumptions_for(grant, ValuationBand.PUBLIC)
    assert expected_value(grant, chosen) == grant.paper_value
    assert chance_worthless(grant, chosen) == 0


def test_options_without_a_stage_or_assumptions_are_refused() -> None:
    with pytest.raises(InvalidInput, match="stage") as caught:
        assumptions_for(options(assumptions=None), None)
    assert caught.value.field == "stage"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scenarios": exits(("0.5", 0), ("0.3", 100))}, "scenarios"),  # sums to 0.8
        ({"scenarios": exits(("1.2", 0), ("-0.2", 100))}, "scenarios[0].probability"),
        ({"scenarios": ()}, "scenarios"),
        ({"dilution_percent": Decimal(100)}, "dilution_percent"),
        ({"preferred_percent": Decimal(-1)}, "preferred_percent"),
        ({"preference": usd(-5)}, "preference"),
        ({"future_rounds": -1}, "future_rounds"),
    ],
)
def test_bad_assumptions_are_refused(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        replace(EquityAssumptions(THREE_EXITS), **changes)
    assert field in [problem.field for problem in caught.value.problems]


def test_exit_values_in_another_currency_are_refused() -> None:
    from widenet.offers.money import Money
    from widenet.offers.scenarios import ExitScenario

    euro = EquityAssumptions((ExitScenario(Decimal(1), Money.of(1, "EUR")),))
    with pytest.raises(InvalidInput, match="USD"):
        expected_value(options(), euro)


def test_stage_defaults_can_be_edited() -> None:
    from widenet.offers.scenarios import ScenarioDefault

    mine = replace(
        STAGE_DEFAULTS[ValuationBand.SEED],
        scenarios=(ScenarioDefault(Decimal(1), Decimal(2), Decimal(0), "double"),),
        future_rounds=0,
        preference_ratio=Decimal(0),
        spread=Decimal(0),
    )
    grant = options(assumptions=None)
    chosen = assumptions_for(grant, ValuationBand.SEED, defaults={ValuationBand.SEED: mine})
    # $100M exit (2 x $50M), $10 a share, 8 x 10,000, no discounting at year 0.
    assert expected_value(grant, chosen) == usd(80_000)
