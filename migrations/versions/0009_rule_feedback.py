"""rule feedback: "Not helpful" reports per workspace and rule, and rules paused because of them

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rule_feedback",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("counted_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_after_nudges", sa.Integer(), nullable=True),
        sa.Column("paused_after_reports", sa.Integer(), nullable=True),
        sa.Column("admins_told_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("team_id", "rule", name=op.f("pk_rule_feedback")),
    )


def downgrade() -> None:
    op.drop_table("rule_feedback")
