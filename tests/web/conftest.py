"""A web app over a real database (SQLite, and PostgreSQL when there is one), and a client
that speaks to it the way a browser or a script would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Search
from widenet.config import load_settings
from widenet.web.app import create_app

BASE = "http://localhost"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Web:
    """A browser-like client: it keeps the CSRF cookie and sends the page's token back."""

    def __init__(self, app: FastAPI, search: Search) -> None:
        self.app = app
        self.search = search
        self.client = TestClient(app, base_url=BASE, follow_redirects=False)
        self._token = ""

    @property
    def token(self) -> str:
        if not self._token:
            found = TOKEN.search(self.client.get("/companies/new").text)
            assert found, "the form page carries a CSRF token"
            self._token = found[1]
        return self._token

    def get(self, url: str, *, htmx: bool = False, **kwargs: Any) -> httpx.Response:
        headers = {"HX-Request": "true"} if htmx else {}
        response: httpx.Response = self.client.get(url, headers=headers, **kwargs)
        return response

    def post(
        self,
        url: str,
        data: dict[str, str] | None = None,
        *,
        htmx: bool = False,
        target: str | None = None,
        token: bool = True,
        **kwargs: Any,
    ) -> httpx.Response:
        """Post a form as the page would: with its token, or as HTMX with the header."""
        fields = dict(data or {})
        headers: dict[str, str] = kwargs.pop("headers", {})
        if htmx:
            headers["HX-Request"] = "true"
            if target:
                headers["HX-Target"] = target
            if token:
                headers["X-CSRF-Token"] = self.token
        elif token:
            fields["csrf_token"] = self.token
        response: httpx.Response = self.client.post(url, data=fields, headers=headers, **kwargs)
        return response

    def api(self, method: str, url: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        """A script's call: JSON in, no cookie needed."""
        response: httpx.Response = self.client.request(method, "/api/v1" + url, json=body, **kwargs)
        return response


def build(search: Search, **settings: Any) -> FastAPI:
    config = load_settings(
        db=search.database.url,
        timezone=settings.pop("timezone", "UTC"),
        secret_key=settings.pop("secret_key", "a secret for the tests"),
        **settings,
    )
    return create_app(config, clock=lambda: search.moment.now)


@pytest.fixture
def web(search: Search) -> Iterator[Web]:
    """The app on every database backend."""
    app = build(search)
    yield Web(app, search)
    app.state.database.dispose()


@pytest.fixture
def sqlite_web(sqlite_search: Search) -> Iterator[Web]:
    """The app on SQLite only, for what does not depend on the backend."""
    app = build(sqlite_search)
    yield Web(app, sqlite_search)
    app.state.database.dispose()
