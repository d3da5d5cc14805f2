import pytest

from widenet.plan.grid import build_grid
from widenet.plan.load import overload
from widenet.plan.problem import Capacity, PlanProblem, Prospect
from widenet.plan.score import ObjectiveParts, score
from widenet.track.model import SizeBand

from .build import START, company

# On the grid of working days (5 for every 7 calendar days, rounded):
# X: onsite 10 days after applying (7 working days), technical on day 6 (4), offer 4 days
#    after the onsite (day 10 in all), medium (offer open 9 days: 6). Y: onsite after 20 days
#    (14), technical on day 12 (9), offer on day 24 (17), small (offer open 6 days: 4).
#    Z: a referral like X. The decision window is 5 days (4 working days).
X = company("X", 10, excitement=1)
Y = company("Y", 20, excitement=5, size=SizeBand.SMALL)
Z = company("Z", 10, referral=True, steps=None)


def grid_of(*companies: Prospect):  # type: ignore[no-untyped-def]
    problem = PlanProblem(companies=companies, start=START, window_days=5)
    return build_grid(problem)


@pytest.mark.parametrize(
    ("apply", "parts"),
    [
        # Onsites on the same day 14: the small one is not later (1 day), and the less
        # wanted X has its technical step on day 11, after Y's on day 9: (11 - 9 + 1) days
        # times the excitement gap of 4.
        ((7, 0), ObjectiveParts(practice=12, size=1)),
        # Onsites on day 7 and 14: the best 4-day window leaves one 4 days out; X's offer
        # (day 10, open to 16) lapses a day before Y's arrives (17); X screens first (right).
        ((0, 0), ObjectiveParts(window=4, offers=1, spread=7)),
        # Onsites on days 13 and 14, the small one last; X's technical step (day 10) still
        # comes after Y's (day 9): 2 days counting the tie, times the gap of 4.
        ((6, 0), ObjectiveParts(practice=8, spread=1)),
        # Y left out: 500 + 100 x its excitement.
        ((3, None), ObjectiveParts(deferred=1000)),
    ],
)
def test_each_part_is_measured_as_documented(
    apply: tuple[int | None, ...], parts: ObjectiveParts
) -> None:
    assert score(grid_of(X, Y), apply) == parts


def test_a_referral_sent_before_referrals_are_due_costs_a_point_a_day() -> None:
    referral = Prospect("R", 3, SizeBand.MEDIUM, referral=True)
    grid = grid_of(referral)
    # Due 10 days after the start (Monday 30 November): Thursday 10 December, working day 8.
    assert score(grid, [4]).referral == 4
    assert score(grid, [12]).referral == 0


def test_the_total_weighs_each_part() -> None:
    parts = ObjectiveParts(window=1, offers=2, practice=3, size=4, referral=5, spread=6, deferred=7)
    weights = grid_of(X).weights
    assert parts.total(weights) == 20 + 40 + 15 + 20 + 15 + 12 + 7


def test_load_over_the_cap_of_any_week_is_counted() -> None:
    tight = PlanProblem(
        companies=(company("A", 9), company("B", 9)),
        start=START,
        capacity=Capacity(weekly_hours=(1.0,)),
    )
    grid = build_grid(tight)
    # Each applies on day 0: recruiter call day 2, screen day 4, onsite day 6 (working days).
    single = overload(grid, [0, None])
    double = overload(grid, [0, 0])
    assert single.minutes > 0  # even one company's expected load is above an hour a week
    assert double.minutes > 2 * single.minutes
    assert overload(grid, [None, None]).ok
