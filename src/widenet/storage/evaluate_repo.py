"""Storage of the evaluation: the user's criteria, the append-only ratings and questions asked.

Ratings and asked questions are only ever added: no function here updates or deletes one.
A weight change keeps the earlier weight in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from widenet.evaluate.criteria import Criterion
from widenet.evaluate.questions import AskedQuestion
from widenet.evaluate.ratings import Confidence, Rating
from widenet.storage.repo import Store
from widenet.storage.tables import AskedQuestionRow, CompanyRow, CriterionRow, RatingRow
from widenet.track.stages import Stage

_STAGES = {stage.value: stage for stage in Stage}


# -- criteria ------------------------------------------------------------------------------
def criteria(store: Store) -> list[Criterion]:
    """The user's criteria in their order; empty before first use."""
    query = (
        select(CriterionRow)
        .where(CriterionRow.user_id == store.user_id)
        .order_by(CriterionRow.position, CriterionRow.id)
    )
    return [_criterion(row) for row in store.session.scalars(query)]


def add_criteria(store: Store, items: Iterable[Criterion]) -> None:
    """Append criteria after the existing ones (the defaults on first use, or one of the user's)."""
    position = store.session.scalar(
        select(func.coalesce(func.max(CriterionRow.position), 0)).where(
            CriterionRow.user_id == store.user_id
        )
    )
    for offset, item in enumerate(items, start=1):
        store.session.add(
            CriterionRow(
                user_id=store.user_id,
                key=item.key,
                label=item.label,
                weight=float(item.weight),
                position=(position or 0) + offset,
                aliases="\n".join(item.aliases),
                description=item.description,
            )
        )
    store.session.flush()


def set_weights(store: Store, weights: dict[str, float], *, at: datetime) -> dict[str, float]:
    """Change some weights; each earlier weight goes to the audit log. Returns the old weights
    of the criteria that really changed."""
    rows = store.session.scalars(
        select(CriterionRow).where(
            CriterionRow.user_id == store.user_id, CriterionRow.key.in_(list(weights))
        )
    )
    before: dict[str, float] = {}
    for row in rows:
        new = float(weights[row.key])
        if row.weight == new:
            continue
        before[row.key] = row.weight
        store.audit(
            "edit",
            "criterion",
            row.id,
            {"key": row.key, "before": {"weight": row.weight}, "after": {"weight": new}},
            at=at,
        )
        row.weight = new
    store.session.flush()
    return before


def _criterion(row: CriterionRow) -> Criterion:
    aliases = tuple(alias for alias in row.aliases.split("\n") if alias)
    return Criterion(row.key, row.label, row.weight, aliases, row.description)


# -- ratings -------------------------------------------------------------------------------
def add_ratings(store: Store, company_id: int, ratings: Iterable[Rating]) -> None:
    """Append one session's ratings; earlier ratings are never touched."""
    for rating in ratings:
        stage, label = _split(rating.after)
        store.session.add(
            RatingRow(
                company_id=company_id,
                criterion=rating.criterion,
                score=rating.score,
                on=rating.on,
                after_stage=stage,
                after_label=label,
                confidence=rating.confidence.value,
                note=rating.note,
            )
        )
    store.session.flush()


def ratings(store: Store, *, company_ids: Sequence[int] | None = None) -> list[Rating]:
    """The rating history (of some companies, or all), by date then in the order recorded."""
    query = (
        select(*_columns(RatingRow), CompanyRow.name.label("company"))
        .join(CompanyRow, CompanyRow.id == RatingRow.company_id)
        .where(CompanyRow.user_id == store.user_id)
        .order_by(RatingRow.on, RatingRow.id)
    )
    if company_ids is not None:
        query = query.where(RatingRow.company_id.in_(list(company_ids)))
    return [
        Rating(
            company=row.company,
            criterion=row.criterion,
            score=row.score,
            on=row.on,
            after=_join(row.after_stage, row.after_label),
            confidence=Confidence(row.confidence),
            note=row.note,
        )
        for row in store.session.execute(query)
    ]


def rating_count(store: Store) -> int:
    query = (
        select(func.count())
        .select_from(RatingRow)
        .join(CompanyRow, CompanyRow.id == RatingRow.company_id)
        .where(CompanyRow.user_id == store.user_id)
    )
    return int(store.session.scalar(query) or 0)


# -- questions asked -----------------------------------------------------------------------
def add_asked(store: Store, company_id: int, entry: AskedQuestion) -> None:
    stage, label = _split(entry.at)
    store.session.add(
        AskedQuestionRow(
            company_id=company_id,
            criterion=entry.criterion,
            question_id=entry.question_id,
            question=entry.question,
            on=entry.on,
            at_stage=stage,
            at_label=label,
            answer=entry.answer,
        )
    )
    store.session.flush()


def asked(store: Store, *, company_ids: Sequence[int] | None = None) -> list[AskedQuestion]:
    """Questions asked (at some companies, or all), by date then in the order recorded."""
    query = (
        select(*_columns(AskedQuestionRow), CompanyRow.name.label("company"))
        .join(CompanyRow, CompanyRow.id == AskedQuestionRow.company_id)
        .where(CompanyRow.user_id == store.user_id)
        .order_by(AskedQuestionRow.on, AskedQuestionRow.id)
    )
    if company_ids is not None:
        query = query.where(AskedQuestionRow.company_id.in_(list(company_ids)))
    return [
        AskedQuestion(
            company=row.company,
            criterion=row.criterion,
            question=row.question,
            on=row.on,
            at=_join(row.at_stage, row.at_label),
            answer=row.answer,
            question_id=row.question_id,
        )
        for row in store.session.execute(query)
    ]


# -- helpers -------------------------------------------------------------------------------
def _split(after: Stage | str) -> tuple[str | None, str]:
    """A stage goes to its own column so a label that reads like a stage stays a label."""
    return (after.value, "") if isinstance(after, Stage) else (None, after)


def _join(stage: str | None, label: str) -> Stage | str:
    return _STAGES[stage] if stage else label


def _columns(model: Any) -> list[Any]:
    return [column for column in model.__table__.columns if column.key != "created_at"]
