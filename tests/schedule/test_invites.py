"""Invites as plain data: guessing the kind and the company, and planning an import by UID."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from widenet import defaults
from widenet.schedule.invites import (
    CalendarEntry,
    ChangeAction,
    InvitedEvent,
    domain_of_site,
    guess_company,
    guess_kind,
    plan_import,
    to_interview,
)
from widenet.track.model import Company, InterviewKind

from .conftest import interview

START = datetime(2026, 12, 1, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("summary", "kind"),
    [
        ("Acme <> Ada: Recruiter call", InterviewKind.RECRUITER),
        ("Intro chat with Globex talent team", InterviewKind.RECRUITER),
        ("Technical phone screen - Initech", InterviewKind.TECHNICAL),
        ("Coding interview (CoderPad)", InterviewKind.TECHNICAL),
        ("System design", InterviewKind.TECHNICAL),
        ("Chat with the hiring manager", InterviewKind.HIRING_MANAGER),
        ("Virtual onsite: 4 sessions", InterviewKind.ONSITE),
        ("Final round", InterviewKind.ONSITE),
        ("Take-home review", InterviewKind.TAKE_HOME),
        ("Lunch", None),
        ("", None),
    ],
)
def test_guess_kind(summary: str, kind: InterviewKind | None) -> None:
    assert guess_kind(summary) is kind


ACME = Company(1, "Acme", website="https://www.acme.io/careers")
GLOBEX = Company(2, "Globex", website="globex.com")
META = Company(3, "Meta", website="")
METABASE = Company(4, "Metabase", website="https://metabase.com")
COMPANIES = [ACME, GLOBEX, META, METABASE]


def invite(
    summary: str = "Interview", organizer: str = "", attendees: tuple[str, ...] = ()
) -> InvitedEvent:
    return InvitedEvent("u@x", summary, START, 30, organizer=organizer, attendees=attendees)


@pytest.mark.parametrize(
    ("event", "company"),
    [
        (invite(organizer="jane@acme.io"), ACME),
        (invite(organizer="mailto:Jane@Jobs.Acme.IO"), ACME),
        (invite(organizer="notify@greenhouse.io", attendees=("bob@globex.com",)), GLOBEX),
        (invite("Globex technical screen", organizer="x@gmail.com"), GLOBEX),
        (invite("Metabase: recruiter call"), METABASE),
        (invite("Meta recruiter call"), META),
        (invite("Lunch with Sam"), None),
        (invite(organizer="x@notacme.io"), None),
        # the organizer's domain beats a name in the summary
        (invite("Globex vs Acme comparison", organizer="hr@acme.io"), ACME),
        # two names and nothing else: a tie, no guess
        (invite("Acme and Globex mixer"), None),
    ],
)
def test_guess_company(event: InvitedEvent, company: Company | None) -> None:
    assert guess_company(event, COMPANIES) == company


@pytest.mark.parametrize(
    ("website", "domain"),
    [
        ("https://www.acme.io/careers", "acme.io"),
        ("acme.io", "acme.io"),
        ("HTTP://Jobs.Acme.io", "jobs.acme.io"),
        ("", ""),
    ],
)
def test_domain_of_site(website: str, domain: str) -> None:
    assert domain_of_site(website) == domain


def test_new_uid_is_created_with_the_kind_from_the_summary() -> None:
    event = InvitedEvent(
        "new@x", "Acme technical interview", START, 60, guessed_kind=InterviewKind.TECHNICAL
    )
    (change,) = plan_import([event], [])
    assert change.action is ChangeAction.CREATE
    assert (change.start, change.minutes, change.kind) == (START, 60, InterviewKind.TECHNICAL)
    assert change.prep_minutes == defaults.PREP_MINUTES[InterviewKind.TECHNICAL]
    made = to_interview(event, id=7, application_id=3)
    assert (made.uid, made.start, made.minutes, made.kind) == (
        "new@x",
        START,
        60,
        InterviewKind.TECHNICAL,
    )


def test_known_uid_with_a_new_time_is_updated_and_applying_it_settles_the_import() -> None:
    booked = interview(5, InterviewKind.RECRUITER, START, 30, prep=30, uid="known@x")
    moved = InvitedEvent("known@x", "Acme call", START + timedelta(hours=2), 45)
    (change,) = plan_import([moved], [booked])
    assert change.action is ChangeAction.UPDATE
    assert change.interview_id == 5
    assert (change.start, change.minutes, change.kind, change.prep_minutes) == (
        START + timedelta(hours=2),
        45,
        None,  # the summary's guess never overrides the user's kind
        None,
    )
    updated = change.apply_to(booked)
    assert (updated.start, updated.minutes, updated.kind) == (moved.start, 45, booked.kind)
    assert plan_import([moved], [updated]) == []


def test_same_instant_in_another_zone_is_no_change() -> None:
    booked = interview(5, InterviewKind.RECRUITER, START, 30, uid="known@x")
    same = InvitedEvent("known@x", "Acme call", START.astimezone(), 30)
    assert plan_import([same], [booked]) == []


def test_cancelled_invites() -> None:
    booked = interview(5, InterviewKind.RECRUITER, START, 30, uid="known@x")
    cancelled = replace(InvitedEvent("known@x", "Acme call", START, 30), cancelled=True)
    (change,) = plan_import([cancelled], [booked])
    assert (change.action, change.interview_id) == (ChangeAction.CANCEL, 5)
    assert plan_import([cancelled], []) == []  # nothing to cancel: nothing to do


def test_the_highest_sequence_of_a_uid_wins() -> None:
    first = InvitedEvent("u@x", "call", START, 30, sequence=0)
    second = InvitedEvent("u@x", "call", START + timedelta(days=1), 30, sequence=2)
    (change,) = plan_import([second, first], [])
    assert change.start == second.start


def test_entry_text() -> None:
    booked = replace(
        interview(1, InterviewKind.TECHNICAL, START, 60, prep=60),
        interviewers="Sam, Kim",
        notes="Ask about on-call.",
    )
    entry = CalendarEntry(booked, "Acme", "Backend engineer")
    assert entry.summary == "Acme — Technical screen"
    assert entry.description.splitlines() == [
        "Technical screen with Acme",
        "Role: Backend engineer",
        "Interviewers: Sam, Kim",
        "Preparation: 60 minutes before",
        "",
        "Ask about on-call.",
    ]
