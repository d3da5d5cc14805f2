"""The learning curve: technical pass rate by order in the search, and self-rating calibration."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from functools import lru_cache

from widenet.analytics.result import Result
from widenet.errors import InvalidInput
from widenet.track.model import Interview, InterviewKind, Outcome

RATINGS = (1, 2, 3, 4)
ADVANCE_RATING = 3  # on the 1-4 scale, 3 and up means "advance"


@dataclass(frozen=True)
class Attempt:
    """A technical interview that has taken place, numbered by its order in the search."""

    order: int  # 1 = the first technical interview of the search
    interview_id: int
    application_id: int
    on: date
    outcome: Outcome
    self_rating: int | None


@dataclass(frozen=True)
class TrendPoint:
    """The pass rate around one attempt: a Beta(1, 1) prior updated with the outcomes of the
    attempts within ``window`` places of it (fewer at the ends, so the band widens there)."""

    order: int
    passes: int
    fails: int
    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class RatingRow:
    """How interviews the person rated ``rating`` (1-4) turned out."""

    rating: int
    passes: int
    fails: int
    pass_rate: float | None
    low: float  # credible interval of the pass rate (Beta(1, 1) prior)
    high: float


@dataclass(frozen=True)
class LearningCurve(Result):
    today: date
    window: int
    mass: float  # probability mass of the credible intervals, e.g. 0.9
    attempts: tuple[Attempt, ...]
    trend: tuple[TrendPoint, ...]  # one per attempt, in order
    ratings: tuple[RatingRow, ...]  # ratings 1-4, over interviews of every kind
    judged: int  # interviews with both a self-rating and a known outcome
    agreement: float | None  # share where "rated 3+" matched "passed"


def learning_curve(
    interviews: Sequence[Interview],
    *,
    today: date,
    zone: tzinfo = UTC,
    kinds: Collection[InterviewKind] = (InterviewKind.TECHNICAL,),
    window: int = 2,
    mass: float = 0.9,
) -> LearningCurve:
    """Pass rate of ``kinds`` interviews by their order, and self-rating against outcome.

    Only interviews held on or before ``today`` (in ``zone``) count; those without a known
    outcome keep their place in the order but add no point to the trend.
    """
    if window < 0:
        raise InvalidInput("the trend window cannot be negative", field="window")
    if not 0 < mass < 1:
        raise InvalidInput("the credible mass must be between 0 and 1", field="mass")
    held = [i for i in interviews if _day(i, zone) <= today]
    for interview in held:
        if interview.self_rating is not None and interview.self_rating not in RATINGS:
            raise InvalidInput(
                f"interview {interview.id}: self-rating {interview.self_rating} is not 1-4",
                field="self_rating",
            )
    attempts = _attempts([i for i in held if i.kind in kinds], zone)
    judged = [i for i in held if i.self_rating is not None and i.outcome is not Outcome.UNKNOWN]
    agreeing = sum(
        (i.self_rating is not None and i.self_rating >= ADVANCE_RATING)
        == (i.outcome is Outcome.PASS)
        for i in judged
    )
    return LearningCurve(
        today=today,
        window=window,
        mass=mass,
        attempts=attempts,
        trend=_trend(attempts, window=window, mass=mass),
        ratings=_ratings(judged, mass=mass),
        judged=len(judged),
        agreement=agreeing / len(judged) if judged else None,
    )


def _day(interview: Interview, zone: tzinfo) -> date:
    if interview.start.tzinfo is None:
        raise InvalidInput(
            f"interview {interview.id}: its start {interview.start} has no time zone",
            field="start",
        )
    return interview.start.astimezone(zone).date()


def _attempts(interviews: Sequence[Interview], zone: tzinfo) -> tuple[Attempt, ...]:
    ordered = sorted(interviews, key=lambda i: (i.start, i.id))
    return tuple(
        Attempt(n, i.id, i.application_id, _day(i, zone), i.outcome, i.self_rating)
        for n, i in enumerate(ordered, start=1)
    )


def _trend(attempts: Sequence[Attempt], *, window: int, mass: float) -> tuple[TrendPoint, ...]:
    passed = [a.outcome is Outcome.PASS for a in attempts]
    failed = [a.outcome is Outcome.FAIL for a in attempts]
    points = []
    for i, attempt in enumerate(attempts):
        near = slice(max(0, i - window), i + window + 1)
        s, f = sum(passed[near]), sum(failed[near])
        low, high = beta_interval(1 + s, 1 + f, mass=mass)
        points.append(TrendPoint(attempt.order, s, f, (1 + s) / (2 + s + f), low, high))
    return tuple(points)


def _ratings(judged: Sequence[Interview], *, mass: float) -> tuple[RatingRow, ...]:
    rows = []
    for rating in RATINGS:
        outcomes = [i.outcome for i in judged if i.self_rating == rating]
        s = outcomes.count(Outcome.PASS)
        f = len(outcomes) - s
        low, high = beta_interval(1 + s, 1 + f, mass=mass)
        rows.append(RatingRow(rating, s, f, s / len(outcomes) if outcomes else None, low, high))
    return tuple(rows)


def beta_interval(a: float, b: float, *, mass: float) -> tuple[float, float]:
    """The equal-tailed credible interval holding ``mass`` of a Beta(a, b) distribution."""
    tail = (1 - mass) / 2
    return beta_quantile(a, b, tail), beta_quantile(a, b, 1 - tail)


@lru_cache(maxsize=4096)
def beta_quantile(a: float, b: float, q: float) -> float:
    """The ``q`` quantile of Beta(a, b), by bisection on :func:`beta_cdf`."""
    if a <= 0 or b <= 0:
        raise InvalidInput("Beta parameters must be positive", field="a" if a <= 0 else "b")
    low, high = 0.0, 1.0
    for _ in range(50):  # 2**-50: far below any difference a chart can show
        middle = (low + high) / 2
        if beta_cdf(a, b, middle) < q:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def beta_cdf(a: float, b: float, x: float) -> float:
    """P(X <= x) for X ~ Beta(a, b): the regularised incomplete beta function.

    Evaluated with the continued fraction of Numerical Recipes (section 6.4), on the side
    of ``x`` where it converges fast.
    """
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h
