"""Windows for a recruiter: propose a few, show the e-mail text to paste, record them as offered."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from widenet import defaults
from widenet.errors import InvalidInput, NotFound, WidenetError
from widenet.parse import parse_choice, parse_whole
from widenet.services import companies, schedule
from widenet.services.context import Store
from widenet.services.schedule import WindowOffer
from widenet.services.tracking import Moment
from widenet.track.model import InterviewKind
from widenet.web.deps import FormDep, MomentDep, StoreDep
from widenet.web.forms import FormState, refused
from widenet.web.render import page
from widenet.web.routes.schedule_settings import zone_names
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

FIELDS = ("company", "kind", "minutes", "days", "recruiter_time_zone")
DEFAULT_DAYS = 5


def windows_page(
    request: Request,
    store: Store,
    moment: Moment,
    form: FormState,
    *,
    offer: WindowOffer | None = None,
    status_code: int = 200,
) -> Response:
    """The form, the windows just proposed (with their text), and every window on offer."""
    names = {c.id: c.name for c in companies.listing(store)}
    on_offer = schedule.offered(store, moment)
    context = {
        "form": form,
        "offer": offer,
        "company_names": sorted(names.values(), key=str.casefold),
        "on_offer": [(names.get(w.company_id, ""), w) for w in on_offer],
        "zones": zone_names(),
        "default_minutes": {kind.value: defaults.INTERVIEW_MINUTES[kind] for kind in InterviewKind},
    }
    return page(request, "windows.html", context, partial="_windows.html", status_code=status_code)


@router.get("/calendar/windows")
def windows_form(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    """The form, filled from ``?company=NAME&kind=KIND`` (the company page links here)."""
    query = request.query_params
    values = {
        "company": query.get("company", ""),
        "kind": query.get("kind", InterviewKind.RECRUITER.value),
        "days": str(DEFAULT_DAYS),
    }
    return windows_page(request, store, moment, FormState(values))


@router.post("/calendar/windows")
def propose(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    """Propose windows and record them as offered; the page shows them with the text."""
    values = {key: form.get(key, "").strip() for key in FIELDS}
    try:
        if not values["company"]:
            raise InvalidInput("Choose the company the windows are for.", field="company")
        days = parse_whole(values["days"], field="days")
        offer = schedule.propose(
            store,
            moment,
            company=values["company"],
            kind=parse_choice(InterviewKind, values["kind"] or "recruiter", field="kind"),
            minutes=parse_whole(values["minutes"], field="minutes"),
            days=DEFAULT_DAYS if days is None else days,
            recruiter_time_zone=values["recruiter_time_zone"] or None,
        )
    except WidenetError as exc:
        # A company that is not found (no field) belongs next to the company; anything
        # else without a field (nothing fits) is said above the form, with its hint.
        default = "company" if isinstance(exc, NotFound) else None
        state = refused(store, values, exc, fields=FIELDS, default_field=default)
        return windows_page(request, store, moment, state, status_code=exc.status)
    return windows_page(request, store, moment, FormState(values), offer=offer)
