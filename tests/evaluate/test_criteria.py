import math

import pytest

from widenet.errors import InvalidInput
from widenet.evaluate import Criteria, Criterion, default_criteria

from .build import criteria


def test_defaults_are_the_eight_of_the_issue_with_team_and_manager_weighing_most():
    found = default_criteria()
    assert [c.label for c in found] == [
        "Team",
        "Manager",
        "Product and mission",
        "Technology",
        "Growth and learning",
        "Work–life balance",
        "Compensation outlook",
        "Location / remote",
    ]
    top = max(c.weight for c in found)
    assert {c.key for c in found if c.weight == top} == {"team", "manager"}
    assert math.isclose(sum(found.shares().values()), 1.0)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("team", "team"),
        ("Team", "team"),
        ("Work-life balance", "work_life"),
        ("work life balance", "work_life"),
        ("WLB", "work_life"),
        ("location/remote", "location"),
        ("remote", "location"),
        ("mission", "product"),
        ("Product and mission", "product"),
        ("tech", "technology"),
        ("man", "manager"),  # a unique prefix
        ("comp", "compensation"),
    ],
)
def test_find_accepts_keys_labels_aliases_and_unique_prefixes(typed, key):
    assert default_criteria().find(typed).key == key


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("tema", "'team'"), ("manger", "'manager'"), ("technolgy", "'technology'")],
)
def test_unknown_criterion_names_the_close_match_and_lists_the_known(typed, suggested):
    with pytest.raises(InvalidInput) as caught:
        default_criteria().find(typed)
    message = str(caught.value)
    assert f"{typed!r} is not a criterion" in message
    assert f"Did you mean {suggested}" in message
    assert "Known criteria: team, manager, product, technology, growth" in message
    assert caught.value.field == "criterion"


def test_unknown_criterion_with_nothing_close_still_lists_the_known():
    with pytest.raises(InvalidInput, match="Known criteria: team") as caught:
        default_criteria().find("xylophone")
    assert "Did you mean" not in str(caught.value)


def test_a_prefix_shared_by_two_criteria_asks_which():
    with pytest.raises(InvalidInput, match="could be any of: commute, compensation"):
        default_criteria().without("location").with_criterion("commute").find("com")


@pytest.mark.parametrize(
    ("weights", "field", "fragment"),
    [
        ({"a": -1.0, "b": 1.0}, "weights.a", "negative"),
        ({"a": 0.0, "b": 0.0}, "weights", "sum to zero"),
        ({"a": math.nan, "b": 1.0}, "weights.a", "not a number"),
        ({"a": math.inf, "b": 1.0}, "weights.a", "not a number"),
    ],
)
def test_unusable_weights_are_refused(weights, field, fragment):
    with pytest.raises(InvalidInput, match=fragment) as caught:
        criteria(**weights)
    assert caught.value.field == field


def test_bad_keys_duplicates_and_an_empty_set_are_refused():
    with pytest.raises(InvalidInput, match="not a usable key"):
        Criteria((Criterion("Team Spirit", "Team spirit", 1.0),))
    with pytest.raises(InvalidInput, match="appears twice"):
        Criteria((Criterion("a", "A", 1.0), Criterion("a", "A again", 1.0)))
    with pytest.raises(InvalidInput, match="at least one criterion"):
        Criteria(())


def test_editing_returns_a_new_set_and_leaves_the_old_one_alone():
    before = default_criteria()
    after = before.with_weights({"Team": 5, "wlb": 0})
    assert (after.weight("team"), after.weight("work_life")) == (5, 0)
    assert (before.weight("team"), before.weight("work_life")) == (3.0, 2.0)
    added = before.with_criterion("commute", weight=2)
    assert added.keys[-1] == "commute"
    assert added["commute"].label == "Commute"
    assert "commute" not in before
    assert "technology" not in before.without("tech")


def test_a_key_of_the_users_own_wins_over_an_alias_of_another_criterion():
    mine = default_criteria().with_criterion("remote", weight=1)
    assert mine.find("remote").key == "remote"
    assert default_criteria().find("remote").key == "location"


def test_editing_cannot_make_the_weights_sum_to_zero():
    with pytest.raises(InvalidInput, match="sum to zero"):
        criteria(a=1, b=0).with_weights({"a": 0})
    with pytest.raises(InvalidInput, match="already is a criterion"):
        default_criteria().with_criterion("team")
