"""Offers side by side: ranks on paper and risk-adjusted, days left, exploding offers."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from tests.offers.builders import TODAY, offer, options, usd
from widenet.defaults import EXPLODING_OFFER_DAYS
from widenet.errors import InvalidInput
from widenet.offers.compare import compare, deadline
from widenet.offers.model import Offer
from widenet.offers.money import Money
from widenet.offers.value import OfferValuation, value_offer


def valued(item: Offer) -> OfferValuation:
    return value_offer(item, rng=np.random.default_rng(5), runs=500)


@pytest.mark.parametrize(
    ("days", "exploding", "expired"),
    [
        (14, False, False),
        (EXPLODING_OFFER_DAYS, False, False),
        (EXPLODING_OFFER_DAYS - 1, True, False),
        (0, True, False),  # the deadline is today
        (-1, False, True),
    ],
)
def test_days_left_and_exploding(days: int, exploding: bool, expired: bool) -> None:
    item = valued(
        offer(offer_date=TODAY - timedelta(days=30), deadline=TODAY + timedelta(days=days))
    )
    due = deadline(item, today=TODAY)
    assert due.days_left == days
    assert due.exploding is exploding
    assert due.expired is expired


def test_no_deadline() -> None:
    due = deadline(valued(offer(deadline=None)), today=TODAY)
    assert due.days_left is None
    assert not due.exploding


def test_paper_and_risk_adjusted_rankings_can_disagree() -> None:
    # Cashco pays more cash; Startup's options are worth $120,000 under its exit scenarios
    # but only $30,000 at (preferred - strike).
    cash = valued(offer(company="Cashco", base=usd(160_000)))
    startup = valued(offer(company="Startup", base=usd(140_000), options=options()))
    comparison = compare([cash, startup], today=TODAY)
    ranks = {item.company: (item.rank, item.rank_paper) for item in comparison.offers}
    # Cashco: 640,000 both ways. Startup: 560,000 + 120,000 = 680,000; paper 590,000.
    assert ranks == {"Cashco": (2, 1), "Startup": (1, 2)}
    assert comparison.best.company == "Startup"
    assert comparison.best_on_paper.company == "Cashco"
    assert comparison.offers[0].gap_to_best == usd(40_000)
    assert any("On paper Cashco looks best" in warning for warning in comparison.warnings)


def test_exploding_and_expired_offers_are_warned_about() -> None:
    soon = valued(offer(company="Soon", deadline=date(2026, 11, 29)))
    gone = valued(offer(company="Gone", offer_date=date(2026, 11, 1), deadline=date(2026, 11, 20)))
    comparison = compare([soon, gone], today=TODAY)
    assert any("Soon: exploding offer, 3 day(s) left" in w for w in comparison.warnings)
    assert any("Gone: the deadline 2026-11-20 has passed" in w for w in comparison.warnings)


def test_ties_share_a_rank() -> None:
    comparison = compare([valued(offer(company="A")), valued(offer(company="B"))], today=TODAY)
    assert [item.rank for item in comparison.offers] == [1, 1]


def test_mixed_currencies_are_refused() -> None:
    euros = valued(offer(company="Eurco", base=Money.of(100_000, "EUR")))
    with pytest.raises(InvalidInput, match="EUR, USD"):
        compare([valued(offer()), euros], today=TODAY)


def test_nothing_to_compare_is_refused() -> None:
    with pytest.raises(InvalidInput):
        compare([], today=TODAY)


def test_the_side_by_side_table_has_each_year_of_each_offer() -> None:
    first, second = valued(offer(company="A")), valued(offer(company="B", base=usd(170_000)))
    table = compare([first, second], today=TODAY).by_year()
    assert [year for year, _ in table] == [1, 2, 3, 4]
    assert [cells[1].total for _, cells in table] == [usd(170_000)] * 4
    assert table[0][1][0] is first.years[0]
