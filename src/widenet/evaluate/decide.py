"""The decision matrix: companies still in play x criteria, weighted and ranked, offers beside."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from widenet.errors import InvalidInput
from widenet.evaluate.criteria import Criteria
from widenet.evaluate.ratings import HIGHEST, LOWEST, Rating, latest_ratings
from widenet.evaluate.score import Score, score_of

#: The column key of the compensation the caller supplies (beside the criteria's keys).
COMPENSATION = "offer"
#: Totals are compared to this many decimals: 4·3/4 and 3·3/3 must tie, not differ by 1e-16.
DIGITS = 10


@dataclass(frozen=True)
class MatrixRow:
    """One company: its latest ratings, scores, and its place in the ranking."""

    company: str
    ratings: Mapping[str, int]  # latest score per rated criterion
    score: Score  # the criteria alone, as in the company's history
    compensation: int | None  # as supplied, e.g. a 4-year value in minor units
    compensation_score: float | None  # the same on the 1-5 scale (best offer = 5)
    total: float | None  # what the ranking uses: criteria and, if weighted, compensation
    coverage: float  # share of all the weight (compensation included) that is known
    rank: int | None  # 1 = first choice; None when nothing weighted is known


@dataclass(frozen=True)
class DecisionMatrix:
    criteria: Criteria
    compensation_weight: float
    rows: tuple[MatrixRow, ...]  # ranked rows first (best first), then rows with no total

    @property
    def leader(self) -> str | None:
        return self.rows[0].company if self.rows and self.rows[0].rank == 1 else None

    @property
    def ranked(self) -> tuple[MatrixRow, ...]:
        return tuple(row for row in self.rows if row.rank is not None)

    def weights(self) -> dict[str, float]:
        """Every column that counts toward the total, with its weight."""
        weights = self.criteria.weights()
        if self.compensation_weight > 0:
            weights[COMPENSATION] = self.compensation_weight
        return weights

    def values(self, row: MatrixRow) -> dict[str, float]:
        """The known values (1-5) of a row's weighted columns."""
        values: dict[str, float] = {key: float(score) for key, score in row.ratings.items()}
        if self.compensation_weight > 0 and row.compensation_score is not None:
            values[COMPENSATION] = row.compensation_score
        return values


def decision_matrix(
    history: Iterable[Rating],
    companies: Sequence[str],
    criteria: Criteria,
    *,
    compensation: Mapping[str, int] | None = None,
    compensation_weight: float = 0.0,
    as_of: date | None = None,
) -> DecisionMatrix:
    """Rank ``companies`` (those still in play) on the latest ratings and optional offers.

    ``compensation`` maps a company to one number, higher is better (e.g. the 4-year value of
    its offer in minor units); values for companies not in ``companies`` are ignored. It is
    put on the 1-5 scale as ``1 + 4 x value / best value`` and, when ``compensation_weight``
    is above 0, counts like one more criterion of that weight; at 0 it is shown only.
    """
    _check_companies(companies)
    if COMPENSATION in criteria and compensation_weight > 0:
        raise InvalidInput(
            f"A criterion is named {COMPENSATION!r}, like the compensation column; rename it.",
            field="criteria",
        )
    offers = _check_compensation(compensation or {}, companies, compensation_weight)
    scaled = compensation_scores(offers)
    history = tuple(history)
    total_weight = criteria.total_weight + compensation_weight
    rows = []
    for company in companies:
        latest = {
            key: rating
            for key, rating in latest_ratings(history, company, as_of=as_of).items()
            if key in criteria
        }
        score = score_of(latest.values(), criteria)
        known = {key: float(rating.score) for key, rating in latest.items()}
        weights = criteria.weights()
        if compensation_weight > 0 and company in scaled:
            known[COMPENSATION] = scaled[company]
            weights[COMPENSATION] = compensation_weight
        total, known_weight = _weighted_mean(known, weights)
        rows.append(
            MatrixRow(
                company,
                {key: rating.score for key, rating in latest.items()},
                score,
                offers.get(company),
                scaled.get(company),
                total,
                known_weight / total_weight,
                None,
            )
        )
    return DecisionMatrix(criteria, compensation_weight, rank_rows(rows))


def _weighted_mean(
    values: Mapping[str, float], weights: Mapping[str, float]
) -> tuple[float | None, float]:
    known_weight = math.fsum(weights[key] for key in values)
    if known_weight <= 0:
        return None, 0.0
    return math.fsum(weights[key] * value for key, value in values.items()) / known_weight, (
        known_weight
    )


def same(total: float) -> float:
    """A total rounded so that equal means reached by different sums tie, as they should."""
    return round(total, DIGITS)


def rank_rows(rows: Iterable[MatrixRow]) -> tuple[MatrixRow, ...]:
    """Best total first; equal totals by name; rows without a total last, unranked."""
    ordered = sorted(
        rows,
        key=lambda row: (row.total is None, -same(row.total or 0.0), row.company.casefold()),
    )
    return tuple(
        _with_rank(row, index + 1 if row.total is not None else None)
        for index, row in enumerate(ordered)
    )


def _with_rank(row: MatrixRow, rank: int | None) -> MatrixRow:
    return MatrixRow(
        row.company,
        row.ratings,
        row.score,
        row.compensation,
        row.compensation_score,
        row.total,
        row.coverage,
        rank,
    )


def compensation_scores(offers: Mapping[str, int]) -> dict[str, float]:
    """Offers on the 1-5 scale, proportional to the best: 1 + 4 x value / best.

    Proportional (not min-max) so an offer 5% below the best loses 0.2 points, not all of
    them; when every value is 0 they all score 5.
    """
    best = max(offers.values(), default=0)
    span = HIGHEST - LOWEST
    return {
        company: LOWEST + span * value / best if best > 0 else float(HIGHEST)
        for company, value in offers.items()
    }


def totals(matrix: DecisionMatrix, weights: Mapping[str, float]) -> dict[str, float | None]:
    """Each company's total if the columns had ``weights`` instead (same missing-value rule)."""
    return {
        row.company: _weighted_mean(
            {k: v for k, v in matrix.values(row).items() if k in weights}, weights
        )[0]
        for row in matrix.rows
    }


def leader_under(matrix: DecisionMatrix, weights: Mapping[str, float]) -> str | None:
    """The first choice if the columns had ``weights``; ties go to the earlier name."""
    scored = [
        (total, company) for company, total in totals(matrix, weights).items() if total is not None
    ]
    if not scored:
        return None
    return min(scored, key=lambda pair: (-same(pair[0]), pair[1].casefold()))[1]


def _check_companies(companies: Sequence[str]) -> None:
    seen: set[str] = set()
    for company in companies:
        if not company.strip():
            raise InvalidInput("A company in the matrix has an empty name.", field="companies")
        if company in seen:
            raise InvalidInput(f"{company!r} is listed twice.", field="companies")
        seen.add(company)


def _check_compensation(
    offers: Mapping[str, int], companies: Sequence[str], weight: float
) -> dict[str, int]:
    if isinstance(weight, bool) or not math.isfinite(weight) or weight < 0:
        raise InvalidInput(
            f"{weight!r} is not a usable weight: use a number of 0 or more.",
            field="compensation_weight",
        )
    in_play = set(companies)
    kept = {company: value for company, value in offers.items() if company in in_play}
    for company, value in kept.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(
                f"{value!r} is not an amount: use a whole number of minor units, 0 or more.",
                field=f"compensation.{company}",
            )
    if weight > 0 and not kept:
        raise InvalidInput(
            "A compensation weight needs compensation for at least one company in play.",
            field="compensation_weight",
        )
    return kept
