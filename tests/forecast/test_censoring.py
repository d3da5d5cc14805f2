"""Censoring, time in stage and learned withdrawals: the calibration's answers mid-search."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from widenet.forecast import (
    Departure,
    ForecastParams,
    History,
    OpenApplication,
    Search,
    StageRecord,
    Waiting,
    forecast,
    parse_params,
    priors,
)
from widenet.forecast.calibrate import Rate, beliefs, spread
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .helpers import TODAY

KAPPA = priors.PRIOR_STRENGTH


def integrated_mean(a: float, b: float, survivals: list[float]) -> float:
    """Posterior mean of p under Beta(a, b) × Π (p + (1 − p)·S), by the trapezoid rule on a
    fine grid of p (independent of the forecast's logit grid)."""
    p = np.linspace(0.0, 1.0, 400_001)
    density = p ** (a - 1) * (1 - p) ** (b - 1)
    for s in survivals:
        density = density * (p + (1 - p) * s)
    return float(np.trapezoid(p * density, p) / np.trapezoid(density, p))


@pytest.mark.parametrize(
    ("a", "b", "survivals"),
    [
        (2.0, 8.0, [0.5]),  # one process waiting for its median time
        (1.0, 1.0, [0.1]),  # a flat prior, a long silence
        (3.0, 5.0, [0.9, 0.2, 0.05]),
        (1.5, 12.0, [0.01]),  # a small prior rate, a very long silence
    ],
)
def test_a_waiting_process_updates_the_rate_as_integrated_by_hand(
    a: float, b: float, survivals: list[float]
) -> None:
    rate = Rate(a / (a + b), a, b).censored(survivals)
    expected = integrated_mean(a, b, survivals)
    assert rate.mean == pytest.approx(expected, abs=2e-4)
    assert spread(rate).mean == pytest.approx(expected, abs=2e-4)
    draws = rate.sample(np.random.default_rng(3), 200_000)
    assert draws.mean() == pytest.approx(expected, abs=4 * draws.std() / math.sqrt(draws.size))


def test_one_waiting_process_matches_the_closed_form() -> None:
    # Beta(2, 3) × (p + (1 − p)·S): the mean is [B(4,3) + S·B(3,4)] / [B(3,3) + S·B(2,4)].
    s = 0.25

    def beta(x: float, y: float) -> float:
        return math.gamma(x) * math.gamma(y) / math.gamma(x + y)

    closed = (beta(4, 3) + s * beta(3, 4)) / (beta(3, 3) + s * beta(2, 4))
    assert Rate(0.4, 2.0, 3.0).censored([s]).mean == pytest.approx(closed, abs=2e-4)


def test_a_silence_shorter_than_nothing_says_nothing() -> None:
    rate = Rate.beta(0.2, 10)
    assert rate.censored([1.0, 1.0]) == rate
    assert rate.censored([0.3]).mean > rate.mean  # a silence makes "no answer" likelier


def test_longer_silences_raise_the_posterior_no_answer_rate() -> None:
    def no_answer(days: float) -> float:
        record = StageRecord(waiting=(Waiting(days, SizeBand.MEDIUM),) * 3)
        known = beliefs(ForecastParams(), History({Stage.RECRUITER: record}))
        return known.posterior[Stage.RECRUITER].ghost.mean

    means = [no_answer(days) for days in (0, 5, 10, 20, 40)]
    assert means[0] == pytest.approx(priors.GHOST[Stage.RECRUITER])
    assert all(later > earlier for earlier, later in itertools.pairwise(means))


@pytest.mark.parametrize("stage", [Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE])
def test_the_longer_a_process_waits_without_news_the_less_likely_its_offer(stage: Stage) -> None:
    def p_offer(days: int) -> float:
        app = OpenApplication("quiet", stage=stage, days_in_stage=days, excitement=4)
        result = forecast(Search(TODAY, (app,)), rng=np.random.default_rng(5), runs=20_000)
        return result.applications[0].p_offer

    chances = [p_offer(days) for days in (0, 7, 14, 28, 56)]
    assert all(later < earlier for earlier, later in itertools.pairwise(chances))
    assert chances[-1] < chances[0] / 2


def departures(withdrawn: int, stayed: int, *, excitement: int = 4) -> tuple[Departure, ...]:
    return (Departure(True, excitement),) * withdrawn + (Departure(False, excitement),) * stayed


@pytest.mark.parametrize(("withdrawn", "stayed"), [(0, 6), (3, 3), (9, 1)])
def test_her_withdrawals_update_the_withdrawal_rate(withdrawn: int, stayed: int) -> None:
    record = StageRecord(departures=departures(withdrawn, stayed))
    known = beliefs(ForecastParams(), History({Stage.TECHNICAL: record}))
    prior = priors.WITHDRAW[Stage.TECHNICAL]
    expected = (prior * KAPPA + withdrawn) / (KAPPA + withdrawn + stayed)
    assert known.prior[Stage.TECHNICAL].withdraw.mean == pytest.approx(prior)
    assert known.posterior[Stage.TECHNICAL].withdraw.mean == pytest.approx(expected)


def test_many_withdrawals_raise_the_rate_and_the_forecast_follows() -> None:
    apps = (
        OpenApplication("onsite done", stage=Stage.ONSITE, excitement=4),
        OpenApplication("early", stage=Stage.RECRUITER, excitement=4),
    )
    quiet = History({Stage.RECRUITER: StageRecord(departures=departures(0, 10))})
    leaving = History({Stage.RECRUITER: StageRecord(departures=departures(10, 0))})
    rng = np.random.default_rng
    calm = forecast(Search(TODAY, apps, quiet), rng=rng(2), runs=20_000)
    keen = forecast(Search(TODAY, apps, leaving), rng=rng(2), runs=20_000)
    posterior = {row.stage: row.posterior_withdraw.mean for row in keen.calibration}
    assert posterior[Stage.RECRUITER] > priors.WITHDRAW[Stage.RECRUITER] + 0.2
    assert keen.applications[1].p_withdrawn > calm.applications[1].p_withdrawn + 0.2
    assert keen.offers.mean < calm.offers.mean


def test_withdrawals_the_policy_explains_do_not_count() -> None:
    # Below the median excitement at an early stage: the pruning policy drops those anyway.
    record = StageRecord(departures=departures(5, 0, excitement=1) + departures(0, 5))
    known = beliefs(ForecastParams(), History({Stage.RECRUITER: record}), median=3.0)
    assert known.withdrawals[Stage.RECRUITER].withdrawn == 0
    assert known.withdrawals[Stage.RECRUITER].stayed == 5
    assert known.posterior[Stage.RECRUITER].withdraw.mean < priors.WITHDRAW[Stage.RECRUITER]


def test_a_default_zero_withdrawal_rate_still_learns_hers_and_a_set_zero_does_not() -> None:
    assert priors.WITHDRAW[Stage.ONSITE] == 0.0  # the decision explains the onsite's
    record = StageRecord(departures=departures(3, 3))
    default = beliefs(ForecastParams(), History({Stage.ONSITE: record}))
    assert default.prior[Stage.ONSITE].withdraw.mean == 0.0
    assert default.posterior[Stage.ONSITE].withdraw.mean == pytest.approx(3 / (KAPPA + 6))
    off = parse_params({"stages": {"onsite": {"withdraw": 0.0}}})
    assert beliefs(off, History({Stage.ONSITE: record})).posterior[Stage.ONSITE].withdraw.mean == 0
    rng = np.random.default_rng(1)
    assert not default.prior[Stage.ONSITE].withdraw.sample(rng, 100).any()
