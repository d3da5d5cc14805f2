"""Schedule use cases on a real database: settings, windows, bookings, warnings, the week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Search
from widenet.errors import Infeasible, InvalidInput
from widenet.schedule.availability import Hours, Weekday
from widenet.schedule.warnings import WarningKind
from widenet.services import interviews, schedule, tracking
from widenet.storage import schedule_repo
from widenet.storage.schedule_repo import WindowStatus
from widenet.track.model import Interview, InterviewKind

BERLIN = ZoneInfo("Europe/Berlin")
# The fixture's now is Friday 20 November 2026, 18:00 in Berlin: the next days with hours
# are Monday 23 to Friday 27 November.
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def start_search(search: Search, *names: str, applied_days_ago: int = 30) -> None:
    """Applications to each company, hours in Berlin (week one when applied recently)."""
    on = search.today - timedelta(days=applied_days_ago)
    for name in names:
        search(
            lambda s, name=name: tracking.apply_to(
                s, search.moment, company=name, role="Backend", on=on
            )
        )
    search(lambda s: schedule.set_hours(s, search.moment, time_zone="Europe/Berlin"))


def book(
    search: Search, company: str, kind: InterviewKind, start: datetime, minutes: int
) -> Interview:
    view = search(
        lambda s: interviews.add(
            s, search.moment, company=company, kind=kind, start=start, minutes=minutes
        )
    )
    return view.interview


def propose(search: Search, company: str, kind: InterviewKind, minutes: int, **kw: object):
    return search(
        lambda s: schedule.propose(
            s, search.moment, company=company, kind=kind, minutes=minutes, **kw
        )
    )


def clear_of(
    window_start: datetime, window_end: datetime, prep: int, booked: Interview, buffer: int
) -> bool:
    """No start inside the window brings its preparation or the interview within ``buffer``
    minutes of the booked interview or its preparation."""
    taken_start = booked.start - timedelta(minutes=booked.prep_minutes + buffer)
    taken_end = booked.end + timedelta(minutes=buffer)
    return window_end <= taken_start or window_start - timedelta(minutes=prep) >= taken_end


# -- settings ------------------------------------------------------------------------------
def test_settings_start_from_defaults_and_keep_earlier_values_in_the_audit_log(
    search: Search,
) -> None:
    first = search(lambda s: schedule.get_settings(s, search.moment))
    assert first.availability.time_zone == "UTC"  # the caller's zone until set
    assert first.search_start_source == "today"
    assert first.availability.buffer_minutes == 15
    moment = search.moment
    search(
        lambda s: schedule.set_hours(
            s, moment, days="mon-thu", hours="9-12,13-17", time_zone="Europe/Berlin"
        )
    )
    search(lambda s: schedule.set_hours(s, moment, days="fri", hours="off"))
    search(lambda s: schedule.block(s, moment, period="2026-12-24..2026-12-26", reason="holidays"))
    search(lambda s: schedule.set_prep(s, moment, minutes=["technical=90", "hiring manager=45"]))
    search(lambda s: schedule.set_buffer(s, moment, minutes=25))
    search(
        lambda s: schedule.set_caps(s, moment, caps=["interviews_per_day=3"], start="2026-11-02")
    )
    now = search(lambda s: schedule.get_settings(s, moment))
    hours = now.availability.weekly_hours
    assert hours[Weekday.MONDAY] == (
        Hours(at(MONDAY, 9).time(), at(MONDAY, 12).time()),
        Hours(at(MONDAY, 13).time(), at(MONDAY, 17).time()),
    )
    assert Weekday.FRIDAY not in hours
    assert now.availability.time_zone == "Europe/Berlin"
    (holidays,) = now.availability.blocked
    assert (holidays.start, holidays.end, holidays.reason) == (
        at(date(2026, 12, 24), 0),
        at(date(2026, 12, 27), 0),
        "holidays",
    )
    assert now.availability.prep_for(InterviewKind.TECHNICAL) == 90
    assert now.availability.prep_for(InterviewKind.HIRING_MANAGER) == 45
    assert now.availability.prep_for(InterviewKind.RECRUITER) == 30  # unchanged default
    assert now.availability.buffer_minutes == 25
    assert now.caps.interviews_per_day == 3
    assert (now.search_start, now.search_start_source) == (date(2026, 11, 2), "set")
    entries = search(lambda s: s.audit_entries(entity="schedule_settings"))
    buffers = [e["data"]["before"].get("availability", "") for e in entries]
    assert any('"buffer_minutes": 15' in text for text in buffers)  # the value replaced by 25
    assert entries[-1]["data"]["before"]["caps"].count('"interviews_per_day": 4') == 1


def test_the_search_start_is_the_first_application_unless_set(search: Search) -> None:
    start_search(search, "Acme", applied_days_ago=12)
    found = search(lambda s: schedule.get_settings(s, search.moment))
    assert (found.search_start, found.search_start_source) == (
        search.today - timedelta(days=12),
        "first application",
    )
    search(lambda s: schedule.set_caps(s, search.moment, start="2026-11-16"))
    assert search(lambda s: schedule.get_settings(s, search.moment)).search_start == date(
        2026, 11, 16
    )
    search(lambda s: schedule.set_caps(s, search.moment, start="auto"))
    assert (
        search(lambda s: schedule.get_settings(s, search.moment)).search_start_source
        == "first application"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"days": "funday", "hours": "9-17"}, "days"),
        ({"days": "mon", "hours": "9-25"}, "hours"),
        ({"days": "mon", "hours": "14-12"}, "hours"),
        ({"days": "mon", "hours": "9-13,12-17"}, "hours"),
        ({"days": "mon"}, "hours"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_bad_hours_name_the_field_and_store_nothing(
    search: Search, change: dict, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: schedule.set_hours(s, search.moment, **change))
    assert caught.value.field == field
    assert search(schedule_repo.settings) is None


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (lambda s, m: schedule.set_buffer(s, m, minutes=500), "buffer_minutes"),
        (
            lambda s, m: schedule.set_prep(s, m, minutes=["technical=lots"]),
            "prep_minutes.technical",
        ),
        (lambda s, m: schedule.set_prep(s, m, minutes=["coffee=10"]), "prep_minutes.coffee"),
        (lambda s, m: schedule.block(s, m, period="2026-12-26..2026-12-24"), "period"),
        (lambda s, m: schedule.unblock(s, m, number=1), "number"),
        (
            lambda s, m: schedule.set_caps(s, m, caps=["interviews_per_day=99"]),
            "interviews_per_day",
        ),
        (lambda s, m: schedule.set_caps(s, m, start="someday"), "start"),
    ],
)
def test_bad_settings_name_the_field(sqlite_search: Search, action: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        sqlite_search(lambda s: action(s, sqlite_search.moment))  # type: ignore[operator]
    assert caught.value.field == field


def test_unknown_caps_are_refused_with_the_known_ones(sqlite_search: Search) -> None:
    with pytest.raises(InvalidInput, match="interviews_per_day"):
        sqlite_search(lambda s: schedule.set_caps(s, sqlite_search.moment, caps=["calls=3"]))


# -- windows -------------------------------------------------------------------------------
def test_windows_never_double_book(search: Search) -> None:
    start_search(search, "Acme", "Beta")
    acme = propose(search, "acme", InterviewKind.TECHNICAL, 60)
    assert len(acme.windows) == 3
    first = acme.windows[0]
    booked = book(search, "acme", InterviewKind.TECHNICAL, first.start, 60)
    beta = propose(search, "beta", InterviewKind.TECHNICAL, 60, days=5, count=5)
    buffer = 15
    assert beta.windows
    for window in beta.windows:
        assert clear_of(window.start, window.end, 60, booked, buffer), window
    statuses = {
        w.id: (w.status, w.interview_id)
        for w in search(lambda s: schedule_repo.offered_windows(s, status=None))
    }
    assert statuses[first.id] == (WindowStatus.BOOKED, booked.id)
    assert {statuses[w.id][0] for w in acme.windows[1:]} == {WindowStatus.EXPIRED}
    assert {statuses[w.id][0] for w in beta.windows} == {WindowStatus.OFFERED}


def test_offers_to_other_companies_may_overlap_but_bookings_never_do(search: Search) -> None:
    start_search(search, "Acme", "Beta", "Gamma")
    search(lambda s: schedule.set_hours(s, search.moment, days="mon-fri", hours="09:00-12:00"))
    acme = propose(search, "acme", InterviewKind.RECRUITER, 30, days=1, count=1)
    beta = propose(search, "beta", InterviewKind.RECRUITER, 30, days=1, count=1)
    (acme_window,) = acme.windows
    (beta_window,) = beta.windows
    assert acme_window.start < beta_window.end
    assert beta_window.start < acme_window.end
    assert beta.also_offered_to[beta_window.id] == ("Acme",)
    booked = book(search, "beta", InterviewKind.RECRUITER, beta_window.start, 30)
    offered = search(lambda s: schedule.offered(s, search.moment))
    assert [w.id for w in offered] == [acme_window.id]  # still on offer to Acme
    gamma = propose(search, "gamma", InterviewKind.RECRUITER, 30, days=2, count=2)
    for window in gamma.windows:
        assert clear_of(window.start, window.end, 30, booked, 15)


def test_caps_hold_after_booking(search: Search) -> None:
    start_search(search, "Acme", "Beta", applied_days_ago=2)  # week one: 1 technical a day
    acme = propose(search, "acme", InterviewKind.TECHNICAL, 60, days=1, count=1)
    (window,) = acme.windows
    assert window.start.date() == MONDAY
    book(search, "acme", InterviewKind.TECHNICAL, window.start, 60)
    with pytest.raises(Infeasible) as caught:
        propose(search, "beta", InterviewKind.RECRUITER, 30, days=1)
    assert "--days" in caught.value.hint
    later = propose(search, "beta", InterviewKind.RECRUITER, 30, days=2, count=3)
    assert {w.start.astimezone(BERLIN).date() for w in later.windows} == {
        MONDAY + timedelta(days=1)
    }


def test_a_new_offer_replaces_the_earlier_one_for_the_same_kind(search: Search) -> None:
    start_search(search, "Acme")
    first = propose(search, "acme", InterviewKind.RECRUITER, 30)
    call = propose(search, "acme", InterviewKind.TECHNICAL, 60)
    second = propose(search, "acme", InterviewKind.RECRUITER, 30, count=2)
    offered = {w.id for w in search(lambda s: schedule.offered(s, search.moment, company="acme"))}
    assert offered == {w.id for w in call.windows} | {w.id for w in second.windows}
    assert not offered & {w.id for w in first.windows}


def test_the_text_is_in_the_recruiters_zone(sqlite_search: Search) -> None:
    start_search(sqlite_search, "Acme")
    offer = propose(
        sqlite_search, "acme", InterviewKind.TECHNICAL, 60, recruiter_time_zone="America/New_York"
    )
    assert offer.recruiter_time_zone == "America/New_York"
    assert "EST" in offer.text
    assert "CET" in offer.text
    with pytest.raises(InvalidInput) as caught:
        propose(
            sqlite_search, "acme", InterviewKind.TECHNICAL, 60, recruiter_time_zone="Nowhere/City"
        )
    assert caught.value.field == "recruiter_time_zone"


def test_nothing_fits_without_hours(sqlite_search: Search) -> None:
    start_search(sqlite_search, "Acme")
    sqlite_search(lambda s: schedule.set_hours(s, sqlite_search.moment, days="daily", hours="off"))
    with pytest.raises(Infeasible):
        propose(sqlite_search, "acme", InterviewKind.RECRUITER, 30)
    assert sqlite_search(lambda s: schedule_repo.offered_windows(s, status=None)) == []


def test_booking_uses_the_users_preparation_time(sqlite_search: Search) -> None:
    start_search(sqlite_search, "Acme")
    sqlite_search(lambda s: schedule.set_prep(s, sqlite_search.moment, minutes=["technical=75"]))
    booked = book(sqlite_search, "acme", InterviewKind.TECHNICAL, at(MONDAY, 14), 60)
    assert booked.prep_minutes == 75


KINDS = [
    InterviewKind.RECRUITER,
    InterviewKind.HIRING_MANAGER,
    InterviewKind.TECHNICAL,
    InterviewKind.ONSITE,
]
COMPANIES = ["Acme", "Beta", "Gamma"]


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    started_days_ago=st.sampled_from([2, 9, 30]),
    buffer=st.sampled_from([0, 15, 30]),
    bookings=st.lists(
        st.tuples(
            st.integers(0, 2),
            st.sampled_from(KINDS),
            st.sampled_from([30, 45, 60, 90]),
            st.integers(0, 4),
            st.floats(0, 1),
        ),
        min_size=1,
        max_size=7,
    ),
)
def test_booking_any_proposed_window_never_breaks_a_rule(
    sqlite_search: Search, started_days_ago: int, buffer: int, bookings: list
) -> None:
    search = sqlite_search
    search(lambda s: s.delete_all())
    start_search(search, *COMPANIES)
    start = search.today - timedelta(days=started_days_ago)
    search(lambda s: schedule.set_caps(s, search.moment, start=start.isoformat()))
    search(lambda s: schedule.set_buffer(s, search.moment, minutes=buffer))
    booked: list[Interview] = []
    for company, kind, minutes, pick, share in bookings:
        try:
            offer = propose(search, COMPANIES[company], kind, minutes, days=3, count=3)
        except Infeasible:
            continue
        window = offer.windows[pick % len(offer.windows)]
        slack = (window.minutes - minutes) // 5
        begin = window.start + timedelta(minutes=5 * int(slack * share))
        booked.append(book(search, COMPANIES[company], kind, begin, minutes))
    warnings = search(lambda s: schedule.upcoming_warnings(s, search.moment, days=30))
    assert warnings == [], [w.message for w in warnings]


# -- warnings, week, board -----------------------------------------------------------------
def overflowing_week(search: Search) -> dict[str, Interview]:
    """Week one (applied 2 days ago) with one problem a day."""
    start_search(search, "Acme", "Beta", applied_days_ago=2)
    tue, wed, thu, fri = (MONDAY + timedelta(days=n) for n in range(1, 5))
    rec, hm = InterviewKind.RECRUITER, InterviewKind.HIRING_MANAGER
    return {
        "mon1": book(search, "acme", rec, at(MONDAY, 10), 30),
        "mon2": book(search, "beta", rec, at(MONDAY, 12), 30),
        "mon3": book(search, "acme", rec, at(MONDAY, 15), 30),  # three calls in week one
        "tue1": book(search, "acme", rec, at(tue, 10), 30),
        "tue2": book(search, "beta", hm, at(tue, 11, 5), 30),  # prep from 10:35: 5 min buffer
        "wed": book(search, "acme", InterviewKind.ONSITE, at(wed, 11), 300),
        "thu": book(search, "beta", rec, at(thu, 14), 30),  # the rest day after the onsite
        "fri": book(search, "beta", InterviewKind.TECHNICAL, at(fri, 9, 30), 60),  # prep at 8:30
    }


def test_warnings_over_the_upcoming_days(search: Search) -> None:
    booked = overflowing_week(search)
    found = search(lambda s: schedule.upcoming_warnings(s, search.moment, days=14))
    by_day = {(w.day, w.kind) for w in found}
    assert by_day == {
        (MONDAY, WarningKind.OVER_CAP),
        (MONDAY + timedelta(days=1), WarningKind.NO_BUFFER),
        (MONDAY + timedelta(days=3), WarningKind.NO_REST_AFTER_ONSITE),
        (MONDAY + timedelta(days=4), WarningKind.NO_PREPARATION),
    }
    no_buffer = next(w for w in found if w.kind is WarningKind.NO_BUFFER)
    assert set(no_buffer.interview_ids) == {booked["tue1"].id, booked["tue2"].id}
    assert "Acme recruiter call" in no_buffer.message
    assert "Beta hiring manager interview" in no_buffer.message
    board = search(lambda s: schedule.board(s, search.moment))
    assert list(board.warnings) == found
    assert board.board.open_count == 2
    # today (Friday) counts as the first day
    assert search(lambda s: schedule.upcoming_warnings(s, search.moment, days=3)) == []
    soon = search(lambda s: schedule.upcoming_warnings(s, search.moment, days=4))
    assert {w.day for w in soon} == {MONDAY}


def test_the_week_view_through_the_store(search: Search) -> None:
    booked = overflowing_week(search)
    shown = search(lambda s: schedule.week(s, search.moment, date(2026, 11, 25)))
    assert shown.view.first_day == MONDAY
    monday = shown.view.days[0]
    assert [i.id for i in monday.interviews] == [booked[k].id for k in ("mon1", "mon2", "mon3")]
    assert monday.load_minutes == 3 * (30 + 30)
    assert monday.over_cap
    assert shown.labels[booked["wed"].id] == "Acme onsite"
    assert shown.interviews[booked["thu"].id].company.name == "Beta"
    assert [d.over_cap for d in shown.view.days] == [True, False, False, True, False, False, False]
    empty = search(lambda s: schedule.week(s, search.moment, date(2027, 1, 6)))
    assert empty.view.load_minutes == 0
    assert empty.view.warnings == ()
