"""JSON API: the plan of the search (the latest saved one, and making a new one)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from widenet.errors import NotFound
from widenet.services import plan
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.routes.api_tracking import PROBLEMS
from widenet.web.schemas_plan import PlanCreate, PlanPublic, PlanShowPublic
from widenet.web.security import check_api_write

router = APIRouter(dependencies=[Depends(check_api_write)], responses=PROBLEMS)


@router.get("/plan", tags=["plan"])
def read_plan(store: StoreDep, moment: MomentDep) -> PlanShowPublic:
    """The latest saved plan against what happened: planned and actual dates per company."""
    found = plan.latest(store, moment)
    if found is None:
        raise NotFound("No plan saved yet.", hint="Make one: POST /api/v1/plan")
    return PlanShowPublic.model_validate(found.to_json())


@router.post("/plan", status_code=201, tags=["plan"])
def make_plan(
    body: PlanCreate, store: StoreDep, moment: MomentDep, response: Response
) -> PlanPublic:
    """Plan the companies on the list from today (or re-plan from the latest plan), compare
    with the baselines and save it. Takes up to ``time_limit`` seconds. An impossible
    request is a 422 problem naming the constraint and what would relax it."""
    view = plan.plan_search(
        store,
        moment,
        window_days=body.window_days,
        start=body.start,
        replan=body.replan,
        hard_window=body.hard_window,
        time_limit=body.time_limit,
        refine=body.refine,
    )
    response.headers["location"] = "/api/v1/plan"
    return PlanPublic.model_validate(view.to_json())
