"""response expectations: tracked asks, holidays, working time and norms per workspace and person

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tracked_asks",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=False),
        sa.Column("thread_ts", sa.String(length=32), nullable=False),
        sa.Column("asker_id", sa.String(length=32), nullable=False),
        sa.Column("recipient_id", sa.String(length=32), nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column(
            "due_source",
            sa.Enum("stated", "norm", name="due_source", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("norm_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "answered",
                "resolved",
                "cancelled",
                "declined",
                name="ask_state",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("remind_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("asker_told_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracked_asks")),
        sa.UniqueConstraint(
            "team_id",
            "channel_id",
            "message_ts",
            "recipient_id",
            name=op.f("uq_tracked_asks_team_id_channel_id_message_ts_recipient_id"),
        ),
    )
    with op.batch_alter_table("tracked_asks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tracked_asks_state_due_at"), ["state", "due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tracked_asks_team_id_asker_id_state"),
            ["team_id", "asker_id", "state"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_tracked_asks_team_id_channel_id_thread_ts"),
            ["team_id", "channel_id", "thread_ts"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_tracked_asks_team_id_recipient_id_state"),
            ["team_id", "recipient_id", "state"],
            unique=False,
        )

    op.create_table(
        "workspace_holidays",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "day", name=op.f("pk_workspace_holidays")),
    )
    with op.batch_alter_table("user_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("work_start", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("work_end", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("work_days", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("away_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("away_until", sa.Date(), nullable=True))

    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("work_start", sa.String(length=5), nullable=False, server_default="09:00")
        )
        batch_op.add_column(
            sa.Column("work_end", sa.String(length=5), nullable=False, server_default="17:00")
        )
        batch_op.add_column(
            sa.Column("work_days", sa.String(length=40), nullable=False, server_default="mon-fri")
        )
        batch_op.add_column(sa.Column("default_tz", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("focus_blocks", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("norm_urgent_days", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("norm_normal_days", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("norm_complex_days", sa.Integer(), nullable=False, server_default="3"))
        batch_op.add_column(
            sa.Column(
                "ack_emoji", sa.String(length=200), nullable=False, server_default="white_check_mark,eyes"
            )
        )
        batch_op.add_column(
            sa.Column("surface_overdue_urgent", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.drop_column("surface_overdue_urgent")
        batch_op.drop_column("ack_emoji")
        batch_op.drop_column("norm_complex_days")
        batch_op.drop_column("norm_normal_days")
        batch_op.drop_column("norm_urgent_days")
        batch_op.drop_column("focus_blocks")
        batch_op.drop_column("default_tz")
        batch_op.drop_column("work_days")
        batch_op.drop_column("work_end")
        batch_op.drop_column("work_start")

    with op.batch_alter_table("user_profiles", schema=None) as batch_op:
        batch_op.drop_column("away_until")
        batch_op.drop_column("away_from")
        batch_op.drop_column("work_days")
        batch_op.drop_column("work_end")
        batch_op.drop_column("work_start")

    op.drop_table("workspace_holidays")
    with op.batch_alter_table("tracked_asks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tracked_asks_team_id_recipient_id_state"))
        batch_op.drop_index(batch_op.f("ix_tracked_asks_team_id_channel_id_thread_ts"))
        batch_op.drop_index(batch_op.f("ix_tracked_asks_team_id_asker_id_state"))
        batch_op.drop_index(batch_op.f("ix_tracked_asks_state_due_at"))

    op.drop_table("tracked_asks")
