"""The JSON API's shapes for offers and market data.

Amounts come in as decimal numbers or strings in major units (185000, "1234.50") and are read
exactly; they go out as numbers in major units, exact to the minor unit (as `widenet offer
value --json`). An offer's terms are the offer file's (docs/offers.md).
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from widenet.offers.compare import Deadline
from widenet.offers.market import MarketPoint, PointKind
from widenet.offers.model import OptionKind
from widenet.offers.revisions import Party
from widenet.services.offer_terms import OfferTerms
from widenet.services.offers_views import (
    OfferView,
    ValuedOffer,
    market_json,
    market_point_json,
    offer_json,
)
from widenet.track.model import ValuationBand

Amount = Decimal | None
Number = int | float  # out: major units, exact to the minor unit


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Terms(_In):
    """Terms as on the command line; a term left out stays as it is (or as the file says)."""

    base: Amount = Field(None, description="Yearly base salary.")
    sign_on: Amount = Field(None, description="Sign-on bonus, paid in year 1.")
    bonus: Amount = Field(None, description="Yearly bonus target, percent of base.")
    relocation: Amount = None
    rsu: Amount = Field(None, description="RSU grant value, all years together.")
    vesting: str | None = Field(
        None,
        description="A preset (25/25/25/25, 5/15/40/40, 33/33/22/12, 40/30/20/10) or yearly "
        "percentages like 30/30/20/20 (1-year cliff, monthly).",
    )
    options: int | None = Field(None, description="Number of stock options.")
    strike: Amount = None
    preferred: Amount = Field(None, description="Latest preferred price per share.")
    fmv_409a: Amount = None
    fully_diluted: int | None = Field(None, description="Fully diluted share count.")
    ownership: Amount = Field(None, description="Or: the options as a percent of the company.")
    level: str | None = Field(None, description="Picks the comparable market data.")
    location: str | None = None
    deadline: date | None = None
    start_date: date | None = None

    def terms(self) -> OfferTerms:
        given = self.model_dump(exclude_none=True, exclude=_NOT_TERMS)
        texts: dict[str, Any] = {
            k: v if isinstance(v, date | str) else str(v) for k, v in given.items()
        }
        if "option_kind" in texts:
            texts["option_kind"] = given["option_kind"].value
        if "stage" in texts:
            texts["stage"] = given["stage"].value
        return OfferTerms(**texts)


_NOT_TERMS = {"application_id", "offer", "move_to_offer", "note", "asked", "by", "on"}


class OfferCreate(_Terms):
    """A new offer for an application: terms, or an offer file with terms laid over it."""

    application_id: int
    currency: str | None = Field(None, description="ISO code (default USD).")
    option_kind: OptionKind | None = None
    stage: ValuationBand | None = Field(
        None, description="Company stage for the exit scenarios (default: its valuation band)."
    )
    offer_date: date | None = Field(None, description="Default: today.")
    offer: dict[str, Any] | None = Field(
        None, description="An offer file (docs/offers.md); the terms above override it."
    )
    move_to_offer: bool = Field(False, description="Also record that it reached the offer.")
    note: str = ""


class RevisionCreate(_Terms):
    """A negotiation round: the terms that changed (none when the company said no)."""

    asked: str = Field("", description="What you asked for in this round.")
    by: Party = Party.COMPANY
    on: date | None = Field(None, description="Default: today.")
    note: str = ""


class ChangePublic(BaseModel):
    field: str
    before: str
    after: str


class RevisionPublic(BaseModel):
    number: int
    on: date
    by: Party
    asked: str
    note: str
    changes: list[ChangePublic]
    offer: dict[str, Any] = Field(description="The offer after this round, as an offer file.")


class OfferPublic(BaseModel):
    id: int
    company_id: int
    company: str
    role: str
    application_id: int
    stage: str = Field(description="Where the application stands.")
    open: bool
    currency: str
    revisions: list[RevisionPublic]

    @classmethod
    def of(cls, view: OfferView) -> OfferPublic:
        return cls.model_validate({**offer_json(view), "company_id": view.company.id})


class DeadlinePublic(BaseModel):
    on: date | None
    days_left: int | None
    window_days: int | None
    exploding: bool = Field(description="Fewer than 7 days left.")
    expired: bool


class OfferValuedPublic(OfferPublic):
    """The offer with its latest terms valued year by year and placed in the market."""

    deadline: DeadlinePublic
    valuation: dict[str, Any] = Field(
        description="years[].cash/equity/total, total_4y, and for options equity.paper, "
        "equity.expected, equity.p_zero, equity.percentiles (as `widenet offer value --json`)."
    )
    market: dict[str, Any] = Field(description="Verdict (low/fair/high) and percentiles.")

    @classmethod
    def valued(
        cls, valued: ValuedOffer, deadline: Deadline, valuation: dict[str, Any]
    ) -> OfferValuedPublic:
        due = {**vars(deadline), "exploding": deadline.exploding, "expired": deadline.expired}
        return cls.model_validate(
            {
                **OfferPublic.of(valued.view).model_dump(),
                "deadline": due,
                "valuation": valuation,
                "market": market_json(valued.market),
            }
        )


class MarketPointCreate(_In):
    company: str = Field(description="Who made the offer or ran the survey.")
    level: str
    location: str
    base: Decimal = Field(description="Yearly base salary.")
    currency: str = "USD"
    date: dt.date | None = Field(None, description="Default: today.")
    kind: PointKind = PointKind.PEER_OFFER
    bonus: Amount = None
    equity_per_year: Amount = None
    sign_on: Amount = None
    note: str = ""


class MarketPointPublic(BaseModel):
    id: int
    company: str
    level: str
    location: str
    date: dt.date
    kind: PointKind
    currency: str
    base: Number
    bonus: Number | None
    equity_per_year: Number | None
    sign_on: Number | None
    total: Number = Field(description="Base + bonus + equity a year.")
    note: str

    @classmethod
    def of(cls, point_id: int, point: MarketPoint) -> MarketPointPublic:
        return cls.model_validate(market_point_json(point_id, point))
