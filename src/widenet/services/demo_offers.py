"""The demo search's offers: three offer-stage processes get offers, one a negotiation round,
and a handful of market data points sit beside them.

The three are picked by size and valuation among the demo's offer-stage applications: the
biggest gets a large company's offer with RSUs, the smallest a small startup's offer with
options, and one in between (an open one when there is one) a growth-stage startup's offer with
options. Terms scale a little with a generator of its own, so the rest of the demo is unchanged.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from widenet import defaults
from widenet.offers.money import Money
from widenet.offers.value import annual_figures
from widenet.services import offers, tracking
from widenet.services.offer_terms import OfferTerms
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage.repo import Store
from widenet.track.model import SizeBand, ValuationBand
from widenet.track.stages import Stage

BANDS = list(ValuationBand)
SIZES = list(SizeBand)
START_IN_DAYS = 35
# Each point's yearly total as a multiple of the offer's, by the kind of offer.
MARKET_FACTORS = {
    "large": (0.9, 0.97, 1.08),
    "growth": (0.96, 1.06, 1.15),
    "small": (1.1, 1.18, 1.3),
}
OPEN_DEADLINE_DAYS = {"small": 5, "growth": 6, "large": 14}  # exploding startups, as in product.md
MARKET_SOURCES = (
    ("peer_offer", "Sablewood Systems"),
    ("peer_offer", "Ferrow Labs"),
    ("survey", "Engineering pay survey"),
)


def add_offers(store: Store, moment: Moment, *, seed: int) -> dict[str, int]:
    """Write the demo's offers, one negotiation round and the market data; returns counts."""
    rng = random.Random(f"offers-{seed}")  # noqa: S311 - invented figures, not secrets
    candidates = [
        view
        for view in tracking.application_views(store, moment)
        if view.status.furthest is Stage.OFFER
    ]
    chosen = _pick(candidates)
    for kind, view in chosen.items():
        offered = _offer_day(view)
        if view.status.is_open:
            deadline = moment.today + timedelta(days=OPEN_DEADLINE_DAYS[kind])
        else:
            size = view.company.size_band or SizeBand.MEDIUM
            deadline = offered + timedelta(days=defaults.OFFER_DEADLINE_DAYS[size])
        document = _TERMS[kind](view, rng) | {
            "company": view.company.name,
            "role": view.application.role,
            "level": _level(view),
            "location": view.company.location,
            "stage": (view.company.valuation_band or ValuationBand.GROWTH).value,
            "offer_date": offered.isoformat(),
            "deadline": deadline.isoformat(),
            "start_date": (moment.today + timedelta(days=START_IN_DAYS)).isoformat(),
        }
        offers.add_offer(store, moment, company=view.company.name, terms=OfferTerms(),
                         role=view.application.role, document=document)  # fmt: skip
    rounds = _negotiation_round(store, moment, chosen, rng)
    points = _market(store, moment, chosen, rng)
    return {"offers": len(chosen), "revisions": rounds, "market_points": points}


def _scale(view: ApplicationView) -> tuple[int, int, int]:
    band = view.company.valuation_band
    size = view.company.size_band
    return (
        BANDS.index(band) if band else 0,
        SIZES.index(size) if size else 0,
        view.application.id,
    )


def _pick(candidates: list[ApplicationView]) -> dict[str, ApplicationView]:
    """The biggest, the smallest and one between (open first, nearest the growth stage)."""
    ordered = sorted(candidates, key=_scale)
    if len(ordered) < 3:
        return dict(zip(("large", "small"), reversed(ordered), strict=False))
    middle = min(
        ordered[1:-1],
        key=lambda v: (not v.status.is_open, abs(_scale(v)[0] - BANDS.index(ValuationBand.GROWTH))),
    )
    return {"large": ordered[-1], "growth": middle, "small": ordered[0]}


def _offer_day(view: ApplicationView) -> date:
    return next(event.on for event in view.events if event.stage is Stage.OFFER)


def _level(view: ApplicationView) -> str:
    return "Staff" if view.application.role.startswith("Staff") else "Senior"


def _round(value: float, step: int = 1000) -> str:
    """Invented figures as whole thousands (or ``step``s), written as text like a user would."""
    return str(round(value / step) * step)


def _large(view: ApplicationView, rng: random.Random) -> dict[str, Any]:
    back_loaded = view.company.valuation_band is ValuationBand.PUBLIC
    return {
        "base": _round(192_000 * rng.uniform(0.97, 1.04)),
        "sign_on": [
            {"amount": "50000", "year": 1, "clawback_months": 12},
            *([{"amount": "30000", "year": 2, "clawback_months": 24}] if back_loaded else []),
        ],
        "bonus": {"target_percent": "15"},
        "rsu": {
            "grant_value": _round(360_000 * rng.uniform(0.95, 1.1), 10_000),
            "vesting": {"preset": "5/15/40/40" if back_loaded else "25/25/25/25"},
        },
        "retirement": {"percent_of_base": "4", "annual_cap": "11500"},
        "benefits": [{"name": "Learning budget", "annual_value": "2000"}],
    }


def _growth(view: ApplicationView, rng: random.Random) -> dict[str, Any]:
    return {
        "base": _round(178_000 * rng.uniform(0.97, 1.03)),
        "sign_on": "15000",
        "options": {
            "kind": "iso",
            "shares": _round(30_000 * rng.uniform(0.9, 1.1), 500),
            "strike": "3.20",
            "preferred_price": "12.00",
            "fmv_409a": "3.20",
            "fully_diluted_shares": 60_000_000,
        },
        "retirement": {"percent_of_base": "3"},
    }


def _small(view: ApplicationView, rng: random.Random) -> dict[str, Any]:
    return {
        "base": _round(150_000 * rng.uniform(0.97, 1.03)),
        "options": {
            "kind": "iso",
            "shares": _round(75_000 * rng.uniform(0.9, 1.1), 500),
            "strike": "0.25",
            "preferred_price": "1.10",
            "ownership_percent": "0.5",
            "exercise_window_days": 3650,
            "vesting": {"years": [25, 25, 25, 25], "cliff_months": 12, "frequency": "monthly"},
        },
    }


_TERMS = {"large": _large, "growth": _growth, "small": _small}


def _negotiation_round(
    store: Store, moment: Moment, chosen: dict[str, ApplicationView], rng: random.Random
) -> int:
    """The growth-stage offer (or another open one) after one round: base and options up."""
    order = [chosen.get("growth"), *chosen.values()]
    view = next((v for v in order if v is not None and v.status.is_open), None)
    if view is None:
        return 0
    current = offers.show_offer(store, moment, company=view.company.name).current
    rival = chosen.get("large")
    reason = f", citing {rival.company.name}'s offer" if rival and rival is not view else ""
    asked = Money(current.base.minor * 112 // 100 // 100_000 * 100_000, current.currency)
    on = min(_offer_day(view) + timedelta(days=rng.randint(2, 4)), moment.today)
    shares = current.options.shares if current.options else None
    offers.revise_offer(
        store,
        moment,
        company=view.company.name,
        role=view.application.role,
        terms=OfferTerms(
            base=_round(current.base.minor / 100 * 1.05),
            options=_round(shares * 1.1, 500) if shares else None,
        ),
        asked=f"base {asked} and 20% more equity{reason}",
        on=on,
        note="Recruiter call: they could not move on the sign-on.",
    )
    return 1


def _market(
    store: Store, moment: Moment, chosen: dict[str, ApplicationView], rng: random.Random
) -> int:
    """Two peers' offers and a survey figure beside each offer (same level and location),
    placed so the large company's offer is fair, the growth-stage one below the median and
    the small startup's low."""
    count = 0
    for kind, view in chosen.items():
        offer = offers.show_offer(store, moment, company=view.company.name).current
        total = annual_figures(offer).total.minor // 100
        for (source, company), factor in zip(MARKET_SOURCES, MARKET_FACTORS[kind], strict=True):
            point_total = total * factor * rng.uniform(0.98, 1.02)
            base = point_total * rng.uniform(0.62, 0.72)
            offers.add_market_point(
                store,
                moment,
                company=company,
                level=_level(view),
                location=view.company.location,
                base=_round(base),
                on=moment.today - timedelta(days=rng.randint(10, 200)),
                kind=source,
                bonus=_round(base * 0.1),
                equity_per_year=_round(point_total - base * 1.1),
                note="demo data point",
            )
            count += 1
    return count
