"""nudges: workspace and channel settings, user profiles, nudge records (no message text)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channel_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column(
            "mode",
            sa.Enum("off", "nudge", "observe", name="channel_mode", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("lint_thread_replies", sa.Boolean(), nullable=False),
        sa.Column("disabled_rules", sa.String(length=200), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=True),
        sa.Column("member_count_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "channel_id", name=op.f("pk_channel_settings")),
    )
    op.create_table(
        "nudge_records",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("rule_ids", sa.String(length=200), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "observed",
                "nudged",
                "suppressed",
                "send_failed",
                "fixed",
                "reported",
                "paused",
                name="nudge_outcome",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("reported_rule_ids", sa.String(length=200), nullable=True),
        sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nudge_records")),
        sa.UniqueConstraint(
            "team_id", "channel_id", "message_ts", name=op.f("uq_nudge_records_team_id_channel_id_message_ts")
        ),
    )
    op.create_index(
        op.f("ix_nudge_records_team_id_user_id_created_at"),
        "nudge_records",
        ["team_id", "user_id", "created_at"],
    )

    op.create_table(
        "user_profiles",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("is_bot", sa.Boolean(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("nudges_paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_user_profiles")),
    )
    op.create_table(
        "workspace_settings",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("enterprise_id", sa.String(length=32), nullable=True),
        sa.Column(
            "default_channel_mode",
            sa.Enum("off", "nudge", "observe", name="channel_mode", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("anyone_can_set_channel_mode", sa.Boolean(), nullable=False),
        sa.Column("daily_nudge_cap", sa.Integer(), nullable=False),
        sa.Column("disabled_rules", sa.String(length=200), nullable=False),
        sa.Column("wall_of_text_words", sa.Integer(), nullable=False),
        sa.Column("broadcast_channel_size", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_workspace_settings")),
    )


def downgrade() -> None:
    op.drop_table("workspace_settings")
    op.drop_table("user_profiles")
    op.drop_index(op.f("ix_nudge_records_team_id_user_id_created_at"), table_name="nudge_records")

    op.drop_table("nudge_records")
    op.drop_table("channel_settings")
