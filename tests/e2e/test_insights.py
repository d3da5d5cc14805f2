"""The insight pages in a real browser on the demo search: every chart draws, the Sankey has
its nodes, the breakdown selector redraws, the report downloads, phones and paper fit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Live

pytestmark = pytest.mark.browser

VIEWS = ("funnel", "flow", "burndown", "timelines", "breakdowns", "load", "learning")
DRAWN_MS = 20_000
# True once the page has charts and every one of them holds the SVG Plotly draws.
EVERY_CHART_DRAWN = """() => {
  const plots = [...document.querySelectorAll('[data-plotly]')];
  return plots.length > 0 && plots.every(plot => plot.querySelector('svg.main-svg'));
}"""
PAPER = 680  # px, the width app.js redraws charts at before printing


def open_insight(page: Any, live: Live, view: str) -> Any:
    page.goto(f"{live.url}/insights/{view}")
    page.wait_for_function(EVERY_CHART_DRAWN, timeout=DRAWN_MS)
    return page


@pytest.mark.parametrize("view", VIEWS)
def test_every_chart_draws(live: Live, page: Any, view: str) -> None:
    open_insight(page, live, view)
    charts = page.locator("[data-plotly]")
    assert charts.count() >= 1
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.locator("svg.main-svg").count() >= 1
        assert (chart.locator(".gtitle").text_content() or "").strip()  # every chart has its title
    assert page.locator(".numbers table").count() >= charts.count() - 1
    # The page fixture fails the test on any page error or console error.


def test_the_sankey_has_its_nodes_and_bands(live: Live, page: Any) -> None:
    open_insight(page, live, "flow")
    nodes = page.locator("[data-plotly] .sankey .sankey-node")
    assert nodes.count() >= 5
    labels = page.locator("[data-plotly] .sankey .node-label").all_text_contents()
    assert any(label.startswith("Applied (") for label in labels)
    assert page.locator("[data-plotly] .sankey .sankey-link").count() >= nodes.count() - 1
    # The table beside it names the same steps and exits.
    rows = page.locator(".numbers table").first.locator("tbody th").all_text_contents()
    assert len(rows) == nodes.count()


def test_choosing_a_breakdown_redraws_the_chart(live: Live, page: Any) -> None:
    open_insight(page, live, "breakdowns")
    page.get_by_label("Break down by").select_option("size")
    expect(page.locator("#breakdown caption")).to_have_text("By company size")
    page.wait_for_function(EVERY_CHART_DRAWN, timeout=DRAWN_MS)
    assert "Company size" in (page.locator("[data-plotly] .xtitle").text_content() or "")
    assert page.url.endswith("/insights/breakdowns?by=size")


def test_the_report_downloads_from_the_overview(live: Live, page: Any, tmp_path: Path) -> None:
    page.goto(f"{live.url}/insights")
    for view in VIEWS:
        assert page.locator(f'.insight-card a[href="/insights/{view}"]').count() == 1
    with page.expect_download() as info:
        page.get_by_role("link", name="Download report").click()
    download = info.value
    assert re.fullmatch(r"widenet-report-\d{4}-\d{2}-\d{2}\.html", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert re.search(r"<script[^>]*\ssrc=", html) is None  # Plotly inlined, nothing fetched


def test_charts_fit_a_phone(live: Live, page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for view in ("funnel", "breakdowns", "load"):
        open_insight(page, live, view)
        rights = page.eval_on_selector_all(
            "[data-plotly] svg.main-svg",
            "svgs => svgs.map(svg => svg.getBoundingClientRect().right)",
        )
        assert max(rights) <= 390, view
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, view


def test_charts_keep_titles_and_axis_labels_on_paper(live: Live, page: Any) -> None:
    open_insight(page, live, "load")
    page.pdf()  # prints for real: the print events fire and nothing may fail
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('[data-plotly] svg.main-svg')]"
        f".every(svg => Number(svg.getAttribute('width')) <= {PAPER})",
        timeout=DRAWN_MS,
    )
    for selector in (".gtitle", ".xtitle", ".ytitle", ".legend, .colorbar", ".numbers table"):
        assert page.locator(selector).first.is_visible(), selector
    assert page.locator(".tabs").is_hidden()
    assert page.locator(".modebar-container").first.is_hidden()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    page.wait_for_function(
        f"() => Number(document.querySelector('[data-plotly] svg.main-svg')"
        f".getAttribute('width')) > {PAPER}",
        timeout=DRAWN_MS,
    )
