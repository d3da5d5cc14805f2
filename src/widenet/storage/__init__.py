"""Storage: SQLAlchemy tables, repositories, Alembic migrations and engine setup."""
