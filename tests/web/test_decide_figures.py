"""The decide and offers charts: valid Plotly figures whose bars and points carry the numbers
of the tables."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from tests.conftest import Search
from tests.web.decide_setup import record_offer
from widenet.services import offers
from widenet.services.evaluate_views import PointView, RatingView
from widenet.web.figures import offers_figure, score_figure


def point(day: int, score: float | None, after: str) -> PointView:
    rated = (RatingView("team", "Team", 4, date(2026, 11, day), after, None, "medium", ""),)
    return PointView(date(2026, 11, day), after, None, score, 0.5, 0.5, rated)


def test_the_score_chart_has_a_point_per_scored_session() -> None:
    points = [
        point(2, None, "recruiter"),  # nothing weighted yet: no point
        point(5, 3.25, "Recruiter"),
        point(9, 4.5, "coffee with a former employee of the team"),
    ]
    figure = score_figure(points, company="Acme")
    go.Figure(figure)  # plotly validates every property
    [trace] = figure["data"]
    assert trace["x"] == ["2026-11-05", "2026-11-09"]
    assert trace["y"] == [3.25, 4.5]
    assert trace["text"][0] == "Recruiter"
    assert trace["text"][1].endswith("…")
    assert len(trace["text"][1]) == 18
    assert "coffee with a former employee of the team" in trace["hovertext"][1]
    assert figure["layout"]["yaxis"]["range"] == [0.8, 5.5]  # the fixed 1-5 scale


def test_the_offers_chart_stacks_cash_equity_and_paper(sqlite_search: Search) -> None:
    search = sqlite_search
    record_offer(search, "Acme", base="150000", rsu="200000")
    record_offer(
        search, "Zeta", base="120000", options="10000", strike="2", preferred="10",
        fully_diluted="10000000", stage="series_a_b",
        deadline=search.today + timedelta(days=9),
    )  # fmt: skip
    [group] = search(lambda s: offers.compare_offers(s, search.moment)).groups
    figure = offers_figure(group)
    go.Figure(figure)
    names = [trace["name"] for trace in figure["data"]]
    assert names == [
        "Acme: cash", "Acme: equity, risk-adjusted",  # RSUs: paper = risk-adjusted, no hatch
        "Zeta: cash", "Zeta: equity, risk-adjusted", "Zeta: on paper only",
    ]  # fmt: skip
    by_name = {trace["name"]: trace for trace in figure["data"]}
    for row in group.rows:
        company = row.valued.view.company.name
        for index, year in enumerate(row.valued.valuation.years):
            cash = by_name[f"{company}: cash"]
            equity = by_name[f"{company}: equity, risk-adjusted"]
            assert cash["y"][index] == float(year.cash.major)
            assert equity["base"][index] == cash["y"][index]  # stacked on the cash
            top = equity["base"][index] + equity["y"][index]
            assert top == pytest.approx(float(year.total.major))
    paper = by_name["Zeta: on paper only"]
    zeta = group.rows[1].valued.valuation.years[0]
    assert paper["base"][0] + paper["y"][0] == pytest.approx(float(zeta.total_paper.major))
    assert {trace["offsetgroup"] for trace in figure["data"]} == {"0", "1"}  # side by side
