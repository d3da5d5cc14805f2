"""Back-test of the forecast on the demo search: built as of a day, does it foresee the end?

The demo search (seed 7) ends with 5 offers. It is built as it stood on days 20, 25, 30 and 35
and on its last day, and each time the forecast (10,000 runs, seed 1) says how many offers the
whole search ends with: the offers already come and closed (declined) plus the simulated
offers of the open processes (offers in hand included). Target: the real count inside the 90%
interval from day 25 on, and the mean within ±40% of it. The baseline in the same run is the
real count itself (the table's "real" column).

Run: python benchmarks/forecast_backtest.py [--runs N] [--days 20,25,30,35,48]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

from _util import ROOT, machine, table

sys.path.insert(0, str(ROOT / "src"))

from widenet.analytics.history import digest
from widenet.config import sqlite_url
from widenet.services import demo, forecast
from widenet.services.tracking import Moment
from widenet.storage.engine import Database
from widenet.storage.repo import Store
from widenet.track.stages import Stage

SEED = 7
TODAY = date(2026, 11, 26)
ZONE = ZoneInfo("UTC")
DAYS = (20, 25, 30, 35, demo.SEARCH_DAYS)


def real_final_count() -> int:
    """Offers in the whole demo story: every process that reached an offer by its last day."""
    with tempfile.TemporaryDirectory() as folder:
        path = demo.recreate(
            Path(folder) / "demo.db", user_url="", seed=SEED, today=TODAY, zone=ZONE
        )
        return _offers_so_far(path, TODAY, open_too=True)


def _offers_so_far(path: Path, today: date, *, open_too: bool) -> int:
    """Processes that reached an offer by ``today``: closed ones only, or open ones too."""
    database = Database.open(sqlite_url(path))
    try:
        with database.session() as session:
            store = Store(session, database.user_id())
            facts = digest(store.applications(), today=today)
    finally:
        database.dispose()
    return sum(f.furthest is Stage.OFFER and (open_too or not f.is_open) for f in facts)


def at_day(
    day: int, *, runs: int, folder: Path
) -> tuple[float, tuple[int, int], tuple[int, int], int, float]:
    """Forecast of the final offer count as of ``day``: mean, 50% and 90% intervals, the
    offers already closed, and the seconds the forecast took."""
    today = TODAY - timedelta(days=demo.SEARCH_DAYS - day)
    path = demo.recreate(
        folder / f"demo-{day}.db", user_url="", seed=SEED, today=today, zone=ZONE, day=day
    )
    closed = _offers_so_far(path, today, open_too=False)
    moment = Moment(now=datetime.combine(today, clock(18, 0), tzinfo=ZONE))
    database = Database.open(sqlite_url(path))
    try:
        with database.session() as session:
            store = Store(session, database.user_id())
            start = time.perf_counter()
            view = forecast.forecast_search(store, moment, runs=runs, seed=1)
            seconds = time.perf_counter() - start
    finally:
        database.dispose()
    offers = view.forecast.offers
    low50, high50 = _quantile(offers.pmf, 0.25), _quantile(offers.pmf, 0.75)
    low90, high90 = _quantile(offers.pmf, 0.05), _quantile(offers.pmf, 0.95)
    return (
        closed + offers.mean,
        (closed + low50, closed + high50),
        (closed + low90, closed + high90),
        closed,
        seconds,
    )


def _quantile(pmf: tuple[float, ...], q: float) -> int:
    """The smallest count whose cumulative probability reaches ``q``."""
    total = 0.0
    for count, p in enumerate(pmf):
        total += p
        if total >= q - 1e-12:
            return count
    return len(pmf) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=forecast.DEFAULT_RUNS)
    parser.add_argument("--days", default=",".join(str(d) for d in DAYS))
    args = parser.parse_args()
    days = [int(d) for d in args.days.split(",")]
    real = real_final_count()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        for day in days:
            mean, (l50, h50), (l90, h90), closed, seconds = at_day(
                day, runs=args.runs, folder=Path(name)
            )
            inside = l90 <= real <= h90
            off = (mean - real) / real
            rows.append(
                (
                    day,
                    closed,
                    f"{mean:.2f}",
                    f"{l50}–{h50}",
                    f"{l90}–{h90}",
                    real,
                    "yes" if inside else "NO",
                    f"{off:+.0%}",
                    f"{seconds:.2f}",
                )
            )
    print(f"machine: {machine()}; demo seed {SEED}; {args.runs} runs, seed 1")
    print(
        table(
            "Forecast of the demo's final offer count, as of each day",
            (
                "day",
                "closed offers",
                "expected",
                "50%",
                "90%",
                "real",
                "inside 90%",
                "mean vs real",
                "s",
            ),
            rows,
        )
    )


if __name__ == "__main__":
    main()
