"""JSON API: the forecast of the search as of today, with the same what-ifs as the page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from widenet.services import forecast as service
from widenet.web import forecast_form
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.forecast_form import MAX_PAGE_RUNS, WhatIf
from widenet.web.schemas import ProblemDetails

router = APIRouter(
    prefix="/forecast",
    tags=["forecast"],
    responses={
        422: {
            "model": ProblemDetails,
            "description": "A setting is not valid; `errors` names it (application/problem+json).",
        }
    },
)


@router.get("")
def forecast(
    store: StoreDep,
    moment: MomentDep,
    runs: Annotated[
        int, Query(description=f"Simulated searches, 1–{MAX_PAGE_RUNS:,} (more: steadier numbers).")
    ] = service.DEFAULT_RUNS,
    seed: Annotated[
        int,
        Query(description="Seed of the simulation, 0 or more: the same seed, the same numbers."),
    ] = service.DEFAULT_SEED,
    add: Annotated[
        int,
        Query(
            description=f"What if: this many typical applications sent today (0–{service.MAX_ADD})."
        ),
    ] = 0,
    window: Annotated[
        int | None,
        Query(description="Count only offers arriving within this many days (default: all)."),
    ] = None,
    decide: Annotated[
        int | None,
        Query(
            description="What if she decides this many days after the first offer (0–365; "
            "default 14): every process still open then is withdrawn."
        ),
    ] = None,
) -> dict[str, Any]:
    """How many offers (`offers.mean`, `offers.pmf`, `offers.p_at_least`), when
    (`offer_dates`), how likely two are open at once (`leverage.p_two_open`), each open
    application's chances (`applications`), interview hours ahead, how wide to go
    (`how_wide`) and the calibration; `settings` echoes what it was asked (docs/forecast.md)."""
    what_if = WhatIf(add=add, decide=decide, window=window, runs=runs, seed=seed)
    forecast_form.check(what_if)
    view = service.forecast_search(
        store, moment, runs=runs, seed=seed, add=add, window_days=window, decide_within=decide
    )
    return view.to_json()
