"""Opening a database: engine setup (SQLite in WAL mode), automatic migrations, units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from widenet.errors import WidenetError
from widenet.storage.tables import UserRow

MIGRATIONS = Path(__file__).with_name("migrations")
LOCAL_USER = "local"
#: The newest migration; a test checks it against the scripts. Knowing it lets a command skip
#: loading Alembic when the database is already up to date (most commands, most days).
HEAD = "0006"


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def make_engine(url: str, *, busy_timeout_ms: int = 5000) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(found) if found is not None else None


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; cheap when it is already there."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


class Database:
    """One database: its engine, its migrations and its sessions."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 5000) -> None:
        self.url = url
        self.engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, busy_timeout_ms: int = 5000, upgrade: bool = True) -> Database:
        database = cls(url, busy_timeout_ms=busy_timeout_ms)
        if upgrade:
            try:
                migrate(database.engine)
            except OperationalError as exc:
                raise WidenetError(
                    f"Cannot open the database at {database.describe()}: {exc.orig}"
                ) from exc
        return database

    def describe(self) -> str:
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite":
            return str(parsed.database)
        return parsed.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def resumable_session(self) -> Iterator[Session]:
        """A transaction that can be rolled back midway and carry on reading (a web request
        that shows a refused form again): committed at the end unless the block raised."""
        with self._sessions() as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
            session.commit()

    def user_id(self, username: str = LOCAL_USER) -> int:
        """The id of a user, created on first use."""
        with self.session() as session:
            found = session.scalar(select(UserRow.id).where(UserRow.username == username))
            if found is not None:
                return found
            row = UserRow(username=username)
            session.add(row)
            session.flush()
            return row.id

    def dispose(self) -> None:
        self.engine.dispose()
