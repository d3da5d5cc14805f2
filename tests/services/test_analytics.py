"""Seeing the search through the services, on a real database (SQLite, and PostgreSQL)."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Search
from widenet.analytics.breakdowns import Dimension
from widenet.analytics.funnel import FunnelRow
from widenet.errors import Conflict, InvalidInput
from widenet.services import analytics, interviews, tracking
from widenet.services.demo import build
from widenet.services.tracking import Moment
from widenet.storage.repo import Store
from widenet.track.model import Application, InterviewKind, Outcome, Source
from widenet.track.stages import PROGRESS, RejectReason, Stage

TODAY = date(2026, 12, 3)
ZONE = ZoneInfo("America/Los_Angeles")
MAIN = (Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE, Stage.OFFER)
OUTCOMES = (Stage.WITHDRAWN, Stage.GHOSTED, Stage.DECLINED, Stage.ACCEPTED)


def with_demo(search: Search) -> Search:
    """The demo search (seed 7), seen at the end of its last day."""
    search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE))
    return search.at(datetime.combine(TODAY, time(18, 0), tzinfo=ZONE))


@pytest.fixture
def demo(search: Search) -> Search:
    """The demo search on every backend."""
    return with_demo(search)


def count_funnel(apps: list[Application], rows: tuple[Stage, ...]) -> dict[Stage, Counter[str]]:
    """The funnel counted straight from the stored events, without the analytics module."""
    counts: dict[Stage, Counter[str]] = {stage: Counter() for stage in rows}
    for app in apps:
        furthest = max(PROGRESS.index(e.stage) for e in app.events if e.stage in PROGRESS)
        for stage in rows:
            if furthest >= PROGRESS.index(stage):
                counts[stage]["reached"] += 1
            if any(e.stage is stage for e in app.events):
                counts[stage]["entered"] += 1
        # The row where the process ended: the last shown stage not beyond its furthest.
        ending = [s for s in rows if PROGRESS.index(s) <= furthest][-1]
        last = app.events[-1]
        if last.stage is Stage.REJECTED:
            counts[ending][f"rejected:{last.reason}"] += 1
        elif last.stage.is_terminal:
            counts[ending][last.stage.value] += 1
        else:
            counts[ending]["open"] += 1
    return counts


def funnel_counts(row: FunnelRow) -> Counter[str]:
    """The same keys from a row of the service's funnel."""
    found: Counter[str] = Counter()
    found["reached"] = row.reached
    found["entered"] = row.entered
    for reason, n in row.rejected.items():
        found[f"rejected:{reason.value}"] = n
    for outcome in OUTCOMES:
        found[outcome.value] = getattr(row, outcome.value)
    found["open"] = row.still_open
    return +found  # drop zeros, as the independent count never makes them


def test_the_demo_funnel_equals_counts_made_from_its_events(demo: Search) -> None:
    apps = demo(lambda s: s.applications())
    assert all(e.on <= TODAY for a in apps for e in a.events)  # nothing to cut at today
    expected = count_funnel(apps, MAIN)
    result = demo(lambda s: analytics.funnel(s, demo.moment))
    assert result.applications == len(apps) == 43
    assert result.stages == MAIN
    for row in result.rows:
        assert funnel_counts(row) == +expected[row.stage], row.stage
    reached = [row.reached for row in result.rows]
    assert [row.conversion for row in result.rows[1:]] == [
        b / a for a, b in itertools.pairwise(reached)
    ]


def test_the_demo_funnel_reads_like_the_real_search(demo: Search) -> None:
    """product.md: 43 -> 25 -> 12 -> 9 -> 5, and where the others left."""
    result = demo(lambda s: analytics.funnel(s, demo.moment))
    assert [row.reached for row in result.rows] == [43, 25, 12, 9, 5]
    applied, recruiter, technical, onsite, offer = result.rows
    silent = RejectReason.NO_RESPONSE
    assert applied.rejected[silent] == 7
    assert (applied.rejected_total - applied.rejected[silent], applied.withdrawn) == (7, 4)
    assert (recruiter.rejected_total, recruiter.withdrawn) == (2, 11)
    assert (technical.rejected_total, technical.withdrawn) == (2, 1)
    assert (onsite.rejected_total, onsite.withdrawn) == (0, 4)
    assert offer.declined + offer.accepted + offer.still_open == 5


def test_all_stages_adds_the_optional_steps_someone_had(demo: Search) -> None:
    apps = demo(lambda s: s.applications())
    used = {e.stage for a in apps for e in a.events if e.stage in PROGRESS}
    result = demo(lambda s: analytics.funnel(s, demo.moment, all_stages=True))
    assert result.stages == tuple(s for s in PROGRESS if s in used or s in MAIN)
    assert len(result.stages) > len(MAIN)  # the demo has a hiring manager and a take-home
    expected = count_funnel(apps, result.stages)
    for row in result.rows:
        assert funnel_counts(row) == +expected[row.stage], row.stage


def test_each_part_is_the_part_of_the_whole(demo: Search) -> None:
    """The one-part services load less but give what the full analysis gives."""
    moment = demo.moment
    whole = demo(lambda s: analytics.search_analytics(s, moment))
    parts = {
        "flow": demo(lambda s: analytics.flow(s, moment)),
        "burndown": demo(lambda s: analytics.burndown(s, moment)),
        "timelines": demo(lambda s: analytics.timelines(s, moment)),
        "breakdowns": demo(lambda s: analytics.breakdowns(s, moment)),
        "load": demo(lambda s: analytics.interview_load(s, moment)),
        "learning": demo(lambda s: analytics.learning_curve(s, moment)),
    }
    for name, part in parts.items():
        assert part.to_json() == getattr(whole, name).to_json(), name
    assert whole.today == TODAY
    assert whole.load.start == whole.start  # weeks of the load count from the first application


def test_an_empty_search_gives_empty_results(search: Search) -> None:
    moment = search.moment
    funnel = search(lambda s: analytics.funnel(s, moment))
    assert funnel.applications == 0
    assert [row.reached for row in funnel.rows] == [0] * 5
    assert search(lambda s: analytics.flow(s, moment)).links == ()
    assert search(lambda s: analytics.burndown(s, moment)).days == ()
    assert search(lambda s: analytics.timelines(s, moment)).applications == ()
    assert all(not b.rows for b in search(lambda s: analytics.breakdowns(s, moment)).dimensions)
    load = search(lambda s: analytics.interview_load(s, moment, weeks=2))
    assert (load.start, load.days, load.weeks) == (None, (), ())
    learning = search(lambda s: analytics.learning_curve(s, moment))
    assert (learning.attempts, learning.agreement) == ((), None)
    html = search(lambda s: analytics.report_html(s, moment))
    assert "no applications yet" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("source", Dimension.SOURCE),
        ("Size", Dimension.SIZE_BAND),
        ("size_band", Dimension.SIZE_BAND),
        ("valuation", Dimension.VALUATION_BAND),
        (" market ", Dimension.MARKET),
        ("role", Dimension.ROLE_FAMILY),
        ("role-family", Dimension.ROLE_FAMILY),
    ],
)
def test_breakdown_words(text: str, expected: Dimension) -> None:
    assert analytics.parse_dimension(text) is expected


@pytest.mark.parametrize("text", ["", "colour", "sizes"])
def test_an_unknown_breakdown_names_the_choices(text: str) -> None:
    with pytest.raises(InvalidInput, match="source, size, valuation, market, role") as caught:
        analytics.parse_dimension(text)
    assert caught.value.field == "by"


def apply(search: Search, company: str, *, on: date, source: Source = Source.DIRECT) -> None:
    def action(store: Store) -> object:
        return tracking.apply_to(
            store, search.moment, company=company, role="Backend", source=source, on=on, create=True
        )

    search(action)


def move(search: Search, company: str, stage: str, *, on: date) -> None:
    search(lambda s: tracking.move(s, search.moment, company=company, stage=stage, on=on))


def test_a_breakdown_by_source_counts_what_each_channel_led_to(search: Search) -> None:
    today = search.today
    for name, source, steps in (
        ("Acme", Source.REFERRAL, ["onsite", "offer"]),
        ("Beta", Source.DIRECT, ["recruiter"]),
        ("Gamma", Source.DIRECT, []),
        ("Delta", Source.DIRECT, []),
    ):
        apply(search, name, on=today - timedelta(days=20), source=source)
        for i, stage in enumerate(steps):
            move(search, name, stage, on=today - timedelta(days=9 - i))
    search(
        lambda s: tracking.close(
            s, search.moment, company="Gamma", outcome=Stage.REJECTED, reason="skills_mismatch"
        )
    )
    result = search(lambda s: analytics.breakdowns(s, search.moment, by=Dimension.SOURCE))
    assert [b.dimension for b in result.dimensions] == [Dimension.SOURCE]
    rows = {row.key: row for row in result.dimensions[0].rows}
    direct, referral = rows["direct"], rows["referral"]
    # A rejection e-mail is not a channel working: only Beta's call is a response.
    assert (direct.applications, direct.responses, direct.onsites, direct.offers) == (3, 1, 0, 0)
    assert direct.response_rate == pytest.approx(1 / 3)
    assert (referral.applications, referral.responses, referral.onsites, referral.offers) == (
        1,
        1,
        1,
        1,
    )


def add_interview(search: Search, company: str, start: datetime, kind: InterviewKind) -> None:
    search(
        lambda s: interviews.add(
            s, search.moment, company=company, kind=kind, start=start, minutes=60, prep_minutes=30
        )
    )


def complete_latest(search: Search, company: str, rating: int, outcome: Outcome) -> None:
    search(
        lambda s: interviews.complete(
            s, search.moment, interview=company, self_rating=rating, outcome=outcome
        )
    )


def test_load_falls_on_the_users_days_and_keeps_the_last_weeks(search: Search) -> None:
    zone = ZoneInfo("America/Los_Angeles")
    search.at(datetime(2026, 11, 20, 12, 0, tzinfo=zone))
    first = date(2026, 10, 23)  # a Friday: the search's weeks run Friday to Thursday
    apply(search, "Acme", on=first)
    # 23:30 in Los Angeles is the next day in UTC; the user's calendar says Tuesday.
    late = datetime(2026, 11, 17, 23, 30, tzinfo=zone)
    add_interview(search, "Acme", late, InterviewKind.TECHNICAL)
    add_interview(search, "Acme", datetime(2026, 10, 26, 10, 0, tzinfo=zone), InterviewKind.OTHER)
    load = search(lambda s: analytics.interview_load(s, search.moment))
    assert load.start == first
    busy = {day.day: day.hours for day in load.days if day.hours}
    assert busy == {date(2026, 11, 17): 1.5, date(2026, 10, 26): 1.5}
    assert [week.start for week in load.weeks] == [first + timedelta(weeks=w) for w in range(5)]

    last = search(lambda s: analytics.interview_load(s, search.moment, weeks=2))
    assert [week.start for week in last.weeks] == [date(2026, 11, 13), date(2026, 11, 20)]
    assert last.days[0].day == date(2026, 11, 13)
    assert last.days[-1].day == load.days[-1].day
    assert {day.day for day in last.days if day.hours} == {date(2026, 11, 17)}
    assert last.start == first  # the weeks keep their numbers
    everything = search(lambda s: analytics.interview_load(s, search.moment, weeks=50))
    assert everything == load
    with pytest.raises(InvalidInput) as caught:
        search(lambda s: analytics.interview_load(s, search.moment, weeks=0))
    assert caught.value.field == "weeks"


def test_learning_counts_technical_interviews_held_by_the_users_today(search: Search) -> None:
    zone = ZoneInfo("Asia/Tokyo")
    now = datetime(2026, 11, 20, 9, 0, tzinfo=zone)  # still 19 November in UTC
    search.at(now)
    apply(search, "Acme", on=date(2026, 11, 1))
    for days_ago, rating, outcome in ((10, 2, Outcome.FAIL), (3, 3, Outcome.PASS)):
        start = datetime.combine(now.date() - timedelta(days=days_ago), time(10), tzinfo=zone)
        add_interview(search, "Acme", start, InterviewKind.TECHNICAL)
        complete_latest(search, "Acme", rating, outcome)
    # This morning is held; tomorrow morning is not, though in UTC it is still today.
    add_interview(search, "Acme", now.replace(hour=8), InterviewKind.TECHNICAL)
    add_interview(search, "Acme", now.replace(hour=8) + timedelta(days=1), InterviewKind.TECHNICAL)
    curve = search(lambda s: analytics.learning_curve(s, search.moment))
    assert [a.outcome for a in curve.attempts] == [Outcome.FAIL, Outcome.PASS, Outcome.UNKNOWN]
    assert curve.today == now.date()
    assert (curve.judged, curve.agreement) == (2, 1.0)


def test_the_report_is_written_once_and_replaced_only_when_forced(
    sqlite_search: Search, tmp_path: Path
) -> None:
    demo = with_demo(sqlite_search)
    moment: Moment = demo.moment
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "search.html"
    written = demo(lambda s: analytics.save_report(s, moment, target, title="Ada's search"))
    assert written == target.resolve()
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Ada&#x27;s search" in html
    assert "43 applications" in html

    target.write_text("my own notes", encoding="utf-8")
    with pytest.raises(Conflict, match="already exists") as caught:
        demo(lambda s: analytics.save_report(s, moment, target))
    assert "--force" in (caught.value.hint or "")
    assert target.read_text(encoding="utf-8") == "my own notes"

    target.chmod(0o640)
    demo(lambda s: analytics.save_report(s, moment, target, force=True))
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in folder.iterdir()] == ["search.html"]  # no temporary left


@pytest.mark.parametrize(
    ("name", "message"),
    [(".", "is a folder"), ("missing/search.html", "does not exist")],
)
def test_a_report_path_that_cannot_be_written_is_explained(
    sqlite_search: Search, tmp_path: Path, name: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        sqlite_search(lambda s: analytics.save_report(s, sqlite_search.moment, tmp_path / name))
    assert caught.value.field == "output"
