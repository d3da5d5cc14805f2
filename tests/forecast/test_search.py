"""Inputs: what an open application and a history may say, and the typical application."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from widenet.errors import InvalidInput
from widenet.forecast import (
    ForecastParams,
    History,
    OpenApplication,
    Search,
    StageRecord,
    build_model,
    forecast,
    typical_application,
)
from widenet.track.model import SizeBand
from widenet.track.stages import Stage

from .helpers import TODAY

GOOD = OpenApplication("Acme")


@pytest.mark.parametrize(
    ("app", "field"),
    [
        (replace(GOOD, days_in_stage=-1), "applications[0].days_in_stage"),
        (replace(GOOD, excitement=0), "applications[0].excitement"),
        (replace(GOOD, excitement=6), "applications[0].excitement"),
        (replace(GOOD, stage=Stage.REJECTED), "applications[0]"),
        (replace(GOOD, offer_days_left=3), "applications[0].offer_days_left"),
        (replace(GOOD, pipeline=(Stage.ONSITE, Stage.APPLIED)), "applications[0].pipeline"),
        (replace(GOOD, pipeline=()), "applications[0].pipeline"),
        (replace(GOOD, starts_in_days=-1.0), "applications[0].starts_in_days"),
        (replace(GOOD, starts_in_days=float("nan")), "applications[0].starts_in_days"),
        (replace(GOOD, starts_in_days=2.0, days_in_stage=3), "applications[0].starts_in_days"),
        (
            replace(GOOD, stage=Stage.OFFER, starts_in_days=2.0),
            "applications[0].starts_in_days",
        ),
        (replace(GOOD, median_days={Stage.APPLIED: 0.0}), "applications[0].median_days.applied"),
        (replace(GOOD, median_days={Stage.OFFER: 3.0}), "applications[0].median_days.offer"),
    ],
)
def test_a_bad_application_is_rejected_naming_the_field(app: OpenApplication, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_model(Search(TODAY, (app,)), ForecastParams())
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("history", "field"),
    [
        (History({Stage.TECHNICAL: StageRecord(passed=-1)}), "history.technical.passed"),
        (History({Stage.ONSITE: StageRecord(interviews=-2)}), "history.onsite.interviews"),
        (History({Stage.OFFER: StageRecord(passed=1)}), "history.offer"),
    ],
)
def test_a_bad_history_is_rejected_naming_the_field(history: History, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_model(Search(TODAY, (GOOD,), history), ForecastParams())
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("apps", "size", "excitement"),
    [
        ((), SizeBand.MEDIUM, None),
        (
            (
                OpenApplication("a", size=SizeBand.LARGE, excitement=2),
                OpenApplication("b", size=SizeBand.LARGE, excitement=3),
                OpenApplication("c", size=SizeBand.SMALL, excitement=5),
                OpenApplication("d", size=SizeBand.HUGE, excitement=4),
            ),
            SizeBand.LARGE,
            4,  # median 3.5, rounded up so the pruning policy never drops it
        ),
        (
            (
                OpenApplication("a", excitement=1),
                OpenApplication("h", excitement=5, hypothetical=True),  # not counted
            ),
            SizeBand.MEDIUM,
            1,
        ),
    ],
)
def test_the_typical_application(
    apps: tuple[OpenApplication, ...], size: SizeBand, excitement: int | None
) -> None:
    typical = typical_application(Search(TODAY, apps))
    assert (typical.size, typical.excitement, typical.stage) == (size, excitement, Stage.APPLIED)
    assert typical.hypothetical
    assert not typical.referral


def test_with_typical_adds_that_many_hypothetical_applications() -> None:
    search = Search(TODAY, (OpenApplication("a", excitement=2),))
    wider = search.with_typical(3)
    assert len(wider.applications) == 4
    assert all(app.hypothetical for app in wider.applications[1:])
    assert wider.applications[0] == search.applications[0]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"runs": 0}, "runs"),
        ({"window_days": -1}, "window_days"),
        ({"weeks_ahead": 0}, "weeks_ahead"),
        ({"extra_step": 0}, "extra_step"),
        ({"max_extra": -5}, "max_extra"),
        ({"workers": 0}, "workers"),
    ],
)
def test_bad_run_options_are_rejected_naming_them(options: dict[str, int], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        forecast(Search(TODAY, (GOOD,)), rng=np.random.default_rng(0), **options)  # type: ignore[arg-type]
    assert caught.value.field == field
