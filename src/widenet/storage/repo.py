"""Repositories: every query widenet makes, scoped to one user, returning plain data."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from widenet.errors import Conflict
from widenet.storage import convert
from widenet.storage.tables import (
    ApplicationRow,
    AuditRow,
    CompanyRow,
    ContactRow,
    InterviewRow,
    MetaRow,
    StageEventRow,
    utcnow,
)
from widenet.track.model import Application, Company, Contact, Interview, StageEvent
from widenet.track.names import name_key
from widenet.track.stages import Stage


class Store:
    """A unit of work for one user: all reads and writes of one transaction."""

    def __init__(self, session: Session, user_id: int) -> None:
        self.session = session
        self.user_id = user_id

    # -- audit -----------------------------------------------------------------------------
    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        data: Mapping[str, Any],
        *,
        at: datetime | None = None,
    ) -> None:
        row = AuditRow(
            user_id=self.user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            data=_jsonable(data),
        )
        if at is not None:
            row.at = at
        self.session.add(row)

    def audit_entries(self, *, entity: str | None = None) -> list[dict[str, Any]]:
        query = select(AuditRow).where(AuditRow.user_id == self.user_id).order_by(AuditRow.id)
        if entity:
            query = query.where(AuditRow.entity == entity)
        return [convert.as_dict(row) for row in self.session.scalars(query)]

    # -- meta ------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        return self.session.scalar(select(MetaRow.value).where(MetaRow.key == key))

    def set_meta(self, key: str, value: str) -> None:
        row = self.session.get(MetaRow, key)
        if row is None:
            self.session.add(MetaRow(key=key, value=value))
        else:
            row.value = value

    # -- companies -------------------------------------------------------------------------
    def company_names(self) -> list[str]:
        query = select(CompanyRow.name).where(CompanyRow.user_id == self.user_id)
        return list(self.session.scalars(query))

    def company_by_name(self, name: str) -> Company | None:
        row = self.session.scalar(
            select(CompanyRow).where(
                CompanyRow.user_id == self.user_id, CompanyRow.name_key == name_key(name)
            )
        )
        return convert.company(row) if row else None

    def company(self, company_id: int) -> Company | None:
        row = self._company_row(company_id)
        return convert.company(row) if row else None

    def companies(self) -> list[Company]:
        # Plain rows, not ORM objects: the board reads every company on every page view.
        query = (
            select(*_columns(CompanyRow))
            .where(CompanyRow.user_id == self.user_id)
            .order_by(func.lower(CompanyRow.name))
        )
        return [convert.company(row) for row in self.session.execute(query)]

    def add_company(self, **fields: Any) -> Company:
        name = fields["name"]
        if self.company_by_name(name) is not None:
            raise Conflict(f"A company named {name!r} already exists.")
        row = CompanyRow(user_id=self.user_id, name_key=name_key(name), **_stored(fields))
        self.session.add(row)
        self.session.flush()
        return convert.company(row)

    def update_company(self, company_id: int, changes: Mapping[str, Any]) -> Company:
        row = self._company_row(company_id)
        assert row is not None
        before = {key: getattr(row, key) for key in changes}
        if "name" in changes:
            other = self.company_by_name(changes["name"])
            if other is not None and other.id != company_id:
                raise Conflict(f"A company named {changes['name']!r} already exists.")
            row.name_key = name_key(changes["name"])
        for key, value in _stored(changes).items():
            setattr(row, key, value)
        self.audit("edit", "company", company_id, {"before": before})
        self.session.flush()
        return convert.company(row)

    def _company_row(self, company_id: int) -> CompanyRow | None:
        row = self.session.get(CompanyRow, company_id)
        return row if row is not None and row.user_id == self.user_id else None

    # -- contacts --------------------------------------------------------------------------
    def add_contact(self, **fields: Any) -> Contact:
        row = ContactRow(user_id=self.user_id, **_stored(fields))
        self.session.add(row)
        self.session.flush()
        return convert.contact(row)

    def contacts(self, *, company_id: int | None = None) -> list[Contact]:
        query = select(ContactRow).where(ContactRow.user_id == self.user_id)
        if company_id is not None:
            query = query.where(ContactRow.company_id == company_id)
        query = query.order_by(func.lower(ContactRow.name), ContactRow.id)
        return [convert.contact(row) for row in self.session.scalars(query)]

    def contact(self, contact_id: int) -> Contact | None:
        row = self.session.get(ContactRow, contact_id)
        return convert.contact(row) if row is not None and row.user_id == self.user_id else None

    # -- applications and their events -----------------------------------------------------
    def add_application(self, **fields: Any) -> Application:
        row = ApplicationRow(user_id=self.user_id, **_stored(fields))
        self.session.add(row)
        self.session.flush()
        return convert.application(row)

    def applications(
        self, *, company_ids: Iterable[int] | None = None, ids: Iterable[int] | None = None
    ) -> list[Application]:
        """Applications with their date-ordered events, loaded in two queries."""
        query = select(*_columns(ApplicationRow)).where(ApplicationRow.user_id == self.user_id)
        if company_ids is not None:
            query = query.where(ApplicationRow.company_id.in_(list(company_ids)))
        if ids is not None:
            query = query.where(ApplicationRow.id.in_(list(ids)))
        rows = self.session.execute(query.order_by(ApplicationRow.id)).all()
        filtered = company_ids is not None or ids is not None
        events = self.events_by_application([row.id for row in rows] if filtered else None)
        return [convert.application(row, tuple(events.get(row.id, ()))) for row in rows]

    def remove_application(self, application_id: int) -> None:
        """Delete an application that has no events left, keeping a copy in the audit log."""
        row = self.session.get(ApplicationRow, application_id)
        assert row is not None
        assert row.user_id == self.user_id
        self.audit("undo", "application", application_id, convert.as_dict(row))
        self.session.delete(row)
        self.session.flush()

    def application(self, application_id: int) -> Application | None:
        found = self.applications(ids=[application_id])
        return found[0] if found else None

    def events_by_application(
        self, application_ids: Sequence[int] | None = None
    ) -> dict[int, list[StageEvent]]:
        """Date-ordered events per application (the hot path of every board and chart)."""
        event = StageEventRow
        query = (
            select(
                event.id,
                event.application_id,
                event.stage,
                event.on,
                event.name,
                event.reason,
                event.note,
            )
            .join(ApplicationRow, ApplicationRow.id == event.application_id)
            .where(ApplicationRow.user_id == self.user_id)
            .order_by(event.application_id, event.on, event.id)
        )
        if application_ids is not None:
            query = query.where(event.application_id.in_(list(application_ids)))
        grouped: dict[int, list[StageEvent]] = defaultdict(list)
        stages = convert.STAGES
        # plain tuples: reading a Row's attributes by name costs more than building the event
        for id_, app_id, stage, on, name, reason, note in self.session.execute(query):
            grouped[app_id].append(StageEvent(id_, app_id, stages[stage], on, name, reason, note))
        return grouped

    def append_event(
        self,
        application_id: int,
        stage: Stage,
        on: date,
        *,
        name: str = "",
        reason: str = "",
        note: str = "",
    ) -> StageEvent:
        row = StageEventRow(
            application_id=application_id,
            stage=stage.value,
            on=on,
            name=name,
            reason=reason,
            note=note,
        )
        self.session.add(row)
        self.session.flush()
        return convert.event(row)

    def remove_event(self, event: StageEvent, *, action: str = "undo") -> None:
        """Delete an event, keeping a copy in the audit log."""
        row = self.session.get(StageEventRow, event.id)
        assert row is not None
        self.audit(action, "stage_event", event.id, convert.as_dict(row))
        self.session.delete(row)
        self.session.flush()

    def custom_stage_names(self) -> dict[str, Stage]:
        """Stage names the user made up earlier, with the kind each was given."""
        query = (
            select(StageEventRow.name, StageEventRow.stage)
            .join(ApplicationRow, ApplicationRow.id == StageEventRow.application_id)
            .where(ApplicationRow.user_id == self.user_id, StageEventRow.name != "")
            .distinct()
        )
        return {name: Stage(stage) for name, stage in self.session.execute(query)}

    # -- interviews ------------------------------------------------------------------------
    def add_interview(self, **fields: Any) -> Interview:
        fields.setdefault("uid", f"{uuid.uuid4()}@widenet")
        row = InterviewRow(**_stored(fields))
        self.session.add(row)
        self.session.flush()
        return convert.interview(row)

    def update_interview(self, interview_id: int, changes: Mapping[str, Any]) -> Interview:
        row = self.session.get(InterviewRow, interview_id)
        assert row is not None
        before = {key: getattr(row, key) for key in changes}
        for key, value in _stored(changes).items():
            setattr(row, key, value)
        if any(value not in (None, "", "unknown") for value in before.values()):
            self.audit("edit", "interview", interview_id, {"before": before})
        self.session.flush()
        return convert.interview(row)

    def interview(self, interview_id: int) -> Interview | None:
        found = self.interviews(ids=[interview_id])
        return found[0] if found else None

    def interview_by_uid(self, uid: str) -> Interview | None:
        found = self.interviews(uid=uid)
        return found[0] if found else None

    def interviews(
        self,
        *,
        application_ids: Iterable[int] | None = None,
        ids: Iterable[int] | None = None,
        uid: str | None = None,
        start_from: datetime | None = None,
        start_before: datetime | None = None,
    ) -> list[Interview]:
        query = (
            select(*_columns(InterviewRow))
            .join(ApplicationRow, ApplicationRow.id == InterviewRow.application_id)
            .where(ApplicationRow.user_id == self.user_id)
        )
        if application_ids is not None:
            query = query.where(InterviewRow.application_id.in_(list(application_ids)))
        if ids is not None:
            query = query.where(InterviewRow.id.in_(list(ids)))
        if uid is not None:
            query = query.where(InterviewRow.uid == uid)
        if start_from is not None:
            query = query.where(InterviewRow.start >= start_from)
        if start_before is not None:
            query = query.where(InterviewRow.start < start_before)
        rows = self.session.execute(query.order_by(InterviewRow.start, InterviewRow.id))
        return [convert.interview(row) for row in rows]

    # -- bulk ------------------------------------------------------------------------------
    def bulk_insert(
        self, table: str, rows: Sequence[Mapping[str, Any]], *, ids: bool = True
    ) -> list[int]:
        """Insert many rows of one table; returns their ids in order (when ``ids``)."""
        model = _BULK[table]
        if not rows:
            return []
        core = model.__table__
        now = utcnow()
        owned = "user_id" in core.columns
        values = [
            {"created_at": now, **row, **({"user_id": self.user_id} if owned else {})}
            for row in rows
        ]
        if not ids:
            self.session.execute(insert(core), values)
            return []
        statement = insert(core).returning(core.c.id, sort_by_parameter_order=True)
        return [row[0] for row in self.session.execute(statement, values)]

    def is_empty(self) -> bool:
        query = select(func.count()).where(CompanyRow.user_id == self.user_id)
        return not self.session.scalar(query)

    def delete_all(self) -> None:
        """Remove every company (and by cascade its data) of this user; used by the demo only."""
        company_ids = select(CompanyRow.id).where(CompanyRow.user_id == self.user_id)
        app_ids = select(ApplicationRow.id).where(ApplicationRow.user_id == self.user_id)
        self.session.execute(delete(InterviewRow).where(InterviewRow.application_id.in_(app_ids)))
        self.session.execute(delete(StageEventRow).where(StageEventRow.application_id.in_(app_ids)))
        self.session.execute(delete(ApplicationRow).where(ApplicationRow.user_id == self.user_id))
        self.session.execute(
            update(ContactRow).where(ContactRow.user_id == self.user_id).values(company_id=None)
        )
        self.session.execute(delete(ContactRow).where(ContactRow.user_id == self.user_id))
        self.session.execute(delete(CompanyRow).where(CompanyRow.id.in_(company_ids)))
        self.session.execute(delete(AuditRow).where(AuditRow.user_id == self.user_id))


_BULK: dict[str, Any] = {
    "companies": CompanyRow,
    "contacts": ContactRow,
    "applications": ApplicationRow,
    "stage_events": StageEventRow,
    "interviews": InterviewRow,
}


def _columns(model: Any) -> list[Any]:
    """The columns worth reading: all but the bookkeeping timestamp."""
    return [column for column in model.__table__.columns if column.key != "created_at"]


def _stored(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Enums as their string values, as the tables keep them."""
    return {key: getattr(value, "value", value) for key, value in fields.items()}


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, date | datetime):
            return value.isoformat()
        return getattr(value, "value", value)

    return plain(dict(data))  # type: ignore[no-any-return]
