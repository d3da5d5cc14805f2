"""Counter-offers on built cases: grounded in a competing offer, the market, or 10-20%."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from tests.offers.builders import TODAY, offer, options, usd
from widenet.offers.market import MarketPoint
from widenet.offers.model import Offer, RsuGrant, SignOnPayment
from widenet.offers.money import Money
from widenet.offers.negotiate import (
    RANGE_REMINDER,
    Basis,
    Component,
    MessageKind,
    ask_range_message,
    strongest,
    suggest_counter,
)
from widenet.offers.value import OfferValuation, value_offer
from widenet.offers.vesting import preset


def valued(item: Offer) -> OfferValuation:
    return value_offer(item, rng=np.random.default_rng(3), runs=500)


def rival(base: int = 180_000, **changes: object) -> OfferValuation:
    return valued(offer(company="Rival", base=usd(base), **changes))


def peers(*bases: int) -> list[MarketPoint]:
    return [
        MarketPoint("Peer", "Senior", "Seattle, WA", TODAY - timedelta(days=20), usd(b))
        for b in bases
    ]


def test_with_no_data_the_counter_is_15_percent() -> None:
    proposal = suggest_counter(valued(offer(base=usd(150_000))), today=TODAY)
    base = proposal.counter(Component.BASE)
    assert base is not None
    # 150,000 x 1.15 = 172,500, rounded up to a round $1,000.
    assert base.ask == usd(173_000)
    assert base.basis is Basis.STANDARD
    # Concede in thirds of the gap: 165,333 -> 165,000 and 157,667 -> 158,000.
    assert base.steps == (usd(173_000), usd(165_000), usd(158_000))
    assert base.floor == usd(158_000)
    assert proposal.counter(Component.EQUITY) is None  # no equity offered
    assert proposal.counter(Component.SIGN_ON) is None  # no sign-on and nothing to ground one
    assert proposal.competitor is None
    counter = proposal.messages[0]
    assert "expecting a package closer" in counter.text  # a reason, even without data


@pytest.mark.parametrize(
    ("rival_base", "ask", "basis"),
    [
        (180_000, 180_000, Basis.COMPETING_OFFER),  # match the competing base
        (155_000, 165_000, Basis.COMPETING_OFFER),  # a small gap still asks at least +10%
        (300_000, 225_000, Basis.COMPETING_OFFER),  # capped at +50%
    ],
)
def test_the_base_counter_is_grounded_in_the_competing_offer(
    rival_base: int, ask: int, basis: Basis
) -> None:
    proposal = suggest_counter(
        valued(offer(base=usd(150_000))), competing=[rival(rival_base)], today=TODAY
    )
    base = proposal.counter(Component.BASE)
    assert base is not None
    assert base.ask == usd(ask)
    assert base.basis is basis
    assert "Rival" in base.reason
    assert proposal.competitor == "Rival"


def test_the_cap_is_said_in_the_reason() -> None:
    proposal = suggest_counter(valued(offer()), competing=[rival(300_000)], today=TODAY)
    base = proposal.counter(Component.BASE)
    assert base is not None
    assert "capped at +50%" in base.reason


def test_the_market_75th_percentile_grounds_the_counter() -> None:
    market = peers(160_000, 170_000, 180_000, 190_000, 200_000, 210_000)
    proposal = suggest_counter(valued(offer(base=usd(150_000))), market=market, today=TODAY)
    base = proposal.counter(Component.BASE)
    assert base is not None
    assert base.ask == usd(198_000)  # p75 = 197,500, rounded up
    assert base.basis is Basis.MARKET
    assert "75th percentile" in proposal.messages[0].text
    assert "6 data points" in proposal.messages[0].text


def test_the_strongest_competing_offer_is_the_one_named() -> None:
    weaker = rival(160_000)
    stronger = valued(offer(company="Bigco", base=usd(175_000)))
    same_company = valued(offer(company="acme", base=usd(400_000)))  # the offer's own company
    euros = valued(offer(company="Eurco", base=Money.of(500_000, "EUR")))
    ours = valued(offer(base=usd(150_000)))
    assert strongest(ours, [weaker, stronger, same_company, euros]) is stronger


def test_options_are_countered_in_options_by_risk_adjusted_value() -> None:
    ours = valued(offer(options=options()))  # 10,000 options: $30,000 on paper, $120,000 expected
    theirs = rival(150_000, rsu=RsuGrant(preset("25/25/25/25"), grant_value=usd(150_000)))
    proposal = suggest_counter(ours, competing=[theirs], today=TODAY)
    equity = proposal.counter(Component.EQUITY)
    assert equity is not None
    # Rival's equity is worth 150,000 against 120,000 here: ask 1.25 x the grant.
    assert equity.current == usd(30_000)
    assert equity.ask == usd(37_500)
    assert equity.options == 12_500
    assert "12,500 options" in proposal.messages[0].text


def test_a_competing_sign_on_is_asked_for() -> None:
    theirs = rival(150_000, sign_on=(SignOnPayment(usd(25_000)),))
    proposal = suggest_counter(valued(offer()), competing=[theirs], today=TODAY)
    sign_on = proposal.counter(Component.SIGN_ON)
    assert sign_on is not None
    assert sign_on.ask == usd(25_000)
    assert "add a sign-on bonus of $25,000" in proposal.messages[0].text


def test_the_messages_follow_the_rules() -> None:
    theirs = rival(180_000, rsu=RsuGrant(preset("25/25/25/25"), grant_value=usd(200_000)))
    proposal = suggest_counter(valued(offer()), competing=[theirs], today=TODAY)
    kinds = [message.kind for message in proposal.messages]
    assert kinds == [
        MessageKind.COUNTER,
        MessageKind.CLOSE,
        MessageKind.IN_WRITING,
        MessageKind.ASK_RANGE,
    ]
    counter, close, writing, _ = proposal.messages
    # Name the competing offer's facts, give the ask, close with "I'll sign", get it in writing.
    assert "another offer, from Rival: $180,000 base and $200,000 in RSUs" in counter.text
    assert "Could you bring the base to $180,000" in counter.text
    assert "If you can do that, I'll sign." in counter.text
    assert "in writing" in counter.text
    # The close names the first concession step.
    base = proposal.counter(Component.BASE)
    assert base is not None
    assert f"the base to {base.steps[1]}" in close.text
    assert "I'll sign" in close.text
    assert "offer letter" in writing.text
    assert RANGE_REMINDER in proposal.reminders


def test_a_near_deadline_adds_a_reminder() -> None:
    soon = valued(offer(deadline=TODAY + timedelta(days=3)))
    proposal = suggest_counter(soon, today=TODAY)
    assert any("ask for more time" in reminder for reminder in proposal.reminders)
    later = suggest_counter(valued(offer(deadline=date(2026, 12, 20))), today=TODAY)
    assert not any("ask for more time" in reminder for reminder in later.reminders)


def test_the_first_call_message_asks_for_the_range() -> None:
    message = ask_range_message("Acme", role="Senior Engineer")
    assert message.kind is MessageKind.ASK_RANGE
    assert "salary range for the Senior Engineer role" in message.text


def test_asks_are_rounded_to_three_significant_figures_of_the_ask() -> None:
    theirs = rival(150_000, sign_on=(SignOnPayment(usd("161784.51")),))
    proposal = suggest_counter(valued(offer()), competing=[theirs], today=TODAY)
    sign_on = proposal.counter(Component.SIGN_ON)
    assert sign_on is not None
    assert sign_on.ask == usd(162_000)
