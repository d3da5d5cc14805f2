"""Offers in the browser: the comparison page, adding and revising offers, negotiation, market
data; messages next to the fields, nothing written on a refused form, all-or-nothing imports."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest

from tests.web.conftest import Web
from tests.web.decide_setup import apply, at_offer, demo_web, record_offer
from tests.web.test_pages import field_message

__all__ = ["demo_web"]


def offers(web: Web) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = web.api("GET", "/offers").json()
    return found


def market(web: Web) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = web.api("GET", "/market-points").json()
    return found


def upload(web: Web, url: str, name: str, data: bytes, **fields: str) -> Any:
    return web.client.post(
        url, data={"csrf_token": web.token, **fields}, files={"file": (name, data)}
    )


# -- the comparison page ---------------------------------------------------------------------
def test_the_offers_page_on_an_empty_search(sqlite_web: Web) -> None:
    response = sqlite_web.get("/offers")
    assert response.status_code == 200
    assert "No open offer yet" in response.text
    assert "plotly.min.js" not in response.text
    assert "No market data yet" in response.text
    assert 'aria-current="page">Offers<' in response.text


def test_the_demo_offers_compared(demo_web: Web) -> None:
    html = demo_web.get("/offers").text
    assert 'src="/assets/plotly.min.js"' in html
    assert html.count("data-plotly") == 1
    assert "Exploding offer:" in html  # the demo's startup gives 6 days
    assert "6 days left to answer" in html
    assert re.search(r"at the \d+(st|nd|rd|th) percentile of \d+ comparable points", html)
    assert re.search(r"\d+%</strong> chance they end up worth nothing", html)
    assert "P10 " in html
    assert "P90 " in html
    for year in range(1, 5):
        assert f"Year {year}</th>" in html
    assert "4 years on paper" in html
    ended = demo_web.get("/offers?show=all").text
    assert ended.count('class="offer-card') > html.count('class="offer-card')


def _two_offers(web: Web) -> None:
    search = web.search
    soon = search.today + timedelta(days=3)
    later = search.today + timedelta(days=20)
    record_offer(search, "Acme", base="150000", rsu="200000", deadline=soon)
    record_offer(
        search, "Zeta", base="120000", options="10000", strike="2", preferred="10",
        fully_diluted="10000000", stage="series_a_b", deadline=later,
    )  # fmt: skip


def test_side_by_side_by_year_with_deadlines(web: Web) -> None:
    _two_offers(web)
    html = web.get("/offers").text
    cards = {
        name: html.split(f">{name}</a></h3>", 1)[1].split("</article>", 1)[0]
        for name in ("Acme", "Zeta")
    }
    assert "Exploding offer:" in cards["Acme"]
    assert "3 days left" in cards["Acme"]
    assert "Exploding" not in cards["Zeta"]
    assert "20 days left" in cards["Zeta"]
    assert "chance they end up worth nothing" in cards["Zeta"]
    assert "not enough comparable points (0 of 3" in cards["Acme"]
    year_one = html.split("Year 1</th>", 1)[1].split("</tr>", 1)[0]
    assert "$150,000" in year_one
    assert "$120,000" in year_one
    # Acme's RSUs vest 25% a year after a one-year cliff: $50,000 in year 1, on paper too
    equity = html.split("Year 1</th>", 1)[1].split("Equity on paper", 1)[1].split("</tr>", 1)[0]
    assert "$50,000" in equity
    paper = html.split("4 years on paper", 1)[1].split("</tr>", 1)[0]
    assert "$800,000" in paper  # Acme: 4 years of $150,000 base and the $200,000 grant
    assert "$560,000" in paper  # Zeta: 4 years of $120,000 and (10 − 2) × 10,000 options


# -- recording an offer ------------------------------------------------------------------------
def test_recording_an_offer_through_the_form(web: Web) -> None:
    app_id = at_offer(web.search, "Acme")
    deadline = (web.search.today + timedelta(days=10)).isoformat()
    response = web.post(
        "/offers",
        {"application": str(app_id), "base": "185000", "rsu": "400000", "vesting": "5/15/40/40",
         "bonus": "10", "deadline": deadline, "level": "Senior", "note": "first offer"},
    )  # fmt: skip
    assert response.status_code == 303
    assert response.headers["location"] == "/offers?done=offer"
    [offer] = offers(web)
    terms = offer["revisions"][0]["offer"]
    assert (terms["base"], terms["rsu"]["grant_value"], terms["deadline"]) == (
        185000, 400000, deadline
    )  # fmt: skip
    assert terms["rsu"]["vesting"]["preset"] == "5/15/40/40"
    assert "Offer recorded." in web.get("/offers?done=offer").text
    company = web.get("/companies/1").text
    assert "$185,000 a year" in company
    assert "vesting 5/15/40/40" in company


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"base": "-5"}, "base", "must be above 0"),
        ({"base": "lots"}, "base", ""),
        ({"base": "100000", "deadline": "-30d"}, "deadline", "before the offer date"),
        ({"base": "100000", "vesting": "30/30/30"}, "vesting", ""),
        ({"base": "100000", "options": "1000", "strike": "1"}, "preferred", ""),
        ({"application": ""}, "application", "Choose the application"),
        ({"application": "99999999999"}, "application", "Choose one of the open"),
    ],
)
def test_a_wrong_offer_is_refused_next_to_its_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    app_id = at_offer(sqlite_web.search, "Acme")
    form = {"application": str(app_id), "rsu": "1000", "note": "kept", **fields}
    response = sqlite_web.post("/offers", form)
    assert response.status_code == 422
    shown = field_message(response.text, field)
    assert shown
    assert message in shown
    assert ">kept</textarea>" in response.text
    assert offers(sqlite_web) == []


def test_an_offer_before_the_offer_stage_needs_the_move(sqlite_web: Web) -> None:
    app_id = apply(sqlite_web.search, "Acme")
    refused = sqlite_web.post("/offers", {"application": str(app_id), "base": "100000"})
    assert refused.status_code == 409
    assert "has not reached the offer stage" in refused.text
    assert offers(sqlite_web) == []
    moved = sqlite_web.post(
        "/offers", {"application": str(app_id), "base": "100000", "move_to_offer": "yes"}
    )
    assert moved.status_code == 303
    assert sqlite_web.api("GET", f"/applications/{app_id}").json()["stage"] == "offer"


OFFER_FILE = {
    "company": "Acme",
    "base": 150000,
    "offer_date": "2026-11-13",
    "start_date": "2027-01-04",
    "options": {
        "shares": 10000, "strike": 2, "preferred_price": 20, "fully_diluted_shares": 10000000,
        "assumptions": {"scenarios": [
            {"probability": 0.5, "exit_value": 0, "years": 3},
            {"probability": 0.3, "exit_value": 100000000, "years": 3},
            {"probability": 0.2, "exit_value": 500000000, "years": 3},
        ]},
    },
}  # fmt: skip


def test_uploading_an_offer_file(web: Web) -> None:
    at_offer(web.search, "Acme")
    response = upload(web, "/offers/upload", "acme.json", json.dumps(OFFER_FILE).encode())
    assert response.status_code == 303
    [offer] = offers(web)
    valued = web.api("GET", f"/offers/{offer['id']}").json()
    # the hand-computed case: 0.3 × $80,000 + 0.2 × $480,000
    assert valued["valuation"]["equity"]["expected"] == 120000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Choose an offer file"),
        (b"{not json", "is not JSON"),
        (b"[1, 2]", "naming its company"),
        (json.dumps({**OFFER_FILE, "base": -1}).encode(), "must be above 0"),
        (json.dumps({**OFFER_FILE, "company": "Nobody"}).encode(), "No company named"),
    ],
)
def test_a_wrong_offer_file_is_refused_with_its_problems(
    sqlite_web: Web, data: bytes, message: str
) -> None:
    at_offer(sqlite_web.search, "Acme")
    response = upload(sqlite_web, "/offers/upload", "offer.json", data)
    assert 400 <= response.status_code < 500
    assert message in response.text
    assert offers(sqlite_web) == []


# -- revising ----------------------------------------------------------------------------------
def test_a_negotiation_round_adds_a_revision(web: Web) -> None:
    offer = record_offer(web.search, "Acme", base="150000")
    response = web.post(
        f"/offers/{offer.offer_id}/revisions",
        {"base": "165000", "asked": "base 170000, as Zeta", "by": "company", "note": "call"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/companies/1#offer-{offer.offer_id}"
    first, second = offers(web)[0]["revisions"]
    assert first["offer"]["base"] == 150000  # the first round stays as it was
    assert second["offer"]["base"] == 165000
    assert second["asked"] == "base 170000, as Zeta"
    html = web.get("/companies/1").text
    assert "<code>base</code>: 150000 → 165000" in html
    assert "Round 2" in html


def test_a_wrong_round_is_refused_on_the_company_page(sqlite_web: Web) -> None:
    offer = record_offer(sqlite_web.search, "Acme", base="150000")
    url = f"/offers/{offer.offer_id}/revisions"
    response = sqlite_web.post(url, {"base": "-1", "asked": "kept"})
    assert response.status_code == 422
    assert 'id="company"' in response.text
    assert "must be above 0" in field_message(response.text, "base")
    assert 'value="kept"' in response.text
    early = (sqlite_web.search.today - timedelta(days=30)).isoformat()
    before = sqlite_web.post(url, {"base": "160000", "on": early})
    assert "before the previous round" in field_message(before.text, "on")
    assert sqlite_web.post(url, {"by": "nobody"}).status_code == 422
    assert len(offers(sqlite_web)[0]["revisions"]) == 1
    assert sqlite_web.post("/offers/99/revisions", {"base": "1"}).status_code == 404


# -- negotiation -------------------------------------------------------------------------------
def test_the_negotiation_page_with_copy_buttons(web: Web) -> None:
    _two_offers(web)
    zeta = next(offer for offer in offers(web) if offer["company"] == "Zeta")
    html = web.get(f"/offers/{zeta['id']}/negotiate").text
    buttons = re.findall(r'data-copy="(message-\d+)"', html)
    assert len(buttons) >= 2
    for target in buttons:
        assert f'<textarea id="{target}"' in html
    assert "I&#39;ll sign" in html or "I'll sign" in html
    assert "Acme" in html.split("The counter, component by component", 1)[1]
    assert "Ask for the salary range" in html  # the range reminder
    assert "Fairness check</h2>" not in html  # opt-in only
    checked = web.get(f"/offers/{zeta['id']}/negotiate?fairness=on").text
    assert "Fairness check</h2>" in checked
    assert "Not enough comparable data" in checked
    assert "<script>" not in html.split("<main", 1)[1]  # copying is app.js's job


def test_the_negotiation_page_of_a_missing_offer_is_a_404(sqlite_web: Web) -> None:
    assert sqlite_web.get("/offers/7/negotiate").status_code == 404


# -- market data -------------------------------------------------------------------------------
def test_adding_a_market_point(web: Web) -> None:
    fields = {"company": "Quill", "level": "Senior", "location": "Seattle", "base": "190000",
              "equity_per_year": "60000", "kind": "survey"}  # fmt: skip
    response = web.post("/market", fields)
    assert response.status_code == 303
    [point] = market(web)
    assert (point["company"], point["kind"], point["total"]) == ("Quill", "survey", 250000)
    assert "Market data point added." in web.get("/offers?done=market").text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"level": ""}, "level", "give the level"),
        ({"base": "-3"}, "base", "negative"),
        ({"bonus": "ten"}, "bonus", ""),
        ({"date": "+2d"}, "date", "in the future"),
        ({"kind": "rumour"}, "kind", "is not one of"),
        ({"currency": "dollars"}, "currency", ""),
    ],
)
def test_a_wrong_market_point_is_refused_next_to_its_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    form = {"company": "Quill", "level": "Senior", "location": "Seattle", "base": "190000",
            "note": "kept", **fields}  # fmt: skip
    response = sqlite_web.post("/market", form)
    assert response.status_code == 422
    shown = field_message(response.text, field)
    assert shown
    assert message in shown
    assert ">kept</textarea>" in response.text
    assert market(sqlite_web) == []


CSV_HEADER = "company,level,location,date,base,equity_per_year\n"


def test_importing_market_data(web: Web) -> None:
    rows = (
        CSV_HEADER
        + "Quill,Senior,Seattle,2026-10-01,190000,60000\nAcme,Senior,Seattle,2026-09-01,175000,\n"
    )
    response = upload(web, "/market/import", "market.csv", rows.encode())
    assert response.status_code == 303
    assert response.headers["location"] == "/offers?imported=2#market"
    assert len(market(web)) == 2
    assert "Imported 2 market data points." in web.get("/offers?imported=2").text


def test_a_bad_market_file_imports_nothing_and_lists_every_bad_row(sqlite_web: Web) -> None:
    rows = (
        CSV_HEADER
        + "Quill,Senior,Seattle,2026-10-01,190000,60000\n"  # line 2: good
        + "Acme,Senior,Seattle,yesterday,175000,\n"  # line 3: bad date
        + "Zeta,,Seattle,2026-10-01,-5,\n"  # line 4: no level, negative base
    )
    response = upload(sqlite_web, "/market/import", "market.csv", rows.encode())
    assert response.status_code == 422
    table = response.text.split('<table class="table compact rejected">', 1)[1].split("</table>")[0]
    cells = re.findall(r"<tr><td>(\d*)</td><td>([a-z_]*)</td><td>(.*?)</td></tr>", table)
    assert {(line, column) for line, column, _ in cells} == {
        ("3", "date"),
        ("4", "level"),
        ("4", "base"),
    }
    assert market(sqlite_web) == []  # the good row was not imported either


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "Choose a CSV file"), (b"\xff\xfe\x00", "not UTF-8"),
     (b"name,salary\nQuill,1\n", "header is wrong")],
)  # fmt: skip
def test_a_market_file_that_cannot_be_read(sqlite_web: Web, data: bytes, message: str) -> None:
    response = upload(sqlite_web, "/market/import", "market.csv", data)
    assert response.status_code == 422
    assert message in response.text
    assert market(sqlite_web) == []


# -- safety ------------------------------------------------------------------------------------
def test_text_typed_into_offer_forms_is_escaped(sqlite_web: Web) -> None:
    payload = "<script>alert(1)</script>"
    offer = record_offer(sqlite_web.search, "Acme", base="150000", level=payload)
    sqlite_web.post(
        f"/offers/{offer.offer_id}/revisions", {"asked": payload, "note": payload, "base": "1"}
    )
    sqlite_web.post("/market", {"company": payload, "level": payload, "location": "x", "base": "1"})
    for url in ("/companies/1", "/offers", f"/offers/{offer.offer_id}/negotiate?fairness=on"):
        html = sqlite_web.get(url).text
        assert payload not in html, url
        assert "&lt;script&gt;" in html, url


@pytest.mark.parametrize("url", ["/offers", "/market", "/offers/1/revisions"])
def test_offer_forms_need_the_token(sqlite_web: Web, url: str) -> None:
    offer = record_offer(sqlite_web.search, "Acme", base="150000")
    fields = {"application": "1", "base": "2", "company": "Q", "level": "S", "location": "L"}
    assert (
        sqlite_web.post(url.replace("1", str(offer.offer_id)), fields, token=False).status_code
        == 403
    )
    assert len(offers(sqlite_web)[0]["revisions"]) == 1
    assert market(sqlite_web) == []
    files = {"file": ("m.csv", (CSV_HEADER + "Q,S,L,2026-10-01,1,\n").encode())}
    assert sqlite_web.client.post("/market/import", files=files).status_code == 403
    assert market(sqlite_web) == []


def test_a_market_file_with_a_cell_too_long_for_its_column(web: Web) -> None:
    rows = (
        CSV_HEADER
        + "Quill,Senior,Seattle,2026-10-01,190000,\n"
        + f"Acme,{'S' * 300},Seattle,2026-10-01,175000,\n"
    )
    response = upload(web, "/market/import", "market.csv", rows.encode())
    assert response.status_code == 422
    assert "<tr><td>3</td><td>level</td><td>300 characters is too long" in response.text
    assert market(web) == []


@pytest.mark.parametrize(
    ("base", "shown"),
    [("150000", "fair</span> at the 33rd percentile of 3"),
     ("90000", "low</span> at the 0th percentile of 3"),
     ("200000", "fair</span> at the 50th percentile of 3"),
     ("400000", "high</span> at the 100th percentile of 3")],
)  # fmt: skip
def test_the_market_verdict_of_an_offer(sqlite_web: Web, base: str, shown: str) -> None:
    record_offer(sqlite_web.search, "Acme", base=base, level="Senior", location="Seattle")
    day = (sqlite_web.search.today - timedelta(days=30)).isoformat()
    for total in ("100000", "200000", "300000"):
        point = {"company": "Peer", "level": "senior", "location": "seattle", "base": total,
                 "date": day}  # fmt: skip
        assert sqlite_web.post("/market", point).status_code == 303
    assert shown in sqlite_web.get("/offers").text
