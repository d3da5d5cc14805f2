"""Offers side by side: year by year, on paper and risk-adjusted, with the days left to decide."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from widenet.defaults import EXPLODING_OFFER_DAYS
from widenet.errors import InvalidInput
from widenet.offers.money import Money, format_money
from widenet.offers.value import OfferValuation, YearValue


@dataclass(frozen=True)
class Deadline:
    """How long is left to answer an offer."""

    on: date | None
    days_left: int | None  # None when the offer has no deadline
    window_days: int | None  # deadline − offer date: how long the company held it open

    @property
    def expired(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def exploding(self) -> bool:
        """Fewer than EXPLODING_OFFER_DAYS days left (and not yet past)."""
        return self.days_left is not None and 0 <= self.days_left < EXPLODING_OFFER_DAYS


def deadline(valuation: OfferValuation, *, today: date) -> Deadline:
    offer = valuation.offer
    if offer.deadline is None:
        return Deadline(None, None, None)
    return Deadline(
        offer.deadline, (offer.deadline - today).days, (offer.deadline - offer.offer_date).days
    )


@dataclass(frozen=True)
class ComparedOffer:
    valuation: OfferValuation
    deadline: Deadline
    rank: int  # 1 = highest four-year risk-adjusted total
    rank_paper: int  # 1 = highest four-year total on paper
    gap_to_best: Money  # how far below the best risk-adjusted total (0 for the best)

    @property
    def company(self) -> str:
        return self.valuation.offer.company


@dataclass(frozen=True)
class Comparison:
    """Offers in the order given, each with its ranks, its deadline, and warnings for all."""

    currency: str
    offers: tuple[ComparedOffer, ...]
    warnings: tuple[str, ...]

    @property
    def best(self) -> ComparedOffer:
        return next(item for item in self.offers if item.rank == 1)

    @property
    def best_on_paper(self) -> ComparedOffer:
        return next(item for item in self.offers if item.rank_paper == 1)

    def by_year(self) -> tuple[tuple[int, tuple[YearValue, ...]], ...]:
        """(year, that year of each offer in order) for years 1-4: the side-by-side table."""
        years = len(self.offers[0].valuation.years)
        return tuple(
            (index + 1, tuple(item.valuation.years[index] for item in self.offers))
            for index in range(years)
        )


def _ranks(totals: Sequence[Money]) -> list[int]:
    """1 for the highest; ties share a rank."""
    return [1 + sum(1 for other in totals if other > value) for value in totals]


def compare(valuations: Sequence[OfferValuation], *, today: date) -> Comparison:
    """Rank offers by four-year total, risk-adjusted and on paper, and flag tight deadlines."""
    if not valuations:
        raise InvalidInput("give at least one offer to compare.", field="offers")
    codes = sorted({valuation.offer.currency for valuation in valuations})
    if len(codes) > 1:
        raise InvalidInput(
            f"the offers are in {', '.join(codes)}; convert them to one currency to compare.",
            field="currency",
        )
    totals = [valuation.total_4y for valuation in valuations]
    ranks = _ranks(totals)
    paper_ranks = _ranks([valuation.total_4y_paper for valuation in valuations])
    top = max(totals)
    items = tuple(
        ComparedOffer(valuation, deadline(valuation, today=today), rank, paper, top - total)
        for valuation, rank, paper, total in zip(
            valuations, ranks, paper_ranks, totals, strict=True
        )
    )
    return Comparison(codes[0], items, _warnings(items))


def _warnings(items: Sequence[ComparedOffer]) -> tuple[str, ...]:
    warnings = []
    for item in items:
        due = item.deadline
        if due.expired:
            warnings.append(f"{item.company}: the deadline {due.on} has passed.")
        elif due.exploding:
            warnings.append(
                f"{item.company}: exploding offer, {due.days_left} day(s) left (until {due.on}); "
                "ask for more time, two weeks is normal."
            )
    by_risk = min(items, key=lambda item: item.rank)
    by_paper = min(items, key=lambda item: item.rank_paper)
    if by_risk is not by_paper:
        warnings.append(
            f"On paper {by_paper.company} looks best "
            f"({format_money(by_paper.valuation.total_4y_paper)} over four years); risk-adjusted, "
            f"{by_risk.company} is ({format_money(by_risk.valuation.total_4y)})."
        )
    return tuple(warnings)
