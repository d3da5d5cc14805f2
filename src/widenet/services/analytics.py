"""Seeing the search: the analytics of the user's search, and the HTML report, as of the Moment."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, tzinfo
from pathlib import Path

from widenet.analytics import breakdowns as breakdowns_rules
from widenet.analytics import burndown as burndown_rules
from widenet.analytics import flow as flow_rules
from widenet.analytics import funnel as funnel_rules
from widenet.analytics import learning as learning_rules
from widenet.analytics import load as load_rules
from widenet.analytics import timelines as timelines_rules
from widenet.analytics.breakdowns import Breakdowns, Dimension
from widenet.analytics.burndown import Burndown
from widenet.analytics.flow import Flow
from widenet.analytics.funnel import Funnel
from widenet.analytics.history import MAIN_LINE, digest, search_start
from widenet.analytics.learning import LearningCurve
from widenet.analytics.load import InterviewLoad
from widenet.analytics.search import Search, SearchAnalytics, analyse
from widenet.analytics.timelines import Timelines
from widenet.errors import InvalidInput
from widenet.services.files import check_target, write_new
from widenet.services.tracking import Moment
from widenet.storage.repo import Store

#: The words `--by` takes for each breakdown (the dimension's own value works too).
DIMENSION_WORDS: dict[str, Dimension] = {
    "source": Dimension.SOURCE,
    "size": Dimension.SIZE_BAND,
    "valuation": Dimension.VALUATION_BAND,
    "market": Dimension.MARKET,
    "role": Dimension.ROLE_FAMILY,
}


def _today_and_zone(moment: Moment) -> tuple[date, tzinfo]:
    """The user's today and time zone: the Moment's now is given in the user's zone."""
    return moment.today, moment.now.tzinfo or UTC


def load_search(store: Store) -> Search:
    """The whole search in four queries: companies, applications, their events, interviews."""
    return Search(
        companies=tuple(store.companies()),
        applications=tuple(store.applications()),
        interviews=tuple(store.interviews()),
    )


def search_analytics(store: Store, moment: Moment) -> SearchAnalytics:
    """Every chart's numbers for the user's search, as of the Moment's today."""
    today, zone = _today_and_zone(moment)
    return analyse(load_search(store), today=today, zone=zone)


def funnel(store: Store, moment: Moment, *, all_stages: bool = False) -> Funnel:
    """The funnel by furthest stage reached, with how the others left.

    By default its rows are the main line of product.md (applied, recruiter, technical,
    onsite, offer), optional steps counted in the row above them; ``all_stages`` adds a row
    for each optional kind someone went through (hiring manager, take-home, references).
    """
    stages = None if all_stages else MAIN_LINE
    return funnel_rules.funnel(store.applications(), today=moment.today, stages=stages)


def flow(store: Store, moment: Moment) -> Flow:
    """The Sankey's nodes and bands: applied -> steps -> every exit."""
    return flow_rules.flow(store.applications(), today=moment.today)


def burndown(store: Store, moment: Moment) -> Burndown:
    """Open applications per stage kind for every day of the search."""
    return burndown_rules.burndown(store.applications(), today=moment.today)


def timelines(store: Store, moment: Moment) -> Timelines:
    """A bar per application, median days per stage kind, response time per company."""
    return timelines_rules.timelines(store.applications(), store.companies(), today=moment.today)


def parse_dimension(text: str) -> Dimension:
    """A breakdown dimension from a word a person types: source, size, valuation, market, role."""
    key = text.strip().casefold().replace("-", "_").replace(" ", "_")
    found = DIMENSION_WORDS.get(key) or next((d for d in Dimension if d.value == key), None)
    if found is None:
        choices = ", ".join(DIMENSION_WORDS)
        raise InvalidInput(f"{text!r} is not a breakdown; use one of: {choices}.", field="by")
    return found


def breakdowns(store: Store, moment: Moment, *, by: Dimension | None = None) -> Breakdowns:
    """Applications, responses, onsites and offers by each dimension (or only ``by``)."""
    result = breakdowns_rules.breakdowns(
        store.applications(), store.companies(), today=moment.today
    )
    if by is None:
        return result
    return dataclasses.replace(result, dimensions=(result.by(by),))


def interview_load(store: Store, moment: Moment, *, weeks: int | None = None) -> InterviewLoad:
    """Hours per day and week, preparation included, against the daily caps.

    Weeks are counted from the first application, so the caps ramp up where the search
    began; ``weeks`` keeps only the last ``weeks`` of them (booked interviews included).
    """
    if weeks is not None and weeks < 1:
        raise InvalidInput("Show at least one week.", field="weeks")
    today, zone = _today_and_zone(moment)
    start = search_start(digest(store.applications(), today=today))
    load = load_rules.interview_load(store.interviews(), today=today, start=start, zone=zone)
    return _last_weeks(load, weeks) if weeks is not None else load


def _last_weeks(load: InterviewLoad, weeks: int) -> InterviewLoad:
    if weeks >= len(load.weeks) or load.start is None:
        return load
    kept = load.weeks[-weeks:]
    first_day = (kept[0].start - load.start).days
    return dataclasses.replace(load, days=load.days[first_day:], weeks=kept)


def learning_curve(store: Store, moment: Moment) -> LearningCurve:
    """Technical pass rate by order in the search, and self-rating against outcome."""
    today, zone = _today_and_zone(moment)
    return learning_rules.learning_curve(store.interviews(), today=today, zone=zone)


def report_html(store: Store, moment: Moment, *, title: str | None = None) -> str:
    """The report of every chart as one self-contained HTML page (no network to open it)."""
    from widenet.analytics.report import build_report  # Plotly: only when a report is made

    analytics = search_analytics(store, moment)
    return build_report(analytics) if title is None else build_report(analytics, title=title)


def save_report(
    store: Store,
    moment: Moment,
    path: Path,
    *,
    force: bool = False,
    title: str | None = None,
) -> Path:
    """Write the report to ``path``; an existing file is replaced only with ``force``."""
    check_target(path.expanduser(), force=force, example="search.html")
    return write_new(path, report_html(store, moment, title=title), force=force)
