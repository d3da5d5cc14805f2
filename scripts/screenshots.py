"""Screenshots of the web UI for the README: the board, a company page and the flow of the
demo search as it stood in its fourth week (the demo itself ends with the search done).

Run: .venv/bin/python scripts/screenshots.py   (needs Debian's Chromium at /usr/bin/chromium)
Writes docs/screenshots/board.png, company.png, insights-flow.png and forecast.png, the offers
and decision pages of the demo at its end (offers.png, decide.png), and the Plan page of the
demo on day 30 (plan.png).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.e2e.live import chromium, chromium_missing, serving  # noqa: E402

from widenet.config import load_settings, sqlite_url  # noqa: E402
from widenet.services import applications, demo, interviews, tracking  # noqa: E402
from widenet.services.context import open_store  # noqa: E402
from widenet.services.tracking import Moment  # noqa: E402
from widenet.track.model import Outcome  # noqa: E402
from widenet.web.app import create_app  # noqa: E402

ZONE = "Europe/Berlin"
END = date(2026, 11, 26)  # the demo's "today": its search ran the 48 days before
DAY = 27  # show the search on its 27th day, offers starting to arrive
OUT = ROOT / "docs" / "screenshots"


def rewind(db: Path, moment: Moment, cutoff: date) -> int:
    """Undo what happened after ``cutoff``; returns the company to show (the furthest along)."""
    settings = load_settings(db=db, timezone=ZONE)
    with open_store(settings) as store:
        for view in tracking.application_views(store, moment):
            app = view.application
            while len(app.events) > 1 and app.events[-1].on > cutoff:
                applications.undo(store, moment, app.id)
                app = applications.found(store, app.id)
            for interview in view.interviews:
                if interview.start > moment.now and interview.done:
                    changes = {"self_rating": None, "outcome": Outcome.UNKNOWN}
                    interviews.update(store, moment, interview.id, changes)
        views = tracking.application_views(store, moment)
        furthest = max(
            (v for v in views if v.status.is_open),
            key=lambda v: (v.status.furthest.rank, len(v.interviews)),
        )
        return furthest.company.id


def main() -> int:
    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        settings = load_settings(db=db, timezone=ZONE)
        zone = settings.zone
        demo.recreate(
            db, user_url=sqlite_url(Path(folder) / "mine.db"), seed=7, today=END, zone=zone
        )
        cutoff = END - timedelta(days=demo.SEARCH_DAYS - DAY)
        now = datetime.combine(cutoff, time(17, 30), tzinfo=zone)
        company_id = rewind(db, Moment(now=now), cutoff)
        app = create_app(settings, clock=lambda: now)
        OUT.mkdir(parents=True, exist_ok=True)
        with serving(app) as url, chromium() as browser:
            page = browser.new_page(viewport={"width": 1920, "height": 1000}, device_scale_factor=1)
            page.goto(url + "/")
            page.screenshot(path=str(OUT / "board.png"))
            page.goto(f"{url}/companies/{company_id}")
            page.screenshot(path=str(OUT / "company.png"), full_page=True)
            page.set_viewport_size({"width": 1400, "height": 880})
            page.goto(f"{url}/insights/flow")
            page.wait_for_selector("[data-plotly] .sankey-node")
            page.screenshot(path=str(OUT / "insights-flow.png"))
            forecast(page, url)
        app.state.database.dispose()
        deciding(Path(folder), zone=zone)
        planning(Path(folder), zone=zone)
    print(f"Wrote board.png, company.png, insights-flow.png, forecast.png, offers.png, "
          f"decide.png and plan.png in {OUT}.")  # fmt: skip
    return 0


def forecast(page: Any, url: str) -> None:
    """The top of the forecast page: the what-if controls, the headline figures, the offers."""
    page.goto(f"{url}/forecast")
    page.locator("#offers .chart .main-svg").first.wait_for(timeout=20_000)
    box = page.locator("#offers .chart").bounding_box()
    bottom = box["y"] + box["height"] + 16 if box else 1600
    clip = {"x": 0, "y": 0, "width": 1400, "height": bottom}
    page.screenshot(path=str(OUT / "forecast.png"), full_page=True, clip=clip)


def deciding(folder: Path, *, zone: Any) -> None:
    """The offers and decision pages at the end of the demo search: the offers are in."""
    db = folder / "end.db"
    demo.recreate(db, user_url=sqlite_url(folder / "mine.db"), seed=7, today=END, zone=zone)
    settings = load_settings(db=db, timezone=ZONE)
    now = datetime.combine(END, time(17, 30), tzinfo=zone)
    app = create_app(settings, clock=lambda: now)
    with serving(app) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1600, "height": 1250}, device_scale_factor=1)
        page.goto(url + "/offers")
        page.locator(".chart .main-svg").first.wait_for(timeout=20_000)
        box = page.locator(".chart").first.bounding_box()  # the cards, the table, the chart
        bottom = box["y"] + box["height"] + 16 if box else 2000
        clip = {"x": 0, "y": 0, "width": 1600, "height": bottom}
        page.screenshot(path=str(OUT / "offers.png"), full_page=True, clip=clip)
        page.goto(url + "/decide")
        page.screenshot(path=str(OUT / "decide.png"))
    app.state.database.dispose()


def planning(folder: Path, *, zone: Any) -> None:
    """The Plan page of the demo on day 30: companies still on the list, processes under way."""
    from widenet.services import plan

    db = folder / "day30.db"
    demo.recreate(db, user_url=sqlite_url(folder / "mine.db"), seed=7, today=END, zone=zone, day=30)
    settings = load_settings(db=db, timezone=ZONE)
    now = datetime.combine(END, time(17, 30), tzinfo=zone)
    with open_store(settings) as store:
        plan.plan_search(store, Moment(now=now))
    app = create_app(settings, clock=lambda: now)
    with serving(app) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1400}, device_scale_factor=1)
        page.goto(url + "/plan")
        page.locator(".chart .main-svg").first.wait_for(timeout=20_000)
        heading = page.locator("#plan-status").bounding_box()
        box = page.locator(".chart").first.bounding_box()
        top = heading["y"] - 16 if heading else 0
        bottom = box["y"] + box["height"] + 16 if box else top + 1000
        clip = {"x": 0, "y": top, "width": 1400, "height": bottom - top}
        page.screenshot(path=str(OUT / "plan.png"), full_page=True, clip=clip)
    app.state.database.dispose()


if __name__ == "__main__":
    sys.exit(main())
