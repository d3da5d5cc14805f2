"""Negotiation rounds: a new revision each time, the history kept, diffs between any two."""

from __future__ import annotations

from datetime import date

import pytest

from tests.offers.builders import offer, usd
from widenet.errors import Conflict, InvalidInput
from widenet.offers.model import SignOnPayment
from widenet.offers.revisions import Party, diff, diff_revisions, revise, start_history


def test_rounds_keep_the_history_and_say_what_changed() -> None:
    first = offer(base=usd(180_000))
    history = start_history(first, on=date(2026, 11, 20))
    history = revise(
        history,
        offer(base=usd(190_000), sign_on=(SignOnPayment(usd(20_000)),)),
        on=date(2026, 11, 23),
        by=Party.COMPANY,
        asked="base 200,000 and a 25,000 sign-on",
    )
    history = revise(history, history.current, on=date(2026, 11, 24), asked="base 195,000")
    assert [r.number for r in history.revisions] == [1, 2, 3]
    assert history.first == first
    assert history.current.base == usd(190_000)
    second = history.revision(2)
    assert second.asked == "base 200,000 and a 25,000 sign-on"
    assert [change.describe() for change in second.changes] == [
        "base: 180000 → 190000",
        "sign_on[0].amount: added 20000",
        "sign_on[0].year: added 1",
        "sign_on[0].clawback_months: added 12",
    ]
    assert history.revision(3).changes == ()  # the company said no: a round all the same
    assert [c.field for c in diff_revisions(history, 1, 3)] == [c.field for c in second.changes]


def test_a_removed_field_shows_as_removed() -> None:
    changes = diff(offer(relocation=usd(5_000)), offer())
    assert [change.describe() for change in changes] == ["relocation: removed (was 5000)"]


def test_rounds_are_recorded_in_order() -> None:
    history = start_history(offer(), on=date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="before the previous round") as caught:
        revise(history, offer(), on=date(2026, 11, 19))
    assert caught.value.field == "on"


def test_another_company_is_not_a_revision() -> None:
    history = start_history(offer(), on=date(2026, 11, 20))
    with pytest.raises(Conflict, match="separate offer"):
        revise(history, offer(company="Other"), on=date(2026, 11, 21))


def test_an_unknown_revision_is_named() -> None:
    history = start_history(offer(), on=date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="no revision 4"):
        history.revision(4)
