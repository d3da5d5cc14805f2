"""Offer use cases on a real database (SQLite, and PostgreSQL when there is one)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from tests.conftest import Search
from widenet.errors import Conflict, ImportRejected, InvalidInput
from widenet.offers.fileformat import parse_offer
from widenet.offers.market import Verdict
from widenet.offers.money import Money
from widenet.offers.revisions import Party
from widenet.services import offers, tracking
from widenet.services.demo import build
from widenet.services.offer_terms import OfferTerms
from widenet.services.offers_views import OfferView
from widenet.storage import offers_repo
from widenet.storage.repo import Store
from widenet.storage.tables import MarketPointRow, OfferRevisionRow, OfferRow
from widenet.track.stages import Stage

ROLE = "Senior Engineer"


def company_at(search: Search, name: str, *, offer_days_ago: int | None = 3, **fields: Any) -> None:
    """A company with one application, at the offer stage unless ``offer_days_ago`` is None."""
    fields.setdefault("location", "Seattle, WA")
    search(lambda s: tracking.add_company(s, name=name, **fields))
    applied = search.today - timedelta(days=30)
    search(lambda s: tracking.apply_to(s, search.moment, company=name, role=ROLE, on=applied))
    if offer_days_ago is not None:
        on = search.today - timedelta(days=offer_days_ago)
        search(lambda s: tracking.move(s, search.moment, company=name, stage="offer", on=on))


def add(search: Search, name: str, **kw: Any) -> OfferView:
    kw.setdefault("terms", OfferTerms())
    return search(lambda s: offers.add_offer(s, search.moment, company=name, **kw))


def stored_rows(search: Search, model: Any) -> int:
    return int(search(lambda s: s.session.scalar(select(func.count()).select_from(model))) or 0)


def day(offset: int, search: Search) -> str:
    return (search.today + timedelta(days=offset)).isoformat()


# -- three offers like the demo's: hand-computable where it matters ------------------------
def large_public(search: Search) -> dict[str, Any]:
    """$200,000 base, $20,000 sign-on, $400,000 of RSUs over 4 years: year 1 is $320,000,
    years 2-4 $300,000, four years $1,220,000 (RSUs at the stated price, so paper = risk)."""
    return {
        "company": "Northwind Cloud", "level": "Senior", "location": "Seattle, WA",
        "stage": "public", "offer_date": day(-3, search), "deadline": day(10, search),
        "start_date": day(30, search), "base": "200000", "sign_on": "20000",
        "rsu": {"grant_value": "400000", "vesting": {"preset": "25/25/25/25"}},
    }  # fmt: skip


def growth_startup(search: Search) -> dict[str, Any]:
    return {
        "company": "Brightpath", "level": "Senior", "location": "Seattle, WA",
        "stage": "growth", "offer_date": day(-2, search), "deadline": day(5, search),
        "start_date": day(30, search), "base": "178000", "sign_on": "15000",
        "options": {
            "shares": 30000, "strike": "3.20", "preferred_price": "12.00",
            "fully_diluted_shares": 60000000,
        },
    }  # fmt: skip


def small_startup(search: Search) -> dict[str, Any]:
    """75,000 options at $0.25 on 0.5% of the company (15M shares); exits of $0 or $20M with
    even odds, nothing else: a $20M exit is $4/3 a share, so the grant pays
    75,000 × (4/3 − 1/4) = $81,250, expected $40,625; four years 4 × 150,000 + 40,625."""
    return {
        "company": "Tinkerworks", "level": "Senior", "location": "Seattle, WA",
        "stage": "seed", "offer_date": day(-1, search), "deadline": day(20, search),
        "start_date": day(30, search), "base": "150000",
        "options": {
            "shares": 75000, "strike": "0.25", "preferred_price": "1.10",
            "ownership_percent": "0.5",
            "assumptions": {
                "scenarios": [
                    {"probability": "0.5", "exit_value": 0},
                    {"probability": "0.5", "exit_value": 20000000},
                ],
                "future_rounds": 0, "dilution_percent": 0, "preference": 0,
                "preferred_percent": 0, "discount_rate_percent": 0, "spread": 0,
            },
        },
    }  # fmt: skip


def three_offers(search: Search) -> None:
    for make in (large_public, growth_startup, small_startup):
        document = make(search)
        company_at(search, document["company"])
        add(search, document["company"], document=document)


# -- recording -----------------------------------------------------------------------------
def test_an_offer_needs_the_offer_stage_or_the_flag_to_record_it(search: Search) -> None:
    company_at(search, "Acme", offer_days_ago=None)
    with pytest.raises(Conflict) as caught:
        add(search, "acme", terms=OfferTerms(base="185000"))
    assert "widenet move" in caught.value.hint
    assert stored_rows(search, OfferRow) == 0
    view = add(search, "acme", terms=OfferTerms(base="185000"), move_to_offer=True)
    assert view.status.current is Stage.OFFER
    assert view.current.base == Money(185_000_00, "USD")
    assert view.current.offer_date == search.today
    with pytest.raises(Conflict, match="already has an offer"):
        add(search, "acme", terms=OfferTerms(base="190000"))


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        (OfferTerms(base="-185000"), "base"),
        (OfferTerms(base="185000", sign_on="-1000"), "sign_on"),
        (OfferTerms(base="185000", rsu="100000", vesting="25/25/25/20"), "rsu.vesting.years"),
        (OfferTerms(base="185000", deadline=date(2026, 11, 1)), "deadline"),
        (OfferTerms(base="185000.001"), "base"),
        (OfferTerms(base="185000", options="1000", strike="1"), "options.preferred_price"),
    ],
)
def test_bad_offers_name_the_field_and_write_nothing(
    search: Search, terms: OfferTerms, field: str
) -> None:
    company_at(search, "Acme", offer_days_ago=None)
    with pytest.raises(InvalidInput) as caught:
        add(search, "acme", terms=terms, move_to_offer=True)
    named = {caught.value.field} | {problem.field for problem in caught.value.problems}
    assert any(name and name.startswith(field) for name in named), named
    assert stored_rows(search, OfferRow) == 0
    assert stored_rows(search, OfferRevisionRow) == 0
    events = search(lambda s: s.applications()[0].events)
    assert [event.stage for event in events] == [Stage.APPLIED]  # the stage move rolled back


def test_terms_are_stored_in_minor_units_and_read_back_exactly(search: Search) -> None:
    document = {
        **small_startup(search),
        "role": ROLE,
        "sign_on": [{"amount": "15000.50", "year": 1}, {"amount": "10000", "year": 2}],
        "bonus": {"target_percent": "12.5", "payout_factor": "0.8"},
        "relocation": "8000.05",
        "rsu": {"shares": 1234, "share_price": "37.1234", "vesting": {"preset": "5/15/40/40"}},
        "retirement": {"percent_of_base": "3", "annual_cap": "6000"},
        "benefits": [{"name": "Learning budget", "annual_value": "1500.99"}],
    }
    company_at(search, "Tinkerworks")
    view = add(search, "tinker", document=document)
    assert view.current == parse_offer(document)
    terms: dict[str, Any] = search(
        lambda s: s.session.scalars(select(OfferRevisionRow.terms)).one()
    )
    assert terms["base"] == 150_000_00
    assert terms["relocation"] == 8000_05
    assert terms["sign_on"][0]["amount"] == 15000_50
    assert terms["rsu"]["share_price"] == 37_123_400  # millionths
    assert terms["options"]["strike"] == 250_000
    assert not _floats(terms)
    shown = search(lambda s: offers.show_offer(s, search.moment, company="tinker"))
    assert shown.current == view.current


def _floats(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [f for value in data.values() for f in _floats(value)]
    if isinstance(data, list):
        return [f for value in data for f in _floats(value)]
    return [data] if isinstance(data, float) else []


def test_revisions_are_appended_and_never_changed(search: Search) -> None:
    company_at(search, "Acme", offer_days_ago=6)
    add(search, "acme", terms=OfferTerms(base="180000", offer_date=search.today - timedelta(6)))
    first = search(lambda s: s.session.execute(select(OfferRevisionRow)).scalars().one().terms)
    search(
        lambda s: offers.revise_offer(
            s,
            search.moment,
            company="acme",
            terms=OfferTerms(base="190000", sign_on="20000"),
            asked="base 200000 and a sign-on",
            on=search.today - timedelta(days=2),
        )
    )
    view = search(
        lambda s: offers.revise_offer(
            s, search.moment, company="acme", terms=OfferTerms(), by=Party.CANDIDATE
        )
    )
    rows = search(
        lambda s: [
            (row.number, row.by, row.terms)
            for row in s.session.scalars(select(OfferRevisionRow).order_by(OfferRevisionRow.id))
        ]
    )
    assert [(number, by) for number, by, _ in rows] == [
        (1, "company"),
        (2, "company"),
        (3, "candidate"),
    ]
    assert rows[0][2] == first  # the first round is exactly as it was written
    assert rows[1][2]["base"] == 190_000_00
    history = view.history
    changes = [c.describe() for c in history.revisions[1].changes]
    assert {"base: 180000 → 190000", "sign_on[0].amount: added 20000"} <= set(changes)
    assert history.revisions[1].asked == "base 200000 and a sign-on"
    assert history.revisions[2].changes == ()  # the company said no: a round with no change
    assert history.current.base == Money(190_000_00, "USD")


def test_rounds_keep_their_order_and_do_not_come_from_the_future(search: Search) -> None:
    company_at(search, "Acme", offer_days_ago=3)
    add(search, "acme", terms=OfferTerms(base="180000", offer_date=search.today - timedelta(3)))

    def revise(s: Store, on: date) -> OfferView:
        return offers.revise_offer(
            s, search.moment, company="acme", terms=OfferTerms(base="1"), on=on
        )

    for on in (search.today - timedelta(days=5), search.today + timedelta(days=1)):
        with pytest.raises(InvalidInput):
            search(partial(revise, on=on))
    assert stored_rows(search, OfferRevisionRow) == 1


def test_an_offer_file_must_be_from_the_same_company(search: Search) -> None:
    company_at(search, "Acme")
    with pytest.raises(InvalidInput) as caught:
        add(search, "acme", document=large_public(search))
    assert caught.value.field == "company"


# -- market data ---------------------------------------------------------------------------
GOOD_CSV = """company,level,location,date,base,bonus,equity_per_year,kind
Quill,Senior,"Seattle, WA",2026-10-01,190000,19000,40000,peer_offer
Survey,Senior,"Seattle, WA",2026-09-01,"200,000.50",,,survey
"""


def test_market_csv_import_is_all_or_nothing(search: Search) -> None:
    bad = GOOD_CSV + 'Zeta,Senior,"Seattle, WA",2026-13-01,abc,,,\nYak,,Remote,2026-09-01,-5,,,\n'
    with pytest.raises(ImportRejected) as caught:
        search(lambda s: offers.import_market(s, bad))
    lines = {problem.line for problem in caught.value.problems}
    assert lines == {4, 5}
    fields = {(problem.line, problem.field) for problem in caught.value.problems}
    assert {(4, "date"), (4, "base"), (5, "level"), (5, "base")} <= fields
    assert stored_rows(search, MarketPointRow) == 0
    assert search(lambda s: offers.import_market(s, GOOD_CSV)) == 2
    points = search(lambda s: offers.market_points(s, level="senior", location="seattle,  wa"))
    assert [p.point.base.minor for p in points] == [190_000_00, 200_000_50]


def test_a_market_point_is_checked_before_it_is_kept(search: Search) -> None:
    def point(**kw: Any) -> Any:
        values = {"company": "Quill", "level": "Senior", "location": "Remote", "base": "190000"}
        return search(lambda s: offers.add_market_point(s, search.moment, **{**values, **kw}))

    with pytest.raises(InvalidInput) as caught:
        point(equity_per_year="-1")
    assert caught.value.field == "equity_per_year"
    with pytest.raises(InvalidInput) as caught:
        point(on=search.today + timedelta(days=1))
    assert caught.value.field == "date"
    with pytest.raises(InvalidInput) as caught:
        point(kind="rumour")
    assert caught.value.field == "kind"
    assert stored_rows(search, MarketPointRow) == 0
    assert point(bonus="10000").figure("total") == Money(200_000_00, "USD")


# -- comparing and negotiating -------------------------------------------------------------
def usd(dollars: float) -> Money:
    return Money(round(dollars * 100), "USD")


def market_around(search: Search) -> None:
    """Three comparable points with totals $200k, $220k, $240k (base only)."""

    def point(s: Store, base: str) -> object:
        return offers.add_market_point(
            s, search.moment, company="Peer", level="senior", location="Seattle,  WA",
            base=base, on=search.today - timedelta(days=30),
        )  # fmt: skip

    for base in ("200000", "220000", "240000"):
        search(partial(point, base=base))


def test_the_three_offers_compared_year_by_year(search: Search) -> None:
    three_offers(search)
    market_around(search)
    result = search(lambda s: offers.compare_offers(s, search.moment))
    [group] = result.groups
    rows = {row.valued.view.company.name: row for row in group.rows}
    large, growth, small = rows["Northwind Cloud"], rows["Brightpath"], rows["Tinkerworks"]
    assert [y.total for y in large.valued.valuation.years] == [usd(320_000)] + [usd(300_000)] * 3
    assert large.valued.valuation.total_4y == usd(1_220_000)
    assert large.valued.valuation.total_4y_paper == large.valued.valuation.total_4y
    assert small.valued.valuation.total_4y == usd(640_625)
    assert small.valued.valuation.equity is not None
    assert small.valued.valuation.equity.p_zero == pytest.approx(0.5)
    # Options: the risk-adjusted value is below the paper value at a growth-stage company.
    assert growth.valued.valuation.total_4y < growth.valued.valuation.total_4y_paper
    totals = sorted(rows.values(), key=lambda r: -r.valued.valuation.total_4y.minor)
    assert [row.compared.rank for row in totals] == [1, 2, 3]
    # Deadlines: Brightpath's is 5 days away, an exploding offer.
    assert growth.deadline.days_left == 5
    assert growth.deadline.exploding
    assert not large.deadline.exploding
    assert any("Brightpath" in w and "exploding" in w for w in group.comparison.warnings)
    # Market: annual totals $300,000 (large) and $165,937.50 (small) against $200-240k.
    assert large.valued.market.verdict is Verdict.HIGH
    assert small.valued.market.verdict is Verdict.LOW
    assert result.left_out == ()


def test_compare_is_reproducible_and_leaves_out_ended_processes(search: Search) -> None:
    three_offers(search)
    search(lambda s: tracking.close(s, search.moment, company="tinker", outcome=Stage.DECLINED))
    first = search(lambda s: offers.compare_offers(s, search.moment, seed=5))
    again = search(lambda s: offers.compare_offers(s, search.moment, seed=5))
    assert [v.company.name for v in first.left_out] == ["Tinkerworks"]
    assert [r.valued.valuation for r in first.rows] == [r.valued.valuation for r in again.rows]
    alone = search(lambda s: offers.value_stored(s, search.moment, company="bright", seed=5))
    assert alone.valuation == first.rows[1].valued.valuation
    everything = search(lambda s: offers.compare_offers(s, search.moment, include_closed=True))
    assert len(everything.rows) == 3


def test_compensation_by_company_is_the_open_offers_four_year_value(search: Search) -> None:
    three_offers(search)
    search(lambda s: tracking.close(s, search.moment, company="north", outcome=Stage.DECLINED))
    values = search(lambda s: offers.compensation_by_company(s, search.moment))
    assert set(values) == {"Brightpath", "Tinkerworks"}
    assert values["Tinkerworks"] == 640_625_00


def test_negotiation_leans_on_the_strongest_open_offer(search: Search) -> None:
    three_offers(search)
    market_around(search)
    view = search(lambda s: offers.negotiate_offer(s, search.moment, company="tinker"))
    assert view.proposal is not None
    assert view.proposal.competitor == "Northwind Cloud"
    assert set(view.competing) == {"Northwind Cloud", "Brightpath"}
    base = view.proposal.counters[0]
    assert base.current == Money(150_000_00, "USD")
    assert base.ask > base.current
    counter = view.messages[0].text
    assert "Northwind Cloud" in counter
    assert "$200,000 base" in counter
    assert "I'll sign" in counter
    assert view.fairness is None  # opt-in only
    checked = search(
        lambda s: offers.negotiate_offer(s, search.moment, company="tinker", check_fairness=True)
    )
    assert checked.fairness is not None
    assert checked.fairness.flagged  # $165,937.50 a year against a median of $220,000


def test_before_an_offer_negotiation_is_the_range_question(search: Search) -> None:
    company_at(search, "Acme", offer_days_ago=None)
    view = search(lambda s: offers.negotiate_offer(s, search.moment, company="acme"))
    assert view.proposal is None
    assert "salary range" in view.messages[0].text
    assert any("1 of 25" in reminder for reminder in view.reminders)


# -- the demo ------------------------------------------------------------------------------
def test_the_demo_has_three_offers_one_negotiated_and_market_data(sqlite_search: Search) -> None:
    today = date(2026, 12, 3)
    sqlite_search(lambda s: build(s, seed=7, today=today, zone=ZoneInfo("America/New_York")))
    stored = sqlite_search(offers_repo.offers)
    assert len(stored) == 3
    assert sorted(len(item.history.revisions) for item in stored) == [1, 1, 2]
    kinds = sorted(
        ("rsu" if item.current.rsu else "") + ("options" if item.current.options else "")
        for item in stored
    )
    assert kinds == ["options", "options", "rsu"]
    apps = {app.id: app for app in sqlite_search(lambda s: s.applications())}
    for item in stored:
        assert Stage.OFFER in {event.stage for event in apps[item.application_id].events}
    points = sqlite_search(offers.market_points)
    assert len(points) == 9
    sqlite_search.at(sqlite_search.moment.now.replace(year=2026, month=12, day=3))
    result = sqlite_search(lambda s: offers.compare_offers(s, sqlite_search.moment))
    assert all(row.valued.market.verdict is not None for row in result.rows)
    assert any(row.deadline.exploding for row in result.rows)
