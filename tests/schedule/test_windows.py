"""Windows for recruiters: worked examples, the text for an e-mail, and properties that no
proposed window ever breaks a cap, a buffer, a preparation block, the hours or a booking."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widenet.errors import InvalidInput
from widenet.schedule.availability import Availability, BlockedPeriod, Hours, Weekday
from widenet.schedule.caps import DailyCaps, check_day
from widenet.schedule.warnings import schedule_warnings
from widenet.schedule.windows import Window, propose_windows, render_windows
from widenet.track.model import Interview, InterviewKind

from .conftest import BERLIN, interview

R = InterviewKind.RECRUITER
T = InterviewKind.TECHNICAL
ON = InterviewKind.ONSITE

MONDAY = date(2026, 11, 30)
NOW = datetime.combine(MONDAY, time(8), BERLIN)
SEARCH_START = date(2026, 11, 2)  # four weeks in: full caps
HOURS = Availability(time_zone="Europe/Berlin")  # Mon-Fri 09:00-18:00


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def propose(kind: InterviewKind = R, minutes: int = 30, **kwargs: object) -> list[Window]:
    options: dict[str, object] = {
        "now": NOW,
        "availability": HOURS,
        "caps": DailyCaps(),
        "search_start": SEARCH_START,
    }
    options.update(kwargs)
    return propose_windows(kind, minutes, **options)  # type: ignore[arg-type]


def test_an_empty_week_gives_three_windows_on_three_days() -> None:
    windows = propose()
    days = [w.start.astimezone(BERLIN).date() for w in windows]
    assert len(windows) == 3
    assert days == sorted(set(days))  # one per day, in order
    assert days[0] == MONDAY + timedelta(days=1)  # starting tomorrow
    assert all(w.minutes == 120 for w in windows)
    # mornings and afternoons both offered
    assert len({w.start.astimezone(BERLIN).hour >= 12 for w in windows}) == 2


def test_windows_start_after_the_preparation_time_within_hours() -> None:
    windows = propose(T, 60)
    for window in windows:
        local = window.start.astimezone(BERLIN)
        assert local.time() >= time(10)  # 60 minutes of preparation from 09:00
        assert window.end.astimezone(BERLIN).time() <= time(18)
        assert local.minute in (0, 30)


def test_weekends_are_skipped_when_counting_days() -> None:
    friday_evening = at(MONDAY + timedelta(days=4), 19)
    windows = propose(now=friday_evening, days=2, count=4)
    days = {w.start.astimezone(BERLIN).date() for w in windows}
    assert days == {MONDAY + timedelta(days=7), MONDAY + timedelta(days=8)}


def test_a_day_at_its_cap_is_not_offered() -> None:
    tuesday = MONDAY + timedelta(days=1)
    full = [interview(n, R, at(tuesday, 9 + 2 * n), prep=30) for n in range(1, 5)]
    windows = propose(booked=full, days=1)
    assert windows == []
    assert propose(booked=full[:3], days=1) != []


def test_technical_cap_blocks_technical_but_not_calls() -> None:
    tuesday = MONDAY + timedelta(days=1)
    booked = [
        interview(1, T, at(tuesday, 10), 60, prep=60),
        interview(2, T, at(tuesday, 14), 60, prep=60),
    ]
    assert propose(T, 60, booked=booked, days=1) == []
    assert propose(R, 30, booked=booked, days=1) != []


def test_week_one_technical_screen_takes_the_day() -> None:
    tuesday = MONDAY + timedelta(days=1)
    booked = [interview(1, R, at(tuesday, 10), prep=30)]
    assert propose(T, 60, booked=booked, days=1, search_start=MONDAY) == []
    assert propose(R, 30, booked=booked, days=1, search_start=MONDAY) != []


def test_no_onsite_next_to_another_onsite() -> None:
    wednesday = MONDAY + timedelta(days=2)
    booked = [interview(1, ON, at(wednesday, 11), 300, prep=120)]
    windows = propose(ON, 300, booked=booked, days=5, count=5, window_minutes=300)
    days = {w.start.astimezone(BERLIN).date() for w in windows}
    assert wednesday not in days
    assert wednesday + timedelta(days=1) not in days  # rest day after it
    assert wednesday - timedelta(days=1) not in days  # it would be its rest day
    assert days  # other days remain


def test_windows_keep_clear_of_bookings_with_buffer_and_preparation() -> None:
    tuesday = MONDAY + timedelta(days=1)
    booked = [interview(1, T, at(tuesday, 11), 60, prep=60)]  # occupies 10:00-12:00
    windows = propose(booked=booked, days=1, count=3)
    assert windows
    for window in windows:
        # a 30-minute call needs 30 minutes of preparation and 15 of buffer
        ends_before = window.end <= at(tuesday, 9, 45)
        starts_after = window.start - timedelta(minutes=30) >= at(tuesday, 12, 15)
        assert ends_before or starts_after


def test_offers_to_other_companies_are_avoided_when_possible_but_allowed() -> None:
    first = propose()
    second = propose(offered=first)
    assert all(not a.overlap_minutes(b) for a in second for b in first)
    # Only one free stretch left on one day: it is offered although another company has it.
    tuesday = MONDAY + timedelta(days=1)
    narrow = Availability(
        time_zone="Europe/Berlin", weekly_hours={Weekday.TUESDAY: (Hours(time(9), time(11)),)}
    )
    only = propose(availability=narrow, days=1)
    assert len(only) == 1
    (again,) = propose(availability=narrow, days=1, offered=only)
    assert again.overlap_minutes(only[0]) > 0
    assert again.start.astimezone(BERLIN).date() == tuesday


def test_shorter_windows_when_only_an_hour_is_free() -> None:
    narrow = Availability(
        time_zone="Europe/Berlin", weekly_hours={Weekday.TUESDAY: (Hours(time(9), time(10, 30)),)}
    )
    (window,) = propose(availability=narrow, days=1)
    assert window.minutes == 60  # 09:30-10:30 after 30 minutes of preparation


def test_blocked_periods_are_respected() -> None:
    tuesday = MONDAY + timedelta(days=1)
    away = BlockedPeriod(at(tuesday, 0), at(tuesday + timedelta(days=1), 0), "holiday")
    availability = Availability(time_zone="Europe/Berlin", blocked=(away,))
    windows = propose(availability=availability, count=5)
    assert tuesday not in {w.start.astimezone(BERLIN).date() for w in windows}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"days": 0}, "days"),
        ({"count": 0}, "count"),
        ({"now": datetime(2026, 11, 30, 8)}, "now"),
        ({"step_minutes": 1}, "step"),
    ],
)
def test_bad_requests_name_the_field(change: dict, field: str) -> None:
    kwargs: dict = {"minutes": 30, **change}
    minutes = kwargs.pop("minutes")
    with pytest.raises(InvalidInput) as caught:
        propose(R, minutes, **kwargs)
    assert caught.value.field == field


def test_render_in_the_recruiters_zone_with_own_times_in_brackets() -> None:
    window = Window(at(date(2026, 12, 1), 15), at(date(2026, 12, 1), 17))
    text = render_windows(
        [window],
        minutes=60,
        time_zone="Europe/Berlin",
        recruiter_time_zone="America/New_York",
        kind=T,
    )
    assert "60-minute technical interview" in text
    assert "- Tuesday 1 December, 09:00-11:00 EST (15:00-17:00 CET)" in text


def test_render_shows_the_users_date_when_it_differs() -> None:
    window = Window(at(date(2026, 12, 1), 8), at(date(2026, 12, 1), 10))
    text = render_windows(
        [window], minutes=30, time_zone="Europe/Berlin", recruiter_time_zone="America/Los_Angeles"
    )
    assert "- Monday 30 November, 23:00-01:00 PST (Tuesday 1 December, 08:00-10:00 CET)" in text


def test_render_without_recruiter_zone_and_refuses_nothing_to_offer() -> None:
    windows = [
        Window(at(date(2026, 12, 2), 9), at(date(2026, 12, 2), 11)),
        Window(at(date(2026, 12, 1), 14), at(date(2026, 12, 1), 16)),
    ]
    text = render_windows(windows, minutes=30, time_zone="Europe/Berlin")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Tuesday 1 December, 14:00-16:00 CET",
        "- Wednesday 2 December, 09:00-11:00 CET",
    ]
    with pytest.raises(InvalidInput):
        render_windows([], minutes=30, time_zone="Europe/Berlin")


# -- properties ---------------------------------------------------------------------------

KINDS = list(InterviewKind)
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"]


@st.composite
def weekly_hours(draw: st.DrawFn) -> dict[Weekday, tuple[Hours, ...]]:
    hours: dict[Weekday, tuple[Hours, ...]] = {}
    for weekday in Weekday:
        if draw(st.booleans()):
            start = draw(st.integers(6 * 4, 14 * 4))  # quarter hours
            length = draw(st.integers(4, 10 * 4))
            end = min(start + length, 23 * 4)
            stretch = Hours(time(start // 4, 15 * (start % 4)), time(end // 4, 15 * (end % 4)))
            hours[weekday] = (stretch,)
    return hours


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    now = datetime(2026, 11, 30, tzinfo=zone) + timedelta(minutes=15 * draw(st.integers(0, 96 * 3)))
    booked: list[Interview] = []
    for n in range(draw(st.integers(0, 14))):
        start = now + timedelta(minutes=15 * draw(st.integers(-96, 96 * 10)))
        kind = draw(st.sampled_from(KINDS))
        booked.append(
            interview(
                n + 1,
                kind,
                start,
                draw(st.sampled_from([30, 45, 60, 90, 240])),
                prep=draw(st.sampled_from([0, 15, 30, 60, 120])),
            )
        )
    blocked = []
    if draw(st.booleans()):
        start = now + timedelta(hours=draw(st.integers(0, 24 * 8)))
        blocked.append(BlockedPeriod(start, start + timedelta(hours=draw(st.integers(1, 30)))))
    availability = Availability(
        time_zone=zone_name,
        weekly_hours=draw(weekly_hours()),
        blocked=tuple(blocked),
        prep_minutes={kind: draw(st.sampled_from([0, 15, 30, 60])) for kind in KINDS},
        buffer_minutes=draw(st.sampled_from([0, 15, 30, 45])),
    )
    caps = DailyCaps(
        interviews_per_day=draw(st.integers(1, 5)),
        technical_per_day=draw(st.integers(0, 3)),
        ramp_weeks=draw(st.integers(0, 3)),
        rest_days_after_onsite=draw(st.integers(0, 2)),
    )
    return {
        "kind": draw(st.sampled_from(KINDS)),
        "minutes": draw(st.sampled_from([30, 45, 60, 90, 120, 300])),
        "now": now,
        "availability": availability,
        "caps": caps,
        "search_start": (now - timedelta(days=draw(st.integers(-3, 25)))).date(),
        "booked": booked,
        "offered": [],
        "days": draw(st.integers(1, 7)),
        "count": draw(st.integers(1, 5)),
        "window_minutes": draw(st.sampled_from([60, 90, 120])),
    }


def _starts(window: Window, minutes: int) -> list[datetime]:
    """Start times a recruiter may pick in the window: both ends and every 15 minutes."""
    latest = window.end - timedelta(minutes=minutes)
    starts, moment = [], window.start
    while moment < latest:
        starts.append(moment)
        moment += timedelta(minutes=15)
    return [*starts, latest]


def _within_hours(availability: Availability, start: datetime, end: datetime) -> bool:
    """Worked out here from the weekly hours and blocked periods, not with the module's code."""
    zone = ZoneInfo(availability.time_zone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_start.date() != local_end.date() and local_end.time() != time(0):
        return False
    inside = any(
        stretch.start <= local_start.time() and (local_end.time() <= stretch.end)
        for stretch in availability.weekly_hours.get(Weekday(local_start.weekday()), ())
    )
    clear = all(end <= b.start or b.end <= start for b in availability.blocked)
    return inside and clear


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_proposed_windows_break_nothing(scenario: dict) -> None:
    windows = propose_windows(**scenario)
    availability: Availability = scenario["availability"]
    kind, minutes, now = scenario["kind"], scenario["minutes"], scenario["now"]
    zone = ZoneInfo(availability.time_zone)
    prep = timedelta(minutes=availability.prep_for(kind))
    buffer = timedelta(minutes=availability.buffer_minutes)
    assert len(windows) <= scenario["count"]
    assert windows == sorted(windows)
    for window in windows:
        assert minutes <= window.minutes <= max(minutes, scenario["window_minutes"])
        assert window.start.astimezone(zone).date() > now.astimezone(zone).date()
        for start in _starts(window, minutes):
            end = start + timedelta(minutes=minutes)
            assert start - prep >= now
            assert _within_hours(availability, start - prep, end), (window, start)
            for other in scenario["booked"]:
                taken_from = other.start - timedelta(minutes=other.prep_minutes) - buffer
                taken_to = other.end + buffer
                assert end <= taken_from or start - prep >= taken_to, (window, start, other)
            new = Interview(
                999, 999, kind, start, minutes, prep_minutes=int(prep.total_seconds() // 60)
            )
            with_new = [*scenario["booked"], new]
            for offset in range(3):
                day = start.astimezone(zone).date() + timedelta(days=offset)
                violations = check_day(
                    day,
                    with_new,
                    caps=scenario["caps"],
                    search_start=scenario["search_start"],
                    zone=zone,
                )
                assert all(999 not in v.interview_ids for v in violations), violations
            warnings = schedule_warnings(
                with_new,
                availability=availability,
                caps=scenario["caps"],
                search_start=scenario["search_start"],
            )
            assert all(999 not in w.interview_ids for w in warnings), warnings


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_windows_are_spread_over_days_before_doubling_up(scenario: dict) -> None:
    windows = propose_windows(**scenario)
    zone = ZoneInfo(scenario["availability"].time_zone)
    days = [w.start.astimezone(zone).date() for w in windows]
    for a, b in itertools.pairwise(windows):
        assert a.end <= b.start  # the windows offered to one recruiter never overlap
    if len(set(days)) < len(days):
        # a day holds two windows only when no other day in reach had room for one
        single = propose_windows(**{**scenario, "count": len(windows) + 5})
        assert len({w.start.astimezone(zone).date() for w in single}) == len(set(days))
