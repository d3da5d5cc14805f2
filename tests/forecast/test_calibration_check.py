"""The real search of product.md against the model's default parameters.

A senior engineer sends 43 applications; 25 reached a recruiter call, 12 a technical screen,
9 an onsite, and 5 ended in an offer. Each count must lie in the model's 90% predictive
interval (5th to 95th percentile of that stage's count over the simulated searches). The
table in docs/forecast.md records these numbers.
"""

from __future__ import annotations

import numpy as np
import pytest

from widenet.forecast import ForecastParams, build_model, parse_params, simulate
from widenet.forecast.summary import summarise
from widenet.track.stages import Stage

from .helpers import fresh_search

REAL = {
    Stage.APPLIED: 43,
    Stage.RECRUITER: 25,
    Stage.TECHNICAL: 12,
    Stage.ONSITE: 9,
    Stage.OFFER: 5,
}


@pytest.mark.parametrize(
    "params",
    [ForecastParams(), parse_params({"calibration": {"enabled": False}})],
    ids=["with prior uncertainty", "priors taken as exact"],
)
def test_the_real_funnel_lies_in_the_predictive_intervals(params: ForecastParams) -> None:
    model = build_model(fresh_search(43), params)
    simulation = simulate(model, runs=20_000, rng=np.random.default_rng(2026))
    funnel = {row.stage: row for row in summarise(model, simulation, params).funnel}
    assert set(funnel) == set(REAL)
    for stage, real in REAL.items():
        row = funnel[stage]
        assert row.low <= real <= row.high, f"{stage}: {real} outside [{row.low}, {row.high}]"
