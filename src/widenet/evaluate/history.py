"""How the view of a company changed: its score after each rating session, and the big moves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from widenet.evaluate.criteria import Criteria
from widenet.evaluate.ratings import Rating, after_label, ratings_of
from widenet.evaluate.score import Score, score_of
from widenet.evaluate.sparkline import sparkline
from widenet.track.stages import Stage

#: Score moves smaller than this are rounding noise, not a change of view.
EPSILON = 1e-9


@dataclass(frozen=True)
class ScorePoint:
    """The score right after one rating session (same company, day and stage)."""

    on: date
    after: Stage | str
    score: Score
    ratings: tuple[Rating, ...]  # the session's own ratings

    @property
    def after_label(self) -> str:
        return after_label(self.after)


@dataclass(frozen=True)
class CriterionMove:
    criterion: str
    before: int | None  # None: rated for the first time in this session
    now: int


@dataclass(frozen=True)
class Change:
    """A move of a company's weighted score, and the stage whose lessons caused it."""

    company: str
    on: date
    after: Stage | str
    before: float
    now: float
    moves: tuple[CriterionMove, ...]

    @property
    def delta(self) -> float:
        return self.now - self.before

    @property
    def after_label(self) -> str:
        return after_label(self.after)


def sessions(ratings: Iterable[Rating]) -> list[tuple[Rating, ...]]:
    """Ratings grouped into sessions: consecutive (in date order) with the same day and stage."""
    ordered = sorted(ratings, key=lambda rating: rating.on)
    return [
        tuple(group) for _, group in groupby(ordered, key=lambda rating: (rating.on, rating.after))
    ]


def score_over_time(
    history: Iterable[Rating], company: str, criteria: Criteria
) -> tuple[ScorePoint, ...]:
    """The company's score after each of its rating sessions, oldest first.

    Each point uses the latest rating of every criterion up to and including that session;
    a criterion not yet rated is left out of the mean (see :func:`weighted_score`).
    """
    state: dict[str, Rating] = {}
    points: list[ScorePoint] = []
    for session in sessions(ratings_of(history, company)):
        for rating in session:
            state[rating.criterion] = rating
        first = session[0]
        points.append(
            ScorePoint(first.on, first.after, score_of(state.values(), criteria), session)
        )
    return tuple(points)


def changes(history: Iterable[Rating], company: str, criteria: Criteria) -> tuple[Change, ...]:
    """Every session that moved the score, in date order (a first score is not a change)."""
    found: list[Change] = []
    state: dict[str, int] = {}
    points = score_over_time(history, company, criteria)
    for previous, point in zip((None, *points), points, strict=False):
        moves = tuple(
            CriterionMove(r.criterion, state.get(r.criterion), r.score)
            for r in _last_per_criterion(point.ratings)
            if state.get(r.criterion) != r.score
        )
        state.update({r.criterion: r.score for r in point.ratings})
        before = previous.score.value if previous else None
        now = point.score.value
        if before is not None and now is not None and abs(now - before) > EPSILON:
            found.append(Change(company, point.on, point.after, before, now, moves))
    return tuple(found)


def _last_per_criterion(ratings: Sequence[Rating]) -> list[Rating]:
    return list({rating.criterion: rating for rating in ratings}.values())


def biggest_changes(
    history: Iterable[Rating], company: str, criteria: Criteria, *, limit: int = 5
) -> tuple[Change, ...]:
    """The largest moves of the score (up or down), biggest first; ties by date."""
    ranked = sorted(
        changes(history, company, criteria), key=lambda change: (-abs(change.delta), change.on)
    )
    return tuple(ranked[:limit])


def score_sparkline(points: Sequence[ScorePoint]) -> str:
    """One character per session on the fixed 1-5 scale, so companies compare at a glance."""
    return sparkline([point.score.value for point in points])
