"""The forecast as JSON: the keys the CLI's --json and the web page rely on."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from widenet.forecast import OpenApplication, forecast
from widenet.track.stages import Stage

from .helpers import TODAY, fresh_search


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    search = fresh_search(10)
    search = search.with_applications(
        (OpenApplication("offer", stage=Stage.OFFER, days_in_stage=1, application_id=7),)
    )
    result = forecast(search, rng=np.random.default_rng(1), runs=2000, wide_runs=300, max_extra=10)
    plain = result.to_json()
    assert json.loads(json.dumps(plain)) == plain  # plain JSON values only
    return plain


def test_offer_count_keys(data: dict[str, Any]) -> None:
    offers = data["offers"]
    assert isinstance(offers, dict)
    assert set(offers) == {"mean", "pmf", "p_at_least", "p_zero", "percentiles"}
    assert sum(offers["pmf"]) == pytest.approx(1.0)
    assert offers["mean"] == pytest.approx(sum(k * p for k, p in enumerate(offers["pmf"])))
    assert set(offers["p_at_least"]) == {"1", "2", "3"}
    assert offers["p_at_least"]["1"] == pytest.approx(1 - offers["p_zero"])
    assert set(offers["percentiles"]) == {"5", "10", "25", "50", "75", "90", "95"}


def test_the_other_sections(data: dict[str, Any]) -> None:
    assert set(data) == {
        "today",
        "runs",
        "window_days",
        "offers",
        "offer_dates",
        "leverage",
        "applications",
        "interview_hours",
        "funnel",
        "calibration",
        "how_wide",
    }
    assert 0 <= data["leverage"]["p_two_open"] <= 1
    dates = data["offer_dates"]
    assert dates["first"] == dates["each"][0]
    assert dates["first"]["percentiles"]["5"] == str(TODAY.replace(day=25))
    held = data["applications"][-1]
    assert (held["application_id"], held["p_offer"], held["stages"]) == (7, 1.0, [])
    first = data["applications"][0]
    assert first["stages"][0] == {"stage": "applied", "p_reach": 1.0, "expected_date": str(TODAY)}
    calibration = data["calibration"][1]
    assert calibration["stage"] == "recruiter"
    assert set(calibration["prior"]) == {"pass", "no_answer", "withdraw", "bar"}
    wide = data["how_wide"]
    assert [point["extra"] for point in wide["curve"]] == [0, 5, 10]
    assert set(wide["smallest_extra"]) == {"0.8", "0.9"}
