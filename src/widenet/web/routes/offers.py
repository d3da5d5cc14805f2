"""Offers in the browser: the comparison page, adding and revising offers, negotiation, and
market data (a form or a CSV upload)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from widenet.errors import ImportRejected, InvalidInput, NotFound, WidenetError
from widenet.offers.market import PointKind
from widenet.offers.model import OptionKind
from widenet.offers.revisions import Party
from widenet.parse import parse_choice, parse_date
from widenet.services import applications, offers
from widenet.services.context import Store, discard
from widenet.services.offer_terms import OfferTerms
from widenet.services.offers_views import OfferView
from widenet.services.tracking import Moment
from widenet.track.stages import Stage
from widenet.web import figures
from widenet.web.deps import MAX_ID, FormDep, ItemId, MomentDep, StoreDep
from widenet.web.forms import FormState, refused_as
from widenet.web.render import page
from widenet.web.routes.companies import company_page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

#: The offer form's inputs, as in OfferTerms (amounts and numbers stay text until parsed).
TERM_FIELDS = (
    "base", "currency", "sign_on", "bonus", "relocation", "rsu", "vesting", "options", "strike",
    "preferred", "fmv_409a", "fully_diluted", "ownership", "option_kind", "stage", "level",
    "location",
)  # fmt: skip
DATE_FIELDS = ("offer_date", "deadline", "start_date")
#: Where the offer file's fields (as the services name them) show on the form.
_SHOWN_AT = {
    "rsu.vesting": "vesting",
    "options.vesting": "vesting",
    "options.strike": "strike",
    "options.preferred_price": "preferred",
    "options.fmv_409a": "fmv_409a",
    "options.fully_diluted_shares": "fully_diluted",
    "options.ownership_percent": "ownership",
    "options.kind": "option_kind",
    "bonus.target_percent": "bonus",
    "preferred_price": "preferred",
    "fully_diluted_shares": "fully_diluted",
    "ownership_percent": "ownership",
}
REVISE_FIELDS = ("asked", "by", "on", "note")
MARKET_FIELDS = (
    "company", "level", "location", "base", "currency", "date", "kind", "bonus",
    "equity_per_year", "sign_on", "note",
)  # fmt: skip


def offer_field(name: str) -> str | None:
    """The input of the offer form that shows a problem with ``name``, if any."""
    for prefix in sorted(_SHOWN_AT, key=len, reverse=True):
        if name == prefix or name.startswith((prefix + ".", prefix + "[")):
            return _SHOWN_AT[prefix]
    head = name.split(".", 1)[0].split("[", 1)[0]
    if head in ("options", "rsu") and "." in name:
        return head
    known = (*TERM_FIELDS, *DATE_FIELDS, *REVISE_FIELDS, "application", "note", "move_to_offer")
    return head if head in known else None


def terms_from(form: Mapping[str, str], moment: Moment, names: tuple[str, ...]) -> OfferTerms:
    """The terms typed into an offer form; an empty input leaves the term as it is."""
    values: dict[str, Any] = {
        name: form.get(name, "").strip() or None for name in names if name in TERM_FIELDS
    }
    for name in DATE_FIELDS:
        text = form.get(name, "").strip()
        if name in names and text:
            values[name] = parse_date(text, today=moment.today, field=name)
    return OfferTerms(**values)


# -- the comparison page -----------------------------------------------------------------------
def offers_page(
    request: Request,
    store: Store,
    moment: Moment,
    *,
    forms: dict[str, FormState] | None = None,
    rejected: Mapping[str, Any] | None = None,
    include_closed: bool = False,
    done: str = "",
    imported: int | None = None,
    status_code: int = 200,
) -> Response:
    comparison = offers.compare_offers(store, moment, include_closed=include_closed)
    context = {
        "comparison": comparison,
        "groups": [(group, figures.offers_figure(group)) for group in comparison.groups],
        "candidates": _candidates(store, moment),
        "points": offers.market_points(store),
        "forms": forms or {},
        "rejected": rejected,
        "include_closed": include_closed,
        "done": done,
        "imported": imported,
        "today": moment.today,
        "POINT_KINDS": list(PointKind),
        "OPTION_KINDS": list(OptionKind),
    }
    return page(request, "offers.html", context, status_code=status_code)


def _candidates(store: Store, moment: Moment) -> list[tuple[int, str, bool]]:
    """Open applications without an offer: (id, "Company — role", reached the offer)."""
    taken = {view.application.id for view in offers.offer_views(store, moment)}
    views = [
        view
        for view in applications.listing(store, moment, is_open=True)
        if view.application.id not in taken
    ]
    views.sort(key=lambda v: (v.status.furthest is not Stage.OFFER, v.company.name.casefold()))
    return [
        (
            v.application.id,
            f"{v.company.name} — {v.application.role}",
            v.status.furthest is Stage.OFFER,
        )
        for v in views
    ]


@router.get("/offers")
def offer_list(
    request: Request,
    store: StoreDep,
    moment: MomentDep,
    show: str = "",
    done: str = "",
    imported: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    said = done if done in ("offer", "market") else ""
    return offers_page(
        request, store, moment, include_closed=show == "all", done=said, imported=imported
    )


OFFER_FIELDS = (*TERM_FIELDS, *DATE_FIELDS)


@router.post("/offers")
def add_offer(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    """Record an offer typed into the form for one open application."""
    try:
        target = _application(store, moment, form.get("application", ""))
        offers.add_offer(
            store,
            moment,
            company=target.company.name,
            role=target.application.role,
            terms=terms_from(form, moment, OFFER_FIELDS),
            move_to_offer=form.get("move_to_offer") == "yes",
            note=form.get("note", ""),
        )
    except WidenetError as exc:
        state = refused_as(store, form, exc, offer_field)
        return offers_page(request, store, moment, forms={"add": state}, status_code=exc.status)
    return RedirectResponse("/offers?done=offer", status_code=303)


def _application(store: Store, moment: Moment, text: str) -> Any:
    if not text.strip():
        raise InvalidInput("Choose the application the offer is for.", field="application")
    wrong = InvalidInput("Choose one of the open applications.", field="application")
    try:
        application_id = int(text)
    except ValueError:
        raise wrong from None
    if not 1 <= application_id <= MAX_ID:
        raise wrong
    try:
        return applications.get(store, moment, application_id)
    except NotFound:
        raise wrong from None


async def _upload(request: Request) -> tuple[str, bytes, dict[str, str]]:
    """The uploaded file's name and bytes (empty when none was chosen), and the text fields."""
    form = await request.form()
    found = form.get("file")
    fields = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    if not isinstance(found, UploadFile):
        return "", b"", fields
    return found.filename or "", await found.read(), fields


Upload = Annotated[tuple[str, bytes, dict[str, str]], Depends(_upload)]


def _offer_document(data: bytes) -> dict[str, Any]:
    if not data:
        raise InvalidInput("Choose an offer file (.json) to upload.", field="file")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(f"The file is not JSON: {error}.", field="file") from None
    if not isinstance(document, dict) or not str(document.get("company") or "").strip():
        raise InvalidInput(
            "An offer file is a JSON object naming its company (docs/offers.md).", field="company"
        )
    return document


@router.post("/offers/upload")
def upload_offer(request: Request, store: StoreDep, moment: MomentDep, upload: Upload) -> Response:
    """Record an offer from an offer file (the schema of docs/offers.md)."""
    _name, data, fields = upload
    try:
        document = _offer_document(data)
        offers.add_offer(
            store,
            moment,
            company=str(document["company"]),
            role=fields.get("role", "").strip() or None,
            terms=OfferTerms(),
            document=document,
            move_to_offer=fields.get("move_to_offer") == "yes",
        )
    except WidenetError as exc:
        state = refused_as(store, fields, exc, lambda name: "file" if name == "file" else None)
        return offers_page(request, store, moment, forms={"upload": state}, status_code=exc.status)
    return RedirectResponse("/offers?done=offer", status_code=303)


# -- one offer: revise, negotiate --------------------------------------------------------------
def find_offer(store: Store, moment: Moment, offer_id: int) -> OfferView:
    for view in offers.offer_views(store, moment):
        if view.offer_id == offer_id:
            return view
    raise NotFound(f"There is no offer {offer_id}.", hint="See every offer at /offers.")


REVISE_TERMS = tuple(name for name in OFFER_FIELDS if name not in ("currency", "offer_date"))


@router.post("/offers/{offer_id}/revisions")
def revise(
    request: Request, offer_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    """Record a negotiation round as a new revision; earlier revisions stay."""
    view = find_offer(store, moment, offer_id)
    try:
        offers.revise_offer(
            store,
            moment,
            company=view.company.name,
            role=view.application.role,
            terms=terms_from(form, moment, REVISE_TERMS),
            asked=form.get("asked", ""),
            by=parse_choice(Party, form.get("by") or "company", field="by"),
            on=_on(form, moment),
            note=form.get("note", ""),
        )
    except WidenetError as exc:
        state = refused_as(store, form, exc, offer_field)
        forms = {f"revise-{offer_id}": state}
        return company_page(
            request, store, moment, view.company.id, forms=forms, status_code=exc.status
        )
    return RedirectResponse(f"/companies/{view.company.id}#offer-{offer_id}", status_code=303)


def _on(form: Mapping[str, str], moment: Moment) -> Any:
    text = form.get("on", "").strip()
    return parse_date(text, today=moment.today, field="on") if text else None


@router.get("/offers/{offer_id}/negotiate")
def negotiate(
    request: Request, offer_id: ItemId, store: StoreDep, moment: MomentDep, fairness: str = ""
) -> Response:
    """The counter per component, the steps to concede through and the messages to send."""
    view = find_offer(store, moment, offer_id)
    check = fairness in ("on", "yes", "1", "true")
    result = offers.negotiate_offer(
        store,
        moment,
        company=view.company.name,
        role=view.application.role,
        check_fairness=check,
    )
    context = {"offer": view, "negotiation": result, "fairness_on": check}
    return page(request, "negotiate.html", context)


# -- market data -----------------------------------------------------------------------------
@router.post("/market")
def add_market_point(
    request: Request, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    """Record one market data point: a peer's recent offer or a survey figure."""
    try:
        day = form.get("date", "").strip()
        offers.add_market_point(
            store,
            moment,
            company=form.get("company", ""),
            level=form.get("level", ""),
            location=form.get("location", ""),
            base=form.get("base", ""),
            currency=form.get("currency", "").strip() or "USD",
            on=parse_date(day, today=moment.today, field="date") if day else None,
            kind=form.get("kind", "").strip() or PointKind.PEER_OFFER.value,
            bonus=form.get("bonus"),
            equity_per_year=form.get("equity_per_year"),
            sign_on=form.get("sign_on"),
            note=form.get("note", ""),
        )
    except WidenetError as exc:
        state = refused_as(store, form, exc, lambda name: name if name in MARKET_FIELDS else None)
        return offers_page(request, store, moment, forms={"market": state}, status_code=exc.status)
    return RedirectResponse("/offers?done=market#market", status_code=303)


@router.post("/market/import")
def import_market(request: Request, store: StoreDep, moment: MomentDep, upload: Upload) -> Response:
    """Import market points from a CSV file: all or nothing, every bad row listed."""
    _name, data, fields = upload
    try:
        if not data:
            raise InvalidInput("Choose a CSV file to upload.", field="file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(
                "The file is not UTF-8 text; save it as CSV UTF-8.", field="file"
            ) from None
        count = offers.import_market(
            store, text, currency=fields.get("currency", "").strip() or "USD"
        )
    except WidenetError as exc:
        discard(store)
        rejected = {
            "message": exc.message,
            "problems": exc.problems if isinstance(exc, ImportRejected) else [],
            "hint": exc.hint,
        }
        return offers_page(request, store, moment, rejected=rejected, status_code=exc.status)
    return RedirectResponse(f"/offers?imported={count}#market", status_code=303)
