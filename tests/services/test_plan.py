"""Planning the stored search, on a real database (SQLite, and PostgreSQL when there is one).

The small search below is read by hand: who is on the list, who is under way since when,
what is booked, what a recruiter said, and who is not planned at all.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.conftest import Search
from widenet.errors import Infeasible, InvalidInput, NotFound
from widenet.plan import Booking, Capacity, Prospect, UnderWay
from widenet.schedule.availability import Availability, Hours, Weekday
from widenet.schedule.caps import DailyCaps
from widenet.services import contacts, interviews, schedule, tracking
from widenet.services import plan as service
from widenet.services.plan_problem import capacity_of, search_problem
from widenet.services.plan_views import Bar, PlanView
from widenet.storage.repo import Store
from widenet.track.model import ContactRole, InterviewKind, SizeBand
from widenet.track.stages import Stage

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "plan-problem.json"
TODAY = date(2026, 11, 20)  # tests.conftest.NOW
FAST = 5.0


def day(month: int, number: int) -> date:
    return date(2026, month, number)


def at(on: date, hour: int = 10) -> datetime:
    return datetime.combine(on, time(hour), tzinfo=UTC)


def small_search(search: Search) -> None:
    """Two companies on the list, one early process, one under way, one closed, one quiet."""

    def record(s: Store) -> None:
        moment = search.moment
        for name, size, excitement in (
            ("Amber", "small", 2),
            ("Basalt", None, None),
            ("Cobalt", "large", 4),
            ("Delta", "huge", 5),
            ("Ember", "medium", 3),
            ("Flint", "medium", 3),
        ):
            tracking.add_company(s, name=name, size_band=size, excitement=excitement)
        contacts.add(s, name="Kim Friend", role=ContactRole.REFERRER, company="Basalt")
        tracking.apply_to(s, moment, company="Cobalt", role="Backend", on=day(11, 10))
        tracking.move(s, moment, company="Cobalt", stage="recruiter", on=day(11, 15))
        interviews.add(
            s,
            moment,
            company="Cobalt",
            kind=InterviewKind.TECHNICAL,
            start=at(day(11, 25)),
            minutes=60,
            prep_minutes=60,
        )
        tracking.apply_to(s, moment, company="Delta", role="Backend", on=day(11, 1))
        tracking.move(s, moment, company="Delta", stage="recruiter", on=day(11, 5))
        tracking.move(s, moment, company="Delta", stage="technical", on=day(11, 12))
        interviews.add(
            s,
            moment,
            company="Delta",
            kind=InterviewKind.ONSITE,
            start=at(day(12, 2), 9),
            minutes=300,
            prep_minutes=120,
        )
        tracking.apply_to(s, moment, company="Ember", role="Backend", on=day(11, 1))
        tracking.close(s, moment, company="Ember", outcome=Stage.REJECTED, on=day(11, 10))
        tracking.apply_to(s, moment, company="Flint", role="Backend", on=day(10, 20))
        # What Amber's recruiter said, twice: the later statement revises the technical step.
        service.record_timeline(
            s, moment, company="Amber", stages=["recruiter=5", "technical=7"], deadline=10,
            on=day(11, 12), note="first call",
        )  # fmt: skip
        service.record_timeline(
            s, moment, company="Amber", stages=["phone screen=9"], on=day(11, 18)
        )

    search(record)


def test_the_problem_is_read_from_the_search(search: Search) -> None:
    small_search(search)
    built = search(lambda s: search_problem(s, search.moment))
    problem = built.problem
    assert problem.companies == (
        Prospect(
            "Amber",
            2,
            SizeBand.SMALL,
            stage_days={Stage.RECRUITER: 5, Stage.TECHNICAL: 9},
            offer_deadline_days=10,  # what the recruiter said, kept by the later statement
        ),
        Prospect("Basalt", 3, SizeBand.MEDIUM, referral=True),  # unrated, unsized: defaults
        Prospect(
            "Cobalt",
            4,
            SizeBand.LARGE,
            under_way=UnderWay(
                Stage.RECRUITER, day(11, 15), (Booking(Stage.TECHNICAL, day(11, 25), 120),)
            ),
        ),
        Prospect(
            "Delta",
            5,
            SizeBand.HUGE,
            under_way=UnderWay(
                Stage.TECHNICAL, day(11, 12), (Booking(Stage.ONSITE, day(12, 2), 420),)
            ),
        ),
    )  # Ember is closed; Flint has been quiet for 31 days
    assert problem.start == day(10, 20)  # the first application
    assert problem.today == TODAY
    # the schedule's ramp: 10, 20, 30 h as product.md; a second technical a day from week 3
    assert problem.capacity == Capacity((10.0, 20.0, 30.0), (2, 3, 4), (1, 1, 2), (1,))
    assert built.states == {
        "Amber": "new",
        "Basalt": "new",
        "Cobalt": "early",
        "Delta": "under way",
    }
    assert any("ghosted: Flint" in note for note in built.notes)
    assert any("Excitement taken as 3/5" in note and "Basalt" in note for note in built.notes)
    assert any("Size taken as medium" in note and "Basalt" in note for note in built.notes)
    assert built.timelines["Amber"].offer_deadline_days == 10


def test_blocked_days_are_kept_free_in_the_plan(search: Search) -> None:
    small_search(search)

    def away(s: Store) -> None:
        schedule.block(s, search.moment, period="2026-12-24..2026-12-28", reason="holidays")
        schedule.block(s, search.moment, period="2026-12-02 14:00..15:00")

    search(away)
    built = search(lambda s: search_problem(s, search.moment))
    # Thursday, Friday and Monday; the weekend has no hours, the hour on 2 Dec leaves a day.
    assert built.problem.days_off == {day(12, 24), day(12, 25), day(12, 28)}
    assert any("kept free" in note and "Thu 24 Dec – Mon 28 Dec" in note for note in built.notes)
    view = search(lambda s: service.plan_search(s, search.moment, time_limit=FAST))
    dates = {row.on for row in view.rows}
    assert not dates & built.problem.days_off


OFFICE = Availability()
MORNINGS = Availability(
    weekly_hours={d: (Hours(time(9), time(12)),) for d in (Weekday.MONDAY, Weekday.TUESDAY)}
)


@pytest.mark.parametrize(
    ("caps", "availability", "expected"),
    [
        # product.md's ramp: two 1-hour calls a day, then 3 (one technical), then 4 (two).
        (DailyCaps(), OFFICE, Capacity((10.0, 20.0, 30.0), (2, 3, 4), (1, 1, 2), (1,))),
        # no ramp: 3 interviews a day, one technical: 2 h + 2 x 1 h, five days
        (
            DailyCaps(interviews_per_day=3, technical_per_day=1, ramp_weeks=0),
            OFFICE,
            Capacity((20.0,), (3,), (1,), (1,)),
        ),
        # two mornings of three hours: 4 h a day would be 8 h, but only 6 h are open
        (
            DailyCaps(interviews_per_day=3, technical_per_day=1, ramp_weeks=0),
            MORNINGS,
            Capacity((6.0,), (3,), (1,), (1,)),
        ),
        # longer preparation makes each technical interview 3 h
        (
            DailyCaps(technical_per_day=1, interviews_per_day=1, ramp_weeks=0, onsites_per_day=2),
            Availability(prep_minutes={InterviewKind.TECHNICAL: 120}),
            Capacity((15.0,), (1,), (1,), (2,)),
        ),
    ],
)
def test_capacity_comes_from_the_schedule_settings(
    caps: DailyCaps, availability: Availability, expected: Capacity
) -> None:
    assert capacity_of(caps, availability) == expected


def test_a_plan_is_made_compared_and_saved(search: Search) -> None:
    small_search(search)
    view = search(lambda s: service.plan_search(s, search.moment, time_limit=FAST))
    assert view.id is not None
    assert view.status in ("optimal", "feasible")
    by_name = {c.name: c for c in view.companies}
    assert set(by_name) == {"Amber", "Basalt", "Cobalt", "Delta"}
    assert by_name["Delta"].onsite_on == day(12, 2)  # booked: kept
    assert by_name["Delta"].apply_on is None
    assert by_name["Delta"].state == "under way"
    for company in view.included:
        if company.state == "new":
            assert company.apply_on is not None
            assert company.apply_on >= TODAY
    methods = [score.method for score in view.comparison]
    assert methods == ["cp-sat + refine", "cp-sat", "greedy", "day one"]
    refined, solver, rule = view.comparison[:3]
    assert solver.objective <= rule.objective  # the solver starts from the greedy plan
    assert refined.overload_hours == 0  # the refinement keeps the caps
    assert all(0 <= score.two_offers_open <= 1 for score in view.comparison)
    assert view.refinement is not None
    assert view.refinement.started_from == "cp-sat"
    assert view.refinement.objective == solver.objective
    assert view.refinement.after >= view.refinement.before
    saved = search(lambda s: service.show_plan(s, search.moment))
    assert saved.plan.to_json() == view.to_json()
    assert saved.saved_plans == 1
    assert PlanView.from_json(view.to_json()).to_json() == view.to_json()


def test_the_refinement_can_be_switched_off(sqlite_search: Search) -> None:
    small_search(sqlite_search)
    view = sqlite_search(
        lambda s: service.plan_search(s, sqlite_search.moment, time_limit=FAST, refine=False)
    )
    assert [score.method for score in view.comparison] == ["cp-sat", "greedy", "day one"]
    assert view.method == "cp-sat"
    assert view.refinement is None
    assert PlanView.from_json(view.to_json()).refinement is None


@pytest.mark.parametrize("seconds", [0.0, 601.0])
def test_the_refinement_time_is_checked(sqlite_search: Search, seconds: float) -> None:
    small_search(sqlite_search)
    with pytest.raises(InvalidInput) as error:
        sqlite_search(
            lambda s: service.plan_search(
                s, sqlite_search.moment, time_limit=FAST, refine_seconds=seconds
            )
        )
    assert error.value.problems[0].field == "refine_seconds"


def test_the_plan_is_shown_against_what_happened(search: Search) -> None:
    small_search(search)
    view = search(lambda s: service.plan_search(s, search.moment, time_limit=FAST))
    new = [c for c in view.included if c.state == "new"]
    assert new, "a company on the list is planned"
    planned = new[0]
    assert planned.apply_on is not None
    applied = planned.apply_on + timedelta(days=2)
    search.at(at(applied + timedelta(days=1), 17))
    search(
        lambda s: tracking.apply_to(
            s, search.moment, company=planned.name, role="Backend", on=applied
        )
    )
    shown = search(lambda s: service.show_plan(s, search.moment))
    row = next(v for v in shown.versus if v.company == planned.name)
    assert (row.planned_apply, row.applied_on, row.apply_late) == (
        planned.apply_on,
        applied,
        2,
    )
    assert row.standing == f"Applied since {applied.day} {applied:%b}"
    delta = [bar for bar in shown.actual_bars if bar.company == "Delta"]
    assert delta == [
        Bar("Delta", Stage.APPLIED, day(11, 1), day(11, 5)),
        Bar("Delta", Stage.RECRUITER, day(11, 5), day(11, 12)),
        Bar("Delta", Stage.TECHNICAL, day(11, 12), shown.today),
    ]
    onsite = next(v for v in shown.versus if v.company == "Delta")
    assert (onsite.onsite_on, onsite.onsite_booked) == (day(12, 2), True)


def test_replanning_keeps_the_booked_dates_and_the_saved_window(search: Search) -> None:
    small_search(search)
    first = search(lambda s: service.plan_search(s, search.moment, window_days=10, time_limit=FAST))
    later = day(11, 26)
    search.at(at(later, 17))

    def reality(s: Store) -> None:
        tracking.move(s, search.moment, company="Cobalt", stage="technical", on=day(11, 25))
        interviews.add(
            s, search.moment, company="Cobalt", kind=InterviewKind.ONSITE, start=at(day(12, 8))
        )

    search(reality)
    again = search(lambda s: service.plan_search(s, search.moment, replan=True, time_limit=FAST))
    assert again.replanned_from == first.id
    assert again.id != first.id
    assert (again.window_days, again.start, again.first_day) == (10, first.start, later)
    by_name = {c.name: c for c in again.companies}
    assert by_name["Cobalt"].onsite_on == day(12, 8)
    assert by_name["Cobalt"].state == "under way"
    assert by_name["Delta"].onsite_on == day(12, 2)
    for company in again.included:
        if company.apply_on is not None:
            assert company.apply_on >= later
    assert search(lambda s: service.show_plan(s, search.moment)).plan.id == again.id


def test_an_impossible_window_gives_the_planners_own_message(search: Search) -> None:
    small_search(search)
    from widenet.plan.solver import solve

    problem = search(
        lambda s: search_problem(s, search.moment, window_days=1, window_hard=True).problem
    )
    with pytest.raises(Infeasible) as direct:
        solve(problem, time_limit=FAST)
    with pytest.raises(Infeasible) as through:
        search(
            lambda s: service.plan_search(
                s, search.moment, window_days=1, hard_window=True, time_limit=FAST
            )
        )
    assert through.value.message == direct.value.message
    assert through.value.hint == direct.value.hint
    assert "window" in through.value.message
    assert [p.field for p in through.value.problems] == ["window_days"]
    assert search(lambda s: service.latest(s, search.moment)) is None  # nothing saved


def test_nothing_to_plan_and_nothing_to_replan_say_what_to_do(search: Search) -> None:
    with pytest.raises(InvalidInput) as empty:
        search(lambda s: service.plan_search(s, search.moment, time_limit=FAST))
    assert empty.value.field == "companies"
    assert "widenet company add" in empty.value.hint
    with pytest.raises(NotFound):
        search(lambda s: service.plan_search(s, search.moment, replan=True))
    with pytest.raises(NotFound):
        search(lambda s: service.show_plan(s, search.moment))


@pytest.mark.parametrize(
    ("stages", "deadline", "field", "words"),
    [
        (["galaxy=3"], None, "stages.galaxy", "not a step"),
        (["offer=3"], None, "stages.offer", "--deadline"),
        (["technical=soon"], None, "stages.technical", "whole number"),
        (["technical=121"], None, "stages.technical", "0 to 120"),
        (["technical"], None, "stages", "STEP=DAYS"),
        ([], None, "stages", "at least one"),
        (["technical=5"], 0, "deadline", "1 to 120"),
    ],
)
def test_a_recruiter_statement_is_checked(
    sqlite_search: Search, stages: list[str], deadline: int | None, field: str, words: str
) -> None:
    sqlite_search(lambda s: tracking.add_company(s, name="Acme"))
    with pytest.raises(InvalidInput) as error:
        sqlite_search(
            lambda s: service.record_timeline(
                s, sqlite_search.moment, company="Acme", stages=stages, deadline=deadline
            )
        )
    assert error.value.problems[0].field == field
    assert words in error.value.message


def test_a_recruiter_statement_cannot_be_dated_after_today(sqlite_search: Search) -> None:
    sqlite_search(lambda s: tracking.add_company(s, name="Acme"))
    with pytest.raises(InvalidInput) as error:
        sqlite_search(
            lambda s: service.record_timeline(
                s,
                sqlite_search.moment,
                company="Acme",
                stages=["onsite=3"],
                on=TODAY + timedelta(days=1),
            )
        )
    assert error.value.field == "on"


def test_the_timeline_says_which_days_come_from_the_recruiter(search: Search) -> None:
    small_search(search)
    found = search(lambda s: service.timeline(s, s.company_by_name("Amber")))  # type: ignore[arg-type]
    assert [s.on for s in found.statements] == [day(11, 12), day(11, 18)]
    assert found.said == {Stage.RECRUITER, Stage.TECHNICAL}
    assert found.used_days[Stage.TECHNICAL] == 9  # the later statement
    assert found.used_days[Stage.RECRUITER] == 5
    assert found.used_days[Stage.ONSITE] == 3  # the default for a small company
    assert found.current.offer_deadline_days == 10


def test_a_problem_file_is_solved_without_a_database() -> None:
    view = service.solve_problem_file(EXAMPLE, today=TODAY, time_limit=FAST)
    assert view.source == "problem file"
    assert view.id is None
    by_name = {c.name: c for c in view.companies}
    assert by_name["Umbrella"].onsite_on == day(12, 16)  # booked in the file
    assert by_name["Umbrella"].state == "under way"
    assert by_name["Globex"].included  # required in the file
    assert all(c.company_id is None for c in view.companies)
