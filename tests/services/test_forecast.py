"""Forecasting the stored search, on a real database (SQLite, and PostgreSQL when there is one).

The small search below is counted by hand: which processes are open, where, since when, and
what the person's track record says per stage kind.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Search
from widenet.errors import InvalidInput
from widenet.forecast import Departure, ForecastParams, OpenApplication, StageRecord, Waiting
from widenet.forecast.search import SAME_DAY
from widenet.services import forecast as service
from widenet.services import interviews, offers, plan, tracking
from widenet.services.demo import build
from widenet.services.offer_terms import OfferTerms
from widenet.services.tracking import Moment
from widenet.storage.repo import Store
from widenet.track.model import InterviewKind, Outcome, SizeBand, Source
from widenet.track.stages import Stage

EXAMPLE_PARAMS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "forecast-params.json"
RUNS = 2_000


def ago(search: Search, days: int) -> date:
    return search.today - timedelta(days=days)


def at(search: Search, days: int) -> datetime:
    """Ten in the morning, ``days`` days from today (negative: before)."""
    return datetime.combine(search.today + timedelta(days=days), time(10), tzinfo=UTC)


def small_search(search: Search) -> None:
    """Seven companies, three processes still open (technical, applied, offer)."""

    def record(s: Store) -> None:
        moment = search.moment
        for name, size, excitement in (
            ("Acme", "large", 4),
            ("Birch", "small", 2),
            ("Cedar", None, None),
            ("Dune", "huge", 5),
            ("Elm", "medium", 3),
            ("Fig", "medium", 1),
            ("Grove", "large", 3),
        ):
            tracking.add_company(s, name=name, size_band=size, excitement=excitement)

        def apply(name: str, days: int, source: Source = Source.DIRECT) -> None:
            on = ago(search, days)
            tracking.apply_to(s, moment, company=name, role="Backend", on=on, source=source)

        def move(name: str, stage: str, days: int) -> None:
            tracking.move(s, moment, company=name, stage=stage, on=ago(search, days))

        def close(name: str, outcome: Stage, days: int, reason: str = "") -> None:
            tracking.close(
                s, moment, company=name, outcome=outcome, reason=reason, on=ago(search, days)
            )

        def interview(name: str, kind: InterviewKind, days: int) -> None:
            interviews.add(s, moment, company=name, kind=kind, start=at(search, days))

        apply("Acme", 30)
        move("Acme", "recruiter", 20)
        interview("Acme", InterviewKind.RECRUITER, -20)
        move("Acme", "technical", 6)
        interview("Acme", InterviewKind.TECHNICAL, -6)
        interview("Acme", InterviewKind.ONSITE, 3)  # booked, not held: no practice yet
        apply("Birch", 12, source=Source.REFERRAL)
        apply("Cedar", 40)
        move("Cedar", "recruiter", 35)
        interview("Cedar", InterviewKind.RECRUITER, -35)
        close("Cedar", Stage.REJECTED, 30, reason="failed interview")
        apply("Dune", 25)
        for stage, days, kind in (
            ("recruiter", 22, InterviewKind.RECRUITER),
            ("technical", 18, InterviewKind.TECHNICAL),
            ("onsite", 10, InterviewKind.ONSITE),
        ):
            move("Dune", stage, days)
            interview("Dune", kind, -days)
        move("Dune", "offer", 3)
        terms = OfferTerms(
            base="180000", offer_date=ago(search, 3), deadline=search.today + timedelta(days=7)
        )
        offers.add_offer(s, moment, company="Dune", terms=terms)
        apply("Elm", 50)
        close("Elm", Stage.GHOSTED, 20)
        apply("Fig", 45)
        move("Fig", "recruiter", 40)
        close("Fig", Stage.WITHDRAWN, 38)
        apply("Grove", 60)
        close("Grove", Stage.REJECTED, 30, reason="no response")

    search(record)


@pytest.fixture
def small(search: Search) -> Search:
    small_search(search)
    return search


def test_the_search_is_read_from_the_store(small: Search) -> None:
    found = small(lambda s: service.search_of(s, small.moment))
    assert found.today == small.today
    by_company = {app.label.split(" — ")[0]: app for app in found.applications}
    assert set(by_company) == {"Acme", "Birch", "Dune"}  # the closed ones are history
    # Acme's onsite is booked: the technical screen is passed, the onsite begins in 3 days.
    expected = {
        "Acme": OpenApplication("", Stage.ONSITE, 0, SizeBand.LARGE, 4, False, starts_in_days=3),
        "Birch": OpenApplication("", Stage.APPLIED, 12, SizeBand.SMALL, 2, True),
        "Dune": OpenApplication("", Stage.OFFER, 3, SizeBand.HUGE, 5, False, offer_days_left=7),
    }
    for name, want in expected.items():
        got = by_company[name]
        assert got.label == f"{name} — Backend"
        assert got.application_id is not None
        assert (got.stage, got.days_in_stage, got.size, got.excitement, got.referral) == (
            want.stage,
            want.days_in_stage,
            want.size,
            want.excitement,
            want.referral,
        )
        assert got.offer_days_left == want.offer_days_left
        assert got.starts_in_days == want.starts_in_days
    # Passed: every kind before the furthest (and Acme's technical screen, its onsite booked);
    # rejected or no answer at the furthest (a rejection "no response" is no answer). Waiting
    # without an answer: Birch for 12 days, Fig for 2 until she withdrew. From Dune's onsite
    # (10 days ago) she eliminates: Acme's recruiter step and Dune's onsite were left since,
    # neither withdrawn. Interviews held before now, whatever the process became.
    assert dict(found.history.stages) == {
        Stage.APPLIED: StageRecord(passed=4, ghosted=2, waiting=(Waiting(12.0, SizeBand.SMALL),)),
        Stage.RECRUITER: StageRecord(
            passed=2,
            rejected=1,
            interviews=3,
            waiting=(Waiting(2.0, SizeBand.MEDIUM),),
            departures=(Departure(False, 4),),
        ),
        Stage.TECHNICAL: StageRecord(passed=2, interviews=2),
        Stage.ONSITE: StageRecord(passed=1, interviews=1, departures=(Departure(False, 5),)),
    }


def answered(search: Search, outcome: Outcome) -> None:
    """Acme at its technical screen, held 4 days ago and marked with ``outcome``."""

    def record(s: Store) -> None:
        moment = search.moment
        tracking.add_company(s, name="Acme", size_band="large", excitement=4)
        tracking.apply_to(s, moment, company="Acme", role="Backend", on=ago(search, 20))
        tracking.move(s, moment, company="Acme", stage="technical", on=ago(search, 4))
        view = interviews.add(
            s, moment, company="Acme", kind=InterviewKind.TECHNICAL, start=at(search, -4)
        )
        interviews.complete(s, moment, interview=str(view.interview.id), outcome=outcome)

    search(record)


def test_a_passed_interview_moves_the_process_on(search: Search) -> None:
    answered(search, Outcome.PASS)
    found = search(lambda s: service.search_of(s, search.moment))
    (app,) = found.applications
    assert (app.stage, app.days_in_stage) == (Stage.ONSITE, 4)  # waiting since the pass
    assert found.history.at(Stage.TECHNICAL).passed == 1
    assert found.history.at(Stage.TECHNICAL).waiting == ()


def test_a_failed_interview_ends_the_process(search: Search) -> None:
    answered(search, Outcome.FAIL)
    found = search(lambda s: service.search_of(s, search.moment))
    assert found.applications == ()
    assert found.history.at(Stage.TECHNICAL).rejected == 1


def test_a_passed_last_interview_is_an_offer_to_come(search: Search) -> None:
    answered(search, Outcome.PASS)
    search(
        lambda s: tracking.move(s, search.moment, company="Acme", stage="onsite", on=ago(search, 2))
    )

    def onsite(s: Store) -> None:
        view = interviews.add(
            s, search.moment, company="Acme", kind=InterviewKind.ONSITE, start=at(search, -2)
        )
        interviews.complete(
            s, search.moment, interview=str(view.interview.id), outcome=Outcome.PASS
        )

    search(onsite)
    view = forecast(search)
    (app,) = view.applications
    assert app.stage is Stage.OFFER
    assert app.p_offer == 1.0


def test_a_company_of_unknown_size_is_taken_as_medium(search: Search) -> None:
    search(lambda s: tracking.add_company(s, name="Nameless"))
    search(
        lambda s: tracking.apply_to(
            s, search.moment, company="Nameless", role="Backend", on=ago(search, 2)
        )
    )
    (app,) = search(lambda s: service.search_of(s, search.moment)).applications
    assert app.size is service.UNKNOWN_SIZE is SizeBand.MEDIUM
    assert (app.stage, app.days_in_stage, app.excitement) == (Stage.APPLIED, 2, None)


def test_what_a_recruiter_said_replaces_the_defaults(search: Search) -> None:
    def record(s: Store) -> None:
        for name in ("Told", "Quiet"):
            tracking.add_company(s, name=name, size_band="large")
            tracking.apply_to(s, search.moment, company=name, role="Backend", on=ago(search, 3))
        plan.record_timeline(
            s, search.moment, company="Told", stages=["applied=2", "onsite=0"], deadline=4
        )

    search(record)
    found = search(lambda s: service.search_of(s, search.moment)).applications
    told, quiet = sorted(found, key=lambda app: app.label, reverse=True)
    assert told.median_days == {Stage.APPLIED: 2.0, Stage.ONSITE: SAME_DAY}
    assert told.offer_deadline_days == 4
    assert (quiet.median_days, quiet.offer_deadline_days) == (None, None)


def forecast(search: Search, **options: object) -> service.ForecastView:
    options.setdefault("runs", RUNS)
    return search(lambda s: service.forecast_search(s, search.moment, **options))  # type: ignore[arg-type]


def test_the_same_seed_gives_the_same_forecast(small: Search) -> None:
    first = forecast(small, seed=11).to_json()
    assert forecast(small, seed=11).to_json() == first
    assert forecast(small, seed=12).to_json() != first
    assert first["settings"] == {
        "seed": 11,
        "added": 0,
        "window_days": None,
        "decide_within_days": None,
        "params": None,
    }


@pytest.mark.parametrize(("days", "only_in_hand"), [(0, True), (2, True), (60, False)])
def test_deciding_soon_after_the_first_offer_keeps_only_the_offers_in_hand(
    small: Search, days: int, only_in_hand: bool
) -> None:
    # Dune's offer came three days ago: deciding within three days of it means today.
    view = forecast(small, decide_within=days)
    assert view.decide_within == days
    assert (view.forecast.offers.pmf[1] == 1.0) is only_in_hand
    if only_in_hand:
        assert view.forecast.p_two_open == 0.0


def test_the_forecast_answers_for_every_open_application(small: Search) -> None:
    view = forecast(small)
    assert next(app.label for app in view.applications) == "Dune — Backend"  # the offer in hand
    assert view.forecast.offers.p_at_least[1] == 1.0  # Dune's offer is there in every future
    for app in view.applications:
        ways = app.p_offer + app.p_no_answer + app.p_rejected + app.p_withdrawn
        assert math.isclose(ways, 1.0, abs_tol=1e-9), app.label
    data = view.to_json()
    assert [row["label"] for row in data["applications"]] == [a.label for a in view.applications]
    assert data["typical_added"] is None
    # What if the window were today: only the offer in hand counts.
    today_only = forecast(small, window_days=0)
    assert today_only.forecast.offers.pmf[1] == 1.0
    assert today_only.to_json()["window_days"] == 0
    # What if six typical applications went out today.
    wider = forecast(small, add=6)
    assert wider.added == 6
    assert wider.typical is not None
    assert wider.typical.hypothetical
    assert wider.typical.stage is Stage.APPLIED
    assert len(wider.applications) == len(view.applications)  # the real ones only
    assert len([a for a in wider.forecast.applications if a.hypothetical]) == 6
    assert wider.forecast.offers.mean > view.forecast.offers.mean
    wide_data = wider.to_json()
    assert wide_data["settings"]["added"] == 6
    assert wide_data["typical_added"]["hypothetical"] is True
    assert all(not row["hypothetical"] for row in wide_data["applications"])


def test_the_view_names_each_company_and_the_kind_of_application_added(small: Search) -> None:
    view = forecast(small)
    companies = small(lambda s: {c.name: c.id for c in s.companies()})
    named = {app.label.split(" — ")[0]: app.application_id for app in view.applications}
    assert {name: view.company_ids[app_id or 0] for name, app_id in named.items()} == {
        name: companies[name] for name in ("Acme", "Birch", "Dune")
    }
    # The typical kind: the open processes' most common size (each is alone: the first band
    # in order, small), their median excitement (2, 4, 5 -> 4), no referral, applied today.
    kind = view.typical_kind
    assert kind is not None
    assert (kind.size, kind.excitement, kind.referral) == (SizeBand.SMALL, 4, False)
    assert (kind.stage, kind.days_in_stage, kind.hypothetical) == (Stage.APPLIED, 0, True)


def test_an_empty_search_still_answers(search: Search) -> None:
    view = forecast(search)
    assert view.applications == ()
    assert view.typical is None
    assert view.forecast.offers.mean == 0.0
    assert view.forecast.offers.pmf[0] == 1.0
    wide = view.forecast.how_wide
    assert wide is not None
    assert wide.points[0].p_two_open == 0.0
    enough = wide.smallest[0.8]
    assert enough is not None
    assert enough > 0
    assert view.company_ids == {}
    assert view.typical_kind is not None
    assert view.typical_kind.size is SizeBand.MEDIUM  # nothing to go by: the middle band


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"runs": 0}, "runs"),
        ({"runs": service.MAX_RUNS + 1}, "runs"),
        ({"seed": -1}, "seed"),
        ({"add": -1}, "add"),
        ({"add": service.MAX_ADD + 1}, "add"),
        ({"window_days": -1}, "window"),
    ],
)
def test_bad_settings_are_refused_by_name(
    sqlite_search: Search, options: dict[str, int], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        forecast(sqlite_search, **options)
    assert caught.value.field == field


def test_the_parameters_file_is_read_and_used(sqlite_search: Search) -> None:
    small_search(sqlite_search)
    params = service.read_params(EXAMPLE_PARAMS)
    view = forecast(sqlite_search, params=params, params_source=EXAMPLE_PARAMS.name)
    judged = {row.stage: row.judged_by for row in view.forecast.calibration}
    assert judged[Stage.ONSITE] == "fixed"  # the example fixes the onsite's pass probability
    assert view.to_json()["settings"]["params"] == "forecast-params.json"


def test_a_bad_parameters_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text('{"stages": {"onsite": {"bar": 9}}}', encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        service.read_params(path)
    assert caught.value.field == "params"
    assert "mine.json" in caught.value.message
    assert [p.field for p in caught.value.problems] == ["stages.onsite.bar"]
    with pytest.raises(InvalidInput, match="no such file") as missing:
        service.read_params(tmp_path / "absent.json")
    assert missing.value.field == "params"


# -- the demo search ---------------------------------------------------------------------------
DEMO_TODAY = date(2026, 12, 3)
ZONE = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def demo(search: Search) -> Search:
    search(lambda s: build(s, seed=7, today=DEMO_TODAY, zone=ZONE))
    return search.at(datetime.combine(DEMO_TODAY, time(18), tzinfo=ZONE))


def test_the_demo_search_forecast(demo: Search) -> None:
    history = demo(lambda s: service.search_of(s, demo.moment)).history
    # product.md: 43 applications, 25 reached a recruiter call; 7 got no answer, 7 rejected.
    applied = history.at(Stage.APPLIED)
    assert (applied.passed, applied.rejected, applied.ghosted) == (25, 7, 7)
    assert len(applied.waiting) == 4  # the four withdrawn before an answer
    first = forecast(demo, add=5, seed=3).to_json()
    assert forecast(demo, add=5, seed=3).to_json() == first
    held = [row for row in first["applications"] if row["stage"] == "offer"]
    assert held
    assert all(row["p_offer"] == 1.0 for row in held)
    # Three weeks before its end the demo search has processes at every step.
    demo.moment = Moment(now=demo.moment.now - timedelta(days=21))
    view = forecast(demo)
    assert len({app.stage for app in view.applications}) >= 3
    assert view.forecast.offers.mean > 1
    assert sum(week.interview_hours for week in view.forecast.weeks) > 0


@pytest.mark.parametrize(
    ("window", "accepted", "counted"),
    [
        (14, False, {"Kiwi": True, "Lime": False}),  # the decision: 14 days after the offer
        (None, False, {"Kiwi": True, "Lime": False, "Mango": True}),  # she never decides
        (14, True, {"Kiwi": True}),  # the offer accepted 12 days ago is the decision
    ],
)
def test_withdrawals_at_or_after_her_decision_are_not_her_rate(
    search: Search, window: int | None, accepted: bool, counted: dict[str, bool]
) -> None:
    # The onsite 30 days ago starts the eliminating; the offer came 20 days ago. Kiwi was
    # withdrawn 15 days ago (before any decision), Lime left its recruiter step 10 days ago
    # (a pass), Mango was withdrawn 2 days ago: after the window, the decision's.
    def record(s: Store) -> None:
        moment = search.moment
        for name in ("Jade", "Kiwi", "Lime", "Mango"):
            tracking.add_company(s, name=name, size_band="medium", excitement=4)
            tracking.apply_to(s, moment, company=name, role="Backend", on=ago(search, 40))
        tracking.move(s, moment, company="Jade", stage="onsite", on=ago(search, 30))
        tracking.move(s, moment, company="Jade", stage="offer", on=ago(search, 20))
        if accepted:
            tracking.close(s, moment, company="Jade", outcome=Stage.ACCEPTED, on=ago(search, 12))
        for name, days in (("Kiwi", 15), ("Mango", 2)):
            tracking.close(s, moment, company=name, outcome=Stage.WITHDRAWN, on=ago(search, days))
        tracking.move(s, moment, company="Lime", stage="recruiter", on=ago(search, 10))

    search(record)
    params = ForecastParams.model_validate({"pruning": {"decision_window_days": window}})
    found = search(lambda s: service.search_of(s, search.moment, params=params))
    departures = [
        departure
        for stage in (Stage.APPLIED, Stage.RECRUITER)
        for departure in found.history.at(stage).departures
    ]
    assert sorted(d.withdrawn for d in departures) == sorted(counted.values())
