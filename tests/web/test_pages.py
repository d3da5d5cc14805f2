"""The pages: full pages and HTMX partials, forms that keep their values and show the server's
message next to the field, moves, undo, interviews, import and export."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Search
from tests.web.conftest import Web, build
from widenet.services import interviews, tracking
from widenet.track.model import InterviewKind


def apply(search: Search, company: str, role: str = "Backend", days_ago: int = 10) -> int:
    on = search.today - timedelta(days=days_ago)
    view, _ = search(
        lambda s: tracking.apply_to(s, search.moment, company=company, role=role, on=on)
    )
    return view.application.id


def field_message(html: str, name: str) -> str:
    """The error shown in the field block of input ``name`` (empty when none)."""
    block = re.search(
        rf'<div class="field invalid">(?:(?!<div class="field).)*?name="{name}".*?</div>',
        html,
        re.S,
    )
    if not block:
        return ""
    found = re.search(r'<p class="error"[^>]*>(.*?)</p>', block[0], re.S)
    return found[1].strip() if found else ""


@pytest.mark.parametrize(
    "url",
    ["/", "/board", "/companies", "/companies/new", "/applications/new", "/interviews",
     "/transfer", "/api/docs"],
)  # fmt: skip
def test_every_page_renders_on_an_empty_search(sqlite_web: Web, url: str) -> None:
    response = sqlite_web.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<!doctype html>")
    assert 'href="/interviews"' in response.text  # the navigation


def test_an_empty_search_says_how_to_start(sqlite_web: Web) -> None:
    html = sqlite_web.get("/").text
    assert "Your search starts here" in html
    assert 'href="/applications/new"' in html
    assert 'href="/transfer"' in html


@pytest.mark.parametrize(
    ("url", "marker"),
    [("/", 'id="board"'), ("/companies/{company}", 'id="company"'),
     ("/interviews", 'id="interviews-page"')],
)  # fmt: skip
def test_htmx_gets_the_partial_and_a_browser_the_page(
    sqlite_web: Web, url: str, marker: str
) -> None:
    apply(sqlite_web.search, "Acme")
    url = url.replace("{company}", "1")
    page = sqlite_web.get(url)
    partial = sqlite_web.get(url, htmx=True)
    assert page.status_code == partial.status_code == 200
    assert marker in page.text
    assert marker in partial.text
    assert "<html" in page.text
    assert "<html" not in partial.text
    assert partial.text.lstrip().startswith("<")
    assert "HX-Request" in partial.headers["vary"]


def test_the_board_shows_cards_in_their_columns(web: Web) -> None:
    search = web.search
    apply(search, "Acme", days_ago=30)
    apply(search, "Zeta", days_ago=5)
    search(lambda s: tracking.move(s, search.moment, company="zeta", stage="onsite"))
    html = web.get("/").text
    onsite = html.split('data-stage="onsite"', 1)[1].split("</ol>", 1)[0]
    applied = html.split('data-stage="applied"', 1)[1].split("</ol>", 1)[0]
    assert "Zeta" in onsite
    assert "Acme" not in onsite
    assert "Acme" in applied
    assert "Looks ghosted" in applied  # 30 quiet days
    assert "2 open · 0 closed" in html


def test_board_filters(sqlite_web: Web) -> None:
    search = sqlite_web.search
    search(lambda s: tracking.add_company(s, name="Small Co", size_band="small"))
    apply(search, "Small Co", days_ago=40)
    apply(search, "Other", days_ago=2)
    assert "Small Co" not in sqlite_web.get("/?size=large").text
    assert "Small Co" in sqlite_web.get("/?size=small").text
    active = sqlite_web.get("/?active=1", htmx=True).text
    assert "Other" in active
    assert "Small Co" not in active
    bad = sqlite_web.get("/?source=pigeon")
    assert bad.status_code == 422
    assert "pigeon" in bad.text


def test_moving_with_the_form_records_the_event(web: Web) -> None:
    app_id = apply(web.search, "Acme")
    response = web.post(
        f"/applications/{app_id}/move", {"stage": "technical", "on": "", "next": "/"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    events = web.api("GET", f"/applications/{app_id}").json()["events"]
    assert [e["stage"] for e in events] == ["applied", "technical"]
    assert events[-1]["on"] == web.search.today.isoformat()


def test_htmx_move_returns_the_card_or_the_board(sqlite_web: Web) -> None:
    web = sqlite_web
    app_id = apply(web.search, "Acme")
    card = web.post(f"/applications/{app_id}/move", {"stage": "recruiter"}, htmx=True)
    assert card.status_code == 200
    assert card.text.lstrip().startswith(f'<li class="card" id="card-{app_id}"')
    assert 'data-stage="recruiter"' in card.text
    board = web.post(
        f"/applications/{app_id}/move", {"stage": "onsite", "size": ""}, htmx=True, target="board"
    )
    assert board.text.lstrip().startswith('<section id="board"')
    onsite = board.text.split('data-stage="onsite"', 1)[1].split("</ol>", 1)[0]
    assert f'id="card-{app_id}"' in onsite


def test_a_refused_move_explains_itself_where_the_page_shows_messages(sqlite_web: Web) -> None:
    web = sqlite_web
    app_id = apply(web.search, "Acme", days_ago=3)
    earlier = (web.search.today - timedelta(days=10)).isoformat()
    response = web.post(
        f"/applications/{app_id}/move", {"stage": "onsite", "on": earlier}, htmx=True
    )
    assert response.status_code == 409
    assert response.headers["hx-retarget"] == "#flash"
    assert "would come before it" in response.text
    page = web.post(
        f"/applications/{app_id}/move", {"stage": "onsite", "on": earlier, "next": "/companies/1"}
    )
    assert page.status_code == 409
    assert 'href="/companies/1"' in page.text  # the way back
    assert web.api("GET", f"/applications/{app_id}").json()["stage"] == "applied"


def test_add_company_form(web: Web) -> None:
    response = web.post(
        "/companies", {"name": "Acme Robotics", "size_band": "large", "excitement": "4"}
    )
    assert response.status_code == 303
    page = web.get(response.headers["location"])
    assert "Acme Robotics" in page.text
    assert "Large (150-1000)" in page.text


@pytest.mark.parametrize(
    ("fields", "field", "message", "status"),
    [
        ({"name": "Zeta", "excitement": "9"}, "excitement", "outside 1-5", 422),
        ({"name": "Zeta", "excitement": "lots"}, "excitement", "not a whole number", 422),
        ({"name": "", "location": "Berlin"}, "name", "needs a name", 422),
        ({"name": "ACME", "location": "Berlin"}, "name", "already exists", 409),
    ],
)
def test_add_company_form_shows_the_message_next_to_the_field(
    sqlite_web: Web, fields: dict[str, str], field: str, message: str, status: int
) -> None:
    sqlite_web.search(lambda s: tracking.add_company(s, name="Acme"))
    response = sqlite_web.post("/companies", fields)
    assert response.status_code == status
    assert message in field_message(response.text, field)
    for value in fields.values():  # what was typed is still there
        if value:
            assert f'value="{value}"' in response.text
    assert len(sqlite_web.api("GET", "/companies").json()) == 1


def test_add_application_form_creates_the_company(web: Web) -> None:
    response = web.post(
        "/applications", {"company": "Quill", "role": "Staff Engineer", "source": "referral"}
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/companies/")
    apps = web.api("GET", "/applications").json()
    assert [(a["company"], a["source"]) for a in apps] == [("Quill", "referral")]


def test_add_application_form_suggests_close_names(sqlite_web: Web) -> None:
    sqlite_web.search(lambda s: tracking.add_company(s, name="Acme Robotics"))
    form = {"company": "Acme Robotix", "role": "Backend"}
    refused = sqlite_web.post("/applications", form)
    assert refused.status_code == 404
    assert "Did you mean Acme Robotics?" in field_message(refused.text, "company")
    assert sqlite_web.post("/applications", {**form, "new": "1"}).status_code == 303
    assert len(sqlite_web.api("GET", "/companies").json()) == 2


def test_add_application_form_keeps_values_on_error(sqlite_web: Web) -> None:
    response = sqlite_web.post(
        "/applications", {"company": "Acme", "role": "Backend", "on": "next tuesday"}
    )
    assert response.status_code == 422
    assert "is not a date" in field_message(response.text, "on")
    assert 'value="Acme"' in response.text
    assert 'value="Backend"' in response.text
    assert sqlite_web.api("GET", "/companies").json() == []  # nothing half-saved


def test_edit_company_details_and_clear_a_field(web: Web) -> None:
    web.search(lambda s: tracking.add_company(s, name="Acme", size_band="small", notes="old"))
    fields = {"name": "Acme", "size_band": "", "notes": "great team", "excitement": "5"}
    assert web.post("/companies/1", fields).status_code == 303
    company = web.api("GET", "/companies/1").json()
    assert company["size_band"] is None
    assert company["notes"] == "great team"
    refused = web.post("/companies/1", {**fields, "excitement": "0"})
    assert refused.status_code == 422
    assert "outside 1-5" in field_message(refused.text, "excitement")
    assert '<details class="panel" open>' in refused.text  # the form stays open


def test_undo_from_the_company_page(sqlite_web: Web) -> None:
    web = sqlite_web
    app_id = apply(web.search, "Acme")
    web.post(f"/applications/{app_id}/move", {"stage": "recruiter"})
    response = web.post(f"/applications/{app_id}/undo")
    assert response.status_code == 303
    assert web.api("GET", f"/applications/{app_id}").json()["stage"] == "applied"
    assert web.post(f"/applications/{app_id}/undo").status_code == 303
    assert web.api("GET", f"/applications/{app_id}").status_code == 404


def test_book_and_complete_an_interview(web: Web) -> None:
    app_id = apply(web.search, "Acme")
    start = (web.search.moment.now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    booked = web.post(
        f"/applications/{app_id}/interviews",
        {"kind": "technical", "start": start, "minutes": "45", "interviewers": "Dana"},
    )
    assert booked.status_code == 303
    interview = web.api("GET", "/interviews").json()[0]
    assert interview["minutes"] == 45
    done = web.post(
        f"/interviews/{interview['id']}/complete",
        {"self_rating": "3", "outcome": "pass", "notes": "system design", "next": "/interviews"},
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/interviews#interview-{interview['id']}"
    stored = web.api("GET", f"/interviews/{interview['id']}").json()
    assert (stored["self_rating"], stored["outcome"], stored["notes"]) == (
        3,
        "pass",
        "system design",
    )


def test_interview_forms_show_their_messages(sqlite_web: Web) -> None:
    web = sqlite_web
    app_id = apply(web.search, "Acme")
    missing = web.post(f"/applications/{app_id}/interviews", {"kind": "technical", "start": ""})
    assert missing.status_code == 422
    assert "Give the date and time" in field_message(missing.text, "start")
    later = (web.search.moment.now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    web.post(f"/applications/{app_id}/interviews", {"kind": "onsite", "start": later})
    interview = web.api("GET", "/interviews").json()[0]
    early = web.post(
        f"/interviews/{interview['id']}/complete",
        {"self_rating": "4", "outcome": "pass", "next": "/companies/1"},
    )
    assert early.status_code == 409
    assert "has not happened yet" in early.text
    assert 'id="company"' in early.text  # shown on the page the form was on


def test_interviews_are_grouped_by_day_in_the_users_zone(sqlite_search: Search) -> None:
    app = build(sqlite_search, timezone="America/Los_Angeles")
    web = Web(app, sqlite_search)
    search = sqlite_search
    apply(search, "Acme")
    # 03:00 UTC on Saturday is Friday evening in Los Angeles.
    start = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
    search.at(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    search(
        lambda s: interviews.add(
            s, search.moment, company="acme", kind=InterviewKind.TECHNICAL, start=start
        )
    )
    html = web.get("/interviews").text
    upcoming = html.split('id="past-title"', 1)[0]
    assert "Friday 20 November 2026" in upcoming
    assert "Fri 20 Nov, 19:00" in upcoming
    app.state.database.dispose()


def test_add_a_contact(sqlite_web: Web) -> None:
    sqlite_web.search(lambda s: tracking.add_company(s, name="Acme"))
    ok = sqlite_web.post(
        "/companies/1/contacts", {"name": "Sam Ortiz", "role": "recruiter", "email": "s@a.io"}
    )
    assert ok.status_code == 303
    assert "Sam Ortiz" in sqlite_web.get("/companies/1").text
    bad = sqlite_web.post("/companies/1/contacts", {"name": "Kim", "email": "kim at acme"})
    assert bad.status_code == 422
    assert "does not look like an e-mail" in field_message(bad.text, "email")


CSV_GOOD = (
    "company,role,applied,technical\nAcme,Backend,2026-10-01,2026-10-10\nZeta,iOS,2026-10-02,\n"
)
CSV_BAD = (
    "company,role,applied,excitement\n"
    "Acme,Backend,2026-10-01,4\n"
    ",iOS,2026-10-02,3\n"
    "Zeta,Data,yesterday-ish,9\n"
)


def test_import_a_csv_and_export_it_again(web: Web) -> None:
    files = {"file": ("tracker.csv", CSV_GOOD.encode(), "text/csv")}
    response = web.post("/transfer/import", files=files)
    assert response.status_code == 303
    summary = web.get(response.headers["location"]).text
    assert "Imported." in summary
    assert "2 applications" in summary
    exported = web.get("/transfer/export.csv")
    assert exported.headers["content-disposition"].startswith("attachment;")
    assert exported.text.splitlines()[0].startswith("company,role")
    assert "Acme,Backend" in exported.text
    everything = json.loads(web.get("/transfer/export.json").text)
    assert len(everything["applications"]) == 2


def test_a_rejected_import_lists_every_bad_row_and_imports_nothing(web: Web) -> None:
    files = {"file": ("tracker.csv", CSV_BAD.encode(), "text/csv")}
    response = web.post("/transfer/import", files=files)
    assert response.status_code == 422
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]+)</td></tr>", response.text)
    where = {(line, column) for line, column, _ in rows}
    assert {("3", "company"), ("4", "applied"), ("4", "excitement")} <= where
    assert web.api("GET", "/companies").json() == []


def test_a_json_export_imports_into_an_empty_search_only(sqlite_web: Web) -> None:
    web = sqlite_web
    apply(web.search, "Acme")
    exported = web.get("/transfer/export.json").content
    files = {"file": ("search.json", exported, "application/json")}
    refused = web.post("/transfer/import", files=files)
    assert refused.status_code == 409
    assert "empty database" in refused.text
    empty = Search(web.search.database.url.replace("widenet.db", "empty.db"), web.search.moment.now)
    other = Web(build(empty), empty)
    assert other.post("/transfer/import", files=files).status_code == 303
    assert [a["company"] for a in other.api("GET", "/applications").json()] == ["Acme"]
    other.app.state.database.dispose()
    empty.database.dispose()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tracker.xlsx", b"PK", "Cannot tell the format"),
        ("tracker.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("", b"", "Choose a .csv or .json file"),
    ],
)
def test_an_unreadable_upload_says_why(
    sqlite_web: Web, name: str, data: bytes, message: str
) -> None:
    response = sqlite_web.post("/transfer/import", files={"file": (name, data, "text/csv")})
    assert response.status_code == 422
    assert message in response.text


def test_unknown_pages_are_404_pages(sqlite_web: Web) -> None:
    for url in ("/nothing", "/companies/4242"):
        response = sqlite_web.get(url)
        assert response.status_code == 404
        assert "<html" in response.text
