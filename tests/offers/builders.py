"""Small builders for offers tests: the hand-computed option case and a plain offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from widenet.offers.model import Offer, StockOptions
from widenet.offers.money import Money, SharePrice
from widenet.offers.scenarios import EquityAssumptions, ExitScenario
from widenet.offers.vesting import preset

OFFER_DATE = date(2026, 11, 20)
START = date(2027, 1, 11)
TODAY = date(2026, 11, 26)


def usd(amount: int | str) -> Money:
    return Money.of(amount, "USD")


def price(amount: int | str) -> SharePrice:
    return SharePrice.of(amount, "USD")


def exits(*pairs: tuple[str, int], years: str = "0") -> tuple[ExitScenario, ...]:
    """(probability, exit value in dollars) pairs."""
    return tuple(ExitScenario(Decimal(p), usd(value), Decimal(years)) for p, value in pairs)


# The worked case: exits of $0 / $100M / $500M with probabilities 0.5 / 0.3 / 0.2.
THREE_EXITS = exits(("0.5", 0), ("0.3", 100_000_000), ("0.2", 500_000_000))


def assumptions(**changes: Any) -> EquityAssumptions:
    return replace(EquityAssumptions(THREE_EXITS), **changes)


def options(**changes: Any) -> StockOptions:
    """10,000 options at a $2 strike, $5 preferred, 10M fully diluted shares, 4-year vesting."""
    base = StockOptions(
        shares=10_000,
        strike=price(2),
        preferred_price=price(5),
        vesting=preset("25/25/25/25"),
        fully_diluted_shares=10_000_000,
        assumptions=assumptions(),
    )
    return replace(base, **changes)


def offer(**changes: Any) -> Offer:
    base = Offer(
        company="Acme",
        base=usd(150_000),
        offer_date=OFFER_DATE,
        start_date=START,
        deadline=date(2026, 12, 4),
        role="Senior Engineer",
        level="Senior",
        location="Seattle, WA",
    )
    return replace(base, **changes)
