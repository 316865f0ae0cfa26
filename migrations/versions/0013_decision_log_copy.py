"""decisions: where the record's copy in the decision-log channel is, so status changes update it too

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("log_channel_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("log_ts", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("log_ts")
        batch.drop_column("log_channel_id")
