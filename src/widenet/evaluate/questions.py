"""What is still unknown about a company, what to ask next, and which question was asked where."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from widenet.errors import InvalidInput
from widenet.evaluate.bank import Question, find_question, questions_for
from widenet.evaluate.criteria import Criteria, normalise_name, unknown_criterion
from widenet.evaluate.ratings import Confidence, Rating, after_label, latest_ratings
from widenet.track.stages import Stage

#: How much an unknown weighs against a criterion never rated: a low-confidence rating is
#: half known.
UNKNOWN_FACTOR = {"never_rated": 1.0, "low_confidence": 0.5}


class Unknown(StrEnum):
    NEVER_RATED = "never_rated"
    LOW_CONFIDENCE = "low_confidence"

    @property
    def label(self) -> str:
        return "never rated" if self is Unknown.NEVER_RATED else "rated with low confidence"


@dataclass(frozen=True)
class AskedQuestion:
    """A record that a question was put to a company at some stage, and what came back."""

    company: str
    criterion: str
    question: str
    on: date
    at: Stage | str = ""  # the stage or event where it was asked
    answer: str = ""
    question_id: str = ""  # the bank's id, when asked from the bank

    @property
    def at_label(self) -> str:
        return after_label(self.at)


@dataclass(frozen=True)
class Suggestion:
    """A criterion still unknown for a company, how much that matters, and what to ask."""

    criterion: str
    label: str
    unknown: Unknown
    importance: float  # the criterion's share of the weight x UNKNOWN_FACTOR
    questions: tuple[Question, ...]


def make_asked(
    company: str,
    question: str,
    *,
    criteria: Criteria,
    on: date,
    at: Stage | str = "",
    answer: str = "",
    criterion: str | None = None,
) -> AskedQuestion:
    """A checked record. ``question`` is a bank id (``manager-3``) or the question's own text;
    own text needs the ``criterion`` it informs."""
    if not company.strip():
        raise InvalidInput("Name the company the question was asked at.", field="company")
    banked = _by_id(question.strip(), criteria)
    if banked is not None:
        key = criteria.find(criterion or banked.criterion).key
        return AskedQuestion(company.strip(), key, banked.text, on, at, answer.strip(), banked.id)
    if not question.strip():
        raise InvalidInput("The question is empty.", field="question")
    if criterion is None:
        raise InvalidInput(
            "Say which criterion the question informs, e.g. criterion=manager.", field="criterion"
        )
    key = criteria.find(criterion).key
    return AskedQuestion(company.strip(), key, " ".join(question.split()), on, at, answer.strip())


def _by_id(text: str, criteria: Criteria) -> Question | None:
    """A suggested question by its id: from the bank, or a generic one for a criterion of the
    user's own (``commute-2``)."""
    criterion, dash, _ = text.rpartition("-")
    if not dash:
        return None
    if criterion not in criteria:
        if find_question(text) is not None:  # a bank question about a criterion you removed
            raise unknown_criterion(criterion, criteria)
        return None
    found = questions_for(criterion, label=criteria[criterion].label)
    return next((question for question in found if question.id == text), None)


def add_asked(log: Sequence[AskedQuestion], entry: AskedQuestion) -> tuple[AskedQuestion, ...]:
    """The log with one more entry; earlier entries (and earlier answers) stay as they were."""
    return (*log, entry)


def asked_at(log: Iterable[AskedQuestion], company: str) -> list[AskedQuestion]:
    """The questions asked at one company, by date."""
    return sorted((entry for entry in log if entry.company == company), key=lambda e: e.on)


def unknowns(
    history: Iterable[Rating], company: str, criteria: Criteria
) -> list[tuple[str, Unknown, float]]:
    """Criteria never rated or last rated with low confidence, most important first.

    Importance = the criterion's share of the total weight x :data:`UNKNOWN_FACTOR`;
    criteria with weight 0 are not worth asking about.
    """
    latest = latest_ratings(history, company)
    shares = criteria.shares()
    found: list[tuple[str, Unknown, float]] = []
    for key in criteria.keys:
        if shares[key] <= 0:
            continue
        rating = latest.get(key)
        if rating is None:
            kind = Unknown.NEVER_RATED
        elif rating.confidence is Confidence.LOW:
            kind = Unknown.LOW_CONFIDENCE
        else:
            continue
        found.append((key, kind, shares[key] * UNKNOWN_FACTOR[kind.value]))
    order = {key: index for index, key in enumerate(criteria.keys)}
    return sorted(found, key=lambda row: (-row[2], order[row[0]]))


def suggest_questions(
    history: Iterable[Rating],
    company: str,
    criteria: Criteria,
    *,
    asked: Iterable[AskedQuestion] = (),
    next_stage: Stage | None = None,
    limit: int = 3,
    per_criterion: int = 2,
) -> tuple[Suggestion, ...]:
    """What to find out before the next stage: the ``limit`` most important unknowns, each with
    up to ``per_criterion`` questions not yet asked at this company, those suiting
    ``next_stage`` first."""
    done = {_question_key(entry) for entry in asked if entry.company == company}
    suggestions: list[Suggestion] = []
    for key, kind, importance in unknowns(history, company, criteria)[:limit]:
        label = criteria[key].label
        fresh = [
            question
            for question in questions_for(key, label=label)
            if question.id not in done and normalise_name(question.text) not in done
        ]
        fresh.sort(key=lambda question: _fit(question, next_stage))
        suggestions.append(Suggestion(key, label, kind, importance, tuple(fresh[:per_criterion])))
    return tuple(suggestions)


def _question_key(entry: AskedQuestion) -> str:
    return entry.question_id or normalise_name(entry.question)


def _fit(question: Question, stage: Stage | None) -> int:
    """0 when the question suits the coming stage, 1 when it suits any stage, 2 otherwise."""
    if stage is None or stage in question.best_at:
        return 0
    return 1 if not question.best_at else 2
