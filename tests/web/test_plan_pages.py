"""The Plan page and the plan API: empty states, making and re-making a plan (form, HTMX and
JSON), the chart, an impossible window's message, CSRF and escaping."""

from __future__ import annotations

import json
import re

from tests.services.test_plan import small_search
from tests.web.conftest import Web
from widenet.services import tracking

FAST = "5"


def chart_data(html: str) -> dict[str, object]:
    found = re.search(r'<template class="figure-data">(.*?)</template>', html, re.S)
    assert found, "the page holds a chart"
    data: dict[str, object] = json.loads(found[1])
    return data


def test_an_empty_search_says_how_to_start(sqlite_web: Web) -> None:
    response = sqlite_web.get("/plan")
    assert response.status_code == 200
    assert "Nothing to plan yet" in response.text
    assert 'href="/companies/new"' in response.text
    assert 'aria-current="page">Plan<' in response.text


def test_a_search_without_a_plan_offers_to_make_one(sqlite_web: Web) -> None:
    sqlite_web.search(lambda s: tracking.add_company(s, name="Acme", size_band="large"))
    html = sqlite_web.get("/plan").text
    assert "No plan yet" in html
    assert 'name="csrf_token"' in html
    assert 'hx-post="/plan"' in html
    assert "Make a plan" in html
    assert "Re-plan from today" not in html
    assert 'class="busy htmx-indicator"' in html


def test_a_plan_is_made_from_the_form_and_drawn(web: Web) -> None:
    small_search(web.search)
    response = web.post("/plan", {"window": "12", "time_limit": FAST, "replan": "0"})
    assert response.status_code == 303
    html = web.get("/plan").text
    assert "Plan 1, made 20 Nov" in html
    summary = re.search(r'<p class="summary">(.*?)</p>', html, re.DOTALL)
    assert summary is not None
    words = " ".join(re.sub(r"<[^>]+>", "", summary[1]).split())
    assert re.search(r"in the plan.* Onsites aimed at .* \(12 days\)\. Solver: \w+", words), words
    assert "Week by week" in html
    assert "apply to" in html
    assert "This plan (CP-SAT, refined)" in html
    assert "CP-SAT before refinement" in html
    assert 'id="plan-refinement"' in html
    assert "Everything on day one" in html
    assert "Re-plan from today" in html
    figure = chart_data(html)
    traces = figure["data"]
    assert isinstance(traces, list)
    names = {trace["name"] for trace in traces}
    assert {"Technical", "Onsite", "Expected offer"} <= names  # planned stages, offers
    assert any(t["name"].endswith("(actual)") for t in traces)  # what happened so far
    layout = figure["layout"]
    assert isinstance(layout, dict)
    kinds = [shape["type"] for shape in layout["shapes"]]
    assert kinds == ["rect", "line"]  # the window shaded, today marked
    assert layout["shapes"][1]["x0"] == "2026-11-20"
    assert 'value="12"' in html  # the window of the saved plan


def test_htmx_gets_the_partial_and_replans(web: Web) -> None:
    small_search(web.search)
    first = web.post("/plan", {"time_limit": FAST}, htmx=True, target="#plan")
    assert first.status_code == 200
    assert "<html" not in first.text
    assert 'id="plan"' in first.text
    again = web.post("/plan", {"time_limit": FAST, "replan": "1"}, htmx=True, target="#plan")
    assert again.status_code == 200
    assert "re-planned from plan 1" in again.text


def test_an_impossible_window_shows_the_planners_message(sqlite_web: Web) -> None:
    small_search(sqlite_web.search)
    form = {"window": "1", "hard_window": "1", "time_limit": FAST}
    response = sqlite_web.post("/plan", form)
    assert response.status_code == 422
    assert "decision window" in response.text
    assert "widen window_days" in response.text
    assert 'value="1"' in response.text  # the form keeps what was typed
    assert "No plan yet" in response.text  # nothing was saved


def test_a_wrong_value_is_shown_next_to_its_field(sqlite_web: Web) -> None:
    small_search(sqlite_web.search)
    response = sqlite_web.post("/plan", {"window": "two weeks"})
    assert response.status_code == 422
    assert re.search(r'id="plan-window-error">[^<]*not a whole number', response.text)


def test_the_form_needs_its_token(sqlite_web: Web) -> None:
    small_search(sqlite_web.search)
    assert sqlite_web.post("/plan", {"time_limit": FAST}, token=False).status_code == 403
    assert "No plan yet" in sqlite_web.get("/plan").text


def test_company_names_are_escaped(sqlite_web: Web) -> None:
    payload = "<script>alert(1)</script>"
    sqlite_web.search(lambda s: tracking.add_company(s, name=payload, size_band="small"))
    assert sqlite_web.post("/plan", {"time_limit": FAST}).status_code == 303
    html = sqlite_web.get("/plan").text
    assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- the API ---------------------------------------------------------------------------------
def test_the_api_makes_and_reads_the_plan(web: Web) -> None:
    small_search(web.search)
    missing = web.api("GET", "/plan")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    made = web.api("POST", "/plan", {"window_days": 10, "time_limit": 5})
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/api/v1/plan"
    body = made.json()
    assert body["window_days"] == 10
    assert body["source"] == "search"
    methods = [row["method"] for row in body["comparison"]]
    assert methods == ["cp-sat + refine", "cp-sat", "greedy", "day one"]
    assert body["refinement"]["started_from"] == "cp-sat"
    read = web.api("GET", "/plan").json()
    assert read["plan"]["id"] == body["id"]
    assert {v["company"] for v in read["versus"]} == {c["name"] for c in body["companies"]}
    again = web.api("POST", "/plan", {"replan": True, "time_limit": 5}).json()
    assert again["replanned_from"] == body["id"]


def test_the_api_answers_problems(sqlite_web: Web) -> None:
    small_search(sqlite_web.search)
    bad = sqlite_web.api("POST", "/plan", {"window_days": 0, "colour": "red"})
    assert bad.status_code == 422
    fields = {error["field"] for error in bad.json()["errors"]}
    assert {"window_days", "colour"} <= fields
    impossible = sqlite_web.api(
        "POST", "/plan", {"window_days": 1, "hard_window": True, "time_limit": 5}
    )
    assert impossible.status_code == 422
    problem = impossible.json()
    assert problem["title"] == "Infeasible"
    assert problem["type"].endswith("#problem-infeasible")
    assert [e["field"] for e in problem["errors"]] == ["window_days"]
    assert "widen window_days" in problem["hint"]
