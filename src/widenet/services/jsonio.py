"""JSON export of a whole search, and its import back into an empty database.

The file holds everything widenet stores for the user; ids in it are references within the
file and are renumbered on import (in order, so a fresh database gets the same ids).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from widenet import __version__
from widenet.errors import Conflict, ImportRejected, Problem
from widenet.storage import dump
from widenet.storage.repo import Store
from widenet.track.model import (
    ContactRole,
    InterviewKind,
    Market,
    Outcome,
    SizeBand,
    Source,
    ValuationBand,
    WorkMode,
)
from widenet.track.names import name_key
from widenet.track.stages import Stage

FORMAT = "widenet-export"
VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CompanyIn(_Strict):
    id: int
    name: str = Field(min_length=1, max_length=200)
    size_band: SizeBand | None = None
    valuation_band: ValuationBand | None = None
    market: Market | None = None
    location: str = ""
    work_mode: WorkMode | None = None
    website: str = ""
    excitement: int | None = Field(default=None, ge=1, le=5)
    notes: str = ""


class ContactIn(_Strict):
    id: int
    name: str = Field(min_length=1)
    role: ContactRole
    company_id: int | None = None
    email: str = ""
    notes: str = ""


class EventIn(_Strict):
    id: int | None = None
    stage: Stage
    on: date
    name: str = ""
    reason: str = ""
    note: str = ""


class ApplicationIn(_Strict):
    id: int
    company_id: int
    role: str = Field(min_length=1)
    role_family: str = ""
    source: Source = Source.DIRECT
    referrer_id: int | None = None
    url: str = ""
    applied_on: date | None = None
    events: list[EventIn] = Field(min_length=1)


class InterviewIn(_Strict):
    id: int
    application_id: int
    uid: str = Field(min_length=1)
    kind: InterviewKind
    start: datetime
    minutes: int = Field(ge=1)
    prep_minutes: int = Field(default=0, ge=0)
    interviewers: str = ""
    self_rating: int | None = Field(default=None, ge=1, le=4)
    outcome: Outcome = Outcome.UNKNOWN
    questions: str = ""
    notes: str = ""


class AuditIn(_Strict):
    at: datetime
    action: str
    entity: str
    entity_id: int | None = None
    data: dict[str, Any]


class ExportIn(_Strict):
    format: Literal["widenet-export"]
    version: int = Field(ge=1, le=VERSION)
    exported_at: datetime | None = None
    widenet_version: str | None = None
    companies: list[CompanyIn] = []
    contacts: list[ContactIn] = []
    applications: list[ApplicationIn] = []
    interviews: list[InterviewIn] = []
    audit_log: list[AuditIn] = []
    extra: dict[str, list[dict[str, Any]]] = {}


def export_data(store: Store, *, now: datetime) -> dict[str, Any]:
    """Everything of the user's search as plain JSON-ready data."""
    from widenet.services.views import to_plain

    def plain(obj: Any, drop: tuple[str, ...] = ()) -> dict[str, Any]:
        data = to_plain(obj)
        return {k: v for k, v in data.items() if k not in drop}

    applications = []
    for app in store.applications():
        item = plain(app, ("events",))
        item["events"] = [plain(e, ("application_id",)) for e in app.events]
        applications.append(item)
    audit = [
        {
            k: to_plain(v)
            for k, v in entry.items()
            if k in ("at", "action", "entity", "entity_id", "data")
        }
        for entry in store.audit_entries()
    ]
    companies = store.companies()
    contacts = store.contacts()
    interviews = store.interviews()
    ids = {
        "companies": [c.id for c in companies],
        "contacts": [c.id for c in contacts],
        "applications": [a["id"] for a in applications],
        "interviews": [i.id for i in interviews],
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "widenet_version": __version__,
        "companies": [plain(c) for c in companies],
        "contacts": [plain(c) for c in contacts],
        "applications": applications,
        "interviews": [plain(i) for i in interviews],
        "audit_log": audit,
        "extra": dump.dump(store, ids),
    }


def export_json(store: Store, *, now: datetime) -> str:
    return json.dumps(export_data(store, now=now), indent=2, ensure_ascii=False) + "\n"


def parse(text: str) -> ExportIn:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"Nothing was imported: the file is not valid JSON ({exc.msg}).",
            problems=[Problem(exc.msg, line=exc.lineno)],
        ) from None
    try:
        return ExportIn.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(error["msg"], field=".".join(str(part) for part in error["loc"]))
            for error in exc.errors()
        ]
        raise ImportRejected(
            f"Nothing was imported: {len(problems)} problem(s) in the file.", problems=problems
        ) from None


def import_json(store: Store, text: str) -> dict[str, int]:
    """Restore an export into an empty search; all-or-nothing."""
    data = parse(text)
    if not store.is_empty():
        raise Conflict(
            "A JSON export can only be imported into an empty database; this one has companies.",
            hint="Use --db to import into a new file, or import a CSV to add to this search.",
        )
    _check_references(data)
    company_ids = _insert(
        store, "companies", data.companies, lambda c: {**_fields(c), "name_key": name_key(c.name)}
    )
    contact_ids = _insert(
        store,
        "contacts",
        data.contacts,
        lambda c: {
            **_fields(c),
            "company_id": company_ids.get(c.company_id) if c.company_id else None,
        },
    )
    app_ids = _insert(
        store,
        "applications",
        data.applications,
        lambda a: {
            **_fields(a, ("events",)),
            "company_id": company_ids[a.company_id],
            "referrer_id": contact_ids.get(a.referrer_id) if a.referrer_id else None,
        },
    )
    events = [
        {**_fields(e, ("id",)), "application_id": app_ids[a.id]}
        for a in sorted(data.applications, key=lambda a: a.id)
        for e in sorted(a.events, key=lambda e: (e.on, e.id or 0))
    ]
    store.bulk_insert("stage_events", events, ids=False)
    interview_ids = _insert(
        store,
        "interviews",
        data.interviews,
        lambda i: {**_fields(i), "application_id": app_ids[i.application_id]},
    )
    maps = {
        "companies": company_ids,
        "contacts": contact_ids,
        "applications": app_ids,
        "interviews": interview_ids,
    }
    extra = dump.load(store, data.extra, maps)
    for entry in data.audit_log:
        store.audit(entry.action, entry.entity, entry.entity_id, entry.data, at=entry.at)
    return {
        "companies": len(company_ids),
        "contacts": len(contact_ids),
        "applications": len(app_ids),
        "events": len(events),
        "interviews": len(data.interviews),
        **extra,
    }


def _fields(model: BaseModel, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: getattr(v, "value", v) for k, v in model if k not in ("id", *drop)}


def _insert(store: Store, table: str, items: list[Any], build: Any) -> dict[int, int]:
    ordered = sorted(items, key=lambda item: item.id)
    ids = store.bulk_insert(table, [build(item) for item in ordered])
    return {item.id: new for item, new in zip(ordered, ids, strict=True)}


def _check_references(data: ExportIn) -> None:
    problems: list[Problem] = []

    def check(kind: str, items: list[Any], attr: str, known: set[int], optional: bool) -> None:
        for index, item in enumerate(items):
            value = getattr(item, attr)
            if (value is not None or not optional) and value not in known:
                problems.append(
                    Problem(f"refers to unknown id {value}", field=f"{kind}.{index}.{attr}")
                )

    companies = {c.id for c in data.companies}
    check("contacts", data.contacts, "company_id", companies, True)
    check("applications", data.applications, "company_id", companies, False)
    check("applications", data.applications, "referrer_id", {c.id for c in data.contacts}, True)
    check("interviews", data.interviews, "application_id", {a.id for a in data.applications}, False)
    for kind, items in (
        ("companies", data.companies),
        ("contacts", data.contacts),
        ("applications", data.applications),
        ("interviews", data.interviews),
    ):
        ids = [item.id for item in items]
        if len(ids) != len(set(ids)):
            problems.append(Problem("ids repeat", field=kind))
    names = [name_key(c.name) for c in data.companies]
    if len(names) != len(set(names)):
        problems.append(Problem("two companies have the same name", field="companies"))
    if problems:
        raise ImportRejected(
            f"Nothing was imported: {len(problems)} problem(s) in the file.", problems=problems
        )
