"""Figures: built from the results without error, titled and labelled, numbers carried over."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import pytest

from widenet.analytics import figures
from widenet.analytics.search import Search, SearchAnalytics, analyse
from widenet.track.model import InterviewKind, Outcome
from widenet.track.stages import Stage

from .build import company, day, interview
from .seed import seed_search

TODAY = day(60)


def seed_analytics() -> SearchAnalytics:
    apps = seed_search()
    companies = tuple(company(a.company_id, f"Company {a.company_id}") for a in apps)
    booked = (
        interview(1, InterviewKind.TECHNICAL, hour=9, outcome=Outcome.FAIL, rating=3),
        interview(1, InterviewKind.TECHNICAL, hour=14, outcome=Outcome.PASS, rating=4),
        interview(9, InterviewKind.RECRUITER, minutes=30, prep=30, outcome=Outcome.PASS),
        interview(20, InterviewKind.ONSITE, minutes=300, prep=120, outcome=Outcome.PASS, rating=2),
    )
    return analyse(Search(companies, tuple(apps), booked), today=TODAY)


SEED = seed_analytics()
EMPTY = analyse(Search(), today=TODAY)

Builder = Callable[[SearchAnalytics], go.Figure]
FIGURES: list[tuple[str, Builder, bool]] = [
    ("funnel", lambda a: figures.funnel_figure(a.funnel), True),
    ("funnel exits", lambda a: figures.funnel_exits_figure(a.funnel), True),
    ("flow", lambda a: figures.flow_figure(a.flow), False),  # a Sankey has no axes
    ("burndown", lambda a: figures.burndown_figure(a.burndown), True),
    ("timelines", lambda a: figures.timeline_figure(a.timelines), True),
    ("stage times", lambda a: figures.stage_times_figure(a.timelines), True),
    ("reply times", lambda a: figures.reply_times_figure(a.timelines), True),
    ("breakdown", lambda a: figures.breakdown_figure(a.breakdowns.dimensions[0]), True),
    ("load heatmap", lambda a: figures.load_heatmap_figure(a.load), True),
    ("weekly load", lambda a: figures.weekly_load_figure(a.load), True),
    ("learning", lambda a: figures.learning_figure(a.learning), True),
    ("ratings", lambda a: figures.ratings_figure(a.learning), True),
]


@pytest.mark.parametrize(("name", "build", "has_axes"), FIGURES, ids=[f[0] for f in FIGURES])
@pytest.mark.parametrize("analytics", [SEED, EMPTY], ids=["seed", "empty"])
def test_figure_is_titled_and_labelled(
    name: str, build: Builder, has_axes: bool, analytics: SearchAnalytics
) -> None:
    fig = build(analytics)
    assert fig.layout.title.text, name
    if has_axes:
        assert fig.layout.xaxis.title.text, name
        assert fig.layout.yaxis.title.text, name
    fig.to_json()  # serialisable: Plotly validated every property


@pytest.mark.parametrize(("name", "build", "_"), FIGURES, ids=[f[0] for f in FIGURES])
def test_empty_search_shows_an_empty_state_not_an_error(name: str, build: Builder, _: bool) -> None:
    fig = build(EMPTY)
    assert any("yet" in (note.text or "") for note in fig.layout.annotations), name
    assert not any(trace.x is not None and len(trace.x) for trace in fig.data), name


def test_funnel_figure_shows_the_reached_counts() -> None:
    (trace,) = figures.funnel_figure(SEED.funnel).data
    assert list(trace.y) == ["Applied", "Recruiter", "Technical", "Onsite", "Offer"]
    assert list(trace.x) == [43, 25, 12, 9, 5]


def test_exits_figure_stacks_every_exit_and_nothing_else() -> None:
    fig = figures.funnel_exits_figure(SEED.funnel)
    withdrawn = next(t for t in fig.data if t.name == "Withdrawn")
    assert list(withdrawn.x) == [4, 11, 1, 4, 0]
    assert sum(sum(t.x) for t in fig.data) == 43
    assert "Ghosted" not in {t.name for t in fig.data}  # nobody was ghosted


def test_flow_figure_links_carry_the_counts_for_hover() -> None:
    (sankey,) = figures.flow_figure(SEED.flow).data
    assert list(sankey.link.value) == [link.value for link in SEED.flow.links]
    assert "Applied (43)" in sankey.node.label
    assert "%{value}" in sankey.link.hovertemplate


def test_burndown_figure_stacks_the_open_counts() -> None:
    fig = figures.burndown_figure(SEED.burndown)
    recruiter = next(t for t in fig.data if t.name == "Recruiter")
    assert list(recruiter.y) == list(SEED.burndown.open_by_stage[Stage.RECRUITER])
    assert {t.stackgroup for t in fig.data} == {"open"}


def test_timeline_has_a_bar_per_application() -> None:
    fig = figures.timeline_figure(SEED.timelines)
    applied = next(t for t in fig.data if t.name == "Applied")
    assert len(set(applied.y)) == 43
    assert fig.layout.xaxis.type == "date"


def test_load_heatmap_puts_hours_on_the_right_day_and_marks_days_over_the_cap() -> None:
    fig = figures.load_heatmap_figure(SEED.load)
    heatmap, marks = fig.data
    # Day 1 (16 Oct 2026, a Friday): two technical screens of 60 minutes in week 1.
    friday = list(heatmap.y).index("Fri")
    week = list(heatmap.x).index("2026-10-12")
    assert heatmap.z[friday][week] == 2.0
    assert list(zip(marks.x, marks.y, strict=True)) == [("2026-10-12", "Fri")]


def test_learning_figure_draws_the_trend_and_its_band() -> None:
    fig = figures.learning_figure(SEED.learning)
    trend = next(t for t in fig.data if (t.name or "").startswith("Smoothed"))
    assert list(trend.y) == [p.mean for p in SEED.learning.trend]
    assert any(t.fill == "tonexty" for t in fig.data)


def test_ratings_figure_counts_passes_and_fails_per_rating() -> None:
    fig = figures.ratings_figure(SEED.learning)
    passed = next(t for t in fig.data if t.name == "Passed")
    failed = next(t for t in fig.data if t.name == "Failed")
    assert (list(passed.y), list(failed.y)) == ([0, 1, 0, 1], [0, 0, 1, 0])
