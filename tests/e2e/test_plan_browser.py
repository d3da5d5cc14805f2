"""The Plan page in a real browser: a plan made from the form draws its Gantt chart (planned
and actual bars, the window, today), and re-planning swaps in the new plan."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Live

pytestmark = pytest.mark.browser

DRAWN_MS = 20_000  # Plotly's bundle is parsed before the first chart is drawn
PLANNED_MS = 60_000  # the solver's time limit, the baselines and the simulations


def test_a_plan_is_made_drawn_and_replanned(live: Live, page: Any) -> None:
    page.goto(live.url + "/plan")
    expect(page.locator("h1")).to_have_text("Plan")
    expect(page.get_by_text("No plan yet")).to_be_visible()
    busy = page.locator("#plan-busy")
    expect(busy).to_be_hidden()
    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Make a plan").click()
    page.locator("#plan .chart .main-svg").first.wait_for(timeout=PLANNED_MS)
    expect(busy).to_be_hidden()
    expect(page.locator("#plan-status")).to_contain_text("Plan 1")
    assert page.locator("#plan .chart .barlayer .point").count() > 0  # stage bars
    assert page.locator("#plan .chart .shapelayer path").count() >= 2  # window, today
    expect(page.locator("#plan-weeks")).to_contain_text("apply to")
    expect(page.locator("#plan-compare")).to_contain_text("Everything on day one")

    page.get_by_role("button", name="Re-plan from today").click()
    expect(page.locator("#plan-status")).to_contain_text(
        "re-planned from plan 1", timeout=PLANNED_MS
    )
    page.locator("#plan .chart .main-svg").first.wait_for(timeout=DRAWN_MS)
    page.reload()  # the saved plan is the one shown
    expect(page.locator("#plan-status")).to_contain_text("Plan 2")
    page.locator("#plan .chart .main-svg").first.wait_for(timeout=DRAWN_MS)
