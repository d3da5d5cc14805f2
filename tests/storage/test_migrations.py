"""Migrations: the schema they build matches the tables, and upgrading loses nothing."""

from __future__ import annotations

from datetime import date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, insert, select

from widenet.storage.engine import (
    HEAD,
    MIGRATIONS,
    current_revision,
    head_revision,
    make_engine,
    migrate,
)
from widenet.storage.tables import Base


def test_the_known_head_is_the_newest_migration() -> None:
    assert head_revision() == HEAD


def test_migrations_build_exactly_the_declared_tables(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_a_database_of_the_first_migration_keeps_its_data(database_url: str) -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    first = script.get_base()
    assert isinstance(first, str)
    engine = make_engine(database_url)
    migrate(engine, first)
    assert current_revision(engine) == first
    old = MetaData()
    old.reflect(engine)
    created = datetime.fromisoformat("2026-10-01T09:00:00+00:00")
    rows = {
        "users": [{"id": 1, "username": "local", "created_at": created}],
        "companies": [
            {
                "id": 1,
                "user_id": 1,
                "name": "Acme",
                "name_key": "acme",
                "location": "",
                "website": "",
                "notes": "keep me",
                "excitement": 4,
                "created_at": created,
            }
        ],
        "applications": [
            {
                "id": 1,
                "user_id": 1,
                "company_id": 1,
                "role": "Backend",
                "role_family": "backend",
                "source": "direct",
                "url": "",
                "applied_on": date(2026, 10, 1),
                "created_at": created,
            }
        ],
        "stage_events": [
            {
                "id": 1,
                "application_id": 1,
                "stage": "applied",
                "name": "",
                "on": date(2026, 10, 1),
                "reason": "",
                "note": "first",
                "created_at": created,
            }
        ],
    }
    with engine.begin() as connection:
        for table, values in rows.items():
            connection.execute(insert(old.tables[table]), values)
    migrate(engine)
    assert current_revision(engine) == head_revision()
    new = MetaData()
    new.reflect(engine)
    with engine.connect() as connection:
        for table, values in rows.items():
            stored = connection.execute(select(new.tables[table])).mappings().all()
            assert len(stored) == len(values)
            for key, value in values[0].items():
                if key != "created_at":
                    assert stored[0][key] == value, (table, key)
    engine.dispose()
