import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widenet.errors import InvalidInput
from widenet.evaluate import Confidence, company_score, weighted_score

from .build import criteria, rated


@pytest.mark.parametrize(
    ("weights", "scores", "value", "coverage"),
    [
        # all rated: plain weighted mean
        ({"a": 1, "b": 1}, {"a": 4, "b": 2}, 3.0, 1.0),
        ({"a": 3, "b": 1}, {"a": 5, "b": 1}, 4.0, 1.0),  # (15 + 1) / 4
        ({"a": 2, "b": 1, "c": 1}, {"a": 1, "b": 4, "c": 2}, 2.0, 1.0),  # (2 + 4 + 2) / 4
        # unrated criteria are left out and the rest renormalised
        ({"a": 3, "b": 1}, {"b": 2}, 2.0, 0.25),
        ({"a": 2, "b": 1, "c": 1}, {"a": 5, "c": 2}, 4.0, 0.75),  # (10 + 2) / 3
        # a weight of 0 counts for nothing
        ({"a": 0, "b": 1}, {"a": 1, "b": 5}, 5.0, 1.0),
        ({"a": 0, "b": 1}, {"a": 5}, None, 0.0),
        ({"a": 1, "b": 1}, {}, None, 0.0),
    ],
)
def test_weighted_score_on_hand_computed_cases(weights, scores, value, coverage):
    score = weighted_score(scores, criteria(**weights))
    if value is None:
        assert score.value is None
    else:
        assert score.value == pytest.approx(value)
    assert score.coverage == pytest.approx(coverage)


def test_confidence_leaves_the_value_alone_and_lowers_confident_coverage():
    weights = criteria(a=2, b=1, c=1)
    sure = weighted_score({"a": 4, "b": 2}, weights)
    unsure = weighted_score(
        {"a": 4, "b": 2}, weights, confidence={"a": Confidence.LOW, "b": Confidence.HIGH}
    )
    assert sure.value == unsure.value == pytest.approx(10 / 3)
    assert (sure.coverage, sure.confident_coverage) == (0.75, 0.75)
    assert (unsure.coverage, unsure.confident_coverage) == (0.75, 0.25)


@pytest.mark.parametrize(
    ("scores", "fragment"),
    [({"z": 3}, "'z' is not a criterion"), ({"a": 6}, "outside 1-5"), ({"a": 0}, "outside 1-5")],
)
def test_bad_scores_are_refused(scores, fragment):
    with pytest.raises(InvalidInput, match=fragment):
        weighted_score(scores, criteria(a=1, b=1))


def test_company_score_takes_the_latest_rating_per_criterion_as_of_a_day():
    from datetime import date

    history = [
        *rated("Acme", {"a": 2, "b": 4}, on=date(2026, 10, 1)),
        *rated("Acme", {"a": 5}, on=date(2026, 10, 9)),
        *rated("Other", {"a": 1, "b": 1}, on=date(2026, 10, 9)),
    ]
    both = criteria(a=1, b=1)
    assert company_score(history, "Acme", both).value == pytest.approx(4.5)
    assert company_score(history, "Acme", both, as_of=date(2026, 10, 8)).value == 3.0
    assert company_score(history, "Acme", both, as_of=date(2026, 9, 30)).value is None
    # a criterion the user dropped stops counting, its ratings stay harmless
    assert company_score(history, "Acme", criteria(a=1)).value == 5.0


KEYS = ["a", "b", "c", "d"]
weights_st = st.fixed_dictionaries(
    {key: st.one_of(st.just(0.0), st.floats(0.001, 10.0)) for key in KEYS}
).filter(lambda w: sum(w.values()) > 0.01)
scores_st = st.dictionaries(st.sampled_from(KEYS), st.integers(1, 5), min_size=1)


@given(weights_st, scores_st, st.floats(0.01, 1000.0))
def test_scaling_every_weight_changes_no_score(weights, scores, factor):
    plain = weighted_score(scores, criteria(**weights))
    scaled = weighted_score(scores, criteria(**{k: w * factor for k, w in weights.items()}))
    if plain.value is None:
        assert scaled.value is None
    else:
        assert scaled.value == pytest.approx(plain.value)
    assert scaled.coverage == pytest.approx(plain.coverage)


@given(weights_st, scores_st, st.sampled_from(KEYS), st.integers(1, 4))
def test_raising_one_rating_never_lowers_the_score(weights, scores, key, old):
    lower = weighted_score({**scores, key: old}, criteria(**weights))
    higher = weighted_score({**scores, key: old + 1}, criteria(**weights))
    if lower.value is not None:
        assert higher.value is not None
        assert higher.value >= lower.value - 1e-12


@given(weights_st, scores_st)
def test_the_score_lies_between_the_lowest_and_highest_counted_rating(weights, scores):
    score = weighted_score(scores, criteria(**weights))
    counted = [s for k, s in scores.items() if weights[k] > 0]
    if score.value is None:
        assert not counted or math.fsum(weights[k] for k in scores) == 0
    else:
        assert min(counted) - 1e-12 <= score.value <= max(counted) + 1e-12
        assert 0 < score.coverage <= 1
