"""Breakdowns by channel and company traits."""

from __future__ import annotations

from widenet.analytics.breakdowns import Dimension, breakdowns
from widenet.track.model import Market, SizeBand, Source, ValuationBand

from .build import app, company, day

TODAY = day(60)
COMPANIES = [
    company(1, "Small co", size_band=SizeBand.SMALL, market=Market.B2B),
    company(
        2,
        "Huge co",
        size_band=SizeBand.HUGE,
        valuation_band=ValuationBand.PUBLIC,
        market=Market.CONSUMER,
    ),
    company(3, "Mystery co"),
]
APPS = [
    # Referrals: both got a response, one an onsite and an offer.
    app(
        1,
        ("applied", 0),
        ("onsite", 5),
        ("offer", 9),
        source=Source.REFERRAL,
        company_id=1,
        role_family="backend",
    ),
    app(
        2,
        ("applied", 0),
        ("recruiter", 3),
        ("withdrawn", 5),
        source=Source.REFERRAL,
        company_id=2,
        role_family="backend",
    ),
    # Cold applications: a rejection e-mail is not a response; one recruiter call.
    app(3, ("applied", 0), ("rejected", 4, "not_a_fit"), company_id=2, role_family="data"),
    app(4, ("applied", 0), ("rejected", 20, "no_response"), company_id=3),
    app(
        5,
        ("applied", 0),
        ("recruiter", 6),
        ("technical", 9),
        ("onsite", 15),
        ("rejected", 17, "failed_interview"),
        company_id=3,
        role_family="backend",
    ),
    app(6, ("applied", 0), company_id=1, role_family="data"),
]


def rows(dimension: Dimension) -> list[tuple[str, int, int, int, int, float | None]]:
    breakdown = breakdowns(APPS, COMPANIES, today=TODAY).by(dimension)
    return [
        (r.key, r.applications, r.responses, r.onsites, r.offers, r.response_rate)
        for r in breakdown.rows
    ]


def test_by_source_referrals_against_cold_applications() -> None:
    assert rows(Dimension.SOURCE) == [
        ("direct", 4, 1, 1, 0, 0.25),
        ("referral", 2, 2, 1, 1, 1.0),
    ]


def test_by_size_band_in_band_order_unknown_last() -> None:
    assert rows(Dimension.SIZE_BAND) == [
        ("small", 2, 1, 1, 1, 0.5),
        ("huge", 2, 1, 0, 0, 0.5),
        ("unknown", 2, 1, 1, 0, 0.5),
    ]


def test_by_valuation_and_market() -> None:
    assert rows(Dimension.VALUATION_BAND) == [
        ("public", 2, 1, 0, 0, 0.5),
        ("unknown", 4, 2, 2, 1, 0.5),
    ]
    assert [r[0] for r in rows(Dimension.MARKET)] == ["b2b", "consumer", "unknown"]


def test_by_role_family_largest_first() -> None:
    assert rows(Dimension.ROLE_FAMILY) == [
        ("backend", 3, 3, 2, 1, 1.0),
        ("data", 2, 0, 0, 0, 0.0),
        ("unknown", 1, 0, 0, 0, 0.0),
    ]


def test_labels_read_as_the_user_knows_them() -> None:
    result = breakdowns(APPS, COMPANIES, today=TODAY)
    assert [r.label for r in result.by(Dimension.SIZE_BAND).rows] == [
        "Small (<50 engineers)",
        "Huge (1000+)",
        "Unknown",
    ]
    assert [r.label for r in result.by(Dimension.MARKET).rows] == ["B2B", "Consumer", "Unknown"]


def test_empty_search_has_every_dimension_and_no_rows() -> None:
    result = breakdowns([], [], today=TODAY)
    assert [b.dimension for b in result.dimensions] == list(Dimension)
    assert all(b.rows == () for b in result.dimensions)
