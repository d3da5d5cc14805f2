"""Safety even on localhost: escaping, CSRF, Host checks against DNS rebinding, API writes
that a foreign page cannot forge, security headers, nothing loaded from elsewhere."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from tests.web.conftest import Web, build
from widenet.services import interviews, tracking
from widenet.track.model import InterviewKind
from widenet.web import routes

XSS = "<script>alert(1)</script>"


def test_user_text_is_escaped_everywhere_it_shows(sqlite_web: Web) -> None:
    web = sqlite_web
    search = web.search
    search(lambda s: tracking.add_company(s, name=f"Acme {XSS}", notes=XSS, location=XSS))
    search(
        lambda s: tracking.apply_to(
            s, search.moment, company=f"Acme {XSS}", role=XSS, note=XSS, url="javascript:alert(1)"
        )
    )
    search(
        lambda s: interviews.add(
            s,
            search.moment,
            company="acme",
            kind=InterviewKind.ONSITE,
            start=search.moment.now,
            interviewers=XSS,
            notes=XSS,
        )
    )
    for url in ("/", "/companies", "/companies/1", "/interviews", "/applications/new"):
        html = web.get(url).text
        assert XSS not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    company = web.get("/companies/1").text
    assert 'href="javascript:' not in company  # a typed URL never becomes a script link
    card = web.post("/applications/1/move", {"stage": "recruiter"}, htmx=True).text
    assert XSS not in card


def test_error_messages_are_escaped_too(sqlite_web: Web) -> None:
    response = sqlite_web.get(f"/?source={XSS}")
    assert response.status_code == 422
    assert XSS not in response.text


def page_write_routes() -> list[str]:
    return [
        route.path.replace("{application_id}", "1")
        .replace("{company_id}", "1")
        .replace("{interview_id}", "1")
        for router in routes.PAGES
        for route in router.routes
        if isinstance(route, APIRoute)
        and (route.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}
    ]


def test_every_form_needs_the_token(sqlite_web: Web) -> None:
    web = sqlite_web
    search = web.search
    search(lambda s: tracking.apply_to(s, search.moment, company="Acme", role="Backend"))
    writes = page_write_routes()
    assert len(writes) >= 9
    for path in writes:
        missing = web.post(path, {"name": "Evil", "stage": "offer"}, token=False)
        assert missing.status_code == 403, path
        forged = web.post(path, {"name": "Evil", "csrf_token": "abc.def"}, token=False)
        assert forged.status_code == 403, path
    assert web.api("GET", "/companies").json()[0]["name"] == "Acme"
    assert web.api("GET", "/applications/1").json()["stage"] == "applied"


def test_a_token_from_another_server_or_cookie_is_refused(sqlite_web: Web) -> None:
    web = sqlite_web
    web.search(lambda s: tracking.add_company(s, name="Acme"))
    other = Web(build(web.search, secret_key=None), web.search)  # another secret
    foreign = other.token
    response = web.post("/companies", {"name": "Evil", "csrf_token": foreign}, token=False)
    assert response.status_code == 403
    # The cookie and the form must agree: a valid token of this server without its cookie.
    mine = web.token
    web.client.cookies.clear()
    response = web.post("/companies", {"name": "Evil", "csrf_token": mine}, token=False)
    assert response.status_code == 403
    assert "Reload the page" in response.text
    other.app.state.database.dispose()


def test_htmx_calls_carry_the_token_in_a_header(sqlite_web: Web) -> None:
    web = sqlite_web
    search = web.search
    search(lambda s: tracking.apply_to(s, search.moment, company="Acme", role="Backend"))
    assert web.post("/applications/1/move", {"stage": "recruiter"}, htmx=True).status_code == 200
    refused = web.post("/applications/1/move", {"stage": "onsite"}, htmx=True, token=False)
    assert refused.status_code == 403


def test_a_request_from_another_origin_is_refused_even_with_the_token(sqlite_web: Web) -> None:
    web = sqlite_web
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "http://localhost:9999"},  # another server on this machine
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # e.g. a page on another port of localhost
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
    ):
        response = web.post("/companies", {"name": "Evil"}, headers=headers)
        assert response.status_code == 403, headers
    same = web.post("/companies", {"name": "Fine"}, headers={"Origin": "http://localhost"})
    assert same.status_code == 303
    # A browser's own form post under Referrer-Policy: no-referrer says "Origin: null".
    own = web.post(
        "/companies", {"name": "Own"}, headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    )
    assert own.status_code == 303


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("application/x-www-form-urlencoded", 415),
        ("multipart/form-data; boundary=x", 415),
        ("text/plain", 415),
        ("application/json", 201),
        ("application/merge-patch+json", 201),
    ],
)
def test_api_writes_must_be_json(sqlite_web: Web, content_type: str, status: int) -> None:
    """A cross-site HTML form can send the first three, never JSON."""
    response = sqlite_web.client.post(
        "/api/v1/companies", content=b'{"name": "Acme"}', headers={"content-type": content_type}
    )
    assert response.status_code == status
    if status == 415:
        assert response.headers["content-type"] == "application/problem+json"


def test_api_writes_from_another_origin_are_refused(sqlite_web: Web) -> None:
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = sqlite_web.api("POST", "/companies", {"name": "Acme"}, headers=headers)
        assert response.status_code == 403
    assert sqlite_web.api("GET", "/companies").json() == []


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("localhost:8765", 200),
        ("127.0.0.1:8765", 200),
        ("[::1]:8765", 200),
        ("LOCALHOST", 200),
        ("evil.example", 400),  # a rebound DNS name pointing at 127.0.0.1
        ("evil.example:8765", 400),
        ("localhost.evil.example", 400),
        ("127.0.0.1.nip.io", 400),
        ("", 400),
    ],
)
def test_only_local_host_names_are_answered(sqlite_web: Web, host: str, status: int) -> None:
    for url in ("/", "/api/v1/companies", "/static/style.css"):
        response = sqlite_web.client.get(url, headers={"host": host})
        assert response.status_code == status, (host, url)


def test_allowed_hosts_extend_the_local_names(sqlite_web: Web) -> None:
    app = build(sqlite_web.search, allowed_hosts=["tracker.lan"])
    web = Web(app, sqlite_web.search)
    assert web.client.get("/", headers={"host": "tracker.lan:8765"}).status_code == 200
    assert web.client.get("/", headers={"host": "other.lan"}).status_code == 400
    app.state.database.dispose()


def test_security_headers(sqlite_web: Web) -> None:
    for url in ("/", "/api/v1/companies", "/static/app.js"):
        headers = sqlite_web.get(url).headers
        policy = headers["content-security-policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"  # no inline script, no eval
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"


def test_the_csrf_cookie_is_strict(sqlite_web: Web) -> None:
    cookie = sqlite_web.get("/").headers["set-cookie"]
    assert "SameSite=Strict" in cookie
    assert "HttpOnly" in cookie


def test_pages_load_nothing_from_elsewhere(sqlite_web: Web) -> None:
    """No CDN and no inline script: every script and style comes from /static."""
    for url in ("/", "/api/docs", "/transfer"):
        html = sqlite_web.get(url).text
        sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        assert sources
        assert all(source.startswith("/static/") for source in sources), sources
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "style=" not in html
    for asset in ("/static/vendor/htmx.min.js", "/static/vendor/Sortable.min.js"):
        assert sqlite_web.get(asset).status_code == 200
