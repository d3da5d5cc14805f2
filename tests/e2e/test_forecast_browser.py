"""The forecast page in a real browser: every chart draws, a what-if re-renders the results in
place (HTMX, no reload) and puts its settings in the address, the folded calibration draws when
opened, and the applications' table sorts by a column."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Live

pytestmark = pytest.mark.browser

DRAWN_MS = 20_000  # Plotly's bundle is parsed before the first chart is drawn
# True once every chart shown (not those in a closed <details>) holds the SVG Plotly draws.
SHOWN_CHARTS_DRAWN = """() => {
  const plots = [...document.querySelectorAll('[data-plotly]')]
    .filter(plot => !plot.closest('details:not([open])'));
  return plots.length > 0 && plots.every(plot => plot.querySelector('svg.main-svg'));
}"""
SORT_BY_NAME = re.compile(r"^application$", re.IGNORECASE)  # shown in capitals, no arrow read


def open_forecast(page: Any, live: Live, query: str = "") -> None:
    page.goto(f"{live.url}/forecast{query}")
    page.wait_for_function(SHOWN_CHARTS_DRAWN, timeout=DRAWN_MS)


def test_every_chart_draws_with_its_title(live: Live, page: Any) -> None:
    open_forecast(page, live, "?runs=4000")
    shown = page.locator("#forecast > section [data-plotly]")
    assert shown.count() == 5  # offers, offer dates, first offer, interview hours, how wide
    for index in range(shown.count()):
        chart = shown.nth(index)
        assert chart.locator("svg.main-svg").count() >= 1
        assert (chart.locator(".gtitle").text_content() or "").strip()
    assert page.locator("#forecast [data-plotly] .barlayer .point").count() >= 2
    expect(page.locator("#leverage .big")).to_have_text(re.compile(r"^([<>]?\d+)%$"))


def test_changing_add_re_renders_in_place_and_keeps_the_settings_in_the_address(
    live: Live, page: Any
) -> None:
    open_forecast(page, live, "?runs=4000")
    page.evaluate("window.stillTheSamePage = true")
    rows = page.locator("table.forecast-applications tbody.typical tr")
    assert rows.count() == 0
    add = page.get_by_label("Add applications")
    add.fill("5")
    add.press("Tab")  # the change event sends the form with HTMX
    expect(rows).to_have_count(1)
    expect(rows.first.locator("th")).to_have_text("+5 typical applications (each)")
    expect(page.locator("#forecast-settings")).to_contain_text("5 typical applications added")
    page.wait_for_function(SHOWN_CHARTS_DRAWN, timeout=DRAWN_MS)
    assert page.evaluate("window.stillTheSamePage") is True  # swapped in, not reloaded
    assert "add=5" in page.url
    assert "runs=4000" in page.url
    expect(page.get_by_label("Add applications")).to_have_value("5")
    # The address gives the same forecast on its own (a bookmark, a shared link)
    page.goto(page.url)
    expect(rows).to_have_count(1)
    assert page.evaluate("window.stillTheSamePage") is None


def test_a_bad_value_gets_its_message_without_a_reload(live: Live, page: Any) -> None:
    open_forecast(page, live, "?runs=4000")
    page.evaluate("window.stillTheSamePage = true")
    seed = page.get_by_label("Seed")
    seed.fill("-4")
    seed.press("Tab")
    expect(page.locator("#forecast-seed-error")).to_contain_text("must be at least 0")
    assert page.evaluate("window.stillTheSamePage") is True
    seed = page.get_by_label("Seed")
    seed.fill("2")
    seed.press("Enter")
    expect(page.locator("#forecast-seed-error")).to_have_count(0)
    page.wait_for_function(SHOWN_CHARTS_DRAWN, timeout=DRAWN_MS)


def test_the_folded_calibration_draws_when_opened(live: Live, page: Any) -> None:
    open_forecast(page, live, "?runs=4000")
    chart = page.locator("#calibration-details [data-plotly]")
    assert chart.locator("svg.main-svg").count() == 0  # not drawn while folded
    page.locator("#calibration-details summary").click()
    chart.locator("svg.main-svg").first.wait_for(timeout=DRAWN_MS)
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300  # drawn at the width it is shown at


def test_the_applications_sort_by_a_column(live: Live, page: Any) -> None:
    open_forecast(page, live, "?runs=4000")
    table = page.locator("table.forecast-applications")
    names = table.locator("tbody").first.locator("tr > th")
    page.get_by_role("button", name=SORT_BY_NAME).click()
    expect(table.locator("th[data-sort='text']").first).to_have_attribute("aria-sort", "descending")
    descending = names.all_text_contents()
    assert descending == sorted(descending, key=str.lower, reverse=True)
    page.get_by_role("button", name=SORT_BY_NAME).click()
    ascending = names.all_text_contents()
    assert ascending == sorted(ascending, key=str.lower)
    assert len(ascending) >= 2
