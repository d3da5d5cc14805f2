"""Shared fixtures: real databases (SQLite always, PostgreSQL when there is one) and a real
Radicale CalDAV server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

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


def _postgres_database() -> Iterator[str]:
    need(bool(POSTGRES_URL), "no PostgreSQL server: set WIDENET_TEST_POSTGRES_URL")
    name = f"widenet_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin: Any, name: str) -> None:
    """Drop a test database; one that cannot be dropped now is left for the server's owner,
    with a warning, rather than failing the test that used it."""
    import warnings

    from sqlalchemy.exc import DBAPIError

    for statement in (
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'DROP DATABASE IF EXISTS "{name}"',
    ):
        try:
            with admin.connect() as connection:
                connection.execute(text(statement))
            return
        except DBAPIError as exc:
            problem = exc
    warnings.warn(f"test database {name} left behind: {problem.orig}", stacklevel=2)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    yield from _postgres_database()


@pytest.fixture
def other_database_url(database_url: str, tmp_path: Any) -> Iterator[str]:
    """A second fresh database on the same backend as ``database_url``."""
    if database_url.startswith("sqlite"):
        yield f"sqlite+pysqlite:///{tmp_path / 'other.db'}"
    else:
        yield from _postgres_database()


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


# -- a real CalDAV server ---------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    """'' once the server answers, else why it did not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"radicale exited with code {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=1):
                return ""
        except urllib.error.HTTPError:
            return ""  # any HTTP answer means it is serving
        except OSError:
            time.sleep(0.1)
    return f"radicale did not answer on {url} within {seconds:.0f} s"


def _unavailable(reason: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"CalDAV tests need Radicale: {reason} (CI=true: .ci/run must provide it)")
    pytest.skip(f"CalDAV tests need Radicale: {reason}")


def _radicale(storage: Path, auth: list[str]) -> Iterator[str]:
    """Run Radicale on a free loopback port with its storage in ``storage``."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable,
        "-m",
        "radicale",
        "--server-hosts",
        f"127.0.0.1:{port}",
        "--storage-filesystem-folder",
        str(storage / "collections"),
        *auth,
        "--auth-delay",
        "0",  # the client's first, anonymous request is refused; no need to wait after it
    ]
    log = (storage / "radicale.log").open("wb")
    try:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    except OSError as exc:
        _unavailable(f"cannot start it: {exc}")
    problem = _wait_until_up(url, process, seconds=20)
    if problem:
        process.kill()
        process.wait()
        log.close()
        lines = (storage / "radicale.log").read_text(errors="replace").strip().splitlines()
        _unavailable(f"{problem}; {lines[-1] if lines else 'no output'}")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture(scope="session")
def radicale_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale server on a free loopback port, storage in a temp folder, no auth."""
    yield from _radicale(tmp_path_factory.mktemp("radicale"), ["--auth-type", "none"])


#: The one account of ``radicale_with_password``.
RADICALE_USER, RADICALE_PASSWORD = "ada", "correct horse battery staple"


@pytest.fixture(scope="session")
def radicale_with_password(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale server that lets in RADICALE_USER with RADICALE_PASSWORD only."""
    storage = tmp_path_factory.mktemp("radicale-auth")
    users = storage / "users"
    users.write_text(f"{RADICALE_USER}:{RADICALE_PASSWORD}\n", encoding="utf-8")
    auth = [
        "--auth-type",
        "htpasswd",
        "--auth-htpasswd-filename",
        str(users),
        "--auth-htpasswd-encryption",
        "plain",
    ]
    yield from _radicale(storage, auth)
