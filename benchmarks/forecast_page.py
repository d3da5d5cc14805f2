"""The forecast page: how long it takes to answer, by the number of simulated searches.

Target: the default (10,000 runs) answers in about a second or less on the reference machine.
Two searches: the demo on day 30 (what `make demo` opens) and a generated one with 50 open
applications. Baseline in the same run: the service call alone (`forecast_search`, what
`widenet forecast --json` computes); the page's own work (its tables, its six figures and the
template, from the service's result) is timed directly too.

Run: python benchmarks/forecast_page.py [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from _util import ROOT, machine, table

sys.path.insert(0, str(ROOT / "src"))

from fastapi.testclient import TestClient

from widenet.config import load_settings
from widenet.services import demo, forecast, tracking
from widenet.services.context import moment_for, open_store
from widenet.web.app import create_app
from widenet.web.forecast_content import content
from widenet.web.forecast_form import MAX_PAGE_RUNS, WhatIf
from widenet.web.forms import FormState

RUNS = (2_000, forecast.DEFAULT_RUNS, 20_000, 50_000, MAX_PAGE_RUNS)
TARGET_S = 1.0
STEPS = ("recruiter", "technical", "onsite")


def fifty_open(path: Path) -> None:
    """50 open applications at ten companies' worth of sizes, spread over the steps."""
    settings = load_settings(db=path, timezone="UTC")
    with open_store(settings) as store:
        moment = moment_for(settings)
        for index in range(50):
            name = f"Company {index:02d}"
            applied = moment.today - timedelta(days=5 + index % 20)
            tracking.apply_to(store, moment, company=name, role="Backend", on=applied, create=True)
            for step, stage in enumerate(STEPS[: index % 4]):
                on = min(applied + timedelta(days=3 * (step + 1)), moment.today)
                tracking.move(store, moment, company=name, stage=stage, on=on)


def median_seconds(action: Callable[[], object], *, repeat: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(path: Path, runs: int, *, repeat: int) -> tuple[float, float, float]:
    """Seconds: the page over TestClient, the service call alone, and the page's own work
    measured directly (the tables, the figures and the template, from the service's view)."""
    settings = load_settings(db=path, timezone="UTC")
    app = create_app(settings)
    client = TestClient(app, base_url="http://localhost")
    views = []

    def page() -> None:
        assert client.get(f"/forecast?runs={runs}").status_code == 200

    def service() -> None:
        with open_store(settings) as store:
            views.append(forecast.forecast_search(store, moment_for(settings), runs=runs))

    def own_work() -> None:
        view = views[-1]
        context = {
            "request": None, "csrf_token": "-", "path": "/forecast", "form": FormState(),
            "what_if": WhatIf(runs=runs), "share": "", "view": view, "shown": content(view),
            "max_runs": MAX_PAGE_RUNS, "defaults": WhatIf(),
        }  # fmt: skip
        app.state.templates.get_template("forecast.html").render(context)

    try:
        return (
            median_seconds(page, repeat=repeat),
            median_seconds(service, repeat=repeat),
            median_seconds(own_work, repeat=repeat),
        )
    finally:
        app.state.database.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    rows, default_page = [], 0.0
    with tempfile.TemporaryDirectory() as folder:
        searches = {"demo, day 30": Path(folder) / "demo.db", "50 open": Path(folder) / "50.db"}
        demo.recreate(
            searches["demo, day 30"],
            user_url=f"sqlite+pysqlite:///{Path(folder) / 'mine.db'}",
            seed=7,
            today=date.today(),
            zone=ZoneInfo("UTC"),
            day=30,
        )
        fifty_open(searches["50 open"])
        for name, path in searches.items():
            for runs in RUNS:
                page, service, own = measure(path, runs, repeat=repeat)
                rows.append((name, f"{runs:,}", f"{page:.2f}", f"{service:.2f}",
                             f"{own * 1000:.1f}"))  # fmt: skip
                if runs == forecast.DEFAULT_RUNS:
                    default_page = max(default_page, page)
    print(
        table(
            f"Forecast page, median of {repeat} requests after a warm-up, {machine()}",
            ["search", "runs", "page (s)", "service alone (s)", "page's own work (ms)"],
            rows,
        )
    )
    ok = default_page < TARGET_S
    print(f"\nDefault ({forecast.DEFAULT_RUNS:,} runs): {default_page:.2f} s at most "
          f"(target < {TARGET_S:.0f} s): {'OK' if ok else 'TOO SLOW'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
