"""What the offer services return (plain views), and the JSON shape scripts and the API see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from widenet.offers.compare import ComparedOffer, Comparison, Deadline
from widenet.offers.fairness import FairnessCheck
from widenet.offers.market import MarketPoint, MarketReport, Position
from widenet.offers.model import Offer
from widenet.offers.money import Money
from widenet.offers.negotiate import CounterProposal, Message
from widenet.offers.revisions import OfferHistory, OfferRevision
from widenet.offers.serialize import dump_offer, number, valuation_to_json
from widenet.offers.value import OfferValuation
from widenet.track.derive import Status
from widenet.track.model import Application, Company


@dataclass(frozen=True)
class OfferView:
    """A stored offer with its company, its application and where that process stands."""

    offer_id: int
    company: Company
    application: Application
    status: Status
    history: OfferHistory

    @property
    def current(self) -> Offer:
        return self.history.current

    @property
    def latest(self) -> OfferRevision:
        return self.history.revisions[-1]

    @property
    def is_open(self) -> bool:
        """Still to be answered: the process has not ended (declined, accepted, withdrawn...)."""
        return self.status.is_open


@dataclass(frozen=True)
class ValuedOffer:
    """An offer's current terms valued, and where it sits in the market."""

    view: OfferView
    valuation: OfferValuation
    market: MarketReport


@dataclass(frozen=True)
class ComparedRow:
    valued: ValuedOffer
    compared: ComparedOffer

    @property
    def deadline(self) -> Deadline:
        return self.compared.deadline


@dataclass(frozen=True)
class CurrencyGroup:
    """Offers in one currency, side by side (offers in other currencies are not converted)."""

    comparison: Comparison
    rows: tuple[ComparedRow, ...]


@dataclass(frozen=True)
class OffersComparison:
    today: date
    seed: int
    groups: tuple[CurrencyGroup, ...]
    left_out: tuple[OfferView, ...]  # offers whose process has ended (shown with --all)

    @property
    def rows(self) -> tuple[ComparedRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)


@dataclass(frozen=True)
class MarketPointView:
    """A stored market data point and its id."""

    id: int
    point: MarketPoint


@dataclass(frozen=True)
class NegotiationView:
    """The counter to make and the messages to send; before an offer, the range question."""

    company: str
    role: str
    valued: ValuedOffer | None
    proposal: CounterProposal | None
    messages: tuple[Message, ...]
    reminders: tuple[str, ...]
    competing: tuple[str, ...]  # the other open offers the counter could lean on
    fairness: FairnessCheck | None  # only when asked for


# -- JSON ----------------------------------------------------------------------------------
def _amount(value: Money | None) -> int | float | None:
    return None if value is None else number(value)


def revision_json(revision: OfferRevision) -> dict[str, Any]:
    return {
        "number": revision.number,
        "on": revision.on.isoformat(),
        "by": revision.by.value,
        "asked": revision.asked,
        "note": revision.note,
        "changes": [
            {"field": c.field, "before": c.before, "after": c.after} for c in revision.changes
        ],
        "offer": dump_offer(revision.offer),
    }


def offer_json(view: OfferView) -> dict[str, Any]:
    return {
        "id": view.offer_id,
        "company": view.company.name,
        "role": view.application.role,
        "application_id": view.application.id,
        "stage": view.status.current.value,
        "open": view.is_open,
        "currency": view.current.currency,
        "revisions": [revision_json(revision) for revision in view.history.revisions],
    }


def position_json(position: Position) -> dict[str, Any]:
    return {
        "value": number(position.value),
        "count": position.count,
        "percentile": None if position.percentile is None else round(position.percentile, 1),
        "verdict": position.verdict.value if position.verdict else None,
        "p25": _amount(position.p25),
        "median": _amount(position.median),
        "p75": _amount(position.p75),
    }


def market_json(report: MarketReport) -> dict[str, Any]:
    return {
        "verdict": report.verdict.value if report.verdict else None,
        "points": len(report.points),
        "base": position_json(report.base),
        "equity_per_year": position_json(report.equity),
        "sign_on": position_json(report.sign_on),
        "total": position_json(report.total),
    }


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "on": deadline.on.isoformat() if deadline.on else None,
        "days_left": deadline.days_left,
        "window_days": deadline.window_days,
        "exploding": deadline.exploding,
        "expired": deadline.expired,
    }


def comparison_json(result: OffersComparison) -> dict[str, Any]:
    return {
        "today": result.today.isoformat(),
        "seed": result.seed,
        "comparisons": [_group_json(group) for group in result.groups],
        "left_out": [
            {"company": view.company.name, "stage": view.status.current.value}
            for view in result.left_out
        ],
    }


def _group_json(group: CurrencyGroup) -> dict[str, Any]:
    return {
        "currency": group.comparison.currency,
        "offers": [
            {
                "company": row.valued.view.company.name,
                "role": row.valued.view.application.role,
                "stage": row.valued.view.status.current.value,
                "open": row.valued.view.is_open,
                "rank": row.compared.rank,
                "rank_paper": row.compared.rank_paper,
                "gap_to_best": number(row.compared.gap_to_best),
                "deadline": deadline_json(row.deadline),
                "valuation": valuation_to_json(row.valued.valuation),
                "market": market_json(row.valued.market),
            }
            for row in group.rows
        ],
        "warnings": list(group.comparison.warnings),
    }


def negotiation_json(view: NegotiationView) -> dict[str, Any]:
    proposal = view.proposal
    return {
        "company": view.company,
        "role": view.role,
        "has_offer": view.valued is not None,
        "competitor": proposal.competitor if proposal else None,
        "competing": list(view.competing),
        "counters": [
            {
                "component": c.component.value,
                "current": number(c.current),
                "ask": number(c.ask),
                "steps": [number(step) for step in c.steps],
                "floor": number(c.floor),
                "basis": c.basis.value,
                "reason": c.reason,
                "options": c.options,
            }
            for c in (proposal.counters if proposal else ())
        ],
        "messages": [
            {"kind": m.kind.value, "subject": m.subject, "text": m.text} for m in view.messages
        ],
        "reminders": list(view.reminders),
        "market": market_json(view.valued.market) if view.valued else None,
        "fairness": None if view.fairness is None else fairness_json(view.fairness),
    }


def fairness_json(check: FairnessCheck) -> dict[str, Any]:
    return {
        "flagged": check.flagged,
        "points": check.points,
        "summary": check.summary,
        "shortfalls": [
            {
                "measure": s.measure,
                "value": s.value,
                "median": s.median,
                "percent_below": round(s.percent_below, 1),
            }
            for s in check.shortfalls
        ],
        "citations": list(check.citations),
    }


def market_point_json(point_id: int, point: MarketPoint) -> dict[str, Any]:
    return {
        "id": point_id,
        "company": point.company,
        "level": point.level,
        "location": point.location,
        "date": point.on.isoformat(),
        "kind": point.kind.value,
        "currency": point.base.currency,
        "base": number(point.base),
        "bonus": _amount(point.bonus),
        "equity_per_year": _amount(point.equity_per_year),
        "sign_on": _amount(point.sign_on),
        "total": number(point.figure("total")),
        "note": point.note,
    }
