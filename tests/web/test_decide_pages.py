"""Judging companies in the browser: the company page's view and forms, the decision page, the
criteria page; messages next to the fields, nothing written on a refused form."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.web.conftest import Web
from tests.web.decide_setup import apply, at_offer, demo_web, rate, record_offer
from tests.web.test_pages import field_message

__all__ = ["demo_web"]  # the fixture, used below


def ratings(web: Web, company_id: int = 1) -> list[dict[str, object]]:
    response = web.api("GET", f"/ratings?company_id={company_id}")
    assert response.status_code == 200
    found: list[dict[str, object]] = response.json()
    return found


def weights(web: Web) -> dict[str, float]:
    return {item["key"]: item["weight"] for item in web.api("GET", "/criteria").json()}


# -- empty and demo searches -------------------------------------------------------------------
def test_the_decision_page_on_an_empty_search_says_how_to_start(sqlite_web: Web) -> None:
    response = sqlite_web.get("/decide")
    assert response.status_code == 200
    assert "Nothing to decide between yet" in response.text
    assert 'href="/applications/new"' in response.text
    assert 'aria-current="page">Decide<' in response.text


def test_the_criteria_page_on_an_empty_search_shows_the_defaults(sqlite_web: Web) -> None:
    html = sqlite_web.get("/criteria").text
    assert 'name="weight.team" type="number" min="0" step="any" value="3"' in html
    assert "Work–life balance" in html


def test_a_company_page_before_any_rating(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    html = sqlite_web.get("/companies/1").text
    assert "Not rated yet" in html
    assert "data-plotly" not in html  # no chart without a score
    assert "plotly.min.js" not in html
    assert 'name="score.team"' in html
    assert "What to ask next" in html
    assert "never rated" in html
    assert "No offer yet" in html


def test_the_demo_decision_ranks_with_offers_and_sensitivity(demo_web: Web) -> None:
    html = demo_web.get("/decide").text
    rows = re.findall(r"<tr( class=\"leader\")?>\s*<td>(\d|–)</td>", html)
    assert rows
    assert rows[0] == (' class="leader"', "1")
    assert "How firm is the first choice?" in html
    assert "of the runs" in html
    assert re.search(r"\$[\d,]+</td>", html)  # an offer's 4-year value beside the scores
    weighted = demo_web.get("/decide?offer_weight=2").text
    assert '<th scope="col">Total</th>' in weighted
    assert demo_web.get("/decide?offer_weight=-1").status_code == 422


def test_the_demo_company_page_shows_how_the_view_moved(demo_web: Web) -> None:
    leader = demo_web.api("GET", "/decision").json()["leader"]
    company = demo_web.api("GET", f"/companies?name={leader}").json()[0]
    html = demo_web.get(f"/companies/{company['id']}").text
    assert "Your view" in html
    assert 'src="/assets/plotly.min.js"' in html
    assert "data-plotly" in html
    assert "What changed your view most" in html
    assert re.search(r"[+-]\d\.\d\d</strong> after <strong>\w+", html)
    assert "What to ask next" in html
    assert 'id="offer-' in html
    assert "Record a negotiation round" in html


def test_the_company_page_partial_carries_the_view(demo_web: Web) -> None:
    partial = demo_web.get("/companies/5", htmx=True).text
    assert "<html" not in partial
    assert 'id="your-view"' in partial


# -- ratings -----------------------------------------------------------------------------------
def test_rating_through_the_page_adds_to_the_history(web: Web) -> None:
    apply(web.search, "Acme")
    earlier = (web.search.today - timedelta(days=5)).isoformat()
    first = web.post(
        "/companies/1/ratings",
        {"score.team": "2", "score.manager": "4", "after": "recruiter", "on": earlier},
    )
    assert first.status_code == 303
    assert first.headers["location"] == "/companies/1#your-view"
    second = web.post(
        "/companies/1/ratings", {"score.team": "5", "confidence": "high", "note": "met them"}
    )
    assert second.status_code == 303
    team = [(r["score"], r["on"]) for r in ratings(web) if r["criterion"] == "team"]
    assert team == [(2, earlier), (5, web.search.today.isoformat())]  # the first one stays
    html = web.get("/companies/1").text
    assert "2 → 5" in html  # the team's history
    assert "data-plotly" in html  # two sessions: a chart


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"score.team": "7", "score.manager": "3"}, "score.team", "outside 1-5"),
        ({"score.team": "3.5"}, "score.team", "whole numbers"),
        ({"score.team": "4", "on": "+3d"}, "on", "has not come yet"),
        ({"score.team": "4", "on": "someday"}, "on", "not a date"),
        ({"score.team": "4", "confidence": "certain"}, "confidence", "not a confidence"),
    ],
)
def test_a_wrong_rating_is_refused_next_to_its_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    apply(sqlite_web.search, "Acme")
    response = sqlite_web.post("/companies/1/ratings", {**fields, "note": "keep me"})
    assert response.status_code == 422
    assert message in field_message(response.text, field)
    assert ">keep me</textarea>" in response.text
    for name, value in fields.items():
        if name.startswith("score."):
            assert f'name="{name}" type="number" value="{value}"' in response.text
    assert ratings(sqlite_web) == []


def test_two_wrong_scores_are_both_shown_and_nothing_is_kept(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    response = sqlite_web.post(
        "/companies/1/ratings", {"score.team": "0", "score.manager": "9", "score.product": "4"}
    )
    assert response.status_code == 422
    assert "outside 1-5" in field_message(response.text, "score.team")
    assert "outside 1-5" in field_message(response.text, "score.manager")
    assert ratings(sqlite_web) == []


def test_a_rating_form_without_scores_says_so(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    response = sqlite_web.post("/companies/1/ratings", {"note": "nothing"})
    assert response.status_code == 422
    assert "Give at least one rating" in response.text
    assert '<details class="panel" open>' in response.text


def test_rating_an_unknown_company_is_a_404(sqlite_web: Web) -> None:
    assert sqlite_web.post("/companies/9/ratings", {"score.team": "4"}).status_code == 404


# -- questions ---------------------------------------------------------------------------------
def test_recording_a_question_and_its_answer(web: Web) -> None:
    apply(web.search, "Acme")
    response = web.post(
        "/companies/1/questions",
        {"question": "manager-1", "at": "recruiter", "answer": "Weekly one-on-ones"},
    )
    assert response.status_code == 303
    html = web.get("/companies/1").text
    asked = html.split("<h3>Asked</h3>", 1)[1].split("</ul>", 1)[0]
    assert "Weekly one-on-ones" in asked
    assert "Recruiter" in asked


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"question": "manager-99"}, "question", "is not a question id"),
        ({"question": "Do you ship on Fridays?"}, "criterion", "Say which criterion"),
        ({"question": "manager-1", "on": "+1d"}, "on", "has not come yet"),
    ],
)
def test_a_wrong_question_is_refused_next_to_its_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    apply(sqlite_web.search, "Acme")
    response = sqlite_web.post("/companies/1/questions", {**fields, "answer": "kept"})
    assert response.status_code == 422
    assert message in field_message(response.text, field)
    assert ">kept</textarea>" in response.text
    assert "<h3>Asked</h3>" not in response.text


def test_own_words_with_a_criterion_are_recorded(sqlite_web: Web) -> None:
    apply(sqlite_web.search, "Acme")
    fields = {"question": "Do you ship on Fridays?", "criterion": "work_life", "answer": "No"}
    assert sqlite_web.post("/companies/1/questions", fields).status_code == 303
    assert "Do you ship on Fridays?" in sqlite_web.get("/companies/1").text


# -- criteria and weights ----------------------------------------------------------------------
def test_saving_weights(web: Web) -> None:
    form = {f"weight.{key}": str(value) for key, value in weights(web).items()}
    response = web.post("/criteria/weights", {**form, "weight.team": "6", "weight.location": "0"})
    assert response.status_code == 303
    assert response.headers["location"] == "/criteria?saved=weights"
    saved = weights(web)
    assert (saved["team"], saved["location"], saved["manager"]) == (6.0, 0.0, 3.0)
    assert "Weights saved" in web.get("/criteria?saved=weights").text


def test_weights_summing_to_zero_are_refused_whole(sqlite_web: Web) -> None:
    before = weights(sqlite_web)
    form = {f"weight.{key}": "0" for key in before}
    response = sqlite_web.post("/criteria/weights", form)
    assert response.status_code == 422
    assert "The weights sum to zero" in response.text
    assert weights(sqlite_web) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("-2", "must be a number of 0 or more"), ("lots", "is not a number"), ("", "Give a weight")],
)
def test_a_wrong_weight_is_shown_next_to_it(sqlite_web: Web, value: str, message: str) -> None:
    before = weights(sqlite_web)
    form = {f"weight.{key}": str(weight) for key, weight in before.items()}
    response = sqlite_web.post(
        "/criteria/weights", {**form, "weight.manager": value, "weight.team": "5"}
    )
    assert response.status_code == 422
    assert message in field_message(response.text, "weight.manager")
    assert 'value="5"' in response.text  # what was typed stays
    assert weights(sqlite_web) == before


def test_adding_a_criterion(web: Web) -> None:
    response = web.post("/criteria", {"name": "Commute time", "weight": "2"})
    assert response.status_code == 303
    assert weights(web)["commute_time"] == 2.0
    apply(web.search, "Acme")
    assert 'name="score.commute_time"' in web.get("/companies/1").text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "team"}, "name", "already is a criterion"),
        ({"name": "  "}, "name", "Name the criterion"),
        ({"name": "commute", "weight": "heavy"}, "weight", "is not a number"),
        ({"name": "commute", "weight": "-1"}, "weight", "is not a weight"),
    ],
)
def test_a_wrong_criterion_is_refused_next_to_its_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str
) -> None:
    response = sqlite_web.post("/criteria", fields)
    assert response.status_code == 422
    assert message in field_message(response.text, field)
    assert len(weights(sqlite_web)) == 8


# -- safety ------------------------------------------------------------------------------------
def test_text_typed_into_the_forms_is_escaped(sqlite_web: Web) -> None:
    payload = "<script>alert(1)</script>"
    apply(sqlite_web.search, "Acme")
    sqlite_web.post("/companies/1/ratings", {"score.team": "4", "note": payload, "after": payload})
    sqlite_web.post(
        "/companies/1/questions", {"question": payload, "criterion": "team", "answer": payload}
    )
    sqlite_web.post("/criteria", {"name": "commute", "label": payload})
    for url in ("/companies/1", "/decide", "/criteria"):
        html = sqlite_web.get(url).text
        assert payload not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sqlite_web.get("/companies/1").text


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/companies/1/ratings", {"score.team": "4"}),
        ("/companies/1/questions", {"question": "team-1"}),
        ("/criteria/weights", {"weight.team": "9"}),
        ("/criteria", {"name": "commute"}),
    ],
)
def test_the_forms_need_the_token(sqlite_web: Web, url: str, fields: dict[str, str]) -> None:
    apply(sqlite_web.search, "Acme")
    before = weights(sqlite_web)
    assert sqlite_web.post(url, fields, token=False).status_code == 403
    assert ratings(sqlite_web) == []
    assert weights(sqlite_web) == before


def test_ratings_and_offers_together_on_the_decision_page(sqlite_web: Web) -> None:
    search = sqlite_web.search
    record_offer(search, "Acme", base="150000")
    record_offer(search, "Zeta", base="120000")
    at_offer(search, "Quill")
    rate(search, "Acme", "team=3")
    rate(search, "Zeta", "team=5")
    html = sqlite_web.get("/decide").text
    table = html.split('<table class="table matrix">', 1)[1].split("</table>", 1)[0]
    assert table.index("Zeta") < table.index("Acme") < table.index("Quill")  # 5, 3, unrated
    assert "$600,000" in table  # Acme's offer: 4 years of $150,000
    assert "no offer" in table  # Quill
