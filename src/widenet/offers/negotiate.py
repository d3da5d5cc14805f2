"""A counter-offer per component, grounded in the strongest competing offer and the market.

Rules (docs/offers.md, "Negotiation"): ask for the most that a fact supports (a competing
offer's figure, the market's 75th percentile) and at least 10% more; with no facts at all ask
15%, the middle of the usual 10-20%; never more than +50% on base or equity, which reads as
not serious. Concede in thirds of the gap between the ask and the offer, and stop at the last
step. Messages give a reason, name the competing offer's facts, close with "if you can do X,
I'll sign", and ask for the result in writing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Final

from widenet.offers.market import MarketPoint, MarketReport, Position, market_position
from widenet.offers.model import Offer
from widenet.offers.money import Money, format_money, minor_digits
from widenet.offers.value import OfferValuation, annual_figures

MIN_RAISE: Final = Fraction(10, 100)
STANDARD_RAISE: Final = Fraction(15, 100)
MAX_RAISE: Final = Fraction(50, 100)
RANGE_REMINDER: Final = (
    "Ask for the salary range at the end of the first recruiter call: only 1 of 25 companies "
    "volunteered one, and in California a range must be given when asked."
)


class Component(StrEnum):
    BASE = "base"
    EQUITY = "equity"  # the whole grant on paper (RSU value, or options at preferred − strike)
    SIGN_ON = "sign_on"


class Basis(StrEnum):
    COMPETING_OFFER = "competing_offer"
    MARKET = "market"
    STANDARD = "standard"  # no data: the usual 10-20% counter


class MessageKind(StrEnum):
    ASK_RANGE = "ask_range"
    COUNTER = "counter"
    CLOSE = "close"
    IN_WRITING = "in_writing"


@dataclass(frozen=True)
class ComponentCounter:
    """What to ask for one component, why, and the steps to concede through."""

    component: Component
    current: Money
    ask: Money
    steps: tuple[Money, ...]  # the ask first, then each concession; the last is the floor
    basis: Basis
    reason: str
    options: int | None = None  # the ask in options, when the equity is options

    @property
    def floor(self) -> Money:
        return self.steps[-1]


@dataclass(frozen=True)
class Message:
    kind: MessageKind
    subject: str
    text: str


@dataclass(frozen=True)
class CounterProposal:
    company: str
    counters: tuple[ComponentCounter, ...]
    competitor: str | None  # the competing offer the counter names, if any
    messages: tuple[Message, ...]
    reminders: tuple[str, ...]

    def counter(self, component: Component) -> ComponentCounter | None:
        return next((c for c in self.counters if c.component is component), None)


def _unit(amount: Money) -> int:
    """A round step in minor units: three significant figures of the amount, at least 1 major."""
    major = abs(amount.minor) // 10 ** minor_digits(amount.currency)
    exponent: int = max(len(str(major)) - 3, 0) + minor_digits(amount.currency)
    return int(10**exponent)


def _round(value: Fraction, unit: int, currency: str, *, up: bool) -> Money:
    steps = int(math.ceil(value / unit) if up else math.floor(value / unit + Fraction(1, 2)))
    return Money(steps * unit, currency)


def _steps(current: Money, ask: Money) -> tuple[Money, ...]:
    unit = _unit(ask)
    gap = Fraction(ask.minor - current.minor)
    levels = [ask] + [
        _round(current.minor + gap * part, unit, ask.currency, up=False)
        for part in (Fraction(2, 3), Fraction(1, 3))
    ]
    ordered: list[Money] = []
    for level in levels:
        if level > current and (not ordered or level < ordered[-1]):
            ordered.append(level)
    return tuple(ordered) or (ask,)


@dataclass(frozen=True)
class _Anchor:
    value: Fraction  # minor units
    basis: Basis
    reason: str


def _ask(current: Money, anchors: list[_Anchor], *, cap: bool) -> tuple[Money, Basis, str]:
    """The highest supported figure, at least +10% (+15% with no facts), at most +50% if capped."""
    base = Fraction(current.minor)
    if anchors:
        best = max(anchors, key=lambda anchor: anchor.value)
        value, basis, reason = max(best.value, base * (1 + MIN_RAISE)), best.basis, best.reason
    else:
        value, basis = base * (1 + STANDARD_RAISE), Basis.STANDARD
        reason = "no competing offer or market data: the usual 10-20% counter (15%)"
    if cap and value > base * (1 + MAX_RAISE):
        value, reason = base * (1 + MAX_RAISE), reason + "; capped at +50%"
    unit = _unit(Money.rounded(value, current.currency))
    return _round(value, unit, current.currency, up=True), basis, reason


def _market_anchor(position: Position, current: Money, *, scale: int = 1) -> list[_Anchor]:
    if position.p75 is None or position.p75.minor * scale <= current.minor:
        return []
    reason = (
        f"the 75th percentile of {position.count} comparable market points is "
        f"{format_money(position.p75)} a year"
    )
    return [_Anchor(Fraction(position.p75.minor * scale), Basis.MARKET, reason)]


def _equity_totals(valuation: OfferValuation) -> tuple[Money, Money]:
    """Four-year equity, risk-adjusted and on paper."""
    zero = Money.zero(valuation.offer.currency)
    risk = sum((year.equity for year in valuation.years), zero)
    paper = sum((year.equity_paper for year in valuation.years), zero)
    return risk, paper


def _base(
    ours: OfferValuation, rival: OfferValuation | None, report: MarketReport
) -> ComponentCounter:
    current = ours.offer.base
    anchors = _market_anchor(report.base, current)
    if rival is not None and rival.offer.base > current:
        reason = f"{rival.offer.company} offers {format_money(rival.offer.base)} base"
        anchors.append(_Anchor(Fraction(rival.offer.base.minor), Basis.COMPETING_OFFER, reason))
    ask, basis, reason = _ask(current, anchors, cap=True)
    return ComponentCounter(Component.BASE, current, ask, _steps(current, ask), basis, reason)


def _equity(
    ours: OfferValuation, rival: OfferValuation | None, report: MarketReport
) -> ComponentCounter | None:
    offer = ours.offer
    grant = (offer.rsu.value if offer.rsu else Money.zero(offer.currency)) + (
        offer.options.paper_value if offer.options else Money.zero(offer.currency)
    )
    if grant.minor == 0:
        return None
    risk, _ = _equity_totals(ours)
    anchors = []
    if rival is not None:
        theirs, _ = _equity_totals(rival)
        if theirs > risk:
            ratio = Fraction(theirs.minor, max(risk.minor, 1))
            reason = (
                f"{rival.offer.company}'s equity is worth {format_money(theirs)} over four years "
                f"risk-adjusted, against {format_money(risk)} here"
            )
            anchors.append(_Anchor(grant.minor * ratio, Basis.COMPETING_OFFER, reason))
    yearly = annual_figures(offer).equity
    if yearly.minor:
        for anchor in _market_anchor(report.equity, yearly):
            anchors.append(
                _Anchor(grant.minor * anchor.value / yearly.minor, anchor.basis, anchor.reason)
            )
    ask, basis, reason = _ask(grant, anchors, cap=True)
    options = None
    if offer.options is not None:
        wanted = offer.options.shares * Fraction(ask.minor, grant.minor)
        options = math.ceil(wanted / 100) * 100
    return ComponentCounter(
        Component.EQUITY, grant, ask, _steps(grant, ask), basis, reason, options
    )


def _sign_on(
    ours: OfferValuation, rival: OfferValuation | None, report: MarketReport
) -> ComponentCounter | None:
    current = annual_figures(ours.offer).sign_on
    anchors = _market_anchor(report.sign_on, current)
    if rival is not None:
        theirs = annual_figures(rival.offer).sign_on
        if theirs > current:
            reason = f"{rival.offer.company} offers a {format_money(theirs)} sign-on"
            anchors.append(_Anchor(Fraction(theirs.minor), Basis.COMPETING_OFFER, reason))
    if not anchors and current.minor == 0:
        return None
    ask, basis, reason = _ask(current, anchors, cap=False)
    return ComponentCounter(Component.SIGN_ON, current, ask, _steps(current, ask), basis, reason)


def strongest(ours: OfferValuation, competing: Sequence[OfferValuation]) -> OfferValuation | None:
    """The competing offer (another company, same currency) with the highest risk-adjusted total."""
    name = ours.offer.company.strip().casefold()
    rivals = [
        other
        for other in competing
        if other.offer.company.strip().casefold() != name
        and other.offer.currency == ours.offer.currency
    ]
    return max(rivals, key=lambda other: other.total_4y.minor, default=None)


def suggest_counter(
    valuation: OfferValuation,
    *,
    competing: Sequence[OfferValuation] = (),
    market: Sequence[MarketPoint] = (),
    today: date,
) -> CounterProposal:
    """What to ask for, component by component, and the messages to send."""
    rival = strongest(valuation, competing)
    report = market_position(valuation.offer, market, today=today)
    counters = [_base(valuation, rival, report)]
    counters += [
        c for c in (_equity(valuation, rival, report), _sign_on(valuation, rival, report)) if c
    ]
    named = rival if any(c.basis is Basis.COMPETING_OFFER for c in counters) else None
    messages = (
        counter_message(valuation, counters, rival=named, report=report),
        close_message(valuation, counters),
        in_writing_message(valuation),
        ask_range_message(valuation.offer.company, role=valuation.offer.role),
    )
    reminders = [RANGE_REMINDER, "Accept nothing by phone alone: get every change in writing."]
    deadline = valuation.offer.deadline
    if deadline is not None and (deadline - today).days < 7:
        reminders.append(f"The deadline is {deadline}: ask for more time; two weeks is normal.")
    return CounterProposal(
        valuation.offer.company,
        tuple(counters),
        named.offer.company if named else None,
        messages,
        tuple(reminders),
    )


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _asks(counters: Sequence[ComponentCounter], *, step: int) -> tuple[list[str], list[str]]:
    """Phrases for figures to raise ('the base to $203,000') and to add ('a sign-on of ...')."""
    raise_, add = [], []
    for counter in counters:
        amount = format_money(counter.steps[min(step, len(counter.steps) - 1)])
        if counter.component is Component.BASE:
            raise_.append(f"the base to {amount}")
        elif counter.component is Component.EQUITY:
            extra = f" (about {counter.options:,} options)" if counter.options and step == 0 else ""
            raise_.append(f"the equity grant to {amount}{extra}")
        elif counter.current.minor == 0:
            add.append(f"a sign-on bonus of {amount}")
        else:
            raise_.append(f"the sign-on bonus to {amount}")
    return raise_, add


def _request(counters: Sequence[ComponentCounter]) -> str:
    """'Could you bring the base to X and the equity grant to Y, and add a sign-on of Z?'"""
    raise_, add = _asks(counters, step=0)
    parts = [f"bring {_join(raise_)}"] if raise_ else []
    if add:
        parts.append(f"add {_join(add)}")
    return "Could you " + ", and ".join(parts) + "?"


def _equity_fact(offer: Offer) -> list[str]:
    facts = []
    if offer.rsu is not None:
        facts.append(f"{format_money(offer.rsu.value)} in RSUs vesting over four years")
    if offer.options is not None:
        options = offer.options
        facts.append(
            f"{options.shares:,} options at a {options.strike} strike "
            f"(last preferred price {options.preferred_price})"
        )
    return facts


def _facts(rival: OfferValuation | None, report: MarketReport, offer_level: str, place: str) -> str:
    lines = []
    if rival is not None:
        offer = rival.offer
        facts = [f"{format_money(offer.base)} base", *_equity_fact(offer)]
        sign_on = annual_figures(offer).sign_on
        if sign_on.minor:
            facts.append(f"a {format_money(sign_on)} sign-on bonus")
        lines.append(f"I have another offer, from {offer.company}: {_join(facts)}.")
    total = report.total
    if total.median is not None and total.p75 is not None:
        where = " ".join(part for part in (offer_level, "in " + place if place else "") if part)
        lines.append(
            f"Recent offers and surveys for {where or 'this role'} ({total.count} data points from "
            f"the last 12 months) put the median at {format_money(total.median)} a year and the "
            f"75th percentile at {format_money(total.p75)}."
        )
    if not lines:
        lines.append(
            "Given the scope of the role and what I would bring to it, I was expecting a package "
            "closer to the numbers below."
        )
    return " ".join(lines)


def counter_message(
    valuation: OfferValuation,
    counters: Sequence[ComponentCounter],
    *,
    rival: OfferValuation | None,
    report: MarketReport,
) -> Message:
    """The first counter: thanks, the facts behind the ask, the ask, and a written offer."""
    offer = valuation.offer
    role = f"the {offer.role} role" if offer.role else "the role"
    text = (
        f"Hi,\n\nThank you for the offer for {role} at {offer.company}. I'm excited about it and "
        "would like to make it work.\n\n"
        f"{_facts(rival, report, offer.level, offer.location)}\n\n"
        f"{_request(counters)} If you can do that, I'll sign.\n\n"
        "Please send the revised offer in writing.\n\nThank you,"
    )
    return Message(MessageKind.COUNTER, f"Offer for {role} at {offer.company}", text)


def close_message(valuation: OfferValuation, counters: Sequence[ComponentCounter]) -> Message:
    """The closing line after the company's answer, at the first concession step."""
    offer = valuation.offer
    raise_, add = _asks(counters, step=1)
    text = (
        f"Hi,\n\nThank you for coming back to me. If you can get {_join(raise_ + add)}, "
        f"I'll sign the same day I receive it in writing.\n\nThank you,"
    )
    return Message(MessageKind.CLOSE, f"Closing the offer at {offer.company}", text)


def in_writing_message(valuation: OfferValuation) -> Message:
    offer = valuation.offer
    text = (
        "Hi,\n\nThank you for working on this. Could you send the updated offer letter with the "
        "base, bonus, equity (number of shares or units, and the vesting schedule), sign-on, "
        "start date and deadline, so I can review and sign the written version?\n\nThank you,"
    )
    return Message(MessageKind.IN_WRITING, f"Written offer from {offer.company}", text)


def ask_range_message(company: str, *, role: str = "") -> Message:
    """What to ask at the end of the first recruiter call (or in writing after it)."""
    what = f"the {role} role" if role else "this role"
    text = (
        f"Thank you for the call. Before we go further, could you share the salary range for "
        f"{what}, and how equity and bonus work at {company}? It helps me make sure we are "
        "aligned early and don't waste each other's time."
    )
    return Message(MessageKind.ASK_RANGE, f"Salary range for {what}", text)
