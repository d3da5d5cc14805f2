"""The calendar in a real browser: the week and its navigation, warnings on the board,
windows for a recruiter with the text to copy."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ZONE, Live

pytestmark = pytest.mark.browser


def today() -> date:
    """The server's today: it runs on the real clock, in the live search's time zone."""
    return datetime.now(ZoneInfo(ZONE)).date()


def test_the_week_moves_to_the_next_one(live: Live, page: Any) -> None:
    page.goto(live.url + "/calendar")
    marked = page.locator('.week-day[aria-current="date"]')
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("today")
    heading = page.locator("#week-title")
    this_week = heading.inner_text()
    page.get_by_role("link", name="Next week →").click()
    expect(heading).not_to_have_text(this_week)
    monday = today() - timedelta(days=today().weekday()) + timedelta(days=7)
    expect(page).to_have_url(re.compile(rf"/calendar\?of={monday}$"))
    expect(page.locator('.week-day[aria-current="date"]')).to_have_count(0)
    expect(page.locator(f"#day-{monday}")).to_be_visible()
    expect(page.locator("#files-title")).to_be_visible()  # only the week was swapped
    page.get_by_role("link", name="This week").click()
    expect(heading).to_have_text(this_week)


def test_board_warnings_hide_and_an_interview_opens_its_company(live: Live, page: Any) -> None:
    day = today() + timedelta(days=1)
    # A technical screen until 11:00 eats into the preparation of a call at 10:40.
    for kind, clock in (("technical", "10:00"), ("recruiter", "10:40")):
        body = {"application_id": live.fresh_id, "kind": kind, "start": f"{day}T{clock}:00"}
        httpx.post(live.url + "/api/v1/interviews", json=body).raise_for_status()
    page.goto(live.url + "/")
    panel = page.locator("#schedule-warnings")
    expect(panel).to_contain_text("Fresh Robotics recruiter call has no time to prepare")
    panel.get_by_role("button", name="Hide these warnings until they change").click()
    expect(panel).to_be_hidden()
    page.reload()
    expect(page.locator("#schedule-warnings")).to_be_hidden()  # remembered

    page.goto(f"{live.url}/calendar?of={day}")
    column = page.locator(f"#day-{day}")
    expect(column).to_contain_text("warning")
    column.locator(".interview-entry a", has_text="Fresh Robotics technical screen").click()
    expect(page).to_have_url(re.compile(r"/companies/\d+#interview-\d+$"))
    expect(page.locator("h1")).to_contain_text("Fresh Robotics")


def test_propose_windows_and_copy_the_text(live: Live, page: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    page.goto(f"{live.url}/companies/{live.pending_company_id}")
    page.get_by_role("link", name="Propose windows to the recruiter").click()
    expect(page.get_by_label("Company")).to_have_value("Pending Labs")
    page.get_by_label("Kind of interview").select_option("technical")
    page.get_by_label("Over the next").fill("10")
    page.get_by_label("Recruiter's time zone").fill("America/New_York")
    page.get_by_role("button", name="Propose windows").click()
    text = page.locator("#offer-text")
    expect(text).to_have_value(
        re.compile(r"^Here are a few times that work for me for a 60-minute technical interview")
    )
    expect(page.locator("#offer-title")).to_contain_text("for Pending Labs, recorded as offered")
    page.get_by_role("button", name="Copy the text").click()
    expect(page.locator("#offer [data-copy-status]")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == text.input_value()
    expect(page.locator(".on-offer")).to_contain_text("Pending Labs")
