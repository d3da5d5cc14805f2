"""The insight pages: an overview, one page per chart view, and the report as a download."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from widenet.analytics.breakdowns import Dimension
from widenet.services import analytics
from widenet.web import insights
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.insights import VIEW_BY_SLUG, VIEWS, Section
from widenet.web.insights_interviews import learning_sections, load_sections
from widenet.web.render import page

router = APIRouter(include_in_schema=False)

#: The selector of the breakdowns page: the word in the address, what a person reads.
BREAKDOWN_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (word, dimension.label) for word, dimension in analytics.DIMENSION_WORDS.items()
)
REPORT_URL = "/insights/report.html"


def view_page(
    request: Request,
    slug: str,
    sections: Callable[[], Sequence[Section]],
    *,
    empty: bool,
    template: str = "insight.html",
    partial_template: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Response:
    """A view's page: its sections (charts drawn only when shown), or its empty state when
    there is nothing to show yet."""
    context = {
        "view": VIEW_BY_SLUG[slug],
        "views": VIEWS,
        "sections": () if empty else sections(),
        "empty": empty,
        "report_url": REPORT_URL,
        **(extra or {}),
    }
    return page(request, template, context, partial=partial_template)


@router.get("/insights")
def overview(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    result = analytics.search_analytics(store, moment)
    empty = not result.funnel.applications
    context = {
        "views": VIEWS,
        "view": None,
        "empty": empty,
        "headlines": {} if empty else insights.headlines(result),
        "today": result.today,
        "start": result.start,
        "report_url": REPORT_URL,
    }
    return page(request, "insights.html", context)


@router.get(REPORT_URL)
def report(store: StoreDep, moment: MomentDep) -> Response:
    """Every chart in one self-contained HTML file (Plotly inlined), saved by the browser."""
    html = analytics.report_html(store, moment)
    name = f"widenet-report-{moment.today.isoformat()}.html"
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/insights/funnel")
def funnel(
    request: Request,
    store: StoreDep,
    moment: MomentDep,
    stages: Annotated[str, Query(pattern="^(main|all)$")] = "main",
) -> Response:
    result = analytics.funnel(store, moment, all_stages=stages == "all")
    return view_page(
        request,
        "funnel",
        partial(insights.funnel_sections, result),
        empty=not result.applications,
        template="insight_funnel.html",
        extra={"all_stages": stages == "all"},
    )


@router.get("/insights/flow")
def flow(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    result = analytics.flow(store, moment)
    return view_page(
        request, "flow", partial(insights.flow_sections, result), empty=not result.applications
    )


@router.get("/insights/burndown")
def burndown(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    result = analytics.burndown(store, moment)
    return view_page(
        request, "burndown", partial(insights.burndown_sections, result), empty=not result.days
    )


@router.get("/insights/timelines")
def timelines(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    result = analytics.timelines(store, moment)
    return view_page(
        request,
        "timelines",
        partial(insights.timelines_sections, result),
        empty=not result.applications,
    )


@router.get("/insights/breakdowns")
def breakdowns(
    request: Request, store: StoreDep, moment: MomentDep, by: str = "source"
) -> Response:
    """One dimension at a time, chosen with a selector (HTMX swaps only the chart and table)."""
    dimension = analytics.parse_dimension(by)
    result = analytics.breakdowns(store, moment, by=dimension).by(dimension)
    return view_page(
        request,
        "breakdowns",
        partial(insights.breakdown_sections, result),
        empty=not result.rows,
        template="insight_breakdowns.html",
        partial_template="_breakdown.html",
        extra={"choices": BREAKDOWN_CHOICES, "by": _word_of(dimension)},
    )


def _word_of(dimension: Dimension) -> str:
    return next(w for w, d in analytics.DIMENSION_WORDS.items() if d is dimension)


@router.get("/insights/load")
def load(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    result = analytics.interview_load(store, moment)
    busy = any(d.interviews or d.interview_minutes or d.prep_minutes for d in result.days)
    return view_page(request, "load", partial(load_sections, result), empty=not busy)


@router.get("/insights/learning")
def learning(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    result = analytics.learning_curve(store, moment)
    empty = not result.attempts and not result.judged
    return view_page(request, "learning", partial(learning_sections, result), empty=empty)
