"""The JSON API of ratings, criteria, the decision, offers and market data: shapes, problem
details naming the field, append-only history."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.web.conftest import Web
from tests.web.decide_setup import apply, at_offer, record_offer

PROBLEM = "application/problem+json"
DEFAULT_KEYS = (
    "team", "manager", "product", "technology", "growth", "work_life", "compensation", "location",
)  # fmt: skip


def problem_fields(response: Any) -> list[str | None]:
    assert response.headers["content-type"] == PROBLEM
    return [error["field"] for error in response.json()["errors"]]


# -- ratings -----------------------------------------------------------------------------------
def test_ratings_are_created_and_listed_oldest_first(web: Web) -> None:
    apply(web.search, "Acme")
    earlier = (web.search.today - timedelta(days=4)).isoformat()
    first = web.api(
        "POST", "/ratings", {"company_id": 1, "scores": {"team": 2, "manager": 4}, "on": earlier}
    )
    assert first.status_code == 201
    assert first.headers["location"] == "/api/v1/ratings?company_id=1"
    body = first.json()
    assert body["score_before"] is None
    assert body["score_now"] == pytest.approx(3.0)  # team and manager weigh 3 each: (2+4)/2
    second = web.api(
        "POST", "/ratings", {"company_id": 1, "scores": {"team": 5}, "confidence": "high"}
    )
    assert second.json()["score_before"] == pytest.approx(3.0)
    assert second.json()["score_now"] == pytest.approx(4.5)
    listed = web.api("GET", "/ratings?company_id=1").json()
    assert [(r["criterion"], r["score"]) for r in listed] == [
        ("team", 2), ("manager", 4), ("team", 5)
    ]  # fmt: skip
    assert listed[-1]["confidence"] == "high"


@pytest.mark.parametrize(
    ("scores", "fields"),
    [
        ({"team": 9}, ["scores.team"]),
        ({"tema": 4}, ["scores.tema"]),
        ({"team": 0, "manager": 6}, ["scores.team", "scores.manager"]),
        ({}, ["scores"]),
    ],
)
def test_wrong_ratings_name_their_field_and_write_nothing(
    sqlite_web: Web, scores: dict[str, int], fields: list[str]
) -> None:
    apply(sqlite_web.search, "Acme")
    response = sqlite_web.api("POST", "/ratings", {"company_id": 1, "scores": scores})
    assert response.status_code == 422
    assert problem_fields(response) == fields
    assert sqlite_web.api("GET", "/ratings?company_id=1").json() == []


def test_rating_requests_checked_before_the_services(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    wrong = sqlite_web.api("POST", "/ratings", {"company_id": 1, "scores": {"team": 4}, "mood": 1})
    assert wrong.status_code == 422
    assert "mood" in problem_fields(wrong)
    sure = sqlite_web.api(
        "POST", "/ratings", {"company_id": 1, "scores": {"team": 4}, "confidence": "sure"}
    )
    assert problem_fields(sure) == ["confidence"]
    missing = sqlite_web.api("POST", "/ratings", {"company_id": 7, "scores": {"team": 4}})
    assert missing.status_code == 404
    assert sqlite_web.api("GET", "/ratings").status_code == 422  # company_id is required
    assert sqlite_web.api("GET", "/ratings?company_id=3").status_code == 404


# -- criteria ----------------------------------------------------------------------------------
def test_criteria_listed_updated_and_added(web: Web) -> None:
    listed = web.api("GET", "/criteria").json()
    assert [item["key"] for item in listed][:2] == ["team", "manager"]
    assert sum(item["share"] for item in listed) == pytest.approx(1.0)
    changed = web.api("PATCH", "/criteria", {"weights": {"team": 6, "location": 0}})
    assert changed.status_code == 200
    weights = {item["key"]: item["weight"] for item in changed.json()}
    assert (weights["team"], weights["location"], weights["manager"]) == (6.0, 0.0, 3.0)
    added = web.api("POST", "/criteria", {"name": "commute", "weight": 2})
    assert added.status_code == 201
    assert added.json()[-1]["key"] == "commute"


@pytest.mark.parametrize(
    ("weights", "fields"),
    [
        (dict.fromkeys(DEFAULT_KEYS, 0), ["weights"]),
        ({"team": -1}, ["weights.team"]),
        ({"tema": 2}, ["weights.tema"]),
    ],
)  # fmt: skip
def test_wrong_weights_are_refused_whole(
    sqlite_web: Web, weights: dict[str, float], fields: list[str]
) -> None:
    before = sqlite_web.api("GET", "/criteria").json()
    response = sqlite_web.api("PATCH", "/criteria", {"weights": {"manager": 5, **weights}})
    assert response.status_code == 422
    assert problem_fields(response) == fields
    assert sqlite_web.api("GET", "/criteria").json() == before


def test_a_criterion_label_too_long_for_its_column_is_a_422(web: Web) -> None:
    response = web.api("POST", "/criteria", {"name": "commute", "label": "x" * 500})
    assert response.status_code == 422
    assert problem_fields(response) == ["label"]


# -- the decision ------------------------------------------------------------------------------
def test_the_decision_on_a_hand_built_case(web: Web) -> None:
    search = web.search
    for name in ("Acme", "Zeta", "Quill"):
        apply(search, name)
    web.api("POST", "/ratings", {"company_id": 1, "scores": {"team": 5, "manager": 1}})
    web.api("POST", "/ratings", {"company_id": 2, "scores": {"team": 2, "manager": 4}})
    decision = web.api("GET", "/decision").json()
    rows = {row["company"]: row for row in decision["rows"]}
    # team and manager weigh 3 each: Acme (5+1)/2 = 3, Zeta (2+4)/2 = 3 -> a tie, by name
    assert rows["Acme"]["score"] == pytest.approx(3.0)
    assert rows["Zeta"]["score"] == pytest.approx(3.0)
    assert rows["Quill"]["rank"] is None  # nothing rated: not ranked
    changed = web.api("PATCH", "/criteria", {"weights": {"manager": 4}})
    assert changed.status_code == 200
    decision = web.api("GET", "/decision").json()
    # now Zeta (2·3 + 4·4)/7 = 22/7 leads Acme (5·3 + 1·4)/7 = 19/7
    assert decision["leader"] == "Zeta"
    assert {r["company"]: r["score"] for r in decision["rows"]}["Zeta"] == pytest.approx(22 / 7)
    flips = {flip["criterion"]: flip for flip in decision["flips"]}
    # Acme leads again once team outweighs manager: 5t + 4 > 2t + 16 for t > 4
    assert flips["team"]["new_leader"] == "Acme"
    assert flips["team"]["flip_weight"] == pytest.approx(4.0)
    assert decision["stability"]["runs"] == 1000
    assert web.api("GET", "/decision?offer_weight=-1").status_code == 422


def test_the_decision_puts_the_offers_beside_the_scores(sqlite_web: Web) -> None:
    record_offer(sqlite_web.search, "Acme", base="150000")
    decision = sqlite_web.api("GET", "/decision").json()
    assert decision["rows"][0]["compensation"] == 600_000_00  # 4 years of base, in cents


# -- offers ------------------------------------------------------------------------------------
def test_an_offer_created_valued_and_revised(web: Web) -> None:
    app_id = at_offer(web.search, "Acme")
    deadline = (web.search.today + timedelta(days=5)).isoformat()
    created = web.api(
        "POST",
        "/offers",
        {"application_id": app_id, "base": 120000, "sign_on": "10000", "deadline": deadline},
    )
    assert created.status_code == 201
    offer_id = created.json()["id"]
    assert created.headers["location"] == f"/api/v1/offers/{offer_id}"
    valued = web.api("GET", f"/offers/{offer_id}").json()
    assert [year["cash"] for year in valued["valuation"]["years"]] == [
        130000,
        120000,
        120000,
        120000,
    ]
    assert valued["valuation"]["total_4y"] == 490000
    assert valued["deadline"] == {
        "on": deadline, "days_left": 5, "window_days": 5, "exploding": True, "expired": False
    }  # fmt: skip
    assert valued["market"]["verdict"] is None  # no market data
    revised = web.api(
        "POST",
        f"/offers/{offer_id}/revisions",
        {"base": "130000.50", "asked": "more", "by": "company"},
    )
    assert revised.status_code == 201
    first, second = revised.json()["revisions"]
    assert first["offer"]["base"] == 120000
    assert second["offer"]["base"] == 130000.5
    assert second["changes"] == [{"field": "base", "before": "120000", "after": "130000.5"}]
    assert [o["id"] for o in web.api("GET", "/offers?open=true").json()] == [offer_id]
    assert web.api("GET", "/offers?open=false").json() == []


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"base": -5}, ["base"]),
        ({"base": 100000, "deadline": "2020-01-01"}, ["deadline"]),
        ({"base": 100000, "options": 100, "strike": 1}, ["preferred"]),
        ({"base": 100000, "vesting": "50/40"}, ["vesting"]),
        ({"base": 100000, "rsu_value": 1}, ["rsu_value"]),
    ],
)
def test_a_wrong_offer_names_its_fields(
    sqlite_web: Web, body: dict[str, Any], fields: list[str]
) -> None:
    app_id = at_offer(sqlite_web.search, "Acme")
    response = sqlite_web.api("POST", "/offers", {"application_id": app_id, **body})
    assert response.status_code == 422
    found = problem_fields(response)
    assert all(any(str(f).startswith(want) for f in found) for want in fields), found
    assert sqlite_web.api("GET", "/offers").json() == []


def test_offer_errors_that_are_not_fields(sqlite_web: Web) -> None:
    app_id = apply(sqlite_web.search, "Acme")
    early = sqlite_web.api("POST", "/offers", {"application_id": app_id, "base": 1})
    assert early.status_code == 409
    assert sqlite_web.api("POST", "/offers", {"application_id": 99, "base": 1}).status_code == 404
    assert sqlite_web.api("GET", "/offers/5").status_code == 404
    assert sqlite_web.api("POST", "/offers/5/revisions", {"base": 1}).status_code == 404


# -- market data -------------------------------------------------------------------------------
def test_market_points_created_and_listed(web: Web) -> None:
    point = {"company": "Quill", "level": "Senior", "location": "Seattle, WA", "base": 190000,
             "equity_per_year": "60000.50", "date": web.search.today.isoformat()}  # fmt: skip
    created = web.api("POST", "/market-points", point)
    assert created.status_code == 201
    body = created.json()
    assert (body["total"], body["kind"], body["currency"]) == (250000.5, "peer_offer", "USD")
    web.api("POST", "/market-points", {**point, "level": "Staff"})
    assert [p["level"] for p in web.api("GET", "/market-points?level=senior").json()] == ["Senior"]
    assert len(web.api("GET", "/market-points").json()) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [({"base": -1}, "base"), ({"level": " "}, "level"), ({"currency": "EURO"}, "currency"),
     ({"kind": "rumour"}, "kind"), ({"level": "x" * 300}, "level")],
)  # fmt: skip
def test_a_wrong_market_point_names_its_field(web: Web, change: dict[str, Any], field: str) -> None:
    point = {"company": "Quill", "level": "Senior", "location": "Seattle", "base": 1, **change}
    response = web.api("POST", "/market-points", point)
    assert response.status_code == 422
    assert field in problem_fields(response)
    assert web.api("GET", "/market-points").json() == []
