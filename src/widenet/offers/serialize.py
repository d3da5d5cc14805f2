"""Offers and valuations as JSON-ready data: the offer file written back, and `offer value --json`.

Amounts are numbers in major units of the offer's currency (185000, 1234.57), exact to the
minor unit: a whole amount is written as an integer, anything else as the shortest decimal
that reads back to the same cents.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from widenet.offers.equity import EquityValue
from widenet.offers.model import Offer, RsuGrant, StockOptions
from widenet.offers.money import Money, SharePrice
from widenet.offers.scenarios import EquityAssumptions
from widenet.offers.value import OfferValuation
from widenet.offers.vesting import PRESETS, VestingSchedule

JsonValue = Any


def number(value: Money | SharePrice | Decimal | Fraction) -> int | float:
    """A JSON number: an int when whole, else a float whose text is the exact decimal."""
    if isinstance(value, Money | SharePrice):
        exact = value.major
    elif isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = value
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _maybe(value: Money | SharePrice | None) -> int | float | None:
    return None if value is None else number(value)


def dump_vesting(schedule: VestingSchedule) -> dict[str, JsonValue]:
    spec = schedule.spec
    if spec is not None:
        known = PRESETS.get(schedule.name)
        if known is not None and tuple(spec.years) == tuple(Fraction(y) for y in known.years):
            key: dict[str, JsonValue] = {"preset": schedule.name}
        else:
            key = {"years": [number(year) for year in spec.years]}
        return {**key, "cliff_months": spec.cliff_months, "frequency": spec.frequency.value}
    return {"events": [{"month": e.month, "percent": number(e.percent)} for e in schedule.events]}


def _rsu(grant: RsuGrant) -> dict[str, JsonValue]:
    data: dict[str, JsonValue] = {"vesting": dump_vesting(grant.vesting)}
    if grant.grant_value is not None:
        data["grant_value"] = number(grant.grant_value)
    else:
        data["shares"], data["share_price"] = grant.shares, _maybe(grant.share_price)
    if grant.vesting_start is not None:
        data["vesting_start"] = grant.vesting_start.isoformat()
    if grant.refresher is not None:
        data["refresher"] = {
            "annual_value": number(grant.refresher.annual_value),
            "vesting": dump_vesting(grant.refresher.vesting),
            "first_grant_month": grant.refresher.first_grant_month,
            "every_months": grant.refresher.every_months,
        }
    return data


def dump_assumptions(assumptions: EquityAssumptions) -> dict[str, JsonValue]:
    return {
        "scenarios": [
            {
                "probability": number(s.probability),
                "exit_value": number(s.exit_value),
                "years": number(s.years),
                **({"label": s.label} if s.label else {}),
            }
            for s in assumptions.scenarios
        ],
        "future_rounds": assumptions.future_rounds,
        "dilution_percent": number(assumptions.dilution_percent),
        "preference": _maybe(assumptions.preference) or 0,
        "preferred_percent": number(assumptions.preferred_percent),
        "participating": assumptions.participating,
        "discount_rate_percent": number(assumptions.discount_rate_percent),
        "spread": number(assumptions.spread),
    }


def _options(options: StockOptions) -> dict[str, JsonValue]:
    data: dict[str, JsonValue] = {
        "kind": options.kind.value,
        "shares": options.shares,
        "strike": number(options.strike),
        "preferred_price": number(options.preferred_price),
        "fmv_409a": _maybe(options.fmv_409a),
        "fully_diluted_shares": options.fully_diluted_shares,
        "ownership_percent": None
        if options.ownership_percent is None
        else number(options.ownership_percent),
        "exercise_window_days": options.exercise_window_days,
        "vesting": dump_vesting(options.vesting),
        "vesting_start": options.vesting_start.isoformat() if options.vesting_start else None,
    }
    if options.assumptions is not None:
        data["assumptions"] = dump_assumptions(options.assumptions)
    return {key: value for key, value in data.items() if value is not None}


def dump_offer(offer: Offer) -> dict[str, JsonValue]:
    """The offer as an offer file (the inverse of ``fileformat.parse_offer``)."""
    data: dict[str, JsonValue] = {
        "company": offer.company,
        "role": offer.role,
        "level": offer.level,
        "location": offer.location,
        "stage": offer.stage.value if offer.stage else None,
        "currency": offer.currency,
        "offer_date": offer.offer_date.isoformat(),
        "deadline": offer.deadline.isoformat() if offer.deadline else None,
        "start_date": offer.start_date.isoformat(),
        "base": number(offer.base),
        "sign_on": [
            {"amount": number(p.amount), "year": p.year, "clawback_months": p.clawback_months}
            for p in offer.sign_on
        ],
        "bonus": None
        if offer.bonus is None
        else {
            "target_percent": number(offer.bonus.target_percent),
            "payout_factor": number(offer.bonus.payout_factor),
        },
        "relocation": _maybe(offer.relocation),
        "rsu": _rsu(offer.rsu) if offer.rsu else None,
        "options": _options(offer.options) if offer.options else None,
        "retirement": None
        if offer.retirement is None
        else {
            "percent_of_base": number(offer.retirement.percent_of_base),
            "annual_cap": _maybe(offer.retirement.annual_cap),
        },
        "benefits": [
            {"name": b.name, "annual_value": number(b.annual_value)} for b in offer.benefits
        ],
        "notes": offer.notes,
    }
    if data["retirement"] is not None and data["retirement"]["annual_cap"] is None:
        del data["retirement"]["annual_cap"]
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def equity_to_json(equity: EquityValue) -> dict[str, JsonValue]:
    return {
        "paper": number(equity.paper),
        "expected": number(equity.expected),
        "mean_simulated": number(equity.mean),
        "p_zero": round(equity.p_zero, 4),
        "percentiles": {str(pct): number(value) for pct, value in equity.percentiles.items()},
        "exercise_cost": number(equity.exercise_cost),
        "spread_409a": _maybe(equity.spread_409a),
        "runs": equity.runs,
        "assumptions": dump_assumptions(equity.assumptions),
    }


def valuation_to_json(valuation: OfferValuation) -> dict[str, JsonValue]:
    """What ``widenet offer value FILE.json --json`` prints."""
    offer = valuation.offer
    return {
        "company": offer.company,
        "currency": offer.currency,
        "years": [
            {
                "year": year.year,
                "cash": number(year.cash),
                "equity": number(year.equity),
                "total": number(year.total),
                "equity_paper": number(year.equity_paper),
                "total_paper": number(year.total_paper),
            }
            for year in valuation.years
        ],
        "total_4y": number(valuation.total_4y),
        "total_4y_paper": number(valuation.total_4y_paper),
        "equity": equity_to_json(valuation.equity) if valuation.equity else None,
        "notes": list(valuation.notes),
    }
