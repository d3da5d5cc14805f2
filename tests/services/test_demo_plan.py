"""The demo's companies still on the list: not applied to yet, the same for a seed, and the
plan on day 30 has applications to time."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.conftest import NOW, Search
from widenet.services import plan
from widenet.services.demo import build
from widenet.services.demo_data import COMPANY_NAMES
from widenet.services.demo_plan import FRIEND_INSIDE, ON_THE_LIST
from widenet.services.plan_problem import search_problem
from widenet.storage import plan_repo
from widenet.track.model import ContactRole

TODAY = date(2026, 11, 26)
ZONE = ZoneInfo("Europe/Berlin")


def test_the_list_is_new_companies_without_applications(sqlite_search: Search) -> None:
    sqlite_search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE, day=30))
    names = {name for name, _ in ON_THE_LIST}
    assert not names & set(COMPANY_NAMES)
    companies = {c.name: c for c in sqlite_search(lambda s: s.companies())}
    applied = {a.company_id for a in sqlite_search(lambda s: s.applications())}
    for name in names:
        assert companies[name].id not in applied
        assert companies[name].excitement is not None
        assert companies[name].size_band is not None
    referrers = [c for c in sqlite_search(lambda s: s.contacts()) if c.role is ContactRole.REFERRER]
    assert any(c.name == FRIEND_INSIDE for c in referrers)
    assert len(sqlite_search(plan_repo.statements)) == 1


def test_the_list_is_the_same_for_a_seed(tmp_path: Path) -> None:
    def listed(name: str, seed: int) -> list[tuple[str, int, bool]]:
        search = Search(f"sqlite+pysqlite:///{tmp_path / name}", NOW)
        search(lambda s: build(s, seed=seed, today=TODAY, zone=ZONE, day=30))
        built = search(lambda s: search_problem(s, search.moment))
        search.database.dispose()
        return [
            (p.name, p.excitement, p.referral)
            for p in built.problem.companies
            if built.states[p.name] == "new"
        ]

    first = listed("a.db", 7)
    assert first == listed("b.db", 7)
    assert len(first) == len(ON_THE_LIST)
    assert sum(referral for _, _, referral in first) == 1


def test_the_demo_on_day_30_gets_applications_to_time(sqlite_search: Search) -> None:
    sqlite_search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE, day=30))
    moment = sqlite_search.at(datetime(2026, 11, 26, 18, tzinfo=ZONE)).moment
    view = sqlite_search(lambda s: plan.plan_search(s, moment, time_limit=5))
    timed = [c for c in view.included if c.state == "new"]
    assert timed
    assert all(c.apply_on is not None and c.apply_on >= TODAY for c in timed)
    assert {c.state for c in view.companies} == {"new", "early", "under way"}
