"""JSON API: ratings, criteria and the decision."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from widenet.errors import InvalidInput, Problem
from widenet.services import companies, evaluate
from widenet.web.deps import MAX_ID, MomentDep, StoreDep
from widenet.web.routes.api_tracking import PROBLEMS
from widenet.web.schemas_evaluate import (
    CriteriaUpdate,
    CriterionCreate,
    CriterionPublic,
    DecisionPublic,
    RateResultPublic,
    RatingCreate,
    RatingPublic,
)
from widenet.web.security import check_api_write

router = APIRouter(dependencies=[Depends(check_api_write)], responses=PROBLEMS)

CompanyId = Annotated[int, Query(ge=1, le=MAX_ID, description="The company's id.")]


@contextmanager
def renamed(field_of: Callable[[str], str]) -> Iterator[None]:
    """Name the fields of InvalidInput problems as the request body does (``scores.team``)."""
    try:
        yield
    except InvalidInput as error:
        problems = [
            Problem(p.message, field=field_of(p.field) if p.field else None, line=p.line)
            for p in error.problems
        ]
        raise InvalidInput(error.message, problems=problems, hint=error.hint) from None


# -- ratings ---------------------------------------------------------------------------------
@router.get("/ratings", tags=["ratings"])
def list_ratings(company_id: CompanyId, store: StoreDep, moment: MomentDep) -> list[RatingPublic]:
    """Every rating of one company, oldest first (ratings are never changed or removed)."""
    company = companies.found(store, company_id)
    view = evaluate.ratings(store, moment, company.name)
    return [RatingPublic.of(rating) for point in view.points for rating in point.rated]


RATING_FIELDS = ("company_id", "after", "confidence", "note", "on", "scores")


@router.post("/ratings", status_code=201, tags=["ratings"])
def create_ratings(
    body: RatingCreate, store: StoreDep, moment: MomentDep, response: Response
) -> RateResultPublic:
    """Rate several criteria of one company at once; earlier ratings stay in the history."""
    company = companies.found(store, body.company_id)
    with renamed(lambda name: name if name in RATING_FIELDS else f"scores.{name}"):
        result = evaluate.rate(
            store,
            moment,
            company=company.name,
            scores=[f"{name}={score}" for name, score in body.scores.items()],
            after=body.after,
            confidence=body.confidence.value if body.confidence else None,
            note=body.note,
            on=body.on,
        )
    response.headers["location"] = f"/api/v1/ratings?company_id={company.id}"
    return RateResultPublic.of(result)


# -- criteria --------------------------------------------------------------------------------
@router.get("/criteria", tags=["criteria"])
def list_criteria(store: StoreDep) -> list[CriterionPublic]:
    """Your criteria with their weights (widenet's defaults until you change them)."""
    return [CriterionPublic.of(item) for item in evaluate.criteria(store).criteria]


def _weight_field(name: str) -> str:
    return name if name.startswith("weights") else f"weights.{name}"


@router.patch("/criteria", tags=["criteria"])
def update_weights(
    body: CriteriaUpdate, store: StoreDep, moment: MomentDep
) -> list[CriterionPublic]:
    """Change some weights; the earlier weights are kept in the audit log."""
    with renamed(_weight_field):
        view = evaluate.set_weights(
            store, moment, [f"{name}={weight!r}" for name, weight in body.weights.items()]
        )
    return [CriterionPublic.of(item) for item in view.criteria]


@router.post("/criteria", status_code=201, tags=["criteria"])
def create_criterion(
    body: CriterionCreate, store: StoreDep, moment: MomentDep, response: Response
) -> list[CriterionPublic]:
    """Add a criterion of your own; answers with every criterion."""
    view = evaluate.add_criterion(
        store, moment, name=body.name, weight=body.weight, label=body.label
    )
    response.headers["location"] = "/api/v1/criteria"
    return [CriterionPublic.of(item) for item in view.criteria]


# -- the decision ----------------------------------------------------------------------------
@router.get("/decision", tags=["decision"])
def read_decision(
    store: StoreDep,
    moment: MomentDep,
    offer_weight: Annotated[
        float, Query(ge=0, le=100, description="Count the offer like a criterion of this weight.")
    ] = 0.0,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = evaluate.DEFAULT_SEED,
) -> DecisionPublic:
    """The companies still in play ranked on your latest ratings, with the offers' 4-year
    risk-adjusted values, the weight changes that would change the first choice and the
    rank stability under random nudges of every weight."""
    return DecisionPublic.of(evaluate.decide(store, moment, seed=seed, offer_weight=offer_weight))
