"""One live server over a temporary demo search, and one browser, for the whole module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need
from tests.e2e.live import chromium, chromium_missing, serving
from widenet.config import load_settings, sqlite_url
from widenet.services import demo, interviews, tracking
from widenet.services.context import moment_for, open_store
from widenet.track.model import InterviewKind
from widenet.web.app import create_app

ZONE = "Europe/Berlin"


@dataclass
class Live:
    url: str
    browser: Any
    fresh_id: int  # an application at "applied", ready to drag
    pending_application_id: int  # applied too, with an interview that took place, not rated
    pending_company_id: int
    pending_interview_id: int


def _seed(db: Path) -> tuple[int, int, int, int]:
    """Two processes beside the demo's: one just applied, one with an interview to rate."""
    settings = load_settings(db=db, timezone=ZONE)
    moment = moment_for(settings)
    with open_store(settings) as store:
        fresh, _ = tracking.apply_to(
            store,
            moment,
            company="Fresh Robotics",
            role="Platform Engineer",
            on=moment.today - timedelta(days=3),
            create=True,
        )
        pending, _ = tracking.apply_to(
            store,
            moment,
            company="Pending Labs",
            role="Backend",
            on=moment.today - timedelta(days=6),
            create=True,
        )
        yesterday = datetime.combine(moment.today - timedelta(days=1), time(11), settings.zone)
        booked = interviews.add(
            store, moment, company="Pending Labs", kind=InterviewKind.TECHNICAL, start=yesterday
        )
    return fresh.application.id, pending.application.id, pending.company.id, booked.interview.id


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    need(not chromium_missing(), chromium_missing())
    folder = tmp_path_factory.mktemp("e2e")
    db = folder / "demo.db"
    settings = load_settings(db=db, timezone=ZONE)
    demo.recreate(
        db,
        user_url=sqlite_url(folder / "mine.db"),
        seed=7,
        today=settings.today(),
        zone=settings.zone,
    )
    ids = _seed(db)
    app = create_app(settings)
    with serving(app) as url, chromium() as browser:
        yield Live(url, browser, *ids)
    app.state.database.dispose()


@pytest.fixture
def page(live: Live) -> Iterator[Any]:
    context = live.browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []

    def console(message: Any) -> None:
        # A refused form answers 4xx on purpose, and the browser logs that; scripts errors,
        # CSP violations and server errors are what must not happen.
        if message.type == "error" and "status of 4" not in message.text:
            errors.append(message.text)

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", console)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"
