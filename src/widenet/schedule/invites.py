"""Calendar events as plain data: what widenet writes for an interview, what an invite says,
and which interview changes an imported invite calls for (matched by UID)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from widenet import defaults
from widenet.track.model import Interview, InterviewKind

KIND_LABELS = {
    InterviewKind.RECRUITER: "Recruiter call",
    InterviewKind.HIRING_MANAGER: "Hiring manager interview",
    InterviewKind.TECHNICAL: "Technical screen",
    InterviewKind.TAKE_HOME: "Take-home",
    InterviewKind.ONSITE: "Onsite",
    InterviewKind.OTHER: "Interview",
}


@dataclass(frozen=True)
class CalendarEntry:
    """An interview with the names a calendar shows: what ICS export and CalDAV sync take."""

    interview: Interview
    company: str
    role: str = ""

    @property
    def summary(self) -> str:
        company = " ".join(self.company.split())  # a summary is one line
        return f"{company} — {KIND_LABELS[self.interview.kind]}".strip()

    @property
    def description(self) -> str:
        interview = self.interview
        lines = [f"{KIND_LABELS[interview.kind]} with {self.company}"]
        if self.role:
            lines.append(f"Role: {self.role}")
        if interview.interviewers:
            lines.append(f"Interviewers: {interview.interviewers}")
        if interview.prep_minutes:
            lines.append(f"Preparation: {interview.prep_minutes} minutes before")
        if interview.notes:
            lines += ["", interview.notes]
        return "\n".join(lines)


@dataclass(frozen=True)
class InvitedEvent:
    """One event read from an .ics file.

    ``kind`` and ``prep_minutes`` are set only when the file says so (widenet's own export);
    ``guessed_kind`` is read from the summary. ``start`` is in UTC.
    """

    uid: str
    summary: str
    start: datetime
    minutes: int
    organizer: str = ""  # e-mail address, lower case, without "mailto:"
    attendees: tuple[str, ...] = ()
    description: str = ""
    location: str = ""
    kind: InterviewKind | None = None
    prep_minutes: int | None = None
    guessed_kind: InterviewKind | None = None
    cancelled: bool = False
    sequence: int = 0


@dataclass(frozen=True)
class SkippedEvent:
    """An event of an .ics file that is not an interview invite, and why."""

    uid: str
    summary: str
    reason: str


class ChangeAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    CANCEL = "cancel"  # the invite was cancelled: remove (or cancel) the interview


@dataclass(frozen=True)
class InterviewChange:
    """What to do with the interview of one UID. For UPDATE, a field left None is unchanged."""

    action: ChangeAction
    uid: str
    event: InvitedEvent
    interview_id: int | None = None  # the interview to update or cancel
    start: datetime | None = None
    minutes: int | None = None
    kind: InterviewKind | None = None
    prep_minutes: int | None = None

    def apply_to(self, interview: Interview) -> Interview:
        """The interview with this UPDATE's fields set."""
        changed = {
            name: value
            for name, value in (
                ("start", self.start),
                ("minutes", self.minutes),
                ("kind", self.kind),
                ("prep_minutes", self.prep_minutes),
            )
            if value is not None
        }
        return replace(interview, **changed)  # type: ignore[arg-type]


def plan_import(
    events: Sequence[InvitedEvent], existing: Sequence[Interview]
) -> list[InterviewChange]:
    """The changes that bring ``existing`` interviews in line with ``events``, by UID.

    A UID not yet known is created, a known one updated where its time, length (or, from a
    widenet file, kind and preparation) differ, a cancelled one cancelled. Once the changes are
    applied, planning the same events again returns nothing. When a file holds one UID twice,
    the highest SEQUENCE wins.
    """
    known = {i.uid: i for i in existing if i.uid}
    changes: list[InterviewChange] = []
    for event in _latest(events):
        interview = known.get(event.uid)
        if interview is None:
            if not event.cancelled:
                kind = event.kind or event.guessed_kind or InterviewKind.OTHER
                changes.append(
                    InterviewChange(
                        ChangeAction.CREATE,
                        event.uid,
                        event,
                        start=event.start,
                        minutes=event.minutes,
                        kind=kind,
                        prep_minutes=_prep(event, kind),
                    )
                )
        elif event.cancelled:
            changes.append(InterviewChange(ChangeAction.CANCEL, event.uid, event, interview.id))
        else:
            update = _update(event, interview)
            if update is not None:
                changes.append(update)
    return changes


def _prep(event: InvitedEvent, kind: InterviewKind) -> int:
    return defaults.PREP_MINUTES[kind] if event.prep_minutes is None else event.prep_minutes


def _latest(events: Iterable[InvitedEvent]) -> list[InvitedEvent]:
    latest: dict[str, InvitedEvent] = {}
    for event in events:
        seen = latest.get(event.uid)
        if seen is None or event.sequence >= seen.sequence:
            latest[event.uid] = event
    return list(latest.values())


def _update(event: InvitedEvent, interview: Interview) -> InterviewChange | None:
    start = event.start if event.start != interview.start else None
    minutes = event.minutes if event.minutes != interview.minutes else None
    kind = event.kind if event.kind not in (None, interview.kind) else None
    prep = event.prep_minutes
    prep = prep if prep is not None and prep != interview.prep_minutes else None
    if start is None and minutes is None and kind is None and prep is None:
        return None
    return InterviewChange(
        ChangeAction.UPDATE,
        event.uid,
        event,
        interview.id,
        start=start,
        minutes=minutes,
        kind=kind,
        prep_minutes=prep,
    )


def to_interview(event: InvitedEvent, *, id: int, application_id: int) -> Interview:
    """A new interview from an invite (the service picks the id and the application)."""
    kind = event.kind or event.guessed_kind or InterviewKind.OTHER
    return Interview(
        id=id,
        application_id=application_id,
        kind=kind,
        start=event.start,
        minutes=event.minutes,
        prep_minutes=_prep(event, kind),
        uid=event.uid,
    )


# Earlier entries win: "technical phone screen" is technical, not a recruiter call.
_KIND_WORDS: tuple[tuple[InterviewKind, tuple[str, ...]], ...] = (
    (InterviewKind.ONSITE, ("onsite", "on-site", "on site", "final round", "superday", "loop")),
    (InterviewKind.TAKE_HOME, ("take-home", "take home", "takehome", "assignment")),
    (
        InterviewKind.TECHNICAL,
        ("technical", "coding", "pair programming", "system design", "tech screen", "algorithm"),
    ),
    (InterviewKind.HIRING_MANAGER, ("hiring manager", "manager")),
    (InterviewKind.RECRUITER, ("recruiter", "phone screen", "intro", "screening", "talent")),
)


def guess_kind(summary: str) -> InterviewKind | None:
    """The interview kind a summary suggests ("Acme: technical interview" -> technical)."""
    text = summary.lower()
    for kind, words in _KIND_WORDS:
        if any(re.search(rf"\b{re.escape(word)}", text) for word in words):
            return kind
    return None


class NamedSite(Protocol):
    """Anything with a company name and website (``widenet.track.model.Company`` is one)."""

    @property
    def name(self) -> str: ...

    @property
    def website(self) -> str: ...


SiteT = TypeVar("SiteT", bound=NamedSite)


def guess_company(event: InvitedEvent, companies: Sequence[SiteT]) -> SiteT | None:
    """The company an invite is most likely from, or None when nothing (or a tie) matches.

    The organizer's e-mail domain matching a company website counts most, then an attendee's,
    then the company name appearing as words in the summary.
    """
    organizer = _domain_of_address(event.organizer)
    attendees = {_domain_of_address(a) for a in event.attendees} - {""}
    scores: list[tuple[int, SiteT]] = []
    for company in companies:
        site = domain_of_site(company.website)
        score = 0
        if site and organizer and _same_site(organizer, site):
            score += 4
        if site and any(_same_site(d, site) for d in attendees):
            score += 2
        if company.name.strip() and _names_in(company.name, event.summary):
            score += 1
        if score:
            scores.append((score, company))
    if not scores:
        return None
    scores.sort(key=lambda pair: pair[0], reverse=True)
    if len(scores) > 1 and scores[0][0] == scores[1][0]:
        return None
    return scores[0][1]


def domain_of_site(website: str) -> str:
    """``https://www.acme.io/jobs`` -> ``acme.io``."""
    text = website.strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.")


def _domain_of_address(address: str) -> str:
    address = address.strip().lower().removeprefix("mailto:")
    return address.rpartition("@")[2] if "@" in address else ""


def _same_site(domain: str, site: str) -> bool:
    """acme.io matches acme.io and jobs.acme.io, not notacme.io."""
    return domain == site or domain.endswith(f".{site}") or site.endswith(f".{domain}")


def _names_in(name: str, summary: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", summary, re.IGNORECASE) is not None
