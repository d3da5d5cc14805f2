"""Use cases by id (what the web pages and the API call), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Search
from widenet.errors import Conflict, InvalidInput, NotFound
from widenet.services import applications, companies, contacts, events, interviews, tracking
from widenet.services.views import InterviewView
from widenet.track.model import (
    Company,
    ContactRole,
    Interview,
    InterviewKind,
    Outcome,
    SizeBand,
    Source,
)
from widenet.track.stages import Stage


def apply(search: Search, company: str = "Acme", days_ago: int = 10, **kw: object) -> int:
    on = search.today - timedelta(days=days_ago)
    view, _ = search(
        lambda s: tracking.apply_to(
            s,
            search.moment,
            company=company,
            role=str(kw.pop("role", "Backend")),
            on=on,
            **kw,  # type: ignore[arg-type]
        )
    )
    return view.application.id


def move(search: Search, app_id: int, stage: str, days_ago: int = 0, **kw: object) -> object:
    on = search.today - timedelta(days=days_ago)
    return search(
        lambda s: applications.move(
            s,
            search.moment,
            app_id,
            stage=stage,
            on=on,
            **kw,  # type: ignore[arg-type]
        )
    )


@pytest.mark.parametrize(
    ("stage", "reason", "stored_stage", "stored_reason"),
    [
        ("phone screen", "", Stage.TECHNICAL, ""),
        ("onsite", "", Stage.ONSITE, ""),
        ("rejected", "role filled", Stage.REJECTED, "role_filled"),
        ("rejected", "", Stage.REJECTED, "other"),
        ("withdrawn", "onsite elsewhere first", Stage.WITHDRAWN, "onsite elsewhere first"),
        ("ghosted", "", Stage.GHOSTED, ""),
    ],
)
def test_move_by_id_records_steps_and_outcomes(
    search: Search, stage: str, reason: str, stored_stage: Stage, stored_reason: str
) -> None:
    app_id = apply(search)
    view = move(search, app_id, stage, reason=reason)
    latest = view.events[-1]  # type: ignore[attr-defined]
    assert (latest.stage, latest.reason) == (stored_stage, stored_reason)


@pytest.mark.parametrize(
    ("stage", "kw", "error"),
    [
        ("recruiter", {"reason": "they said so"}, InvalidInput),  # steps take notes
        ("rejected", {"reason": "bad vibes"}, InvalidInput),
        ("lunch", {}, InvalidInput),
        ("accepted", {}, Conflict),  # no offer yet
        ("applied", {}, Conflict),
        ("withdrawn", {"reason": "x" * 61}, InvalidInput),  # longer than the column
    ],
)
def test_move_by_id_follows_the_same_rules(
    search: Search, stage: str, kw: dict[str, object], error: type[Exception]
) -> None:
    app_id = apply(search)
    with pytest.raises(error):
        move(search, app_id, stage, **kw)  # type: ignore[arg-type]
    assert len(search(lambda s: applications.get(s, search.moment, app_id)).events) == 1


def test_a_closed_application_moves_only_when_reopened(search: Search) -> None:
    app_id = apply(search)
    move(search, app_id, "ghosted", days_ago=2)
    with pytest.raises(Conflict, match="closed"):
        move(search, app_id, "recruiter")
    view = move(search, app_id, "recruiter", reopen=True)
    assert view.status.is_open  # type: ignore[attr-defined]


def test_unknown_ids_are_not_found(search: Search) -> None:
    for action in (
        lambda s: applications.get(s, search.moment, 404),
        lambda s: applications.move(s, search.moment, 404, stage="onsite"),
        lambda s: companies.detail(s, 404, search.moment),
        lambda s: events.get(s, 404),
        lambda s: interviews.get(s, 404),
        lambda s: contacts.get(s, 404),
    ):
        with pytest.raises(NotFound):
            search(action)


def test_another_users_items_are_not_found(search: Search) -> None:
    app_id = apply(search)
    other = Search(search.database.url, search.moment.now)
    other.user_id = other.database.user_id("someone else")
    with pytest.raises(NotFound):
        other(lambda s: applications.get(s, search.moment, app_id))
    with pytest.raises(NotFound):
        other(lambda s: events.get(s, 1))
    assert other(lambda s: applications.listing(s, search.moment)) == []
    other.database.dispose()


def test_update_application_keeps_events_and_audits(search: Search) -> None:
    app_id = apply(search, role="Backend")
    changed = search(
        lambda s: applications.update(
            s, search.moment, app_id, {"role": "Staff Backend", "source": "referral"}
        )
    )
    assert changed.application.role == "Staff Backend"
    assert changed.application.source is Source.REFERRAL
    assert [e.stage for e in changed.events] == [Stage.APPLIED]
    before = search(lambda s: s.audit_entries(entity="application"))[-1]["data"]["before"]
    assert before == {"role": "Backend", "source": "direct"}
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: applications.update(s, search.moment, app_id, {"company_id": 2}))
    assert caught.value.field == "company_id"


def test_listing_filters(search: Search) -> None:
    search(lambda s: tracking.add_company(s, name="Small", size_band="small"))
    small = apply(search, "Small", days_ago=30, source=Source.REFERRAL)
    other = apply(search, "Other", days_ago=3)
    move(search, other, "technical")

    def ids(**filters: object) -> list[int]:
        found = search(lambda s: applications.listing(s, search.moment, **filters))  # type: ignore[arg-type]
        return [view.application.id for view in found]

    assert ids() == [small, other]
    assert ids(source=Source.REFERRAL) == [small]
    assert ids(size_band=SizeBand.SMALL) == [small]
    assert ids(stage=Stage.TECHNICAL) == [other]
    assert ids(looks_ghosted=True) == [small]
    assert ids(is_open=False) == []


def test_board_filters(search: Search) -> None:
    search(lambda s: tracking.add_company(s, name="Small", size_band="small"))
    apply(search, "Small", days_ago=30)
    quiet_closed = apply(search, "Closed", days_ago=5)
    move(search, quiet_closed, "rejected")
    apply(search, "Fresh", days_ago=1)

    def names(**filters: object) -> set[str]:
        board = search(lambda s: tracking.board(s, search.moment, **filters))  # type: ignore[arg-type]
        cards = [card for column in board.columns for card in column.cards]
        return {card.company for card in [*cards, *board.closed]}

    assert names() == {"Small", "Closed", "Fresh"}
    assert names(size_band=SizeBand.SMALL) == {"Small"}
    assert names(active_only=True) == {"Fresh"}  # not the closed one, not the quiet one
    assert names(source=Source.NETWORK) == set()


def test_events_annotate_and_remove_only_the_latest(search: Search) -> None:
    app_id = apply(search)
    move(search, app_id, "recruiter", days_ago=5)
    view = move(search, app_id, "technical")
    first, second, third = view.events  # type: ignore[attr-defined]
    noted = search(lambda s: events.annotate(s, second.id, note="  friendly  "))
    assert (noted.note, noted.stage, noted.on) == ("friendly", second.stage, second.on)
    with pytest.raises(Conflict, match="latest"):
        search(lambda s: events.remove(s, search.moment, second.id))
    after = search(lambda s: events.remove(s, search.moment, third.id))
    assert after is not None
    assert [e.id for e in after.events] == [first.id, second.id]
    listed = search(lambda s: events.listing(s, application_id=app_id, stage=Stage.RECRUITER))
    assert [e.id for e in listed] == [second.id]
    with pytest.raises(InvalidInput):
        search(lambda s: events.listing(s, since=date(2026, 2, 1), until=date(2026, 1, 1)))


def test_company_update_can_clear_and_audits(search: Search) -> None:
    company: Company = search(
        lambda s: tracking.add_company(s, name="Acme", size_band="small", excitement=3)
    )
    updated = search(
        lambda s: companies.update(s, company.id, {"size_band": None, "excitement": ""})
    )
    assert (updated.size_band, updated.excitement) == (None, None)
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: companies.update(s, company.id, {"name": None}))
    assert caught.value.field == "name"
    assert search(lambda s: s.audit_entries(entity="company"))[-1]["data"]["before"] == {
        "size_band": "small",
        "excitement": 3,
    }


def book(search: Search, app_id: int, start: datetime, **kw: object) -> InterviewView:
    return search(
        lambda s: interviews.add_to(
            s,
            search.moment,
            application_id=app_id,
            kind=InterviewKind.TECHNICAL,
            start=start,
            **kw,  # type: ignore[arg-type]
        )
    )


def test_interview_update_reschedules_and_records_results(search: Search) -> None:
    app_id = apply(search)
    now = search.moment.now
    later = book(search, app_id, now + timedelta(days=2)).interview
    with pytest.raises(Conflict, match="not happened yet"):
        search(lambda s: interviews.update(s, search.moment, later.id, {"self_rating": 3}))
    moved = search(
        lambda s: interviews.update(
            s, search.moment, later.id, {"start": now - timedelta(hours=3), "minutes": 50}
        )
    ).interview
    assert moved.minutes == 50
    done = search(
        lambda s: interviews.update(
            s, search.moment, later.id, {"self_rating": 4, "outcome": Outcome.PASS}
        )
    ).interview
    assert done.done
    assert done.self_rating == 4


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"self_rating": 5}, "self_rating"),
        ({"minutes": 0}, "minutes"),
        ({"prep_minutes": -5}, "prep_minutes"),
        ({"start": None}, "start"),
        ({"start": datetime(2026, 11, 1, 10, 0)}, "start"),  # no time zone
        ({"kind": "lunch"}, "kind"),
        ({"uid": "x"}, "uid"),
        ({"interviewers": "x" * 2001}, "interviewers"),
    ],
)
def test_interview_update_names_the_bad_field(
    search: Search, changes: dict[str, object], field: str
) -> None:
    app_id = apply(search)
    interview = book(search, app_id, search.moment.now - timedelta(days=1)).interview
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: interviews.update(s, search.moment, interview.id, changes))
    assert caught.value.field == field


def view_at(start: datetime) -> InterviewView:
    interview = Interview(id=1, application_id=1, kind=InterviewKind.OTHER, start=start, minutes=30)
    return InterviewView(interview, Company(id=1, name="Acme"), "Backend")


@pytest.mark.parametrize(
    ("starts", "zone", "days"),
    [
        ([datetime(2026, 11, 21, 3, 0, tzinfo=UTC)], "UTC", [date(2026, 11, 21)]),
        ([datetime(2026, 11, 21, 3, 0, tzinfo=UTC)], "America/Los_Angeles", [date(2026, 11, 20)]),
        (
            [datetime(2026, 11, 20, 22, 0, tzinfo=UTC), datetime(2026, 11, 21, 6, 0, tzinfo=UTC)],
            "Europe/Berlin",
            [date(2026, 11, 20), date(2026, 11, 21)],
        ),
        (
            [datetime(2026, 11, 20, 22, 0, tzinfo=UTC), datetime(2026, 11, 21, 6, 0, tzinfo=UTC)],
            "Asia/Tokyo",
            [date(2026, 11, 21)],
        ),
        ([], "UTC", []),
    ],
)
def test_interviews_by_day_in_the_users_zone(
    starts: list[datetime], zone: str, days: list[date]
) -> None:
    grouped = interviews.by_day([view_at(start) for start in starts], ZoneInfo(zone))
    assert [day for day, _ in grouped] == days
    assert sum(len(views) for _, views in grouped) == len(starts)


def test_contacts_update(search: Search) -> None:
    company = search(lambda s: tracking.add_company(s, name="Acme"))
    sam = search(lambda s: contacts.add(s, name="Sam", role=ContactRole.RECRUITER))
    moved = search(
        lambda s: contacts.update(s, sam.id, {"company_id": company.id, "email": "sam@acme.io"})
    )
    assert (moved.company_id, moved.email, moved.name) == (company.id, "sam@acme.io", "Sam")
    with pytest.raises(InvalidInput):
        search(lambda s: contacts.update(s, sam.id, {"email": "nope"}))
    with pytest.raises(NotFound):
        search(lambda s: contacts.update(s, sam.id, {"company_id": 4242}))
