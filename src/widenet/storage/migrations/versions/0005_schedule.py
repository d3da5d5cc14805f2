"""Schedule: the user's availability and caps, windows offered to recruiters, CalDAV sync.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from widenet.storage.tables import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user() -> sa.Column[int]:
    return sa.Column(
        "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "schedule_settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user(),
        sa.Column("availability", sa.Text(), nullable=False),
        sa.Column("caps", sa.Text(), nullable=False),
        sa.Column("search_start", sa.Date()),
        sa.Column("feed_token", sa.String(64), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("user_id"),
        sa.UniqueConstraint("feed_token"),
    )
    op.create_table(
        "offered_windows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "company_id",
            sa.Integer(),
            sa.ForeignKey("companies.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("start", UTCDateTime(), nullable=False),
        sa.Column("end", UTCDateTime(), nullable=False),
        sa.Column("offered_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column(
            "interview_id", sa.Integer(), sa.ForeignKey("interviews.id", ondelete="SET NULL")
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_offered_windows_company_id", "offered_windows", ["company_id"])
    op.create_index("ix_offered_windows_status_end", "offered_windows", ["status", "end"])
    op.create_table(
        "calendar_syncs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user(),
        sa.Column("calendar_url", sa.String(1000), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("synced_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "calendar_url", name="uq_calendar_syncs_user_url"),
    )
    op.create_index("ix_calendar_syncs_user_id", "calendar_syncs", ["user_id"])


def downgrade() -> None:
    for table in ("calendar_syncs", "offered_windows", "schedule_settings"):
        op.drop_table(table)
