"""Ratings of a company on a criterion, and their append-only history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from widenet.errors import InvalidInput, Problem
from widenet.evaluate.criteria import Criteria, unknown_criterion
from widenet.track.stages import Stage, resolve

LOWEST, HIGHEST = 1, 5
MAX_LABEL = 80


class Confidence(StrEnum):
    """How sure a rating is: what it rests on."""

    LOW = "low"  # a guess: the posting, reviews, hearsay, an impression from a short call
    MEDIUM = "medium"  # told by someone inside (recruiter, interviewer), not yet seen first hand
    HIGH = (
        "high"  # learned first hand: met the person, saw the code, asked and got a straight answer
    )

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Rating:
    """One score from 1 (poor) to 5 (excellent) for one criterion of one company, on one day."""

    company: str
    criterion: str  # a criterion key
    score: int
    on: date
    after: Stage | str = ""  # the stage or event it followed; a free label when no stage fits
    confidence: Confidence = Confidence.MEDIUM
    note: str = ""

    @property
    def after_label(self) -> str:
        return after_label(self.after)


def after_label(after: Stage | str) -> str:
    """How a stage or free event label is shown: "Onsite", "coffee with a former colleague"."""
    return after.label if isinstance(after, Stage) else after


def check_score(value: object, *, field: str) -> int:
    """A whole number 1-5, or a clear error naming the field."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(
            f"{value!r} is not a whole number from {LOWEST} to {HIGHEST}.", field=field
        )
    if not LOWEST <= value <= HIGHEST:
        raise InvalidInput(
            f"{value} is outside {LOWEST}-{HIGHEST} (1 = poor, 3 = fine, 5 = excellent).",
            field=field,
        )
    return value


def make_ratings(
    company: str,
    scores: Mapping[str, int],
    *,
    criteria: Criteria,
    on: date,
    after: Stage | str = "",
    confidence: Confidence = Confidence.MEDIUM,
    note: str = "",
) -> tuple[Rating, ...]:
    """One rating session (``rate acme team=4 manager=3 --after onsite``), checked whole.

    Criterion names are resolved like :meth:`Criteria.find`; every problem is reported at once
    and nothing is returned when there is one.
    """
    if not company.strip():
        raise InvalidInput("Name the company the ratings are for.", field="company")
    if not scores:
        raise InvalidInput("Give at least one rating, e.g. team=4.", field="scores")
    problems: list[Problem] = []
    ratings: dict[str, Rating] = {}
    for name, score in scores.items():
        try:
            key = criteria.find(name).key
            if key in ratings:
                raise InvalidInput(f"{key!r} is rated twice.", field=key)
            checked = check_score(score, field=key)
        except InvalidInput as error:
            problems.extend(error.problems or [Problem(error.message, field=error.field)])
            continue
        ratings[key] = Rating(
            company.strip(), key, checked, on, _checked_after(after), confidence, note.strip()
        )
    if problems:
        raise _invalid(problems)
    return tuple(ratings.values())


def _invalid(problems: Sequence[Problem]) -> InvalidInput:
    if len(problems) == 1:
        message = problems[0].describe()
    else:
        message = f"{len(problems)} ratings are wrong: " + "; ".join(
            problem.describe() for problem in problems
        )
    return InvalidInput(message, field=problems[0].field, problems=problems)


def _checked_after(after: Stage | str) -> Stage | str:
    if isinstance(after, Stage):
        return after
    label = " ".join(after.split())
    if len(label) > MAX_LABEL:
        raise InvalidInput(f"Keep the event label under {MAX_LABEL} characters.", field="after")
    return label


def parse_after(text: str, *, known: Mapping[str, Stage] | None = None) -> Stage | str:
    """What ``--after`` names: a stage (built-in or the user's own step names), else a label."""
    stage = resolve(text, known=dict(known) if known else None)
    return stage if stage is not None else _checked_after(text)


_CONFIDENCE_NAMES = {
    "l": Confidence.LOW,
    "low": Confidence.LOW,
    "guess": Confidence.LOW,
    "m": Confidence.MEDIUM,
    "med": Confidence.MEDIUM,
    "medium": Confidence.MEDIUM,
    "h": Confidence.HIGH,
    "high": Confidence.HIGH,
    "sure": Confidence.HIGH,
}


def parse_confidence(text: str, *, field: str = "confidence") -> Confidence:
    """``low`` / ``medium`` / ``high`` (or l, m, h)."""
    found = _CONFIDENCE_NAMES.get(text.strip().casefold())
    if found is None:
        raise InvalidInput(
            f"{text!r} is not a confidence; use low, medium or high "
            "(low = a guess, medium = told by someone inside, high = seen first hand).",
            field=field,
        )
    return found


def add_ratings(
    history: Sequence[Rating], new: Iterable[Rating], *, criteria: Criteria
) -> tuple[Rating, ...]:
    """The history with ``new`` appended. Earlier ratings are kept as they were, never replaced;
    the inputs are not changed. Refuses the whole batch if any new rating is invalid."""
    added = tuple(new)
    problems: list[Problem] = []
    for index, rating in enumerate(added):
        problems.extend(_rating_problems(rating, criteria, index=index))
    if problems:
        raise _invalid(problems)
    return (*history, *added)


def _rating_problems(rating: Rating, criteria: Criteria, *, index: int) -> list[Problem]:
    problems: list[Problem] = []
    if rating.criterion not in criteria:
        problems.extend(unknown_criterion(rating.criterion, criteria).problems)
    try:
        check_score(rating.score, field=rating.criterion)
    except InvalidInput as error:
        problems.extend(error.problems)
    if not rating.company.strip():
        problems.append(Problem(f"rating {index + 1} names no company.", field="company"))
    return problems


def in_order(ratings: Iterable[Rating]) -> list[Rating]:
    """Ratings by date; on the same day, in the order they were recorded."""
    return sorted(ratings, key=lambda rating: rating.on)


def ratings_of(history: Iterable[Rating], company: str) -> list[Rating]:
    """One company's ratings in order (the company name as the history spells it)."""
    return in_order(rating for rating in history if rating.company == company)


def latest_ratings(
    history: Iterable[Rating], company: str, *, as_of: date | None = None
) -> dict[str, Rating]:
    """The rating in force for each criterion of a company: the latest on or before ``as_of``."""
    latest: dict[str, Rating] = {}
    for rating in ratings_of(history, company):
        if as_of is None or rating.on <= as_of:
            latest[rating.criterion] = rating
    return latest


def companies_in(history: Iterable[Rating]) -> list[str]:
    """Every company rated at least once, in order of first rating."""
    return list(dict.fromkeys(rating.company for rating in in_order(history)))
