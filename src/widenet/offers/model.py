"""The offer as plain data: cash, RSUs, options, benefits and dates; bad offers are refused."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from widenet.errors import InvalidInput, Problem
from widenet.offers.money import Money, SharePrice
from widenet.offers.scenarios import EquityAssumptions
from widenet.offers.vesting import VestingSchedule, preset
from widenet.track.model import ValuationBand


def refuse(problems: Iterable[Problem], what: str) -> None:
    """Raise one InvalidInput naming every problem found, if any."""
    found = list(problems)
    if len(found) == 1:
        raise InvalidInput(found[0].describe(), field=found[0].field, problems=found)
    if found:
        listed = "; ".join(problem.describe() for problem in found)
        raise InvalidInput(f"{what} has {len(found)} problems: {listed}", problems=found)


def _negative(amount: Money | None, name: str) -> list[Problem]:
    if amount is not None and amount.minor < 0:
        return [Problem(f"{amount} is negative; amounts must be 0 or more.", field=name)]
    return []


def _currency(amount: Money | SharePrice | None, currency: str, name: str) -> list[Problem]:
    if amount is not None and amount.currency != currency:
        return [Problem(f"is in {amount.currency}, the offer is in {currency}.", field=name)]
    return []


@dataclass(frozen=True)
class SignOnPayment:
    """A sign-on bonus paid in ``year`` of the job; repaid on leaving within ``clawback_months``."""

    amount: Money
    year: int = 1
    clawback_months: int = 12

    def __post_init__(self) -> None:
        problems = _negative(self.amount, "amount")
        if not 1 <= self.year <= 10:
            problems.append(Problem(f"year {self.year} is not 1-10.", field="year"))
        if self.clawback_months < 0:
            problems.append(
                Problem("claw-back months cannot be negative.", field="clawback_months")
            )
        refuse(problems, "sign-on")


@dataclass(frozen=True)
class Bonus:
    """An annual bonus: a target percentage of base times the payout one expects (1 = target)."""

    target_percent: Decimal
    payout_factor: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        problems = []
        if not 0 <= self.target_percent <= 500:
            problems.append(
                Problem("target must be 0-500 percent of base.", field="target_percent")
            )
        if not 0 <= self.payout_factor <= 5:
            problems.append(
                Problem("payout factor must be 0-5 (1 = target).", field="payout_factor")
            )
        refuse(problems, "bonus")


@dataclass(frozen=True)
class Refresher:
    """An assumed yearly top-up grant of RSUs, each vesting on its own schedule."""

    annual_value: Money
    vesting: VestingSchedule = field(default_factory=lambda: preset("25/25/25/25", cliff_months=0))
    first_grant_month: int = 12
    every_months: int = 12

    def __post_init__(self) -> None:
        problems = _negative(self.annual_value, "annual_value")
        if self.first_grant_month < 0:
            problems.append(Problem("cannot be negative.", field="first_grant_month"))
        if self.every_months < 1:
            problems.append(Problem("must be at least 1.", field="every_months"))
        refuse(problems, "refresher")


@dataclass(frozen=True)
class RsuGrant:
    """Restricted stock units: a grant value, or a number of shares at a price."""

    vesting: VestingSchedule
    grant_value: Money | None = None
    shares: int | None = None
    share_price: SharePrice | None = None
    vesting_start: date | None = None  # defaults to the start date
    refresher: Refresher | None = None

    def __post_init__(self) -> None:
        problems = _negative(self.grant_value, "grant_value")
        by_shares = self.shares is not None or self.share_price is not None
        if (self.grant_value is None) == (not by_shares):
            problems.append(
                Problem("give either grant_value or shares with share_price.", field="grant_value")
            )
        elif by_shares and (self.shares is None or self.share_price is None):
            missing = "shares" if self.shares is None else "share_price"
            problems.append(Problem("is needed with the other.", field=missing))
        if self.shares is not None and self.shares <= 0:
            problems.append(Problem("must be above 0.", field="shares"))
        if self.share_price is not None and self.share_price.micros <= 0:
            problems.append(Problem("must be above 0.", field="share_price"))
        refuse(problems, "RSU grant")

    @property
    def value(self) -> Money:
        """The grant's value at the stated price."""
        if self.grant_value is not None:
            return self.grant_value
        assert self.share_price is not None
        assert self.shares is not None
        return self.share_price.times(self.shares)


class OptionKind(StrEnum):
    ISO = "iso"  # incentive stock options (US): tax-favoured, $100k/year limit
    NSO = "nso"  # non-qualified: the spread is taxed as income at exercise


@dataclass(frozen=True)
class StockOptions:
    """Options on a private (or public) company's common stock."""

    shares: int
    strike: SharePrice
    preferred_price: SharePrice  # latest preferred price (the stock price for a public company)
    vesting: VestingSchedule
    kind: OptionKind = OptionKind.ISO
    fmv_409a: SharePrice | None = None
    fully_diluted_shares: int | None = None
    ownership_percent: Decimal | None = None
    exercise_window_days: int = 90
    vesting_start: date | None = None
    assumptions: EquityAssumptions | None = None  # replaces the stage defaults when given

    def __post_init__(self) -> None:
        problems = []
        if self.shares <= 0:
            problems.append(Problem("must be above 0.", field="shares"))
        for name in ("strike", "fmv_409a"):
            price = getattr(self, name)
            if price is not None and price.micros < 0:
                problems.append(Problem("cannot be negative.", field=name))
        if self.preferred_price.micros <= 0:
            problems.append(Problem("must be above 0.", field="preferred_price"))
        problems += self._ownership_problems()
        if self.exercise_window_days < 0:
            problems.append(Problem("cannot be negative.", field="exercise_window_days"))
        refuse(problems, "options")

    def _ownership_problems(self) -> list[Problem]:
        if self.fully_diluted_shares is None and self.ownership_percent is None:
            return [
                Problem(
                    "give fully_diluted_shares or ownership_percent.", field="fully_diluted_shares"
                )
            ]
        if self.fully_diluted_shares is not None and self.fully_diluted_shares < self.shares:
            return [Problem("is smaller than the number of options.", field="fully_diluted_shares")]
        if self.ownership_percent is not None and not 0 < self.ownership_percent <= 100:
            return [Problem("must be above 0 and at most 100.", field="ownership_percent")]
        return []

    @property
    def diluted_shares(self) -> Decimal:
        """Fully diluted share count, given or implied by shares ÷ ownership."""
        if self.fully_diluted_shares is not None:
            return Decimal(self.fully_diluted_shares)
        assert self.ownership_percent is not None
        return Decimal(self.shares) * 100 / self.ownership_percent

    @property
    def paper_value(self) -> Money:
        """(preferred − strike) × shares: what the company will quote; it overstates."""
        spread = max(self.preferred_price.micros - self.strike.micros, 0)
        return SharePrice(spread, self.strike.currency).times(self.shares)

    @property
    def exercise_cost(self) -> Money:
        """Strike × shares: the cash needed to buy every option."""
        return self.strike.times(self.shares)


@dataclass(frozen=True)
class RetirementMatch:
    """An employer's 401(k) (or pension) match, as the percentage of base it adds each year."""

    percent_of_base: Decimal
    annual_cap: Money | None = None

    def __post_init__(self) -> None:
        problems = _negative(self.annual_cap, "annual_cap")
        if not 0 <= self.percent_of_base <= 100:
            problems.append(Problem("must be 0-100.", field="percent_of_base"))
        refuse(problems, "retirement match")


@dataclass(frozen=True)
class Benefit:
    """Any other benefit with a yearly cash value (learning budget, stipend, ...)."""

    name: str
    annual_value: Money

    def __post_init__(self) -> None:
        problems = _negative(self.annual_value, "annual_value")
        if not self.name.strip():
            problems.append(Problem("a benefit needs a name.", field="name"))
        refuse(problems, "benefit")


@dataclass(frozen=True)
class Offer:
    """One offer as the company made it (one revision of it)."""

    company: str
    base: Money
    offer_date: date
    start_date: date
    deadline: date | None = None
    role: str = ""
    level: str = ""
    location: str = ""
    stage: ValuationBand | None = None
    sign_on: tuple[SignOnPayment, ...] = ()
    bonus: Bonus | None = None
    relocation: Money | None = None
    rsu: RsuGrant | None = None
    options: StockOptions | None = None
    retirement: RetirementMatch | None = None
    benefits: tuple[Benefit, ...] = ()
    notes: str = ""

    def __post_init__(self) -> None:
        refuse(self._problems(), f"the offer from {self.company or 'an unnamed company'}")

    @property
    def currency(self) -> str:
        return self.base.currency

    def _problems(self) -> list[Problem]:
        problems = (
            [] if self.company.strip() else [Problem("an offer needs a company.", field="company")]
        )
        if self.base.minor <= 0:
            problems.append(Problem(f"{self.base} must be above 0.", field="base"))
        problems += _negative(self.relocation, "relocation")
        if self.deadline is not None and self.deadline < self.offer_date:
            problems.append(
                Problem(
                    f"{self.deadline} is before the offer date {self.offer_date}.", field="deadline"
                )
            )
        if self.start_date < self.offer_date:
            problems.append(
                Problem(
                    f"{self.start_date} is before the offer date {self.offer_date}.",
                    field="start_date",
                )
            )
        return problems + self._currency_problems()

    def _currency_problems(self) -> list[Problem]:
        amounts: list[tuple[str, Money | SharePrice | None]] = [("relocation", self.relocation)]
        amounts += [(f"sign_on[{i}].amount", pay.amount) for i, pay in enumerate(self.sign_on)]
        amounts += [
            (f"benefits[{i}].annual_value", b.annual_value) for i, b in enumerate(self.benefits)
        ]
        if self.rsu is not None:
            amounts += [
                ("rsu.grant_value", self.rsu.grant_value),
                ("rsu.share_price", self.rsu.share_price),
            ]
            if self.rsu.refresher is not None:
                amounts.append(("rsu.refresher.annual_value", self.rsu.refresher.annual_value))
        if self.options is not None:
            amounts += [
                ("options.strike", self.options.strike),
                ("options.preferred_price", self.options.preferred_price),
                ("options.fmv_409a", self.options.fmv_409a),
            ]
        if self.retirement is not None:
            amounts.append(("retirement.annual_cap", self.retirement.annual_cap))
        return [p for name, amount in amounts for p in _currency(amount, self.currency, name)]
