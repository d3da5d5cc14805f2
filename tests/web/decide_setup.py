"""Searches for the decide and offers tests: processes at the offer, offers, ratings, the demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Search
from tests.web.conftest import Web, build
from widenet.services import demo, evaluate, offers, tracking
from widenet.services.offer_terms import OfferTerms
from widenet.services.offers_views import OfferView


def apply(search: Search, company: str, *, role: str = "Backend", days_ago: int = 30) -> int:
    on = search.today - timedelta(days=days_ago)
    view, _ = search(
        lambda s: tracking.apply_to(s, search.moment, company=company, role=role, on=on)
    )
    return view.application.id


def at_offer(search: Search, company: str, *, days_ago: int = 30) -> int:
    """An application of ``company`` that reached the offer stage a week ago."""
    app_id = apply(search, company, days_ago=days_ago)
    on = search.today - timedelta(days=7)
    search(lambda s: tracking.move(s, search.moment, company=company, stage="offer", on=on))
    return app_id


def record_offer(search: Search, company: str, **terms: Any) -> OfferView:
    """An offer from ``company`` (its process is moved to the offer first)."""
    at_offer(search, company)
    values = {"base": "100000", "offer_date": search.today - timedelta(days=7), **terms}
    return search(
        lambda s: offers.add_offer(s, search.moment, company=company, terms=OfferTerms(**values))
    )


def rate(
    search: Search, company: str, *scores: str, on: date | None = None, after: str = ""
) -> None:
    search(
        lambda s: evaluate.rate(
            s, search.moment, company=company, scores=list(scores), after=after or None, on=on
        )
    )


@pytest.fixture
def demo_web(sqlite_search: Search) -> Iterator[Web]:
    """The app over the demo search (its offers, ratings and market data), on SQLite."""
    today = sqlite_search.today
    sqlite_search(lambda s: demo.build(s, seed=7, today=today, zone=ZoneInfo("UTC")))
    app = build(sqlite_search)
    yield Web(app, sqlite_search)
    app.state.database.dispose()
