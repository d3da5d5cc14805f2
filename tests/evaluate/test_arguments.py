import pytest

from widenet.errors import InvalidInput
from widenet.evaluate import default_criteria, parse_scores, parse_weights


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["team=4"], {"team": 4}),
        (["team=4", "manager=3"], {"team": 4, "manager": 3}),
        ([" Team = 5 "], {"team": 5}),
        (["wlb=2", "remote=1"], {"work_life": 2, "location": 1}),
        (["work-life balance=3"], {"work_life": 3}),
    ],
)
def test_scores_are_read_by_criterion_key(arguments, expected):
    assert parse_scores(arguments, default_criteria()) == expected


@pytest.mark.parametrize(
    ("arguments", "field", "fragment"),
    [
        ([], "scores", "at least one rating"),
        (["team4"], "argument 1", "write it like team=4"),
        (["team:4"], "argument 1", "write 'team=4'"),
        (["team=4", "manager 3"], "argument 2", "write 'manager=3'"),
        (["=4"], "argument 1", "names no criterion"),
        (["team="], "team", "has no score"),
        (["tema=4"], "tema", "Did you mean 'team'"),
        (["team=6"], "team", "outside 1-5"),
        (["team=0"], "team", "outside 1-5"),
        (["team=3.5"], "team", "whole numbers"),
        (["team=good"], "team", "not a score from 1 to 5"),
        (["team=4", "people=3"], "team", "given twice ('team=4' and 'people=3')"),
    ],
)
def test_each_malformed_argument_gets_a_message_naming_it(arguments, field, fragment):
    with pytest.raises(InvalidInput) as caught:
        parse_scores(arguments, default_criteria())
    assert fragment in str(caught.value)
    assert caught.value.field == field


def test_every_wrong_argument_is_reported_at_once_in_order():
    with pytest.raises(InvalidInput) as caught:
        parse_scores(["team=9", "manager=4", "tema=2", "growth"], default_criteria())
    assert [p.field for p in caught.value.problems] == ["team", "tema", "argument 4"]
    assert str(caught.value).startswith("3 arguments are wrong:")


def test_weights_accept_decimals_and_zero():
    assert parse_weights(["team=2.5", "comp=0"], default_criteria()) == {
        "team": 2.5,
        "compensation": 0.0,
    }


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["team=-1"], "0 or more"),
        (["team=lots"], "not a number"),
        (["team=inf"], "0 or more"),
        (["manger=2"], "Did you mean 'manager'"),
    ],
)
def test_bad_weights_are_refused(arguments, fragment):
    with pytest.raises(InvalidInput, match=fragment):
        parse_weights(arguments, default_criteria())


def test_weights_that_would_all_be_zero_are_refused():
    everything = [f"{key}=0" for key in default_criteria().keys]
    with pytest.raises(InvalidInput, match="sum to zero"):
        parse_weights(everything, default_criteria())
