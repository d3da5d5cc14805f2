"""The insight pages and the analytics API: charts with their numbers as tables, a helpful
empty state, the JSON of every view, and the report as a download."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import NOW, Search
from tests.web.conftest import Web, build
from widenet.config import sqlite_url
from widenet.services import interviews, tracking
from widenet.services.demo import build as build_demo
from widenet.track.model import InterviewKind, Source
from widenet.track.stages import Stage
from widenet.web.charts import PLOTLY_JS

VIEWS = ("funnel", "flow", "burndown", "timelines", "breakdowns", "load", "learning")
PAGES = ["/insights", *(f"/insights/{view}" for view in VIEWS)]
#: Charts each page draws on a search with everything in it.
CHARTS = {"funnel": 2, "flow": 1, "burndown": 1, "timelines": 3, "breakdowns": 1, "load": 2,
          "learning": 2}  # fmt: skip
REMOTE_SCRIPT = re.compile(r"<script[^>]*\ssrc\s*=\s*[\"']?\s*(https?:)?//", re.I)


class Tables(HTMLParser):
    """Every table of a page as {caption: [[cell text, ...], ...]} (header row first)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._caption is not None:
            self.tables[self._caption.strip()] = self._rows
            self._caption = None

    def handle_data(self, data: str) -> None:
        if self._in_caption and self._caption is not None:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)


def table(html: str, caption: str) -> dict[str, list[str]]:
    """The rows of the table captioned ``caption``, by their first cell."""
    rows = Tables(html).tables[caption]
    return {row[0]: row[1:] for row in rows[1:]}


def charts_of(html: str) -> list[str]:
    return re.findall(r"<figure class=\"chart\"[^>]*>", html)


# -- a small search with known answers -----------------------------------------------------
def known_search(search: Search) -> None:
    """Four processes whose every count is known by hand:

    - Acme: applied 5 days ago, nothing since (open);
    - Bolt: recruiter, technical, onsite, then rejected after the onsite (failed interview);
    - Crux: rejected without an answer (no response);
    - Dyno: a referral straight to the onsite, then an offer (open).
    """
    moment, today = search.moment, search.today

    def ago(days: int) -> Any:
        return today - timedelta(days=days)

    def write(store: Any) -> None:
        applications = (("Acme", 5, Source.DIRECT), ("Bolt", 20, Source.DIRECT),
                        ("Crux", 20, Source.DIRECT), ("Dyno", 12, Source.REFERRAL))  # fmt: skip
        for name, days, source in applications:
            tracking.apply_to(
                store, moment, company=name, role="Backend", on=ago(days), source=source,
                create=True,
            )  # fmt: skip
        for stage, days in (("recruiter", 18), ("technical", 15), ("onsite", 10)):
            tracking.move(store, moment, company="Bolt", stage=stage, on=ago(days))
        for kind, days, minutes, prep, rating, outcome in (
            (InterviewKind.TECHNICAL, 15, 60, 60, 4, "pass"),
            (InterviewKind.ONSITE, 10, 240, 120, 3, "fail"),
        ):
            booked = interviews.add(
                store, moment, company="Bolt", kind=kind, minutes=minutes, prep_minutes=prep,
                start=datetime.combine(ago(days), time(10), UTC),
            )  # fmt: skip
            interviews.update(store, moment, booked.interview.id,
                              {"self_rating": rating, "outcome": outcome})  # fmt: skip
        tracking.close(store, moment, company="Bolt", outcome=Stage.REJECTED,
                       reason="failed_interview", on=ago(8))  # fmt: skip
        tracking.close(store, moment, company="Crux", outcome=Stage.REJECTED,
                       reason="no_response", on=ago(5))  # fmt: skip
        tracking.move(store, moment, company="Dyno", stage="onsite", on=ago(6))
        tracking.move(store, moment, company="Dyno", stage="offer", on=ago(2))

    search(write)


@pytest.fixture(scope="module")
def demo_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """The demo search (seven weeks, every kind of chart filled), built once for the module."""
    search = Search(sqlite_url(tmp_path_factory.mktemp("insights") / "demo.db"), NOW)
    search(lambda s: build_demo(s, seed=7, today=search.today, zone=ZoneInfo("UTC")))
    app = build(search)
    yield Web(app, search)
    app.state.database.dispose()
    search.database.dispose()


# -- pages ---------------------------------------------------------------------------------
@pytest.mark.parametrize("view", VIEWS)
def test_each_page_draws_its_charts_with_their_numbers(demo_web: Web, view: str) -> None:
    response = demo_web.get(f"/insights/{view}")
    assert response.status_code == 200
    html = response.text
    assert f'<script src="{PLOTLY_JS}" defer></script>' in html
    figures = charts_of(html)
    assert len(figures) == CHARTS[view]
    assert html.count("data-plotly") == CHARTS[view]
    ids = set(re.findall(r'<table class="table compact" id="([^"]+)"', html))
    for figure in figures:
        described = re.search(r'aria-describedby="([^"]+)"', figure)
        assert described, f"{view}: a chart without its table: {figure}"
        assert set(described[1].split()) <= ids
    assert 'href="/insights" aria-current="page"' in html  # the main navigation
    assert f'href="/insights/{view}" aria-current="page"' in html  # the tab


def test_the_overview_links_every_view_and_the_report(demo_web: Web) -> None:
    html = demo_web.get("/insights").text
    for view in VIEWS:
        assert f'href="/insights/{view}"' in html
    assert 'href="/insights/report.html" download' in html
    assert "43 applications, 5 reached an offer" in html  # the demo's funnel (product.md)
    assert "data-plotly" not in html


@pytest.mark.parametrize("url", PAGES)
def test_an_empty_search_gets_a_helpful_empty_state(sqlite_web: Web, url: str) -> None:
    response = sqlite_web.get(url)
    assert response.status_code == 200
    html = response.text
    assert "to show yet" in html
    assert 'href="/applications/new"' in html or 'href="/interviews"' in html
    assert "make demo" in html
    assert "data-plotly" not in html
    assert PLOTLY_JS not in html  # nothing to draw, nothing to load


def test_interview_pages_say_what_is_missing_when_there_are_only_applications(
    sqlite_web: Web,
) -> None:
    search = sqlite_web.search
    search(lambda s: tracking.apply_to(s, search.moment, company="Acme", role="Backend",
                                       create=True))  # fmt: skip
    assert len(charts_of(sqlite_web.get("/insights/funnel").text)) == 2
    for view in ("load", "learning"):
        html = sqlite_web.get(f"/insights/{view}").text
        assert "No interviews to show yet" in html
        assert 'href="/interviews"' in html


def test_the_tables_hold_the_numbers_of_a_known_search(sqlite_web: Web) -> None:
    known_search(sqlite_web.search)
    funnel = sqlite_web.get("/insights/funnel").text
    reached = table(funnel, "Applications reaching each stage")
    # stage: reached, had this step, skipped it, conversion
    assert reached == {
        "Applied": ["4", "4", "0", "—"],
        "Recruiter": ["2", "1", "1", "50%"],  # the referral skipped it
        "Technical": ["2", "1", "1", "100%"],
        "Onsite": ["2", "2", "0", "100%"],  # Bolt's rejection after it keeps it here
        "Offer": ["1", "1", "0", "50%"],
    }
    left = Tables(funnel).tables["Where processes stopped (furthest stage reached), and how"]
    head, rows = left[0], {row[0]: row[1:] for row in left[1:]}
    assert head == ["Furthest stage", "Rejected: no response", "Rejected: failed interview",
                    "Still open", "Total"]  # fmt: skip
    assert rows["Applied"] == ["1", "0", "1", "2"]
    assert rows["Onsite"] == ["0", "1", "0", "1"]
    assert rows["Offer"] == ["0", "0", "1", "1"]

    bands = Tables(sqlite_web.get("/insights/flow").text).tables["Bands of the flow"]
    assert ["Applied", "Onsite", "1"] in bands
    assert ["Applied", "No response", "1"] in bands
    assert ["Onsite", "Rejected", "1"] in bands

    source = table(sqlite_web.get("/insights/breakdowns").text, "By source channel")
    assert source == {
        "Direct": ["3", "1", "1", "0", "33%"],
        "Referral": ["1", "1", "1", "1", "100%"],
    }

    load = table(sqlite_web.get("/insights/load").text, "Hours per week")
    assert sum(float(row[3]) for row in load.values()) == 8  # (60+60 + 240+120) minutes

    learning = sqlite_web.get("/insights/learning").text
    assert "“Rated 3 or 4” matched “passed” in 50% of 2 interviews." in learning
    ratings = table(learning, "Self-rating against outcome, interviews of every kind")
    assert ratings["3"][:3] == ["0", "1", "0%"]
    assert ratings["4"][:3] == ["1", "0", "100%"]


def test_burndown_counts_each_day(sqlite_web: Web) -> None:
    known_search(sqlite_web.search)
    days = table(sqlite_web.get("/insights/burndown").text,
                 "Open applications by stage at the end of each day")  # fmt: skip
    today = sqlite_web.search.today
    assert len(days) == 21  # the first application 20 days ago, to today
    # Today: Acme at applied, Dyno at offer; Bolt and Crux closed.
    assert days[today.isoformat()][-2:] == ["2", "2"]
    first = days[(today - timedelta(days=20)).isoformat()]
    assert first[-2:] == ["2", "0"]  # Bolt and Crux applied, nothing closed yet


def test_the_breakdown_selector(sqlite_web: Web) -> None:
    known_search(sqlite_web.search)
    full = sqlite_web.get("/insights/breakdowns?by=size")
    assert '<option value="size" selected>' in full.text
    assert "By company size" in Tables(full.text).tables
    partial = sqlite_web.get("/insights/breakdowns?by=market", htmx=True)
    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert 'id="breakdown"' in partial.text
    assert list(Tables(partial.text).tables) == ["By market"]
    assert len(charts_of(partial.text)) == 1
    assert "HX-Request" in partial.headers["vary"]
    bad = sqlite_web.get("/insights/breakdowns?by=horoscope")
    assert bad.status_code == 422
    assert "horoscope" in bad.text
    assert "source, size, valuation, market, role" in bad.text


def test_the_funnel_can_show_every_kind_of_step(demo_web: Web) -> None:
    main = table(demo_web.get("/insights/funnel").text, "Applications reaching each stage")
    every = table(
        demo_web.get("/insights/funnel?stages=all").text, "Applications reaching each stage"
    )
    assert "Hiring manager" not in main
    assert set(main) < set(every)
    assert demo_web.get("/insights/funnel?stages=some").status_code == 422


def test_user_text_in_tables_and_charts_is_escaped(sqlite_web: Web) -> None:
    search = sqlite_web.search
    payload = "<script>alert(1)</script>"
    search(lambda s: tracking.apply_to(s, search.moment, company=payload, role=payload,
                                       create=True))  # fmt: skip
    html = sqlite_web.get("/insights/timelines").text
    assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # in the tables, as text
    assert "\\u003cscript\\u003ealert(1)" in html  # in the chart data, inert


# -- the report ----------------------------------------------------------------------------
@pytest.mark.parametrize("filled", [True, False], ids=["demo", "empty"])
def test_the_report_downloads_as_one_self_contained_file(
    demo_web: Web, sqlite_web: Web, filled: bool
) -> None:
    web = demo_web if filled else sqlite_web
    response = web.get("/insights/report.html")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="widenet-report-{web.search.today}.html"'
    html = response.text
    assert html.startswith("<!DOCTYPE html>")
    assert REMOTE_SCRIPT.search(html) is None
    assert "<script src=" not in html  # Plotly is inlined, nothing is fetched
    assert len(html) > 1_000_000
    assert ("43 applications" in html) is filled


def test_remote_script_pattern_catches_what_it_should() -> None:
    for bad in ('<script src="https://cdn.plot.ly/x.js">', "<script defer src=http://x/y.js>",
                '<script src="//cdn.example/x.js">'):  # fmt: skip
        assert REMOTE_SCRIPT.search(bad), bad
    assert REMOTE_SCRIPT.search('<script src="/assets/plotly.min.js">') is None


# -- the API -------------------------------------------------------------------------------
def test_the_api_gives_each_view_as_json(web: Web) -> None:
    known_search(web.search)
    funnel = web.api("GET", "/analytics/funnel").json()
    assert funnel["applications"] == 4
    assert [row["reached"] for row in funnel["rows"]] == [4, 2, 2, 2, 1]
    assert funnel["rows"][0]["rejected"]["no_response"] == 1
    assert funnel["rows"][3]["rejected"]["failed_interview"] == 1
    assert [row["still_open"] for row in funnel["rows"]] == [1, 0, 0, 0, 1]

    flow = web.api("GET", "/analytics/flow").json()
    keys = [node["key"] for node in flow["nodes"]]
    bands = {(keys[k["source"]], keys[k["target"]]): k["value"] for k in flow["links"]}
    assert bands == {
        ("applied", "recruiter"): 1,
        ("applied", "onsite"): 1,
        ("applied", "exit:no_response"): 1,
        ("applied", "exit:open"): 1,
        ("recruiter", "technical"): 1,
        ("technical", "onsite"): 1,
        ("onsite", "exit:rejected"): 1,
        ("onsite", "offer"): 1,
        ("offer", "exit:open"): 1,
    }

    timelines = web.api("GET", "/analytics/timelines").json()
    applied = next(row for row in timelines["stage_times"] if row["stage"] == "applied")
    assert applied["median_days"] == 6  # Bolt 2, Dyno 6, Crux 15 days; Acme still there
    bolt = next(bar for bar in timelines["applications"] if bar["company"] == "Bolt")
    assert [(s["stage"], s["days"]) for s in bolt["segments"]] == [
        ("applied", 2), ("recruiter", 3), ("technical", 5), ("onsite", 2)]  # fmt: skip

    by_source = web.api("GET", "/analytics/breakdowns?by=source").json()
    assert len(by_source["dimensions"]) == 1
    rows = {row["key"]: row for row in by_source["dimensions"][0]["rows"]}
    assert (rows["referral"]["applications"], rows["referral"]["offers"]) == (1, 1)
    assert len(web.api("GET", "/analytics/breakdowns").json()["dimensions"]) == 5

    load = web.api("GET", "/analytics/load").json()
    assert sum(day["hours"] for day in load["days"]) == 8
    assert sum(day["interviews"] for day in load["days"]) == 2

    learning = web.api("GET", "/analytics/learning").json()
    assert [(a["order"], a["outcome"]) for a in learning["attempts"]] == [(1, "pass")]
    assert learning["agreement"] == 0.5

    burndown = web.api("GET", "/analytics/burndown").json()
    assert burndown["open_total"][-1] == 2
    everything = web.api("GET", "/analytics").json()
    assert everything["funnel"] == funnel
    assert everything["start"] == (web.search.today - timedelta(days=20)).isoformat()


def test_the_api_on_an_empty_search(sqlite_web: Web) -> None:
    for view in VIEWS:
        response = sqlite_web.api("GET", f"/analytics/{view}")
        assert response.status_code == 200, view
        assert response.headers["content-type"] == "application/json"
    assert sqlite_web.api("GET", "/analytics/funnel").json()["applications"] == 0
    assert sqlite_web.api("GET", "/analytics/flow").json()["nodes"] == []
    assert sqlite_web.api("GET", "/analytics/load").json()["days"] == []


@pytest.mark.parametrize(
    ("url", "field"),
    [("/analytics/breakdowns?by=horoscope", "by"), ("/analytics/load?weeks=0", "weeks"),
     ("/analytics/funnel?all_stages=perhaps", "all_stages")],
)  # fmt: skip
def test_bad_parameters_get_a_problem_naming_them(sqlite_web: Web, url: str, field: str) -> None:
    response = sqlite_web.api("GET", url)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_the_api_reference_lists_the_analytics(sqlite_web: Web) -> None:
    html = sqlite_web.get("/api/docs").text
    for view in VIEWS:
        assert f"/api/v1/analytics/{view}" in html
