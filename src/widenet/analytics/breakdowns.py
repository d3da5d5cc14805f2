"""Breakdowns by channel and company traits: which kinds of application actually worked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from widenet.analytics.history import RANK, Facts, digest
from widenet.analytics.result import Result
from widenet.analytics.timelines import companies_by_id, company_of
from widenet.track.model import Application, Company, Market, SizeBand, Source, ValuationBand
from widenet.track.stages import Stage

UNKNOWN = "unknown"


class Dimension(StrEnum):
    SOURCE = "source"
    SIZE_BAND = "size_band"
    VALUATION_BAND = "valuation_band"
    MARKET = "market"
    ROLE_FAMILY = "role_family"

    @property
    def label(self) -> str:
        return {
            "source": "Source channel",
            "size_band": "Company size",
            "valuation_band": "Valuation",
            "market": "Market",
            "role_family": "Role family",
        }[self.value]


@dataclass(frozen=True)
class BreakdownRow:
    """One group. ``responses`` are applications that got past "applied" (a call, a screen,
    or a shortcut to the onsite): a rejection e-mail is not a channel working."""

    key: str  # the enum value or role family; "unknown" when not recorded
    label: str
    applications: int
    responses: int
    onsites: int  # reached the onsite or further
    offers: int  # reached an offer
    response_rate: float | None  # responses / applications


@dataclass(frozen=True)
class Breakdown:
    dimension: Dimension
    title: str
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True)
class Breakdowns(Result):
    today: date
    dimensions: tuple[Breakdown, ...]  # one per Dimension, in its order

    def by(self, dimension: Dimension) -> Breakdown:
        return next(b for b in self.dimensions if b.dimension is dimension)


def breakdowns(
    applications: Sequence[Application], companies: Sequence[Company], *, today: date
) -> Breakdowns:
    """Applications, responses, onsites and offers by each dimension, as of ``today``."""
    return breakdowns_of(digest(applications, today=today), companies_by_id(companies), today=today)


_MARKET_LABELS = {Market.B2B: "B2B", Market.CONSUMER: "Consumer"}

# For each dimension: the key of an application, the order of the known keys and their labels.
_Key = Callable[[Facts, Company], str]
_KEYS: dict[Dimension, _Key] = {
    Dimension.SOURCE: lambda f, c: f.application.source.value,
    Dimension.SIZE_BAND: lambda f, c: c.size_band.value if c.size_band else UNKNOWN,
    Dimension.VALUATION_BAND: lambda f, c: c.valuation_band.value if c.valuation_band else UNKNOWN,
    Dimension.MARKET: lambda f, c: c.market.value if c.market else UNKNOWN,
    Dimension.ROLE_FAMILY: lambda f, c: f.application.role_family.strip() or UNKNOWN,
}
_LABELS: dict[Dimension, dict[str, str]] = {
    Dimension.SOURCE: {s.value: s.label for s in Source},
    Dimension.SIZE_BAND: {s.value: s.label for s in SizeBand},
    Dimension.VALUATION_BAND: {v.value: v.label for v in ValuationBand},
    Dimension.MARKET: {m.value: label for m, label in _MARKET_LABELS.items()},
    Dimension.ROLE_FAMILY: {},
}


def breakdowns_of(
    facts: Sequence[Facts], companies: Mapping[int, Company], *, today: date
) -> Breakdowns:
    """:func:`breakdowns` over already digested applications."""
    tallies: dict[Dimension, dict[str, list[int]]] = {d: defaultdict(_zeros) for d in Dimension}
    for f in facts:
        company = company_of(f, companies)
        counts = _counts(f)
        for dimension, key_of in _KEYS.items():
            tally = tallies[dimension][key_of(f, company)]
            for i, count in enumerate(counts):
                tally[i] += count
    return Breakdowns(
        today=today,
        dimensions=tuple(_breakdown(d, tallies[d]) for d in Dimension),
    )


def _zeros() -> list[int]:
    return [0, 0, 0, 0]


_APPLIED, _ONSITE, _OFFER = RANK[Stage.APPLIED], RANK[Stage.ONSITE], RANK[Stage.OFFER]


def _counts(f: Facts) -> tuple[int, int, int, int]:
    rank = RANK[f.furthest]
    return (1, int(rank > _APPLIED), int(rank >= _ONSITE), int(rank >= _OFFER))


def _breakdown(dimension: Dimension, tally: Mapping[str, list[int]]) -> Breakdown:
    labels = _LABELS[dimension]
    known = list(labels)

    def order(key: str) -> tuple[int, int, str]:
        # Known values in their own order, free text by size, "unknown" last.
        if key == UNKNOWN:
            return (2, 0, key)
        if key in labels:
            return (0, known.index(key), key)
        return (1, -tally[key][0], key.casefold())

    rows = tuple(
        BreakdownRow(
            key=key,
            label=labels.get(key, "Unknown" if key == UNKNOWN else key),
            applications=applied,
            responses=responses,
            onsites=onsites,
            offers=offers,
            response_rate=responses / applied if applied else None,
        )
        for key in sorted(tally, key=order)
        for applied, responses, onsites, offers in [tally[key]]
    )
    return Breakdown(dimension=dimension, title=dimension.label, rows=rows)
