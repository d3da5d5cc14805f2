"""What the forecast says in situations with a known answer."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from widenet.forecast import (
    Forecast,
    ForecastParams,
    OpenApplication,
    Search,
    build_model,
    forecast,
    parse_params,
    simulate,
)
from widenet.forecast.priors import STAGES
from widenet.forecast.summary import ApplicationForecast
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .helpers import TODAY, fixed_params, fresh_search

NO_PRUNING = parse_params({"pruning": {"enabled": False}})
#: The pruning policy alone: no withdrawals at the learned rates, no decision.
POLICY_ONLY = parse_params(
    {
        "stages": {stage.value: {"withdraw": 0.0} for stage in STAGES},
        "pruning": {"decision_window_days": None},
    }
)


def run(search: Search, params: ForecastParams | None = None, **options: Any) -> Forecast:
    settings: dict[str, Any] = {"runs": 4000, "max_extra": 0, **options}
    return forecast(search, params, rng=np.random.default_rng(17), **settings)


def by_label(result: Forecast, label: str) -> ApplicationForecast:
    return next(app for app in result.applications if app.label == label)


def offer_day(app: ApplicationForecast) -> date:
    assert app.expected_offer_date is not None
    return app.expected_offer_date


def test_every_run_ends_each_application_exactly_one_way() -> None:
    result = run(fresh_search(25))
    for app in result.applications:
        total = app.p_offer + app.p_no_answer + app.p_rejected + app.p_withdrawn
        assert total == pytest.approx(1.0)
        reach = [chance.probability for chance in app.stages]
        assert reach == sorted(reach, reverse=True)
        assert app.p_offer <= reach[-1]


def test_once_an_onsite_has_happened_low_rated_early_processes_are_dropped() -> None:
    apps = (  # median excitement 3
        OpenApplication("onsite done", stage=Stage.ONSITE, days_in_stage=2, excitement=5),
        OpenApplication("dull", excitement=1),
        OpenApplication("dull call", stage=Stage.RECRUITER, days_in_stage=1, excitement=1),
        OpenApplication("exciting", excitement=5),
        OpenApplication("keen", excitement=4),
        OpenApplication("dull but far along", stage=Stage.TECHNICAL, excitement=2),
    )
    result = run(Search(TODAY, apps), POLICY_ONLY)
    assert by_label(result, "dull").p_withdrawn == 1.0
    assert by_label(result, "dull call").p_withdrawn == 1.0
    assert by_label(result, "exciting").p_withdrawn == 0.0
    assert by_label(result, "keen").p_withdrawn == 0.0
    assert by_label(result, "dull but far along").p_withdrawn == 0.0
    assert by_label(run(Search(TODAY, apps), NO_PRUNING), "dull").p_withdrawn == 0.0


def test_before_any_onsite_pruning_waits_for_the_first_one() -> None:
    result = run(fresh_search(30), POLICY_ONLY)
    low = [app.p_withdrawn for app in result.applications if app.label.endswith(("0", "5"))]
    high = [by_label(result, f"company {i}").p_withdrawn for i in (4, 9, 14)]
    assert min(low) > 0.0  # excitement 1: dropped only if still early on the day
    assert max(low) < 1.0
    assert high == [0.0, 0.0, 0.0]


def test_a_referral_skips_the_screens_and_is_answered_more_often() -> None:
    apps = (
        OpenApplication("cold", excitement=3),
        OpenApplication("warm", referral=True, excitement=3),
    )
    result = run(Search(TODAY, apps), NO_PRUNING)
    cold, warm = by_label(result, "cold"), by_label(result, "warm")
    assert [c.stage for c in warm.stages] == [Stage.APPLIED, Stage.ONSITE]
    assert [c.stage for c in cold.stages] == [
        Stage.APPLIED,
        Stage.RECRUITER,
        Stage.TECHNICAL,
        Stage.ONSITE,
    ]
    assert warm.p_no_answer < cold.p_no_answer / 2
    assert warm.p_offer > cold.p_offer
    assert offer_day(warm) < offer_day(cold)


def test_a_long_silence_makes_no_answer_more_likely() -> None:
    apps = (OpenApplication("new"), OpenApplication("quiet", days_in_stage=40))
    result = run(Search(TODAY, apps), NO_PRUNING)
    assert by_label(result, "quiet").p_no_answer > 2 * by_label(result, "new").p_no_answer


def test_larger_companies_take_longer() -> None:
    apps = (
        OpenApplication("small", size=SizeBand.SMALL),
        OpenApplication("huge", size=SizeBand.HUGE),
    )
    result = run(Search(TODAY, apps), fixed_params(1.0))
    assert offer_day(by_label(result, "small")) < offer_day(by_label(result, "huge"))


def test_offers_in_hand_count_and_overlap() -> None:
    apps = (
        OpenApplication("held", stage=Stage.OFFER, days_in_stage=2, offer_days_left=7),
        OpenApplication("also held", stage=Stage.OFFER, days_in_stage=5, offer_days_left=1),
        OpenApplication("fresh", excitement=3),
    )
    result = run(Search(TODAY, apps), window_days=0)
    assert result.offers.pmf[2] == 1.0  # the fresh one cannot arrive by today
    assert result.p_two_open == 1.0
    single = run(Search(TODAY, apps[:1]), window_days=0)
    assert single.offers.mean == 1.0
    assert single.p_two_open == 0.0


def test_the_window_only_counts_offers_arriving_within_it() -> None:
    search = fresh_search(20)
    short = run(search, window_days=14).offers.mean
    long = run(search, window_days=60).offers.mean
    everything = run(search).offers.mean
    assert short < long <= everything


def test_interview_hours_add_up_to_the_interviews_held() -> None:
    # One application that passes everything: a recruiter call (30 + 30 min), a technical
    # screen (60 + 60) and an onsite (300 + 120) in every run = 10 hours in all.
    result = run(Search(TODAY, (OpenApplication("sure"),)), fixed_params(1.0), weeks_ahead=260)
    assert sum(week.interview_hours for week in result.weeks) == pytest.approx(10.0)
    assert result.offers.mean == 1.0


def test_the_funnel_counts_fall_stage_by_stage_and_end_in_the_offers() -> None:
    result = run(fresh_search(30))
    means = [row.mean for row in result.funnel]
    assert [row.stage for row in result.funnel][-1] is Stage.OFFER
    assert means == sorted(means, reverse=True)
    assert means[0] == 30
    assert means[-1] == pytest.approx(result.offers.mean)
    for row in result.funnel:
        assert row.low <= row.mean <= row.high


def test_an_application_past_a_stage_counts_in_that_stage_of_the_funnel() -> None:
    apps = (OpenApplication("far", stage=Stage.ONSITE, days_in_stage=1),)
    result = run(Search(TODAY, apps))
    assert [(row.stage, row.mean) for row in result.funnel][:3] == [
        (Stage.APPLIED, 1),
        (Stage.RECRUITER, 1),
        (Stage.TECHNICAL, 1),
    ]


#: The policy and the decision, without the learned withdrawals.
def deciding(window: float | None) -> ForecastParams:
    return parse_params(
        {
            "stages": {stage.value: {"withdraw": 0.0} for stage in STAGES},
            "pruning": {"decision_window_days": window},
        }
    )


OPEN = (
    OpenApplication("onsite", stage=Stage.ONSITE, days_in_stage=1, excitement=4),
    OpenApplication("technical", stage=Stage.TECHNICAL, days_in_stage=2, excitement=5),
    OpenApplication("fresh", excitement=4),
)


@pytest.mark.parametrize(
    ("days_held", "window", "decided"),
    [
        (20, 14.0, True),  # the window has passed: she decides today
        (14, 14.0, True),  # it ends today
        (3, 0.0, True),  # no window: she decides on the first offer
        (20, None, False),  # she never decides
    ],
)
def test_an_offer_held_past_the_window_ends_every_other_process(
    days_held: int, window: float | None, decided: bool
) -> None:
    held = OpenApplication("held", stage=Stage.OFFER, days_in_stage=days_held)
    result = run(Search(TODAY, (held, *OPEN)), deciding(window))
    assert by_label(result, "held").p_offer == 1.0
    for app in OPEN:
        row = by_label(result, app.label)
        if decided:
            assert (row.p_offer, row.p_withdrawn) == (0.0, 1.0)
        else:
            assert row.p_offer > 0.1
    if decided:
        assert result.offers.pmf[1] == 1.0
        assert result.p_two_open == 0.0


@pytest.mark.parametrize("window", [5.0, 14.0, 30.0])
def test_offers_count_only_up_to_the_decision(window: float) -> None:
    # The offer in hand came 2 days ago: she decides `window - 2` days from today.
    held = OpenApplication("held", stage=Stage.OFFER, days_in_stage=2)
    search = Search(TODAY, (held, *OPEN))
    model = build_model(search, deciding(window))
    simulation = simulate(model, runs=3000, rng=np.random.default_rng(5), detail=True)
    assert simulation.detail is not None
    offers = simulation.detail.offer
    assert np.all(offers[np.isfinite(offers)] <= window - 2 + 1e-3)
    entered = simulation.detail.entered
    assert np.all(entered[np.isfinite(entered)] <= window - 2 + 1e-3)
    undecided = simulate(
        build_model(search, deciding(None)), runs=3000, rng=np.random.default_rng(5)
    )
    assert simulation.offers.mean() < undecided.offers.mean()
    assert np.any(offers[:, 1:] < np.inf)  # some offers do come within the window


def test_without_an_offer_in_hand_the_first_simulated_offer_opens_the_window() -> None:
    search = fresh_search(30)
    model = build_model(search, deciding(7.0))
    simulation = simulate(model, runs=3000, rng=np.random.default_rng(8), detail=True)
    assert simulation.detail is not None
    offers = simulation.detail.offer
    first = offers.min(axis=1)
    got = np.isfinite(first)
    assert got.mean() > 0.5
    came = offers[got]
    spread = np.where(np.isfinite(came), came - first[got][:, None], 0.0)
    assert spread.max() <= 7.0 + 1e-3
    assert spread.max() > 5.0  # the window is used, not cut short
    wide = simulate(build_model(search, deciding(None)), runs=3000, rng=np.random.default_rng(8))
    assert simulation.offers.mean() < wide.offers.mean()
