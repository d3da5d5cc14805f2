"""The JSON API's shapes for judging companies: ratings, criteria and the decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from widenet.evaluate import Confidence
from widenet.services.evaluate_views import (
    CriterionView,
    DecisionView,
    RateResult,
    RatingView,
)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# -- ratings ---------------------------------------------------------------------------------
class RatingCreate(_In):
    """One rating session: several criteria of one company rated at once."""

    company_id: int
    scores: dict[str, int] = Field(
        description="Criterion (key, label, alias or unique prefix) -> score from 1 (poor) to "
        '5 (excellent), e.g. {"team": 4, "manager": 3}.'
    )
    after: str | None = Field(
        None,
        description="The step it followed: a stage (onsite), your own step's name, or a free "
        "label. Default: the latest step the process had reached that day.",
    )
    confidence: Confidence | None = Field(
        None, description="low (a guess), medium (default: told by someone inside), high."
    )
    note: str = ""
    on: date | None = Field(None, description="Default: today; not in the future.")


class RatingPublic(_Out):
    criterion: str
    label: str
    score: int
    on: date
    after: str
    after_stage: str | None = Field(description="The stage kind it followed, when it was one.")
    confidence: str
    note: str

    @classmethod
    def of(cls, view: RatingView) -> RatingPublic:
        return cls.model_validate(view)


class RateResultPublic(BaseModel):
    company: str
    added: list[RatingPublic]
    score_before: float | None
    score_now: float | None
    coverage: float = Field(description="The share of your total weight the score rests on.")

    @classmethod
    def of(cls, result: RateResult) -> RateResultPublic:
        return cls(
            company=result.company,
            added=[RatingPublic.of(view) for view in result.added],
            score_before=result.score_before,
            score_now=result.score_now,
            coverage=result.coverage,
        )


# -- criteria --------------------------------------------------------------------------------
class CriterionPublic(_Out):
    key: str
    label: str
    weight: float
    share: float = Field(description="Of the total weight; the shares sum to 1.")
    aliases: list[str]

    @classmethod
    def of(cls, view: CriterionView) -> CriterionPublic:
        return cls.model_validate(view)


class CriteriaUpdate(_In):
    weights: dict[str, float] = Field(
        description='Criterion -> new weight (0 or more), e.g. {"team": 4}. Refused whole when '
        "one is wrong or all weights would sum to zero."
    )


class CriterionCreate(_In):
    name: str = Field(description="Its key is the name in lower case with _ (commute_time).")
    weight: float = 1.0
    label: str = ""


# -- the decision ----------------------------------------------------------------------------
class MatrixRowPublic(_Out):
    rank: int | None
    company: str
    stage: str | None
    ratings: dict[str, int] = Field(description="The rating in force per criterion key.")
    score: float | None
    total: float | None = Field(description="What the ranking uses (offer included if weighted).")
    coverage: float
    confident_coverage: float
    compensation: int | None = Field(
        description="The offer's 4-year risk-adjusted value, in minor units of its currency."
    )
    compensation_score: float | None


class FlipPublic(_Out):
    criterion: str
    label: str
    weight: float
    flip_weight: float | None = Field(description="None: no weight changes the leader.")
    change: float | None
    relative: float | None
    direction: int
    new_leader: str | None


class StabilityPublic(_Out):
    runs: int
    spread: float
    seed: int
    leader: str | None
    leader_kept: float
    ranking_kept: float
    wins: dict[str, float]
    mean_rank: dict[str, float]


class DecisionPublic(_Out):
    rule: str = Field(description="Which companies are compared, in words.")
    criteria: list[CriterionPublic]
    compensation_weight: float
    rows: list[MatrixRowPublic]
    leader: str | None
    flips: list[FlipPublic]
    stability: StabilityPublic

    @classmethod
    def of(cls, view: DecisionView) -> DecisionPublic:
        return cls.model_validate(_plain(view))


def _plain(view: DecisionView) -> dict[str, Any]:
    """Pydantic reads dataclass attributes, but not Mapping proxies or tuples of them."""
    return {
        "rule": view.rule,
        "criteria": list(view.criteria),
        "compensation_weight": view.compensation_weight,
        "rows": [{**vars(row), "ratings": dict(row.ratings)} for row in view.rows],
        "leader": view.leader,
        "flips": list(view.flips),
        "stability": {
            **vars(view.stability),
            "wins": dict(view.stability.wins),
            "mean_rank": dict(view.stability.mean_rank),
        },
    }
