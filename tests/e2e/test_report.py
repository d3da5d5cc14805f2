"""The HTML report in a real browser with the network cut off: every section, every chart, the
Sankey drawn, and not one request leaving the machine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Search, need
from widenet.analytics.report import SECTIONS
from widenet.config import sqlite_url
from widenet.services import analytics
from widenet.services.demo import build

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TODAY = date(2026, 12, 3)
ZONE = ZoneInfo("Europe/Berlin")
DRAWN_MS = 20_000  # Plotly parses 4 MB of inlined JS before it draws


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    need(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def write_report(folder: Path, *, with_demo: bool) -> tuple[Path, Any]:
    """A report written by the service, and the analytics it was drawn from."""
    search = Search(sqlite_url(folder / "search.db"), datetime.combine(TODAY, time(18), ZONE))
    try:
        if with_demo:
            search(lambda s: build(s, seed=7, today=TODAY, zone=ZONE))
        path = search(lambda s: analytics.save_report(s, search.moment, folder / "search.html"))
        return path, search(lambda s: analytics.search_analytics(s, search.moment))
    finally:
        search.database.dispose()


class OfflinePage:
    """A page whose every non-file request is aborted, remembering what was attempted."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.attempted: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.attempted.append(request.url))
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    @staticmethod
    def _guard(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri(), wait_until="load")
        # Every chart has drawn once each Plotly div holds its SVG.
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.plotly-graph-div')]"
            ".every(div => div.querySelector('svg.main-svg'))",
            timeout=DRAWN_MS,
        )
        return self.page

    def online_attempts(self) -> list[str]:
        return [url for url in self.attempted if not url.startswith("file://")]


@pytest.fixture
def offline(browser: Any) -> Iterator[OfflinePage]:
    page = OfflinePage(browser)
    yield page
    page.context.close()


def test_the_report_draws_every_chart_offline(offline: OfflinePage, tmp_path: Path) -> None:
    path, result = write_report(tmp_path, with_demo=True)
    page = offline.open(path)

    assert offline.online_attempts() == []
    assert offline.attempted, "the page load itself is seen, so the listener works"
    assert offline.errors == []
    assert page.locator("section > h2").all_inner_texts() == list(SECTIONS)
    sankey = page.locator("#flow svg .sankey")
    assert sankey.count() == 1
    # The Sankey has a node per stage and exit, labelled as the analytics name them.
    labels = page.locator("#flow .sankey .sankey-node .node-label").all_text_contents()
    assert len(labels) == len(result.flow.nodes)
    assert any(label.startswith("No response") for label in labels)
    assert page.locator("#flow .sankey .sankey-link").count() == len(result.flow.links)
    assert f"{result.funnel.applications} applications" in page.locator("p.meta").inner_text()


def test_an_empty_report_says_so_without_errors(offline: OfflinePage, tmp_path: Path) -> None:
    path, _ = write_report(tmp_path, with_demo=False)
    page = offline.open(path)
    assert offline.online_attempts() == []
    assert offline.errors == []
    assert page.locator("section > h2").all_inner_texts() == list(SECTIONS)
    assert "no applications yet" in page.locator("p.meta").inner_text()
    assert page.locator("#flow svg").count() >= 1
    assert page.locator("#flow .sankey .sankey-node").count() == 0
