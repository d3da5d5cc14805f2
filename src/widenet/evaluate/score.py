"""The weighted score of a company: the formula, and how missing ratings and confidence count."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from widenet.evaluate.criteria import Criteria, unknown_criterion
from widenet.evaluate.ratings import Confidence, Rating, check_score, latest_ratings

#: Confidence levels that count as "known" in :attr:`Score.confident_coverage`.
FIRM = frozenset({Confidence.MEDIUM, Confidence.HIGH})


@dataclass(frozen=True)
class Score:
    """A weighted score and how much of the user's criteria it rests on.

    ``value`` is the weighted mean of the rated criteria (1-5), or None when no criterion with
    a weight above 0 is rated. ``coverage`` is the share of the total weight that is rated;
    ``confident_coverage`` the share rated with medium or high confidence.
    """

    value: float | None
    coverage: float
    confident_coverage: float
    scores: Mapping[str, int] = field(default_factory=dict)

    @property
    def missing(self) -> bool:
        return self.value is None


def weighted_score(
    scores: Mapping[str, int],
    criteria: Criteria,
    *,
    confidence: Mapping[str, Confidence] | None = None,
) -> Score:
    """Σ wᵢ·sᵢ / Σ wᵢ over the rated criteria; unrated ones are left out, not counted as 0.

    Leaving them out renormalises the weights over what is known, so a company is not punished
    for facts not yet learned; :attr:`Score.coverage` says how much that is. Confidence does
    not change the value (a low-confidence 4 is still the best guess); it lowers
    ``confident_coverage`` and drives the questions to ask.
    """
    for key, score in scores.items():
        if key not in criteria:
            raise unknown_criterion(key, criteria)
        check_score(score, field=key)
    total = criteria.total_weight
    rated = [(criteria.weight(key), score) for key, score in scores.items()]
    rated_weight = math.fsum(weight for weight, _ in rated)
    firm = confidence or {}
    firm_weight = math.fsum(
        criteria.weight(key) for key in scores if firm.get(key, Confidence.MEDIUM) in FIRM
    )
    value = (
        math.fsum(weight * score for weight, score in rated) / rated_weight
        if rated_weight > 0
        else None
    )
    return Score(value, rated_weight / total, firm_weight / total, dict(scores))


def score_of(ratings: Iterable[Rating], criteria: Criteria) -> Score:
    """The score of ratings already chosen (one per criterion); criteria no longer in the
    set are ignored, so removing a criterion keeps its ratings in the history harmlessly."""
    kept = [rating for rating in ratings if rating.criterion in criteria]
    return weighted_score(
        {rating.criterion: rating.score for rating in kept},
        criteria,
        confidence={rating.criterion: rating.confidence for rating in kept},
    )


def company_score(
    history: Iterable[Rating], company: str, criteria: Criteria, *, as_of: date | None = None
) -> Score:
    """A company's score as of a day (default: everything): the latest rating per criterion."""
    return score_of(latest_ratings(history, company, as_of=as_of).values(), criteria)
