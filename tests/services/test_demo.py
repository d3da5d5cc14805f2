"""The demo search: the real search's funnel, deterministic, never the user's database."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import NOW, Search
from widenet.config import sqlite_url
from widenet.errors import Conflict, InvalidInput
from widenet.services import demo, transfer
from widenet.services.demo import build, recreate
from widenet.storage.engine import Database
from widenet.track.stages import PROGRESS, Stage

TODAY = date(2026, 12, 3)
ZONE = ZoneInfo("America/Los_Angeles")


def _reached(search: Search) -> tuple[Counter[Stage], Counter[tuple[Stage, Stage]]]:
    """Counted straight from the events, without the product's derive module."""
    reached: Counter[Stage] = Counter()
    exits: Counter[tuple[Stage, Stage]] = Counter()
    for app in search(lambda s: s.applications()):
        ranks = [PROGRESS.index(e.stage) for e in app.events if e.stage in PROGRESS]
        furthest = PROGRESS[max(ranks)]
        for stage in PROGRESS[: max(ranks) + 1]:
            reached[stage] += 1
        exits[(furthest, app.events[-1].stage)] += 1
    return reached, exits


def test_the_demo_has_the_funnel_of_the_real_search(sqlite_search: Search) -> None:
    sqlite_search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE))
    reached, exits = _reached(sqlite_search)
    assert [
        reached[s]
        for s in (Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE, Stage.OFFER)
    ] == [43, 25, 12, 9, 5]
    withdrawn = sum(n for (_, end), n in exits.items() if end is Stage.WITHDRAWN)
    rejected = sum(n for (_, end), n in exits.items() if end is Stage.REJECTED)
    assert withdrawn > rejected - 7  # withdrawals outnumber company rejections (no-response aside)
    assert exits[(Stage.ONSITE, Stage.WITHDRAWN)] == 4


def test_the_demo_has_a_referral_that_skips_to_the_onsite(sqlite_search: Search) -> None:
    sqlite_search(lambda s: build(s, seed=11, today=TODAY, zone=ZONE))
    apps = sqlite_search(lambda s: s.applications())
    skipped = [
        a
        for a in apps
        if a.source.value == "referral"
        and [e.stage for e in a.events][:2] == [Stage.APPLIED, Stage.ONSITE]
    ]
    assert len(skipped) == 1
    interviews = sqlite_search(lambda s: s.interviews())
    rated = [i for i in interviews if i.self_rating is not None]
    assert len(rated) >= 40
    assert all(i.start.tzinfo is not None for i in interviews)


@pytest.mark.parametrize("seed", [1, 7])
def test_the_demo_is_deterministic_for_a_seed(tmp_path: Path, seed: int) -> None:
    exports = []
    for name in ("a", "b"):
        search = Search(sqlite_url(tmp_path / f"{name}.db"), NOW)
        search(lambda s: build(s, seed=seed, today=TODAY, zone=ZONE))
        moment = search.moment
        text = search(lambda s, moment=moment: transfer.export_text(s, moment, fmt="json"))
        exports.append(
            [line for line in text.splitlines() if '"at"' not in line and "exported_at" not in line]
        )
        search.database.dispose()
    assert exports[0] == exports[1]


def test_the_demo_never_overwrites_a_real_search(tmp_path: Path) -> None:
    mine = tmp_path / "mine.db"
    database = Database.open(sqlite_url(mine))
    user = database.user_id()
    from widenet.services import tracking
    from widenet.storage.repo import Store

    with database.session() as session:
        tracking.add_company(Store(session, user), name="My real company")
    database.dispose()
    with pytest.raises(Conflict, match="your own database"):
        recreate(mine, user_url=sqlite_url(mine), seed=1, today=TODAY, zone=ZONE)
    with pytest.raises(Conflict, match="not the demo"):
        recreate(mine, user_url=sqlite_url(tmp_path / "other.db"), seed=1, today=TODAY, zone=ZONE)
    path = tmp_path / "demo.db"
    recreate(path, user_url=sqlite_url(mine), seed=1, today=TODAY, zone=ZONE)
    recreate(path, user_url=sqlite_url(mine), seed=2, today=TODAY, zone=ZONE)  # replaces a demo
    assert demo.default_path(tmp_path) == tmp_path / "demo.db"


def test_a_day_of_the_search_is_the_full_search_up_to_that_day(tmp_path: Path) -> None:
    full = Search(sqlite_url(tmp_path / "full.db"), NOW)
    full(lambda s: build(s, seed=5, today=TODAY, zone=ZONE))
    cutoff = TODAY - timedelta(days=18)
    midway = Search(sqlite_url(tmp_path / "day30.db"), NOW)
    midway(lambda s: build(s, seed=5, today=cutoff, zone=ZONE, day=30))

    def events(search: Search) -> set[tuple[str, str, date]]:
        names = {c.id: c.name for c in search(lambda s: s.companies())}
        return {
            (names[a.company_id], e.stage.value, e.on)
            for a in search(lambda s: s.applications())
            for e in a.events
        }

    assert events(midway) == {e for e in events(full) if e[2] <= cutoff}
    booked = midway(lambda s: s.interviews())
    ahead = [i for i in booked if i.start.date() > cutoff]
    assert ahead, "processes in flight have their next interview booked"
    assert all(i.self_rating is None for i in ahead)
    open_now = [a for a in midway(lambda s: s.applications()) if not a.events[-1].stage.is_terminal]
    assert len(open_now) > 10
    with pytest.raises(InvalidInput, match="day"):
        midway(lambda s: build(s, seed=5, today=cutoff, zone=ZONE, day=60))
    full.database.dispose()
    midway.database.dispose()
