"""The opt-in fairness check: is an offer below the comparable median, and what is known about gaps.

It runs only when the user asks for it (the service layer keeps that choice). It flags base,
equity or total below the median of comparable market points, and cites the documented pay
and equity gaps so the user can decide whether to raise it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from widenet.offers.market import MIN_POINTS, MarketPoint, Position, market_position
from widenet.offers.model import Offer
from widenet.offers.money import format_money

# From docs/product.md ("Compensation facts"), with their sources.
GAPS: Final = (
    "Women were offered 4% less than men on average for the same role, up to 45% less at some "
    "companies, and asked for 6% less (Hired, 2018).",
    "Women employees hold 47-49 cents of equity for every dollar men hold (Carta, 2018-2020).",
    "People who don't negotiate earn about 20% less.",
)


@dataclass(frozen=True)
class Shortfall:
    measure: str  # base, equity or total
    value: str  # the offer's figure, formatted
    median: str
    percent_below: float


@dataclass(frozen=True)
class FairnessCheck:
    flagged: bool
    shortfalls: tuple[Shortfall, ...]
    points: int  # comparable points the check rests on
    citations: tuple[str, ...]
    summary: str


def _shortfall(position: Position) -> Shortfall | None:
    median = position.median
    if median is None or median.minor <= 0 or position.value >= median:
        return None
    below = 100.0 * (median.minor - position.value.minor) / median.minor
    return Shortfall(position.measure, format_money(position.value), format_money(median), below)


def fairness_check(offer: Offer, points: Sequence[MarketPoint], *, today: date) -> FairnessCheck:
    """Flag an offer whose base, equity or total is below the comparable median."""
    report = market_position(offer, points, today=today)
    if len(report.points) < MIN_POINTS:
        return FairnessCheck(
            False,
            (),
            len(report.points),
            (),
            f"Not enough comparable data ({len(report.points)} of {MIN_POINTS} points at "
            f"{offer.level or 'this level'} in {offer.location or 'this location'}, last 12 "
            "months) to check. Add peers' offers or survey figures.",
        )
    found = tuple(
        gap
        for gap in map(_shortfall, (report.base, report.equity, report.total))
        if gap is not None
    )
    if not found:
        summary = (
            "At or above the comparable median on base, equity and total "
            f"({len(report.points)} points)."
        )
        return FairnessCheck(False, (), len(report.points), (), summary)
    listed = "; ".join(
        f"{s.measure} {s.value} is {s.percent_below:.0f}% below {s.median}" for s in found
    )
    summary = (
        f"Below the median of {len(report.points)} comparable points: {listed}. Known gaps make "
        "this worth raising: ask what the range for the level is and where this offer sits in it."
    )
    return FairnessCheck(True, found, len(report.points), GAPS, summary)
