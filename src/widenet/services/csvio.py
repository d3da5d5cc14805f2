"""CSV import and export: one row per application, with the date of each stage it reached.

Imports are all-or-nothing: every row is checked first and a file with any bad row imports
nothing; the error lists each problem with its line and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from widenet.errors import ImportRejected, InvalidInput, ProblemList
from widenet.parse import parse_choice, parse_excitement
from widenet.services.views import ApplicationView
from widenet.storage.repo import Store
from widenet.track.model import ContactRole, Market, SizeBand, Source, ValuationBand, WorkMode
from widenet.track.names import name_key
from widenet.track.stages import PROGRESS, RejectReason, Stage

COMPANY_COLUMNS = {
    "size_band": SizeBand,
    "valuation_band": ValuationBand,
    "market": Market,
    "work_mode": WorkMode,
    "location": None,
    "website": None,
    "excitement": None,
    "company_notes": None,
}
STAGE_COLUMNS = [stage.value for stage in PROGRESS if stage is not Stage.APPLIED]
OUTCOMES = {s.value: s for s in Stage if s.is_terminal}
COLUMNS = [
    "company", "role", "role_family", "source", "referrer", "url",
    *COMPANY_COLUMNS,
    "applied", *STAGE_COLUMNS,
    "outcome", "outcome_date", "outcome_reason", "notes",
]  # fmt: skip
REQUIRED = ("company", "role", "applied")


@dataclass
class _Row:
    line: int
    company: str
    role: str
    role_family: str
    source: Source
    referrer: str
    url: str
    company_fields: dict[str, Any]
    events: list[tuple[Stage, date, str]] = field(default_factory=list)  # stage, date, reason
    notes: str = ""


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    companies_created: int
    applications: int
    events: int


def _header_key(text: str) -> str:
    return text.strip().casefold().replace(" ", "_").replace("-", "_")


def read_rows(text: str, *, today: date) -> list[_Row]:
    """Parse and check every row; raise ImportRejected listing all problems."""
    problems = ProblemList()
    rows = _parse(text, today=today, problems=problems)
    if problems:
        raise _rejected(problems)
    return rows


def _parse(text: str, *, today: date, problems: ProblemList) -> list[_Row]:
    """The good rows; the problems of the others go into ``problems``."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [_header_key(h) for h in (reader.fieldnames or [])]
    unknown = [h for h in headers if h not in COLUMNS]
    for name in unknown:
        problems.add(f"unknown column; known columns: {', '.join(COLUMNS)}", line=1, field=name)
    for name in REQUIRED:
        if name not in headers:
            problems.add("required column is missing", line=1, field=name)
    if problems:
        return []
    reader.fieldnames = headers
    rows = []
    for raw in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(values.values()):
            continue
        if None in raw:
            problems.add("more values than columns", line=line)
            continue
        row = _read_row(values, line=line, today=today, problems=problems)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.add("the file has no rows to import", line=1)
    return rows


def _rejected(problems: ProblemList) -> ImportRejected:
    count = len(problems.problems)
    return ImportRejected(
        f"Nothing was imported: {count} problem{'s' if count != 1 else ''} in the file.",
        problems=problems.problems,
    )


def _read_row(
    values: dict[str, str], *, line: int, today: date, problems: ProblemList
) -> _Row | None:
    before = len(problems.problems)
    for name in REQUIRED:
        if not values.get(name):
            problems.add("is required", line=line, field=name)
    source = _choice(Source, values.get("source") or "direct", "source", line, problems)
    company_fields = _company_fields(values, line, problems)
    row = _Row(
        line=line,
        company=values.get("company", ""),
        role=values.get("role", ""),
        role_family=values.get("role_family", ""),
        source=source or Source.DIRECT,
        referrer=values.get("referrer", ""),
        url=values.get("url", ""),
        company_fields=company_fields,
        notes=values.get("notes", ""),
    )
    if row.referrer and row.source is Source.DIRECT:
        row.source = Source.REFERRAL
    _read_events(row, values, today=today, problems=problems)
    return row if len(problems.problems) == before else None


def _choice(enum: Any, text: str, column: str, line: int, problems: ProblemList) -> Any:
    try:
        return parse_choice(enum, text, field=column)
    except InvalidInput as exc:
        problems.add(exc.message, line=line, field=column)
        return None


def _company_fields(values: dict[str, str], line: int, problems: ProblemList) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column, enum in COMPANY_COLUMNS.items():
        text = values.get(column, "")
        if not text:
            continue
        if enum is not None:
            fields[column] = _choice(enum, text, column, line, problems)
        elif column == "excitement":
            try:
                fields[column] = parse_excitement(text)
            except InvalidInput as exc:
                problems.add(exc.message, line=line, field=column)
        else:
            fields["notes" if column == "company_notes" else column] = text
    return fields


def _date(text: str, column: str, line: int, today: date, problems: ProblemList) -> date | None:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        problems.add(f"{text!r} is not a date (YYYY-MM-DD)", line=line, field=column)
        return None
    if value > today:
        problems.add(f"{value} is in the future", line=line, field=column)
        return None
    return value


def _read_events(row: _Row, values: dict[str, str], *, today: date, problems: ProblemList) -> None:
    line = row.line
    applied = (
        _date(values["applied"], "applied", line, today, problems)
        if values.get("applied")
        else None
    )
    if applied is None:
        return
    row.events.append((Stage.APPLIED, applied, ""))
    for column in STAGE_COLUMNS:
        if values.get(column):
            on = _date(values[column], column, line, today, problems)
            if on is not None and on < applied:
                problems.add(
                    f"{on} is before the application date {applied}", line=line, field=column
                )
            elif on is not None:
                row.events.append((Stage(column), on, ""))
    row.events.sort(key=lambda e: (e[1], e[0].rank))
    _read_outcome(row, values, today=today, problems=problems)


def _read_outcome(row: _Row, values: dict[str, str], *, today: date, problems: ProblemList) -> None:
    line = row.line
    text = values.get("outcome", "")
    if not text:
        for column in ("outcome_date", "outcome_reason"):
            if values.get(column):
                problems.add("given without an outcome", line=line, field=column)
        return
    outcome = OUTCOMES.get(_header_key(text))
    if outcome is None:
        problems.add(f"{text!r} is not one of: {', '.join(OUTCOMES)}", line=line, field="outcome")
        return
    last = row.events[-1][1]
    on = (
        _date(values["outcome_date"], "outcome_date", line, today, problems)
        if values.get("outcome_date")
        else last
    )
    if on is None:
        return
    if on < last:
        problems.add(f"{on} is before the last stage date {last}", line=line, field="outcome_date")
    reason = values.get("outcome_reason", "")
    if outcome is Stage.REJECTED:
        key = _header_key(reason) or RejectReason.OTHER.value
        if key not in {r.value for r in RejectReason}:
            problems.add(
                f"{reason!r} is not one of: {', '.join(r.value for r in RejectReason)}",
                line=line,
                field="outcome_reason",
            )
        reason = key
    if outcome in (Stage.ACCEPTED, Stage.DECLINED) and not values.get("offer"):
        problems.add(f"'{outcome.value}' needs an offer date", line=line, field="offer")
    row.events.append((outcome, on, reason))


def import_csv(store: Store, text: str, *, today: date) -> ImportSummary:
    """Import a spreadsheet tracker; all-or-nothing."""
    problems = ProblemList()
    rows = _parse(text, today=today, problems=problems)
    companies = _plan_companies(store, rows, problems)
    _check_duplicates(store, rows, companies, problems)
    if problems:
        problems.problems.sort(key=lambda p: (p.line or 0, p.field or ""))
        raise _rejected(problems)
    return _write(store, rows, companies)


@dataclass
class _CompanyPlan:
    """A company of the file: an existing one (with empty fields to fill) or a new one."""

    id: int | None
    fields: dict[str, Any]
    fills: dict[str, Any] = field(default_factory=dict)


def _plan_companies(
    store: Store, rows: list[_Row], problems: ProblemList
) -> dict[str, _CompanyPlan]:
    """Each company of the file; a value never replaces a different one already given."""
    existing = {name_key(c.name): c for c in store.companies()}
    plan: dict[str, _CompanyPlan] = {}
    for row in rows:
        key = name_key(row.company)
        known = existing.get(key)
        if key not in plan:
            plan[key] = (
                _CompanyPlan(known.id, dict(_plain(vars(known))))
                if known
                else _CompanyPlan(None, {"name": row.company})
            )
        entry = plan[key]
        for column, value in _plain(row.company_fields).items():
            current = entry.fields.get(column)
            if current in (None, ""):
                entry.fields[column] = value
                if entry.id is not None:
                    entry.fills[column] = value
            elif current != value:
                where = "the database" if known else "an earlier row"
                problems.add(
                    f"{value!r} differs from {current!r} in {where}", line=row.line, field=column
                )
    return plan


def _check_duplicates(
    store: Store, rows: list[_Row], companies: dict[str, _CompanyPlan], problems: ProblemList
) -> None:
    ids = [plan.id for plan in companies.values() if plan.id is not None]
    names = {c.id: name_key(c.name) for c in store.companies()}
    seen = {
        (names[a.company_id], name_key(a.role), a.applied_on): "the database"
        for a in store.applications(company_ids=ids)
    }
    for row in rows:
        key = (name_key(row.company), name_key(row.role), row.events[0][1])
        if key in seen:
            problems.add(
                f"{row.company} / {row.role} applied {key[2]} is already in {seen[key]}",
                line=row.line,
                field="role",
            )
        seen.setdefault(key, f"line {row.line}")


def _write(store: Store, rows: list[_Row], companies: dict[str, _CompanyPlan]) -> ImportSummary:
    new = {k: plan.fields for k, plan in companies.items() if plan.id is None}
    new_ids = store.bulk_insert(
        "companies",
        [{"name_key": k, "location": "", "website": "", "notes": "", **v} for k, v in new.items()],
    )
    company_ids = {k: plan.id for k, plan in companies.items() if plan.id is not None}
    company_ids.update(zip(new, new_ids, strict=True))
    for plan in companies.values():
        if plan.id is not None and plan.fills:
            store.update_company(plan.id, plan.fills)
    referrers = _referrers(store, rows, company_ids)
    app_ids = store.bulk_insert(
        "applications",
        [
            {
                "company_id": company_ids[name_key(row.company)],
                "role": row.role,
                "role_family": row.role_family,
                "source": row.source.value,
                "referrer_id": referrers.get(name_key(row.referrer)),
                "url": row.url,
                "applied_on": row.events[0][1],
            }
            for row in rows
        ],
    )
    events = [
        {
            "application_id": app_id,
            "stage": stage.value,
            "name": "",
            "on": on,
            "reason": reason,
            "note": row.notes if stage is Stage.APPLIED else "",
        }
        for row, app_id in zip(rows, app_ids, strict=True)
        for stage, on, reason in row.events
    ]
    store.bulk_insert("stage_events", events, ids=False)
    return ImportSummary(len(rows), len(new_ids), len(app_ids), len(events))


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: getattr(v, "value", v) for k, v in fields.items()}


def _referrers(store: Store, rows: list[_Row], company_ids: dict[str, int]) -> dict[str, int]:
    known = {name_key(c.name): c.id for c in store.contacts()}
    for row in rows:
        key = name_key(row.referrer)
        if row.referrer and key not in known:
            contact = store.add_contact(
                name=row.referrer,
                role=ContactRole.REFERRER,
                company_id=company_ids[name_key(row.company)],
                email="",
                notes="",
            )
            known[key] = contact.id
    return known


def export_csv(views: Iterable[ApplicationView]) -> str:
    """Every application as one row, in the columns the import reads."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for view in views:
        writer.writerow(_row_of(view))
    return out.getvalue()


def _row_of(view: ApplicationView) -> dict[str, str]:
    company, app = view.company, view.application
    row = {
        "company": company.name, "role": app.role, "role_family": app.role_family,
        "source": app.source.value, "referrer": view.referrer.name if view.referrer else "",
        "url": app.url, "location": company.location, "website": company.website,
        "excitement": "" if company.excitement is None else str(company.excitement),
        "company_notes": company.notes,
    }  # fmt: skip
    for column in ("size_band", "valuation_band", "market", "work_mode"):
        value = getattr(company, column)
        row[column] = value.value if value else ""
    for event in view.events:
        column = "applied" if event.stage is Stage.APPLIED else event.stage.value
        if event.stage.is_terminal:
            row.update(
                outcome=event.stage.value,
                outcome_date=event.on.isoformat(),
                outcome_reason=event.reason,
            )
        elif column not in row:
            row[column] = event.on.isoformat()
    row["notes"] = view.events[0].note if view.events else ""
    return row
