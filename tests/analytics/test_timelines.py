"""Process timelines: stage segments per application, median stage days, reply times."""

from __future__ import annotations

import pytest

from widenet.analytics.timelines import Segment, timelines
from widenet.errors import InvalidInput
from widenet.track.model import Application
from widenet.track.stages import Stage

from .build import app, company, day

TODAY = day(30)
ACME, BETA = company(1, "Acme"), company(2, "Beta")


@pytest.mark.parametrize(
    ("history", "segments", "outcome"),
    [
        pytest.param(
            app(1, ("applied", 0), ("recruiter", 3), ("technical", 10), ("rejected", 12)),
            [
                (Stage.APPLIED, 0, 3, False),
                (Stage.RECRUITER, 3, 10, False),
                (Stage.TECHNICAL, 10, 12, False),
            ],
            (Stage.REJECTED, 12),
            id="closed: every segment ends at the next event",
        ),
        pytest.param(
            app(1, ("applied", 0), ("recruiter", 3)),
            [(Stage.APPLIED, 0, 3, False), (Stage.RECRUITER, 3, 30, True)],
            None,
            id="open: the last segment runs to today",
        ),
        pytest.param(
            app(1, ("applied", 0), ("onsite", 4), ("onsite", 6), ("offer", 9)),
            [(Stage.APPLIED, 0, 4, False), (Stage.ONSITE, 4, 9, False), (Stage.OFFER, 9, 30, True)],
            None,
            id="two onsite rounds are one onsite segment; a referral skips straight there",
        ),
        pytest.param(
            app(1, ("applied", 0), ("withdrawn", 2), ("recruiter", 5), ("ghosted", 25)),
            [(Stage.APPLIED, 0, 2, False), (Stage.RECRUITER, 5, 25, False)],
            (Stage.GHOSTED, 25),
            id="a reopened process has a gap while it was closed",
        ),
    ],
)
def test_segments(
    history: Application,
    segments: list[tuple[Stage, int, int, bool]],
    outcome: tuple[Stage, int] | None,
) -> None:
    (bar,) = timelines([history], [ACME], today=TODAY).applications
    assert bar.segments == tuple(
        Segment(stage, day(a), day(b), b - a, is_open) for stage, a, b, is_open in segments
    )
    assert (bar.outcome, bar.outcome_on) == (
        (outcome[0], day(outcome[1])) if outcome else (None, None)
    )
    assert (bar.company, bar.started) == ("Acme", day(0))


def test_median_days_per_stage_count_only_stays_that_ended() -> None:
    apps = [
        app(1, ("applied", 0), ("recruiter", 2), ("technical", 6)),  # technical still open
        app(2, ("applied", 0), ("recruiter", 4), ("technical", 12), ("rejected", 13)),
        app(3, ("applied", 0), ("recruiter", 6), ("withdrawn", 16)),
    ]
    result = timelines(apps, [ACME], today=TODAY)
    times = {row.stage: (row.median_days, row.stays) for row in result.stage_times}
    assert times[Stage.APPLIED] == (4.0, 3)  # 2, 4, 6
    assert times[Stage.RECRUITER] == (8.0, 3)  # 4, 8, 10
    assert times[Stage.TECHNICAL] == (1.0, 1)
    assert times[Stage.ONSITE] == (None, 0)


def test_reply_time_per_company_counts_rejections_but_not_silence() -> None:
    apps = [
        app(1, ("applied", 0), ("recruiter", 3), company_id=1),
        app(2, ("applied", 0), ("rejected", 5, "not_a_fit"), company_id=1),
        app(3, ("applied", 0), ("rejected", 21, "no_response"), company_id=2),
        app(4, ("applied", 2), ("recruiter", 4), company_id=2),
    ]
    result = timelines(apps, [ACME, BETA], today=TODAY)
    rows = [(r.company, r.applications, r.replied, r.median_reply_days) for r in result.companies]
    assert rows == [("Beta", 2, 1, 2.0), ("Acme", 2, 2, 4.0)]


def test_companies_that_never_replied_come_last() -> None:
    apps = [
        app(1, ("applied", 0), company_id=1),
        app(2, ("applied", 0), ("recruiter", 9), company_id=2),
    ]
    result = timelines(apps, [ACME, BETA], today=TODAY)
    assert [(r.company, r.median_reply_days) for r in result.companies] == [
        ("Beta", 9.0),
        ("Acme", None),
    ]


def test_an_unknown_company_is_named_in_the_error() -> None:
    with pytest.raises(InvalidInput, match="company 9") as error:
        timelines([app(4, ("applied", 0), company_id=9)], [ACME], today=TODAY)
    assert error.value.field == "company_id"


def test_empty_search() -> None:
    result = timelines([], [], today=TODAY)
    assert (result.applications, result.companies) == ((), ())
    assert all(row.median_days is None for row in result.stage_times)
