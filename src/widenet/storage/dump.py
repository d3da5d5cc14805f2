"""Generic dump and load of the feature tables, for the JSON export of a whole search.

The core tables (companies, contacts, applications, stage events, interviews) are exported
explicitly with their own validation; every other table that holds what a user entered is
listed in EXTRA_TABLES and travels generically: its rows as dicts, references to other rows
rewritten through the ids of the file on load. Ownership follows the foreign keys: a row
belongs to the user through ``user_id`` or through a row it references that does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, DateTime, Table, insert, select
from sqlalchemy.exc import DBAPIError, StatementError

from widenet.errors import ImportRejected, Problem
from widenet.storage.repo import Store
from widenet.storage.tables import Base

#: Feature tables in the order they load (a table after those it references).
EXTRA_TABLES: list[str] = [
    "criteria",
    "ratings",
    "asked_questions",
    "offers",
    "offer_revisions",
    "market_points",
    "schedule_settings",
    "offered_windows",
    "recruiter_timelines",
    "saved_plans",
]
#: Core tables whose ids the file carries and extra tables may reference.
CORE_TABLES = ("companies", "contacts", "applications", "interviews")
_SKIP = {"user_id", "created_at"}


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _owner(table: Table) -> tuple[Column[Any], str] | None:
    """The column through which rows of ``table`` belong to a user, and the table it points to."""
    if "user_id" in table.columns:
        return table.columns["user_id"], "users"
    for column in table.columns:
        for key in column.foreign_keys:
            return column, key.column.table.name
    return None


def dump(store: Store, ids: Mapping[str, Sequence[int]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every extra table owned by the user; ``ids`` holds the exported core ids."""
    known: dict[str, set[int]] = {name: set(values) for name, values in ids.items()}
    result: dict[str, list[dict[str, Any]]] = {}
    for name in EXTRA_TABLES:
        table = _table(name)
        owner = _owner(table)
        if owner is None:
            continue
        column, target = owner
        query = select(table)
        if target == "users":
            query = query.where(column == store.user_id)
        else:
            query = query.where(column.in_(sorted(known.get(target, set()))))
        rows = [dict(row._mapping) for row in store.session.execute(query.order_by(table.c.id))]
        known[name] = {row["id"] for row in rows}
        result[name] = [
            {key: _plain(value) for key, value in row.items() if key not in _SKIP} for row in rows
        ]
    return result


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def load(
    store: Store, data: Mapping[str, Any], id_maps: Mapping[str, Mapping[int, int]]
) -> dict[str, int]:
    """Insert the extra tables' rows, rewriting references; all-or-nothing with the caller."""
    maps: dict[str, dict[int, int]] = {name: dict(m) for name, m in id_maps.items()}
    unknown = sorted(set(data) - set(EXTRA_TABLES))
    if unknown:
        raise ImportRejected(
            "Nothing was imported: the file has sections this widenet does not know.",
            problems=[Problem("unknown section", field=f"extra.{name}") for name in unknown],
        )
    counts = {}
    for name in EXTRA_TABLES:
        rows = data.get(name) or []
        maps[name] = _load_table(store, _table(name), rows, maps)
        counts[name] = len(rows)
    return counts


def _load_table(
    store: Store, table: Table, rows: Sequence[Any], maps: Mapping[str, Mapping[int, int]]
) -> dict[int, int]:
    new_ids: dict[int, int] = {}
    for index, row in enumerate(rows):
        where = f"extra.{table.name}.{index}"
        if not isinstance(row, dict):
            raise _rejected(where, "must be an object")
        values = _values(table, row, maps, where)
        if "user_id" in table.columns:
            values["user_id"] = store.user_id
        try:
            new_id = store.session.execute(insert(table).values(values).returning(table.c.id))
        except (DBAPIError, StatementError) as exc:
            raise _rejected(where, str(getattr(exc, "orig", exc)).splitlines()[0]) from None
        if "id" in row:
            new_ids[int(row["id"])] = int(new_id.scalar_one())
    return new_ids


def _values(
    table: Table, row: Mapping[str, Any], maps: Mapping[str, Mapping[int, int]], where: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in row.items():
        if key == "id":
            continue
        if key not in table.columns or key in _SKIP:
            raise _rejected(f"{where}.{key}", "unknown field")
        values[key] = _typed(table.columns[key], value, maps, f"{where}.{key}")
    return values


def _typed(
    column: Column[Any], value: Any, maps: Mapping[str, Mapping[int, int]], where: str
) -> Any:
    if value is None:
        return None
    for key in column.foreign_keys:
        target = key.column.table.name
        if value not in maps.get(target, {}):
            raise _rejected(where, f"refers to unknown {target} id {value}")
        return maps[target][value]
    try:
        if isinstance(column.type, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(column.type, Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _rejected(where, f"{value!r} is not a date") from None
    return value


def _rejected(where: str, message: str) -> ImportRejected:
    return ImportRejected(
        f"Nothing was imported: {where}: {message}.", problems=[Problem(message, field=where)]
    )
