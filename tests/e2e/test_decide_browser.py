"""The decide and offers pages in a real browser: charts drawn, the exploding-offer warning,
a rating that moves the score chart, and the copy button of a negotiation message."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Live

pytestmark = pytest.mark.browser

DRAWN_MS = 20_000  # Plotly's bundle is parsed before the first chart is drawn


def score_points(page: Any) -> int:
    page.locator("#your-view .chart .main-svg").first.wait_for(timeout=DRAWN_MS)
    count: int = page.locator("#your-view .scatterlayer .point").count()
    return count


def test_the_offers_page_draws_its_chart_and_warns_of_an_exploding_offer(
    live: Live, page: Any
) -> None:
    page.goto(live.url + "/offers")
    page.locator(".chart .main-svg").first.wait_for(timeout=DRAWN_MS)
    assert page.locator(".chart .barlayer .point").count() >= 8  # 2 offers × 4 years, stacked
    warning = page.locator(".offer-card.exploding .warning")
    expect(warning.first).to_contain_text("Exploding offer")
    expect(warning.first).to_contain_text("left to answer")


def test_a_rating_added_on_the_company_page_moves_the_score_chart(live: Live, page: Any) -> None:
    page.goto(live.url + "/decide")
    page.locator("table.matrix tbody tr.leader th a").click()
    before = score_points(page)
    assert before >= 2
    form = page.locator("form.rate-form")
    if not form.is_visible():
        page.locator("#your-view summary", has_text="Add ratings").click()
    form.get_by_label("Team").fill("1")
    form.get_by_label("After").fill("coffee with a former employee")
    form.get_by_label("Confidence").select_option("high")
    form.get_by_role("button", name="Add ratings").click()
    page.wait_for_url("**#your-view")
    page.reload()
    assert score_points(page) == before + 1
    expect(page.locator("#your-view")).to_contain_text("coffee with a former")


def test_a_negotiation_message_is_copied(live: Live, page: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live.url + "/offers")
    page.get_by_role("link", name="Negotiate").first.click()
    expect(page.locator("h1")).to_contain_text("Negotiate")
    page.locator("[data-copy]").first.click()
    expect(page.locator("[data-copy]").first).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("textarea.message-text").first.input_value()
    assert "I'll sign" in copied or "in writing" in copied
