"""All analytics of one search at once, from the plain data a service loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo

from widenet.analytics.breakdowns import Breakdowns, breakdowns_of
from widenet.analytics.burndown import Burndown, burndown_of
from widenet.analytics.flow import Flow, flow_of
from widenet.analytics.funnel import Funnel, funnel_of
from widenet.analytics.history import digest, search_start
from widenet.analytics.learning import LearningCurve, learning_curve
from widenet.analytics.load import InterviewLoad, interview_load
from widenet.analytics.result import Result
from widenet.analytics.timelines import Timelines, companies_by_id, timelines_of
from widenet.track.model import Application, Company, Interview


@dataclass(frozen=True)
class Search:
    """What the service layer loads: companies, applications with their date-ordered
    events, and interviews."""

    companies: tuple[Company, ...] = field(default=())
    applications: tuple[Application, ...] = field(default=())
    interviews: tuple[Interview, ...] = field(default=())


@dataclass(frozen=True)
class SearchAnalytics(Result):
    today: date
    start: date | None  # the first application, None for an empty search
    funnel: Funnel
    flow: Flow
    burndown: Burndown
    timelines: Timelines
    breakdowns: Breakdowns
    load: InterviewLoad
    learning: LearningCurve


def analyse(search: Search, *, today: date, zone: tzinfo = UTC) -> SearchAnalytics:
    """Every chart's numbers for ``search`` as of ``today``; ``zone`` is the user's time zone,
    in which interviews fall on days."""
    facts = digest(search.applications, today=today)
    companies = companies_by_id(search.companies)
    start = search_start(facts)
    return SearchAnalytics(
        today=today,
        start=start,
        funnel=funnel_of(facts, today=today),
        flow=flow_of(facts, today=today),
        burndown=burndown_of(facts, today=today),
        timelines=timelines_of(facts, companies, today=today),
        breakdowns=breakdowns_of(facts, companies, today=today),
        load=interview_load(search.interviews, today=today, start=start, zone=zone),
        learning=learning_curve(search.interviews, today=today, zone=zone),
    )
