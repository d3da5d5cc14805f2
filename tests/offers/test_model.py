"""Bad offers are refused with a message that names the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from tests.offers.builders import offer, options, price, usd
from widenet.errors import InvalidInput
from widenet.offers.model import (
    Benefit,
    Bonus,
    RetirementMatch,
    RsuGrant,
    SignOnPayment,
    StockOptions,
)
from widenet.offers.money import Money
from widenet.offers.vesting import preset

FOUR_YEARS = preset("25/25/25/25")


@pytest.mark.parametrize(
    ("build", "field", "words"),
    [
        (lambda: offer(base=usd(-1)), "base", "above 0"),
        (lambda: offer(relocation=usd(-5000)), "relocation", "negative"),
        (lambda: offer(deadline=date(2026, 11, 1)), "deadline", "before the offer date"),
        (lambda: offer(start_date=date(2026, 11, 1)), "start_date", "before the offer date"),
        (lambda: offer(company="  "), "company", "needs a company"),
        (lambda: offer(relocation=Money.of(10, "EUR")), "relocation", "EUR"),
        (
            lambda: offer(sign_on=(SignOnPayment(Money.of(10, "EUR")),)),
            "sign_on[0].amount",
            "EUR",
        ),
        (lambda: SignOnPayment(usd(-10_000)), "amount", "negative"),
        (lambda: SignOnPayment(usd(10_000), year=0), "year", "1-10"),
        (lambda: SignOnPayment(usd(10_000), clawback_months=-1), "clawback_months", "negative"),
        (lambda: Bonus(Decimal(-5)), "target_percent", "0-500"),
        (lambda: Bonus(Decimal(10), Decimal(-1)), "payout_factor", "0-5"),
        (lambda: RsuGrant(FOUR_YEARS, grant_value=usd(-100)), "grant_value", "negative"),
        (lambda: RsuGrant(FOUR_YEARS), "grant_value", "either"),
        (
            lambda: RsuGrant(FOUR_YEARS, grant_value=usd(100), shares=10, share_price=price(10)),
            "grant_value",
            "either",
        ),
        (lambda: RsuGrant(FOUR_YEARS, shares=100), "share_price", "needed"),
        (lambda: options(shares=0), "shares", "above 0"),
        (lambda: options(strike=price(-1)), "strike", "negative"),
        (lambda: options(fully_diluted_shares=None), "fully_diluted_shares", "ownership"),
        (lambda: options(fully_diluted_shares=5_000), "fully_diluted_shares", "smaller"),
        (
            lambda: options(fully_diluted_shares=None, ownership_percent=Decimal(120)),
            "ownership_percent",
            "at most 100",
        ),
        (lambda: RetirementMatch(Decimal(150)), "percent_of_base", "0-100"),
        (lambda: RetirementMatch(Decimal(4), usd(-1)), "annual_cap", "negative"),
        (lambda: Benefit("Gym", usd(-50)), "annual_value", "negative"),
        (lambda: Benefit("", usd(50)), "name", "needs a name"),
    ],
)
def test_bad_offers_are_refused_naming_the_field(
    build: Callable[[], object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words) as caught:
        build()
    assert field in [problem.field for problem in caught.value.problems]


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        offer(base=usd(0), relocation=usd(-1), deadline=date(2026, 1, 1))
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"base", "relocation", "deadline"}
    assert "3 problems" in caught.value.message


def test_a_deadline_on_the_offer_date_is_allowed() -> None:
    assert offer(deadline=date(2026, 11, 20)).deadline == date(2026, 11, 20)


def test_rsu_value_from_shares_and_price() -> None:
    grant = RsuGrant(FOUR_YEARS, shares=2000, share_price=price("185.405"))
    assert grant.value == usd(370_810)


def test_options_in_a_currency_other_than_the_offer_are_refused() -> None:
    from widenet.offers.money import SharePrice

    euro = StockOptions(
        shares=100,
        strike=SharePrice.of(1, "EUR"),
        preferred_price=SharePrice.of(2, "EUR"),
        vesting=FOUR_YEARS,
        fully_diluted_shares=1000,
    )
    with pytest.raises(InvalidInput) as caught:
        offer(options=euro)
    assert "options.strike" in [problem.field for problem in caught.value.problems]
