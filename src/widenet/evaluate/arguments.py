"""Reading ``criterion=value`` arguments as typed on the command line, with clear errors."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

from widenet.errors import InvalidInput, Problem
from widenet.evaluate.criteria import Criteria
from widenet.evaluate.ratings import HIGHEST, LOWEST

T = TypeVar("T")


def parse_scores(arguments: Sequence[str], criteria: Criteria) -> dict[str, int]:
    """Read ``team=4 manager=3`` into ``{"team": 4, "manager": 3}``, keyed by criterion key.

    Names are resolved like :meth:`Criteria.find` (``wlb=4`` means work_life). Every wrong
    argument is reported at once, in order, in one :class:`InvalidInput`.
    """
    if not arguments:
        raise InvalidInput(
            "Give at least one rating as criterion=score, e.g. team=4 manager=3.", field="scores"
        )
    return _parse(arguments, criteria, what="score", convert=_score)


def parse_weights(arguments: Sequence[str], criteria: Criteria) -> dict[str, float]:
    """Read ``team=3 manager=2.5`` into ``{"team": 3.0, "manager": 2.5}``.

    The result is checked as a whole: applying it must leave weights that do not sum to zero.
    """
    if not arguments:
        raise InvalidInput(
            "Give at least one weight as criterion=weight, e.g. team=3.", field="weights"
        )
    weights = _parse(arguments, criteria, what="weight", convert=_weight)
    criteria.with_weights(weights)  # raises when the weights would then sum to zero
    return weights


def _score(raw: str) -> int:
    try:
        score = int(raw)
    except ValueError:
        whole = " (ratings are whole numbers)" if _is_number(raw) else ""
        raise ValueError(f"{raw!r} is not a score from {LOWEST} to {HIGHEST}{whole}.") from None
    if not LOWEST <= score <= HIGHEST:
        raise ValueError(
            f"{score} is outside {LOWEST}-{HIGHEST} (1 = poor, 3 = fine, 5 = excellent)."
        )
    return score


def _weight(raw: str) -> float:
    if not _is_number(raw):
        raise ValueError(f"{raw!r} is not a number.")
    weight = float(raw)
    if not math.isfinite(weight) or weight < 0:
        raise ValueError(f"{raw!r} must be a number of 0 or more (0 ignores the criterion).")
    return weight


def _parse(
    arguments: Sequence[str], criteria: Criteria, *, what: str, convert: Callable[[str], T]
) -> dict[str, T]:
    """Split each ``name=value``, resolve the name, convert the value; collect every problem."""
    values: dict[str, T] = {}
    given: dict[str, str] = {}
    problems: list[Problem] = []
    hints: list[str] = []
    for number, argument in enumerate(arguments, start=1):
        name, sep, raw = (part.strip() for part in argument.partition("="))
        where = name or f"argument {number}"
        if not sep:
            problems.append(Problem(_no_equals(argument, what), field=f"argument {number}"))
            continue
        if not name or not raw:
            missing = "names no criterion" if not name else f"has no {what} after '='"
            problems.append(Problem(f"{argument!r} {missing}.", field=where))
            continue
        try:
            key = criteria.find(name, field=name).key
            if key in given:
                raise InvalidInput(
                    f"given twice ({given[key]!r} and {argument!r}); keep one.", field=key
                )
            given[key] = argument
            values[key] = convert(raw)
        except InvalidInput as error:
            problems.extend(error.problems)
            hints.extend([error.hint] if error.hint else [])
        except ValueError as error:
            problems.append(Problem(str(error), field=key))
    if problems:
        raise InvalidInput(
            _summary(problems), field=problems[0].field, problems=problems, hint=" ".join(hints)
        )
    return values


def _no_equals(argument: str, what: str) -> str:
    for wrong in (":", " "):
        if wrong in argument.strip():
            fixed = argument.strip().replace(wrong, "=", 1)
            return f"{argument!r} is not criterion={what}; write {fixed!r}."
    example = "team=4" if what == "score" else "team=3"
    return f"{argument!r} is not criterion={what}; write it like {example}."


def _is_number(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True


def _summary(problems: Sequence[Problem]) -> str:
    if len(problems) == 1:
        return problems[0].describe()
    return f"{len(problems)} arguments are wrong: " + " ".join(
        problem.describe() for problem in problems
    )
