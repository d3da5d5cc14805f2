"""Exit scenarios for private-company equity, and the defaults widenet assumes by company stage.

Every default is a starting point (sources and reasoning in docs/offers.md); an offer file or
a caller replaces any of them. Exit values in the defaults are multiples of the company's
latest post-money valuation (preferred price × fully diluted shares), so they scale with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from widenet.errors import InvalidInput, Problem
from widenet.offers.money import Money
from widenet.track.model import ValuationBand


@dataclass(frozen=True)
class ExitScenario:
    """With ``probability``, the company is sold or listed for ``exit_value`` in ``years``."""

    probability: Decimal
    exit_value: Money
    years: Decimal = Decimal(0)
    label: str = ""


@dataclass(frozen=True)
class EquityAssumptions:
    """What the risk-adjusted value of options rests on; all of it editable."""

    scenarios: tuple[ExitScenario, ...]
    future_rounds: int = 0
    dilution_percent: Decimal = Decimal(
        0
    )  # each future round's new shares, % of the company after it
    preference: Money | None = None  # liquidation preferences ahead of common at the exit
    preferred_percent: Decimal = Decimal(0)  # share of the company that preferred holds at the exit
    participating: bool = False  # preferred takes its preference and then shares pro rata
    discount_rate_percent: Decimal = Decimal(0)  # per year, for waiting until the exit
    spread: Decimal = Decimal(0)  # σ of log(exit value) around each scenario's mean; 0 = exact

    def __post_init__(self) -> None:
        problems = self._scenario_problems()
        if self.future_rounds < 0:
            problems.append(Problem("cannot be negative.", field="future_rounds"))
        ranges = {
            "dilution_percent": (self.dilution_percent, Decimal(0), Decimal(100)),
            "preferred_percent": (self.preferred_percent, Decimal(0), Decimal(100)),
            "discount_rate_percent": (self.discount_rate_percent, Decimal(0), Decimal(1000)),
            "spread": (self.spread, Decimal(0), Decimal(5)),
        }
        for name, (value, low, high) in ranges.items():
            if not low <= value < high:
                problems.append(Problem(f"{value} is outside {low} to below {high}.", field=name))
        if self.preference is not None and self.preference.minor < 0:
            problems.append(Problem("cannot be negative.", field="preference"))
        if problems:
            raise InvalidInput(problems[0].describe(), field=problems[0].field, problems=problems)

    def _scenario_problems(self) -> list[Problem]:
        if not self.scenarios:
            return [Problem("give at least one exit scenario.", field="scenarios")]
        problems = []
        for index, scenario in enumerate(self.scenarios):
            where = f"scenarios[{index}]"
            if not 0 <= scenario.probability <= 1:
                problems.append(Problem("probability must be 0-1.", field=f"{where}.probability"))
            if scenario.exit_value.minor < 0:
                problems.append(Problem("cannot be negative.", field=f"{where}.exit_value"))
            if scenario.years < 0:
                problems.append(Problem("cannot be negative.", field=f"{where}.years"))
        currencies = {scenario.exit_value.currency for scenario in self.scenarios}
        if len(currencies) > 1:
            problems.append(Problem("scenarios mix currencies.", field="scenarios"))
        share = sum(Fraction(scenario.probability) for scenario in self.scenarios)
        if share != 1:
            problems.append(
                Problem(f"probabilities sum to {float(share):g}, not 1.", field="scenarios")
            )
        return problems


@dataclass(frozen=True)
class ScenarioDefault:
    probability: Decimal
    multiple: Decimal  # exit value ÷ today's post-money valuation
    years: Decimal
    label: str


@dataclass(frozen=True)
class StageDefaults:
    """Default assumptions for one stage; money figures scale with the post-money valuation."""

    scenarios: tuple[ScenarioDefault, ...]
    future_rounds: int
    dilution_percent: Decimal
    preference_ratio: Decimal  # preference stack at the exit ÷ today's post-money valuation
    preferred_percent: Decimal
    discount_rate_percent: Decimal = Decimal(10)
    spread: Decimal = Decimal("0.5")


def _s(probability: str, multiple: str, years: str, label: str) -> ScenarioDefault:
    return ScenarioDefault(Decimal(probability), Decimal(multiple), Decimal(years), label)


# Reasoning and sources for each row: docs/offers.md, "Defaults by stage".
STAGE_DEFAULTS: Final = MappingProxyType(
    {
        ValuationBand.SEED: StageDefaults(
            (
                _s("0.65", "0", "3", "fails or stalls"),
                _s("0.20", "1", "5", "small acquisition"),
                _s("0.11", "4", "7", "good exit"),
                _s("0.04", "15", "8", "breakout"),
            ),
            future_rounds=3,
            dilution_percent=Decimal(20),
            preference_ratio=Decimal(2),
            preferred_percent=Decimal(60),
        ),
        ValuationBand.SERIES_A_B: StageDefaults(
            (
                _s("0.55", "0", "3", "fails or stalls"),
                _s("0.25", "1", "4", "small acquisition"),
                _s("0.15", "3", "6", "good exit"),
                _s("0.05", "10", "7", "breakout"),
            ),
            future_rounds=2,
            dilution_percent=Decimal(17),
            preference_ratio=Decimal(1),
            preferred_percent=Decimal(55),
        ),
        ValuationBand.GROWTH: StageDefaults(
            (
                _s("0.35", "0", "3", "fails or fire sale"),
                _s("0.35", "1", "4", "flat exit"),
                _s("0.25", "2", "5", "good exit"),
                _s("0.05", "5", "6", "breakout"),
            ),
            future_rounds=1,
            dilution_percent=Decimal(12),
            preference_ratio=Decimal("0.5"),
            preferred_percent=Decimal(50),
        ),
        ValuationBand.UNICORN: StageDefaults(
            (
                _s("0.20", "0", "3", "fails or fire sale"),
                _s("0.25", "0.5", "3", "down exit"),
                _s("0.35", "1", "4", "flat exit"),
                _s("0.15", "2", "4", "good exit"),
                _s("0.05", "4", "5", "breakout"),
            ),
            future_rounds=1,
            dilution_percent=Decimal(10),
            preference_ratio=Decimal("0.3"),
            preferred_percent=Decimal(50),
        ),
        ValuationBand.DECACORN: StageDefaults(
            (
                _s("0.10", "0", "3", "fails or fire sale"),
                _s("0.20", "0.5", "2", "down exit"),
                _s("0.45", "1", "3", "flat exit"),
                _s("0.20", "1.5", "3", "good exit"),
                _s("0.05", "3", "4", "breakout"),
            ),
            future_rounds=1,
            dilution_percent=Decimal(5),
            preference_ratio=Decimal("0.2"),
            preferred_percent=Decimal(45),
        ),
        # Listed stock: the price is the market's; no preference, no rounds, no waiting.
        ValuationBand.PUBLIC: StageDefaults(
            (_s("1", "1", "0", "today's price"),),
            future_rounds=0,
            dilution_percent=Decimal(0),
            preference_ratio=Decimal(0),
            preferred_percent=Decimal(0),
            discount_rate_percent=Decimal(0),
            spread=Decimal(0),
        ),
    }
)


def from_stage(
    post_money: Money,
    stage: ValuationBand,
    *,
    defaults: StageDefaults | None = None,
) -> EquityAssumptions:
    """Concrete assumptions for a company at ``stage`` worth ``post_money`` today."""
    spec = defaults if defaults is not None else STAGE_DEFAULTS[stage]
    scenarios = tuple(
        ExitScenario(item.probability, post_money.times(item.multiple), item.years, item.label)
        for item in spec.scenarios
    )
    return EquityAssumptions(
        scenarios=scenarios,
        future_rounds=spec.future_rounds,
        dilution_percent=spec.dilution_percent,
        preference=post_money.times(spec.preference_ratio),
        preferred_percent=spec.preferred_percent,
        discount_rate_percent=spec.discount_rate_percent,
        spread=spec.spread,
    )
