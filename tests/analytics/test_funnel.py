"""The funnel: furthest stage reached, conversion, and how processes left each stage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widenet.analytics.funnel import Funnel, FunnelRow, funnel
from widenet.errors import InvalidInput
from widenet.track.model import Application, Source
from widenet.track.stages import PROGRESS, RejectReason, Stage

from .build import app, day
from .seed import seed_search

TODAY = day(60)


def exits(row: FunnelRow) -> dict[str, int]:
    """The non-zero ways processes left at ``row``, e.g. {"rejected:not_a_fit": 1}."""
    found = {f"rejected:{reason.value}": n for reason, n in row.rejected.items() if n}
    for name in ("withdrawn", "ghosted", "declined", "accepted", "still_open"):
        if getattr(row, name):
            found[name] = getattr(row, name)
    return found


CASES = [
    pytest.param(
        [
            app(
                1,
                ("applied", 0),
                ("recruiter", 3),
                ("technical", 6),
                ("onsite", 10),
                ("rejected", 12, "failed_interview"),
            )
        ],
        {
            Stage.ONSITE: (1, 1, {"rejected:failed_interview": 1}),
            Stage.OFFER: (0, 0, {}),
            Stage.APPLIED: (1, 1, {}),
        },
        id="a rejection after the onsite still counts as reaching the onsite",
    ),
    pytest.param(
        [
            app(1, ("applied", 0), ("recruiter", 2), ("withdrawn", 4)),
            app(2, ("applied", 0), ("recruiter", 2), ("rejected", 4, "not_a_fit")),
            app(3, ("applied", 0), ("recruiter", 2), ("ghosted", 30)),
            app(4, ("applied", 0), ("recruiter", 2)),
        ],
        {
            Stage.RECRUITER: (
                4,
                4,
                {"withdrawn": 1, "rejected:not_a_fit": 1, "ghosted": 1, "still_open": 1},
            ),
            Stage.TECHNICAL: (0, 0, {}),
        },
        id="withdrawn, rejected, ghosted and open are separate exits",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("onsite", 5), ("offer", 9), source=Source.REFERRAL)],
        {
            Stage.RECRUITER: (1, 0, {}),
            Stage.TECHNICAL: (1, 0, {}),
            Stage.ONSITE: (1, 1, {}),
            Stage.OFFER: (1, 1, {"still_open": 1}),
        },
        id="a referral skipping to the onsite reached the stages it skipped",
    ),
    pytest.param(
        [
            app(1, ("applied", 0), ("rejected", 9, "no_response")),
            app(2, ("applied", 0), ("rejected", 3, "")),
            app(3, ("applied", 0), ("rejected", 3, "Role filled")),
        ],
        {
            Stage.APPLIED: (
                3,
                3,
                {"rejected:no_response": 1, "rejected:other": 1, "rejected:role_filled": 1},
            ),
            Stage.RECRUITER: (0, 0, {}),
        },
        id="rejections by reason; a blank reason is 'other', free text is normalised",
    ),
    pytest.param(
        [
            app(
                1,
                ("applied", 0),
                ("recruiter", 1),
                ("technical", 4),
                ("offer", 8),
                ("accepted", 10),
            ),
            app(
                2,
                ("applied", 0),
                ("recruiter", 1),
                ("technical", 4),
                ("offer", 8),
                ("declined", 10),
            ),
        ],
        {Stage.OFFER: (2, 2, {"accepted": 1, "declined": 1}), Stage.ONSITE: (2, 0, {})},
        id="offers end accepted or declined",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("recruiter", 2), ("withdrawn", 5), ("technical", 9))],
        {Stage.TECHNICAL: (1, 1, {"still_open": 1}), Stage.RECRUITER: (1, 1, {})},
        id="a reopened process is open again at its new stage",
    ),
    pytest.param(
        [app(1, ("applied", 0), ("recruiter", 2), ("technical", 70))],
        {Stage.RECRUITER: (1, 1, {"still_open": 1}), Stage.TECHNICAL: (0, 0, {})},
        id="events after today do not count yet",
    ),
]


@pytest.mark.parametrize(("apps", "expected"), CASES)
def test_rows(
    apps: list[Application], expected: dict[Stage, tuple[int, int, dict[str, int]]]
) -> None:
    result = funnel(apps, today=TODAY)
    for stage, (reached, entered, left) in expected.items():
        row = result.row(stage)
        assert (row.reached, row.entered, exits(row)) == (reached, entered, left), stage


def test_seed_search_reads_like_the_table_in_the_product_brief() -> None:
    result = funnel(seed_search(), today=TODAY)
    # product.md: entered 43 / 25 / 12 / 9 / 5.
    assert [(row.label, row.reached) for row in result.rows] == [
        ("Applied", 43),
        ("Recruiter", 25),
        ("Technical", 12),
        ("Onsite", 9),
        ("Offer", 5),
    ]
    applied, recruiter, technical, onsite, offer = result.rows
    assert applied.rejected[RejectReason.NO_RESPONSE] == 7
    assert applied.rejected_total - applied.rejected[RejectReason.NO_RESPONSE] == 7
    assert applied.withdrawn == 4
    assert (recruiter.rejected_total, recruiter.withdrawn) == (2, 11)
    assert (technical.rejected_total, technical.withdrawn) == (2, 1)
    assert (onsite.rejected_total, onsite.withdrawn) == (0, 4)
    assert (offer.accepted, offer.declined) == (1, 4)
    assert technical.skipped == 1  # the referral went from the recruiter to the onsite
    assert [row.conversion for row in result.rows] == [None, 25 / 43, 12 / 25, 9 / 12, 5 / 9]


def test_optional_stages_appear_only_when_someone_went_through_them() -> None:
    apps = [
        app(1, ("applied", 0), ("recruiter", 2), ("take_home", 5), ("onsite", 9)),
        app(2, ("applied", 0), ("recruiter", 2), ("technical", 5), ("onsite", 9)),
    ]
    result = funnel(apps, today=TODAY)
    assert result.stages == (
        Stage.APPLIED,
        Stage.RECRUITER,
        Stage.TECHNICAL,
        Stage.TAKE_HOME,
        Stage.ONSITE,
        Stage.OFFER,
    )
    take_home = result.row(Stage.TAKE_HOME)
    assert (take_home.reached, take_home.entered, take_home.skipped) == (2, 1, 1)


def test_chosen_stages_count_processes_ending_between_rows_in_the_row_above() -> None:
    apps = [app(1, ("applied", 0), ("recruiter", 2), ("technical", 4), ("rejected", 6))]
    result = funnel(apps, today=TODAY, stages=[Stage.APPLIED, Stage.ONSITE])
    applied, onsite = result.rows
    assert (applied.reached, applied.rejected_total, onsite.reached) == (1, 1, 0)
    assert onsite.conversion == 0.0


@pytest.mark.parametrize(
    "stages",
    [
        [],
        [Stage.RECRUITER, Stage.ONSITE],
        [Stage.APPLIED, Stage.REJECTED],
        [Stage.APPLIED, Stage.ONSITE, Stage.RECRUITER],
        [Stage.APPLIED, Stage.APPLIED],
    ],
)
def test_bad_stage_choices_are_refused(stages: list[Stage]) -> None:
    with pytest.raises(InvalidInput) as error:
        funnel([], today=TODAY, stages=stages)
    assert error.value.field == "stages"


def test_empty_search_has_zero_rows_and_no_conversion() -> None:
    result = funnel([], today=TODAY)
    assert result.applications == 0
    assert [row.stage for row in result.rows] == [
        Stage.APPLIED,
        Stage.RECRUITER,
        Stage.TECHNICAL,
        Stage.ONSITE,
        Stage.OFFER,
    ]
    assert all(row.reached == 0 and row.conversion is None for row in result.rows)
    assert result.to_json()["rows"][0]["rejected"]["no_response"] == 0


def test_application_not_yet_applied_to_by_today_is_not_counted() -> None:
    result = funnel([app(1, ("applied", 61))], today=TODAY)
    assert result.applications == 0


# A random history: steps up the funnel (never down), then maybe an outcome.
_steps = st.lists(st.sampled_from(PROGRESS[1:]), max_size=5).map(
    lambda stages: sorted(set(stages), key=lambda s: s.rank)
)
_outcome = st.sampled_from([None, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED])


@st.composite
def histories(draw: st.DrawFn) -> list[Application]:
    apps = []
    for app_id in range(1, draw(st.integers(0, 12)) + 1):
        steps: list[tuple[str, int]] = [("applied", 0)]
        steps += [(stage.value, i + 1) for i, stage in enumerate(draw(_steps))]
        outcome = draw(_outcome)
        if steps[-1][0] == "offer":
            outcome = draw(st.sampled_from([None, Stage.ACCEPTED, Stage.DECLINED]))
        if outcome is not None:
            steps.append((outcome.value, len(steps)))
        apps.append(app(app_id, *steps))
    return apps


@given(histories())
def test_every_application_is_counted_once_where_it_stopped(apps: list[Application]) -> None:
    result: Funnel = funnel(apps, today=TODAY)
    rows = result.rows
    assert rows[0].reached == len(apps)
    for here, below in zip(rows, [*rows[1:], None], strict=True):
        stopped = here.left + here.still_open
        assert here.reached - (below.reached if below else 0) == stopped
        assert 0 <= here.entered <= here.reached
    assert sum(row.left + row.still_open for row in rows) == len(apps)
