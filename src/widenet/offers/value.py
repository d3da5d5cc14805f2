"""An offer's worth in each year of the job (1-4) and over four years, on paper and risk-adjusted.

Every stream (base, bonus, sign-on, RSUs, options, ...) is computed exactly and spread over
the years by rounding its running total once per year, half away from zero; so each stream's
years add up to its rounded total, and each year's figures add up to the year's total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Final

import numpy as np

from widenet.offers.equity import DEFAULT_RUNS, EquityValue, assumptions_for, value_options
from widenet.offers.model import Offer, RsuGrant
from widenet.offers.money import Money, format_money, round_half_up
from widenet.offers.scenarios import STAGE_DEFAULTS, EquityAssumptions, StageDefaults
from widenet.offers.vesting import add_months, percent_by_year
from widenet.track.model import ValuationBand

YEARS: Final = 4
CASH_STREAMS: Final = ("base", "bonus", "sign_on", "relocation", "retirement", "benefits")
EQUITY_STREAMS: Final = ("rsu", "options")

Stream = tuple[Fraction, ...]  # exact minor units in each year 1..YEARS


@dataclass(frozen=True)
class YearValue:
    """One year of the job: cash, equity (risk-adjusted and on paper), and the parts."""

    year: int
    cash: Money
    equity: Money  # RSUs at the stated price + options at their risk-adjusted value
    equity_paper: Money  # RSUs + options at (preferred − strike)
    parts: Mapping[
        str, Money
    ]  # base, bonus, sign_on, relocation, retirement, benefits, rsu, options

    @property
    def total(self) -> Money:
        return self.cash + self.equity

    @property
    def total_paper(self) -> Money:
        return self.cash + self.equity_paper


@dataclass(frozen=True)
class OfferValuation:
    """An offer valued: the year table, four-year totals, the options' value, and notes."""

    offer: Offer
    years: tuple[YearValue, ...]
    equity: EquityValue | None
    notes: tuple[str, ...]

    @property
    def total_4y(self) -> Money:
        return sum((year.total for year in self.years), Money.zero(self.offer.currency))

    @property
    def total_4y_paper(self) -> Money:
        return sum((year.total_paper for year in self.years), Money.zero(self.offer.currency))


@dataclass(frozen=True)
class AnnualFigures:
    """Yearly figures as market data report them: equity at grant value, averaged over 4 years."""

    base: Money
    bonus: Money
    equity: Money
    sign_on: Money  # all sign-on payments together

    @property
    def total(self) -> Money:
        """Base + bonus + equity per year (sign-on left out, as surveys do)."""
        return self.base + self.bonus + self.equity


def _spread(stream: Stream, currency: str) -> tuple[Money, ...]:
    """Whole minor units per year whose running totals are the exact running totals, rounded."""
    cells, before, running = [], 0, Fraction(0)
    for amount in stream:
        running += amount
        now = round_half_up(running)
        cells.append(Money(now - before, currency))
        before = now
    return tuple(cells)


def _every_year(amount: Fraction) -> Stream:
    return (amount,) * YEARS


def _bonus(offer: Offer) -> Fraction:
    if offer.bonus is None:
        return Fraction(0)
    target = Fraction(offer.bonus.target_percent) / 100
    return offer.base.minor * target * Fraction(offer.bonus.payout_factor)


def _retirement(offer: Offer) -> Fraction:
    match = offer.retirement
    if match is None:
        return Fraction(0)
    amount = offer.base.minor * Fraction(match.percent_of_base) / 100
    return min(amount, Fraction(match.annual_cap.minor)) if match.annual_cap is not None else amount


def _sign_on(offer: Offer) -> Stream:
    years = [Fraction(0)] * YEARS
    for payment in offer.sign_on:
        if payment.year <= YEARS:
            years[payment.year - 1] += payment.amount.minor
    return tuple(years)


def _one_off(amount: Money | None) -> Stream:
    first = Fraction(amount.minor) if amount is not None else Fraction(0)
    return (first,) + (Fraction(0),) * (YEARS - 1)


def _rsu(grant: RsuGrant | None, start: date) -> Stream:
    if grant is None:
        return _every_year(Fraction(0))
    vest_start = grant.vesting_start or start
    shares = percent_by_year(grant.vesting, vesting_start=vest_start, start=start, years=YEARS)
    value = Fraction(grant.value.minor)
    years = [value * share / 100 for share in shares]
    refresher = grant.refresher
    if refresher is not None:
        month = refresher.first_grant_month
        while add_months(start, month) < add_months(start, 12 * YEARS):
            more = percent_by_year(
                refresher.vesting, vesting_start=add_months(start, month), start=start, years=YEARS
            )
            years = [
                y + refresher.annual_value.minor * s / 100 for y, s in zip(years, more, strict=True)
            ]
            month += refresher.every_months
    return tuple(years)


def _options(offer: Offer, whole: Money | None) -> Stream:
    if offer.options is None or whole is None:
        return _every_year(Fraction(0))
    options = offer.options
    shares = percent_by_year(
        options.vesting,
        vesting_start=options.vesting_start or offer.start_date,
        start=offer.start_date,
    )
    return tuple(whole.minor * share / 100 for share in shares)


def _streams(offer: Offer, options_value: Money | None) -> dict[str, Stream]:
    benefits = sum((Fraction(b.annual_value.minor) for b in offer.benefits), Fraction(0))
    return {
        "base": _every_year(Fraction(offer.base.minor)),
        "bonus": _every_year(_bonus(offer)),
        "sign_on": _sign_on(offer),
        "relocation": _one_off(offer.relocation),
        "retirement": _every_year(_retirement(offer)),
        "benefits": _every_year(benefits),
        "rsu": _rsu(offer.rsu, offer.start_date),
        "options": _options(offer, options_value),
    }


def year_table(
    offer: Offer, *, options_value: Money | None = None, options_paper: Money | None = None
) -> tuple[YearValue, ...]:
    """Years 1-4: cash, equity at ``options_value`` for the options, and equity on paper."""
    currency = offer.currency
    paper = options_paper if options_paper is not None else _paper(offer)
    cells = {
        name: _spread(stream, currency) for name, stream in _streams(offer, options_value).items()
    }
    paper_cells = _spread(_options(offer, paper), currency)
    rows = []
    for index in range(YEARS):
        parts = {name: cells[name][index] for name in cells}
        cash = sum((parts[name] for name in CASH_STREAMS), Money.zero(currency))
        equity = parts["rsu"] + parts["options"]
        rows.append(YearValue(index + 1, cash, equity, parts["rsu"] + paper_cells[index], parts))
    return tuple(rows)


def _paper(offer: Offer) -> Money | None:
    return offer.options.paper_value if offer.options is not None else None


def value_offer(
    offer: Offer,
    *,
    rng: np.random.Generator,
    runs: int = DEFAULT_RUNS,
    assumptions: EquityAssumptions | None = None,
    defaults: Mapping[ValuationBand, StageDefaults] = STAGE_DEFAULTS,
) -> OfferValuation:
    """The whole valuation of one offer.

    Options are valued with ``assumptions`` if given, else the offer's own, else ``defaults``
    for the company's stage.
    """
    equity = None
    if offer.options is not None:
        chosen = assumptions or assumptions_for(offer.options, offer.stage, defaults=defaults)
        equity = value_options(offer.options, chosen, rng=rng, runs=runs)
    years = year_table(
        offer,
        options_value=equity.expected if equity else None,
        options_paper=equity.paper if equity else None,
    )
    return OfferValuation(offer, years, equity, _notes(offer, equity))


def annual_figures(offer: Offer) -> AnnualFigures:
    """Base, expected bonus, equity per year at grant value (initial grants only), sign-on."""
    currency = offer.currency
    grant = offer.rsu
    initial = (
        RsuGrant(grant.vesting, grant_value=grant.value, vesting_start=grant.vesting_start)
        if grant is not None
        else None
    )
    four_years = sum(_rsu(initial, offer.start_date), Fraction(0)) + sum(
        _options(offer, _paper(offer)), Fraction(0)
    )
    sign_on = sum((payment.amount.minor for payment in offer.sign_on), 0)
    return AnnualFigures(
        base=offer.base,
        bonus=Money.rounded(_bonus(offer), currency),
        equity=Money.rounded(four_years / YEARS, currency),
        sign_on=Money(sign_on, currency),
    )


def _notes(offer: Offer, equity: EquityValue | None) -> tuple[str, ...]:
    notes = [
        f"Sign-on of {format_money(p.amount)} in year {p.year} is repaid if you leave within "
        f"{p.clawback_months} months."
        for p in offer.sign_on
        if p.clawback_months
    ]
    if offer.bonus is not None:
        notes.append(
            f"Bonus counted at {offer.bonus.target_percent}% of base × a payout factor of "
            f"{offer.bonus.payout_factor}."
        )
    if offer.rsu is not None and offer.stage not in (None, ValuationBand.PUBLIC):
        notes.append(
            "RSUs of a private company are valued at the stated price; to risk-adjust them, "
            "enter them as options with a strike of 0."
        )
    if offer.options is not None and equity is not None:
        notes += _option_notes(offer, equity)
    return tuple(notes)


def _option_notes(offer: Offer, equity: EquityValue) -> list[str]:
    options = offer.options
    assert options is not None
    notes = [
        f"Options on paper {format_money(equity.paper)}; "
        f"risk-adjusted {format_money(equity.expected)} "
        f"with a {equity.p_zero:.0%} chance they end up worth nothing.",
        f"Exercising every option costs {format_money(equity.exercise_cost)} "
        f"({options.kind.value.upper()}); if you leave, you have {options.exercise_window_days} "
        "days to do it.",
    ]
    outside = 100 - sum(
        percent_by_year(
            options.vesting,
            vesting_start=options.vesting_start or offer.start_date,
            start=offer.start_date,
        )
    )
    if outside > 0:
        notes.append(
            f"{float(outside):.4g}% of the options vest after year {YEARS}; not in the table."
        )
    return notes
