"""Alembic environment: widenet passes its engine in through the config's attributes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from widenet.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # the plain `alembic` command line, for developers
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        context.run_migrations()


run()
