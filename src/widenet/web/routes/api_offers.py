"""JSON API: offers (each negotiation round a new revision), their valuation, market data."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Response

from widenet.offers.compare import deadline
from widenet.offers.serialize import valuation_to_json
from widenet.services import applications, offers
from widenet.web.deps import ItemId, MomentDep, StoreDep
from widenet.web.routes.api_decide import renamed
from widenet.web.routes.api_tracking import PROBLEMS
from widenet.web.routes.offers import find_offer
from widenet.web.schemas_offers import (
    MarketPointCreate,
    MarketPointPublic,
    OfferCreate,
    OfferPublic,
    OfferValuedPublic,
    RevisionCreate,
)
from widenet.web.security import check_api_write

router = APIRouter(dependencies=[Depends(check_api_write)], responses=PROBLEMS)

#: The offer file's names for what the API calls otherwise.
_BODY_NAMES = {
    "options.shares": "options",
    "options.strike": "strike",
    "options.preferred_price": "preferred",
    "options.fmv_409a": "fmv_409a",
    "options.fully_diluted_shares": "fully_diluted",
    "options.ownership_percent": "ownership",
    "options.kind": "option_kind",
    "rsu.grant_value": "rsu",
    "bonus.target_percent": "bonus",
    "sign_on[0].amount": "sign_on",
}


def _body_field(name: str) -> str:
    """A problem's field as the request body names it; offer-file paths stay as they are."""
    return _BODY_NAMES.get(name, name)


@router.get("/offers", tags=["offers"])
def list_offers(
    store: StoreDep,
    moment: MomentDep,
    is_open: Annotated[bool | None, Query(alias="open", description="Still to answer.")] = None,
) -> list[OfferPublic]:
    """Every recorded offer with all its revisions, oldest first."""
    views = offers.offer_views(store, moment)
    return [OfferPublic.of(view) for view in views if is_open is None or view.is_open == is_open]


@router.post("/offers", status_code=201, tags=["offers"])
def create_offer(
    body: OfferCreate, store: StoreDep, moment: MomentDep, response: Response
) -> OfferPublic:
    """Record an offer for an application at the offer stage (``move_to_offer`` records that
    stage too). A bad offer writes nothing."""
    target = applications.get(store, moment, body.application_id)
    with renamed(_body_field):
        view = offers.add_offer(
            store,
            moment,
            company=target.company.name,
            role=target.application.role,
            terms=body.terms(),
            document=body.offer,
            move_to_offer=body.move_to_offer,
            note=body.note,
        )
    response.headers["location"] = f"/api/v1/offers/{view.offer_id}"
    return OfferPublic.of(view)


@router.get("/offers/{offer_id}", tags=["offers"])
def read_offer(offer_id: ItemId, store: StoreDep, moment: MomentDep) -> OfferValuedPublic:
    """The offer, its latest terms valued year by year (paper and risk-adjusted), the days
    left before its deadline and where it sits in the market."""
    view = find_offer(store, moment, offer_id)
    valued = offers.value_stored(
        store, moment, company=view.company.name, role=view.application.role
    )
    due = deadline(valued.valuation, today=moment.today)
    return OfferValuedPublic.valued(valued, due, valuation_to_json(valued.valuation))


@router.post("/offers/{offer_id}/revisions", status_code=201, tags=["offers"])
def create_revision(
    offer_id: ItemId, body: RevisionCreate, store: StoreDep, moment: MomentDep, response: Response
) -> OfferPublic:
    """Record a negotiation round as a new revision; earlier revisions stay as they were."""
    view = find_offer(store, moment, offer_id)
    with renamed(_body_field):
        revised = offers.revise_offer(
            store,
            moment,
            company=view.company.name,
            role=view.application.role,
            terms=body.terms(),
            asked=body.asked,
            by=body.by,
            on=body.on,
            note=body.note,
        )
    response.headers["location"] = f"/api/v1/offers/{offer_id}"
    return OfferPublic.of(revised)


# -- market data -----------------------------------------------------------------------------
@router.get("/market-points", tags=["market"])
def list_market_points(
    store: StoreDep, level: str | None = None, location: str | None = None
) -> list[MarketPointPublic]:
    """Market data points, newest first; ``level`` and ``location`` ignore case and spacing."""
    found = offers.market_points(store, level=level, location=location)
    return [MarketPointPublic.of(item.id, item.point) for item in found]


@router.post("/market-points", status_code=201, tags=["market"])
def create_market_point(
    body: MarketPointCreate, store: StoreDep, moment: MomentDep, response: Response
) -> MarketPointPublic:
    """Record a peer's recent offer or a survey figure (yearly amounts)."""

    def text(amount: object) -> str | None:
        return None if amount is None else str(amount)

    point = offers.add_market_point(
        store,
        moment,
        company=body.company,
        level=body.level,
        location=body.location,
        base=str(body.base),
        currency=body.currency,
        on=body.date,
        kind=body.kind.value,
        bonus=text(body.bonus),
        equity_per_year=text(body.equity_per_year),
        sign_on=text(body.sign_on),
        note=body.note,
    )
    newest = max(offers.market_points(store), key=lambda item: item.id)  # the one just added
    query = urlencode({"level": point.level, "location": point.location})
    response.headers["location"] = f"/api/v1/market-points?{query}"
    return MarketPointPublic.of(newest.id, point)
