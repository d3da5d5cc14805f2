"""The interviews page (upcoming and past, grouped by day) and recording how one went."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from widenet.errors import WidenetError
from widenet.parse import parse_choice, parse_whole
from widenet.services import interviews
from widenet.services.context import Store
from widenet.services.tracking import Moment
from widenet.track.model import Outcome
from widenet.web.deps import FormDep, ItemId, MomentDep, SettingsDep, StoreDep
from widenet.web.forms import FormState, refused
from widenet.web.render import back_to, page
from widenet.web.routes.companies import company_page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])


def interviews_page(
    request: Request,
    store: Store,
    moment: Moment,
    settings: SettingsDep,
    *,
    forms: dict[str, FormState] | None = None,
    status_code: int = 200,
) -> Response:
    upcoming = interviews.listing(store, moment, when="upcoming")
    past = list(reversed(interviews.listing(store, moment, when="past")))
    context = {
        "upcoming": interviews.by_day(upcoming, settings.zone),
        "past": interviews.by_day(past, settings.zone),
        "today": moment.today,
        "now": moment.now,
        "forms": forms or {},
        "show_company": True,
        "back": "/interviews",
    }
    return page(
        request, "interviews.html", context, partial="_interviews.html", status_code=status_code
    )


@router.get("/interviews")
def interview_list(
    request: Request, store: StoreDep, moment: MomentDep, settings: SettingsDep
) -> Response:
    return interviews_page(request, store, moment, settings)


@router.post("/interviews/{interview_id}/complete")
def complete(
    request: Request,
    interview_id: ItemId,
    store: StoreDep,
    moment: MomentDep,
    settings: SettingsDep,
    form: FormDep,
) -> Response:
    """Record the self-rating, the outcome and notes; back to the page the form was on."""
    back = back_to(form.get("next"), "/interviews")
    view = interviews.get(store, interview_id)
    try:
        changes = {
            "self_rating": parse_whole(form.get("self_rating"), field="self_rating"),
            "outcome": parse_choice(Outcome, form.get("outcome") or "unknown", field="outcome"),
            "notes": form.get("notes", ""),
        }
        interviews.update(store, moment, interview_id, changes)
    except WidenetError as exc:
        state = refused(store, form, exc, fields=("self_rating", "outcome", "notes"))
        forms = {f"complete-{interview_id}": state}
        if back.startswith("/companies/"):
            return company_page(
                request, store, moment, view.company.id, forms=forms, status_code=exc.status
            )
        return interviews_page(
            request, store, moment, settings, forms=forms, status_code=exc.status
        )
    return RedirectResponse(f"{back.split('#')[0]}#interview-{interview_id}", status_code=303)
