"""decisions: numbered decision records, their status history, a decision-log channel setting

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "accepted",
                "rejected",
                "deprecated",
                "superseded",
                name="decision_status",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("consequences_good", sa.Text(), nullable=False),
        sa.Column("consequences_bad", sa.Text(), nullable=False),
        sa.Column("decision_makers", sa.String(length=1000), nullable=False),
        sa.Column("consulted", sa.String(length=1000), nullable=False),
        sa.Column("informed", sa.String(length=1000), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("review_by", sa.Date(), nullable=True),
        sa.Column("feedback_by", sa.Date(), nullable=True),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("thread_ts", sa.String(length=32), nullable=True),
        sa.Column("permalink", sa.String(length=500), nullable=True),
        sa.Column("posted_ts", sa.String(length=32), nullable=True),
        sa.Column("supersedes", sa.Integer(), nullable=True),
        sa.Column("superseded_by", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("team_id", "number", name=op.f("uq_decisions_team_id_number")),
    )
    op.create_index(op.f("ix_decisions_team_id_status"), "decisions", ["team_id", "status"])

    op.create_table(
        "decision_status_changes",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("decision_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "proposed",
                "accepted",
                "rejected",
                "deprecated",
                "superseded",
                name="decision_status",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "proposed",
                "accepted",
                "rejected",
                "deprecated",
                "superseded",
                name="decision_status",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("changed_by", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_decision_status_changes_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_status_changes")),
    )
    op.create_index(
        op.f("ix_decision_status_changes_team_id_decision_id"),
        "decision_status_changes",
        ["team_id", "decision_id"],
    )

    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_log_channel", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.drop_column("decision_log_channel")

    op.drop_index(
        op.f("ix_decision_status_changes_team_id_decision_id"), table_name="decision_status_changes"
    )

    op.drop_table("decision_status_changes")
    op.drop_index(op.f("ix_decisions_team_id_status"), table_name="decisions")

    op.drop_table("decisions")
