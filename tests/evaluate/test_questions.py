from datetime import date

import pytest

from widenet.errors import InvalidInput
from widenet.evaluate import (
    QUESTION_BANK,
    AskedQuestion,
    Confidence,
    Unknown,
    add_asked,
    asked_at,
    default_criteria,
    make_asked,
    questions_for,
    suggest_questions,
    unknowns,
)
from widenet.track.stages import Stage

from .build import criteria, rated

DAY = date(2026, 11, 2)


def test_the_bank_has_several_distinct_questions_for_every_default_criterion():
    assert set(QUESTION_BANK) == set(default_criteria().keys)
    ids = [q.id for questions in QUESTION_BANK.values() for q in questions]
    assert len(ids) == len(set(ids))
    for key, questions in QUESTION_BANK.items():
        assert len(questions) >= 4, key
        assert all(q.criterion == key and q.text.endswith("?") for q in questions)
        assert len({q.text for q in questions}) == len(questions)


def test_a_criterion_of_the_users_own_gets_generic_questions_naming_it():
    found = questions_for("commute", label="Commute")
    assert len(found) >= 2
    assert all("commute" in q.text and q.criterion == "commute" for q in found)


def test_unknowns_are_never_rated_or_low_confidence_weighted_by_importance():
    weights = criteria(a=4, b=3, c=2, d=1)
    history = [
        *rated("Acme", {"a": 4}, confidence=Confidence.LOW),
        *rated("Acme", {"b": 2}, confidence=Confidence.HIGH),
        *rated("Other", {"c": 3}),  # another company's ratings know nothing of Acme
    ]
    found = unknowns(history, "Acme", weights)
    # importance = share x (1 if never rated, 0.5 if low confidence): c .2, a .2, d .1
    assert [(key, kind) for key, kind, _ in found] == [
        ("a", Unknown.LOW_CONFIDENCE),
        ("c", Unknown.NEVER_RATED),
        ("d", Unknown.NEVER_RATED),
    ]
    assert [importance for _, _, importance in found] == pytest.approx([0.2, 0.2, 0.1])


def test_a_later_confident_rating_makes_a_criterion_known():
    weights = criteria(a=1, b=1)
    history = [
        *rated("Acme", {"a": 4, "b": 3}, on=date(2026, 10, 1), confidence=Confidence.LOW),
        *rated("Acme", {"a": 4}, confidence=Confidence.MEDIUM),
    ]
    assert [key for key, _, _ in unknowns(history, "Acme", weights)] == ["b"]


def test_a_criterion_weighted_zero_is_not_worth_asking_about():
    assert unknowns([], "Acme", criteria(a=1, b=0)) == [("a", Unknown.NEVER_RATED, 1.0)]


def test_suggestions_follow_importance_and_prefer_questions_for_the_next_stage():
    found = suggest_questions([], "Acme", default_criteria(), next_stage=Stage.RECRUITER)
    assert [s.criterion for s in found] == ["team", "manager", "product"]
    assert found[0].unknown is Unknown.NEVER_RATED
    # the recruiter call suits team-1 and team-4; manager questions suit no recruiter call
    assert [q.id for q in found[0].questions] == ["team-1", "team-4"]
    assert [q.id for q in found[1].questions] == ["manager-1", "manager-2"]


def test_questions_already_asked_at_the_company_are_not_suggested_again():
    asked = [
        make_asked("Acme", "team-1", criteria=default_criteria(), on=DAY, at=Stage.RECRUITER),
        make_asked(
            "Acme",
            "  Could I talk with an engineer on the team who is not part of my interviews? ",
            criteria=default_criteria(),
            criterion="team",
            on=DAY,
        ),
        make_asked("Other", "team-2", criteria=default_criteria(), on=DAY),
    ]
    found = suggest_questions(
        [], "Acme", default_criteria(), asked=asked, next_stage=Stage.RECRUITER, limit=1
    )
    assert [q.id for q in found[0].questions] == ["team-2", "team-3"]


def test_a_question_from_the_bank_is_recorded_with_its_text_and_answer():
    entry = make_asked(
        "Acme",
        "compensation-1",
        criteria=default_criteria(),
        on=DAY,
        at=Stage.RECRUITER,
        answer=" 150-180k base ",
    )
    assert entry == AskedQuestion(
        "Acme",
        "compensation",
        QUESTION_BANK["compensation"][0].text,
        DAY,
        Stage.RECRUITER,
        "150-180k base",
        "compensation-1",
    )
    assert entry.at_label == "Recruiter"


def test_the_log_only_grows():
    first = make_asked("Acme", "team-1", criteria=default_criteria(), on=date(2026, 10, 1))
    second = make_asked("Acme", "team-1", criteria=default_criteria(), on=DAY, answer="six")
    log = add_asked((), second)
    log2 = add_asked(log, first)
    assert log == (second,)
    assert asked_at(log2, "Acme") == [first, second]


@pytest.mark.parametrize(
    ("question", "criterion", "fragment"),
    [
        ("What is the on-call load?", None, "Say which criterion"),
        ("What is the on-call load?", "tehcnology", "Did you mean 'technology'"),
        ("   ", "team", "question is empty"),
    ],
)
def test_bad_records_get_a_clear_message(question, criterion, fragment):
    with pytest.raises(InvalidInput, match=fragment):
        make_asked("Acme", question, criteria=default_criteria(), criterion=criterion, on=DAY)


def test_a_generic_question_of_the_users_own_criterion_is_recorded_by_its_id():
    mine = default_criteria().with_criterion("commute", weight=2)
    suggested = suggest_questions([], "Acme", mine, limit=len(mine))
    commute = next(s for s in suggested if s.criterion == "commute")
    entry = make_asked("Acme", commute.questions[0].id, criteria=mine, on=DAY)
    assert (entry.criterion, entry.question) == ("commute", commute.questions[0].text)
    assert entry.question_id == "commute-1"


def test_a_bank_question_for_a_removed_criterion_is_refused():
    with pytest.raises(InvalidInput, match="'location' is not a criterion"):
        make_asked("Acme", "location-1", criteria=default_criteria().without("location"), on=DAY)
