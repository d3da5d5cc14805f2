"""Judging companies in the browser: ratings and questions on the company page, the decision
page, and the criteria page where the weights are edited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from widenet.errors import InvalidInput, WidenetError
from widenet.offers.money import Money, format_money
from widenet.parse import parse_date
from widenet.services import companies, evaluate, offers
from widenet.services.context import Store
from widenet.services.tracking import Moment
from widenet.web.deps import FormDep, ItemId, MomentDep, StoreDep
from widenet.web.forms import FormState, refused_as
from widenet.web.render import page
from widenet.web.routes.companies import company_page
from widenet.web.security import check_page_write

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_write)])

SCORE = "score."  # a rating form's input for criterion k is named "score.k"
WEIGHT = "weight."  # the weights form's input for criterion k is named "weight.k"


# -- the company page: ratings and questions ---------------------------------------------------
RATE_FIELDS = ("after", "confidence", "on", "note")


def _rating_field(keys: Sequence[str]) -> Callable[[str], str | None]:
    def field_of(name: str) -> str | None:
        if name in keys:
            return SCORE + name
        return name if name in RATE_FIELDS else None

    return field_of


@router.post("/companies/{company_id}/ratings")
def rate(
    request: Request, company_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    """Add one rating session; earlier ratings stay as they were."""
    company = companies.found(store, company_id)
    keys = _keys(store)
    scores = [
        f"{key}={form[SCORE + key].strip()}" for key in keys if form.get(SCORE + key, "").strip()
    ]
    try:
        evaluate.rate(
            store,
            moment,
            company=company.name,
            scores=scores,
            after=form.get("after", "").strip() or None,
            confidence=form.get("confidence", "").strip() or None,
            note=form.get("note", ""),
            on=_day(form, moment, "on"),
        )
    except WidenetError as exc:
        state = refused_as(store, form, exc, _rating_field(keys))
        return company_page(
            request, store, moment, company_id, forms={"rate": state}, status_code=exc.status
        )
    return RedirectResponse(f"/companies/{company_id}#your-view", status_code=303)


def _keys(store: Store) -> list[str]:
    """The criteria's keys in the user's order."""
    return [item.key for item in evaluate.criteria(store).criteria]


def _day(form: dict[str, str], moment: Moment, name: str) -> date | None:
    text = form.get(name, "").strip()
    return parse_date(text, today=moment.today, field=name) if text else None


ASK_FIELDS = ("question", "criterion", "at", "answer", "on")


@router.post("/companies/{company_id}/questions")
def ask(
    request: Request, company_id: ItemId, store: StoreDep, moment: MomentDep, form: FormDep
) -> Response:
    """Record a question asked and its answer; the log only grows."""
    company = companies.found(store, company_id)
    try:
        evaluate.ask(
            store,
            moment,
            company=company.name,
            question=form.get("question", ""),
            answer=form.get("answer", ""),
            at=form.get("at", "").strip() or None,
            criterion=form.get("criterion", "").strip() or None,
            on=_day(form, moment, "on"),
        )
    except WidenetError as exc:
        state = refused_as(store, form, exc, lambda name: name if name in ASK_FIELDS else None)
        return company_page(
            request, store, moment, company_id, forms={"ask": state}, status_code=exc.status
        )
    return RedirectResponse(f"/companies/{company_id}#to-ask", status_code=303)


# -- the decision ----------------------------------------------------------------------------
@router.get("/decide")
def decision(
    request: Request,
    store: StoreDep,
    moment: MomentDep,
    offer_weight: Annotated[
        float, Query(ge=0, le=100, description="How much the offer counts, like a criterion.")
    ] = 0.0,
) -> Response:
    view = evaluate.decide(store, moment, offer_weight=offer_weight)
    context = {
        "decision": view,
        "currency": _offer_currency(store, moment),
        "offer_weight": offer_weight,
        "company_ids": {company.name: company.id for company in companies.listing(store)},
        "money": _money,
    }
    return page(request, "decide.html", context)


def _offer_currency(store: Store, moment: Moment) -> str:
    """The currency the open offers share (the decision's offer column only has offers when
    they share one)."""
    codes = {view.current.currency for view in offers.offer_views(store, moment) if view.is_open}
    return codes.pop() if len(codes) == 1 else "USD"


def _money(minor: int, currency: str) -> str:
    return format_money(Money(minor, currency), cents=False)


# -- criteria and weights --------------------------------------------------------------------
def criteria_page(
    request: Request,
    store: Store,
    *,
    forms: dict[str, FormState] | None = None,
    saved: str = "",
    status_code: int = 200,
) -> Response:
    context = {"criteria": evaluate.criteria(store), "forms": forms or {}, "saved": saved}
    return page(request, "criteria.html", context, status_code=status_code)


@router.get("/criteria")
def criteria(request: Request, store: StoreDep, saved: str = "") -> Response:
    return criteria_page(request, store, saved=saved if saved in ("weights", "criterion") else "")


@router.post("/criteria/weights")
def set_weights(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    """Save every weight at once; refused whole when one is wrong or they sum to zero."""
    keys = _keys(store)
    weights = [f"{key}={form.get(WEIGHT + key, '').strip()}" for key in keys]

    def field_of(name: str) -> str | None:
        key = name.removeprefix("weights.")
        return WEIGHT + key if key in keys else None

    try:
        missing = [key for key in keys if not form.get(WEIGHT + key, "").strip()]
        if missing:
            raise InvalidInput(
                "Give a weight (0 or more; 0 ignores the criterion).", field=missing[0]
            )
        evaluate.set_weights(store, moment, weights)
    except WidenetError as exc:
        state = refused_as(store, form, exc, field_of)
        return criteria_page(request, store, forms={"weights": state}, status_code=exc.status)
    return RedirectResponse("/criteria?saved=weights", status_code=303)


ADD_FIELDS = {"name": "name", "key": "name", "weight": "weight", "label": "label"}


@router.post("/criteria")
def add_criterion(request: Request, store: StoreDep, moment: MomentDep, form: FormDep) -> Response:
    """Add a criterion of your own (e.g. commute)."""
    try:
        evaluate.add_criterion(
            store,
            moment,
            name=form.get("name", ""),
            weight=_weight(form.get("weight", "")),
            label=form.get("label", ""),
        )
    except WidenetError as exc:
        state = refused_as(store, form, exc, ADD_FIELDS.get)
        return criteria_page(request, store, forms={"add": state}, status_code=exc.status)
    return RedirectResponse("/criteria?saved=criterion", status_code=303)


def _weight(text: str) -> float:
    if not text.strip():
        return 1.0
    try:
        return float(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a number.", field="weight") from None
