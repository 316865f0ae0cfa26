"""standups: a channel"s configuration, each day"s run and each person"s entry

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "standup_entries",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Enum("prompted", "answered", "away", name="entry_status", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("prompted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answers", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_late", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("shown_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standup_entries")),
        sa.UniqueConstraint("run_id", "user_id", name=op.f("uq_standup_entries_run_id_user_id")),
    )
    with op.batch_alter_table("standup_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_standup_entries_team_id_user_id"), ["team_id", "user_id"], unique=False
        )

    op.create_table(
        "standup_runs",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("standup_id", sa.Integer(), nullable=False),
        sa.Column("run_date", sa.Date(), nullable=False),
        sa.Column("digest_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("digest_built_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standup_runs")),
        sa.UniqueConstraint("standup_id", "run_date", name=op.f("uq_standup_runs_standup_id_run_date")),
    )
    with op.batch_alter_table("standup_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_standup_runs_team_id_digest_built_at"),
            ["team_id", "digest_built_at"],
            unique=False,
        )

    op.create_table(
        "standups",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("days", sa.String(length=40), nullable=False),
        sa.Column("prompt_time", sa.String(length=5), nullable=False),
        sa.Column("fixed_tz", sa.String(length=64), nullable=True),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("follows_channel", sa.Boolean(), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("digest_time", sa.String(length=5), nullable=True),
        sa.Column("digest_tz", sa.String(length=64), nullable=True),
        sa.Column("digest_after_hours", sa.Integer(), nullable=True),
        sa.Column("digest_in_thread", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standups")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_standups_team_id_channel_id")),
    )


def downgrade() -> None:
    op.drop_table("standups")
    with op.batch_alter_table("standup_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standup_runs_team_id_digest_built_at"))

    op.drop_table("standup_runs")
    with op.batch_alter_table("standup_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standup_entries_team_id_user_id"))

    op.drop_table("standup_entries")
