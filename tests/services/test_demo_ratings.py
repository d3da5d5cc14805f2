"""The demo's ratings: views that moved through the process, questions asked, a decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.conftest import NOW, Search
from widenet.config import sqlite_url
from widenet.services import evaluate, tracking
from widenet.services.demo import build
from widenet.services.evaluate_views import QuestionsView, RatingsView
from widenet.storage import evaluate_repo
from widenet.track.stages import Stage

TODAY = date(2026, 12, 3)
ZONE = ZoneInfo("America/Los_Angeles")


def ratings_of(search: Search, company: str) -> RatingsView:
    return search(lambda s: evaluate.ratings(s, search.moment, company))


def questions_of(search: Search, company: str) -> QuestionsView:
    return search(lambda s: evaluate.questions(s, search.moment, company))


def test_the_demo_rates_every_company_past_the_recruiter_call(sqlite_search: Search) -> None:
    sqlite_search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE))
    search = sqlite_search.at(NOW.replace(year=2026, month=12, day=3))
    views = search(lambda s: tracking.application_views(s, search.moment))
    rated = {r.company for r in search(evaluate_repo.ratings)}
    past_recruiter = {
        v.company.name
        for v in views
        if v.status.furthest.rank > Stage.RECRUITER.rank
        or (v.status.furthest is Stage.RECRUITER and v.status.current is not Stage.REJECTED)
    }
    assert rated == past_recruiter
    histories = [ratings_of(search, name) for name in sorted(rated)]
    assert all(len(h.points) >= 1 for h in histories)
    onsite = [h for h in histories if any(p.after_stage == "onsite" for p in h.points)]
    assert all(len(h.points) >= 2 for h in onsite)
    falls = [c for h in histories for c in h.biggest_changes if c.delta <= -1.0]
    rises = [c for h in histories for c in h.biggest_changes if c.delta >= 0.5]
    assert any(c.after_stage == "onsite" for c in falls)  # the favourite that soured
    assert any(c.after_stage == "onsite" for c in rises)  # the company that impressed
    assert search(evaluate_repo.asked)


def test_the_demo_ends_with_a_decision_and_something_left_to_ask(sqlite_search: Search) -> None:
    sqlite_search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE))
    search = sqlite_search.at(NOW.replace(year=2026, month=12, day=3))
    view = search(lambda s: evaluate.decide(s, search.moment, runs=100))
    ranked = [row for row in view.rows if row.rank is not None]
    assert len(ranked) >= 2
    assert all(row.stage == "Offer" for row in ranked)
    assert view.leader == ranked[0].company
    unknown = [questions_of(search, row.company).suggestions for row in ranked]
    assert any(unknown)


def test_the_demo_ratings_are_the_same_for_a_seed(tmp_path: Path) -> None:
    histories = []
    for name in ("a", "b"):
        search = Search(sqlite_url(tmp_path / f"{name}.db"), NOW)
        search(lambda s: build(s, seed=3, today=TODAY, zone=ZONE))
        histories.append((search(evaluate_repo.ratings), search(evaluate_repo.asked)))
        search.database.dispose()
    assert histories[0] == histories[1]
