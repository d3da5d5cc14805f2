import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widenet.errors import InvalidInput
from widenet.evaluate import COMPENSATION, decision_matrix, rank_stability, weight_flips
from widenet.evaluate.decide import leader_under

from .build import criteria, table

ROOT7 = (math.sqrt(7) - 1) / 2  # 2w² + 2w - 3 = 0
ROOT13 = (math.sqrt(13) - 1) / 2  # w² + w - 3 = 0

CASES = {
    # X 3.0 vs Y 2.5. Moving a: (5w+1)/(w+1) = (2w+3)/(w+1) at w = 2/3; moving b: 5+w = 2+3w.
    "two companies": (
        {"a": 1, "b": 1},
        {"X": {"a": 5, "b": 1}, "Y": {"a": 2, "b": 3}},
        [("a", 2 / 3, "Y"), ("b", 1.5, "Y")],
    ),
    # Moving b: Z ties X at 10+w = 6+4w (w = 4/3) before Y does (w = 1.5).
    # Moving a down from 2: Z ties X at 5w+1 = 3w+4 (w = 1.5) before Y (w = 4/3).
    "the first challenger to cross wins": (
        {"a": 2, "b": 1},
        {"X": {"a": 5, "b": 1}, "Y": {"a": 2, "b": 5}, "Z": {"a": 3, "b": 4}},
        [("b", 4 / 3, "Z"), ("a", 1.5, "Z")],
    ),
    # X knows only a: b cannot move X's 4 and Y's (3+4w)/(1+w) stays below 4;
    # at a = 0 X has no score left and Y leads.
    "unrated criteria": (
        {"a": 1, "b": 1},
        {"X": {"a": 4}, "Y": {"a": 3, "b": 4}},
        [("a", 0.0, "Y"), ("b", None, None)],
    ),
    # Different coverage makes the tie a quadratic: (5w+2)(w+2) = (3w+7)(w+1) for a.
    "renormalised weights": (
        {"a": 1, "b": 1, "c": 1},
        {"X": {"a": 5, "b": 2}, "Y": {"a": 3, "b": 3, "c": 4}},
        [("a", ROOT7, "Y"), ("b", ROOT13, "Y"), ("c", 2.0, "Y")],
    ),
    "a leader best on everything": (
        {"a": 1, "b": 2},
        {"X": {"a": 5, "b": 5}, "Y": {"a": 1, "b": 1}},
        [("a", None, None), ("b", None, None)],
    ),
}


@pytest.mark.parametrize(("weights", "rows", "expected"), CASES.values(), ids=list(CASES))
def test_weight_flips_on_hand_computed_cases(weights, rows, expected):
    matrix = decision_matrix(table(rows), list(rows), criteria(**weights))
    flips = weight_flips(matrix)
    assert [f.criterion for f in flips] == [key for key, _, _ in expected]
    for flip, (key, at, leader) in zip(flips, expected, strict=True):
        assert flip.weight == weights[key]
        assert flip.new_leader == leader
        if at is None:
            assert flip.flip_weight is None
            assert flip.change is None
            assert flip.direction == 0
        else:
            assert flip.flip_weight == pytest.approx(at, abs=1e-9)
            assert flip.change == pytest.approx(at - weights[key], abs=1e-9)
            assert flip.direction == (1 if at > weights[key] else -1)


def test_the_relative_change_is_a_share_of_the_current_weight():
    weights, rows, _ = CASES["two companies"]
    flips = weight_flips(decision_matrix(table(rows), list(rows), criteria(**weights)))
    assert [f.relative for f in flips] == pytest.approx([-1 / 3, 0.5])


@pytest.mark.parametrize(
    ("offer_weight", "flip_at"),
    [
        # X: (5 + 3w)/(1 + w), Y: (3 + 5w)/(1 + w): tied at w = 1
        (0.5, 1.0),
        (1.0, 1.0),  # already tied, X first by name: any more weight on the offer flips it
    ],
)
def test_the_offer_column_has_its_own_flip(offer_weight, flip_at):
    matrix = decision_matrix(
        table({"X": {"a": 5}, "Y": {"a": 3}}),
        ["X", "Y"],
        criteria(a=1),
        compensation={"X": 50, "Y": 100},
        compensation_weight=offer_weight,
    )
    assert matrix.leader == "X"
    offer = next(f for f in weight_flips(matrix) if f.criterion == COMPENSATION)
    assert offer.flip_weight == pytest.approx(flip_at)
    assert offer.new_leader == "Y"
    assert offer.direction == 1


def test_no_leader_no_flips():
    matrix = decision_matrix([], ["X", "Y"], criteria(a=1, b=1))
    assert all(f.flip_weight is None for f in weight_flips(matrix))


matrices = st.integers(2, 4).flatmap(
    lambda n_criteria: st.tuples(
        st.lists(
            st.floats(0.25, 5.0).map(lambda w: round(w, 2)),
            min_size=n_criteria,
            max_size=n_criteria,
        ),
        st.lists(
            st.lists(
                st.one_of(st.none(), st.integers(1, 5)), min_size=n_criteria, max_size=n_criteria
            ),
            min_size=2,
            max_size=4,
        ),
    )
)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_each_reported_flip_is_the_nearest_weight_that_changes_the_leader(data):
    raw_weights, raw_rows = data
    keys = [f"c{i}" for i in range(len(raw_weights))]
    rows = {
        f"co{j}": {k: s for k, s in zip(keys, row, strict=True) if s is not None}
        for j, row in enumerate(raw_rows)
    }
    matrix = decision_matrix(
        table(rows), list(rows), criteria(**dict(zip(keys, raw_weights, strict=True)))
    )
    leader, weights = matrix.leader, matrix.weights()
    grid = [0.0, 0.05, 0.3, 0.7, 1.0, 1.6, 2.5, 4.0, 7.0, 12.0, 30.0, 100.0]
    for flip in weight_flips(matrix):
        current = weights[flip.criterion]
        reach = math.inf if flip.change is None else abs(flip.change)
        for w in [*grid, current + 0.5 * (flip.change or 0.0)]:
            if abs(w - current) < reach - 1e-6:
                found = leader_under(matrix, {**weights, flip.criterion: w})
                # at weight 0 a leader known only on that column may leave nobody scored
                assert found == leader or (found is None and w == 0)
        if flip.flip_weight is None:
            assert flip.direction == 0
        elif flip.flip_weight > 0 or flip.direction > 0:
            beyond = flip.flip_weight + flip.direction * 1e-6 * max(1.0, flip.flip_weight)
            moved = {**weights, flip.criterion: beyond}
            assert leader_under(matrix, moved) == flip.new_leader
        else:  # at weight 0 exactly the leader drops out
            assert leader_under(matrix, {**weights, flip.criterion: 0.0}) == flip.new_leader


def test_rank_stability_matches_the_hand_computed_share():
    # Y (3.5) leads X (3); X comes first only when w_a > 1.5 w_b. With both weights drawn
    # from [0.75, 1.25] that has probability (1/0.25²) x ∫ (1.25 - 1.5 w) dw over
    # [0.75, 0.8333] = 0.0052 / 0.0625 = 1/48.
    matrix = decision_matrix(
        table({"X": {"a": 4, "b": 2}, "Y": {"a": 2, "b": 5}}), ["X", "Y"], criteria(a=1, b=1)
    )
    found = rank_stability(matrix, rng=np.random.default_rng(7), runs=20_000, spread=0.25)
    assert found.leader == "Y"
    assert found.leader_kept == pytest.approx(47 / 48, abs=0.006)
    assert found.wins["X"] == pytest.approx(1 / 48, abs=0.006)
    assert found.ranking_kept == found.leader_kept  # with two companies, the same thing
    assert found.mean_rank["Y"] == pytest.approx(1 + 1 / 48, abs=0.006)


def test_small_nudges_cannot_move_a_clear_leader():
    # the ratio w_a / w_b cannot reach 1.5 when each moves by at most 10%
    matrix = decision_matrix(
        table({"X": {"a": 4, "b": 2}, "Y": {"a": 2, "b": 5}}), ["X", "Y"], criteria(a=1, b=1)
    )
    found = rank_stability(matrix, rng=np.random.default_rng(1), runs=500, spread=0.1)
    assert (found.leader_kept, found.ranking_kept) == (1.0, 1.0)


def test_a_dead_heat_splits_about_evenly_and_the_same_seed_repeats():
    matrix = decision_matrix(
        table({"X": {"a": 5, "b": 1}, "Y": {"a": 1, "b": 5}}), ["X", "Y"], criteria(a=1, b=1)
    )
    first = rank_stability(matrix, rng=np.random.default_rng(3), runs=4000)
    again = rank_stability(matrix, rng=np.random.default_rng(3), runs=4000)
    assert first == again
    assert first.wins["X"] == pytest.approx(0.5, abs=0.03)
    assert sum(first.wins.values()) == pytest.approx(1.0)


def test_companies_without_a_score_take_no_part():
    matrix = decision_matrix(table({"X": {"a": 4}}), ["X", "Q"], criteria(a=1))
    found = rank_stability(matrix, rng=np.random.default_rng(0), runs=10)
    assert found.wins == {"X": 1.0}


@pytest.mark.parametrize(
    ("runs", "spread", "field"), [(0, 0.2, "runs"), (10, 0, "spread"), (10, 1.0, "spread")]
)
def test_bad_stability_settings_are_refused(runs, spread, field):
    matrix = decision_matrix(table({"X": {"a": 4}}), ["X"], criteria(a=1))
    with pytest.raises(InvalidInput) as caught:
        rank_stability(matrix, rng=np.random.default_rng(0), runs=runs, spread=spread)
    assert caught.value.field == field
