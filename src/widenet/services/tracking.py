"""Use cases of tracking: companies, applications, stage moves, outcomes, undo, the board."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from widenet.errors import Conflict, InvalidInput, NotFound
from widenet.parse import parse_choice, parse_excitement
from widenet.services import limits, lookup
from widenet.services.views import ApplicationView, CompanyView
from widenet.storage.repo import Store
from widenet.track import board as board_rules
from widenet.track import derive, names, transitions
from widenet.track.model import (
    Application,
    Company,
    Contact,
    ContactRole,
    Interview,
    Market,
    SizeBand,
    Source,
    StageEvent,
    ValuationBand,
    WorkMode,
)
from widenet.track.stages import RejectReason, Stage, resolve

COMPANY_FIELDS = (
    "name",
    "size_band",
    "valuation_band",
    "market",
    "location",
    "work_mode",
    "website",
    "excitement",
    "notes",
)
MAX_NAME = 200


@dataclass(frozen=True)
class Moment:
    """The caller's idea of now, in the user's time zone, and the ghosting threshold."""

    now: datetime
    ghosted_after_days: int = 21

    @property
    def today(self) -> date:
        return self.now.date()


# -- companies -----------------------------------------------------------------------------
_COMPANY_ENUMS: dict[str, type[StrEnum]] = {
    "size_band": SizeBand,
    "valuation_band": ValuationBand,
    "market": Market,
    "work_mode": WorkMode,
}


def clean_company(fields: dict[str, Any]) -> dict[str, Any]:
    """Company fields as stored: enums parsed, text trimmed, lengths checked."""
    clean: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in COMPANY_FIELDS:
            raise InvalidInput(f"Unknown company field {key!r}.", field=key)
        if key in _COMPANY_ENUMS:
            enum = _COMPANY_ENUMS[key]
            clean[key] = None if value in (None, "") else parse_choice(enum, value, field=key)
        elif key == "excitement":
            clean[key] = parse_excitement(value)
        else:
            clean[key] = value.strip() if isinstance(value, str) else value
    if "name" in clean:
        if not clean["name"]:
            raise InvalidInput("A company needs a name.", field="name")
        if len(clean["name"]) > MAX_NAME:
            raise InvalidInput(f"Names are at most {MAX_NAME} characters.", field="name")
    website = clean.get("website")
    if website and not website.startswith(("http://", "https://")):
        clean["website"] = "https://" + website
    limits.check(clean)
    return clean


def add_company(store: Store, **fields: Any) -> Company:
    """Add a company; names are unique whatever their case."""
    return store.add_company(**clean_company(fields))


def edit_company(store: Store, query: str, **changes: Any) -> Company:
    """Change a company's details; the earlier values stay in the audit log."""
    found = lookup.company(store, query)
    clean = clean_company({k: v for k, v in changes.items() if v is not None})
    if not clean:
        raise InvalidInput("Nothing to change: give at least one field to edit.")
    return store.update_company(found.id, clean)


def companies(store: Store, moment: Moment) -> list[CompanyView]:
    """Every company with its applications and where each stands."""
    views = application_views(store, moment)
    by_company: dict[int, list[ApplicationView]] = defaultdict(list)
    for view in views:
        by_company[view.company.id].append(view)
    return [CompanyView(c, tuple(by_company.get(c.id, ()))) for c in store.companies()]


def company_detail(store: Store, query: str, moment: Moment) -> CompanyView:
    found = lookup.company(store, query)
    apps = store.applications(company_ids=[found.id])
    views = views_of(store, apps, {found.id: found}, moment)
    return CompanyView(found, tuple(views), tuple(store.contacts(company_id=found.id)))


# -- applications --------------------------------------------------------------------------
def apply_to(
    store: Store,
    moment: Moment,
    *,
    company: str,
    role: str,
    role_family: str = "",
    source: Source = Source.DIRECT,
    referrer: str | None = None,
    url: str = "",
    on: date | None = None,
    note: str = "",
    create: bool = False,
) -> tuple[ApplicationView, bool]:
    """Record an application (its first event is "applied"). Returns it and whether the
    company was created for it."""
    role = role.strip()
    if not role:
        raise InvalidInput("Give the role applied for.", field="role")
    limits.check(
        {"role": role, "role_family": role_family, "url": url, "note": note, "referrer": referrer}
    )
    on = on or moment.today
    transitions.check((), Stage.APPLIED, on, today=moment.today, who=company)
    found, created = _company_for_application(store, company, create=create)
    referrer_contact = _referrer(store, found, referrer) if referrer else None
    if referrer_contact is not None and source is Source.DIRECT:
        source = Source.REFERRAL
    app = store.add_application(
        company_id=found.id,
        role=role,
        role_family=role_family.strip(),
        source=source,
        referrer_id=referrer_contact.id if referrer_contact else None,
        url=url.strip(),
        applied_on=on,
    )
    store.append_event(app.id, Stage.APPLIED, on, note=note)
    return view_of(store, app.id, moment), created


def _company_for_application(store: Store, query: str, *, create: bool) -> tuple[Company, bool]:
    try:
        return lookup.company(store, query), False
    except NotFound as exc:
        if exc.suggestions and not create:
            raise NotFound(
                exc.message,
                suggestions=exc.suggestions,
                hint=f"{exc.hint} To add {query!r} as a new company, pass --new.",
            ) from None
        return add_company(store, name=query), True


def _referrer(store: Store, company: Company, name: str) -> Contact:
    key = names.name_key(name)
    for contact in store.contacts():
        if names.name_key(contact.name) == key:
            return contact
    return store.add_contact(name=name.strip(), role=ContactRole.REFERRER, company_id=company.id)


def move(
    store: Store,
    moment: Moment,
    *,
    company: str,
    stage: str,
    on: date | None = None,
    note: str = "",
    role: str | None = None,
    kind: Stage | None = None,
    reopen: bool = False,
) -> ApplicationView:
    """Record that an application reached a stage (a step, or an outcome such as ghosted)."""
    resolved, name = resolve_stage(store, stage, kind=kind)
    if resolved in (Stage.REJECTED, Stage.WITHDRAWN, Stage.DECLINED, Stage.ACCEPTED):
        raise InvalidInput(
            f"Use `widenet {_OUTCOME_COMMAND[resolved]}` to record '{resolved.label}' "
            "(it takes a --reason).",
            field="stage",
        )
    return _record(
        store, moment, company, resolved, on, name=name, note=note, role=role, reopen=reopen
    )


def resolve_stage(store: Store, stage: str, *, kind: Stage | None = None) -> tuple[Stage, str]:
    """The kind a stage name stands for, and the user's own name for it ("" for built-ins)."""
    resolved = resolve(stage, known=store.custom_stage_names())
    name = "" if resolved is not None and kind is None else stage.strip()
    if kind is not None:
        resolved = kind
    if resolved is None:
        raise InvalidInput(
            f"{stage!r} is not a stage widenet knows. Say which kind it is with --kind "
            f"({', '.join(s.value for s in Stage if not s.is_terminal)}); "
            "widenet will remember the name.",
            field="stage",
        )
    if name and names.name_key(name) == names.name_key(resolved.label):
        name = ""
    limits.check({"stage": name})
    return resolved, name


_OUTCOME_COMMAND = {
    Stage.REJECTED: "reject",
    Stage.WITHDRAWN: "withdraw",
    Stage.DECLINED: "decline",
    Stage.ACCEPTED: "accept",
    Stage.GHOSTED: "ghost",
}


def close(
    store: Store,
    moment: Moment,
    *,
    company: str,
    outcome: Stage,
    reason: str = "",
    on: date | None = None,
    note: str = "",
    role: str | None = None,
    reopen: bool = False,
) -> ApplicationView:
    """End a process: rejected (with a reason), withdrawn, ghosted, declined or accepted."""
    if not outcome.is_terminal:
        raise InvalidInput(f"{outcome.value} is not an outcome.", field="outcome")
    if outcome is Stage.REJECTED:
        reason = reject_reason(reason)
    return _record(
        store,
        moment,
        company,
        outcome,
        on,
        reason=reason.strip(),
        note=note,
        role=role,
        reopen=reopen,
    )


def reject_reason(reason: str) -> str:
    """A rejection reason as stored (other when none is given)."""
    if not reason:
        return RejectReason.OTHER.value
    key = reason.strip().casefold().replace(" ", "_").replace("-", "_")
    if key in {r.value for r in RejectReason}:
        return key
    choices = ", ".join(r.value for r in RejectReason)
    raise InvalidInput(
        f"{reason!r} is not a rejection reason; use one of: {choices}.", field="reason"
    )


def _record(
    store: Store,
    moment: Moment,
    company: str,
    stage: Stage,
    on: date | None,
    *,
    name: str = "",
    reason: str = "",
    note: str = "",
    role: str | None,
    reopen: bool,
) -> ApplicationView:
    found, app = lookup.application(
        store,
        company,
        role=role,
        include_closed=reopen or stage in (Stage.ACCEPTED, Stage.DECLINED),
    )
    return record(
        store, moment, found, app, stage, on, name=name, reason=reason, note=note, reopen=reopen
    )


def record(
    store: Store,
    moment: Moment,
    company: Company,
    app: Application,
    stage: Stage,
    on: date | None,
    *,
    name: str = "",
    reason: str = "",
    note: str = "",
    reopen: bool = False,
) -> ApplicationView:
    """Append one event to an application after the transition rules allow it."""
    on = on or moment.today
    limits.check({"reason": reason, "note": note})
    who = f"{company.name} ({app.role})"
    transitions.check(app.events, stage, on, today=moment.today, reopen=reopen, name=name, who=who)
    store.append_event(app.id, stage, on, name=name, reason=reason, note=note.strip())
    return view_of(store, app.id, moment)


def undo(
    store: Store, moment: Moment, *, company: str, role: str | None = None
) -> tuple[StageEvent, ApplicationView | None]:
    """Remove the latest event of an application (kept in the audit log). Undoing the
    "applied" event removes the application, also kept in the audit log."""
    _, app = lookup.application(store, company, role=role, include_closed=True)
    return undo_latest(store, moment, app)


def undo_latest(
    store: Store, moment: Moment, app: Application
) -> tuple[StageEvent, ApplicationView | None]:
    """Remove ``app``'s latest event; the application too when that was its only event."""
    latest = app.events[-1]
    if len(app.events) == 1:
        interviews = store.interviews(application_ids=[app.id])
        if interviews:
            raise Conflict(
                f"{app.role} has interviews recorded; the 'applied' event stays while they do."
            )
        store.remove_event(latest)
        store.remove_application(app.id)
        return latest, None
    store.remove_event(latest)
    return latest, view_of(store, app.id, moment)


def find_application(
    store: Store, moment: Moment, *, company: str, role: str | None = None
) -> ApplicationView:
    _, app = lookup.application(store, company, role=role, include_closed=True)
    return view_of(store, app.id, moment)


# -- views ---------------------------------------------------------------------------------
def application_views(store: Store, moment: Moment) -> list[ApplicationView]:
    """Every application of the search with its status, loaded in a handful of queries."""
    companies_by_id = {c.id: c for c in store.companies()}
    return views_of(store, store.applications(), companies_by_id, moment)


def view_of(store: Store, application_id: int, moment: Moment) -> ApplicationView:
    """One application with its company and status (the id must exist)."""
    app = store.application(application_id)
    assert app is not None
    company = store.company(app.company_id)
    assert company is not None
    return views_of(store, [app], {company.id: company}, moment)[0]


def views_of(
    store: Store,
    apps: list[Application],
    companies_by_id: dict[int, Company],
    moment: Moment,
) -> list[ApplicationView]:
    """Applications with their companies, interviews, referrers and status."""
    interviews: dict[int, list[Interview]] = defaultdict(list)
    ids = [app.id for app in apps]
    for interview in store.interviews(application_ids=ids if len(ids) < 500 else None):
        interviews[interview.application_id].append(interview)
    contacts = {c.id: c for c in store.contacts()} if any(a.referrer_id for a in apps) else {}
    views = []
    for app in apps:
        booked = interviews.get(app.id, [])
        status = derive.status(
            app.events,
            booked,
            today=moment.today,
            now=moment.now,
            ghosted_after_days=moment.ghosted_after_days,
        )
        referrer = contacts.get(app.referrer_id) if app.referrer_id else None
        views.append(
            ApplicationView(app, companies_by_id[app.company_id], status, tuple(booked), referrer)
        )
    return views


def board(
    store: Store,
    moment: Moment,
    *,
    source: Source | None = None,
    size_band: SizeBand | None = None,
    active_only: bool = False,
) -> board_rules.Board:
    """The board: open applications by stage kind, and the closed ones.

    Filters keep the applications of one source or company size; ``active_only`` drops the
    closed ones and those that look ghosted."""
    views = application_views(store, moment)
    return board_of(filtered(views, source=source, size_band=size_band, active_only=active_only))


def filtered(
    views: list[ApplicationView],
    *,
    source: Source | None = None,
    size_band: SizeBand | None = None,
    active_only: bool = False,
) -> list[ApplicationView]:
    """The applications the board's filters keep."""
    if source is not None:
        views = [v for v in views if v.application.source is source]
    if size_band is not None:
        views = [v for v in views if v.company.size_band is size_band]
    if active_only:
        views = [v for v in views if v.status.is_open and not v.status.looks_ghosted]
    return views


def board_of(views: list[ApplicationView]) -> board_rules.Board:
    """The board of applications already loaded (``application_views``)."""
    return board_rules.build([card_of(view) for view in views])


def card_of(view: ApplicationView) -> board_rules.Card:
    """The board card of one application."""
    return board_rules.Card(
        application_id=view.application.id,
        company=view.company.name,
        role=view.application.role,
        source=view.application.source,
        excitement=view.company.excitement,
        status=view.status,
        company_id=view.company.id,
    )
