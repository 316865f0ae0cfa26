"""decision records kept whole on import: a status another tool wrote, the layout of the imported file,
links other than superseding, records without a date, names in the status history; people's names;
the decision log's canvas

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("status_label", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("layout", sa.Text(), nullable=True))
        batch.alter_column("decided_on", existing_type=sa.Date(), nullable=True)
    with op.batch_alter_table("decision_status_changes") as batch:
        batch.alter_column(
            "changed_by", existing_type=sa.String(length=32), type_=sa.String(length=100), nullable=False
        )
    with op.batch_alter_table("user_profiles") as batch:
        batch.add_column(sa.Column("display_name", sa.String(length=100), nullable=True))
    with op.batch_alter_table("workspace_settings") as batch:
        batch.add_column(sa.Column("decision_log_canvas_id", sa.String(length=32), nullable=True))
    op.create_table(
        "decision_links",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("decision_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("relation", sa.String(length=60), nullable=False),
        sa.Column("target_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_decision_links_decision_id_decisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_links")),
    )
    op.create_index(
        op.f("ix_decision_links_team_id_decision_id"), "decision_links", ["team_id", "decision_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_decision_links_team_id_decision_id"), table_name="decision_links")
    op.drop_table("decision_links")
    with op.batch_alter_table("workspace_settings") as batch:
        batch.drop_column("decision_log_canvas_id")
    with op.batch_alter_table("user_profiles") as batch:
        batch.drop_column("display_name")
    with op.batch_alter_table("decision_status_changes") as batch:
        batch.alter_column(
            "changed_by", existing_type=sa.String(length=100), type_=sa.String(length=32), nullable=False
        )
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("layout")
        batch.drop_column("status_label")
