"""Market data: CSV import (all or nothing), comparable points, percentiles and verdicts."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from tests.offers.builders import TODAY, offer, usd
from widenet.errors import ImportRejected
from widenet.offers.market import (
    MarketPoint,
    PointKind,
    Verdict,
    comparable,
    market_position,
    parse_market_csv,
    percentile_of,
    quantile,
    verdict_for,
)
from widenet.offers.money import Money


def point(base: int, *, level: str = "Senior", location: str = "Seattle, WA", days_ago: int = 30,
          equity: int = 0, currency: str = "USD") -> MarketPoint:  # fmt: skip
    return MarketPoint(
        company="Peer",
        level=level,
        location=location,
        on=TODAY - timedelta(days=days_ago),
        base=Money.of(base, currency),
        equity_per_year=Money.of(equity, currency),
    )


@pytest.mark.parametrize(
    ("value", "sample", "expected"),
    [
        (100, [100, 200, 300, 400], 12.5),  # equal to the lowest counts half
        (250, [100, 200, 300, 400], 50.0),
        (50, [100, 200, 300, 400], 0.0),
        (500, [100, 200, 300, 400], 100.0),
        (200, [200, 200, 200], 50.0),
    ],
)
def test_mid_rank_percentile(value: int, sample: list[int], expected: float) -> None:
    assert percentile_of(value, sample) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [(Fraction(0), 100), (Fraction(1, 2), 250), (Fraction(1, 4), 175), (Fraction(1), 400)],
)
def test_quantile_interpolates(q: Fraction, expected: int) -> None:
    assert quantile([400, 100, 300, 200], q) == expected


@pytest.mark.parametrize(
    ("percentile", "verdict"),
    [(0, Verdict.LOW), (24.9, Verdict.LOW), (25, Verdict.FAIR), (75, Verdict.FAIR),
     (75.1, Verdict.HIGH), (100, Verdict.HIGH)],
)  # fmt: skip
def test_verdict_thresholds(percentile: float, verdict: Verdict) -> None:
    assert verdict_for(percentile) is verdict


def test_only_comparable_points_count() -> None:
    points = [
        point(180_000),
        point(181_000, level=" senior ", location="seattle,  wa"),  # case and spaces ignored
        point(182_000, level="Staff"),
        point(183_000, location="Austin, TX"),
        point(184_000, days_ago=366),  # older than 12 months
        point(184_500, days_ago=365),  # exactly 12 months: still in
        point(185_000, days_ago=-1),  # in the future
        point(186_000, currency="EUR"),
    ]
    near = comparable(points, level="Senior", location="Seattle, WA", currency="USD", today=TODAY)
    assert [p.base for p in near] == [usd(180_000), usd(181_000), usd(184_500)]


@pytest.mark.parametrize(
    ("base", "verdict"),
    [(150_000, Verdict.LOW), (185_000, Verdict.FAIR), (230_000, Verdict.HIGH)],
)
def test_an_offer_gets_a_verdict_among_its_peers(base: int, verdict: Verdict) -> None:
    points = [point(b) for b in (160_000, 170_000, 180_000, 190_000, 200_000, 210_000)]
    report = market_position(offer(base=usd(base)), points, today=TODAY)
    assert report.base.verdict is verdict
    assert report.verdict is verdict  # no bonus or equity anywhere: total = base
    assert report.base.count == 6
    assert report.base.median == usd(185_000)
    assert report.base.p75 == usd(197_500)


def test_too_few_points_give_no_verdict() -> None:
    report = market_position(offer(), [point(100_000), point(200_000)], today=TODAY)
    assert report.verdict is None
    assert report.base.percentile is None
    assert report.base.count == 2


def test_total_adds_equity_per_year() -> None:
    points = [point(150_000, equity=e) for e in (20_000, 40_000, 60_000)]
    report = market_position(offer(base=usd(150_000)), points, today=TODAY)
    assert report.total.median == usd(190_000)
    assert report.total.verdict is Verdict.LOW  # no equity: below all three totals


GOOD = """company,level,location,date,kind,currency,base,bonus,equity_per_year,sign_on,note
Largeco,Senior,"Seattle, WA",2026-10-01,peer_offer,USD,"190,000",20000,100000,50000,friend's offer
Survey 2026,Senior,"Seattle, WA",2026-06-30,survey,,185000.50,,,,
"""


def test_csv_points_are_read() -> None:
    points = parse_market_csv(GOOD)
    assert len(points) == 2
    first, second = points
    assert first.base == usd(190_000)
    assert first.sign_on == usd(50_000)
    assert first.kind is PointKind.PEER_OFFER
    assert first.note == "friend's offer"
    assert second.kind is PointKind.SURVEY
    assert second.base == usd("185000.50")
    assert second.bonus is None
    assert second.on == date(2026, 6, 30)


def test_bad_rows_are_all_reported_and_nothing_is_imported() -> None:
    text = (
        "company,level,location,date,base,bonus,kind\n"
        "Good,Senior,Seattle,2026-10-01,180000,,\n"
        "Bad date,Senior,Seattle,2026-13-01,180000,,\n"
        ",Senior,Seattle,2026-10-01,-5,abc,bonus\n"
    )
    with pytest.raises(ImportRejected, match="nothing was imported") as caught:
        parse_market_csv(text)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {(3, "date"), (4, "company"), (4, "base"), (4, "bonus"), (4, "kind")}
    messages = {p.field: p.message for p in caught.value.problems if p.line == 4}
    assert "negative" in messages["base"]
    assert "not one of" in messages["kind"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("company,level,location,base", "date"),  # a required column is missing
        ("company,level,location,date,base,salary", "salary"),  # an unknown column
    ],
)
def test_a_wrong_header_is_refused(header: str, field: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        parse_market_csv(header + "\n")
    assert (1, field) in {(p.line, p.field) for p in caught.value.problems}


def test_a_row_with_extra_cells_is_refused() -> None:
    with pytest.raises(ImportRejected) as caught:
        parse_market_csv("company,level,location,date,base\nA,B,C,2026-01-01,1,extra\n")
    assert caught.value.problems[0].line == 2
