"""The opt-in fairness check: below the comparable median is flagged, with the documented gaps."""

from __future__ import annotations

from datetime import timedelta

from tests.offers.builders import TODAY, offer, usd
from widenet.offers.fairness import fairness_check
from widenet.offers.market import MarketPoint


def peers(*bases: int) -> list[MarketPoint]:
    return [
        MarketPoint("Peer", "Senior", "Seattle, WA", TODAY - timedelta(days=10), usd(b))
        for b in bases
    ]


def test_an_offer_below_the_median_is_flagged_with_the_gaps() -> None:
    check = fairness_check(offer(base=usd(170_000)), peers(180_000, 190_000, 200_000), today=TODAY)
    assert check.flagged
    assert {s.measure for s in check.shortfalls} == {"base", "total"}
    base = next(s for s in check.shortfalls if s.measure == "base")
    assert round(base.percent_below, 1) == 10.5  # (190,000 - 170,000) / 190,000
    assert any("Hired" in citation and "4% less" in citation for citation in check.citations)
    assert any("Carta" in citation for citation in check.citations)
    assert "$190,000" in check.summary


def test_an_offer_at_the_median_is_not_flagged() -> None:
    check = fairness_check(offer(base=usd(190_000)), peers(180_000, 190_000, 200_000), today=TODAY)
    assert not check.flagged
    assert check.citations == ()


def test_without_enough_data_it_says_so() -> None:
    check = fairness_check(offer(base=usd(100_000)), peers(180_000, 190_000), today=TODAY)
    assert not check.flagged
    assert check.points == 2
    assert "Not enough comparable data" in check.summary
