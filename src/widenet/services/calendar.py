"""Use cases of calendars: ICS export, invite import, the subscription feed, CalDAV sync."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widenet.errors import Ambiguous, InvalidInput, NotFound
from widenet.parse import parse_choice
from widenet.schedule.availability import Availability
from widenet.schedule.ics import export_ics, feed_ics, parse_ics
from widenet.schedule.invites import (
    CalendarEntry,
    ChangeAction,
    InterviewChange,
    InvitedEvent,
    SkippedEvent,
    guess_company,
    plan_import,
)
from widenet.services import lookup
from widenet.services.interviews import MAX_MINUTES, views_of
from widenet.services.schedule import get_settings, label
from widenet.services.tracking import Moment
from widenet.services.views import InterviewView
from widenet.storage import schedule_repo
from widenet.storage.repo import Store
from widenet.track.model import Company, Interview

#: Where the web server serves the subscription feed; the token is the only key to it.
FEED_PATH = "/calendar/feed/{token}.ics"
PASSWORD_VARIABLE = "WIDENET_CALDAV_PASSWORD"


def entries(store: Store, interviews: list[Interview] | None = None) -> list[CalendarEntry]:
    """Interviews (default: all) with the company and role a calendar shows."""
    found = store.interviews() if interviews is None else interviews
    return [CalendarEntry(v.interview, v.company.name, v.role) for v in views_of(store, found)]


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"No file at {path}.", field="file") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.", field="file") from None


def write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"Cannot write {path}: {exc.strerror}.", field="output") from None


# -- export and feed -----------------------------------------------------------------------
def export_calendar(store: Store, moment: Moment, *, include_prep: bool = False) -> bytes:
    """Every interview as an .ics file (with preparation blocks when asked); importing it
    again in a calendar app updates the events instead of duplicating them."""
    return export_ics(entries(store), now=moment.now, include_prep=include_prep)


@dataclass(frozen=True)
class FeedLocation:
    token: str
    path: str  # FEED_PATH with the token


def feed_location(store: Store, moment: Moment, *, rotate: bool = False) -> FeedLocation:
    """Where the subscription feed is served; ``rotate`` makes a new token (the old link
    stops working)."""
    stored = schedule_repo.settings(store)
    if stored is None:  # the token comes with the settings row
        settings = get_settings(store, moment)
        stored = schedule_repo.save_settings(
            store,
            availability=settings.availability,
            caps=settings.caps,
            search_start=None,
            now=moment.now,
        )
    token = schedule_repo.rotate_feed_token(store, now=moment.now) if rotate else stored.feed_token
    return FeedLocation(token, FEED_PATH.format(token=token))


def feed(store: Store, moment: Moment, token: str) -> bytes:
    """The body of the subscription feed: interviews and preparation blocks. A wrong token
    is NotFound, as if there were no feed at all."""
    stored = schedule_repo.settings(store)
    if stored is None or not token or not hmac.compare_digest(stored.feed_token, token):
        raise NotFound("No such calendar feed.")
    return feed_ics(entries(store), now=moment.now, include_prep=True)


# -- import of invites ---------------------------------------------------------------------
@dataclass(frozen=True)
class Unmatched:
    """An invite that was not imported, and why."""

    event: InvitedEvent
    reason: str
    needs: str = ""  # what would import it: "company", "role", or "" when nothing can


@dataclass
class InviteImport:
    """What importing an .ics file did. Importing the same file again changes nothing."""

    created: list[InterviewView] = field(default_factory=list)
    updated: list[tuple[Interview, InterviewView]] = field(default_factory=list)  # before, after
    cancelled: list[InterviewView] = field(default_factory=list)  # removed (kept in the audit log)
    unmatched: list[Unmatched] = field(default_factory=list)
    skipped: tuple[SkippedEvent, ...] = ()
    unchanged: int = 0
    time_zone: str = "UTC"  # the user's, to show times in

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.cancelled)


def import_invites(
    store: Store,
    moment: Moment,
    data: bytes | str,
    *,
    company: str | None = None,
    role: str | None = None,
    uids: Collection[str] | None = None,
) -> InviteImport:
    """Create or update interviews from an .ics file, matched by UID (only the events of
    ``uids`` when given: a company chosen for one invite is not forced on the others).

    A new invite's company is ``company`` when given, otherwise the one ``guess_company``
    finds (organizer's domain, attendees, the name in the summary); an invite no company
    matches is reported in ``unmatched``, never guessed. Cancelled invites remove their
    interview (a copy stays in the audit log) unless it already has a rating or outcome."""
    settings = get_settings(store, moment)
    parsed = parse_ics(data, time_zone=settings.availability.time_zone)
    events = parsed.events if uids is None else [e for e in parsed.events if e.uid in uids]
    named = lookup.company(store, company) if company else None
    existing = store.interviews()
    changes = plan_import(events, existing)
    skipped = parsed.skipped if uids is None else ()
    result = InviteImport(skipped=skipped, time_zone=settings.availability.time_zone)
    companies = [] if named else store.companies()
    by_id = {i.id: i for i in existing}
    for change in changes:
        if change.action is ChangeAction.CREATE:
            found = named or guess_company(change.event, companies)
            _create(store, change, found, settings.availability, result, role=role)
        elif change.action is ChangeAction.UPDATE:
            _update(store, change, by_id, result)
        else:
            _cancel(store, change, by_id, result)
    result.unchanged = len({event.uid for event in events}) - len(changes)
    return result


def _create(
    store: Store,
    change: InterviewChange,
    company: Company | None,
    availability: Availability,
    result: InviteImport,
    *,
    role: str | None,
) -> None:
    event = change.event
    if company is None:
        result.unmatched.append(
            Unmatched(
                event, "no company matches it; import it again with --company NAME", "company"
            )
        )
        return
    if event.minutes > MAX_MINUTES:
        result.unmatched.append(
            Unmatched(event, f"it lasts {event.minutes} minutes, over 12 hours")
        )
        return
    try:
        _, application = lookup.application(store, company.name, role=role)
    except Ambiguous as exc:
        result.unmatched.append(Unmatched(event, exc.message, "role"))
        return
    except NotFound as exc:  # no application at that company, or none for that role
        result.unmatched.append(Unmatched(event, exc.message, "role" if role else "company"))
        return
    assert change.kind is not None
    interview = store.add_interview(
        uid=event.uid,
        application_id=application.id,
        kind=change.kind,
        start=event.start,
        minutes=event.minutes,
        prep_minutes=availability.prep_for(change.kind)
        if event.prep_minutes is None
        else event.prep_minutes,
    )
    schedule_repo.mark_booked(store, interview, company_id=company.id)
    result.created.append(InterviewView(interview, company, application.role))


def _update(
    store: Store, change: InterviewChange, by_id: dict[int, Interview], result: InviteImport
) -> None:
    assert change.interview_id is not None
    before = by_id[change.interview_id]
    fields = {
        name: value
        for name, value in (
            ("start", change.start),
            ("minutes", change.minutes),
            ("kind", change.kind),
            ("prep_minutes", change.prep_minutes),
        )
        if value is not None
    }
    after = store.update_interview(before.id, fields)  # the audit log keeps the earlier values
    result.updated.append((before, views_of(store, [after])[0]))


def _cancel(
    store: Store, change: InterviewChange, by_id: dict[int, Interview], result: InviteImport
) -> None:
    assert change.interview_id is not None
    interview = by_id[change.interview_id]
    if interview.done:
        result.unmatched.append(
            Unmatched(change.event, "cancelled, but the interview has a rating or outcome; kept")
        )
        return
    view = views_of(store, [interview])[0]
    schedule_repo.remove_interview(store, interview.id, action="cancelled")
    result.cancelled.append(view)


# -- CalDAV sync ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CalendarSync:
    """A sync's report (``widenet.schedule.caldav_sync.SyncReport``) with a label per UID,
    the interviews as they were before pulled changes, and the calendar synced."""

    calendar_url: str
    report: Any  # SyncReport: caldav is imported only when a sync runs
    labels: dict[str, str]
    before: dict[str, Interview]
    removed: list[str]  # UIDs whose interview was removed here (deleted in the calendar)
    time_zone: str = "UTC"  # the user's, to show times in


def sync(
    store: Store,
    moment: Moment,
    *,
    url: str,
    username: str,
    password: str,
    calendar_name: str = "widenet",
    prefer: str | None = None,
    delete_removed: bool = False,
    connector: Callable[..., Any] | None = None,
) -> CalendarSync:
    """Two-way sync of every interview with a CalDAV calendar.

    Pushes new and changed interviews, pulls time changes made in the calendar and applies
    them here (the audit log keeps the earlier times), and stores the new sync state, all in
    the caller's transaction. Conflicts are reported with both versions and left alone
    unless ``prefer`` (``local`` or ``calendar``) settles them. ``connector`` replaces
    ``caldav_sync.connect`` (it takes url, username, password, calendar_name)."""
    from widenet.schedule import caldav_sync

    resolution = parse_choice(caldav_sync.Resolution, prefer, field="prefer") if prefer else None
    if not url.strip():
        raise InvalidInput("Give the CalDAV server's URL.", field="url")
    connect = connector or caldav_sync.connect
    calendar = connect(url, username=username, password=password, calendar_name=calendar_name)
    key = str(calendar.url)
    state = caldav_sync.state_from_json(schedule_repo.sync_state(store, key))
    local = entries(store)
    uids = {e.interview.uid for e in local} | set(state)
    report = caldav_sync.sync_calendar(
        calendar,
        local,
        state,
        now=moment.now,
        delete_removed=delete_removed,
        resolve=dict.fromkeys(uids, resolution) if resolution else None,
    )
    before = {e.interview.uid: e.interview for e in local}
    removed = _apply_pulled(store, report.pulled, before)
    schedule_repo.save_sync_state(
        store, key, caldav_sync.state_to_json(report.state), now=moment.now
    )
    labels = {e.interview.uid: label(e.company, e.interview) for e in local}
    zone = get_settings(store, moment).availability.time_zone
    return CalendarSync(key, report, labels, before, removed, zone)


def _apply_pulled(store: Store, pulled: Sequence[Any], before: dict[str, Interview]) -> list[str]:
    removed: list[str] = []
    for change in pulled:
        interview = before[change.uid]
        if change.removed:
            schedule_repo.remove_interview(store, interview.id, action="deleted_in_calendar")
            removed.append(change.uid)
        else:
            store.update_interview(interview.id, {"start": change.start, "minutes": change.minutes})
    return removed
