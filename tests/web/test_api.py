"""The JSON API on SQLite and PostgreSQL: create, read, update, list with filters, and
problem details (RFC 9457) for every kind of bad input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.web.conftest import Web

PROBLEM = "application/problem+json"


def created(web: Web, url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = web.api("POST", url, body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/api/v1{url}/{data['id']}"
    return data


def days_ago(web: Web, days: int) -> str:
    return (web.search.today - timedelta(days=days)).isoformat()


def test_companies_round_trip(web: Web) -> None:
    acme = created(web, "/companies", {"name": "Acme Robotics", "size_band": "large"})
    created(web, "/companies", {"name": "Zeta", "excitement": 2, "market": "consumer"})
    assert acme["website"] == ""
    assert acme["excitement"] is None

    read = web.api("GET", f"/companies/{acme['id']}").json()
    assert read == acme

    changed = web.api(
        "PATCH", f"/companies/{acme['id']}", {"excitement": 5, "website": "acme.example"}
    )
    assert changed.status_code == 200
    assert changed.json()["excitement"] == 5
    assert changed.json()["website"] == "https://acme.example"
    assert changed.json()["size_band"] == "large"  # fields not given stay

    cleared = web.api("PATCH", f"/companies/{acme['id']}", {"size_band": None}).json()
    assert cleared["size_band"] is None

    names = [c["name"] for c in web.api("GET", "/companies").json()]
    assert names == ["Acme Robotics", "Zeta"]
    assert [c["name"] for c in web.api("GET", "/companies?min_excitement=3").json()] == [
        "Acme Robotics"
    ]
    assert [c["name"] for c in web.api("GET", "/companies?market=consumer").json()] == ["Zeta"]
    assert [c["name"] for c in web.api("GET", "/companies?name=ROBO").json()] == ["Acme Robotics"]


def test_applications_and_events_round_trip(web: Web) -> None:
    acme = created(web, "/companies", {"name": "Acme", "size_band": "small"})
    app = created(
        web,
        "/applications",
        {
            "company_id": acme["id"],
            "role": "Backend",
            "source": "job_board",
            "applied_on": days_ago(web, 20),
        },
    )
    assert app["stage"] == "applied"
    assert app["open"] is True
    assert app["days_in_stage"] == 20
    assert app["company"] == "Acme"

    event = created(
        web,
        "/events",
        {"application_id": app["id"], "stage": "phone screen", "on": days_ago(web, 5)},
    )
    assert event["stage"] == "technical"
    read = web.api("GET", f"/applications/{app['id']}").json()
    assert [e["stage"] for e in read["events"]] == ["applied", "technical"]
    assert read["furthest_stage"] == "technical"

    noted = web.api("PATCH", f"/events/{event['id']}", {"note": "went well"}).json()
    assert noted["note"] == "went well"
    assert noted["on"] == event["on"]

    updated = web.api("PATCH", f"/applications/{app['id']}", {"role": "Staff Backend"}).json()
    assert updated["role"] == "Staff Backend"
    assert updated["source"] == "job_board"

    closed = created(
        web,
        "/events",
        {"application_id": app["id"], "stage": "rejected", "reason": "role filled"},
    )
    assert closed["reason"] == "role_filled"
    assert web.api("GET", "/applications?open=true").json() == []
    assert [a["id"] for a in web.api("GET", "/applications?stage=rejected").json()] == [app["id"]]
    events = web.api("GET", f"/events?application_id={app['id']}").json()
    assert [e["stage"] for e in events] == ["applied", "technical", "rejected"]
    assert [e["stage"] for e in web.api("GET", "/events?stage=technical").json()] == ["technical"]


def test_application_filters(web: Web) -> None:
    small = created(web, "/companies", {"name": "Small Co", "size_band": "small"})
    huge = created(web, "/companies", {"name": "Huge Co", "size_band": "huge"})
    for company, source in ((small, "referral"), (huge, "direct")):
        body = {"company_id": company["id"], "role": "iOS", "source": source}
        created(web, "/applications", {**body, "applied_on": days_ago(web, 30)})

    def companies(query: str) -> list[str]:
        return [a["company"] for a in web.api("GET", f"/applications?{query}").json()]

    assert companies("source=referral") == ["Small Co"]
    assert companies("size_band=huge") == ["Huge Co"]
    assert companies(f"company_id={small['id']}") == ["Small Co"]
    assert companies("looks_ghosted=true") == ["Small Co", "Huge Co"]  # 30 quiet days
    assert companies("company_id=999") == []


def test_undo_removes_only_the_latest_event(web: Web) -> None:
    acme = created(web, "/companies", {"name": "Acme"})
    app = created(
        web,
        "/applications",
        {"company_id": acme["id"], "role": "Data", "applied_on": days_ago(web, 9)},
    )
    first = app["events"][0]
    moved = created(web, "/events", {"application_id": app["id"], "stage": "recruiter"})

    refused = web.api("DELETE", f"/events/{first['id']}")
    assert refused.status_code == 409
    assert refused.headers["content-type"] == PROBLEM
    assert str(moved["id"]) in refused.json()["detail"]

    assert web.api("DELETE", f"/events/{moved['id']}").status_code == 204
    assert web.api("GET", f"/events/{moved['id']}").status_code == 404
    assert web.api("GET", f"/applications/{app['id']}").json()["stage"] == "applied"


def test_interviews_round_trip(web: Web) -> None:
    acme = created(web, "/companies", {"name": "Acme"})
    app = created(
        web,
        "/applications",
        {"company_id": acme["id"], "role": "Backend", "applied_on": days_ago(web, 9)},
    )
    now = web.search.moment.now
    past = created(
        web,
        "/interviews",
        {
            "application_id": app["id"],
            "kind": "recruiter",
            "start": (now - timedelta(days=2)).isoformat(),
        },
    )
    assert past["minutes"] > 0  # the default for the kind
    assert past["done"] is False
    upcoming = created(
        web,
        "/interviews",
        {
            "application_id": app["id"],
            "kind": "technical",
            "start": (now + timedelta(days=3)).replace(tzinfo=None).isoformat(),
            "minutes": 45,
            "interviewers": "Dana",
        },
    )
    assert upcoming["minutes"] == 45

    done = web.api("PATCH", f"/interviews/{past['id']}", {"self_rating": 3, "outcome": "pass"})
    assert done.status_code == 200
    assert done.json()["done"] is True
    assert done.json()["self_rating"] == 3

    too_early = web.api("PATCH", f"/interviews/{upcoming['id']}", {"self_rating": 4})
    assert too_early.status_code == 409
    moved = web.api(
        "PATCH",
        f"/interviews/{upcoming['id']}",
        {"start": (now + timedelta(days=4)).isoformat(), "minutes": 60},
    ).json()
    assert moved["minutes"] == 60

    def ids(query: str) -> list[int]:
        return [i["id"] for i in web.api("GET", f"/interviews?{query}").json()]

    assert ids("when=upcoming") == [upcoming["id"]]
    assert ids("when=past") == [past["id"]]
    assert ids("done=true") == [past["id"]]
    assert ids(f"application_id={app['id']}&kind=technical") == [upcoming["id"]]
    assert web.api("GET", f"/interviews/{past['id']}").json()["outcome"] == "pass"
    assert web.api("GET", f"/applications/{app['id']}").json()["interview_ids"] == [
        past["id"],
        upcoming["id"],
    ]


def test_contacts_round_trip(web: Web) -> None:
    acme = created(web, "/companies", {"name": "Acme"})
    sam = created(
        web,
        "/contacts",
        {"name": "Sam Ortiz", "role": "recruiter", "company_id": acme["id"], "email": "s@a.io"},
    )
    assert sam["company"] == "Acme"
    created(web, "/contacts", {"name": "Dana Lee", "role": "referrer"})
    moved = web.api("PATCH", f"/contacts/{sam['id']}", {"role": "hiring_manager"}).json()
    assert moved["role"] == "hiring_manager"
    assert moved["email"] == "s@a.io"
    assert [c["name"] for c in web.api("GET", f"/contacts?company_id={acme['id']}").json()] == [
        "Sam Ortiz"
    ]
    assert [c["name"] for c in web.api("GET", "/contacts?role=referrer").json()] == ["Dana Lee"]
    unlinked = web.api("PATCH", f"/contacts/{sam['id']}", {"company_id": None}).json()
    assert unlinked["company"] is None


def assert_problem(
    response: httpx.Response, status: int, field: str | None = None
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["type"]
    if field is not None:
        assert field in [error["field"] for error in body["errors"]], body
    return body


@pytest.mark.parametrize(
    ("method", "url", "body", "status", "field"),
    [
        ("POST", "/companies", {"name": "Acme", "excitement": 9}, 422, "excitement"),
        ("POST", "/companies", {"name": ""}, 422, "name"),
        ("POST", "/companies", {"name": "x" * 201}, 422, "name"),
        ("POST", "/companies", {"name": "Acme", "size_band": "gigantic"}, 422, "size_band"),
        ("POST", "/companies", {"name": "Acme", "colour": "red"}, 422, "colour"),
        ("POST", "/companies", {}, 422, "name"),
        ("POST", "/companies", {"name": "Existing"}, 409, None),
        ("PATCH", "/companies/{company}", {"location": "x" * 300}, 422, "location"),
        ("GET", "/companies/99999", None, 404, None),
        ("GET", "/companies/99999999999999999999", None, 422, "company_id"),
        ("GET", "/companies/abc", None, 422, "company_id"),
        ("GET", "/applications?source=carrier_pigeon", None, 422, "source"),
        ("POST", "/applications", {"company_id": 99999, "role": "x"}, 404, None),
        ("POST", "/applications", {"company_id": "{company}", "role": " "}, 422, "role"),
        ("POST", "/events", {"application_id": "{app}", "stage": "lunch"}, 422, "stage"),
        ("POST", "/events", {"application_id": "{app}", "stage": "onsite", "on": "2001-01-01"},
         409, None),
        ("POST", "/events", {"application_id": "{app}", "stage": "technical", "on": "2999-01-01"},
         422, "on"),
        ("POST", "/events", {"application_id": "{app}", "stage": "withdrawn", "reason": "y" * 61},
         422, "reason"),
        ("POST", "/events", {"application_id": "{app}", "stage": "accepted"}, 409, None),
        ("PATCH", "/events/{event}", {"stage": "offer"}, 422, "stage"),
        ("POST", "/interviews", {"application_id": "{app}", "start": "tomorrow"}, 422, "start"),
        ("POST", "/interviews", {"application_id": "{app}", "start": "2026-11-25T10:00:00Z",
         "minutes": 0}, 422, "minutes"),
        ("PATCH", "/interviews/99999", {"notes": "x"}, 404, None),
        ("POST", "/contacts", {"name": "Sam", "email": "not an address"}, 422, "email"),
        ("POST", "/contacts", {"name": "Sam", "company_id": 99999}, 404, None),
    ],
)  # fmt: skip
def test_bad_input_gets_a_problem_never_a_server_error(
    sqlite_web: Web,
    method: str,
    url: str,
    body: dict[str, Any] | None,
    status: int,
    field: str | None,
) -> None:
    web = sqlite_web
    company = created(web, "/companies", {"name": "Existing"})
    app = created(
        web,
        "/applications",
        {"company_id": company["id"], "role": "Backend", "applied_on": days_ago(web, 3)},
    )
    ids = {"{company}": company["id"], "{app}": app["id"], "{event}": app["events"][0]["id"]}
    for key, value in ids.items():
        url = url.replace(key, str(value))
    if body:
        body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    assert_problem(web.api(method, url, body), status, field)
    assert len(web.api("GET", "/companies").json()) == 1  # nothing written by a refusal


def test_text_longer_than_its_column_is_refused_on_every_backend(web: Web) -> None:
    """PostgreSQL refuses over-long values with a database error; the API says which field."""
    company = created(web, "/companies", {"name": "Acme"})
    app = created(web, "/applications", {"company_id": company["id"], "role": "Backend"})
    cases = [
        ("POST", "/companies", {"name": "B", "location": "x" * 201}, "location"),
        ("POST", "/applications", {"company_id": company["id"], "role": "r" * 201}, "role"),
        ("PATCH", f"/applications/{app['id']}", {"role_family": "f" * 61}, "role_family"),
        ("POST", "/events", {"application_id": app["id"], "stage": "x" * 121,
                             "kind": "technical"}, "stage"),
        ("POST", "/events", {"application_id": app["id"], "stage": "withdrawn",
                             "reason": "r" * 61}, "reason"),
        ("POST", "/contacts", {"name": "n" * 201}, "name"),
    ]  # fmt: skip
    for method, url, body, field in cases:
        assert_problem(web.api(method, url, body), 422, field)


def test_a_body_that_is_not_json_is_a_problem(web: Web) -> None:
    response = web.client.post(
        "/api/v1/companies", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_problem(response, 422)


def test_unknown_api_path_is_a_problem(web: Web) -> None:
    assert_problem(web.api("GET", "/nothing-here"), 404)
    assert_problem(web.api("PUT", "/companies"), 405)


def test_the_openapi_document_names_the_schemas(web: Web) -> None:
    spec = web.client.get("/api/openapi.json").json()
    schemas = set(spec["components"]["schemas"])
    for resource in ("Company", "Application", "Event", "Interview", "Contact"):
        for suffix in ("Create", "Update", "Public"):
            assert f"{resource}{suffix}" in schemas
    assert "/api/v1/applications" in spec["paths"]
    docs = web.client.get("/api/docs")
    assert docs.status_code == 200
    assert "CompanyCreate" in docs.text
    assert "https://" not in docs.text.split("<main", 1)[0]  # nothing loaded from elsewhere
