from datetime import date

import pytest

from widenet.errors import InvalidInput
from widenet.evaluate import COMPENSATION, decision_matrix
from widenet.evaluate.decide import compensation_scores

from .build import criteria, rated, table

WEIGHTS = criteria(a=1, b=1)
HISTORY = table({"X": {"a": 4, "b": 2}, "Y": {"a": 5, "b": 4}})
OFFERS = {"X": 100_000_00, "Y": 80_000_00, "Z": 50_000_00}


def test_companies_are_ranked_on_their_weighted_score():
    matrix = decision_matrix(HISTORY, ["X", "Y", "Q"], WEIGHTS)
    assert [(r.company, r.rank, r.total) for r in matrix.rows] == [
        ("Y", 1, 4.5),
        ("X", 2, 3.0),
        ("Q", None, None),  # nothing rated yet: listed, not ranked
    ]
    assert matrix.leader == "Y"
    assert matrix.rows[0].ratings == {"a": 5, "b": 4}
    assert matrix.rows[2].coverage == 0


def test_compensation_is_shown_beside_without_a_weight():
    matrix = decision_matrix(HISTORY, ["X", "Y", "Z"], WEIGHTS, compensation=OFFERS)
    rows = {r.company: r for r in matrix.rows}
    assert (rows["X"].compensation, rows["X"].compensation_score) == (100_000_00, 5.0)
    assert rows["Y"].compensation_score == pytest.approx(4.2)  # 1 + 4 x 0.8
    assert rows["Z"].compensation_score == pytest.approx(3.0)  # 1 + 4 x 0.5
    assert (rows["Y"].total, rows["X"].total, rows["Z"].total) == (4.5, 3.0, None)
    assert COMPENSATION not in matrix.weights()


def test_weighted_compensation_counts_like_one_more_criterion():
    matrix = decision_matrix(
        HISTORY, ["X", "Y", "Z"], WEIGHTS, compensation=OFFERS, compensation_weight=2
    )
    rows = {r.company: r for r in matrix.rows}
    assert rows["X"].total == pytest.approx((4 + 2 + 2 * 5.0) / 4)
    assert rows["Y"].total == pytest.approx((5 + 4 + 2 * 4.2) / 4)
    assert rows["Z"].total == pytest.approx(3.0)  # only the offer is known
    assert rows["Z"].coverage == pytest.approx(0.5)
    assert [r.company for r in matrix.rows] == ["Y", "X", "Z"]
    assert matrix.weights() == {"a": 1, "b": 1, COMPENSATION: 2}


def test_a_heavy_enough_offer_weight_changes_the_leader():
    matrix = decision_matrix(
        HISTORY, ["X", "Y"], WEIGHTS, compensation=OFFERS, compensation_weight=10
    )
    # X: (6 + 50) / 12 = 4.67 beats Y: (9 + 42) / 12 = 4.25
    assert matrix.leader == "X"


@pytest.mark.parametrize(
    ("offers", "expected"),
    [
        ({"A": 200, "B": 100}, {"A": 5.0, "B": 3.0}),
        ({"A": 100, "B": 95}, {"A": 5.0, "B": 4.8}),
        ({"A": 0, "B": 0}, {"A": 5.0, "B": 5.0}),
        ({"A": 0, "B": 10}, {"A": 1.0, "B": 5.0}),
    ],
)
def test_offers_are_scaled_in_proportion_to_the_best(offers, expected):
    assert compensation_scores(offers) == pytest.approx(expected)


def test_ties_are_broken_by_name_and_the_as_of_day_is_respected():
    history = [
        *rated("b-corp", {"a": 3, "b": 3}, on=date(2026, 10, 1)),
        *rated("A-corp", {"a": 3, "b": 3}, on=date(2026, 10, 1)),
        *rated("b-corp", {"a": 5}, on=date(2026, 11, 1)),
    ]
    assert decision_matrix(history, ["b-corp", "A-corp"], WEIGHTS).leader == "b-corp"
    earlier = decision_matrix(history, ["b-corp", "A-corp"], WEIGHTS, as_of=date(2026, 10, 15))
    assert [r.company for r in earlier.rows] == ["A-corp", "b-corp"]


def test_the_inputs_are_not_changed():
    history, offers = list(HISTORY), dict(OFFERS)
    decision_matrix(history, ["X", "Y"], WEIGHTS, compensation=offers, compensation_weight=1)
    assert history == HISTORY
    assert offers == OFFERS


@pytest.mark.parametrize(
    ("companies", "offers", "weight", "field"),
    [
        (["X", "X"], {}, 0.0, "companies"),
        (["X", ""], {}, 0.0, "companies"),
        (["X"], {"X": -5}, 0.0, "compensation.X"),
        (["X"], {"X": 10.5}, 0.0, "compensation.X"),
        (["X"], {"X": 10}, -1.0, "compensation_weight"),
        (["X"], {}, 1.0, "compensation_weight"),
        (["X"], {"Y": 10}, 1.0, "compensation_weight"),  # offers only outside the play
    ],
)
def test_bad_matrix_input_names_the_field(companies, offers, weight, field):
    with pytest.raises(InvalidInput) as caught:
        decision_matrix(
            HISTORY, companies, WEIGHTS, compensation=offers, compensation_weight=weight
        )
    assert caught.value.field == field


def test_a_criterion_named_like_the_offer_column_is_refused_when_offers_count():
    with pytest.raises(InvalidInput, match="rename it"):
        decision_matrix(
            HISTORY, ["X"], criteria(a=1, offer=1), compensation={"X": 1}, compensation_weight=1
        )
