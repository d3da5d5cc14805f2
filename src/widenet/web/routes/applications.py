"""Application pages: record one (the company is added when new), undo, book interviews."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from widenet.config import Settings
from widenet.errors import InvalidInput, NotFound, WidenetError
from widenet.parse import parse_choice, parse_date, parse_datetime, parse_whole
from widenet.services import applications, companies, interviews, tracking
from widenet.services.tracking import Moment
from widenet.track.model import InterviewKind, Source
from widenet.web.deps import FormDep, ItemId, MomentDep, SettingsDep, StoreDep
from widenet.web.forms import FormState, refused
from widenet.web.render import page
from widenet.web.routes.companies import company_page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

FIELDS = ("company", "role", "role_family", "source", "referrer", "url", "on", "note")


@router.get("/applications/new")
def new_application(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    given = request.query_params.get("company", "")
    return _form_page(request, store, moment, FormState({"company": given}))


def _form_page(
    request: Request, store: StoreDep, moment: MomentDep, form: FormState, status_code: int = 200
) -> Response:
    context = {
        "form": form,
        "company_names": [c.name for c in companies.listing(store)],
        "today": moment.today,
    }
    return page(request, "application_new.html", context, status_code=status_code)


@router.post("/applications")
def create_application(
    request: Request, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    try:
        on = form.get("on", "").strip()
        view, _ = tracking.apply_to(
            store,
            moment,
            company=form.get("company", "").strip(),
            role=form.get("role", ""),
            role_family=form.get("role_family", ""),
            source=parse_choice(Source, form.get("source") or "direct", field="source"),
            referrer=form.get("referrer", "").strip() or None,
            url=form.get("url", ""),
            on=parse_date(on, today=moment.today, field="on") if on else None,
            note=form.get("note", ""),
            create=form.get("new") == "1",
        )
    except WidenetError as exc:
        state = refused(store, form, exc, fields=FIELDS, default_field="company")
        if isinstance(exc, NotFound) and exc.suggestions:
            # The CLI's hint names a flag; here the checkbox does that job.
            state.errors["company"] = (
                f"{exc.message} Did you mean {', '.join(exc.suggestions)}? "
                "Tick “new company” to add it anyway."
            )
            state.hint = ""
        return _form_page(request, store, moment, state, status_code=exc.status)
    return RedirectResponse(
        f"/companies/{view.company.id}#application-{view.application.id}", status_code=303
    )


@router.post("/applications/{application_id}/undo")
def undo(request: Request, application_id: ItemId, store: StoreDep, moment: MomentDep) -> Response:
    """Remove the latest event (a copy stays in the audit log)."""
    company_id = applications.found(store, application_id).company_id
    request.state.back = f"/companies/{company_id}"
    applications.undo(store, moment, application_id)
    return RedirectResponse(f"/companies/{company_id}", status_code=303)


INTERVIEW_FIELDS = ("kind", "start", "minutes", "prep_minutes", "interviewers", "notes")


@router.post("/applications/{application_id}/interviews")
def add_interview(
    request: Request,
    application_id: ItemId,
    store: StoreDep,
    moment: MomentDep,
    settings: SettingsDep,
    form: FormDep,
) -> Response:
    company_id = applications.found(store, application_id).company_id
    try:
        interviews.add_to(
            store,
            moment,
            application_id=application_id,
            kind=parse_choice(InterviewKind, form.get("kind") or "other", field="kind"),
            start=_start(form.get("start", ""), settings, moment),
            minutes=parse_whole(form.get("minutes"), field="minutes"),
            prep_minutes=parse_whole(form.get("prep_minutes"), field="prep_minutes"),
            interviewers=form.get("interviewers", ""),
            notes=form.get("notes", ""),
        )
    except WidenetError as exc:
        state = refused(store, form, exc, fields=INTERVIEW_FIELDS)
        forms = {f"interview-{application_id}": state}
        return company_page(request, store, moment, company_id, forms=forms, status_code=exc.status)
    return RedirectResponse(f"/companies/{company_id}#interviews", status_code=303)


def _start(text: str, settings: Settings, moment: Moment) -> datetime:
    if not text.strip():
        raise InvalidInput("Give the date and time it starts.", field="start")
    return parse_datetime(text, zone=settings.zone, today=moment.today, field="start")
