"""Company pages: the list, adding one, and a company's page with everything about it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from widenet.errors import WidenetError
from widenet.parse import parse_choice, parse_date
from widenet.services import applications, companies, contacts, tracking
from widenet.services.context import Store
from widenet.services.tracking import COMPANY_FIELDS, Moment
from widenet.track.model import ContactRole, Source
from widenet.web import panels
from widenet.web.deps import FormDep, ItemId, MomentDep, StoreDep
from widenet.web.forms import FormState, refused
from widenet.web.render import page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])


@router.get("/companies")
def company_list(request: Request, store: StoreDep, moment: MomentDep) -> Response:
    return page(request, "companies.html", {"companies": tracking.companies(store, moment)})


@router.get("/companies/new")
def new_company(request: Request) -> Response:
    return page(request, "company_new.html", {"form": FormState()})


@router.post("/companies")
def create_company(request: Request, store: StoreDep, form: FormDep) -> Response:
    fields = {key: form.get(key, "") for key in COMPANY_FIELDS}
    try:
        company = tracking.add_company(store, **fields)
    except WidenetError as exc:
        state = refused(store, form, exc, fields=COMPANY_FIELDS, default_field="name")
        return page(request, "company_new.html", {"form": state}, status_code=exc.status)
    return RedirectResponse(f"/companies/{company.id}", status_code=303)


def company_page(
    request: Request,
    store: Store,
    moment: Moment,
    company_id: int,
    *,
    forms: dict[str, FormState] | None = None,
    status_code: int = 200,
) -> Response:
    """The company page; ``forms`` carries a refused form's values and messages."""
    detail = companies.detail(store, company_id, moment)
    context = {
        "detail": detail,
        "forms": forms or {},
        "today": moment.today,
        "now": moment.now,
        "back": f"/companies/{company_id}#interviews",
        **panels.your_view(store, moment, detail.company),
        **panels.company_offers(store, moment, detail.company),
    }
    return page(request, "company.html", context, partial="_company.html", status_code=status_code)


@router.get("/companies/{company_id}")
def company(request: Request, company_id: ItemId, store: StoreDep, moment: MomentDep) -> Response:
    return company_page(request, store, moment, company_id)


@router.post("/companies/{company_id}")
def edit_company(
    request: Request, company_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    """Save the details form: every field is sent, so an emptied field is cleared."""
    changes = {key: form.get(key, "") for key in COMPANY_FIELDS}
    try:
        companies.update(store, company_id, changes)
    except WidenetError as exc:
        state = refused(store, form, exc, fields=COMPANY_FIELDS, default_field="name")
        forms = {"details": state}
        return company_page(request, store, moment, company_id, forms=forms, status_code=exc.status)
    return RedirectResponse(f"/companies/{company_id}", status_code=303)


APPLY_FIELDS = ("role", "role_family", "source", "referrer", "url", "on", "note")


@router.post("/companies/{company_id}/applications")
def apply(
    request: Request, company_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    try:
        on = form.get("on", "").strip()
        view = applications.create(
            store,
            moment,
            company_id=company_id,
            role=form.get("role", ""),
            role_family=form.get("role_family", ""),
            source=parse_choice(Source, form.get("source") or "direct", field="source"),
            referrer=form.get("referrer", "").strip() or None,
            url=form.get("url", ""),
            on=parse_date(on, today=moment.today, field="on") if on else None,
            note=form.get("note", ""),
        )
    except WidenetError as exc:
        forms = {"apply": refused(store, form, exc, fields=APPLY_FIELDS)}
        return company_page(request, store, moment, company_id, forms=forms, status_code=exc.status)
    return RedirectResponse(
        f"/companies/{company_id}#application-{view.application.id}", status_code=303
    )


CONTACT_FIELDS = ("name", "role", "email", "notes")


@router.post("/companies/{company_id}/contacts")
def add_contact(
    request: Request, company_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    try:
        contacts.add(
            store,
            name=form.get("name", ""),
            role=parse_choice(ContactRole, form.get("role") or "other", field="role"),
            company_id=company_id,
            email=form.get("email", ""),
            notes=form.get("notes", ""),
        )
    except WidenetError as exc:
        forms = {"contact": refused(store, form, exc, fields=CONTACT_FIELDS)}
        return company_page(request, store, moment, company_id, forms=forms, status_code=exc.status)
    return RedirectResponse(f"/companies/{company_id}#contacts-title", status_code=303)
