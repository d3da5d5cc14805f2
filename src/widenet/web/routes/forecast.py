"""The forecast page: how many offers, when, how likely two overlap, how wide to go, with
what-if controls in a GET form (the address carries the settings, so it can be shared)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from widenet.errors import InvalidInput
from widenet.services import forecast as service
from widenet.web import forecast_form
from widenet.web.deps import MomentDep, StoreDep
from widenet.web.forecast_content import content
from widenet.web.forecast_form import FIELDS, MAX_PAGE_RUNS, WhatIf
from widenet.web.forms import FormState
from widenet.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/forecast")
def forecast_page(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    """The whole page, or (for HTMX) the form and the results, which a what-if replaces."""
    values = {name: request.query_params.get(name, "") for name in FIELDS}
    try:
        what_if = forecast_form.parse(values)
    except InvalidInput as exc:
        errors = {p.field: p.message for p in exc.problems if p.field is not None}
        form = FormState(values, errors, hint="Leave a field empty for its default.")
        return _render(request, form, None, None, status_code=exc.status)
    view = service.forecast_search(
        store,
        moment,
        runs=what_if.runs,
        seed=what_if.seed,
        add=what_if.add,
        window_days=what_if.window,
        decide_within=what_if.decide,
    )
    return _render(request, FormState(what_if.values()), what_if, view)


def _render(
    request: Request,
    form: FormState,
    what_if: WhatIf | None,
    view: service.ForecastView | None,
    *,
    status_code: int = 200,
) -> Response:
    context = {
        "form": form,
        "what_if": what_if,
        "share": f"/forecast?{what_if.query()}".removesuffix("?") if what_if else "",
        "view": view,
        "shown": content(view) if view is not None else None,
        "max_runs": MAX_PAGE_RUNS,
        "defaults": WhatIf(),
    }
    return page(
        request, "forecast.html", context, partial="_forecast.html", status_code=status_code
    )
