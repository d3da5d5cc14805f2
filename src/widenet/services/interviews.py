"""Use cases of interviews: book one, complete it with a self-rating and outcome, list them."""

from __future__ import annotations

from datetime import datetime, timedelta

from widenet import defaults
from widenet.errors import Conflict, InvalidInput, NotFound
from widenet.services import lookup
from widenet.services.tracking import Moment
from widenet.services.views import InterviewView
from widenet.storage import schedule_repo
from widenet.storage.repo import Store
from widenet.track.model import Interview, InterviewKind, Outcome

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
    if app.events[-1].stage.is_terminal:
        raise Conflict(f"{found.name} ({app.role}) is closed; reopen it before adding interviews.")
    if start.tzinfo is None:
        raise InvalidInput("The start needs a time zone.", field="start")
    minutes = defaults.INTERVIEW_MINUTES[kind] if minutes is None else minutes
    if prep_minutes is None:  # the user's own preparation time for the kind (widenet hours prep)
        prep_minutes = schedule_repo.prep_minutes(store, kind)
    _check_lengths(minutes, prep_minutes)
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
    if target.start > moment.now + timedelta(hours=1) and (self_rating or outcome):
        raise Conflict(f"Interview {target.id} has not happened yet (starts {target.start}).")
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
) -> list[InterviewView]:
    """Interviews: ``upcoming`` (from now), ``past`` or ``all``, optionally of one company."""
    if when not in ("upcoming", "past", "all"):
        raise InvalidInput("Choose upcoming, past or all.", field="when")
    app_ids = None
    if company:
        found = lookup.company(store, company)
        app_ids = [app.id for app in store.applications(company_ids=[found.id])]
    interviews = store.interviews(
        application_ids=app_ids,
        start_from=moment.now if when == "upcoming" else None,
        start_before=moment.now if when == "past" else None,
    )
    return views_of(store, interviews)


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
