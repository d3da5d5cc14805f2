"""What the evaluation services return: plain, JSON-ready views (see views.json_default)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from widenet.evaluate import (
    AskedQuestion,
    Change,
    Criteria,
    Question,
    Rating,
    ScorePoint,
    Suggestion,
)
from widenet.evaluate.ratings import after_label
from widenet.track.stages import PROGRESS, Stage


@dataclass(frozen=True)
class CriterionView:
    key: str
    label: str
    weight: float
    share: float  # of the total weight; the shares sum to 1
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class CriteriaView:
    criteria: tuple[CriterionView, ...]
    total_weight: float
    changed: Mapping[str, float]  # key -> the weight before, for a weight change just made


@dataclass(frozen=True)
class RatingView:
    criterion: str
    label: str
    score: int
    on: date
    after: str  # shown: "Onsite", or a free label such as "coffee with a former employee"
    after_stage: str | None  # the stage kind it followed, when it was one
    confidence: str
    note: str


@dataclass(frozen=True)
class CriterionHistory:
    """One criterion of one company: its weight, the rating in force, and every rating."""

    key: str
    label: str
    weight: float
    latest: RatingView | None
    history: tuple[RatingView, ...]


@dataclass(frozen=True)
class PointView:
    """The score right after one rating session."""

    on: date
    after: str
    after_stage: str | None
    score: float | None
    coverage: float
    confident_coverage: float
    rated: tuple[RatingView, ...]  # the session's own ratings


@dataclass(frozen=True)
class MoveView:
    criterion: str
    label: str
    before: int | None  # None: rated for the first time
    now: int


@dataclass(frozen=True)
class ChangeView:
    """A move of the weighted score and the stage that caused it."""

    on: date
    after: str
    after_stage: str | None
    before: float
    now: float
    delta: float
    moves: tuple[MoveView, ...]


@dataclass(frozen=True)
class RatingsView:
    """How the view of one company moved through its process."""

    company: str
    stage: str | None  # where its process stands ("Onsite", "Withdrawn"), None without one
    score: float | None
    coverage: float
    confident_coverage: float
    sparkline: str
    criteria: tuple[CriterionHistory, ...]
    points: tuple[PointView, ...]
    biggest_changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class RateResult:
    company: str
    added: tuple[RatingView, ...]
    score_before: float | None
    score_now: float | None
    coverage: float
    sparkline: str


@dataclass(frozen=True)
class QuestionView:
    id: str
    criterion: str
    text: str
    best_at: tuple[str, ...]  # stage kinds, in funnel order


@dataclass(frozen=True)
class SuggestionView:
    criterion: str
    label: str
    unknown: str  # never_rated or low_confidence
    why: str  # "never rated", "rated with low confidence"
    importance: float
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class AskedView:
    company: str
    criterion: str
    label: str
    question: str
    question_id: str
    on: date
    at: str
    at_stage: str | None
    answer: str


@dataclass(frozen=True)
class QuestionsView:
    """What is still unknown about a company before its next stage, and what was asked."""

    company: str
    stage: str | None
    next_stage: str | None  # a stage kind
    next_stage_label: str | None
    suggestions: tuple[SuggestionView, ...]
    asked: tuple[AskedView, ...]


@dataclass(frozen=True)
class MatrixRowView:
    rank: int | None
    company: str
    stage: str | None
    ratings: Mapping[str, int]  # the rating in force per criterion key
    score: float | None  # the criteria alone
    total: float | None  # what the ranking uses (offers included when weighted)
    coverage: float
    confident_coverage: float
    compensation: int | None  # as supplied by the offers work, in minor units
    compensation_score: float | None


@dataclass(frozen=True)
class FlipView:
    """The smallest change of one weight that would put another company first."""

    criterion: str
    label: str
    weight: float
    flip_weight: float | None  # None: no weight from 0 upwards changes the leader
    change: float | None
    relative: float | None
    direction: int  # +1 more weight flips it, -1 less weight does
    new_leader: str | None


@dataclass(frozen=True)
class StabilityView:
    runs: int
    spread: float
    seed: int
    leader: str | None
    leader_kept: float
    ranking_kept: float
    wins: Mapping[str, float]
    mean_rank: Mapping[str, float]


@dataclass(frozen=True)
class DecisionView:
    rule: str  # which companies are compared, in words
    criteria: tuple[CriterionView, ...]
    compensation_weight: float
    rows: tuple[MatrixRowView, ...]
    leader: str | None
    flips: tuple[FlipView, ...]
    stability: StabilityView


# -- builders ------------------------------------------------------------------------------
def criteria_view(criteria: Criteria, changed: Mapping[str, float] | None = None) -> CriteriaView:
    return CriteriaView(criterion_views(criteria), criteria.total_weight, dict(changed or {}))


def criterion_views(criteria: Criteria) -> tuple[CriterionView, ...]:
    shares = criteria.shares()
    return tuple(
        CriterionView(item.key, item.label, item.weight, shares[item.key], item.aliases)
        for item in criteria
    )


def label_of(key: str, criteria: Criteria) -> str:
    """A criterion's label; the key itself for a criterion no longer in the set."""
    return criteria[key].label if key in criteria else key


def stage_value(after: Stage | str) -> str | None:
    return after.value if isinstance(after, Stage) else None


def rating_view(rating: Rating, criteria: Criteria) -> RatingView:
    return RatingView(
        rating.criterion,
        label_of(rating.criterion, criteria),
        rating.score,
        rating.on,
        rating.after_label,
        stage_value(rating.after),
        rating.confidence.value,
        rating.note,
    )


def point_view(point: ScorePoint, criteria: Criteria) -> PointView:
    return PointView(
        point.on,
        point.after_label,
        stage_value(point.after),
        point.score.value,
        point.score.coverage,
        point.score.confident_coverage,
        tuple(rating_view(rating, criteria) for rating in point.ratings),
    )


def change_view(change: Change, criteria: Criteria) -> ChangeView:
    moves = tuple(
        MoveView(move.criterion, label_of(move.criterion, criteria), move.before, move.now)
        for move in change.moves
    )
    return ChangeView(
        change.on,
        change.after_label,
        stage_value(change.after),
        change.before,
        change.now,
        change.delta,
        moves,
    )


def question_view(question: Question) -> QuestionView:
    order = [stage for stage in PROGRESS if stage in question.best_at]  # sets have no order
    return QuestionView(
        question.id, question.criterion, question.text, tuple(s.value for s in order)
    )


def suggestion_view(suggestion: Suggestion) -> SuggestionView:
    return SuggestionView(
        suggestion.criterion,
        suggestion.label,
        suggestion.unknown.value,
        suggestion.unknown.label,
        suggestion.importance,
        tuple(question_view(question) for question in suggestion.questions),
    )


def asked_view(entry: AskedQuestion, criteria: Criteria) -> AskedView:
    return AskedView(
        entry.company,
        entry.criterion,
        label_of(entry.criterion, criteria),
        entry.question,
        entry.question_id,
        entry.on,
        after_label(entry.at),
        stage_value(entry.at),
        entry.answer,
    )


def asked_views(log: Iterable[AskedQuestion], criteria: Criteria) -> tuple[AskedView, ...]:
    return tuple(asked_view(entry, criteria) for entry in log)
