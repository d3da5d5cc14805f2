"""JSON API: the numbers behind every chart, each view's ``to_json()`` as of today."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from widenet.services import analytics
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.schemas import ProblemDetails

router = APIRouter(
    prefix="/analytics",
    tags=["analytics"],
    responses={
        422: {
            "model": ProblemDetails,
            "description": "A parameter is not valid (application/problem+json).",
        }
    },
)
Json = dict[str, Any]


@router.get("")
def everything(store: StoreDep, moment: MomentDep) -> Json:
    """Every view below at once, with the day the search started (`start`)."""
    return analytics.search_analytics(store, moment).to_json()


@router.get("/funnel")
def funnel(
    store: StoreDep,
    moment: MomentDep,
    all_stages: Annotated[
        bool, Query(description="A row for each optional step kind too (hiring manager, ...).")
    ] = False,
) -> Json:
    """Applications reaching each stage (by the furthest reached), conversion, and exits:
    rejected by reason, withdrawn, ghosted, declined, accepted, still open."""
    return analytics.funnel(store, moment, all_stages=all_stages).to_json()


@router.get("/flow")
def flow(store: StoreDep, moment: MomentDep) -> Json:
    """The Sankey: `nodes` (steps and exits, with totals) and `links` between their indexes."""
    return analytics.flow(store, moment).to_json()


@router.get("/burndown")
def burndown(store: StoreDep, moment: MomentDep) -> Json:
    """Open applications per stage kind for every day of the search, and those closed."""
    return analytics.burndown(store, moment).to_json()


@router.get("/timelines")
def timelines(store: StoreDep, moment: MomentDep) -> Json:
    """Each application's stage segments, median days per stage, reply time per company."""
    return analytics.timelines(store, moment).to_json()


@router.get("/breakdowns")
def breakdowns(
    store: StoreDep,
    moment: MomentDep,
    by: Annotated[
        str | None,
        Query(description="Only one: source, size, valuation, market or role. Default: all."),
    ] = None,
) -> Json:
    """Applications, responses, onsites, offers and the response rate per group."""
    dimension = analytics.parse_dimension(by) if by is not None else None
    return analytics.breakdowns(store, moment, by=dimension).to_json()


@router.get("/load")
def load(
    store: StoreDep,
    moment: MomentDep,
    weeks: Annotated[
        int | None, Query(ge=1, le=520, description="Only the last N weeks; default all.")
    ] = None,
) -> Json:
    """Interview and preparation hours per day and per week; days over the daily caps."""
    return analytics.interview_load(store, moment, weeks=weeks).to_json()


@router.get("/learning")
def learning(store: StoreDep, moment: MomentDep) -> Json:
    """Technical interviews by order with the smoothed pass rate and its credible band, and
    self-rating against outcome."""
    return analytics.learning_curve(store, moment).to_json()
