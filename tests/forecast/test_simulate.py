"""The Monte Carlo engine: closed forms, reproducibility, and the per-search loop cross-check."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widenet.forecast import (
    ForecastParams,
    History,
    OpenApplication,
    Search,
    StageRecord,
    build_model,
    forecast,
    parse_params,
    simulate,
)
from widenet.forecast.draws import draw
from widenet.forecast.engine import simulate_draws
from widenet.forecast.loop import SearchOutcome, simulate_loop
from widenet.forecast.record import Simulation
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .helpers import TODAY, fixed_params, fresh_search

RUNS = 20_000
Z = 4.5  # a check fails by chance with probability under 1e-5


@pytest.mark.parametrize(
    ("count", "chances"),
    [
        (1, 0.5),
        (10, 0.8),
        (43, {Stage.APPLIED: 0.6, Stage.RECRUITER: 0.7, Stage.TECHNICAL: 0.5, Stage.ONSITE: 0.6}),
        (50, {Stage.APPLIED: 0.9, Stage.RECRUITER: 0.9, Stage.TECHNICAL: 0.9, Stage.ONSITE: 0.9}),
    ],
)
def test_independent_applications_give_binomial_offers(
    count: int, chances: float | dict[Stage, float]
) -> None:
    params = fixed_params(chances)
    each = chances if isinstance(chances, dict) else dict.fromkeys(range(4), chances)
    p = math.prod(each.values())
    offers = simulate(
        build_model(fresh_search(count), params), runs=RUNS, rng=np.random.default_rng(5)
    ).offers.astype(float)
    mean, variance = count * p, count * p * (1 - p)
    assert abs(offers.mean() - mean) < Z * math.sqrt(variance / RUNS)
    # The sample variance's standard error: sqrt((μ4 − σ⁴) / runs), μ4 of the binomial.
    fourth = variance * (1 + 3 * (count - 2) * p * (1 - p))
    assert abs(offers.var() - variance) < Z * math.sqrt((fourth - variance**2) / RUNS)
    for k in (1, 2, 3):
        exact = 1 - sum(math.comb(count, j) * p**j * (1 - p) ** (count - j) for j in range(k))
        share = float((offers >= k).mean())
        assert abs(share - exact) < Z * math.sqrt(exact * (1 - exact) / RUNS) + 1e-9


def test_the_same_seed_gives_the_same_forecast() -> None:
    search = fresh_search(12)
    first = forecast(search, rng=np.random.default_rng(42), runs=3000, wide_runs=300, max_extra=10)
    again = forecast(search, rng=np.random.default_rng(42), runs=3000, wide_runs=300, max_extra=10)
    other = forecast(search, rng=np.random.default_rng(43), runs=3000, wide_runs=300, max_extra=10)
    assert first.to_json() == again.to_json()
    assert first.to_json() != other.to_json()


def test_the_result_does_not_depend_on_the_number_of_workers() -> None:
    model = build_model(fresh_search(30), ForecastParams())
    one = simulate(model, runs=30_000, rng=np.random.default_rng(3), workers=1)
    two = simulate(model, runs=30_000, rng=np.random.default_rng(3), workers=2)
    assert np.array_equal(one.offers, two.offers)
    assert np.array_equal(one.offer_days, two.offer_days)
    assert np.array_equal(one.app_entry, two.app_entry)


def test_progress_is_reported_up_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    model = build_model(fresh_search(40), ForecastParams())
    simulate(
        model, runs=20_000, rng=np.random.default_rng(0), progress=lambda d, t: seen.append((d, t))
    )
    assert len(seen) > 1
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (20_000, 20_000)


def _mixed_search() -> Search:
    """Every feature at once: stages under way, days waited, referrals, sizes, an offer."""
    apps = [
        OpenApplication("fresh small", size=SizeBand.SMALL, excitement=1),
        OpenApplication("fresh huge", size=SizeBand.HUGE, excitement=2),
        OpenApplication("waiting", days_in_stage=9, excitement=3),
        OpenApplication("referred", referral=True, excitement=4, size=SizeBand.LARGE),
        OpenApplication("recruiter", stage=Stage.RECRUITER, days_in_stage=2, excitement=1),
        OpenApplication("technical", stage=Stage.TECHNICAL, days_in_stage=4, excitement=5),
        OpenApplication(
            "own pipeline",
            excitement=2,
            pipeline=(Stage.APPLIED, Stage.HIRING_MANAGER, Stage.TAKE_HOME, Stage.REFERENCES),
        ),
        OpenApplication("late", excitement=3, size=SizeBand.LARGE),
        OpenApplication("later", excitement=2, size=SizeBand.MEDIUM),
        OpenApplication("latest", excitement=4, size=SizeBand.SMALL, days_in_stage=3),
    ]
    history = History(
        {
            Stage.RECRUITER: StageRecord(passed=3, rejected=1, interviews=5),
            Stage.TECHNICAL: StageRecord(passed=1, rejected=1, interviews=2),
            Stage.APPLIED: StageRecord(passed=4, rejected=3, ghosted=2),
        }
    )
    return Search(TODAY, tuple(apps), history)


def _planned_search() -> Search:
    """The mixed search plus applications still to be sent, a booked onsite in nine days,
    and a booked recruiter call of a low-rated company (the pruning policy may drop it)."""
    later = (
        OpenApplication("sent in 3 days", size=SizeBand.LARGE, excitement=5, starts_in_days=3),
        OpenApplication("dull, in 20 days", excitement=1, starts_in_days=20),
        OpenApplication("dull, in 40 days", excitement=1, starts_in_days=40.5),
        OpenApplication("onsite booked", stage=Stage.ONSITE, excitement=4, starts_in_days=9),
        OpenApplication("call booked", stage=Stage.RECRUITER, excitement=1, starts_in_days=6),
        OpenApplication(
            "recruiter said", excitement=3, starts_in_days=2, median_days={Stage.APPLIED: 2.0}
        ),
    )
    search = _mixed_search()
    return replace(search, applications=(*search.applications, *later))


@pytest.mark.parametrize(
    "variant",
    [
        "default",
        "offer in hand",
        "no practice",
        "no pruning",
        "window",
        "planned",
        "quick decision",
        "no decision",
    ],
)
def test_the_vectorised_engine_agrees_with_the_per_search_loop(variant: str) -> None:
    search = _mixed_search()
    params = ForecastParams()
    window = math.inf
    if variant == "offer in hand":
        held = OpenApplication("offer", stage=Stage.OFFER, days_in_stage=3, offer_days_left=5)
        search = replace(search, applications=(*search.applications, held))
    elif variant == "no practice":
        params = params.model_copy(
            update={"practice": params.practice.model_copy(update={"enabled": False})}
        )
    elif variant == "no pruning":
        params = params.model_copy(
            update={"pruning": params.pruning.model_copy(update={"enabled": False})}
        )
    elif variant == "window":
        window = 20.0
    elif variant == "planned":
        search = _planned_search()
    elif variant in ("quick decision", "no decision"):
        held = OpenApplication("offer", stage=Stage.OFFER, days_in_stage=1, offer_days_left=5)
        search = replace(_planned_search(), applications=(*_planned_search().applications, held))
        decide = {"quick decision": 6.5, "no decision": None}[variant]
        params = params.model_copy(
            update={"pruning": params.pruning.model_copy(update={"decision_window_days": decide})}
        )
    model = build_model(search, params)
    draws = draw(model, 500, np.random.default_rng(9))
    fast = simulate_draws(model, draws, window=window, detail=True)
    slow = simulate_loop(model, draws, window=window)
    assert [outcome.offers for outcome in slow] == fast.offers.tolist()
    assert [list(outcome.reached) for outcome in slow] == fast.reached.tolist()
    assert [outcome.two_open for outcome in slow] == fast.two_open.tolist()
    firsts = [outcome.offer_days[0] if outcome.offer_days else math.inf for outcome in slow]
    np.testing.assert_allclose(fast.offer_days[:, 0], firsts, rtol=1e-5, atol=1e-4)
    assert fast.offers.sum() > 0  # the comparison is not vacuous
    _same_days(fast, slow)


def _same_days(fast: Simulation, slow: list[SearchOutcome]) -> None:
    """Each run's days, application by application, are the same in both engines."""
    assert fast.detail is not None
    entered = np.array([outcome.entered for outcome in slow], dtype=np.float64)
    offer = np.array([outcome.offer for outcome in slow], dtype=np.float64)
    np.testing.assert_allclose(fast.detail.entered, entered, rtol=1e-5, atol=1e-3)
    np.testing.assert_allclose(fast.detail.offer, offer, rtol=1e-5, atol=1e-3)


def test_the_loop_and_the_engine_make_the_same_calibrated_funnel() -> None:
    model = build_model(fresh_search(43), ForecastParams())
    draws = draw(model, 300, np.random.default_rng(2))
    fast = simulate_draws(model, draws)
    slow = simulate_loop(model, draws)
    assert [list(o.reached) for o in slow] == fast.reached.tolist()


open_stages = (
    *(stage for stage in Stage if stage.rank >= 0 and stage is not Stage.OFFER),
    Stage.OFFER,
)


def _later(app: OpenApplication, days: float) -> OpenApplication:
    """The application with its current stage beginning ``days`` from today, where it can."""
    if app.days_in_stage or app.stage is Stage.OFFER:
        return app
    return replace(app, starts_in_days=days)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    apps=st.lists(
        st.builds(
            OpenApplication,
            label=st.just("x"),
            stage=st.sampled_from(open_stages),
            days_in_stage=st.integers(0, 40),
            size=st.sampled_from(tuple(SizeBand)),
            excitement=st.one_of(st.none(), st.integers(1, 5)),
            referral=st.booleans(),
        ).flatmap(
            lambda app: st.sampled_from((0.0, 0.0, 4.0, 17.25)).map(lambda days: _later(app, days))
        ),
        min_size=1,
        max_size=12,
    ),
    switches=st.tuples(st.booleans(), st.booleans(), st.booleans()),
    done=st.integers(0, 6),
    seed=st.integers(0, 2**32),
)
def test_the_engines_agree_on_any_search(
    apps: list[OpenApplication], switches: tuple[bool, bool, bool], done: int, seed: int
) -> None:
    practice, pruning, calibration = switches
    params = parse_params(
        {
            "pipeline": ["applied", "recruiter", "technical", "onsite", "references"],
            "practice": {"enabled": practice},
            "pruning": {"enabled": pruning},
            "calibration": {"enabled": calibration},
        }
    )
    record = StageRecord(passed=done // 2, rejected=done - done // 2, interviews=done)
    history = History({Stage.TECHNICAL: record, Stage.ONSITE: StageRecord(interviews=done)})
    model = build_model(Search(TODAY, tuple(apps), history), params)
    draws = draw(model, 50, np.random.default_rng(seed))
    fast, slow = simulate_draws(model, draws, detail=True), simulate_loop(model, draws)
    assert [outcome.offers for outcome in slow] == fast.offers.tolist()
    assert [list(outcome.reached) for outcome in slow] == fast.reached.tolist()
    assert [outcome.two_open for outcome in slow] == fast.two_open.tolist()
    _same_days(fast, slow)
