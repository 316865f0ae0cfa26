"""working agreement: its change log, core hours and managers; request tallies for the metrics

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement_changes",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_changes")),
    )
    with op.batch_alter_table("agreement_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_changes_team_id_changed_at"), ["team_id", "changed_at"], unique=False
        )

    op.create_table(
        "lint_tallies",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "channel_id", "day", name=op.f("pk_lint_tallies")),
    )
    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("core_hours", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("managers", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.drop_column("managers")
        batch_op.drop_column("core_hours")

    op.drop_table("lint_tallies")
    with op.batch_alter_table("agreement_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_changes_team_id_changed_at"))

    op.drop_table("agreement_changes")
