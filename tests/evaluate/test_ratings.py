from datetime import date

import pytest

from widenet.errors import InvalidInput
from widenet.evaluate import (
    Confidence,
    Rating,
    add_ratings,
    default_criteria,
    latest_ratings,
    make_ratings,
    parse_after,
    parse_confidence,
    ratings_of,
)
from widenet.track.stages import Stage

OCT_20, NOV_2 = date(2026, 10, 20), date(2026, 11, 2)


def session(scores, *, on=OCT_20, after=Stage.RECRUITER, **kwargs):
    return make_ratings("Acme", scores, criteria=default_criteria(), on=on, after=after, **kwargs)


def test_a_session_makes_one_rating_per_criterion_with_its_context():
    made = session({"team": 4, "wlb": 3}, confidence=Confidence.LOW, note="  seemed rushed ")
    assert made == (
        Rating("Acme", "team", 4, OCT_20, Stage.RECRUITER, Confidence.LOW, "seemed rushed"),
        Rating("Acme", "work_life", 3, OCT_20, Stage.RECRUITER, Confidence.LOW, "seemed rushed"),
    )


def test_a_second_rating_adds_to_the_history_and_the_first_remains():
    first = add_ratings((), session({"team": 4}), criteria=default_criteria())
    frozen = tuple(first)
    second = add_ratings(first, session({"team": 2}, on=NOV_2), criteria=default_criteria())
    assert first == frozen  # the input is untouched
    assert len(second) == 2
    assert second[0] == first[0]
    assert [r.score for r in second] == [4, 2]
    assert latest_ratings(second, "Acme")["team"].score == 2
    assert latest_ratings(second, "Acme", as_of=OCT_20)["team"].score == 4


def test_add_ratings_does_not_mutate_a_list_it_is_given():
    history = list(session({"team": 4}))
    add_ratings(history, session({"manager": 3}), criteria=default_criteria())
    assert [r.criterion for r in history] == ["team"]


def test_a_batch_with_one_bad_rating_is_refused_whole():
    good = Rating("Acme", "team", 4, OCT_20)
    bad = Rating("Acme", "tema", 7, OCT_20)
    with pytest.raises(InvalidInput) as caught:
        add_ratings((), [good, bad], criteria=default_criteria())
    assert "Did you mean 'team'" in str(caught.value)
    assert "outside 1-5" in str(caught.value)


@pytest.mark.parametrize(
    ("scores", "fragment"),
    [
        ({}, "at least one rating"),
        ({"team": 6}, "outside 1-5"),
        ({"team": 0}, "outside 1-5"),
        ({"team": True}, "not a whole number"),
        ({"tema": 3}, "'tema' is not a criterion"),
        ({"team": 3, "people": 4}, "rated twice"),
    ],
)
def test_bad_sessions_are_refused(scores, fragment):
    with pytest.raises(InvalidInput, match=fragment):
        session(scores)


def test_a_session_needs_a_company():
    with pytest.raises(InvalidInput, match="Name the company") as caught:
        make_ratings(" ", {"team": 3}, criteria=default_criteria(), on=OCT_20)
    assert caught.value.field == "company"


def test_ratings_are_ordered_by_date_then_as_recorded():
    late = Rating("Acme", "team", 2, NOV_2)
    early = Rating("Acme", "team", 5, OCT_20)
    again = Rating("Acme", "team", 3, OCT_20)
    assert ratings_of([late, early, again], "Acme") == [early, again, late]
    assert latest_ratings([late, early, again], "Acme", as_of=OCT_20)["team"] == again


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("onsite", Stage.ONSITE),
        ("recruiter call", Stage.RECRUITER),
        ("Tech screen", Stage.TECHNICAL),
        ("  coffee   with Sam ", "coffee with Sam"),
    ],
)
def test_after_is_a_stage_when_one_fits_else_a_label(typed, expected):
    assert parse_after(typed) == expected


def test_after_knows_the_users_own_step_names_and_refuses_an_essay():
    assert parse_after("Team matching", known={"Team matching": Stage.HIRING_MANAGER}) == (
        Stage.HIRING_MANAGER
    )
    with pytest.raises(InvalidInput, match="under 80 characters"):
        parse_after("x" * 81)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("low", Confidence.LOW), ("M", Confidence.MEDIUM), ("high", Confidence.HIGH)],
)
def test_confidence_names(typed, expected):
    assert parse_confidence(typed) is expected


def test_an_unknown_confidence_lists_the_scale():
    with pytest.raises(InvalidInput, match="use low, medium or high"):
        parse_confidence("very")
