"""Offers in the database: offers, their append-only negotiation rounds, and market data points.

A round's terms are kept as the offer file (docs/offers.md, written by
``offers.serialize.dump_offer``) with every amount as integer minor units and every share
price as integer millionths; other fractions (percentages, probabilities) are kept as decimal
text. Nothing here updates or deletes a round: a negotiation adds one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import func, insert, select

from widenet.offers.fileformat import parse_offer
from widenet.offers.market import MarketPoint, PointKind
from widenet.offers.model import Offer
from widenet.offers.money import Money, SharePrice
from widenet.offers.revisions import OfferHistory, OfferRevision, Party, diff
from widenet.offers.serialize import dump_offer
from widenet.storage.repo import Store
from widenet.storage.tables import (
    ApplicationRow,
    MarketPointRow,
    OfferRevisionRow,
    OfferRow,
    utcnow,
)

# Paths in the offer file (list indices as []) holding money, and share prices.
MONEY_PATHS: Final = frozenset(
    {
        "base",
        "relocation",
        "sign_on[].amount",
        "rsu.grant_value",
        "rsu.refresher.annual_value",
        "retirement.annual_cap",
        "benefits[].annual_value",
        "options.assumptions.preference",
        "options.assumptions.scenarios[].exit_value",
    }
)
PRICE_PATHS: Final = frozenset(
    {"rsu.share_price", "options.strike", "options.preferred_price", "options.fmv_409a"}
)
_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class StoredOffer:
    """An offer as stored: its application, currency and every round, oldest first."""

    id: int
    application_id: int
    currency: str
    history: OfferHistory

    @property
    def current(self) -> Offer:
        return self.history.current


@dataclass(frozen=True)
class StoredMarketPoint:
    id: int
    point: MarketPoint


# -- the terms codec -----------------------------------------------------------------------
def _exact(value: Any) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def to_stored(terms: Any, currency: str, path: str = "") -> Any:
    """The offer file with amounts in minor units, prices in millionths, no floats at all."""
    if isinstance(terms, dict):
        return {
            key: to_stored(value, currency, f"{path}.{key}" if path else key)
            for key, value in terms.items()
        }
    if isinstance(terms, list):
        return [to_stored(value, currency, f"{path}[]") for value in terms]
    if path in MONEY_PATHS:
        return Money.of(_exact(terms), currency, field=path).minor
    if path in PRICE_PATHS:
        return SharePrice.of(_exact(terms), currency, field=path).micros
    if isinstance(terms, float | Decimal):
        return str(_exact(terms))
    return terms


def from_stored(terms: Any, currency: str, path: str = "") -> Any:
    """The inverse of ``to_stored``: the offer file as ``fileformat.parse_offer`` reads it."""
    if isinstance(terms, dict):
        return {
            key: from_stored(value, currency, f"{path}.{key}" if path else key)
            for key, value in terms.items()
        }
    if isinstance(terms, list):
        return [from_stored(value, currency, f"{path}[]") for value in terms]
    if path in MONEY_PATHS:
        return Money(int(terms), currency).major
    if path in PRICE_PATHS:
        return SharePrice(int(terms), currency).major
    return terms


def stored_terms(offer: Offer) -> dict[str, Any]:
    result: dict[str, Any] = to_stored(dump_offer(offer), offer.currency)
    return result


def offer_from_terms(terms: dict[str, Any]) -> Offer:
    currency = str(terms.get("currency", "USD"))
    return parse_offer(from_stored(terms, currency))


# -- offers and rounds ---------------------------------------------------------------------
def add_offer(store: Store, application_id: int, revision: OfferRevision) -> StoredOffer:
    """A new offer with its first round."""
    row = OfferRow(application_id=application_id, currency=revision.offer.currency)
    store.session.add(row)
    store.session.flush()
    append_revision(store, row.id, revision)
    return StoredOffer(row.id, application_id, row.currency, OfferHistory((revision,)))


def append_revision(store: Store, offer_id: int, revision: OfferRevision) -> None:
    """Add one round; earlier rounds are never touched."""
    store.session.add(
        OfferRevisionRow(
            offer_id=offer_id,
            number=revision.number,
            on=revision.on,
            by=revision.by.value,
            asked=revision.asked,
            note=revision.note,
            terms=stored_terms(revision.offer),
        )
    )
    store.session.flush()


def offers(store: Store, *, application_ids: Iterable[int] | None = None) -> list[StoredOffer]:
    """The user's offers (optionally of some applications) with every round, in two queries."""
    query = (
        select(OfferRow)
        .join(ApplicationRow, ApplicationRow.id == OfferRow.application_id)
        .where(ApplicationRow.user_id == store.user_id)
        .order_by(OfferRow.id)
    )
    if application_ids is not None:
        query = query.where(OfferRow.application_id.in_(list(application_ids)))
    rows = list(store.session.scalars(query))
    if not rows:
        return []
    rounds: dict[int, list[OfferRevisionRow]] = defaultdict(list)
    revision_query = (
        select(OfferRevisionRow)
        .where(OfferRevisionRow.offer_id.in_([row.id for row in rows]))
        .order_by(OfferRevisionRow.offer_id, OfferRevisionRow.number)
    )
    for revision in store.session.scalars(revision_query):
        rounds[revision.offer_id].append(revision)
    return [
        StoredOffer(row.id, row.application_id, row.currency, _history(rounds[row.id]))
        for row in rows
    ]


def offer_for(store: Store, application_id: int) -> StoredOffer | None:
    found = offers(store, application_ids=[application_id])
    return found[0] if found else None


def _history(rows: Sequence[OfferRevisionRow]) -> OfferHistory:
    revisions: list[OfferRevision] = []
    for row in rows:
        offer = offer_from_terms(row.terms)
        changes = diff(revisions[-1].offer, offer) if revisions else ()
        revisions.append(
            OfferRevision(row.number, row.on, Party(row.by), offer, row.asked, changes, row.note)
        )
    return OfferHistory(tuple(revisions))


def revision_count(store: Store, offer_id: int) -> int:
    query = select(func.count()).where(OfferRevisionRow.offer_id == offer_id)
    return int(store.session.scalar(query) or 0)


# -- market data ---------------------------------------------------------------------------
def add_market_points(store: Store, points: Sequence[MarketPoint]) -> int:
    """Insert points in one statement; returns how many."""
    if not points:
        return 0
    now = utcnow()
    store.session.execute(
        insert(MarketPointRow),
        [
            {
                "user_id": store.user_id,
                "company": point.company,
                "level": point.level,
                "location": point.location,
                "on": point.on,
                "kind": point.kind.value,
                "currency": point.base.currency,
                "base": point.base.minor,
                "bonus": _minor(point.bonus),
                "equity_per_year": _minor(point.equity_per_year),
                "sign_on": _minor(point.sign_on),
                "note": point.note,
                "created_at": now,
            }
            for point in points
        ],
    )
    return len(points)


def _minor(amount: Money | None) -> int | None:
    return None if amount is None else amount.minor


def market_points(store: Store, *, since: date | None = None) -> list[StoredMarketPoint]:
    """The user's market points, newest first."""
    query = select(MarketPointRow).where(MarketPointRow.user_id == store.user_id)
    if since is not None:
        query = query.where(MarketPointRow.on >= since)
    query = query.order_by(MarketPointRow.on.desc(), MarketPointRow.id.desc())
    return [StoredMarketPoint(row.id, _point(row)) for row in store.session.scalars(query)]


def _point(row: MarketPointRow) -> MarketPoint:
    def money(minor: int | None) -> Money | None:
        return None if minor is None else Money(int(minor), row.currency)

    return MarketPoint(
        company=row.company,
        level=row.level,
        location=row.location,
        on=row.on,
        base=Money(int(row.base), row.currency),
        bonus=money(row.bonus),
        equity_per_year=money(row.equity_per_year),
        sign_on=money(row.sign_on),
        kind=PointKind(row.kind),
        note=row.note,
    )
