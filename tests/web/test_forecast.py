"""The forecast page and its API: charts with their numbers as tables, what-ifs that change the
numbers the expected way and travel in the address, messages next to bad settings, an empty
state that still says how many applications it would take, and the JSON of the forecast."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import NOW, Search
from tests.web.conftest import Web, build
from tests.web.test_insights import Tables, charts_of, table
from widenet.config import sqlite_url
from widenet.errors import InvalidInput
from widenet.services import tracking
from widenet.services.demo import build as build_demo
from widenet.services.forecast import DEFAULT_RUNS, DEFAULT_SEED
from widenet.track.model import Source
from widenet.track.stages import Stage
from widenet.web.charts import PLOTLY_JS
from widenet.web.forecast_form import MAX_PAGE_RUNS, WhatIf, parse

FAST = "runs=2000"  # enough for the directions the tests check, quick on 2 cores
PROBLEM_JSON = "application/problem+json"
ENDINGS = ("offer", "no_answer", "rejected", "withdrawn")


def small_search(search: Search) -> dict[str, int]:
    """Three open processes (one at the onsite, one at the technical screen, one just applied)
    and a closed one; returns the company id of each open one by name."""
    moment, today = search.moment, search.today

    def write(store: Any) -> dict[str, int]:
        ids = {}
        processes = (("Acme", 20, Source.DIRECT), ("Bolt", 15, Source.REFERRAL),
                     ("Crux", 3, Source.DIRECT), ("Dyno", 30, Source.DIRECT))  # fmt: skip
        for name, days, source in processes:
            view, _ = tracking.apply_to(
                store, moment, company=name, role="Backend", source=source,
                on=today - timedelta(days=days), create=True,
            )  # fmt: skip
            ids[name] = view.company.id
        for stage, days in (("recruiter", 16), ("technical", 10), ("onsite", 2)):
            tracking.move(store, moment, company="Acme", stage=stage, on=today - timedelta(days))
        tracking.move(store, moment, company="Bolt", stage="technical", on=today - timedelta(4))
        tracking.close(store, moment, company="Dyno", outcome=Stage.REJECTED,
                       reason="not_a_fit", on=today - timedelta(days=20))  # fmt: skip
        del ids["Dyno"]
        return ids

    result: dict[str, int] = search(write)
    return result


@pytest.fixture(scope="module")
def demo_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """The demo search on its day 20: many processes open at every stage."""
    search = Search(sqlite_url(tmp_path_factory.mktemp("forecast") / "demo.db"), NOW)
    search(lambda s: build_demo(s, seed=7, today=search.today, zone=ZoneInfo("UTC"), day=20))
    app = build(search)
    yield Web(app, search)
    app.state.database.dispose()
    search.database.dispose()


def field_error(html: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="forecast-{name}-error">([^<]*)</p>', html)
    return unescape(found[1]) if found else ""


def input_value(html: str, name: str) -> str:
    found = re.search(
        rf'<input id="forecast-{name}" name="{name}" type="number" value="([^"]*)"', html
    )
    assert found, f"no {name} field"
    return found[1]


def headline(html: str, key: str) -> str:
    found = re.search(
        rf'data-key="{key}"><span class="label">[^<]*</span> <span class="value">([^<]*)<', html
    )
    assert found, f"no headline {key}"
    return unescape(found[1])


def percent(value: float) -> str:
    """As the page writes a chance (the page's own rule for the ends: <1%, >99%)."""
    if 0 < value < 0.005:
        return "<1%"
    if 0.995 <= value < 1:
        return ">99%"
    return f"{value:.0%}"


# -- the page on the demo --------------------------------------------------------------------
def test_the_page_draws_every_chart_with_its_numbers(demo_web: Web) -> None:
    response = demo_web.get("/forecast")
    assert response.status_code == 200
    html = response.text
    assert f'<script src="{PLOTLY_JS}" defer></script>' in html
    assert 'href="/forecast" aria-current="page"' in html  # the main navigation
    figures = charts_of(html)
    # offers, each offer's dates, first offer by week, interview hours, how wide, calibration
    assert len(figures) == 6
    ids = set(re.findall(r'<table class="table compact" id="([^"]+)"', html))
    for figure in figures:
        described = re.search(r'aria-describedby="([^"]+)"', figure)
        assert described, f"a chart without its table: {figure}"
        assert set(described[1].split()) <= ids
    captions = set(Tables(html).tables)
    for caption in ("Chance of each number of offers", "When each offer comes",
                    "Offers week by week", "Interview hours per week ahead",
                    "Two offers open at once, with more applications",
                    "Prior and yours, per stage kind"):  # fmt: skip
        assert caption in captions
    assert '<details class="panel forecast-details" id="calibration-details">' in html


def test_the_page_answers_with_the_numbers_of_the_api(demo_web: Web) -> None:
    """The same settings give the same forecast on the page and in the JSON."""
    html = demo_web.get("/forecast?seed=5").text
    data = demo_web.api("GET", "/forecast?seed=5").json()
    offers = data["offers"]
    assert headline(html, "mean") == f"{offers['mean']:.1f}"
    assert headline(html, "p0") == percent(offers["p_zero"])
    for k in ("1", "2", "3"):
        assert headline(html, f"p{k}") == percent(offers["p_at_least"][k])
    leverage = re.search(r'<span class="big" data-value>([^<]*)</span>', html)
    assert leverage
    assert unescape(leverage[1]) == percent(data["leverage"]["p_two_open"])
    chances = table(html, "Chance of each number of offers")
    assert list(chances) == [str(k) for k in range(len(offers["pmf"]))]
    assert [row[0] for row in chances.values()] == [percent(p) for p in offers["pmf"]]
    wide = table(html, "Two offers open at once, with more applications")
    assert list(wide) == [f"+{point['extra']}" for point in data["how_wide"]["curve"]]


def test_each_open_application_links_to_its_company(demo_web: Web) -> None:
    html = demo_web.get(f"/forecast?{FAST}").text
    data = demo_web.api("GET", f"/forecast?{FAST}").json()
    rows = Tables(html).tables["Open applications, likeliest offers first"][1:]
    assert [row[0] for row in rows] == [app["label"] for app in data["applications"]]
    companies = {c["id"]: c["name"] for c in demo_web.api("GET", "/companies").json()}
    links = re.findall(
        r'<th scope="row" data-value="[^"]*"><a href="/companies/(\d+)">([^<]*)</a>', html
    )
    assert len(links) == len(rows)
    for company_id, label in links:  # "Company — Role" links to that company's page
        assert label.replace("&amp;", "&").startswith(companies[int(company_id)] + " — ")
    offers = [app["p_offer"] for app in data["applications"]]
    assert offers == sorted(offers, reverse=True) or data["applications"][0]["stage"] == "offer"


# -- what-ifs -----------------------------------------------------------------------------
def test_adding_applications_raises_the_expected_offers_and_shows_the_typical_row(
    web: Web,
) -> None:
    small_search(web.search)
    before = web.api("GET", f"/forecast?{FAST}").json()
    after = web.api("GET", f"/forecast?{FAST}&add=20").json()
    assert before["typical_added"] is None
    typical = after["typical_added"]
    assert typical["hypothetical"]
    assert typical["p_offer"] > 0
    # 20 more chances of an offer: the mean rises, the chance of none falls
    assert after["offers"]["mean"] > before["offers"]["mean"] + 10 * typical["p_offer"]
    assert after["offers"]["p_zero"] < before["offers"]["p_zero"]
    assert after["offers"]["p_at_least"]["2"] >= before["offers"]["p_at_least"]["2"]
    assert after["settings"]["added"] == 20
    html = web.get(f"/forecast?{FAST}&add=20").text
    assert "+20 typical applications (each)" in html
    assert input_value(html, "add") == "20"
    assert "20 typical applications added" in html
    assert 'href="/forecast?add=20&amp;runs=2000"' in html  # the link to share


def test_a_shorter_window_never_counts_more_offers(web: Web) -> None:
    small_search(web.search)
    every = web.api("GET", f"/forecast?{FAST}").json()
    week = web.api("GET", f"/forecast?{FAST}&window=7").json()
    assert week["window_days"] == 7
    assert every["window_days"] is None
    assert week["offers"]["mean"] <= every["offers"]["mean"]
    assert week["offers"]["p_at_least"]["1"] <= every["offers"]["p_at_least"]["1"]
    for app in every["applications"]:  # without a window every process ends one of four ways
        assert sum(app[f"p_{end}"] for end in ENDINGS) == pytest.approx(1)
    html = web.get(f"/forecast?{FAST}&window=7").text
    assert input_value(html, "window") == "7"
    assert "Only offers arriving within 7 days count." in html


def test_a_later_decision_lets_more_offers_come(web: Web) -> None:
    small_search(web.search)
    now = web.api("GET", f"/forecast?{FAST}&decide=0").json()
    later = web.api("GET", f"/forecast?{FAST}&decide=90").json()
    assert now["settings"]["decide_within_days"] == 0
    assert later["settings"]["decide_within_days"] == 90
    assert later["offers"]["mean"] > now["offers"]["mean"]
    assert later["leverage"]["p_two_open"] > now["leverage"]["p_two_open"]
    html = web.get(f"/forecast?{FAST}&decide=0").text
    assert input_value(html, "decide") == "0"


def test_the_same_seed_gives_the_same_forecast_and_another_seed_another(
    sqlite_web: Web,
) -> None:
    small_search(sqlite_web.search)
    first = sqlite_web.api("GET", f"/forecast?{FAST}&seed=3").json()
    assert sqlite_web.api("GET", f"/forecast?{FAST}&seed=3").json() == first
    other = sqlite_web.api("GET", f"/forecast?{FAST}&seed=4").json()
    assert other["offers"]["pmf"] != first["offers"]["pmf"]
    assert (first["settings"]["seed"], other["settings"]["seed"]) == (3, 4)


def test_the_page_says_which_runs_and_seed_it_used(sqlite_web: Web) -> None:
    small_search(sqlite_web.search)
    html = sqlite_web.get("/forecast").text
    assert input_value(html, "runs") == str(DEFAULT_RUNS)
    assert input_value(html, "seed") == str(DEFAULT_SEED)
    assert f"{DEFAULT_RUNS:,} simulated searches from seed {DEFAULT_SEED}" in html
    assert "The same settings give the same numbers" in html
    html = sqlite_web.get("/forecast?runs=3000&seed=9").text
    assert "3,000 simulated searches from seed 9" in html


def test_htmx_gets_the_form_and_results_only(sqlite_web: Web) -> None:
    small_search(sqlite_web.search)
    full = sqlite_web.get(f"/forecast?{FAST}&add=2")
    part = sqlite_web.get(f"/forecast?{FAST}&add=2", htmx=True)
    assert full.status_code == part.status_code == 200
    assert full.text.lstrip().lower().startswith("<!doctype html>")
    assert "<html" not in part.text
    assert "<nav" not in part.text
    assert part.text.count('<div id="forecast" class="forecast">') == 1
    assert 'hx-get="/forecast"' in part.text
    assert 'hx-push-url="true"' in part.text
    assert "+2 typical applications (each)" in part.text
    assert len(charts_of(part.text)) == len(charts_of(full.text)) > 0
    assert part.headers["vary"] == "HX-Request"


# -- bad settings ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("runs=abc", "runs", "must be a whole number (got 'abc')"),
        ("runs=0", "runs", "must be between 1 and 1,000,000 (got 0)"),
        (f"runs={MAX_PAGE_RUNS + 1}", "runs", f"must be between 1 and {MAX_PAGE_RUNS:,} here"),
        ("seed=-1", "seed", "must be at least 0 (got -1)"),
        ("add=2.5", "add", "must be a whole number (got '2.5')"),
        ("add=501", "add", "must be between 0 and 500 (got 501)"),
        ("add=99999999999999999999", "add", "is far out of range"),
        ("window=-3", "window", "must be between 0 and 3,650 (got -3)"),
        ("decide=366", "decide", "must be between 0 and 365 (got 366)"),
    ],
)
def test_a_bad_setting_gets_a_message_next_to_its_field(
    sqlite_web: Web, query: str, field: str, message: str
) -> None:
    for htmx in (False, True):
        response = sqlite_web.get(f"/forecast?{query}", htmx=htmx)
        assert response.status_code == 422
        html = response.text
        assert message in field_error(html, field)
        assert f'id="forecast-{field}" name="{field}"' in html
        assert re.search(rf'id="forecast-{field}"[^>]*aria-invalid="true"', html)
        assert "data-plotly" not in html  # nothing simulated
    others = [name for name in ("add", "decide", "window", "runs", "seed") if name != field]
    assert not any(field_error(html, name) for name in others)


def test_every_bad_setting_is_named_at_once_and_the_values_are_kept(sqlite_web: Web) -> None:
    html = sqlite_web.get("/forecast?runs=lots&seed=-2&add=3&window=").text
    assert field_error(html, "runs")
    assert field_error(html, "seed")
    assert not field_error(html, "add")
    assert input_value(html, "runs") == "lots"
    assert input_value(html, "add") == "3"


def test_a_setting_typed_with_markup_is_shown_as_text(sqlite_web: Web) -> None:
    html = sqlite_web.get("/forecast", params={"runs": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, WhatIf()),
        ({"add": "", "window": "", "runs": "", "seed": ""}, WhatIf()),
        ({"add": " 7 ", "window": "30"}, WhatIf(add=7, window=30)),
        ({"runs": "20,000", "seed": "0"}, WhatIf(runs=20_000, seed=0)),
        ({"window": "0"}, WhatIf(window=0)),
        ({"decide": "21", "window": ""}, WhatIf(decide=21)),
        ({"runs": str(MAX_PAGE_RUNS)}, WhatIf(runs=MAX_PAGE_RUNS)),
    ],
)
def test_settings_read_from_the_address(values: dict[str, str], expected: WhatIf) -> None:
    assert parse(values) == expected


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"runs": "x", "seed": "y"}, ["runs", "seed"]),
        ({"seed": "-1", "add": "600"}, ["add", "seed"]),
        ({"window": "1e3"}, ["window"]),
        ({"decide": "-1", "window": "x"}, ["decide", "window"]),
        ({"runs": str(MAX_PAGE_RUNS + 1)}, ["runs"]),
    ],
)
def test_bad_settings_name_every_field(values: dict[str, str], fields: list[str]) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(values)
    assert [problem.field for problem in caught.value.problems] == fields


@pytest.mark.parametrize(
    ("what_if", "query"),
    [
        (WhatIf(), ""),
        (WhatIf(add=5), "add=5"),
        (WhatIf(add=5, window=30, runs=2000, seed=3), "add=5&window=30&runs=2000&seed=3"),
        (WhatIf(decide=30), "decide=30"),
    ],
)
def test_the_link_to_share_leaves_out_the_defaults(what_if: WhatIf, query: str) -> None:
    assert what_if.query() == query


# -- nothing open ---------------------------------------------------------------------------
def test_an_empty_search_still_says_how_many_applications_it_would_take(sqlite_web: Web) -> None:
    response = sqlite_web.get(f"/forecast?{FAST}")
    assert response.status_code == 200
    html = response.text
    assert "Nothing in flight yet" in html
    assert 'href="/applications/new"' in html
    assert "make demo" in html
    found = re.search(
        r"With (\d+) typical applications sent today, two offers would be open at once in 80% "
        r"of the simulated searches(?: \((\d+) for 90%\))?\.",
        html,
    )
    assert found, "the empty state answers how wide to go"
    enough, more = int(found[1]), None if found[2] is None else int(found[2])
    assert 0 < enough <= (more or enough)
    data = sqlite_web.api("GET", f"/forecast?{FAST}").json()
    assert data["how_wide"]["smallest_extra"] == {"0.8": enough, "0.9": more}
    assert data["applications"] == []
    assert data["offers"]["mean"] == 0
    assert len(charts_of(html)) == 2  # how wide, and the calibration (folded)
    assert "Each open application" not in html
    # The link tries that many: the typical applications fill the page
    link = f"/forecast?add={enough}"
    assert f'href="{link}"' in html
    tried = sqlite_web.get(link + f"&{FAST}").text
    assert f"+{enough} typical applications (each)" in tried
    assert "Nothing in flight yet" not in tried


def test_a_search_with_only_closed_processes_is_empty_too(sqlite_web: Web) -> None:
    search = sqlite_web.search
    nine_days_ago = search.today - timedelta(days=9)
    search(lambda s: tracking.apply_to(s, search.moment, company="Acme", role="Backend",
                                       on=nine_days_ago, create=True))  # fmt: skip
    search(lambda s: tracking.close(s, search.moment, company="Acme",
                                    outcome=Stage.WITHDRAWN))  # fmt: skip
    html = sqlite_web.get(f"/forecast?{FAST}").text
    assert "Nothing in flight yet" in html


# -- the applications' table ---------------------------------------------------------------
def test_the_table_links_each_application_to_its_company(web: Web) -> None:
    ids = small_search(web.search)
    html = web.get(f"/forecast?{FAST}&add=1").text
    rows = table(html, "Open applications, likeliest offers first")
    assert set(rows) == {"Acme — Backend", "Bolt — Backend", "Crux — Backend",
                         "+1 typical application (each)"}  # fmt: skip
    for name, company_id in ids.items():
        assert f'<a href="/companies/{company_id}">{name} — Backend</a>' in html
    assert rows["Acme — Backend"][0] == "Onsite"
    assert rows["Bolt — Backend"][1].startswith("Onsite ")  # the step still ahead
    assert "<em>+1 typical application (each)</em>" in html  # no company to link to


def test_a_company_name_with_markup_is_escaped(sqlite_web: Web) -> None:
    search = sqlite_web.search
    search(lambda s: tracking.apply_to(s, search.moment, company="<script>alert(1)</script>",
                                       role="Backend", create=True))  # fmt: skip
    html = sqlite_web.get(f"/forecast?{FAST}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; — Backend" in html


# -- the API --------------------------------------------------------------------------------
def test_the_api_gives_the_forecast_with_its_documented_keys(web: Web) -> None:
    small_search(web.search)
    response = web.api("GET", f"/forecast?{FAST}&add=2&window=60&seed=4")
    assert response.status_code == 200
    data = response.json()
    offers = data["offers"]
    assert isinstance(offers["mean"], float)
    assert offers["pmf"]
    assert abs(sum(offers["pmf"]) - 1) < 1e-9
    assert set(offers["p_at_least"]) == {"1", "2", "3"}
    assert offers["p_at_least"]["1"] == pytest.approx(1 - offers["pmf"][0])
    assert 0 <= data["leverage"]["p_two_open"] <= 1
    assert {"first", "each", "by_week"} <= set(data["offer_dates"])
    assert len(data["applications"]) == 3
    for app in data["applications"]:  # an offer after the window's end is not counted
        assert sum(app[f"p_{end}"] for end in ENDINGS) <= 1 + 1e-9
    assert set(data["how_wide"]["smallest_extra"]) == {"0.8", "0.9"}
    assert data["runs"] == 2000
    assert data["window_days"] == 60
    assert data["settings"] == {
        "seed": 4,
        "added": 2,
        "window_days": 60,
        "decide_within_days": None,
        "params": None,
    }
    assert data["typical_added"]["hypothetical"] is True


@pytest.mark.parametrize(
    ("query", "field"),
    [("runs=0", "runs"), ("runs=abc", "runs"), (f"runs={MAX_PAGE_RUNS + 1}", "runs"),
     ("seed=-1", "seed"), ("add=501", "add"), ("window=-1", "window"),
     ("decide=-1", "decide")],
)  # fmt: skip
def test_the_api_refuses_bad_settings_as_problems(sqlite_web: Web, query: str, field: str) -> None:
    response = sqlite_web.api("GET", f"/forecast?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == 422
    assert [error["field"] for error in body["errors"]] == [field]
    assert field in body["detail"]


def test_the_api_reference_lists_the_forecast(sqlite_web: Web) -> None:
    html = sqlite_web.get("/api/docs").text
    assert "/api/v1/forecast" in html
