"""Tracking use cases on a real database (SQLite, and PostgreSQL when there is one)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import Search
from widenet.errors import Ambiguous, Conflict, InvalidInput, NotFound
from widenet.services import contacts, tracking
from widenet.track.model import ContactRole, SizeBand, Source
from widenet.track.stages import Stage


def apply(search: Search, company: str, role: str = "Backend", days_ago: int = 10, **kw: object):
    on = search.today - timedelta(days=days_ago)
    return search(
        lambda s: tracking.apply_to(s, search.moment, company=company, role=role, on=on, **kw)
    )[0]


def move(search: Search, company: str, stage: str, days_ago: int = 0, **kw: object):
    on = search.today - timedelta(days=days_ago)
    return search(
        lambda s: tracking.move(s, search.moment, company=company, stage=stage, on=on, **kw)
    )


def test_company_names_are_unique_whatever_the_case(search: Search) -> None:
    search(lambda s: tracking.add_company(s, name="Acme Robotics", size_band="large"))
    with pytest.raises(Conflict, match="already exists"):
        search(lambda s: tracking.add_company(s, name="ACME robotics"))
    found = search(lambda s: tracking.company_detail(s, "acme", search.moment))
    assert found.company.size_band is SizeBand.LARGE


def test_bad_company_fields_name_the_field(search: Search) -> None:
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: tracking.add_company(s, name="Zeta", excitement=9))
    assert caught.value.field == "excitement"
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: tracking.add_company(s, name="Zeta", size_band="gigantic"))
    assert caught.value.field == "size_band"
    assert search(lambda s: s.companies()) == []


def test_edit_keeps_the_earlier_value_in_the_audit_log(search: Search) -> None:
    search(lambda s: tracking.add_company(s, name="Acme", excitement=2, notes="first"))
    search(lambda s: tracking.edit_company(s, "acme", excitement=5, notes="second"))
    entries = search(lambda s: s.audit_entries(entity="company"))
    assert entries[-1]["data"]["before"] == {"excitement": 2, "notes": "first"}
    assert search(lambda s: s.company_by_name("acme")).excitement == 5


def test_apply_move_and_close_build_the_history(search: Search) -> None:
    apply(search, "Acme", days_ago=20)
    move(search, "acme", "Recruiter call", days_ago=15)
    move(search, "acme", "phone screen", days_ago=10)
    view = search(
        lambda s: tracking.close(
            s,
            search.moment,
            company="acme",
            outcome=Stage.REJECTED,
            reason="failed interview",
            on=search.today - timedelta(days=5),
        )
    )
    assert [e.stage for e in view.events] == [
        Stage.APPLIED,
        Stage.RECRUITER,
        Stage.TECHNICAL,
        Stage.REJECTED,
    ]
    assert view.status.furthest is Stage.TECHNICAL
    assert view.status.outcome_reason == "failed_interview"
    assert not view.status.is_open


def test_referral_skips_to_onsite_and_creates_the_referrer(search: Search) -> None:
    view = apply(search, "Quill", referrer="Dana Lee")
    assert view.application.source is Source.REFERRAL
    assert view.referrer is not None
    assert view.referrer.role is ContactRole.REFERRER
    after = move(search, "quill", "onsite")
    assert after.status.furthest is Stage.ONSITE


def test_custom_stage_names_need_a_kind_once(search: Search) -> None:
    apply(search, "Acme")
    with pytest.raises(InvalidInput, match="--kind"):
        move(search, "acme", "Team matching")
    view = move(search, "acme", "Team matching", kind=Stage.HIRING_MANAGER, days_ago=2)
    assert view.status.current is Stage.HIRING_MANAGER
    assert view.status.current_name == "Team matching"
    apply(search, "Zeta")
    again = move(search, "zeta", "team matching")
    assert again.status.current is Stage.HIRING_MANAGER


def test_a_closed_process_needs_reopen(search: Search) -> None:
    apply(search, "Acme")
    search(
        lambda s: tracking.close(
            s, search.moment, company="acme", outcome=Stage.WITHDRAWN, reason="other offer"
        )
    )
    with pytest.raises(Conflict, match="--reopen"):
        move(search, "acme", "recruiter")
    view = move(search, "acme", "recruiter", reopen=True)
    assert view.status.is_open


def test_undo_removes_the_latest_event_and_keeps_it(search: Search) -> None:
    apply(search, "Acme", days_ago=5)
    move(search, "acme", "technical", days_ago=1, note="went well")
    removed, view = search(lambda s: tracking.undo(s, search.moment, company="acme"))
    assert removed.stage is Stage.TECHNICAL
    assert view is not None
    assert view.status.current is Stage.APPLIED
    kept = search(lambda s: s.audit_entries(entity="stage_event"))
    assert kept[-1]["data"]["note"] == "went well"
    removed, view = search(lambda s: tracking.undo(s, search.moment, company="acme"))
    assert view is None
    assert search(lambda s: s.applications()) == []


def test_several_open_applications_ask_for_the_role(search: Search) -> None:
    apply(search, "Acme", role="Backend engineer")
    apply(search, "Acme", role="Data engineer")
    with pytest.raises(Ambiguous, match="--role"):
        move(search, "acme", "recruiter")
    view = move(search, "acme", "recruiter", role="data")
    assert view.application.role == "Data engineer"


def test_unknown_company_suggests_close_names(search: Search) -> None:
    apply(search, "Northwind Robotics")
    with pytest.raises(NotFound) as caught:
        move(search, "Northwnd Robotics", "recruiter")
    assert "Northwind Robotics" in caught.value.hint
    with pytest.raises(NotFound) as caught:
        apply(search, "Northwnd Robotics")
    assert "--new" in caught.value.hint
    created = apply(search, "Northwnd Robotics", create=True)
    assert created.company.name == "Northwnd Robotics"


def test_board_columns_and_closed(search: Search) -> None:
    apply(search, "Acme", days_ago=30)
    apply(search, "Zeta", days_ago=3)
    move(search, "zeta", "onsite", days_ago=1)
    apply(search, "Gone", days_ago=9)
    search(
        lambda s: tracking.close(
            s, search.moment, company="gone", outcome=Stage.REJECTED, reason="role_filled"
        )
    )
    board = search(lambda s: tracking.board(s, search.moment))
    by_stage = {c.stage: [card.company for card in c.cards] for c in board.columns}
    assert by_stage[Stage.APPLIED] == ["Acme"]
    assert by_stage[Stage.ONSITE] == ["Zeta"]
    assert [card.company for card in board.closed] == ["Gone"]
    acme = board.columns[0].cards[0]
    assert acme.status.looks_ghosted
    assert acme.status.days_in_stage == 30


def test_contacts_belong_to_companies(search: Search) -> None:
    search(lambda s: tracking.add_company(s, name="Acme"))
    search(
        lambda s: contacts.add(
            s, name="Sam", role=ContactRole.RECRUITER, company="acme", email="sam@acme.io"
        )
    )
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: contacts.add(s, name="Kim", role=ContactRole.RECRUITER, email="nope"))
    assert caught.value.field == "email"
    rows = search(lambda s: contacts.listing(s, company="acme"))
    assert [(c.name, name) for c, name in rows] == [("Sam", "Acme")]


def test_events_stay_in_date_order_whatever_the_insertion_order(search: Search) -> None:
    apply(search, "Acme", days_ago=10)
    move(search, "acme", "recruiter", days_ago=4)
    move(search, "acme", "technical", days_ago=4)
    view = search(lambda s: tracking.find_application(s, search.moment, company="acme"))
    assert [e.stage for e in view.events] == [Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL]
    assert view.events[0].on == search.today - timedelta(days=10)
    assert isinstance(view.events[0].on, date)
