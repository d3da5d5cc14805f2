"""Two-way sync of interviews with a CalDAV calendar. The only module that imports ``caldav``.

Per UID, against the record of the last sync (plain data the service stores): new local
interviews are pushed; a local change of time (or of summary and description) is pushed; a
change of time made in the calendar is pulled; a local deletion removes the event when asked;
when both sides changed since the last sync the UID is reported as a conflict and neither side
is touched (unless the caller resolves it). Events widenet did not create are never read or
changed. A second sync with nothing changed writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from caldav.davclient import DAVClient
from caldav.lib import error as dav_error

from widenet.errors import InvalidInput, NotFound, WidenetError
from widenet.schedule.ics import event_ics, parse_ics, update_event_ics
from widenet.schedule.invites import CalendarEntry
from widenet.track.model import Interview


@dataclass(frozen=True)
class SyncedEvent:
    """What both sides agreed on at the last sync of one UID."""

    uid: str
    href: str  # the event's URL in the calendar
    etag: str
    start: datetime  # UTC
    minutes: int
    digest: str = ""  # of the summary and description last pushed

    def to_dict(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "href": self.href,
            "etag": self.etag,
            "start": self.start.astimezone(UTC).isoformat(),
            "minutes": self.minutes,
            "digest": self.digest,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SyncedEvent:
        try:
            return cls(
                uid=str(data["uid"]),
                href=str(data["href"]),
                etag=str(data.get("etag", "")),
                start=datetime.fromisoformat(str(data["start"])).astimezone(UTC),
                minutes=int(data["minutes"]),
                digest=str(data.get("digest", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(f"A sync record is damaged: {exc!r}.", field="sync_state") from exc


def state_to_json(state: Mapping[str, SyncedEvent]) -> str:
    return json.dumps([state[uid].to_dict() for uid in sorted(state)], sort_keys=True)


def state_from_json(text: str) -> dict[str, SyncedEvent]:
    try:
        rows = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"The sync state is not JSON: {exc.msg}.", field="sync_state") from exc
    if not isinstance(rows, list):
        raise InvalidInput("The sync state must be a JSON list.", field="sync_state")
    records = [SyncedEvent.from_dict(row) for row in rows]
    return {record.uid: record for record in records}


class Resolution(StrEnum):
    """How the caller settles a conflict it was told about."""

    LOCAL = "local"  # widenet's version wins: push it (recreate or delete in the calendar)
    CALENDAR = "calendar"  # the calendar's version wins: pull it (or stop syncing the UID)


class ConflictReason(StrEnum):
    BOTH_CHANGED = "both_changed"
    DELETED_IN_CALENDAR = "deleted_in_calendar"
    MOVED_IN_CALENDAR_DELETED_HERE = "moved_in_calendar_deleted_here"
    NOT_SYNCED_BEFORE = "not_synced_before"  # the calendar already holds the UID, elsewhere
    CHANGED_DURING_SYNC = "changed_during_sync"


@dataclass(frozen=True)
class PulledChange:
    """A change made in the calendar that the service applies to the interview."""

    uid: str
    interview_id: int
    start: datetime | None  # None when ``removed``
    minutes: int | None
    removed: bool = False  # the event was deleted in the calendar and the caller chose it

    def apply_to(self, interview: Interview) -> Interview:
        if self.start is None or self.minutes is None:
            return interview
        return replace(interview, start=self.start, minutes=self.minutes)


@dataclass(frozen=True)
class SyncConflict:
    uid: str
    interview_id: int | None
    reason: ConflictReason
    local_start: datetime | None
    local_minutes: int | None
    remote_start: datetime | None
    remote_minutes: int | None
    message: str


@dataclass(frozen=True)
class SyncFailure:
    uid: str
    message: str


@dataclass
class SyncReport:
    """What a sync did. ``state`` is the record to store for the next sync; apply every
    ``pulled`` change to the interviews before storing it."""

    state: dict[str, SyncedEvent]
    pushed: list[str] = field(default_factory=list)  # UIDs created or updated in the calendar
    pulled: list[PulledChange] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # no longer in the calendar
    conflicts: list[SyncConflict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left_in_calendar: list[str] = field(default_factory=list)  # deleted here, delete not asked
    failed: list[SyncFailure] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.pushed or self.pulled or self.deleted)


def sync_calendar(
    calendar: Any,
    entries: Sequence[CalendarEntry],
    state: Mapping[str, SyncedEvent],
    *,
    now: datetime,
    delete_removed: bool = False,
    resolve: Mapping[str, Resolution] | None = None,
    time_zone: str | None = None,
) -> SyncReport:
    """Sync ``entries`` (every interview that belongs in the calendar: a UID in ``state`` but
    not among them counts as deleted here) with ``calendar``, a ``caldav.Calendar``.

    ``resolve`` settles conflicts reported by an earlier sync, by UID. ``time_zone`` writes
    event times with a TZID instead of UTC. Errors of one event are reported in ``failed``; a
    connection error stops the sync and reports the UIDs not attempted.
    """
    local = _by_uid(entries)
    report = SyncReport(state=dict(state))
    syncer = _Syncer(calendar, now=now, time_zone=time_zone, resolve=resolve or {}, report=report)
    uids = sorted(set(local) | set(state))
    for index, uid in enumerate(uids):
        try:
            syncer.one(uid, local.get(uid), state.get(uid), delete_removed=delete_removed)
        except (dav_error.DAVError, InvalidInput) as exc:  # a refused write, an unreadable event
            report.failed.append(SyncFailure(uid, f"{type(exc).__name__}: {exc}"))
        except OSError as exc:  # the server cannot be reached: the rest would fail the same
            message = f"Cannot reach the calendar: {exc}"
            report.failed += [SyncFailure(u, message) for u in uids[index:]]
            break
    return report


def _by_uid(entries: Sequence[CalendarEntry]) -> dict[str, CalendarEntry]:
    local: dict[str, CalendarEntry] = {}
    for entry in entries:
        uid = entry.interview.uid
        if not uid:
            raise InvalidInput(f"Interview {entry.interview.id} has no UID.", field="uid")
        if uid in local:
            raise InvalidInput(f"Two interviews share the UID {uid}.", field="uid")
        local[uid] = entry
    return local


def digest(entry: CalendarEntry) -> str:
    """A short fingerprint of what the event says besides its time."""
    text = "\n".join(
        (
            entry.summary,
            entry.description,
            entry.interview.kind.value,
            str(entry.interview.prep_minutes),
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class _Remote:
    obj: Any
    start: datetime
    minutes: int

    @property
    def etag(self) -> str:
        return str(self.obj.etag or "")


class _Syncer:
    def __init__(
        self,
        calendar: Any,
        *,
        now: datetime,
        time_zone: str | None,
        resolve: Mapping[str, Resolution],
        report: SyncReport,
    ) -> None:
        self.calendar = calendar
        self.now = now
        self.time_zone = time_zone
        self.resolve = resolve
        self.report = report

    def one(
        self,
        uid: str,
        entry: CalendarEntry | None,
        record: SyncedEvent | None,
        *,
        delete_removed: bool,
    ) -> None:
        if entry is not None and record is None:
            self.create(entry)
        elif entry is not None and record is not None:
            self.reconcile(entry, record)
        elif record is not None:
            if delete_removed:
                self.remove(record)
            else:
                self.report.left_in_calendar.append(uid)

    # -- reading and writing the calendar --------------------------------------------------

    def fetch(self, href: str, uid: str) -> _Remote | None:
        try:
            obj = self.calendar.event_by_url(href)
        except dav_error.NotFoundError:
            return None
        return self.remote_of(obj, uid)

    def remote_of(self, obj: Any, uid: str) -> _Remote | None:
        parsed = parse_ics(obj.data, time_zone=self.time_zone or "UTC")
        for event in parsed.events:
            if event.uid == uid:
                return _Remote(obj, event.start, event.minutes)
        return None

    def find_by_uid(self, uid: str) -> _Remote | None:
        try:
            obj = self.calendar.get_event_by_uid(uid)
        except dav_error.NotFoundError:
            return None
        return self.remote_of(obj, uid)

    def remember(self, entry: CalendarEntry, obj: Any, start: datetime, minutes: int) -> None:
        uid = entry.interview.uid
        self.report.state[uid] = SyncedEvent(
            uid, str(obj.url), str(obj.etag or ""), start.astimezone(UTC), minutes, digest(entry)
        )

    def push_new(self, entry: CalendarEntry) -> None:
        text = event_ics(entry, now=self.now, time_zone=self.time_zone)
        obj = self.calendar.add_event(text, no_overwrite=True, increase_seqno=False)
        interview = entry.interview
        self.remember(entry, obj, interview.start, interview.minutes)
        self.report.pushed.append(interview.uid)

    def push_update(self, entry: CalendarEntry, remote: _Remote) -> None:
        interview = entry.interview
        remote.obj.data = update_event_ics(remote.obj.data, entry, time_zone=self.time_zone)
        try:
            remote.obj.save(precondition="etag", increase_seqno=True)
        except (dav_error.ETagMismatchError, dav_error.ScheduleTagMismatchError):
            self.conflict(entry, None, remote, ConflictReason.CHANGED_DURING_SYNC)
            return
        self.remember(entry, remote.obj, interview.start, interview.minutes)
        self.report.pushed.append(interview.uid)

    def pull(self, entry: CalendarEntry, remote: _Remote) -> None:
        interview = entry.interview
        self.report.pulled.append(
            PulledChange(interview.uid, interview.id, remote.start, remote.minutes)
        )
        self.remember(entry, remote.obj, remote.start, remote.minutes)

    # -- the cases --------------------------------------------------------------------------

    def create(self, entry: CalendarEntry) -> None:
        uid = entry.interview.uid
        try:
            self.push_new(entry)
            return
        except dav_error.DAVError:
            remote = self.find_by_uid(uid)
            if remote is None:
                raise
        # The calendar holds the UID already (an earlier sync whose record was lost).
        if _same_time(entry.interview, remote.start, remote.minutes):
            self.remember(entry, remote.obj, remote.start, remote.minutes)
            self.report.unchanged.append(uid)
        else:
            self.settle(entry, None, remote, ConflictReason.NOT_SYNCED_BEFORE)

    def reconcile(self, entry: CalendarEntry, record: SyncedEvent) -> None:
        uid = entry.interview.uid
        remote = self.fetch(record.href, uid)
        if remote is None:
            self.settle(entry, record, None, ConflictReason.DELETED_IN_CALENDAR)
            return
        moved_here = not _same_time(entry.interview, record.start, record.minutes)
        moved_there = (remote.start, remote.minutes) != (record.start, record.minutes)
        text_changed = digest(entry) != record.digest
        if moved_there and not moved_here:
            self.pull(entry, remote)
        elif moved_there and not _same_time(entry.interview, remote.start, remote.minutes):
            self.settle(entry, record, remote, ConflictReason.BOTH_CHANGED)
        elif (moved_here and not moved_there) or text_changed:
            self.push_update(entry, remote)
        else:  # nothing to write; an edit elsewhere may have changed the etag
            self.remember(entry, remote.obj, remote.start, remote.minutes)
            self.report.unchanged.append(uid)

    def remove(self, record: SyncedEvent) -> None:
        uid = record.uid
        remote = self.fetch(record.href, uid)
        if remote is not None and (remote.start, remote.minutes) != (record.start, record.minutes):
            choice = self.resolve.get(uid)
            if choice is Resolution.CALENDAR:  # keep the moved event; stop syncing it
                del self.report.state[uid]
                self.report.left_in_calendar.append(uid)
                return
            if choice is not Resolution.LOCAL:
                self.conflict(None, record, remote, ConflictReason.MOVED_IN_CALENDAR_DELETED_HERE)
                return
        if remote is not None:
            try:
                remote.obj.delete(if_match=bool(remote.etag), precondition="etag")
            except (dav_error.ETagMismatchError, dav_error.ScheduleTagMismatchError):
                self.conflict(None, record, remote, ConflictReason.CHANGED_DURING_SYNC)
                return
        del self.report.state[uid]
        self.report.deleted.append(uid)

    def settle(
        self,
        entry: CalendarEntry,
        record: SyncedEvent | None,
        remote: _Remote | None,
        reason: ConflictReason,
    ) -> None:
        """Apply the caller's resolution of a conflict, or report it."""
        choice = self.resolve.get(entry.interview.uid)
        if choice is Resolution.LOCAL:
            if remote is None:
                self.push_new(entry)
            else:
                self.push_update(entry, remote)
        elif choice is Resolution.CALENDAR and remote is not None:
            self.pull(entry, remote)
        elif choice is Resolution.CALENDAR:
            interview = entry.interview
            self.report.pulled.append(
                PulledChange(interview.uid, interview.id, None, None, removed=True)
            )
            self.report.state.pop(interview.uid, None)
        else:
            self.conflict(entry, record, remote, reason)

    def conflict(
        self,
        entry: CalendarEntry | None,
        record: SyncedEvent | None,
        remote: _Remote | None,
        reason: ConflictReason,
    ) -> None:
        interview = entry.interview if entry else None
        uid = interview.uid if interview else (record.uid if record else "")
        self.report.conflicts.append(
            SyncConflict(
                uid=uid,
                interview_id=interview.id if interview else None,
                reason=reason,
                local_start=interview.start if interview else None,
                local_minutes=interview.minutes if interview else None,
                remote_start=remote.start if remote else None,
                remote_minutes=remote.minutes if remote else None,
                message=_CONFLICT_MESSAGES[reason],
            )
        )


_CONFLICT_MESSAGES = {
    ConflictReason.BOTH_CHANGED: "Moved both here and in the calendar since the last sync.",
    ConflictReason.DELETED_IN_CALENDAR: "Deleted in the calendar but still booked here.",
    ConflictReason.MOVED_IN_CALENDAR_DELETED_HERE: "Deleted here but moved in the calendar.",
    ConflictReason.NOT_SYNCED_BEFORE: (
        "The calendar already holds this interview at another time, with no record of a sync."
    ),
    ConflictReason.CHANGED_DURING_SYNC: "Changed in the calendar while syncing; sync again.",
}


def _same_time(interview: Interview, start: datetime, minutes: int) -> bool:
    return interview.start == start and interview.minutes == minutes


def connect(url: str, *, username: str, password: str, calendar_name: str = "widenet") -> Any:
    """The calendar named ``calendar_name`` of the account at ``url`` (made when missing).

    For the service to call before ``sync_calendar``; the sync itself never connects."""
    try:
        client: Any = DAVClient(url=url, username=username, password=password)
        principal = client.principal()
        for calendar in principal.calendars():
            if calendar.get_display_name() == calendar_name:
                return calendar
        return principal.make_calendar(name=calendar_name)
    except dav_error.AuthorizationError as exc:
        raise WidenetError(
            f"The calendar server at {url} refused the user {username!r}.",
            hint="Check the user name and the password.",
        ) from exc
    except dav_error.NotFoundError as exc:
        raise NotFound(f"No CalDAV account at {url}.") from exc
    except (dav_error.DAVError, OSError) as exc:
        raise WidenetError(f"Cannot use the calendar at {url}: {exc}") from exc
