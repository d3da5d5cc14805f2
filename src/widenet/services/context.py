"""Opening the search for one action: settings -> database (migrated) -> a unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import ValidationError

from widenet.config import Settings, load_settings
from widenet.errors import InvalidInput, Problem
from widenet.services.tracking import Moment
from widenet.storage.engine import LOCAL_USER, Database
from widenet.storage.repo import Store

__all__ = [
    "Database",
    "Store",
    "discard",
    "moment_for",
    "open_database",
    "open_store",
    "settings_for",
    "unit_of_work",
]


def settings_for(db: str | None = None) -> Settings:
    """Settings from the environment, with ``db`` (a path or URL) taking precedence."""
    try:
        return load_settings(db=db)
    except ValidationError as exc:
        problems = [
            Problem(
                str(error["msg"]).removeprefix("Value error, "),
                field="WIDENET_" + str(error["loc"][0]).upper(),
            )
            for error in exc.errors()
        ]
        raise InvalidInput("The settings are not valid.", problems=problems) from None


def open_database(settings: Settings) -> Database:
    return Database.open(settings.url, busy_timeout_ms=settings.busy_timeout_ms)


@contextmanager
def open_store(settings: Settings, *, username: str = LOCAL_USER) -> Iterator[Store]:
    """One transaction on the user's search; committed when the block ends without error."""
    database = open_database(settings)
    try:
        user_id = database.user_id(username)
        with database.session() as session:
            yield Store(session, user_id)
    finally:
        database.dispose()


@contextmanager
def unit_of_work(database: Database, user_id: int) -> Iterator[Store]:
    """One transaction on an open database (a web request's): committed when the block ends
    without error, rolled back otherwise."""
    with database.resumable_session() as session:
        yield Store(session, user_id)


def discard(store: Store) -> None:
    """Undo what this unit of work wrote so far (a refused form is shown again in the same
    request; nothing of it may be kept)."""
    store.session.rollback()


def moment_for(settings: Settings) -> Moment:
    return Moment(now=settings.now(), ghosted_after_days=settings.ghosted_after_days)
