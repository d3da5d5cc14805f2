"""Evaluate: the user's criteria, ratings over time, questions asked.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from widenet.storage.tables import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _company() -> sa.Column[int]:
    return sa.Column(
        "company_id",
        sa.Integer(),
        sa.ForeignKey("companies.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "criteria",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("label", sa.String(120), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "key", name="uq_criteria_user_key"),
    )
    op.create_index("ix_criteria_user_id", "criteria", ["user_id"])
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _company(),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("after_stage", sa.String(20)),
        sa.Column("after_label", sa.String(80), nullable=False),
        sa.Column("confidence", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_ratings_company_on", "ratings", ["company_id", "on", "id"])
    op.create_table(
        "asked_questions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _company(),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("question_id", sa.String(60), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("at_stage", sa.String(20)),
        sa.Column("at_label", sa.String(80), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_asked_questions_company_on", "asked_questions", ["company_id", "on", "id"])


def downgrade() -> None:
    for table in ("asked_questions", "ratings", "criteria"):
        op.drop_table(table)
