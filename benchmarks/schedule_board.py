"""The board with the schedule's warnings, against the board alone, on a large search.

A SQLite search of 10,000 applications (2,500 companies) with 11,400 past interviews, and
either a busy month ahead (60 upcoming interviews, two a day) or a stress case (600). Baseline
in the same run: `tracking.board` (the board without warnings). Target: for the busy month,
the warnings add under 10% to the board.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from _util import ROOT, machine, table

sys.path.insert(0, str(ROOT / "src"))

from widenet.services import schedule, tracking
from widenet.services.tracking import Moment
from widenet.storage.engine import Database
from widenet.storage.repo import Store

APPLICATIONS = 10_000
PAST_INTERVIEWS = 11_400
UPCOMING = (60, 600)
RUNS = 5
NOW = datetime(2026, 11, 20, 17, tzinfo=UTC)
KINDS = ["recruiter", "hiring_manager", "technical", "onsite"]


def build(store: Store, rng: random.Random, *, upcoming_count: int) -> None:
    companies = store.bulk_insert(
        "companies",
        [{"name": f"Company {i:04d}", "name_key": f"company {i:04d}"} for i in range(2500)],
    )
    applied = [date(2026, 6, 1) + timedelta(days=rng.randint(0, 150)) for _ in range(APPLICATIONS)]
    apps = store.bulk_insert(
        "applications",
        [
            {
                "company_id": companies[i % 2500],
                "role": f"Engineer {i}",
                "source": "direct",
                "applied_on": day,
            }
            for i, day in enumerate(applied)
        ],
    )
    store.bulk_insert(
        "stage_events",
        [
            {"application_id": a, "stage": "applied", "on": d}
            for a, d in zip(apps, applied, strict=True)
        ],
        ids=False,
    )
    past = [
        NOW - timedelta(days=rng.randint(1, 170), hours=rng.randint(0, 8))
        for _ in range(PAST_INTERVIEWS)
    ]
    upcoming = [
        NOW + timedelta(days=rng.randint(1, 28), hours=rng.randint(-8, 0))
        for _ in range(upcoming_count)
    ]
    store.bulk_insert(
        "interviews",
        [
            {
                "application_id": rng.choice(apps),
                "uid": f"bench-{n}@widenet",
                "kind": rng.choice(KINDS),
                "start": start,
                "minutes": 60,
                "prep_minutes": 30,
            }
            for n, start in enumerate(past + upcoming)
        ],
        ids=False,
    )


def _once(database: Database, user_id: int, action: Callable[[Store], Any]) -> tuple[float, Any]:
    with database.session() as session:
        start = time.perf_counter()
        result = action(Store(session, user_id))
        return time.perf_counter() - start, result


def measure(folder: Path, upcoming: int) -> tuple[float, float, int]:
    """Best of RUNS for each, the two interleaved so that load from elsewhere hits both."""
    moment = Moment(now=NOW)
    database = Database.open(f"sqlite+pysqlite:///{folder / f'bench-{upcoming}.db'}")
    user_id = database.user_id()
    with database.session() as session:
        build(Store(session, user_id), random.Random(7), upcoming_count=upcoming)
    alone, both, warnings = [], [], 0
    for _ in range(RUNS + 1):  # the first round warms the caches and is dropped
        alone.append(_once(database, user_id, lambda s: tracking.board(s, moment))[0])
        took, result = _once(database, user_id, lambda s: schedule.board(s, moment))
        both.append(took)
        warnings = len(result.warnings)
    database.dispose()
    return min(alone[1:]), min(both[1:]), warnings


def main() -> int:
    rows, verdict = [], True
    with tempfile.TemporaryDirectory() as folder:
        for upcoming in UPCOMING:
            alone, both, warnings = measure(Path(folder), upcoming)
            extra = both / alone - 1
            if upcoming == UPCOMING[0]:
                verdict = extra < 0.10
            rows.append(
                [upcoming, f"{alone * 1000:.0f}", f"{both * 1000:.0f}", f"{extra:+.0%}", warnings]
            )
    print(f"Board with schedule warnings · {machine()} · best of {RUNS} interleaved runs")
    header = ["upcoming interviews", "board alone ms", "board + warnings ms", "added", "warnings"]
    print(table("", header, rows))
    return 0 if verdict else 1


if __name__ == "__main__":
    raise SystemExit(main())
