"""Shared fixtures: real databases (SQLite always, PostgreSQL when there is one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from widenet.services.tracking import Moment
from widenet.storage.engine import Database
from widenet.storage.repo import Store

T = TypeVar("T")
IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("WIDENET_TEST_POSTGRES_URL", "")


def need(available: bool, reason: str) -> None:
    """Skip locally when a real service is missing; in CI the service must be there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: .ci/run must provide it)")
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    need(bool(POSTGRES_URL), "no PostgreSQL server: set WIDENET_TEST_POSTGRES_URL")
    name = f"widenet_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite+pysqlite:///{tmp_path / 'widenet.db'}"
    return str(request.getfixturevalue("postgres_url"))


class Search:
    """A real database with one user's search, and a fixed 'now' for the services."""

    def __init__(self, url: str, now: datetime) -> None:
        self.database = Database.open(url)
        self.user_id = self.database.user_id()
        self.moment = Moment(now=now)

    def __call__(self, action: Callable[[Store], T]) -> T:
        """Run one action in its own transaction, as an interface would."""
        with self.database.session() as session:
            return action(Store(session, self.user_id))

    def at(self, now: datetime) -> Search:
        self.moment = Moment(now=now, ghosted_after_days=self.moment.ghosted_after_days)
        return self

    @property
    def today(self) -> date:
        return self.moment.today


NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


@pytest.fixture
def search(database_url: str) -> Iterator[Search]:
    """A search on every database backend."""
    result = Search(database_url, NOW)
    yield result
    result.database.dispose()


@pytest.fixture
def sqlite_search(tmp_path: Any) -> Iterator[Search]:
    """A search on SQLite only, for logic that does not depend on the backend."""
    result = Search(f"sqlite+pysqlite:///{tmp_path / 'widenet.db'}", NOW)
    yield result
    result.database.dispose()
