"""Applications that start later: sent on a planned day, or an interview booked ahead."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from widenet.forecast import ForecastParams, OpenApplication, Search, build_model, forecast
from widenet.forecast.draws import draw
from widenet.forecast.engine import simulate_draws
from widenet.forecast.record import Simulation
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .helpers import TODAY, fixed_params, fresh_search

NO_PRUNING = ForecastParams().model_copy(
    update={"pruning": ForecastParams().pruning.model_copy(update={"enabled": False})}
)


def simulated(search: Search, params: ForecastParams, *, seed: int = 4) -> Simulation:
    model = build_model(search, params)
    return simulate_draws(model, draw(model, 2000, np.random.default_rng(seed)), detail=True)


def shifted(search: Search, days: float, *, only: int | None = None) -> Search:
    apps = tuple(
        replace(app, starts_in_days=days) if only is None or a == only else app
        for a, app in enumerate(search.applications)
    )
    return replace(search, applications=apps)


@pytest.mark.parametrize("days", [1.0, 7.0, 23.5])
def test_starting_every_application_later_shifts_every_day_by_as_much(days: float) -> None:
    # Default model (practice, pruning, ghosting on): only the dates move, not the order.
    search = fresh_search(12)
    now, later = (
        simulated(search, ForecastParams()),
        simulated(shifted(search, days), ForecastParams()),
    )
    assert now.detail is not None
    assert later.detail is not None
    assert np.array_equal(now.offers, later.offers)
    assert np.array_equal(now.two_open, later.two_open)
    np.testing.assert_allclose(later.detail.offer, now.detail.offer + days, rtol=1e-5, atol=1e-3)
    np.testing.assert_allclose(
        later.detail.entered, now.detail.entered + days, rtol=1e-5, atol=1e-3
    )
    assert np.isfinite(now.detail.offer).any()


def test_one_application_sent_later_moves_only_its_own_dates() -> None:
    params = fixed_params(0.7)  # no practice, pruning or ghosting: the others do not care
    search = fresh_search(6)
    now, later = simulated(search, params), simulated(shifted(search, 10.0, only=2), params)
    assert now.detail is not None
    assert later.detail is not None
    np.testing.assert_allclose(later.detail.offer[:, 2], now.detail.offer[:, 2] + 10, rtol=1e-5)
    others = [0, 1, 3, 4, 5]
    assert np.array_equal(later.detail.offer[:, others], now.detail.offer[:, others])


def test_a_zero_offset_changes_nothing() -> None:
    search = fresh_search(15)
    explicit = shifted(search, 0.0)
    first = forecast(search, rng=np.random.default_rng(8), runs=3000, max_extra=0)
    again = forecast(explicit, rng=np.random.default_rng(8), runs=3000, max_extra=0)
    assert first.to_json() == again.to_json()


def test_a_booked_interview_takes_place_on_its_day_in_every_run() -> None:
    search = Search(
        TODAY,
        (
            OpenApplication("booked", stage=Stage.ONSITE, excitement=3, starts_in_days=9),
            OpenApplication("fresh", excitement=3),
        ),
    )
    result = simulated(search, ForecastParams())
    assert result.detail is not None
    assert set(result.detail.at(Stage.ONSITE)[:, 0].tolist()) == {9.0}
    assert not np.isfinite(result.detail.at(Stage.APPLIED)[:, 0]).any()  # that step is behind
    assert (result.detail.offer[:, 0][np.isfinite(result.detail.offer[:, 0])] > 9).all()


def _after_an_onsite(params: ForecastParams) -> Simulation:
    apps = (  # median excitement 3; the onsite is already under way: pruning applies today
        OpenApplication("onsite", stage=Stage.ONSITE, days_in_stage=1, excitement=5),
        OpenApplication("dull, planned", excitement=1, starts_in_days=5),
        OpenApplication("keen, planned", excitement=4, starts_in_days=5),
        OpenApplication("middling", excitement=3),
    )
    return simulated(Search(TODAY, apps), params)


def test_once_an_onsite_is_on_a_low_rated_application_is_not_sent() -> None:
    pruned = _after_an_onsite(ForecastParams())
    assert pruned.detail is not None
    applied = pruned.detail.at(Stage.APPLIED)
    assert not np.isfinite(applied[:, 1]).any()  # never sent ...
    assert pruned.app_exits[1].tolist() == [0, 0, pruned.runs]  # ... counted as withdrawn
    assert (applied[:, 2] == 5).all()  # the keen one goes out on its day
    kept = _after_an_onsite(NO_PRUNING)
    assert kept.detail is not None
    assert (kept.detail.at(Stage.APPLIED)[:, 1] == 5).all()


def test_what_a_recruiter_said_overrides_the_usual_wait() -> None:
    base = OpenApplication("usual", size=SizeBand.LARGE, excitement=3)
    told = replace(base, label="told", median_days={Stage.APPLIED: 30.0})
    result = forecast(Search(TODAY, (base, told)), rng=np.random.default_rng(3), runs=4000)
    first, second = (app.stages[1].expected_date for app in result.applications)
    assert first is not None
    assert second is not None
    assert (second - first).days > 15  # 30 days against 9 at a large company


def test_an_onsite_booked_ahead_prunes_on_its_day_not_today() -> None:
    apps = (  # median excitement 3
        OpenApplication("onsite booked", stage=Stage.ONSITE, excitement=5, starts_in_days=6),
        OpenApplication("dull", excitement=1),
        OpenApplication("dull, planned", excitement=1, starts_in_days=12),
        OpenApplication("middling", excitement=3),
    )
    result = simulated(Search(TODAY, apps), ForecastParams())
    assert result.detail is not None
    applied = result.detail.at(Stage.APPLIED)
    assert (applied[:, 1] == 0).all()  # sent today, before the onsite of day 6
    assert not np.isfinite(applied[:, 2]).any()  # due after it: not sent
    # Dropped on day 6 only where still waiting for an answer then.
    recruiter = result.detail.at(Stage.RECRUITER)[:, 1]
    assert np.isfinite(recruiter).any()
    assert (recruiter[np.isfinite(recruiter)] <= 6).all()
