"""The learning curve: pass rate by order with a credible band, and self-rating calibration."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from widenet.analytics.learning import beta_cdf, beta_interval, beta_quantile, learning_curve
from widenet.errors import InvalidInput
from widenet.track.model import Interview, InterviewKind, Outcome

from .build import day, interview

P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("a", "b", "cdf"),
    [
        (1, 1, lambda x: x),
        (2, 1, lambda x: x**2),
        (1, 2, lambda x: 1 - (1 - x) ** 2),
        (3, 2, lambda x: 4 * x**3 * (1 - x) + x**4),  # at least 3 successes in 4 trials
        (1, 30, lambda x: 1 - (1 - x) ** 30),
    ],
)
@pytest.mark.parametrize("x", [0.0, 0.01, 0.25, 0.5, 0.9, 1.0])
def test_beta_cdf_matches_closed_forms(
    a: int, b: int, cdf: Callable[[float], float], x: float
) -> None:
    assert beta_cdf(a, b, x) == pytest.approx(cdf(x), abs=1e-12)


@pytest.mark.parametrize(("a", "b", "x"), [(2.5, 7.3, 0.2), (40, 3, 0.9), (700, 650, 0.52)])
def test_beta_cdf_is_symmetric(a: float, b: float, x: float) -> None:
    assert beta_cdf(a, b, x) == pytest.approx(1 - beta_cdf(b, a, 1 - x), abs=1e-10)


@pytest.mark.parametrize("q", [0.05, 0.5, 0.95])
def test_beta_quantiles(q: float) -> None:
    assert beta_quantile(1, 1, q) == pytest.approx(q, abs=1e-12)
    assert beta_quantile(2, 1, q) == pytest.approx(math.sqrt(q), abs=1e-12)
    assert beta_quantile(500, 500, 0.5) == pytest.approx(0.5, abs=1e-12)


def test_beta_interval_holds_its_mass() -> None:
    low, high = beta_interval(4, 9, mass=0.8)
    assert beta_cdf(4, 9, high) - beta_cdf(4, 9, low) == pytest.approx(0.8, abs=1e-9)


def technical(outcomes: list[Outcome], *, first_day: int = 0) -> list[Interview]:
    return [interview(first_day + i, outcome=o) for i, o in enumerate(outcomes)]


@pytest.mark.parametrize(
    ("outcomes", "window", "expected"),
    [
        pytest.param(
            [F, F, P, P, P],
            1,
            [(0, 2), (1, 2), (2, 1), (3, 0), (2, 0)],
            id="improving: a window of one either side",
        ),
        pytest.param([F, U, P], 1, [(0, 1), (1, 1), (1, 0)], id="an unknown outcome adds nothing"),
        pytest.param([P, F, P], 0, [(1, 0), (0, 1), (1, 0)], id="no smoothing"),
    ],
)
def test_trend_counts_and_posterior_means(
    outcomes: list[Outcome], window: int, expected: list[tuple[int, int]]
) -> None:
    curve = learning_curve(technical(outcomes), today=day(30), window=window)
    assert [(p.passes, p.fails) for p in curve.trend] == expected
    for point, (s, f) in zip(curve.trend, expected, strict=True):
        assert point.mean == pytest.approx((1 + s) / (2 + s + f))  # Beta(1, 1) prior
        assert point.low < point.mean < point.high


def test_attempts_are_ordered_by_time_and_only_technical_ones_held_by_today() -> None:
    booked = [
        interview(5, outcome=P),
        interview(2, outcome=F),
        interview(3, InterviewKind.RECRUITER, outcome=P),
        interview(40, outcome=P),  # after today: not held yet
    ]
    curve = learning_curve(booked, today=day(30))
    assert [(a.order, a.on, a.outcome) for a in curve.attempts] == [(1, day(2), F), (2, day(5), P)]


def test_other_kinds_can_be_counted_as_technical() -> None:
    booked = [interview(1, InterviewKind.ONSITE, outcome=P), interview(2, outcome=F)]
    curve = learning_curve(
        booked, today=day(30), kinds=(InterviewKind.TECHNICAL, InterviewKind.ONSITE)
    )
    assert [a.outcome for a in curve.attempts] == [P, F]


def test_self_rating_against_outcome() -> None:
    booked = [
        interview(1, rating=4, outcome=P),
        interview(2, rating=4, outcome=P),
        interview(3, rating=4, outcome=F),
        interview(4, InterviewKind.RECRUITER, rating=2, outcome=F),
        interview(5, rating=2, outcome=P),
        interview(6, rating=1, outcome=F),
        interview(7, rating=3, outcome=U),  # no outcome yet: not judged
        interview(8, outcome=P),  # not rated
    ]
    curve = learning_curve(booked, today=day(30))
    assert [(r.rating, r.passes, r.fails, r.pass_rate) for r in curve.ratings] == [
        (1, 0, 1, 0.0),
        (2, 1, 1, 0.5),
        (3, 0, 0, None),
        (4, 2, 1, 2 / 3),
    ]
    assert curve.judged == 6
    assert curve.agreement == pytest.approx(4 / 6)  # 4P 4P 2F 1F agree; 4F 2P do not
    unrated = curve.ratings[2]
    assert (unrated.low, unrated.high) == pytest.approx((0.05, 0.95))  # the flat prior


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"window": -1}, "window"), ({"mass": 1.0}, "mass"), ({"mass": 0.0}, "mass")],
)
def test_bad_settings_are_refused(kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        learning_curve([], today=day(1), **kwargs)  # type: ignore[arg-type]
    assert error.value.field == field


def test_a_rating_off_the_scale_is_refused() -> None:
    with pytest.raises(InvalidInput, match="self-rating 5") as error:
        learning_curve([interview(1, rating=5, outcome=P)], today=day(3))
    assert error.value.field == "self_rating"


def test_empty_search() -> None:
    curve = learning_curve([], today=day(3))
    assert (curve.attempts, curve.trend, curve.judged, curve.agreement) == ((), (), 0, None)
    assert [r.pass_rate for r in curve.ratings] == [None] * 4
