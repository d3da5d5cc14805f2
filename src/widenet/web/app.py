"""The web app: ``create_app(settings)`` builds it; nothing is created at import time."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from widenet import __version__
from widenet.config import Settings
from widenet.services.context import open_database
from widenet.web import problems, render, routes
from widenet.web.security import Guard, Tokens, allowed_hosts

STATIC = Path(__file__).with_name("static")


def create_app(settings: Settings, *, clock: Callable[[], datetime] | None = None) -> FastAPI:
    """The web UI and JSON API over the search in ``settings``' database.

    ``clock`` gives the current moment in the user's time zone (tests pass a fixed one)."""
    database = open_database(settings)  # migrates now, so a broken database fails at start

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="widenet",
        version=__version__,
        summary="Your job search over HTTP: companies, applications, events, interviews, contacts.",
        lifespan=lifespan,
        docs_url=None,  # the reference page is served locally by routes/api_docs.py
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.database = database
    app.state.local_user_id = database.user_id()
    app.state.clock = clock or settings.now
    app.state.templates = render.environment(settings.zone)
    secret = (settings.secret_key or secrets.token_hex(32)).encode()
    app.state.tokens = Tokens(secret)
    app.state.hosts = allowed_hosts(settings.allowed_hosts)
    app.add_middleware(Guard, hosts=app.state.hosts, tokens=app.state.tokens)
    problems.register(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    routes.include(app)
    return app
