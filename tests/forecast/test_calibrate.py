"""Calibration: Beta–Binomial per stage kind, the bar through the observed pass rate."""

from __future__ import annotations

import numpy as np
import pytest

from widenet.forecast import (
    ForecastParams,
    History,
    Search,
    StageRecord,
    build_model,
    parse_params,
    priors,
    simulate,
)
from widenet.forecast.calibrate import Rate, beliefs, spread
from widenet.forecast.latent import mean_pass
from widenet.track.stages import Stage

from .helpers import TODAY, fresh_search

KAPPA = priors.PRIOR_STRENGTH


def test_a_beta_is_updated_by_counts() -> None:
    rate = Rate.beta(0.78, 10).updated(3, 7)
    assert rate.mean == pytest.approx((7.8 + 3) / 20)
    assert (rate.a, rate.b) == pytest.approx((10.8, 9.2))


def test_a_point_value_is_never_updated() -> None:
    assert Rate(0.5).updated(100, 0) == Rate(0.5)


@pytest.mark.parametrize(("passed", "rejected"), [(0, 0), (2, 8), (30, 2)])
def test_a_screen_stage_posterior_is_the_beta_binomial_update(passed: int, rejected: int) -> None:
    history = History({Stage.APPLIED: StageRecord(passed=passed, rejected=rejected, ghosted=4)})
    known = beliefs(ForecastParams(), history)
    prior = priors.PRIOR_PASS[Stage.APPLIED]
    expected = (KAPPA * prior + passed) / (KAPPA + passed + rejected)
    assert known.posterior[Stage.APPLIED].passing.mean == pytest.approx(expected)
    ghost = priors.GHOST[Stage.APPLIED]
    expected_ghost = (KAPPA * ghost + 4) / (KAPPA + 4 + passed + rejected)
    assert known.posterior[Stage.APPLIED].ghost.mean == pytest.approx(expected_ghost)


def test_an_interview_stage_moves_its_bar_with_the_observed_pass_rate() -> None:
    poor = History({Stage.TECHNICAL: StageRecord(passed=1, rejected=7, interviews=8)})
    known = beliefs(ForecastParams(), poor)
    prior, posterior = known.prior[Stage.TECHNICAL], known.posterior[Stage.TECHNICAL]
    skill, noise = priors.SKILL, priors.NOISE_SD
    before, after = prior.bar(skill, noise), posterior.bar(skill, noise)
    assert before is not None
    assert after is not None
    assert after > before
    assert posterior.next_pass().mean < prior.next_pass().mean
    # The posterior bar reproduces the posterior mean pass rate at the observed levels.
    base = posterior.inverter().one(posterior.passing.mean)
    assert mean_pass(base, posterior.levels, posterior.practice) == pytest.approx(
        posterior.passing.mean, abs=1e-4
    )
    assert posterior.levels == tuple(range(8))
    assert posterior.next_level == 8


def test_more_outcomes_narrow_the_posterior() -> None:
    history = History({Stage.TECHNICAL: StageRecord(passed=30, rejected=10, interviews=40)})
    known = beliefs(ForecastParams(), history)
    before = known.prior[Stage.TECHNICAL].next_pass()
    after = known.posterior[Stage.TECHNICAL].next_pass()
    assert after.high - after.low < (before.high - before.low) / 2
    assert before.low < before.mean < before.high


def test_without_calibration_the_priors_are_exact_and_history_only_gives_practice() -> None:
    params = parse_params({"calibration": {"enabled": False}})
    history = History({Stage.TECHNICAL: StageRecord(passed=0, rejected=9, interviews=9)})
    known = beliefs(params, history)
    posterior = known.posterior[Stage.TECHNICAL]
    assert posterior == known.prior[Stage.TECHNICAL]
    assert spread(posterior.passing).low == spread(posterior.passing).high


def test_a_fixed_pass_probability_ignores_the_history() -> None:
    params = parse_params({"stages": {"onsite": {"pass_probability": 0.4}}})
    history = History({Stage.ONSITE: StageRecord(passed=9, rejected=0, interviews=9)})
    posterior = beliefs(params, history).posterior[Stage.ONSITE]
    assert posterior.judge == "fixed"
    assert posterior.next_pass().mean == pytest.approx(0.4)


def test_the_forecast_sharpens_with_the_persons_own_outcomes() -> None:
    search = fresh_search(20)
    failing = Search(
        TODAY,
        search.applications,
        History({Stage.TECHNICAL: StageRecord(passed=1, rejected=11, interviews=12)}),
    )
    params = ForecastParams()
    usual = simulate(build_model(search, params), runs=4000, rng=np.random.default_rng(1))
    poor = simulate(build_model(failing, params), runs=4000, rng=np.random.default_rng(1))
    assert poor.offers.mean() < 0.7 * usual.offers.mean()
