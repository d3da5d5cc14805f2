from datetime import date

import pytest

from widenet.errors import InvalidInput
from widenet.evaluate import (
    Confidence,
    CriterionMove,
    biggest_changes,
    changes,
    score_over_time,
    score_sparkline,
    sparkline,
)
from widenet.evaluate.history import sessions
from widenet.track.stages import Stage

from .build import criteria, rated

WEIGHTS = criteria(a=2, b=1, c=1)


def built_history():
    """Acme's view over five sessions, plus noise from another company (written out of order)."""
    return [
        *rated("Acme", {"a": 3}, on=date(2026, 10, 1), after=Stage.APPLIED),
        *rated("Acme", {"b": 5}, on=date(2026, 10, 8), after=Stage.RECRUITER),
        *rated("Other", {"a": 1, "b": 1, "c": 1}, on=date(2026, 10, 9)),
        *rated("Acme", {"c": 4}, on=date(2026, 10, 22), after=Stage.OFFER),
        *rated("Acme", {"a": 1, "c": 2}, on=date(2026, 10, 15), after=Stage.ONSITE),
        *rated(
            "Acme",
            {"b": 4},
            on=date(2026, 10, 20),
            after="call with a former employee",
            confidence=Confidence.LOW,
        ),
    ]


def test_the_score_after_each_session_is_hand_computed():
    points = score_over_time(built_history(), "Acme", WEIGHTS)
    assert [p.on.day for p in points] == [1, 8, 15, 20, 22]
    assert [p.after_label for p in points] == [
        "Applied",
        "Recruiter",
        "Onsite",
        "call with a former employee",
        "Offer",
    ]
    expected = [3.0, 11 / 3, 9 / 4, 8 / 4, 10 / 4]  # (2a + b + c) / weight of what is rated
    assert [p.score.value for p in points] == pytest.approx(expected)
    assert [p.score.coverage for p in points] == pytest.approx([0.5, 0.75, 1, 1, 1])
    # the low-confidence b of the 20th no longer counts as known
    assert points[3].score.confident_coverage == pytest.approx(0.75)


def test_the_biggest_changes_come_first_with_the_stage_that_caused_them():
    top = biggest_changes(built_history(), "Acme", WEIGHTS, limit=3)
    assert [(c.on.day, c.after) for c in top] == [
        (15, Stage.ONSITE),
        (8, Stage.RECRUITER),
        (22, Stage.OFFER),
    ]
    assert [c.delta for c in top] == pytest.approx([9 / 4 - 11 / 3, 11 / 3 - 3, 0.5])
    assert top[0].moves == (CriterionMove("a", 3, 1), CriterionMove("c", None, 2))
    assert top[0].before == pytest.approx(11 / 3)


def test_every_change_in_date_order_and_the_first_score_is_not_a_change():
    found = changes(built_history(), "Acme", WEIGHTS)
    assert [c.on.day for c in found] == [8, 15, 20, 22]
    assert found[2].after_label == "call with a former employee"


def test_a_session_that_moves_nothing_is_no_change():
    history = [
        *rated("Acme", {"a": 3, "b": 3}, on=date(2026, 10, 1)),
        *rated("Acme", {"a": 3}, on=date(2026, 10, 5)),  # confirmed, same score
    ]
    assert changes(history, "Acme", WEIGHTS) == ()
    assert len(score_over_time(history, "Acme", WEIGHTS)) == 2


def test_sessions_split_on_day_and_stage_and_keep_the_later_rating():
    history = [
        *rated("Acme", {"a": 2}, on=date(2026, 10, 1), after=Stage.RECRUITER),
        *rated("Acme", {"a": 4}, on=date(2026, 10, 1), after=Stage.RECRUITER),
        *rated("Acme", {"b": 1}, on=date(2026, 10, 1), after=Stage.HIRING_MANAGER),
    ]
    assert [len(s) for s in sessions(history)] == [2, 1]
    points = score_over_time(history, "Acme", WEIGHTS)
    assert [p.score.value for p in points] == pytest.approx([4.0, 3.0])


def test_functions_do_not_change_the_history_they_read():
    history = built_history()
    copy = list(history)
    score_over_time(history, "Acme", WEIGHTS)
    biggest_changes(history, "Acme", WEIGHTS)
    assert history == copy


def test_a_company_never_rated_has_no_points():
    assert score_over_time(built_history(), "Nobody", WEIGHTS) == ()
    assert biggest_changes(built_history(), "Nobody", WEIGHTS) == ()


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ([1, 5], "▁█"),
        ([3], "▅"),  # halfway: 3.5 steps of 7 rounds up
        ([2, 4], "▃▆"),  # 1.75 -> 2, 5.25 -> 5
        ([None, 3.0], "·▅"),
        ([0, 9], "▁█"),  # outside the scale: clamped
        ([], ""),
    ],
)
def test_sparkline_on_the_fixed_one_to_five_scale(values, line):
    assert sparkline(values) == line


def test_sparkline_of_the_built_history():
    points = score_over_time(built_history(), "Acme", WEIGHTS)
    # 3 -> 3.5 -> ▅; 3.67 -> 4.67 -> ▆; 2.25 -> 2.19 -> ▃; 2 -> 1.75 -> ▃; 2.5 -> 2.63 -> ▄
    assert score_sparkline(points) == "▅▆▃▃▄"


def test_sparkline_scale_and_characters_can_change():
    assert sparkline([0, 50, 100], low=0, high=100, chars=".oO") == ".oO"
    with pytest.raises(InvalidInput, match="high must exceed low"):
        sparkline([1], low=5, high=5)
