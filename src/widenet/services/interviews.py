"""Use cases of interviews: book one, complete it with a self-rating and outcome, list them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from widenet import defaults
from widenet.errors import Conflict, InvalidInput, NotFound
from widenet.parse import parse_choice
from widenet.services import limits, lookup
from widenet.services.tracking import Moment
from widenet.services.views import InterviewView
from widenet.storage import schedule_repo
from widenet.storage.repo import Store
from widenet.track.model import Application, Company, Interview, InterviewKind, Outcome

MAX_MINUTES = 12 * 60


def add(
    store: Store,
    moment: Moment,
    *,
    company: str,
    kind: InterviewKind,
    start: datetime,
    minutes: int | None = None,
    prep_minutes: int | None = None,
    role: str | None = None,
    interviewers: str = "",
    questions: str = "",
    notes: str = "",
    uid: str | None = None,
) -> InterviewView:
    """Book (or log) an interview of an open application; ``uid`` keeps a calendar's id.

    Booked inside a window offered to the company, it marks that window booked."""
    found, app = lookup.application(store, company, role=role)
    return _book(
        store,
        found,
        app,
        kind=kind,
        start=start,
        minutes=minutes,
        prep_minutes=prep_minutes,
        interviewers=interviewers,
        questions=questions,
        notes=notes,
        uid=uid,
    )


def add_to(
    store: Store,
    moment: Moment,
    *,
    application_id: int,
    kind: InterviewKind,
    start: datetime,
    minutes: int | None = None,
    prep_minutes: int | None = None,
    interviewers: str = "",
    questions: str = "",
    notes: str = "",
) -> InterviewView:
    """Book (or log) an interview of the application with this id."""
    app = store.application(application_id)
    if app is None:
        raise NotFound(f"No application with id {application_id}.", hint="")
    company = store.company(app.company_id)
    assert company is not None
    return _book(
        store,
        company,
        app,
        kind=kind,
        start=start,
        minutes=minutes,
        prep_minutes=prep_minutes,
        interviewers=interviewers,
        questions=questions,
        notes=notes,
    )


def _book(
    store: Store,
    found: Company,
    app: Application,
    *,
    kind: InterviewKind,
    start: datetime,
    minutes: int | None,
    prep_minutes: int | None,
    interviewers: str,
    questions: str,
    notes: str,
    uid: str | None = None,
) -> InterviewView:
    if app.events[-1].stage.is_terminal:
        raise Conflict(f"{found.name} ({app.role}) is closed; reopen it before adding interviews.")
    _check_start(start)
    minutes = defaults.INTERVIEW_MINUTES[kind] if minutes is None else minutes
    if prep_minutes is None:  # the user's own preparation time for the kind (widenet hours prep)
        prep_minutes = schedule_repo.prep_minutes(store, kind)
    _check_lengths(minutes, prep_minutes)
    limits.check({"interviewers": interviewers, "questions": questions, "notes": notes})
    extra = {"uid": uid} if uid else {}
    interview = store.add_interview(
        **extra,
        application_id=app.id,
        kind=kind,
        start=start,
        minutes=minutes,
        prep_minutes=prep_minutes,
        interviewers=interviewers.strip(),
        questions=questions.strip(),
        notes=notes.strip(),
    )
    schedule_repo.mark_booked(store, interview, company_id=found.id)
    return InterviewView(interview, found, app.role)


def _check_start(start: datetime) -> None:
    if start.tzinfo is None:
        raise InvalidInput("The start needs a time zone.", field="start")
    if not 1970 <= start.year <= 2200:
        raise InvalidInput(f"{start.year} is not a year to interview in.", field="start")


def _check_lengths(minutes: int, prep_minutes: int) -> None:
    if not 1 <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"{minutes} minutes is outside 1-{MAX_MINUTES}.", field="minutes")
    if not 0 <= prep_minutes <= MAX_MINUTES:
        raise InvalidInput(
            f"{prep_minutes} minutes of preparation is outside 0-{MAX_MINUTES}.",
            field="prep_minutes",
        )


def complete(
    store: Store,
    moment: Moment,
    *,
    interview: str,
    self_rating: int | None = None,
    outcome: Outcome | None = None,
    questions: str | None = None,
    notes: str | None = None,
) -> InterviewView:
    """Record how an interview went: a self-rating 1-4 and the outcome once known.

    ``interview`` is an interview id or a company name (its latest past interview)."""
    target = _find(store, moment, interview)
    if self_rating is None and outcome is None and questions is None and notes is None:
        raise InvalidInput("Give a --rating, an --outcome, --questions or --notes.")
    if self_rating is not None and not 1 <= self_rating <= 4:
        raise InvalidInput(
            f"{self_rating} is outside 1-4 (1 = poor, 4 = strong; 3+ means advance).",
            field="self_rating",
        )
    _check_happened(target, moment, self_rating=self_rating, outcome=outcome)
    limits.check({"questions": questions, "notes": notes})
    changes: dict[str, object] = {}
    if self_rating is not None:
        changes["self_rating"] = self_rating
    if outcome is not None:
        changes["outcome"] = outcome
    if questions is not None:
        changes["questions"] = questions.strip()
    if notes is not None:
        changes["notes"] = notes.strip()
    updated = store.update_interview(target.id, changes)
    return _view(store, updated)


def _check_happened(
    target: Interview, moment: Moment, *, self_rating: int | None, outcome: Outcome | None
) -> None:
    judged = self_rating is not None or outcome not in (None, Outcome.UNKNOWN)
    if target.start > moment.now + timedelta(hours=1) and judged:
        raise Conflict(f"Interview {target.id} has not happened yet (starts {target.start}).")


def _find(store: Store, moment: Moment, reference: str) -> Interview:
    if reference.strip().isdigit():
        found = store.interview(int(reference))
        if found is None:
            raise NotFound(
                f"No interview with id {reference}.", hint="See `widenet interview list`."
            )
        return found
    company, app = lookup.application(store, reference, include_closed=True)
    past = [i for i in store.interviews(application_ids=[app.id]) if i.start <= moment.now]
    if not past:
        raise NotFound(f"{company.name} has no interview that has taken place yet.")
    return past[-1]


def listing(
    store: Store,
    moment: Moment,
    *,
    when: str = "upcoming",
    company: str | None = None,
    company_id: int | None = None,
    application_id: int | None = None,
    kind: InterviewKind | None = None,
    done: bool | None = None,
) -> list[InterviewView]:
    """Interviews: ``upcoming`` (from now), ``past`` or ``all``, keeping those that match
    every filter given (a company by name or id, an application, a kind, done or not)."""
    if when not in ("upcoming", "past", "all"):
        raise InvalidInput("Choose upcoming, past or all.", field="when")
    app_ids: set[int] | None = None
    if company:
        company_id = lookup.company(store, company).id
    if company_id is not None:
        app_ids = {app.id for app in store.applications(company_ids=[company_id])}
    if application_id is not None:
        app_ids = {application_id} if app_ids is None else app_ids & {application_id}
    interviews = store.interviews(
        application_ids=app_ids,
        start_from=moment.now if when == "upcoming" else None,
        start_before=moment.now if when == "past" else None,
    )
    interviews = [
        i
        for i in interviews
        if (kind is None or i.kind is kind) and (done is None or i.done is done)
    ]
    return views_of(store, interviews)


def get(store: Store, interview_id: int) -> InterviewView:
    found = store.interview(interview_id)
    if found is None:
        raise NotFound(f"No interview with id {interview_id}.")
    return _view(store, found)


_SCHEDULE = ("kind", "start", "minutes", "prep_minutes", "interviewers")
_RESULT = ("self_rating", "outcome", "questions", "notes")


def update(
    store: Store, moment: Moment, interview_id: int, changes: Mapping[str, Any]
) -> InterviewView:
    """Reschedule an interview or record how it went; the audit log keeps earlier values."""
    target = get(store, interview_id).interview
    unknown = [key for key in changes if key not in (*_SCHEDULE, *_RESULT)]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} cannot be changed on an interview.", field=unknown[0])
    clean = dict(changes)
    for key in ("kind", "start", "minutes", "prep_minutes"):
        if key in clean and clean[key] is None:
            raise InvalidInput("An interview always has this; give a value.", field=key)
    if "kind" in clean:
        clean["kind"] = parse_choice(InterviewKind, str(clean["kind"]), field="kind")
    if "outcome" in clean:
        clean["outcome"] = parse_choice(
            Outcome, str(clean["outcome"] or "unknown"), field="outcome"
        )
    if "start" in clean:
        _check_start(clean["start"])
    _check_lengths(
        clean.get("minutes", target.minutes), clean.get("prep_minutes", target.prep_minutes)
    )
    rating = clean.get("self_rating")
    if rating is not None and not 1 <= rating <= 4:
        raise InvalidInput(f"{rating} is outside 1-4 (3+ means advance).", field="self_rating")
    moved = replace(target, start=clean.get("start", target.start))
    _check_happened(moved, moment, self_rating=rating, outcome=clean.get("outcome"))
    for key in ("interviewers", "questions", "notes"):
        if key in clean:
            clean[key] = (clean[key] or "").strip()
    limits.check(clean)
    if not clean:
        return _view(store, target)
    return _view(store, store.update_interview(interview_id, clean))


def by_day(views: list[InterviewView], zone: ZoneInfo) -> list[tuple[date, list[InterviewView]]]:
    """Interviews grouped by their day in the user's time zone, in the given order."""
    return [
        (day, list(group))
        for day, group in groupby(views, key=lambda v: v.interview.start.astimezone(zone).date())
    ]


def views_of(store: Store, interviews: list[Interview]) -> list[InterviewView]:
    """Interviews with their company and role, in two queries whatever their number."""
    apps = {app.id: app for app in store.applications(ids={i.application_id for i in interviews})}
    companies = {company.id: company for company in store.companies()}
    return [
        InterviewView(i, companies[apps[i.application_id].company_id], apps[i.application_id].role)
        for i in interviews
    ]


def _view(store: Store, interview: Interview) -> InterviewView:
    return views_of(store, [interview])[0]
