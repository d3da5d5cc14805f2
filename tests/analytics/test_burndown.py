"""The burndown: open applications in each stage, day by day."""

from __future__ import annotations

import pytest

from widenet.analytics.burndown import burndown
from widenet.track.model import Application
from widenet.track.stages import PROGRESS, Stage

from .build import app, day

CASES = [
    pytest.param(
        [
            app(1, ("applied", 0), ("recruiter", 2), ("rejected", 4)),
            app(2, ("applied", 1), ("technical", 3)),
        ],
        5,
        {
            Stage.APPLIED: [1, 2, 1, 0, 0, 0],
            Stage.RECRUITER: [0, 0, 1, 1, 0, 0],
            Stage.TECHNICAL: [0, 0, 0, 1, 1, 1],
        },
        [0, 0, 0, 0, 1, 1],
        id="each application sits in its latest step until the next event",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("rejected", 0))],
        2,
        {},
        [1, 1, 1],
        id="a same-day rejection is never open",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("withdrawn", 1), ("recruiter", 3))],
        4,
        {Stage.APPLIED: [1, 0, 0, 0, 0], Stage.RECRUITER: [0, 0, 0, 1, 1]},
        [0, 1, 1, 0, 0],
        id="a reopened process leaves 'closed' again",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("recruiter", 1), ("hiring_manager", 1), ("onsite", 2))],
        3,
        {
            Stage.APPLIED: [1, 0, 0, 0],
            Stage.HIRING_MANAGER: [0, 1, 0, 0],
            Stage.ONSITE: [0, 0, 1, 1],
        },
        [0, 0, 0, 0],
        id="two steps on one day: the day ends in the later one",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("recruiter", 9))],
        3,
        {Stage.APPLIED: [1, 1, 1, 1]},
        [0, 0, 0, 0],
        id="days stop at today; later events do not count",
    ),
]


@pytest.mark.parametrize(("apps", "today", "open_by_stage", "closed"), CASES)
def test_daily_counts(
    apps: list[Application], today: int, open_by_stage: dict[Stage, list[int]], closed: list[int]
) -> None:
    result = burndown(apps, today=day(today))
    assert result.days == tuple(day(i) for i in range(today + 1))
    for stage in PROGRESS:
        expected = open_by_stage.get(stage, [0] * (today + 1))
        assert list(result.open_by_stage[stage]) == expected, stage
    assert list(result.closed) == closed
    totals = [sum(counts) for counts in zip(*open_by_stage.values(), strict=True)]
    assert list(result.open_total) == (totals or [0] * (today + 1))


def test_peak_open() -> None:
    apps = [app(i, ("applied", i), ("rejected", i + 2)) for i in range(1, 5)]
    assert burndown(apps, today=day(10)).peak_open == 2


def test_empty_search_has_no_days() -> None:
    result = burndown([], today=day(3))
    assert (result.days, result.open_total, result.closed, result.peak_open) == ((), (), (), 0)
    assert set(result.open_by_stage) == set(PROGRESS)
