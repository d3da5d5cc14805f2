"""Small builders shared by the evaluate tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from widenet.evaluate import Confidence, Criteria, Criterion, Rating
from widenet.track.stages import Stage

DAY = date(2026, 11, 2)


def criteria(**weights: float) -> Criteria:
    return Criteria(
        tuple(Criterion(key, key.capitalize(), weight) for key, weight in weights.items())
    )


def rated(
    company: str,
    scores: Mapping[str, int],
    *,
    on: date = DAY,
    after: Stage | str = Stage.ONSITE,
    confidence: Confidence = Confidence.MEDIUM,
) -> list[Rating]:
    return [Rating(company, key, score, on, after, confidence) for key, score in scores.items()]


def table(rows: Mapping[str, Mapping[str, int]]) -> list[Rating]:
    """One session per company: ``{"X": {"a": 5, "b": 1}}``."""
    return [rating for company, scores in rows.items() for rating in rated(company, scores)]
